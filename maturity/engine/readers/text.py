"""Plain text in any common encoding, and the decoding every text-based reader uses.

Decoding order: a BOM (UTF-8, UTF-16, UTF-32) decides; NUL bytes without one mean UTF-16 when
they fall on one side of the byte pairs and the text decodes cleanly, else binary content; then
strict UTF-8; then Windows-1252 when the text is mostly ASCII and every other character is a
letter or common typographic punctuation; then charset-normalizer, accepted only when it also
recognises a language in the result. Anything else is reported, never guessed.
"""

from __future__ import annotations

import codecs
import unicodedata

from maturity.engine.formats import Block, Parsed, UnreadableDocument

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_WESTERN_PUNCT = set("€‚„…†‡ˆ‰‹›‘’“”•–—˜™¡¢£¤¥¦§¨©«¬®¯°±²³´µ¶·¸¹º»¼½¾¿×÷\xa0\xad")
UNDETERMINED = "cannot determine text encoding; save as UTF-8"


def decode(raw: bytes) -> tuple[str, str]:
    """The text and the encoding it was read with."""
    if not raw.strip():
        raise UnreadableDocument("empty file")
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding), encoding.replace("-sig", "")
            except UnicodeDecodeError as exc:
                raise UnreadableDocument(f"invalid {encoding} text (byte {exc.start}); save as UTF-8") from exc
    if b"\x00" in raw[:8192]:
        decoded = _utf16(raw)
        if decoded is None:
            raise UnreadableDocument("binary content in a text file (NUL bytes)")
        return decoded
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = _western(raw)
    if text is not None:
        return text, "cp1252"
    return _detect(raw)


def _utf16(raw: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM, or None.

    In UTF-16 the high byte of every ASCII and Latin-1 character is NUL, so the NULs fall on one
    side of the byte pairs (odd positions: little-endian; even: big-endian): in at least one pair
    in twenty (a text in a non-Latin script still has its spaces, digits and line breaks), and
    almost never on the other side. Binary content puts NULs on both sides, or fails the strict
    decode, or decodes to control and unassigned characters.
    """
    head = raw[:8192]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    nuls, other = max(even, odd), min(even, odd)
    if nuls < len(head) // 40 or other > nuls // 10:
        return None
    encoding = "utf-16-le" if odd > even else "utf-16-be"
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:
        return None
    return (text, encoding) if _printable(text) else None


def _printable(text: str) -> bool:
    """No more than 1 % control, private-use or unassigned characters (line breaks and tabs are fine)."""
    bad = sum(1 for ch in text if unicodedata.category(ch) in ("Cc", "Co", "Cn", "Cs") and ch not in "\t\n\r\f")
    return bad <= len(text) // 100


def _western(raw: bytes) -> str | None:
    high = sum(1 for b in raw if b >= 0x80)
    if high > len(raw) // 10:
        return None
    try:
        text = raw.decode("cp1252")  # strict: the five undefined bytes fail
    except UnicodeDecodeError:
        return None
    for ch in text:
        if ord(ch) >= 0x80 and ch not in _WESTERN_PUNCT and not unicodedata.category(ch).startswith("L"):
            return None
    return text


def _detect(raw: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None or best.chaos > 0.1 or best.coherence < 0.2:
        raise UnreadableDocument(UNDETERMINED)
    text = str(best)
    if not _printable(text):
        raise UnreadableDocument(UNDETERMINED)
    return text, best.encoding


def text_blocks(text: str) -> list[Block]:
    """Paragraphs separated by blank lines, with their 1-based line spans."""
    lines = text.splitlines()
    blocks: list[Block] = []
    start = None
    for number, line in enumerate(lines + [""], 1):
        if line.strip():
            if start is None:
                start = number
        elif start is not None:
            blocks.append(Block("\n".join(lines[start - 1 : number - 1]).strip(), start, number - 1))
            start = None
    return blocks


def read_text(raw: bytes) -> Parsed:
    text, encoding = decode(raw)
    return Parsed("text", text_blocks(text), encoding=_note(encoding))


def _note(encoding: str) -> str | None:
    return None if encoding in ("utf-8", "ascii") else encoding
