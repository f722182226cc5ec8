"""Data files (rubrics, crosswalks) as frozen dataclasses: validated once, then read from a cache.

The shapes are plain ``dataclasses``, so the engine can use them without importing pydantic
(about 0.1 s of every run on our 2-core machine, once its schemas are built). pydantic validates a
file the first time its exact bytes are seen: unknown keys are errors (``STRICT``), and the
constraints and descriptions written as ``Meta(...)`` in the field annotations become checks and
JSON Schema. The validated data is cached as JSON under a name made of the file's sha256 and a
hash of the code that validates it, so an edited file or an edited schema is never served stale;
a damaged or unwritable cache only costs speed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import typing
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, TypeVar

T = TypeVar("T")

# pydantic reads this config from a plain dataclass: a misspelt key is an error, never ignored.
STRICT = {"extra": "forbid"}


class Meta:
    """Constraints (``ge``, ``le``, ``pattern``, ``min_length``) and a description for one field,
    written inside ``Annotated[...]``. Only pydantic looks at it, through the two hooks below."""

    def __init__(self, description: str | None = None, **constraints: Any):
        self.description = description
        self.constraints = constraints

    def __get_pydantic_core_schema__(self, source, handler):
        schema = handler(source)
        schema.update(self.constraints)
        return schema

    def __get_pydantic_json_schema__(self, core_schema, handler):
        schema = handler(core_schema)
        if self.description:
            schema["description"] = self.description
        return schema


class Invalid(ValueError):
    """A data file that does not fit its shape; ``problems`` are 'location: message' lines."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def validate(cls: type[T], data: Any) -> T:
    """Check ``data`` against the dataclass ``cls`` (with pydantic) and build it."""
    from pydantic import TypeAdapter, ValidationError

    try:
        return _adapter(cls, TypeAdapter).validate_python(data)
    except ValidationError as exc:
        raise Invalid([f"{_location(e['loc'])}: {_message(e)}" for e in exc.errors()]) from exc


@lru_cache(maxsize=None)
def _adapter(cls, adapter_type):
    return adapter_type(cls)


def json_schema(cls: type) -> dict:
    from pydantic import TypeAdapter

    return _adapter(cls, TypeAdapter).json_schema()


def _location(loc: tuple) -> str:
    return ".".join(str(part) for part in loc) or "(top level)"


def _message(error: dict) -> str:
    if error["type"] == "unexpected_keyword_argument":
        return "Extra inputs are not permitted (a misspelt or unknown key)"
    return error["msg"]


def from_data(tp: Any, value: Any) -> Any:
    """Rebuild already validated data (read back from the cache) without validating it again."""
    convert = _converter(tp)
    return value if convert is None else convert(value)


@lru_cache(maxsize=None)
def _converter(tp: Any) -> Callable[[Any], Any] | None:
    """A function that rebuilds JSON data of type ``tp``, or None when the JSON value already is one.
    Made once per type, so a rubric's thousands of values cost no type inspection each."""
    if dataclasses.is_dataclass(tp):
        fields = [(name, _converter(hint)) for name, hint in typing.get_type_hints(tp).items()]
        if all(convert is None for _, convert in fields):
            return lambda value: tp(**value)  # nothing to convert: build directly

        def build(value: dict):
            return tp(**{name: value[name] if convert is None else convert(value[name])
                         for name, convert in fields if name in value})
        return build
    origin = typing.get_origin(tp)
    if origin is list:
        item = _converter(typing.get_args(tp)[0])
        return None if item is None else (lambda value: [item(v) for v in value])
    if origin is dict:
        key_type, item_type = typing.get_args(tp)
        same = lambda v: v  # noqa: E731
        key = int if key_type is int else same  # JSON object keys are strings
        item = _converter(item_type) or same
        return lambda value: {key(k): item(v) for k, v in value.items()}
    return None


def load_cached(raw: bytes, cls: type[T], validate_raw: Callable[[bytes], T], code: tuple[Path, ...]) -> T:
    """``validate_raw(raw)``, or its earlier result for the same bytes and the same ``code``."""
    cache = _cache_path(hashlib.sha256(raw).hexdigest(), cls.__name__.lower(), code)
    try:
        return from_data(cls, json.loads(cache.read_bytes()))
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        pass  # not cached yet, or a damaged entry: validate from the source below
    value = validate_raw(raw)
    try:  # best effort: a read-only home directory only costs speed
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(dataclasses.asdict(value)), encoding="utf-8")
        os.replace(tmp, cache)
    except OSError:
        pass
    return value


def _cache_path(sha: str, kind: str, code: tuple[Path, ...]) -> Path:
    base = os.environ.get("MATURITY_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "maturity")
    return Path(base) / f"{kind}s" / f"{sha}-{_code_digest(code)}.json"


@lru_cache(maxsize=None)
def _code_digest(code: tuple[Path, ...]) -> str:
    digest = hashlib.sha256()
    for path in (Path(__file__), *code):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
