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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from maturity.datafile import STRICT, Invalid, Meta, json_schema, load_cached, validate
from maturity.engine.errors import RubricError

ID_PATTERN = r"^[a-z0-9][a-z0-9_.-]*$"

Id = Annotated[str, Meta(pattern=ID_PATTERN)]


@dataclass(frozen=True)
class Source:
    """Where the framework comes from."""

    __pydantic_config__ = STRICT
    title: str
    reference: Annotated[str, Meta("File, URL or citation of the source article.")]
    note: str = ""


@dataclass(frozen=True)
class Stage:
    """One step of the framework's ordered stage scale."""

    __pydantic_config__ = STRICT
    level: Annotated[int, Meta(ge=1)]
    name: str
    tagline: str = ""
    guidance: Annotated[str, Meta("What an organization at this stage should focus on next to reach the stage "
                                  "above (for the top stage: how to stay there).")] = ""


@dataclass(frozen=True)
class MetricCheck:
    """A threshold that structured evidence (a metrics row from CSV/JSON/YAML) can meet or miss.

    A row whose name (or one of the aliases) matches, ignoring case and punctuation, supports the
    criterion when ``value op threshold`` holds and refutes it when it does not."""

    __pydantic_config__ = STRICT
    name: str
    op: Literal[">=", ">", "<=", "<", "=="]
    value: float
    aliases: list[str] = field(default_factory=list)
    unit: Annotated[str | None, Meta("When set, only rows in this unit count (case-insensitive).")] = None


@dataclass(frozen=True)
class Criterion:
    """A statement evidence must support for a dimension to reach a stage."""

    __pydantic_config__ = STRICT
    id: Id
    statement: str
    signals: Annotated[list[str], Meta("Phrases that support the statement.")] = field(default_factory=list)
    metrics: Annotated[list[MetricCheck], Meta("Thresholds structured evidence can meet.")] = field(default_factory=list)
    counter_signals: Annotated[list[str], Meta("Phrases that refute it.")] = field(default_factory=list)
    corroboration: Annotated[int, Meta("Distinct documents that must support it.", ge=1, le=3)] = 1
    required: Annotated[bool, Meta("The stage cannot be reached without this criterion.")] = False
    limits: Annotated[bool, Meta(
        "The criterion describes a limitation of its stage (\"a Head of CX exists but lacks authority\"): when it "
        "holds, the stage above is refuted unless evidence supports that stage.")] = False


@dataclass(frozen=True)
class Cell:
    """A dimension at one stage: its descriptor and its criteria."""

    __pydantic_config__ = STRICT
    descriptor: str
    label: str = ""
    criteria: list[Criterion] = field(default_factory=list)


@dataclass(frozen=True)
class Dimension:
    __pydantic_config__ = STRICT
    id: Id
    name: str
    stages: dict[int, Cell]

    def criteria(self) -> list[tuple[int, Criterion]]:
        return [(level, c) for level in sorted(self.stages) for c in self.stages[level].criteria]


@dataclass(frozen=True)
class Band:
    """A range of the overall score with its meaning and focus (e.g. the matrix's 9-13 "Defined")."""

    __pydantic_config__ = STRICT
    min: int
    max: int
    name: str
    label: str = ""
    summary: str = ""
    focus: str = ""


@dataclass(frozen=True)
class Aggregation:
    """How dimension stages combine into the overall result.

    ``sum``: the total of the dimension stages, read against ``bands`` (the matrix's /20).
    ``lowest``: the overall stage is the lowest rated dimension's stage.
    ``between``: as ``lowest``, and when some dimensions are further along the organization is
    "between stage N and N+1"; the focus is stage N+1's guidance (the next step).
    A dimension that is not rated counts as ``not_rated_counts_as`` where a number is needed,
    and the result says so.
    """

    __pydantic_config__ = STRICT
    method: Literal["sum", "lowest", "between"]
    not_rated_counts_as: int = 1
    bands: list[Band] = field(default_factory=list)


