"""Every kind of bad input is skipped with a reason that names the problem, and the good files
beside it are still ingested. All inputs are generated here, in tmp_path."""

import datetime as dt
import io
import os
import random
import zipfile
from pathlib import Path

import pytest
from docbuilders import encrypt_pdf, make_docx, make_image_pdf, make_pdf, make_zip
from helpers import GOOD, not_ingested, reason, run

from maturity.engine import evidence as evidence_module
from maturity.engine.archives import ArchiveLimits

# -- PDF ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def pdf():
    return make_pdf([["Complaints are analysed every week.", "A second paragraph."], ["Page two."]])


def test_corrupt_pdf(tmp_path, pdf):
    body = random.Random(7).randbytes(4000)
    ev = run(tmp_path, {"corrupt.pdf": b"%PDF-1.4\n" + body + b"\n%%EOF\n"})
    assert reason(ev, "corrupt.pdf").startswith("corrupt PDF (pypdf: ")
    assert "\n" not in reason(ev, "corrupt.pdf")


def test_truncated_pdf(tmp_path, pdf):
    ev = run(tmp_path, {"truncated.pdf": pdf[: len(pdf) // 2]})
    assert reason(ev, "truncated.pdf").startswith("truncated PDF (no end-of-file marker; pypdf: ")


def test_not_a_pdf(tmp_path):
    ev = run(tmp_path, {"fake.pdf": b"<html>this is not a pdf</html>"})
    assert reason(ev, "fake.pdf") == "not a PDF file (no %PDF- header)"


def test_encrypted_pdf(tmp_path, pdf):
    ev = run(tmp_path, {"locked.pdf": encrypt_pdf(pdf), "owner-only.pdf": encrypt_pdf(pdf, user_password="")})
    assert reason(ev, "locked.pdf") == "encrypted PDF (password required); export an unencrypted copy"
    # a PDF with only an owner password (restrictions, no password to open) is read
    assert any(d.path.endswith("owner-only.pdf") for d in ev.documents)


def test_image_only_pdf(tmp_path):
    ev = run(tmp_path, {"scan.pdf": make_image_pdf()})
    assert reason(ev, "scan.pdf") == "no text layer (scanned/image-only PDF); OCR it first"


# -- empty, binary, encodings, size ------------------------------------------------------------

@pytest.mark.parametrize("name", ["empty.md", "empty.txt", "empty.pdf", "empty.docx", "empty.html", "empty.csv"])
def test_empty_file(tmp_path, name):
    ev = run(tmp_path, {name: b""})
    assert reason(ev, name) == "empty file"


def test_whitespace_only_file(tmp_path):
    ev = run(tmp_path, {"blank.txt": b"  \n\n\t\n"})
    assert "empty file" in reason(ev, "blank.txt")


def test_binary_file_with_a_text_extension(tmp_path):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)
    ev = run(tmp_path, {"image.txt": png, "image.md": png + b"other"})
    assert reason(ev, "image.txt") == "binary content in a text file (NUL bytes)"
    assert reason(ev, "image.md") == "binary content in a text file (NUL bytes)"


def test_utf16_without_a_bom_is_text_and_binary_with_one_sided_nuls_is_not(tmp_path):
    english = "Customer complaints are reviewed every week by the service team.\r\n\r\nNa\u00efve caf\u00e9 r\u00e9sum\u00e9.\r\n"
    russian = "\u0423\u0434\u043e\u0432\u043b\u0435\u0442\u0432\u043e\u0440\u0435\u043d\u043d\u043e\u0441\u0442\u044c " \
              "\u043a\u043b\u0438\u0435\u043d\u0442\u043e\u0432 \u0438\u0437\u043c\u0435\u0440\u044f\u0435\u0442\u0441\u044f.\n"
    # binary whose NULs sit on one side of the byte pairs, as in UTF-16, but that is not text:
    # 16-bit little-endian numbers below 256 (high byte NUL) decode to control characters
    samples = bytes(b for i in range(2000) for b in ((i * 37) % 32, 0))
    ev = run(tmp_path, {"le.txt": english.encode("utf-16-le"), "be.md": english.encode("utf-16-be"),
                        "ru.txt": russian.encode("utf-16-le"), "samples.txt": samples,
                        "odd.txt": english.encode("utf-16-le")[:-1]})
    docs = {Path(d.path).name: d for d in ev.documents}
    assert [p.text for p in docs["le.txt"].passages] == [english.split("\r\n")[0], "Na\u00efve caf\u00e9 r\u00e9sum\u00e9."]
    assert docs["le.txt"].encoding == "utf-16-le" and docs["be.md"].encoding == "utf-16-be"
    assert docs["be.md"].passages[0].text == english.split("\r\n")[0]
    assert docs["ru.txt"].passages[0].text == russian.strip()
    assert reason(ev, "samples.txt") == "binary content in a text file (NUL bytes)"
    assert reason(ev, "odd.txt") == "binary content in a text file (NUL bytes)"  # a half character: not clean UTF-16


def test_undecodable_text_is_reported_and_legacy_encodings_are_read(tmp_path):
    rng = random.Random(3)
    noise = bytes(rng.randrange(0x80, 0x100) for _ in range(3000))
    mixed = bytes(rng.randrange(1, 0x100) for _ in range(3000))
    text = "Caf\u00e9 \u2013 our \u201cvoice of the customer\u201d programme is na\u00efve.\n"
    ev = run(tmp_path, {"noise.txt": noise, "mixed.md": mixed, "windows.txt": text.encode("cp1252"),
                        "utf16.txt": text.encode("utf-16")})
    assert reason(ev, "noise.txt") == "cannot determine text encoding; save as UTF-8"
    assert reason(ev, "mixed.md") == "cannot determine text encoding; save as UTF-8"
    docs = {Path(d.path).name: d for d in ev.documents}
    assert docs["utf16.txt"].passages[0].text == text.strip() and docs["windows.txt"].passages[0].text == text.strip()


def test_file_over_the_size_limit(tmp_path):
    ev = run(tmp_path, {"big.txt": b"word " * 400}, max_bytes=1000)
    assert reason(ev, "big.txt") == "file is 2000 bytes, over the 1000-byte limit"


def test_archive_member_over_the_size_limit(tmp_path):
    ev = run(tmp_path, {"z.zip": make_zip({"big.md": b"word " * 400, "small.md": b"Small member.\n"})}, max_bytes=1000)
    assert reason(ev, "z.zip!big.md") == "file is 2000 bytes, over the 1000-byte limit"
    assert any(d.path.endswith("z.zip!small.md") for d in ev.documents)


# -- DOCX --------------------------------------------------------------------------------------

def test_corrupt_docx(tmp_path):
    ev = run(tmp_path, {"broken.docx": b"PK\x03\x04 this is not really a zip", "text.docx": b"plain words"})
    assert reason(ev, "broken.docx").startswith("not a valid DOCX")
    assert reason(ev, "text.docx").startswith("not a valid DOCX")


def test_docx_that_is_a_zip_without_a_document(tmp_path):
    ev = run(tmp_path, {"hollow.docx": make_zip({"readme.txt": b"hello"})})
    assert reason(ev, "hollow.docx").startswith("not a valid DOCX")


def test_password_protected_docx(tmp_path):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000)
    ev = run(tmp_path, {"secret.docx": ole})
    assert reason(ev, "secret.docx").startswith("password-protected DOCX or a legacy .doc file")


def test_docx_bomb(tmp_path):
    real = make_docx([("p", "Hello.")])
    with zipfile.ZipFile(io.BytesIO(real)) as src:
        parts = {i.filename: src.read(i) for i in src.infolist()}
    parts["word/media/padding.bin"] = bytes(30 * 1024 * 1024)
    ev = run(tmp_path, {"bomb.docx": make_zip(parts)})
    assert "possible zip bomb" in reason(ev, "bomb.docx") and reason(ev, "bomb.docx").startswith("DOCX package refused")


# -- archives ----------------------------------------------------------------------------------

def test_zip_with_path_traversal_entries(tmp_path):
    archive = make_zip({"../escape.md": b"Escaped.\n", "/etc/abs.md": b"Absolute.\n", "C:/win.md": b"Windows.\n",
                        "a/../../up.md": b"Up.\n", "fine/inside.md": b"Inside the archive.\n"})
    ev = run(tmp_path / "evidence", {"t.zip": archive})
    assert reason(ev, "t.zip!../escape.md") == "path traversal ('..') in archive"
    assert reason(ev, "t.zip!a/../../up.md") == "path traversal ('..') in archive"
    assert reason(ev, "t.zip!/etc/abs.md") == "absolute path in archive"
    assert reason(ev, "t.zip!C:/win.md") == "absolute path in archive"
    assert any(d.path.endswith("t.zip!fine/inside.md") for d in ev.documents)
    assert not (tmp_path / "escape.md").exists() and not (tmp_path / "up.md").exists()


def test_zip_symlink_and_encrypted_entries(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        link = zipfile.ZipInfo("link.md")
        link.external_attr = 0o120777 << 16
        zf.writestr(link, "/etc/passwd")
        zf.writestr("locked.md", b"Locked text.\n")
        zf.writestr("open.md", b"Open text.\n")
    raw = bytearray(buf.getvalue())
    for sig, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # mark locked.md as encrypted
        pos = raw.find(sig, raw.find(b"locked.md") - 60 if sig == b"PK\x03\x04" else raw.find(b"PK\x01\x02"))
        while raw[pos + (30 if sig == b"PK\x03\x04" else 46):][:9] != b"locked.md":
            pos = raw.find(sig, pos + 4)
        raw[pos + flag_at] |= 1
    ev = run(tmp_path, {"s.zip": bytes(raw)})
    assert reason(ev, "s.zip!link.md") == "symbolic link in archive (not followed)"
    assert reason(ev, "s.zip!locked.md").startswith("encrypted archive entry (password required)")
    assert any(d.path.endswith("s.zip!open.md") for d in ev.documents)


def test_zip_bomb_by_ratio(tmp_path):
    bomb = make_zip({"zeros.txt": bytes(30 * 1024 * 1024)})
    assert len(bomb) < 100_000
    ev = run(tmp_path, {"bomb.zip": bomb})
    assert reason(ev, "bomb.zip").startswith("archive refused: ") and "possible zip bomb" in reason(ev, "bomb.zip")
    assert not any("bomb.zip!" in d.path for d in ev.documents)


def test_zip_bomb_by_total_size(tmp_path):
    archive = make_zip({f"part{i}.md": f"Part {i} of a large archive.\n".encode() * 200 for i in range(5)})
    ev = run(tmp_path, {"large.zip": archive}, archive_limits=ArchiveLimits(max_total_bytes=10_000))
    assert "over the 10000-byte limit (possible zip bomb)" in reason(ev, "large.zip")


def test_nested_zip_bomb(tmp_path):
    inner = make_zip({"zeros.txt": bytes(30 * 1024 * 1024)})
    ev = run(tmp_path, {"outer.zip": make_zip({"inner.zip": inner, "ok.md": b"Fine member.\n"}, compression=zipfile.ZIP_STORED)})
    assert reason(ev, "outer.zip!inner.zip").startswith("nested archive refused: ")
    assert "possible zip bomb" in reason(ev, "outer.zip!inner.zip")
    assert any(d.path.endswith("outer.zip!ok.md") for d in ev.documents)


def test_nested_archives_deeper_than_two_levels(tmp_path):
    level3 = make_zip({"deepest.md": b"Three levels down.\n"})
    level2 = make_zip({"level3.zip": level3, "two.md": b"Two levels down.\n"})
    ev = run(tmp_path, {"level1.zip": make_zip({"level2.zip": level2, "one.md": b"One level down.\n"})})
    assert reason(ev, "level1.zip!level2.zip!level3.zip") == "nested archive deeper than 2 levels; unpack it first"
    names = [d.path for d in ev.documents]
    assert any(n.endswith("level1.zip!one.md") for n in names)
    assert any(n.endswith("level1.zip!level2.zip!two.md") for n in names)


def test_corrupt_zip(tmp_path):
    ev = run(tmp_path, {"broken.zip": b"PK\x03\x04" + bytes(100)})
    assert reason(ev, "broken.zip").startswith("archive refused: not a valid zip archive")


def test_damaged_zip_member(tmp_path):
    raw = bytearray(make_zip({"a.md": b"Alpha text, long enough to compress a little. " * 20, "b.md": b"Bravo.\n"}))
    start = raw.find(b"a.md") + 4  # inside a.md's compressed data
    raw[start + 10 : start + 30] = bytes(20)
    ev = run(tmp_path, {"d.zip": bytes(raw)})
    assert reason(ev, "d.zip!a.md").startswith("damaged archive entry")
    assert any(d.path.endswith("d.zip!b.md") for d in ev.documents)


# -- file system -------------------------------------------------------------------------------

def test_symlink_loops(tmp_path):
    root = tmp_path / "ev"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "up").symlink_to(root, target_is_directory=True)
    (root / "self.md").symlink_to(root / "self.md")
    ev = run(root, {})
    assert reason(ev, "self.md").startswith("cannot read file (Too many levels of symbolic links")
    assert reason(ev, "sub/up") == "directory already visited (symlink loop)"
    assert len(ev.documents) == 1


def test_broken_symlink(tmp_path):
    (tmp_path / "gone.md").symlink_to(tmp_path / "missing.md")
    ev = run(tmp_path, {})
    assert reason(ev, "gone.md") == "cannot read file (No such file or directory)"


def test_unreadable_file(tmp_path):
    locked = tmp_path / "locked.md"
    locked.write_text("Secret.\n")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running as root: a chmod 000 file is still readable")
        ev = run(tmp_path, {})
        assert reason(ev, "locked.md") == "cannot read file (Permission denied)"
    finally:
        locked.chmod(0o644)


def test_permission_denied_is_reported_even_as_root(tmp_path, monkeypatch):
    """The same path as chmod 000, simulated so it runs when tests run as root."""
    real_open = open

    def guarded(file, *args, **kwargs):
        if str(file).endswith("locked.md"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(evidence_module, "open", guarded, raising=False)
    ev = run(tmp_path, {"locked.md": b"Secret.\n"})
    assert reason(ev, "locked.md") == "cannot read file (Permission denied)"


def test_unreadable_directory(tmp_path):
    closed = tmp_path / "closed"
    closed.mkdir()
    (closed / "inside.md").write_text("Inside.\n")
    closed.chmod(0)
    try:
        if os.access(closed, os.R_OK):
            pytest.skip("running as root: a chmod 000 folder is still readable")
        ev = run(tmp_path, {})
        assert reason(ev, "closed") == "cannot list directory (Permission denied)"
    finally:
        closed.chmod(0o755)


def test_duplicate_documents_are_assessed_once_and_both_paths_listed(tmp_path):
    ev = run(tmp_path, {"z-copy.md": GOOD.encode(), "sub/again.md": GOOD.encode()})
    good = next(d for d in ev.documents if d.path.endswith("good.md"))
    assert len(ev.documents) == 1 and len(ev.passages) == 1
    assert reason(ev, "z-copy.md") == f"duplicate of {good.path} (same sha256; assessed once)"
    assert reason(ev, "sub/again.md") == f"duplicate of {good.path} (same sha256; assessed once)"
    assert [Path(p).name for p in good.to_json()["duplicates"]] == ["again.md", "z-copy.md"]


def test_duplicate_of_an_unreadable_file(tmp_path):
    ev = run(tmp_path, {"a.pdf": b"%PDF-1.4 junk", "b.pdf": b"%PDF-1.4 junk"})
    assert "PDF" in reason(ev, "a.pdf")
    assert reason(ev, "b.pdf") == f"same content as {ev.skipped[0].path} ({reason(ev, 'a.pdf')})"


# -- structured evidence -----------------------------------------------------------------------

@pytest.mark.parametrize("name, content, expected", [
    ("bad-value.csv", "name,value\nNPS,42\nCSAT,high\n", "malformed metrics, row 3: value 'high' is not a number"),
    ("percent.csv", "name,value\nRate,45%\n", "row 2: value '45%' is not a number (put the unit in the 'unit' column)"),
    ("no-header.csv", "NPS,42\nCSAT,4\n", "malformed CSV, row 1 (header): needs columns 'name' and 'value'"),
    ("ragged.csv", "name,value,unit\nNPS,42,pts,extra\n", "malformed CSV, row 2: 4 fields, the header has 3"),
    ("bad-date.csv", "name,value,date\nNPS,42,30/06/2026\n", "row 2: date '30/06/2026' is not an ISO date"),
    ("no-name.csv", "name,value\n,42\n", "row 2: 'name' is missing or empty"),
    ("syntax.json", '{"metrics": [\n  {"name": "NPS", "value": 42},\n  {"name": "CSAT" "value": 4}\n]}',
     "invalid JSON at line 3, column 19: Expecting ',' delimiter"),
    ("string-value.json", '{"metrics": [{"name": "NPS", "value": "42"}]}', "metrics[0]: value '42' is not a number"),
    ("nan.json", '{"metrics": [{"name": "NPS", "value": NaN}]}', "invalid JSON"),
    ("no-metrics.json", '{"rows": []}', "no metrics found"),
    ("not-list.json", '{"metrics": {"name": "NPS"}}', "'metrics' must be a list"),
    ("syntax.yaml", "metrics:\n  - name: NPS\n    value: [42\n", "invalid YAML at line 4"),
    ("bad-row.yaml", "metrics:\n  - name: NPS\n    value: 42\n  - name: CSAT\n    value: yes\n",
     "malformed metrics, line 4: value True is not a number"),
    ("no-value.yaml", "metrics:\n  - name: NPS\n", "line 2: 'value' is missing"),
    ("code.yaml", "metrics: !!python/object/apply:os.system ['touch /tmp/maturity-pwned']\n", "invalid YAML at line 1"),
])
def test_malformed_structured_evidence(tmp_path, name, content, expected):
    ev = run(tmp_path, {name: content.encode()})
    assert expected in reason(ev, name)
    assert not_ingested(ev, name) and not ev.metrics
    assert not Path("/tmp/maturity-pwned").exists()


# -- evidence dates ----------------------------------------------------------------------------

def test_malformed_sidecar_is_reported_and_the_document_still_read(tmp_path):
    ev = run(tmp_path, {"report.md": b"Report text.\n", "report.md.meta.yaml": b"expiry: 2020-01-01\n",
                        "evidence-manifest.yaml": b"documents: [oops]\n"})
    assert "unknown key 'expiry'" in reason(ev, "report.md.meta.yaml")
    assert "needs one key, 'documents'" in reason(ev, "evidence-manifest.yaml")
    assert any(d.path.endswith("report.md") for d in ev.documents)


def test_expired_document_in_an_archive(tmp_path):
    archive = make_zip({"old.md": b"Old text.\n", "old.md.meta.yaml": b"expires: 2020-12-31\n", "new.md": b"New text.\n"})
    ev = run(tmp_path, {"a.zip": archive}, as_of=dt.date(2026, 1, 1))
    assert reason(ev, "a.zip!old.md").startswith("expired on 2020-12-31 (as of 2026-01-01")
    assert any(d.path.endswith("a.zip!new.md") for d in ev.documents)


def test_one_broken_pdf_page_costs_that_page_only(tmp_path, monkeypatch):
    from pypdf.errors import PdfReadError

    from maturity.engine.readers import pdf as pdf_reader

    real = pdf_reader._page_blocks

    def flaky(page, number):
        if number == 2:
            raise PdfReadError("Invalid content stream\non two lines")
        return real(page, number)

    monkeypatch.setattr(pdf_reader, "_page_blocks", flaky)
    ev = run(tmp_path, {"three.pdf": make_pdf([["Page one."], ["Page two."], ["Page three."]])})
    assert reason(ev, "three.pdf#page=2") == "page 2 could not be read (PdfReadError: Invalid content stream on two lines)"
    assert {p.text: p.page for p in ev.passages if p.page} == {"Page one.": 1, "Page three.": 3}


# -- parallel parsing --------------------------------------------------------------------------

def test_parallel_parsing_gives_the_serial_evidence_in_the_same_order(tmp_path, monkeypatch, pdf):
    import concurrent.futures

    corrupt = b"%PDF-1.4\n" + random.Random(7).randbytes(4000) + b"\n%%EOF\n"
    docx = make_docx([("h1", "Voice"), ("p", "Complaints are analysed monthly.")])
    files = {
        "a.pdf": pdf, "a-copy.pdf": pdf, "corrupt.pdf": corrupt, "corrupt-copy.pdf": corrupt,
        "truncated.pdf": pdf[: len(pdf) // 2], "scan.pdf": make_image_pdf(), "plan.docx": docx,
        "fake.docx": b"plain words", "page.html": b"<main><h1>Journeys</h1><p>Mapped yearly.</p></main>",
        "empty.html": b"", "image.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200),
        "notes.md": b"# Notes\n\n- one\n- two\n", "old.md": b"Old minutes.\n", "old.md.meta.yaml": b"expires: 2020-01-01\n",
        "nps.csv": b"name,value\nNPS,42\n", "logo.xyz": b"?", "notes.txt": b"Plain notes.\n",
        "bundle.zip": make_zip({"in.pdf": pdf, "in.docx": b"not a docx", "in.md": b"Zipped *text*.\n", "z.html": b"<p>Late.</p>"}),
    }
    submitted: list[str] = []

    class Spy(concurrent.futures.ProcessPoolExecutor):
        def submit(self, fn, *args, **kwargs):
            submitted.append(args[0])
            return super().submit(fn, *args, **kwargs)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Spy)

    def evidence(**kwargs):
        calls = []
        ev = run(tmp_path, files, progress=lambda done, total: calls.append((done, total)), **kwargs)
        return ev.manifest(), [p.to_json() for p in ev.passages], calls

    serial = evidence(workers=1)
    assert evidence() == serial and not submitted  # a small bundle is not worth a pool
    monkeypatch.setattr(evidence_module, "PARALLEL_MIN_BYTES", 0)
    assert evidence(workers=2) == serial
    assert sorted(set(submitted)) == [".docx", ".html", ".pdf"]  # the slow formats went to the pool
    reasons = " / ".join(s["reason"] for s in serial[0]["skipped"])
    for expected in ("duplicate of", "same content as", "corrupt PDF", "truncated PDF", "no text layer", "not a valid DOCX",
                     "empty file", "binary content", "expired on", "unsupported format"):
        assert expected in reasons
