"""Metrics as evidence: structured rows (name, value, unit, date) read against rubric thresholds.

A row whose name matches a criterion's metric check becomes an observation like any sentence:
it supports the criterion when the threshold is met and refutes it when it is missed, with the
row itself (document, location, value) as its quote.
"""

from __future__ import annotations

import operator
import re

from maturity.engine.classify import Observation
from maturity.rubric import Rubric

_OPS = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt, "==": operator.eq}
CONFIDENCE = 0.85  # a measured number is direct evidence; no reading of prose is involved


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", name.lower()).strip()


def observe_metrics(rubric: Rubric, documents) -> list[Observation]:
    checks = []
    for dim in rubric.dimensions:
        for level, crit in dim.criteria():
            for i, check in enumerate(crit.metrics):
                names = {_key(n) for n in [check.name, *check.aliases]}
                checks.append((dim.id, level, crit.id, i, check, names))
    out: list[Observation] = []
    for doc in documents:
        for n, metric in enumerate(getattr(doc, "metrics", ())):
            for dim_id, level, crit_id, i, check, names in checks:
                if _key(metric.name) not in names:
                    continue
                if check.unit and (metric.unit or "").lower() != check.unit.lower():
                    continue
                met = _OPS[check.op](metric.value, check.value)
                unit = f" {metric.unit}" if metric.unit else ""
                date = f" ({metric.date.isoformat()})" if metric.date else ""
                out.append(Observation(
                    id=f"{doc.id}:metric{n + 1}/{crit_id}", passage=f"{doc.id}:{metric.location}", document=doc.id,
                    dimension=dim_id, stage=level, criterion=crit_id, stance="supports" if met else "refutes",
                    polarity="current", confidence=CONFIDENCE, method=f"metric:{crit_id}#{i}",
                    signal=f"{check.name} {check.op} {check.value:g}{' ' + check.unit if check.unit else ''}",
                    cue="" if met else "threshold missed",
                    quote=f"{metric.location}: {metric.name} = {metric.value:g}{unit}{date}", line=0, specificity=0,
                ))
    return out
