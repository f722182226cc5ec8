"""The rubric: a maturity framework described as data.

A rubric file (YAML, loaded with ``yaml.safe_load``) declares a framework's stage scale, its
dimensions, a descriptor per dimension and stage, the criteria evidence must satisfy to reach
each stage, and how dimension stages aggregate into an overall result. Every model forbids
unknown keys, so a misspelt field is an error rather than a silently ignored line.

Signals and counter-signals are written in a small phrase syntax (see ``maturity.engine.signals``):
``detractor + call back | phone | contact*`` means "a sentence that mentions a detractor and
one of calling back, phoning or contacting".
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from maturity.engine.errors import RubricError

ID_PATTERN = r"^[a-z0-9][a-z0-9_.-]*$"

# libyaml's safe loader is ten times faster than the pure-Python one and builds the same data.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Strict):
    """Where the framework comes from."""

    title: str
    reference: str = Field(description="File, URL or citation of the source article.")
    note: str = ""


class Stage(_Strict):
    """One step of the framework's ordered stage scale."""

    level: int = Field(ge=1)
    name: str
    tagline: str = ""
    guidance: str = Field("", description="What an organization at this stage should focus on next to reach the "
                          "stage above (for the top stage: how to stay there).")


class MetricCheck(_Strict):
    """A threshold that structured evidence (a metrics row from CSV/JSON/YAML) can meet or miss.

    A row whose name (or one of the aliases) matches, ignoring case and punctuation, supports the
    criterion when ``value op threshold`` holds and refutes it when it does not."""

    name: str
    aliases: list[str] = Field(default_factory=list)
    op: Literal[">=", ">", "<=", "<", "=="]
    value: float
    unit: str | None = Field(None, description="When set, only rows in this unit count (case-insensitive).")


class Criterion(_Strict):
    """A statement evidence must support for a dimension to reach a stage."""

    id: str = Field(pattern=ID_PATTERN)
    statement: str
    signals: list[str] = Field(default_factory=list, description="Phrases that support the statement.")
    metrics: list[MetricCheck] = Field(default_factory=list, description="Thresholds structured evidence can meet.")
    counter_signals: list[str] = Field(default_factory=list, description="Phrases that refute it.")
    corroboration: int = Field(1, ge=1, le=3, description="Distinct documents that must support it.")
    required: bool = Field(False, description="The stage cannot be reached without this criterion.")
    limits: bool = Field(
        False,
        description="The criterion describes a limitation of its stage (\"a Head of CX exists but lacks "
        "authority\"): when it holds, the stage above is refuted unless evidence supports that stage.",
    )


class Cell(_Strict):
    """A dimension at one stage: its descriptor and its criteria."""

    label: str = ""
    descriptor: str
    criteria: list[Criterion] = Field(default_factory=list)


class Dimension(_Strict):
    id: str = Field(pattern=ID_PATTERN)
    name: str
    stages: dict[int, Cell]

    def criteria(self) -> list[tuple[int, Criterion]]:
        return [(level, c) for level in sorted(self.stages) for c in self.stages[level].criteria]


class Band(_Strict):
    """A range of the overall score with its meaning and focus (e.g. the matrix's 9-13 "Defined")."""

    min: int
    max: int
    name: str
    label: str = ""
    summary: str = ""
    focus: str = ""


class Aggregation(_Strict):
    """How dimension stages combine into the overall result.

    ``sum``: the total of the dimension stages, read against ``bands`` (the matrix's /20).
    ``lowest``: the overall stage is the lowest rated dimension's stage.
    ``between``: as ``lowest``, and when some dimensions are further along the organization is
    "between stage N and N+1"; the focus is stage N+1's guidance (the next step).
    A dimension that is not rated counts as ``not_rated_counts_as`` where a number is needed,
    and the result says so.
    """

    method: Literal["sum", "lowest", "between"]
    not_rated_counts_as: int = 1
    bands: list[Band] = Field(default_factory=list)


class Rubric(_Strict):
    id: str = Field(pattern=ID_PATTERN)
    name: str
    version: str
    source: Source
    description: str = ""
    rating: Literal["best_fit", "cumulative"] = Field(
        description="best_fit: highest stage whose descriptor evidence supports, lower stages implied "
        "unless refuted. cumulative: every stage up to the rated one needs its own evidence."
    )
    min_confidence: float = Field(0.5, ge=0.0, le=1.0)
    stages: list[Stage] = Field(min_length=2)
    dimensions: list[Dimension] = Field(min_length=1)
    aggregation: Aggregation

    @field_validator("stages")
    @classmethod
    def _stages_are_a_scale(cls, stages: list[Stage]) -> list[Stage]:
        levels = [s.level for s in stages]
        if levels != list(range(1, len(stages) + 1)):
            raise ValueError(f"stage levels must be 1..{len(stages)} in order, got {levels}")
        return stages

    @model_validator(mode="after")
    def _references_resolve(self) -> "Rubric":
        levels = {s.level for s in self.stages}
        seen_dims: set[str] = set()
        seen_criteria: set[str] = set()
        for dim in self.dimensions:
            if dim.id in seen_dims:
                raise ValueError(f"duplicate dimension id {dim.id!r}")
            seen_dims.add(dim.id)
            if set(dim.stages) != levels:
                raise ValueError(
                    f"dimension {dim.id!r} must describe every stage {sorted(levels)}, got {sorted(dim.stages)}"
                )
            for level, crit in dim.criteria():
                if not crit.signals and not crit.metrics:
                    raise ValueError(f"criterion {crit.id!r} needs signals or metrics: nothing could ever evidence it")
                if crit.limits and level == len(self.stages):
                    raise ValueError(f"criterion {crit.id!r} limits the top stage, which has no stage above it")
                if any(sig.strip().lower().startswith("absent:") for sig in crit.counter_signals):
                    raise ValueError(f"criterion {crit.id!r}: 'absent:' is for signals, not counter_signals")
                if crit.id in seen_criteria:
                    raise ValueError(f"duplicate criterion id {crit.id!r}")
                seen_criteria.add(crit.id)
        for band in self.aggregation.bands:
            if band.min > band.max:
                raise ValueError(f"band {band.name!r} has min {band.min} above max {band.max}")
        return self

    # -- look-ups used by the engine and the renderers ------------------------------------------

    def stage(self, level: int) -> Stage:
        return self.stages[level - 1]

    def dimension(self, dimension_id: str) -> Dimension:
        for dim in self.dimensions:
            if dim.id == dimension_id:
                return dim
        raise KeyError(dimension_id)

    def criterion(self, criterion_id: str) -> tuple[Dimension, int, Criterion]:
        for dim in self.dimensions:
            for level, crit in dim.criteria():
                if crit.id == criterion_id:
                    return dim, level, crit
        raise KeyError(criterion_id)

    @property
    def top(self) -> int:
        return len(self.stages)


