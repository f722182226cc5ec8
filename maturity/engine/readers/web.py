"""HTML through selectolax (lexbor): the visible text of the page, one passage per block element.

Scripts, styles, navigation, page headers and footers, asides, forms and hidden elements are
dropped. Headings, paragraphs, list items, table rows (cells joined by " | ") and other blocks
become passages, with the heading path above them as their section. Lines are the source lines
where each block's text starts and ends, found by searching the source forward. A page nested
too deeply for lexbor to parse in reasonable time is refused before it is parsed (MAX_DEPTH), and
so is one that leaves so many formatting elements open that lexbor's re-opening them in every
later block would take as long (MAX_REOPEN).
"""

from __future__ import annotations

import bisect
import re

from maturity.engine.formats import Block, HeadingPath, Parsed, UnreadableDocument
from maturity.engine.readers import html_guard
from maturity.engine.readers.text import decode

DROP = {"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
        "button", "select", "textarea", "svg", "iframe", "object", "canvas", "dialog"}
BLOCKS = {"address", "article", "blockquote", "body", "caption", "dd", "details", "div", "dl", "dt",
          "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main",
          "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "ul"}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)


def read_html(raw: bytes) -> Parsed:
    from selectolax.lexbor import LexborHTMLParser

    source, encoding = _decode(raw)
    refusal = html_guard.too_many_attributes(source) or html_guard.too_deep(source)
    if refusal:
        raise UnreadableDocument(refusal)
    tree = LexborHTMLParser(source)
    root = tree.body or tree.root
    if root is None:
        raise UnreadableDocument("no HTML body found")
    texts = _blocks(root)
    lines = _Lines(source)
    blocks = [Block(text, *lines.span(text), section=section) for text, section in texts]
    return Parsed("html", blocks, encoding=None if encoding in ("utf-8", "ascii") else encoding)


def _decode(raw: bytes) -> tuple[str, str]:
    match = _META_CHARSET.search(raw[:4096])
    if match and not raw.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        declared = match.group(1).decode("ascii", "replace").lower()
        if declared not in ("utf-8", "utf8"):
            try:
                return raw.decode(declared), declared
            except (LookupError, UnicodeDecodeError):
                pass
    return decode(raw)


def _blocks(root) -> list[tuple[str, str | None]]:
    """Walk the tree without recursion, cutting the text at every block boundary."""
    out: list[tuple[str, str | None]] = []
    headings = HeadingPath()
    buf: list[str] = []

    def flush() -> None:
        text = " ".join("".join(buf).split())
        buf.clear()
        if text:
            out.append((text, headings.section()))

    stack = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        tag = node.tag
        if leaving:
            flush()
            continue
        if tag == "-text":
            buf.append(node.text_content or "")
            continue
        if tag in ("-comment", "-doctype") or not node.is_element_node or tag in DROP:
            continue
        attrs = node.attributes
        if "hidden" in attrs or (attrs.get("aria-hidden") or "").lower() == "true":
            continue
        if tag == "br":
            buf.append(" ")
            continue
        if tag == "tr":
            flush()
            cells = [" ".join(c.text(separator=" ").split()) for c in node.iter() if c.tag in ("td", "th")]
            row = " | ".join(c for c in cells if c)
            if row:
                out.append((row, headings.section()))
            continue
        if tag in _HEADINGS:
            flush()
            title = " ".join(node.text(separator=" ").split())
            if title:
                headings.enter(_HEADINGS[tag], title)
                out.append((title, headings.section()))
            continue
        block = tag in BLOCKS
        if block:
            flush()
            stack.append((node, True))
        stack.extend((child, False) for child in reversed(list(node.iter(include_text=True))))
    flush()
    return out


class _Lines:
    """Finds each block's first and last words in the source, moving forward only."""

    WINDOW = 64 * 1024

    def __init__(self, source: str):
        self.source = source
        self.newlines = [m.start() for m in re.finditer("\n", source)]
        self.cursor = 0
        self.line = 1

    def _find(self, words: list[str]) -> int | None:
        gap = r"(?:\s|<[^>]*>)+"
        pattern = gap.join(_word_pattern(w) for w in words)
        match = re.compile(pattern).search(self.source, self.cursor, self.cursor + self.WINDOW)
        if match is None:
            return None
        self.cursor = match.end()
        return match.start()

    def _line_of(self, pos: int) -> int:
        return bisect.bisect_right(self.newlines, pos - 1) + 1

    def span(self, text: str) -> tuple[int, int]:
        first = [w for w in _SPLIT.split(text[:200]) if w]
        head = first[:4]
        tail = [w for w in _SPLIT.split(text[-100:]) if w][-2:] if len(first) > 4 or len(text) > 200 else []
        start_pos = self._find(head) if head else None
        if start_pos is None and head:
            start_pos = self._find(head[:1])
        if start_pos is None:
            return self.line, self.line
        start = self._line_of(start_pos)
        end_pos = self._find(tail) if tail else None
        end = self._line_of(end_pos) if end_pos is not None else self._line_of(self.cursor)
        self.line = end
        return start, max(start, end)


_SPLIT = re.compile(r"\s+|\s*\|\s*")
_SPECIAL = re.compile("[&<>\"'\u00a0]")


def _word_pattern(word: str) -> str:
    if not _SPECIAL.search(word):
        return re.escape(word)
    out = []
    for ch in word:
        if ch in "&<>\"'\u00a0":
            out.append(f"(?:{re.escape(ch)}|&[#\\w]+;)")
        else:
            out.append(re.escape(ch))
    return "".join(out)
