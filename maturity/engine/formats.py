"""Readers: one function per document format, from raw bytes to text blocks with locations.

Each reader takes the raw bytes of one file and returns a ``Parsed`` (the format name, the text
blocks with their locations, and for structured evidence the metric rows), or raises
``UnreadableDocument`` with a one-line message a user can act on.

The readers live in ``maturity.engine.readers``; the parsers they use (pypdf, python-docx,
selectolax, charset-normalizer, comrak) are imported only when a file of that format is
read, so ``maturity --help`` does not pay for them.
"""

from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import dataclass, field
from typing import Callable, NamedTuple


class UnreadableDocument(Exception):
    """The file has a supported extension but its content cannot be used."""


class Block(NamedTuple):
    """One passage-to-be: its text and where it is in the document.

    ``line_start``/``line_end`` are 1-based source lines for text, Markdown and HTML, lines of the
    page's extracted text for PDF (with ``page``), and the paragraph number in the body for DOCX
    (with ``section``, the heading path such as "Strategy > Budget").
    """

    text: str
    line_start: int
    line_end: int
    page: int | None = None
    section: str | None = None


class HeadingPath:
    """The headings above a block, outermost first ("Strategy > Budget"): a heading of level n
    closes every open heading of level n or deeper."""

    def __init__(self) -> None:
        self._open: list[tuple[int, str]] = []

    def enter(self, level: int, title: str) -> None:
        self._open = [(lvl, t) for lvl, t in self._open if lvl < level] + [(level, title)]

    def section(self) -> str | None:
        return " > ".join(t for _, t in self._open) or None


@dataclass(frozen=True)
class Metric:
    """One row of structured evidence: a named number, optionally with a unit and a date."""

    name: str
    value: float
    unit: str | None
    date: dt.date | None
    source_path: str
    location: str  # "row 3" (CSV), "line 7" (YAML), "metrics[2]" (JSON)

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "value": self.value,
            "unit": self.unit,
            "date": self.date.isoformat() if self.date else None,
            "source": self.source_path,
            "location": self.location,
        }


@dataclass
class Parsed:
    format: str
    blocks: list[Block] = field(default_factory=list)
    metrics: list[Metric] = field(default_factory=list)  # source_path is filled in by ingest
    pages: int | None = None
    encoding: str | None = None  # set when a text file was not UTF-8
    problems: list[tuple[str, str]] = field(default_factory=list)  # (part, reason): a part left out, e.g. "page=3"


Reader = Callable[[bytes], Parsed]


def _lazy(target: str) -> Reader:
    module, name = target.split(":")

    def read(raw: bytes) -> Parsed:
        return getattr(importlib.import_module(f"maturity.engine.readers.{module}"), name)(raw)

    read.__name__ = name
    read.__qualname__ = name
    return read


READERS: dict[str, Reader] = {
    ".txt": _lazy("text:read_text"),
    ".text": _lazy("text:read_text"),
    ".md": _lazy("markdown:read_markdown"),
    ".markdown": _lazy("markdown:read_markdown"),
    ".pdf": _lazy("pdf:read_pdf"),
    ".docx": _lazy("word:read_docx"),
    ".html": _lazy("web:read_html"),
    ".htm": _lazy("web:read_html"),
    ".csv": _lazy("structured:read_csv"),
    ".json": _lazy("structured:read_json"),
    ".yaml": _lazy("structured:read_yaml"),
    ".yml": _lazy("structured:read_yaml"),
}

ARCHIVES = (".zip",)

SUPPORTED = ", ".join(sorted(READERS)) + ", " + ", ".join(ARCHIVES)

