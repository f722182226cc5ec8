"""PDF through pypdf: one passage per paragraph, with its page number and lines on that page.

pypdf's plain text has no blank lines between paragraphs, so paragraphs are found from the text
positions it reports: a new paragraph starts where the gap to the previous line is clearly wider
than the page's usual line spacing, where the font size changes, or at a blank line.
"""

from __future__ import annotations

import io
import logging
import statistics
import warnings

from maturity.engine.formats import Block, Parsed, UnreadableDocument

ENCRYPTED = "encrypted PDF (password required); export an unencrypted copy"
NO_TEXT = "no text layer (scanned/image-only PDF); OCR it first"


def read_pdf(raw: bytes) -> Parsed:
    if b"%PDF-" not in raw[:1024]:
        raise UnreadableDocument("not a PDF file (no %PDF- header)" if raw and not raw.isspace() else "empty file")
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    errors = _errors()
    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.ERROR)  # pypdf logs every repair it makes; the skip reason is enough
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(raw), strict=False)
            if reader.is_encrypted:
                try:  # an owner password alone (print/copy restrictions) still opens with ""
                    if not reader.decrypt(""):
                        raise UnreadableDocument(ENCRYPTED)
                except (FileNotDecryptedError, DependencyError, NotImplementedError) as exc:
                    raise UnreadableDocument(ENCRYPTED) from exc
            blocks: list[Block] = []
            problems: list[tuple[str, str]] = []
            pages = len(reader.pages)
            for number in range(1, pages + 1):
                try:
                    blocks.extend(_page_blocks(reader.pages[number - 1], number))
                except errors as exc:  # one broken page costs that page, not the document
                    if pages == 1:
                        raise
                    problems.append((f"page={number}", f"page {number} could not be read ({_one_line(exc)})"))
            if problems and len(problems) == pages:
                raise UnreadableDocument(f"corrupt PDF: no page could be read ({problems[0][1]})")
    except UnreadableDocument:
        raise
    except errors as exc:
        if b"%%EOF" not in raw[-2048:]:
            raise UnreadableDocument(f"truncated PDF (no end-of-file marker; pypdf: {_one_line(exc)})") from exc
        raise UnreadableDocument(f"corrupt PDF (pypdf: {_one_line(exc)})") from exc
    finally:
        log.setLevel(level)
    if pages == 0:
        raise UnreadableDocument("corrupt PDF (no pages)")
    if not blocks:
        raise UnreadableDocument(NO_TEXT)
    return Parsed("pdf", blocks, pages=pages, problems=problems)


def _errors() -> tuple[type[BaseException], ...]:
    from pypdf.errors import PyPdfError

    return (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, AssertionError,
            RecursionError, OSError, EOFError, ZeroDivisionError)


def _one_line(exc: Exception) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return f"{type(exc).__name__}: {text}" if text != type(exc).__name__ else text


def _page_blocks(page, number: int) -> list[Block]:
    lines: list[list] = [["", None, None]]  # text, y, font size of the line's first visible chunk

    def visit(text, cm, tm, _font, size):
        parts = text.split("\n")
        for i, part in enumerate(parts):
            if i:
                lines.append(["", None, None])
            line = lines[-1]
            line[0] += part
            if part.strip() and line[1] is None:
                line[1] = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                line[2] = round(abs(size * (tm[3] or 1) * (cm[3] or 1)), 1)

    text = page.extract_text(visitor_text=visit)
    if not text.strip():
        return []
    if "".join(t for t, _, _ in lines).strip() != "".join(text.split("\n")).strip():
        lines = [[t, None, None] for t in text.split("\n")]  # positions unusable: fall back to plain lines
    return _paragraphs(lines, number)


def _paragraphs(lines: list[list], page: int) -> list[Block]:
    ys = [y for _, y, _ in lines if y is not None]
    gaps = [round(a - b) for a, b in zip(ys, ys[1:]) if a - b > 0.5]
    common = statistics.multimode(gaps) if gaps else []
    sizes = [s for _, _, s in lines if s]
    if common and gaps.count(common[0]) > 1:
        usual = min(common)
    else:  # too few lines to know the spacing: assume the usual leading of 1.2 x the font size
        usual = 1.2 * statistics.median(sizes) if sizes else None
    blocks: list[Block] = []
    current: list[str] = []
    start = 0
    prev_y = prev_size = None

    def flush(end: int) -> None:
        if current:
            blocks.append(Block("\n".join(current).strip(), start, end, page=page))
            current.clear()

    for number, (text, y, size) in enumerate(lines, 1):
        if not text.strip():
            flush(number - 1)
            continue
        if current and y is not None and prev_y is not None and usual:
            gap = prev_y - y
            if gap > usual * 1.35 or gap < -usual * 0.5 or (size and prev_size and abs(size - prev_size) > 1):
                flush(number - 1)
        if not current:
            start = number
        current.append(text.strip())
        if y is not None:
            prev_y, prev_size = y, size
    flush(len(lines))
    return blocks
