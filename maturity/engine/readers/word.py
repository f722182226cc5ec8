"""DOCX through python-docx: headings, paragraphs and table rows, in body order.

Each passage carries the heading path above it ("Strategy > Budget") as its section, and its
paragraph number in the body (table rows count as one each) as its line. Headers, footers,
comments, text boxes and deleted (tracked) text are not read. python-docx opens the package;
the body is then read from its XML directly, which is several times faster than its objects.
"""

from __future__ import annotations

import io
import re
import zipfile

from maturity.engine.formats import Block, HeadingPath, Parsed, UnreadableDocument

_HEADING = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # compound file: legacy .doc, or a password-protected .docx


def read_docx(raw: bytes) -> Parsed:
    if raw.startswith(_OLE):
        raise UnreadableDocument("password-protected DOCX or a legacy .doc file; save as .docx without a password")
    _check_package(raw)
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    try:
        doc = Document(io.BytesIO(raw))
        body = doc.element.body
        styles = doc.styles.element
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnreadableDocument(f"not a valid DOCX ({' '.join(str(exc).split()) or type(exc).__name__})") from exc
    except Exception as exc:  # lxml.etree.XMLSyntaxError and relatives: malformed XML parts
        if type(exc).__module__.startswith("lxml"):
            raise UnreadableDocument(f"not a valid DOCX (broken XML: {' '.join(str(exc).split())})") from exc
        raise
    return Parsed("docx", _Body(styles).read(body))


class _Body:
    def __init__(self, styles):
        from docx.oxml.ns import qn

        self.styles = styles
        self.levels: dict[str, int | None] = {}
        self.w = {name: qn(f"w:{name}") for name in ("p", "t", "tab", "br", "cr", "tbl", "tr", "tc", "sdt",
                                                      "sdtContent", "pPr", "pStyle", "val")}

    def read(self, body) -> list[Block]:
        w = self.w
        blocks: list[Block] = []
        headings = HeadingPath()
        number = 0
        for el in self._children(body):
            if el.tag == w["tbl"]:
                for tr in el.iterchildren(w["tr"]):
                    number += 1
                    text = self._row(tr)
                    if text:
                        blocks.append(Block(text, number, number, section=headings.section()))
                continue
            number += 1
            text = self._text(el).strip()
            if not text:
                continue
            level = self._level(el)
            if level is not None:
                headings.enter(level, " ".join(text.split()))
            blocks.append(Block(text, number, number, section=headings.section()))
        return blocks

    def _children(self, parent):
        """Paragraphs and tables in body order, looking inside content controls (<w:sdt>)."""
        w = self.w
        for el in parent.iterchildren(w["p"], w["tbl"], w["sdt"]):
            if el.tag == w["sdt"]:
                for content in el.iterchildren(w["sdtContent"]):
                    yield from self._children(content)
            else:
                yield el

    def _text(self, p) -> str:
        w = self.w
        out = []
        for el in p.iter(w["t"], w["tab"], w["br"], w["cr"]):
            out.append(el.text or "" if el.tag == w["t"] else "\t" if el.tag == w["tab"] else "\n")
        return "".join(out)

    def _row(self, tr) -> str:
        """The row's cells joined by " | ". A horizontally merged cell is one <w:tc>; a vertically
        merged continuation is empty; the text of a table nested in a cell belongs to that cell."""
        cells = []
        for tc in tr.iterchildren(self.w["tc"]):
            text = " ".join(" ".join(self._text(p) for p in tc.iter(self.w["p"])).split())
            if text:
                cells.append(text)
        return " | ".join(cells)

    def _level(self, p) -> int | None:
        w = self.w
        ppr = p.find(w["pPr"])
        style = ppr.find(w["pStyle"]) if ppr is not None else None
        style_id = style.get(w["val"]) if style is not None else None
        if style_id is None:
            return None
        if style_id not in self.levels:
            self.levels[style_id] = self._resolve(style_id)
        return self.levels[style_id]

    def _resolve(self, style_id: str) -> int | None:
        seen = 0
        while style_id and seen < 10:  # a custom style based on "Heading 2" is a heading 2
            style = self.styles.get_by_id(style_id)
            if style is None:
                return None
            match = _HEADING.match(style.name_val or "")
            if match:
                return int(match.group(1))
            style_id, seen = style.basedOn_val, seen + 1
        return None


def _check_package(raw: bytes) -> None:
    """A DOCX is a zip: refuse one that would expand far beyond its size before parsing it."""
    from maturity.engine.archives import ArchiveProblem, check_package

    try:
        check_package(raw)
    except zipfile.BadZipFile as exc:
        raise UnreadableDocument(f"not a valid DOCX (not a zip package: {' '.join(str(exc).split())})") from exc
    except ArchiveProblem as exc:
        raise UnreadableDocument(f"DOCX package refused: {exc}") from exc
