"""Readers: one function per document format, from raw bytes to text blocks with line spans.

Each reader returns ``(format name, [(text, line_start, line_end), ...])`` or raises
``UnreadableDocument`` with a message a user can act on.
"""

from __future__ import annotations

from typing import Callable

from markdown_it import MarkdownIt

Block = tuple[str, int, int]


class UnreadableDocument(Exception):
    """The file has a supported extension but its content cannot be used as text."""


def decode_text(raw: bytes) -> str:
    if not raw.strip():
        raise UnreadableDocument("empty file")
    if b"\x00" in raw[:8192]:
        raise UnreadableDocument("binary content in a text file (NUL bytes)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableDocument(
            f"not valid UTF-8 text (byte {exc.start}); re-save the file as UTF-8"
        ) from exc


def read_text(raw: bytes) -> tuple[str, list[Block]]:
    """Plain text: paragraphs separated by blank lines."""
    lines = decode_text(raw).splitlines()
    blocks: list[Block] = []
    start = None
    for number, line in enumerate(lines + [""], 1):
        if line.strip():
            if start is None:
                start = number
        elif start is not None:
            text = "\n".join(lines[start - 1 : number - 1]).strip()
            blocks.append((text, start, number - 1))
            start = None
    return "text", blocks


_MD = MarkdownIt("commonmark").enable("table")


def read_markdown(raw: bytes) -> tuple[str, list[Block]]:
    """Markdown: headings, paragraphs, list items and table rows, each with its source lines."""
    text = decode_text(raw)
    tokens = _MD.parse(text)
    blocks: list[Block] = []
    row: list[str] = []
    row_map = None
    for i, tok in enumerate(tokens):
        if tok.type == "tr_open":
            row, row_map = [], tok.map
        elif tok.type == "inline" and row_map is not None:
            row.append(tok.content.strip())
        elif tok.type == "tr_close":
            if any(row) and row_map:
                blocks.append((" | ".join(row), row_map[0] + 1, row_map[1]))
            row_map = None
        elif tok.type == "inline" and tok.content.strip():
            opener = tokens[i - 1]
            if opener.map:
                blocks.append((tok.content.strip(), opener.map[0] + 1, opener.map[1]))
    return "markdown", blocks


READERS: dict[str, Callable[[bytes], tuple[str, list[Block]]]] = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_markdown,
    ".markdown": read_markdown,
}
