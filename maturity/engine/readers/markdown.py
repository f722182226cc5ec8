"""Markdown through comrak: headings, paragraphs, list items and table rows, each with the heading
path above it as its section ("Feedback process > Ideas for 2027").

comrak (Rust; CommonMark and GitHub tables) renders HTML with each block's source span
(``data-sourcepos="3:1-4:18"``); selectolax (lexbor) reads that HTML back, so each passage is
the rendered text (``**bold**`` gives ``bold``, ``&amp;`` gives ``&``) with its 1-based source
lines. Paragraphs count wherever they are (in block quotes and loose list items too); a tight
list item gives its own text, not its nested lists'; a table row gives its non-empty cells
joined by " | ". Code blocks are not evidence and are left out. Raw HTML is dropped by comrak's
safe mode (the default, kept on purpose: evidence is untrusted input).

Not cmarkgfm (GitHub's C cmark-gfm): its Python wrapper never frees the document tree or the
HTML it returns, about 8 bytes of memory kept per byte of Markdown read (2025.10.22).
"""

from __future__ import annotations

import functools
import re

from maturity.engine.formats import Block, HeadingPath, Parsed, UnreadableDocument
from maturity.engine.readers.text import decode

_PASSAGES = "h1, h2, h3, h4, h5, h6, p, li, tr"
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# what a list item can hold besides its own text; each is read on its own (or, for code, not at all)
_NESTED = {"ul", "ol", "p", "blockquote", "pre", "table", "hr", "h1", "h2", "h3", "h4", "h5", "h6"}
# Block quotes and list items opened on one line ("> > > x", "- - - x") cost a byte or two a level
# to write and much more to read: comrak writes about 60 bytes of HTML a level, and lexbor builds
# the tree in time that grows with the square of the depth (100,000 levels: 26 s). No document
# written for people nests this deep.
MAX_DEPTH = 50
_TOO_DEEP = re.compile(r"\n(?:[ \t]*(?:>|(?:[-+*]|\d{1,9}[.)])[ \t])){%d}" % (MAX_DEPTH + 1))


def read_markdown(raw: bytes) -> Parsed:
    import comrak
    from selectolax.lexbor import LexborHTMLParser

    text, encoding = decode(raw)
    if _TOO_DEEP.search("\n" + text.replace("\r", "\n")):  # lines end at \n, \r\n or \r
        raise UnreadableDocument(f"Markdown nested more than {MAX_DEPTH} levels deep (block quotes or lists)")
    extensions, render = _options()
    html = comrak.render_markdown(text, extension_options=extensions, render_options=render)
    blocks: list[Block] = []
    headings = HeadingPath()
    for node in LexborHTMLParser(html).css(_PASSAGES):
        start, end = _lines(node.attributes["data-sourcepos"])
        tag = node.tag
        if tag in _HEADINGS:
            content = node.text_lexbor()
            if content.strip():
                headings.enter(_HEADINGS[tag], " ".join(content.split()))
        elif tag == "li":
            content, end = _own_text(node, start, end)
        elif tag == "tr":
            content = " | ".join(c for c in (cell.text_lexbor().strip() for cell in node.iter()) if c)
        else:
            content = node.text_lexbor()
        content = content.strip()
        if content:
            blocks.append(Block(content, start, end, section=headings.section()))
    return Parsed("markdown", blocks, encoding=None if encoding in ("utf-8", "ascii") else encoding)


@functools.cache
def _options():
    import comrak

    extensions = comrak.ExtensionOptions()
    extensions.table = True
    render = comrak.RenderOptions()
    render.sourcepos = True  # and unsafe_ stays False: raw HTML is omitted
    return extensions, render


def _own_text(item, start: int, end: int) -> tuple[str, int]:
    """A list item's text outside its nested blocks; its lines end before the first nested block."""
    parts: list[str] = []
    for child in item.iter(include_text=True):
        tag = child.tag
        if tag == "-text":
            parts.append(child.text_content or "")
        elif tag not in _NESTED:
            if tag != "-comment":
                parts.append(child.text_lexbor())
        elif end > start and "".join(parts).strip() and "data-sourcepos" in child.attributes:
            end = max(start, min(end, _lines(child.attributes["data-sourcepos"])[0] - 1))
    return "".join(parts), end


def _lines(sourcepos: str) -> tuple[int, int]:
    """"3:1-5:0" -> (3, 4): a span that ends at column 0 ends on the line before (a trailing blank line)."""
    start, end = sourcepos.split("-")
    first = int(start.split(":", 1)[0])
    last, column = end.split(":")
    return first, max(first, int(last) - (column == "0"))
