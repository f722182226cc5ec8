"""The assessment pipeline, in one direction:

documents -> passages -> observations -> facts -> rule firings -> ratings -> result -> record

Evidence is ingested once however many frameworks are assessed. A record for one framework has
that framework's sections at the top level (``framework``, ``observations``, ``trace``,
``ratings``, ``result``...); a record for several has them in ``assessments``, one per framework,
plus the ``crosswalk`` comparison between them.
"""

from __future__ import annotations

import datetime as dt
import platform
from dataclasses import asdict
from pathlib import Path

from maturity.engine import aggregate, selfassess
from maturity.engine.classify import for_framework
from maturity.engine.classify_pool import classify_passages
from maturity.engine.engines import get_engine
from maturity.engine.errors import EvidenceError, MaturityError
from maturity.engine.evidence import DEFAULT_MAX_BYTES, Evidence, ingest
from maturity.engine.facts import evidence_facts
from maturity.engine.formats import SUPPORTED
from maturity.engine.metrics import observe_metrics
from maturity.engine.record import RECORD_VERSION, JsonView
from maturity.engine.rules import compile_rubric

FRAMEWORK_SECTIONS = ("framework", "classifier", "observations", "facts", "rulesets", "trace", "ratings", "result",
                      "self_assessment")


def assess(paths, framework: str | list[str], *, self_assessment: str | Path | None = None, engine: str | None = None,
           registry=None, max_bytes: int = DEFAULT_MAX_BYTES, exclude: list[str | Path] = (),
           include: list[str] | None = None, as_of=None, max_age=None, progress=None, workers: int | None = None) -> dict:
    """Assess the evidence under ``paths`` against one framework (or several) and return the record.

    ``include``/``exclude`` (globs), ``max_bytes``, ``as_of`` and ``max_age`` select the evidence
    (see ``maturity.engine.evidence.ingest``). ``progress(stage, done, total)`` reports long runs:
    ``stage`` is "reading" (files) or "classifying" (passages, per framework). ``workers`` caps the
    processes that parse and classify a large bundle (None: one per CPU); the record does not
    depend on it. The record's ``observations`` and ``passages`` are ``JsonView`` lists over spools
    (``maturity.engine.spool``, mostly on disk for a large bundle): they read as lists of dicts,
    and ``json`` writes them as arrays."""
    from maturity import __version__
    from maturity.host import load_frameworks

    registry = registry or load_frameworks()
    ids = resolve_ids(registry, [framework] if isinstance(framework, str) else list(framework))
    frameworks = [registry.get(i) for i in ids]
    if self_assessment and len(frameworks) > 1:
        raise MaturityError("a self-assessment belongs to one framework", remedy="assess with a single --framework")
    claims = selfassess.load(self_assessment, frameworks[0].rubric) if self_assessment else None
    rule_engine = get_engine(engine)

    excluded = [p if isinstance(p, str) else Path(p) for p in exclude]
    excluded += [Path(self_assessment)] if self_assessment else []
    report = (lambda stage: (lambda done, total: progress(stage, done, total))) if progress else (lambda stage: None)
    evidence = ingest(list(paths), max_bytes=max_bytes, exclude=excluded, include=include, as_of=as_of, max_age=max_age,
                      progress=report("reading"), workers=workers)
    if not evidence.documents:
        skipped = "; ".join(f"{s.path}: {s.reason}" for s in evidence.skipped) or "no files found"
        raise EvidenceError(f"no usable evidence in {', '.join(map(str, paths))} ({skipped})",
                            remedy=f"supported formats: {SUPPORTED}")

    sections = [_assess_one(fw, registry, evidence, rule_engine, claims, report(f"classifying ({fw.id})"), workers)
                for fw in frameworks]
    record = {
        "record_version": RECORD_VERSION,
        "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "tool": {"name": "maturity", "version": __version__, "python": platform.python_version()},
        "engine": rule_engine.name,
        "plugins": [p.to_json() for p in registry.plugins],
        "evidence": evidence.manifest(),
        "passages": JsonView(evidence.passages),
    }
    if len(sections) == 1:
        record.update(sections[0])
    else:
        from maturity.engine.crosswalk import compare

        record["assessments"] = sections
        record["crosswalk"] = compare(registry, sections)
    return record


def resolve_ids(registry, requested: list[str]) -> list[str]:
    """Framework ids in the order asked, ``all`` expanding to every registered framework."""
    ids: list[str] = []
    for name in requested:
        for fid in (sorted(registry.frameworks) if name == "all" else [name]):
            if fid not in ids:
                registry.get(fid)  # raises with a did-you-mean for an unknown id
                ids.append(fid)
    if not ids:
        raise MaturityError("no framework to assess", remedy="install a framework plugin (see `maturity plugins`)")
    return ids


def _assess_one(fw, registry, evidence: Evidence, rule_engine, claims, progress=None, workers=None) -> dict:
    rubric = fw.rubric
    classifier = for_framework(fw)
    observations = classify_passages(classifier, evidence.passages, workers=workers, progress=progress)
    observations.extend(observe_metrics(rubric, evidence.documents))
    facts = evidence_facts(rubric, observations)
    rulesets = compile_rubric(rubric)
    firings = {dim.id: rule_engine.evaluate(rs, facts[dim.id]) for dim, rs in zip(rubric.dimensions, rulesets)}
    ratings = aggregate.rate(rubric, facts, firings, observations)
    result = aggregate.result(rubric, ratings)
    explains = {r.id: r.explains for rs in rulesets for r in rs.rules}
    plugin = next((p for p in registry.plugins if p.name == fw.plugin), None)
    return {
        "framework": {
            "id": rubric.id, "name": rubric.name, "version": rubric.version, "rubric_sha256": fw.loaded.sha256,
            "plugin": plugin.to_json() if plugin else {"name": fw.plugin},
            "source": asdict(rubric.source), "rating": rubric.rating,
            "stages": [asdict(s) for s in rubric.stages], "min_confidence": rubric.min_confidence,
        },
        "classifier": {"method": classifier.method, "llm_calls": []},
        "observations": JsonView(observations),
        "facts": [f for dim in rubric.dimensions for f in facts[dim.id]],
        "rulesets": [{"name": rs.name, "sha256": rs.digest, "rules": len(rs.rules)} for rs in rulesets],
        "trace": [dict(f.to_json(), dimension=dim, explains=explains[f.rule]) for dim, fs in firings.items() for f in fs],
        "ratings": ratings,
        "result": result,
        "self_assessment": dict(claims, comparison=selfassess.compare(claims, result)) if claims else None,
    }


def sections_of(record: dict) -> list[dict]:
    """The per-framework sections of a record, whichever shape it has."""
    if "assessments" in record:
        return record["assessments"]
    return [{k: record.get(k) for k in FRAMEWORK_SECTIONS}]
