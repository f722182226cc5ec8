"""The assessment record: one JSON document that holds everything needed to re-derive a result.

Written atomically (a temporary file in the same directory, then ``os.replace``), with sorted
keys, so the same inputs give byte-identical records apart from the ``created`` timestamp.
Indented for reading, except that each observation and each passage is one line.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import tempfile
from pathlib import Path

from maturity.engine.errors import RecordError

RECORD_VERSION = 1


class JsonView(list):
    """A sequence of objects with ``to_json()`` (a list, or a ``spool.Spool`` on disk) that reads
    as the list of their JSON objects.

    A large bundle's record holds hundreds of thousands of observations and passages; they stay
    slotted objects, most of them in a spool on disk, and iterating, indexing and writing (both
    of ``json``'s encoders iterate a list subclass) see dicts, made one at a time. The list
    underneath is empty: a view is a list only so that ``json`` writes it as an array."""

    def __init__(self, items):
        super().__init__()
        self.items = items

    def __len__(self):
        return len(self.items)

    def __iter__(self):
        return (item.to_json() for item in self.items)

    def __getitem__(self, index):
        item = self.items[index]
        return [i.to_json() for i in item] if isinstance(index, slice) else item.to_json()

    def __eq__(self, other):
        return list(self) == list(other)

    __hash__ = None


REQUIRED_KEYS = ("record_version", "tool", "evidence", "passages")
FRAMEWORK_KEYS = ("framework", "observations", "trace", "ratings", "result")


def dumps(record: dict) -> str:
    return "".join(_chunks(record, "")) + "\n"


def dump(record: dict, fh) -> None:
    """``dumps`` written piece by piece: a large bundle's record is hundreds of megabytes of JSON,
    which need not exist as one string as well (the bytes are the same)."""
    for chunk in _chunks(record, ""):
        fh.write(chunk)
    fh.write("\n")


def _chunks(value, indent: str):
    """Indented JSON with sorted keys, except that each item of a ``JsonView`` (an observation, a
    passage) is one compact line: ``grep`` finds an observation whole, and json's C encoder writes
    those lines (2.7 times faster per observation than its indenting Python one, measured)."""
    inner = indent + "  "
    if isinstance(value, JsonView):
        if not len(value):
            yield "[]"
            return
        yield "["
        for i, item in enumerate(value):
            yield ("\n" if i == 0 else ",\n") + inner + _COMPACT(item)
        yield "\n" + indent + "]"
    elif isinstance(value, dict) and value:
        yield "{"
        for i, key in enumerate(sorted(value)):
            yield ("\n" if i == 0 else ",\n") + inner + _COMPACT(str(key)) + ": "
            yield from _chunks(value[key], inner)
        yield "\n" + indent + "}"
    elif isinstance(value, (list, tuple)) and value:
        yield "["
        for i, item in enumerate(value):
            yield "\n" if i == 0 else ",\n"
            yield inner
            yield from _chunks(item, inner)
        yield "\n" + indent + "]"
    else:
        yield _COMPACT(value)


_COMPACT = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(", ", ": ")).encode


def write(record: dict, path: str | Path) -> None:
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            dump(record, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


LEAN_BYTES = 64 * 1024 * 1024  # a record at least this large keeps its observations and passages on disk when read


def read(path: str | Path, lean_bytes: int = LEAN_BYTES) -> dict:
    """A record, checked. A large one (``lean_bytes`` or more) is read lean: its observations and
    passages, one per line as ``dump`` writes them, stay in the file and are parsed a line at a
    time when iterated, so ``explain`` on a 1,000-document record does not hold 800,000 dicts."""
    path = Path(path)
    try:
        data = _read_lean(path) if path.stat().st_size >= lean_bytes else None
        if data is None:  # small, or not laid out by ``dump`` (reformatted by another tool)
            data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RecordError(f"{path}: cannot read record ({exc.strerror})") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise RecordError(f"{path}: not a JSON assessment record ({exc})",
                          remedy="pass the file written by `maturity assess --format json -o FILE`") from exc
    sections = data.get("assessments", [data]) if isinstance(data, dict) else [{}]
    missing = [k for k in REQUIRED_KEYS if not isinstance(data, dict) or k not in data]
    missing += sorted({k for section in sections for k in FRAMEWORK_KEYS if k not in section})
    if missing:
        raise RecordError(f"{path}: not an assessment record (missing {', '.join(missing)})",
                          remedy="pass the file written by `maturity assess --format json -o FILE`")
    if data["record_version"] != RECORD_VERSION:
        raise RecordError(f"{path}: record version {data['record_version']} is not supported (expected {RECORD_VERSION})")
    return data


class LineArray:
    """A JSON array of a record file written one item per line, read back an item at a time."""

    def __init__(self, path: Path, offset: int, count: int):
        self.path, self.offset, self.count = path, offset, count

    def __len__(self) -> int:
        return self.count

    def __iter__(self):
        try:
            with open(self.path, "rb") as fh:
                fh.seek(self.offset)
                for _ in range(self.count):
                    line = fh.readline()
                    yield json.loads(line.rstrip().rstrip(b","))
        except OSError as exc:
            raise RecordError(f"{self.path}: cannot read record ({exc.strerror})") from exc
        except (ValueError, UnicodeDecodeError) as exc:  # changed on disk since it was read
            raise RecordError(f"{self.path}: damaged record ({exc})",
                              remedy="assess again, or restore the file `maturity assess` wrote") from exc

    def __getitem__(self, index):
        if isinstance(index, slice):
            return list(itertools.islice(iter(self), *index.indices(self.count)))
        index = index + self.count if index < 0 else index
        if not 0 <= index < self.count:
            raise IndexError(index)
        return next(itertools.islice(iter(self), index, None))

    def __eq__(self, other):
        return list(self) == list(other)

    __hash__ = None


_LINE_ARRAY = re.compile(rb'^( *)"(observations|passages)": \[$')
_MARK = "\u0000lines:"  # a placeholder no record value can be (see _read_lean)


def _read_lean(path: Path) -> dict | None:
    """The record with each observations or passages array written one object per line replaced
    by a ``LineArray``; None when there is none, or the file is not laid out that way."""
    skeleton: list[bytes] = []
    arrays: list[LineArray] = []
    opening = None  # (line, indentation, key) of an array that may hold one object per line
    inside = False  # reading the lines of arrays[-1]
    with open(path, "rb") as fh:
        offset = 0
        for line in fh:
            start, offset = offset, offset + len(line)
            if opening is not None:
                indent = opening[1]
                item = line.rstrip(b",\r\n")
                if item == indent + b"]" and inside:
                    mark = json.dumps(_MARK + str(len(arrays) - 1)).encode()
                    skeleton.append(indent + b'"' + opening[2] + b'": ' + mark + line[len(indent) + 1:])
                    opening, inside = None, False
                    continue
                if item.startswith(indent + b"  {") and item.endswith(b"}"):
                    if not inside:
                        arrays.append(LineArray(path, start, 0))
                        inside = True
                    arrays[-1].count += 1
                    continue
                if inside:
                    return None  # an object over several lines: not written by ``dump``
                skeleton.append(opening[0])  # an ordinary array (the ids in a rating): keep it
                opening = None
            m = _LINE_ARRAY.match(line.rstrip(b"\r\n"))
            if m:
                opening = (line, m.group(1), m.group(2))
            else:
                skeleton.append(line)
    if not arrays or opening is not None:
        return None
    try:
        data = json.loads(b"".join(skeleton).decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None
    _put_back(data, arrays)
    return data


def _put_back(value, arrays: list[LineArray]) -> None:
    children = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in list(children):
        if isinstance(child, str) and child.startswith(_MARK):
            value[key] = arrays[int(child[len(_MARK):])]
        else:
            _put_back(child, arrays)
