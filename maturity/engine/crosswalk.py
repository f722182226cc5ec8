"""Crosswalks: which dimensions of different frameworks speak about the same thing, and where
one body of evidence rates them differently.

A crosswalk is plugin data (YAML, validated with ``extra="forbid"``) registered through the
``register_crosswalks`` hook. Stages are compared on a normalized 0..1 scale (stage 1 is 0, the
top stage is 1); a link is flagged when two frameworks' stages differ by more than one step of
the coarser of the two scales, naming the evidence behind each side.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from maturity.datafile import STRICT, Invalid, Meta, load_cached, validate
from maturity.engine.errors import MaturityError


@dataclass(frozen=True)
class Link:
    __pydantic_config__ = STRICT
    name: str
    dimensions: Annotated[dict[str, list[str]], Meta("framework id -> the dimension ids it maps here")]


@dataclass(frozen=True)
class Crosswalk:
    __pydantic_config__ = STRICT
    id: str
    version: str
    links: Annotated[list[Link], Meta(min_length=1)]
    description: str = ""


def load_crosswalk(source) -> Crosswalk:
    name = getattr(source, "name", str(source))
    try:
        raw = source.read_bytes() if hasattr(source, "read_bytes") else Path(source).read_bytes()
    except OSError as exc:
        raise MaturityError(f"{name}: cannot read crosswalk ({exc.strerror})") from exc
    return load_cached(raw, Crosswalk, lambda data: _validated(data, name), (Path(__file__),))


def _validated(raw: bytes, name: str) -> Crosswalk:
    import yaml  # only when the crosswalk is not in the cache

    try:
        return validate(Crosswalk, yaml.safe_load(raw))
    except yaml.YAMLError as exc:
        raise MaturityError(f"{name}: not valid YAML ({exc})") from exc
    except Invalid as exc:
        raise MaturityError(f"{name}: invalid crosswalk", problems=[f"{name}: {p}" for p in exc.problems]) from exc


def check_references(crosswalk: Crosswalk, frameworks: dict) -> list[str]:
    """Problems with dimension ids of installed frameworks (links to absent frameworks are fine)."""
    problems = []
    for i, link in enumerate(crosswalk.links):
        for fid, dims in link.dimensions.items():
            if fid not in frameworks:
                continue
            known = {d.id for d in frameworks[fid].rubric.dimensions}
            for dim in dims:
                if dim not in known:
                    problems.append(f"{crosswalk.id}: links.{i} ({link.name}): {fid} has no dimension {dim!r}")
    return problems


def _normalized(section: dict, dims: list[str]) -> tuple[float, float, list[dict]] | None:
    top = len(section["framework"]["stages"])
    rated = [d for d in section["result"]["dimensions"] if d["id"] in dims and d["stage"] is not None]
    if not rated:
        return None
    value = sum((d["stage"] - 1) / (top - 1) for d in rated) / len(rated)
    return value, 1 / (top - 1), rated


def _evidence(section: dict, dim: dict, quotes: dict[str, dict], limit: int = 2) -> list[dict]:
    held = [c for c in section["ratings"]["criteria"]
            if c["dimension"] == dim["id"] and c["stage"] == dim["stage"] and c["status"] == "satisfied"]
    out = []
    for c in held:
        for oid in c["observations"][:limit]:
            o = quotes[oid]
            if o["stance"] == "supports":
                out.append({"criterion": c["id"], "observation": oid, "quote": o["quote"]})
    return out[:limit]


def _quotable(section: dict, limit: int = 2) -> dict[str, dict]:
    """The observations ``_evidence`` may quote from this section, picked in one pass over its
    observations (a large bundle's are on disk, and never all held at once)."""
    ids = {oid for c in section["ratings"]["criteria"] if c["status"] == "satisfied" for oid in c["observations"][:limit]}
    return {o["id"]: o for o in section["observations"] if o["id"] in ids} if ids else {}


def compare(registry, sections: list[dict]) -> dict:
    by_id = {s["framework"]["id"]: s for s in sections}
    quotes: dict[str, dict[str, dict]] = {}  # per framework, read when a disagreement first needs it

    def evidence(fid: str, rated: list[dict]) -> list[dict]:
        if fid not in quotes:
            quotes[fid] = _quotable(by_id[fid])
        return [e for d in rated for e in _evidence(by_id[fid], d, quotes[fid])]

    out = {"crosswalks": [], "links": []}
    for cw in registry.crosswalks:
        out["crosswalks"].append({"id": cw.id, "version": cw.version})
        for link in cw.links:
            sides = []
            for fid, dims in link.dimensions.items():
                if fid in by_id:
                    found = _normalized(by_id[fid], dims)
                    if found:
                        sides.append((fid, found))
            if len(sides) < 2:
                continue
            entry = {"crosswalk": cw.id, "link": link.name, "stages": {}, "disagreements": []}
            for fid, (value, _step, rated) in sides:
                entry["stages"][fid] = {"normalized": round(value, 3), "dimensions": {d["id"]: d["stage"] for d in rated}}
            for i, (fa, (va, sa, ra)) in enumerate(sides):
                for fb, (vb, sb, rb) in sides[i + 1:]:
                    if abs(va - vb) > max(sa, sb) + 1e-9:
                        entry["disagreements"].append({
                            "frameworks": [fa, fb], "difference": round(abs(va - vb), 3),
                            "evidence": {fa: evidence(fa, ra), fb: evidence(fb, rb)},
                        })
            out["links"].append(entry)
    return out
