"""Stratum-0 facts: what the rule engines are given, summarised from observations.

Each criterion with at least one observation gets one ``evidence`` fact: how many observations
support it (at or above the rubric's confidence threshold), from how many distinct documents, how
many refute it, and how many only plan it. Each dimension with at least one supporting or
refuting observation gets one ``dimension`` fact. Every fact is unique, so a rule fires at most
once per combination of facts, in any engine.
"""

from __future__ import annotations

from collections import defaultdict

from maturity.engine.classify import Observation
from maturity.rubric import Rubric


def evidence_facts(rubric: Rubric, observations: list[Observation]) -> dict[str, list[dict]]:
    """Facts per dimension id, each list in a canonical order."""
    threshold = rubric.min_confidence
    by_criterion: dict[str, list[Observation]] = defaultdict(list)
    for obs in observations:
        by_criterion[obs.criterion].append(obs)
    out: dict[str, list[dict]] = {}
    for dim in rubric.dimensions:
        facts = []
        usable = 0
        for level, crit in dim.criteria():
            found = by_criterion.get(crit.id)
            if not found:
                continue
            supporting = [o for o in found if o.stance == "supports" and o.confidence >= threshold]
            refuting = [o for o in found if o.stance == "refutes" and o.confidence >= threshold]
            usable += len(supporting) + len(refuting)
            facts.append({
                "t": "evidence",
                "id": f"evidence:{crit.id}",
                "criterion": crit.id,
                "dimension": dim.id,
                "stage": level,
                "supports": len(supporting),
                "documents": len({o.document for o in supporting}),
                "refutes": len(refuting),
                "plans": sum(1 for o in found if o.stance == "none"),
                "observations": len(found),
            })
        if usable:
            facts.append({"t": "dimension", "id": f"dimension:{dim.id}", "dimension": dim.id, "observations": usable})
        out[dim.id] = facts
    return out
