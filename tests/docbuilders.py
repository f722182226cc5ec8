"""Builders for test documents, made at test time so no binary fixture is committed.

Used by tests/test_formats.py, tests/test_bad_input.py and bench/bench_ingest.py. reportlab makes
PDFs, pypdf encrypts them, python-docx makes DOCX files.
"""

from __future__ import annotations

import io
import zipfile


def make_pdf(pages: list[list[str]], *, heading: str | None = None, compress: bool = True) -> bytes:
    """A text PDF: one list of paragraphs per page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    buf = io.BytesIO()
    story = []
    if heading:
        story.append(Paragraph(heading, styles["Heading1"]))
    for n, paragraphs in enumerate(pages):
        if n:
            story.append(PageBreak())
        story.extend(Paragraph(p, styles["BodyText"]) for p in paragraphs)
    SimpleDocTemplate(buf, pagesize=A4, invariant=1, pageCompression=int(compress)).build(story)
    return buf.getvalue()


def make_image_pdf(pages: int = 2) -> bytes:
    """A 'scanned' PDF: every page is a picture, there is no text layer."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    img = Image.new("L", (400, 200), 255)
    ImageDraw.Draw(img).rectangle((20, 20, 380, 60), fill=0)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    for _ in range(pages):
        c.drawImage(ImageReader(img), 50, 500, width=400, height=200)
        c.showPage()
    c.save()
    return buf.getvalue()


def encrypt_pdf(raw: bytes, *, user_password: str = "secret", owner_password: str = "owner") -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(raw)))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_docx(items: list[tuple[str, object]]) -> bytes:
    """items: ("h1".."h3", text) headings, ("p", text) paragraphs, ("table", [[cell, ...], ...])."""
    from docx import Document

    doc = Document()
    for kind, value in items:
        if kind.startswith("h"):
            doc.add_heading(value, level=int(kind[1:]))
        elif kind == "p":
            doc.add_paragraph(value)
        elif kind == "table":
            rows = value
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def make_zip(entries: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in entries.items():
            zf.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), data, compress_type=compression)
    return buf.getvalue()
