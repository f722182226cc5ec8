"""Structured evidence: metric rows from CSV, JSON and YAML. Nothing in them is ever executed.

Every format holds rows with ``name`` (text), ``value`` (a number), and optionally ``unit`` (text)
and ``date`` (ISO, YYYY-MM-DD); other fields are ignored. CSV has them as columns (header row
required); JSON and YAML as a top-level ``metrics`` list (a bare top-level list also works).
A file with any bad row is refused whole, with the row or line of the first problem, so that a
metric is never silently dropped. These files give metrics, not passages.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math

from maturity.engine.formats import Metric, Parsed, UnreadableDocument
from maturity.engine.readers.text import decode

MAX_ROWS = 100_000
NO_METRICS = "no metrics found (expected a 'metrics' list of rows with 'name' and 'value')"


class _Bad(Exception):
    pass


def read_csv(raw: bytes) -> Parsed:
    text, _ = decode(raw)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if header is None:
            raise UnreadableDocument("empty file")
        columns = [h.strip().lower() for h in header]
        missing = [c for c in ("name", "value") if c not in columns]
        if missing:
            raise UnreadableDocument(f"malformed CSV, row 1 (header): needs columns 'name' and 'value' "
                                     f"(found: {', '.join(h for h in columns if h) or 'none'})")
        rows: list[tuple[dict, str]] = []
        for number, fields in enumerate(reader, 2):
            if not any(f.strip() for f in fields):
                continue
            if len(fields) != len(columns):
                raise UnreadableDocument(f"malformed CSV, row {number}: {len(fields)} fields, the header has {len(columns)}")
            rows.append((dict(zip(columns, fields)), f"row {number}"))
    except csv.Error as exc:
        raise UnreadableDocument(f"malformed CSV at line {reader.line_num}: {exc}") from exc
    return _parsed("metrics-csv", rows, strings=True)


def read_json(raw: bytes) -> Parsed:
    text, _ = decode(raw)
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise UnreadableDocument(f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from exc
    except ValueError as exc:
        raise UnreadableDocument(f"invalid JSON: {exc}") from exc
    items = _items(data)
    return _parsed("metrics-json", [(item, f"metrics[{i}]") for i, item in enumerate(items)])


def read_yaml(raw: bytes) -> Parsed:
    import yaml

    class Loader(yaml.SafeLoader):  # a private subclass: records each mapping's line, changes nothing global
        pass

    def mapping(loader, node):
        data = loader.construct_mapping(node, deep=True)
        return _Located(data, node.start_mark.line + 1)

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    text, _ = decode(raw)
    try:
        data = yaml.load(text, Loader=Loader)  # noqa: S506 - Loader derives from SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise UnreadableDocument(f"invalid YAML{where}: {' '.join(str(problem).split())}") from exc
    items = _items(data)
    return _parsed("metrics-yaml", [(item, f"line {getattr(item, 'line', '?')}") for item in items])


class _Located(dict):
    def __init__(self, data: dict, line: int):
        super().__init__(data)
        self.line = line


def _no_constant(name: str):
    raise ValueError(f"{name} is not a number JSON allows")


SELF_ASSESSMENT = "a self-assessment, not evidence: pass it with --self-assessment FILE to compare claims with evidence"


def _items(data) -> list:
    if isinstance(data, dict):
        if "metrics" not in data and isinstance(data.get("dimensions"), dict) and "framework" in data:
            raise UnreadableDocument(SELF_ASSESSMENT)
        if "metrics" not in data:
            raise UnreadableDocument(NO_METRICS)
        data = data["metrics"]
    if not isinstance(data, list):
        raise UnreadableDocument("'metrics' must be a list of rows with 'name' and 'value'")
    if len(data) > MAX_ROWS:
        raise UnreadableDocument(f"{len(data)} metric rows, over the limit of {MAX_ROWS}")
    return data


def _parsed(fmt: str, rows: list[tuple[object, str]], *, strings: bool = False) -> Parsed:
    metrics: list[Metric] = []
    for item, where in rows:
        try:
            metrics.append(_metric(item, where, strings))
        except _Bad as exc:
            raise UnreadableDocument(f"malformed metrics, {where}: {exc}") from None
    if not metrics:
        raise UnreadableDocument(NO_METRICS)
    return Parsed(fmt, metrics=metrics)


def _metric(item, where: str, strings: bool) -> Metric:
    if not isinstance(item, dict):
        raise _Bad("expected a row with 'name' and 'value'")
    item = {str(k).strip().lower(): v for k, v in item.items()}
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _Bad("'name' is missing or empty")
    return Metric(name.strip(), _value(item.get("value"), strings), _unit(item.get("unit")), _date(item.get("date")),
                  "", where)


def _value(value, strings: bool) -> float:
    if strings and isinstance(value, str):
        text = value.strip()
        try:
            value = int(text) if text.lstrip("+-").isdigit() else float(text)
        except ValueError:
            hint = " (put the unit in the 'unit' column)" if text[-1:] == "%" or text[:1] in "$€£" else ""
            raise _Bad(f"value {text!r} is not a number{hint}") from None
    if value is None or (isinstance(value, str) and not value.strip()):
        raise _Bad("'value' is missing")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _Bad(f"value {value!r} is not a number")
    if isinstance(value, float) and not math.isfinite(value):
        raise _Bad(f"value {value!r} is not a finite number")
    return value


def _unit(unit) -> str | None:
    if unit is None or (isinstance(unit, str) and not unit.strip()):
        return None
    if not isinstance(unit, str):
        raise _Bad(f"unit {unit!r} must be text")
    return unit.strip()


def _date(value) -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return dt.date.fromisoformat(text[:10]) if len(text) == 10 else dt.datetime.fromisoformat(text).date()
        except ValueError:
            pass
    raise _Bad(f"date {value!r} is not an ISO date (YYYY-MM-DD)")
