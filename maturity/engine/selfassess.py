"""Self-assessment: the stage a person ticks per dimension, and a 12-month target.

Compared with the evidenced stage, it flags over-claims (claimed above what evidence supports)
and claims about dimensions with no evidence at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Annotated

from maturity.datafile import STRICT, Invalid, Meta, validate
from maturity.engine.errors import SelfAssessmentError
from maturity.rubric import Rubric


@dataclass(frozen=True)
class Tick:
    __pydantic_config__ = STRICT
    claimed: Annotated[int, Meta(ge=1)]
    target: Annotated[int | None, Meta(ge=1)] = None
    notes: str = ""


@dataclass(frozen=True)
class SelfAssessment:
    __pydantic_config__ = STRICT
    framework: str
    dimensions: dict[str, Tick]
    assessor: str = ""
    date: dt.date | str = ""


def load(path: str | Path, rubric: Rubric) -> dict:
    import yaml  # only when a self-assessment is given

    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SelfAssessmentError(f"{path}: cannot read self-assessment ({exc.strerror})") from exc
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise SelfAssessmentError(f"{path}: not valid YAML ({exc})") from exc
    try:
        sa = validate(SelfAssessment, data)
    except Invalid as exc:
        raise SelfAssessmentError(f"{path}: invalid self-assessment", problems=exc.problems) from exc
    problems = []
    if sa.framework != rubric.id:
        problems.append(f"framework: is {sa.framework!r}, but the assessment uses {rubric.id!r}")
    known = {d.id for d in rubric.dimensions}
    for dim_id, tick in sa.dimensions.items():
        if dim_id not in known:
            problems.append(f"dimensions.{dim_id}: not a dimension of {rubric.id} ({', '.join(sorted(known))})")
        for field in ("claimed", "target"):
            value = getattr(tick, field)
            if value is not None and value > rubric.top:
                problems.append(f"dimensions.{dim_id}.{field}: {value} is above the top stage {rubric.top}")
    if problems:
        raise SelfAssessmentError(f"{path}: does not fit framework {rubric.id}", problems=problems)
    return {"path": path.as_posix(), "assessor": sa.assessor, "date": str(sa.date),
            "dimensions": {k: asdict(v) for k, v in sa.dimensions.items()}}


def compare(self_assessment: dict, result: dict) -> list[dict]:
    rows = []
    for dim in result["dimensions"]:
        tick = self_assessment["dimensions"].get(dim["id"])
        if tick is None:
            continue
        claimed, evidenced = tick["claimed"], dim["stage"]
        if evidenced is None:
            flag = "no evidence for the claim" if claimed > 1 else ""
        elif claimed > evidenced:
            flag = "over-claim"
        elif claimed < evidenced:
            flag = "under-claim"
        else:
            flag = ""
        rows.append({"dimension": dim["id"], "claimed": claimed, "evidenced": evidenced,
                     "target": tick["target"], "flag": flag, "notes": tick["notes"]})
    return rows
