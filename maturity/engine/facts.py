"""Stratum-0 facts: what the rule engines are given, summarised from observations.

Each criterion with at least one observation gets one ``evidence`` fact: how many observations
support it (at or above the rubric's confidence threshold), from how many distinct documents, how
many refute it, and how many only plan it. Each dimension with at least one supporting or
refuting observation gets one ``dimension`` fact. Every fact is unique, so a rule fires at most
once per combination of facts, in any engine.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from maturity.engine.classify import Observation
from maturity.rubric import Rubric


@dataclass
class _Tally:
    supports: int = 0
    documents: set[str] = field(default_factory=set)
    refutes: int = 0
    plans: int = 0
    observations: int = 0


def evidence_facts(rubric: Rubric, observations: Iterable[Observation]) -> dict[str, list[dict]]:
    """Facts per dimension id, each list in a canonical order. Reads the observations once, in
    order, keeping only counts (a large bundle's observations are on disk)."""
    threshold = rubric.min_confidence
    tallies: dict[str, _Tally] = {}
    for obs in observations:
        tally = tallies.get(obs.criterion)
        if tally is None:
            tally = tallies[obs.criterion] = _Tally()
        tally.observations += 1
        if obs.stance == "none":
            tally.plans += 1
        elif obs.confidence >= threshold:
            if obs.stance == "supports":
                tally.supports += 1
                tally.documents.add(obs.document)
            elif obs.stance == "refutes":
                tally.refutes += 1
    out: dict[str, list[dict]] = {}
    for dim in rubric.dimensions:
        facts = []
        usable = 0
        for level, crit in dim.criteria():
            tally = tallies.get(crit.id)
            if tally is None:
                continue
            usable += tally.supports + tally.refutes
            facts.append({
                "t": "evidence",
                "id": f"evidence:{crit.id}",
                "criterion": crit.id,
                "dimension": dim.id,
                "stage": level,
                "supports": tally.supports,
                "documents": len(tally.documents),
                "refutes": tally.refutes,
                "plans": tally.plans,
                "observations": tally.observations,
            })
        if usable:
            facts.append({"t": "dimension", "id": f"dimension:{dim.id}", "dimension": dim.id, "observations": usable})
        out[dim.id] = facts
    return out
