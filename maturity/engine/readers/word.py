"""DOCX through python-docx: headings, paragraphs and table rows, in body order.

Each passage carries the heading path above it ("Strategy > Budget") as its section, and its
paragraph number in the body (table rows count as one each) as its line. Headers, footers,
comments and text boxes are not read.
"""

from __future__ import annotations

import io
import re
import zipfile

from maturity.engine.formats import Block, Parsed, UnreadableDocument

_HEADING = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # compound file: legacy .doc, or a password-protected .docx


def read_docx(raw: bytes) -> Parsed:
    if raw.startswith(_OLE):
        raise UnreadableDocument("password-protected DOCX or a legacy .doc file; save as .docx without a password")
    _check_package(raw)
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    try:
        doc = Document(io.BytesIO(raw))
        items = list(doc.iter_inner_content())
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnreadableDocument(f"not a valid DOCX ({' '.join(str(exc).split()) or type(exc).__name__})") from exc
    except Exception as exc:  # lxml.etree.XMLSyntaxError and relatives: malformed XML parts
        if type(exc).__module__.startswith("lxml"):
            raise UnreadableDocument(f"not a valid DOCX (broken XML: {' '.join(str(exc).split())})") from exc
        raise
    levels = _heading_levels(doc)
    blocks: list[Block] = []
    path: list[tuple[int, str]] = []
    number = 0
    for item in items:
        if isinstance(item, Table):
            for row in item.rows:
                number += 1
                text = _row_text(row)
                if text:
                    blocks.append(Block(text, number, number, section=_path(path)))
            continue
        number += 1
        text = item.text.strip()
        if not text:
            continue
        level = levels.get(item._p.style)  # the style id; reading paragraph.style is slow
        if level is not None:
            path = [(lvl, t) for lvl, t in path if lvl < level] + [(level, " ".join(text.split()))]
        blocks.append(Block(text, number, number, section=_path(path)))
    return Parsed("docx", blocks)


def _heading_levels(doc) -> dict[str, int]:
    """Style id -> heading level, for every paragraph style that is a heading or based on one."""
    from docx.enum.style import WD_STYLE_TYPE

    levels: dict[str, int] = {}
    for style in doc.styles:
        if style.type != WD_STYLE_TYPE.PARAGRAPH:
            continue
        current, seen = style, 0
        while current is not None and seen < 10:  # a custom style based on "Heading 2" is a heading 2
            match = _HEADING.match(current.name or "")
            if match:
                levels[style.style_id] = int(match.group(1))
                break
            current, seen = current.base_style, seen + 1
    return levels


def _path(path: list[tuple[int, str]]) -> str | None:
    return " > ".join(t for _, t in path) or None


def _row_text(row) -> str:
    cells: list[str] = []
    seen: set[int] = set()
    for cell in row.cells:
        if id(cell._tc) in seen:  # a merged cell is returned once per grid column it spans
            continue
        seen.add(id(cell._tc))
        text = " ".join(cell.text.split())
        if text:
            cells.append(text)
    return " | ".join(cells)


def _check_package(raw: bytes) -> None:
    """A DOCX is a zip: refuse one that would expand far beyond its size before parsing it."""
    from maturity.engine.archives import ArchiveProblem, check_package

    try:
        check_package(raw)
    except zipfile.BadZipFile as exc:
        raise UnreadableDocument(f"not a valid DOCX (not a zip package: {' '.join(str(exc).split())})") from exc
    except ArchiveProblem as exc:
        raise UnreadableDocument(f"DOCX package refused: {exc}") from exc