class LoadedRubric(BaseModel):
    """A validated rubric with the hash of the exact bytes it came from."""

    model_config = ConfigDict(frozen=True)

    rubric: Rubric
    path: str
    sha256: str


def load_rubric(path: str | Path) -> LoadedRubric:
    """Read and validate a rubric file; every problem is raised as a ``RubricError``."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RubricError(f"{path}: cannot read rubric ({exc.strerror})", remedy="check the path") from exc
    return parse_rubric(raw, str(path))


@lru_cache(maxsize=1)
def _validator_digest() -> str:
    """Hash of the code that validates rubrics (this module and the signal syntax)."""
    code = hashlib.sha256()
    for module in (__file__, Path(__file__).parent / "engine" / "signals.py"):
        code.update(Path(module).read_bytes())
    return code.hexdigest()[:16]


def _cache_path(sha: str) -> Path:
    """Where a validated rubric is cached: keyed by its bytes and by the code that validates it,
    so an edited rubric or an edited schema is never served from a stale entry."""
    base = os.environ.get("MATURITY_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "maturity")
    return Path(base) / "rubrics" / f"{sha}-{_validator_digest()}.json"


def parse_rubric(raw: bytes, name: str) -> LoadedRubric:
    sha = hashlib.sha256(raw).hexdigest()
    cache = _cache_path(sha)
    try:
        return LoadedRubric(rubric=Rubric.model_validate_json(cache.read_bytes()), path=name, sha256=sha)
    except (OSError, ValidationError, ValueError):
        pass  # not cached yet (or unreadable): validate from the source below
    loaded = _parse_rubric(raw, name, sha)
    try:  # best effort: a read-only home directory only costs speed
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(loaded.rubric.model_dump_json(), encoding="utf-8")
        os.replace(tmp, cache)
    except OSError:
        pass
    return loaded


def _parse_rubric(raw: bytes, name: str, sha: str) -> LoadedRubric:
    try:
        data = yaml.load(raw, Loader=SafeLoader)  # noqa: S506 - a safe loader (libyaml's when available)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{name}:{mark.line + 1}" if mark else name
        raise RubricError(f"{where}: not valid YAML ({getattr(exc, 'problem', exc)})") from exc
    if not isinstance(data, dict):
        raise RubricError(f"{name}: a rubric must be a mapping of fields, got {type(data).__name__}")
    try:
        rubric = Rubric.model_validate(data)
    except ValidationError as exc:
        raise RubricError(
            f"{name}: invalid rubric",
            problems=[f"{name}: {_location(err['loc'])}: {err['msg']}" for err in exc.errors()],
        ) from exc
    from maturity.engine.signals import SignalSyntaxError, compile_signal

    problems = []
    for dim in rubric.dimensions:
        for level, crit in dim.criteria():
            for kind in ("signals", "counter_signals"):
                for i, text in enumerate(getattr(crit, kind)):
                    try:
                        compile_signal(text)
                    except SignalSyntaxError as exc:
                        problems.append(f"{name}: criterion {crit.id} {kind}[{i}]: {exc}")
    if problems:
        raise RubricError(f"{name}: invalid signals", problems=problems)
    return LoadedRubric(rubric=rubric, path=name, sha256=sha)


def _location(loc: tuple) -> str:
    return ".".join(str(part) for part in loc) or "(top level)"


def rubric_json_schema() -> dict:
    return Rubric.model_json_schema()


def lint(rubric: Rubric) -> list[str]:
    """Problems the schema cannot see: unreachable stages and signals shared between criteria."""
    problems = []
    for dim in rubric.dimensions:
        for level in range(2, rubric.top + 1):
            if not dim.stages[level].criteria:
                consequence = "can never be rated" if rubric.rating == "best_fit" else "blocks every stage above it"
                problems.append(f"dimensions.{dim.id}.stages.{level}: no criteria, so stage {level} {consequence}")
    owners: dict[str, str] = {}
    for dim in rubric.dimensions:
        for _, crit in dim.criteria():
            for text in crit.signals:
                key = " ".join(text.lower().split())
                if key in owners and owners[key] != crit.id:
                    problems.append(f"criterion {crit.id}: signal {text!r} is also a signal of {owners[key]}")
                owners.setdefault(key, crit.id)
    return problems