@dataclass(frozen=True)
class Rubric:
    __pydantic_config__ = STRICT
    id: Id
    name: str
    version: str
    source: Source
    rating: Annotated[Literal["best_fit", "cumulative"], Meta(
        "best_fit: highest stage whose descriptor evidence supports, lower stages implied unless refuted. "
        "cumulative: every stage up to the rated one needs its own evidence.")]
    stages: Annotated[list[Stage], Meta(min_length=2)]
    dimensions: Annotated[list[Dimension], Meta(min_length=1)]
    aggregation: Aggregation
    description: str = ""
    min_confidence: Annotated[float, Meta(ge=0.0, le=1.0)] = 0.5

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


@dataclass(frozen=True)
class LoadedRubric:
    """A validated rubric with the hash of the exact bytes it came from."""

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


# The code whose behaviour decides what a valid rubric is: a change to it invalidates the cache.
_VALIDATORS = (Path(__file__), Path(__file__).parent / "engine" / "signals.py")


def parse_rubric(raw: bytes, name: str) -> LoadedRubric:
    rubric = load_cached(raw, Rubric, lambda data: _validated(data, name), _VALIDATORS)
    return LoadedRubric(rubric=rubric, path=name, sha256=hashlib.sha256(raw).hexdigest())


def validate_rubric(data: dict) -> Rubric:
    """A ``Rubric`` from already parsed data; raises ``Invalid`` listing every problem."""
    rubric = validate(Rubric, data)
    problems = _consistency(rubric)
    if problems:
        raise Invalid(problems)
    return rubric


def _validated(raw: bytes, name: str) -> Rubric:
    import yaml  # only when a rubric is not in the cache

    # libyaml's safe loader is ten times faster than the pure-Python one and builds the same data.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(raw, Loader=loader)  # noqa: S506 - a safe loader (libyaml's when available)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{name}:{mark.line + 1}" if mark else name
        raise RubricError(f"{where}: not valid YAML ({getattr(exc, 'problem', exc)})") from exc
    if not isinstance(data, dict):
        raise RubricError(f"{name}: a rubric must be a mapping of fields, got {type(data).__name__}")
    try:
        rubric = validate_rubric(data)
    except Invalid as exc:
        raise RubricError(f"{name}: invalid rubric", problems=[f"{name}: {p}" for p in exc.problems]) from exc
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
    return rubric


def _consistency(rubric: Rubric) -> list[str]:
    """What the field types cannot say: the stage scale, unique ids, references that resolve."""
    levels = [s.level for s in rubric.stages]
    if levels != list(range(1, len(levels) + 1)):
        return [f"stages: stage levels must be 1..{len(levels)} in order, got {levels}"]
    problems = []
    seen_dims: set[str] = set()
    seen_criteria: set[str] = set()
    for d, dim in enumerate(rubric.dimensions):
        where = f"dimensions.{d} ({dim.id})"
        if dim.id in seen_dims:
            problems.append(f"{where}: duplicate dimension id {dim.id!r}")
        seen_dims.add(dim.id)
        if sorted(dim.stages) != levels:
            problems.append(f"{where}: dimension {dim.id!r} must describe every stage {levels}, got {sorted(dim.stages)}")
        for level, crit in dim.criteria():
            if not crit.signals and not crit.metrics:
                problems.append(f"{where}: criterion {crit.id!r} needs signals or metrics: nothing could ever evidence it")
            if crit.limits and level == len(levels):
                problems.append(f"{where}: criterion {crit.id!r} limits the top stage, which has no stage above it")
            if any(sig.strip().lower().startswith("absent:") for sig in crit.counter_signals):
                problems.append(f"{where}: criterion {crit.id!r}: 'absent:' is for signals, not counter_signals")
            if crit.id in seen_criteria:
                problems.append(f"{where}: duplicate criterion id {crit.id!r}")
            seen_criteria.add(crit.id)
    for b, band in enumerate(rubric.aggregation.bands):
        if band.min > band.max:
            problems.append(f"aggregation.bands.{b}: band {band.name!r} has min {band.min} above max {band.max}")
    return problems


def rubric_json_schema() -> dict:
    return json_schema(Rubric)


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
