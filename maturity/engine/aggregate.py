"""From rule firings to ratings, and from ratings to the framework's result.

Ratings are read off the facts the rules produced: a criterion without a ``criterion`` fact is
``not_rated`` (no usable evidence), a dimension without a ``rating`` fact is ``not_rated``. The
overall result follows the rubric's aggregation; where it needs a number, a not-rated dimension
counts as the rubric's floor and the result names it.
"""

from __future__ import annotations

from maturity.engine.classify import Observation
from maturity.engine.rules import Firing
from maturity.rubric import Rubric

GAP_REASONS = {
    "not_rated": "no evidence found",
    "conflicting": "evidence both supports and refutes it",
    "uncorroborated": "supported, but by fewer independent documents than it needs",
    "refuted": "evidence says it is not in place",
    "supported": "holds",
}


def rate(rubric: Rubric, facts: dict[str, list[dict]], firings: dict[str, list[Firing]],
         observations: list[Observation]) -> dict:
    """Criterion and dimension ratings with the rule that decided each."""
    by_criterion: dict[str, list[str]] = {}
    for obs in observations:
        by_criterion.setdefault(obs.criterion, []).append(obs.id)
    criteria, dimensions = [], []
    for dim in rubric.dimensions:
        evidence = {f["criterion"]: f for f in facts[dim.id] if f["t"] == "evidence"}
        produced = {}
        for firing in firings[dim.id]:
            fact = dict(firing.produced)
            produced[fact["id"]] = (fact, firing.rule)
        for level, crit in dim.criteria():
            fact, rule = produced.get(f"criterion:{crit.id}", (None, None))
            ev = evidence.get(crit.id, {})
            criteria.append({
                "id": crit.id,
                "dimension": dim.id,
                "stage": level,
                "statement": crit.statement,
                "required": crit.required,
                "corroboration": crit.corroboration,
                "status": fact["status"] if fact else "not_rated",
                "reason": fact["reason"] if fact else ("only plans found" if ev.get("plans") else "not_rated"),
                "rule": rule,
                "supports": ev.get("supports", 0),
                "documents": ev.get("documents", 0),
                "refutes": ev.get("refutes", 0),
                "plans": ev.get("plans", 0),
                "observations": by_criterion.get(crit.id, []),
            })
        rating, rule = produced.get(f"rating:{dim.id}", (None, None))
        stages = {}
        for level in range(2, rubric.top + 1):
            if f"stage:{dim.id}:{level}:supported" in produced:
                stages[level] = "supported"
            elif f"stage:{dim.id}:{level}:refuted" in produced:
                stages[level] = "refuted"
            else:
                stages[level] = "no_evidence"
        dimensions.append({
            "id": dim.id,
            "stage": rating["stage"] if rating else None,
            "status": "rated" if rating else "not_rated",
            "rule": rule,
            "stages": {str(k): v for k, v in stages.items()},
            "reached": sorted(f["stage"] for f, _ in produced.values() if f["t"] == "reach"),
        })
    return {"criteria": criteria, "dimensions": dimensions}


def result(rubric: Rubric, ratings: dict) -> dict:
    """Stage per dimension, the overall score or stage, and the gaps to each next stage."""
    criteria = ratings["criteria"]
    dims_out = []
    for dim, rating in zip(rubric.dimensions, ratings["dimensions"]):
        stage = rating["stage"]
        cell = dim.stages[stage] if stage else None
        entry = {
            "id": dim.id,
            "name": dim.name,
            "stage": stage,
            "stage_name": rubric.stage(stage).name if stage else None,
            "status": rating["status"],
            "label": cell.label if cell else None,
            "descriptor": cell.descriptor if cell else None,
            "rule": rating["rule"],
            "next_stage": _next_stage(rubric, dim, stage, rating, criteria),
        }
        if stage is None:
            entry["counted_as"] = rubric.aggregation.not_rated_counts_as
        dims_out.append(entry)
    return {"framework": rubric.id, "dimensions": dims_out, "overall": _overall(rubric, dims_out), "gaps": _top_gaps(dims_out)}


def _next_stage(rubric: Rubric, dim, stage: int | None, rating: dict, criteria: list[dict]) -> dict | None:
    current = stage or 1
    if current >= rubric.top:
        return None
    target = current + 1
    # a limitation of the next stage is not something to achieve
    limits = {c.id for _, c in dim.criteria() if c.limits}
    mine = [c for c in criteria if c["dimension"] == dim.id and c["stage"] == target and c["id"] not in limits]
    missing = [
        {"criterion": c["id"], "statement": c["statement"], "status": c["status"],
         "why": GAP_REASONS.get(c["reason"], c["reason"])}
        for c in mine if c["status"] != "satisfied"
    ]
    blocked_by = [
        {"stage": int(level), "status": "refuted"}
        for level, status in rating["stages"].items() if status == "refuted" and int(level) <= target
    ]
    return {
        "stage": target,
        "stage_name": rubric.stage(target).name,
        "descriptor": dim.stages[target].descriptor,
        "missing": missing,
        "blocked_by": blocked_by,
    }


def _overall(rubric: Rubric, dims: list[dict]) -> dict:
    agg = rubric.aggregation
    not_rated = [d["id"] for d in dims if d["stage"] is None]
    values = [d["stage"] if d["stage"] is not None else agg.not_rated_counts_as for d in dims]
    out: dict = {"method": agg.method, "not_rated": not_rated}
    if not_rated:
        out["note"] = (f"{len(not_rated)} dimension(s) not rated for lack of evidence "
                       f"({', '.join(not_rated)}); each counts as {agg.not_rated_counts_as}")
    if agg.method == "sum":
        score = sum(values)
        out.update(score=score, min_score=len(dims), max_score=len(dims) * rubric.top)
        band = next((b for b in agg.bands if b.min <= score <= b.max), None)
        out.update(band=band.name if band else None, band_label=band.label if band else None,
                   summary=band.summary if band else None, focus=band.focus if band else None)
        out["stage"] = None
    else:  # lowest, between
        low, high = min(values), max(values)
        out.update(score=None, max_score=None, band=None, stage=low, stage_name=rubric.stage(low).name,
                   focus=rubric.stage(low).guidance, between=None)
        if agg.method == "between" and high > low:
            out["between"] = [low, low + 1]
    return out


def _top_gaps(dims: list[dict], limit: int = 5) -> list[dict]:
    """The missing criteria of the lowest dimensions first: where the next stage is closest to hand."""
    gaps = []
    for d in sorted(dims, key=lambda d: (d["stage"] or 0, d["id"])):
        nxt = d["next_stage"]
        if not nxt:
            continue
        for m in nxt["missing"]:
            gaps.append({"dimension": d["id"], "to_stage": nxt["stage"], **m})
    # criteria with some evidence (partly, refuted) are closer to hand than ones with none
    order = {"partly": 0, "not_satisfied": 1, "not_rated": 2}
    gaps.sort(key=lambda g: (order.get(g["status"], 3),))
    return gaps[:limit]
