"""Each supported format is read with its locations: PDF pages, DOCX heading paths, HTML without
boilerplate, Markdown line spans, text in several encodings, metrics from CSV/JSON/YAML, zip archives,
filters and evidence dates. All inputs are generated in tmp_path."""

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

from docbuilders import make_docx, make_pdf, make_zip

from maturity.engine.classify import SignalClassifier
from maturity.engine.evidence import Passage, ingest


def by_text(evidence):
    return {p.text: p for p in evidence.passages}


def test_pdf_passages_are_paragraphs_with_page_numbers(tmp_path):
    (tmp_path / "report.pdf").write_bytes(make_pdf(
        [["We survey every customer after each support contact.", "The results are reviewed monthly."],
         ["The journey map is owned by the CX team and refreshed every quarter."]],
        heading="Customer strategy"))
    ev = ingest([tmp_path])
    doc, = ev.documents
    assert doc.format == "pdf" and doc.pages == 2 and doc.to_json()["pages"] == 2
    passages = by_text(ev)
    assert passages["Customer strategy"].page == 1
    first = passages["We survey every customer after each support contact."]
    assert (first.page, first.line_start, first.line_end) == (1, 2, 2)
    assert passages["The results are reviewed monthly."].page == 1
    journey = passages["The journey map is owned by the CX team and refreshed every quarter."]
    assert journey.page == 2 and journey.line_start == 1
    assert journey.to_json()["location"] == {"line_start": 1, "line_end": 1, "page": 2}


def test_long_pdf_paragraph_wraps_into_one_passage(tmp_path):
    long = "Every complaint is logged, categorised and reviewed by the service team each week. " * 4
    (tmp_path / "long.pdf").write_bytes(make_pdf([[long, "Short closing line."]]))
    ev = ingest([tmp_path])
    first, second = ev.passages
    assert " ".join(first.text.split()) == long.strip()
    assert first.line_end > first.line_start and second.line_start == first.line_end + 1


def test_docx_headings_paragraphs_and_table_rows_carry_the_heading_path(tmp_path):
    (tmp_path / "plan.docx").write_bytes(make_docx([
        ("h1", "Strategy"), ("p", "CX is part of the company strategy."),
        ("h2", "Budget"), ("p", "The CX budget is approved yearly."),
        ("table", [["Metric", "Owner"], ["NPS", "CX team"]]),
        ("h1", "Journey"), ("p", "We map the onboarding journey."),
    ]))
    ev = ingest([tmp_path])
    assert ev.documents[0].format == "docx"
    p = by_text(ev)
    assert p["CX is part of the company strategy."].section == "Strategy"
    assert p["Budget"].section == "Strategy > Budget"
    assert p["The CX budget is approved yearly."].section == "Strategy > Budget"
    assert p["NPS | CX team"].section == "Strategy > Budget"
    assert p["We map the onboarding journey."].section == "Journey"
    loc = p["The CX budget is approved yearly."].to_json()["location"]
    assert loc["section"] == "Strategy > Budget" and "page" not in loc
    # paragraph numbers run in body order, table rows included
    assert p["Metric | Owner"].line_start < p["NPS | CX team"].line_start < p["Journey"].line_start


def test_docx_custom_style_based_on_a_heading_is_a_heading(tmp_path):
    import io

    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE

    doc = Document()
    doc.add_heading("Strategy", level=1)
    style = doc.styles.add_style("Section Title", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Heading 2"]
    doc.add_paragraph("Customer budget", style="Section Title")
    doc.add_paragraph("Tab\tseparated words.")
    buf = io.BytesIO()
    doc.save(buf)
    (tmp_path / "custom.docx").write_bytes(buf.getvalue())
    p = by_text(ingest([tmp_path]))
    assert p["Tab\tseparated words."].section == "Strategy > Customer budget"


HTML = """<!DOCTYPE html>
<html><head><title>About us</title>
<style>.x { color: red }</style>
<script>var tracking = "script text";</script></head>
<body>
<header><div class="brand">Header text</div></header>
<nav><ul><li>Nav home</li><li>Nav about</li></ul><script>nested script text</script></nav>
<main>
<h1>Customer strategy</h1>
<p>We measure NPS after every
   support contact &amp; review it monthly.</p>
<h2>Owners</h2>
<table><tr><th>Metric</th><th>Owner</th></tr><tr><td>NPS</td><td>CX team</td></tr></table>
<ul><li>First item</li><li>Second <a href="#">linked</a> item</li></ul>
<div hidden>Hidden text</div><p aria-hidden="true">aria hidden</p>
<form><label>Form label</label><input name="q"></form>
</main>
<aside>Aside text</aside>
<footer>Footer text</footer>
<noscript>Noscript text</noscript>
</body></html>
"""


def test_html_keeps_visible_blocks_and_drops_boilerplate(tmp_path):
    (tmp_path / "page.html").write_text(HTML, encoding="utf-8")
    ev = ingest([tmp_path])
    p = by_text(ev)
    assert list(p) == ["Customer strategy", "We measure NPS after every support contact & review it monthly.",
                       "Owners", "Metric | Owner", "NPS | CX team", "First item", "Second linked item"]
    everything = " ".join(p)
    for gone in ("script text", "nested script", "aria hidden", "Header text", "Nav home", "Hidden text",
                 "Form label", "Aside text", "Footer text", "Noscript text", "color: red", "About us"):
        assert gone not in everything
    para = p["We measure NPS after every support contact & review it monthly."]
    assert (para.line_start, para.line_end) == (10, 11)
    assert para.section == "Customer strategy"
    assert p["NPS | CX team"].section == "Customer strategy > Owners" and p["NPS | CX team"].line_start == 13


def test_html_in_a_declared_legacy_charset(tmp_path):
    page = '<html><head><meta charset="windows-1252"></head><body><p>Caf\u00e9 \u2013 na\u00efve service</p></body></html>'
    (tmp_path / "legacy.htm").write_bytes(page.encode("cp1252"))
    ev = ingest([tmp_path])
    assert [p.text for p in ev.passages] == ["Caf\u00e9 \u2013 na\u00efve service"]


def test_markdown_keeps_line_spans(tmp_path):
    (tmp_path / "notes.md").write_text(
        "# Voice of the customer\n\nWe run a survey\nafter every order.\n\n- Item one\n- Item two\n\n"
        "| Metric | Owner |\n|---|---|\n| NPS | CX |\n", encoding="utf-8")
    ev = ingest([tmp_path])
    spans = [(p.text, p.line_start, p.line_end) for p in ev.passages]
    assert spans == [("Voice of the customer", 1, 1), ("We run a survey\nafter every order.", 3, 4),
                     ("Item one", 6, 6), ("Item two", 7, 7), ("Metric | Owner", 9, 9), ("NPS | CX", 11, 11)]
    assert ev.passages[0].to_json()["location"] == {"line_start": 1, "line_end": 1, "section": "Voice of the customer"}
    assert {p.section for p in ev.passages} == {"Voice of the customer"}


def test_markdown_passages_carry_the_heading_path_above_them(tmp_path):
    (tmp_path / "notes.md").write_text(
        "Preamble.\n\n# Feedback process\n\nWe survey quarterly.\n\n## Ideas for 2027 (not approved)\n\n"
        "- A dashboard joining NPS and reviews\n\n# Data\n\nThe CRM is HubSpot.\n", encoding="utf-8")
    p = {p.text: p.section for p in ingest([tmp_path]).passages}
    assert p["Preamble."] is None
    assert p["We survey quarterly."] == "Feedback process"
    assert p["A dashboard joining NPS and reviews"] == "Feedback process > Ideas for 2027 (not approved)"
    assert p["The CRM is HubSpot."] == "Data"


def test_markdown_passages_are_rendered_text_without_code_or_raw_html(tmp_path):
    (tmp_path / "notes.md").write_text(
        "## The **voice** of the customer\n\n"                        # 1
        "Surveys &amp; *interviews* feed [the backlog](https://x).\n\n"  # 3
        "- Tight item\n  - nested item\n  - another nested\n- Last item\n\n"  # 5-8
        "> Quoted paragraph\n> on two lines.\n\n"                     # 10-11
        "1. Loose item\n\n   Second paragraph of it.\n\n"             # 13, 15
        "```\ncode is not evidence\n```\n\n"                          # 17-19
        "<div>raw html is not evidence</div>\n\n"                     # 21
        "| Metric | Owner |\n|---|---|\n| NPS | |\n", encoding="utf-8")  # 23-25
    spans = [(p.text, p.line_start, p.line_end) for p in ingest([tmp_path]).passages]
    assert spans == [
        ("The voice of the customer", 1, 1), ("Surveys & interviews feed the backlog.", 3, 3),
        ("Tight item", 5, 5), ("nested item", 6, 6), ("another nested", 7, 7), ("Last item", 8, 8),
        ("Quoted paragraph\non two lines.", 10, 11), ("Loose item", 13, 13), ("Second paragraph of it.", 15, 15),
        ("Metric | Owner", 23, 23), ("NPS", 25, 25)]


def test_text_in_common_encodings_is_read(tmp_path):
    text = "Caf\u00e9 strategy \u2013 the \u201ccustomer first\u201d programme.\n\nNa\u00efve r\u00e9sum\u00e9 of our approach.\n"
    (tmp_path / "utf8.txt").write_bytes(text.encode("utf-8"))
    (tmp_path / "utf8bom.txt").write_bytes(("x" + text).encode("utf-8-sig"))
    (tmp_path / "utf16le.txt").write_bytes(("le " + text).encode("utf-16"))
    (tmp_path / "utf16be.txt").write_bytes(b"\xfe\xff" + ("be " + text).encode("utf-16-be"))
    (tmp_path / "cp1252.txt").write_bytes(("w " + text).encode("cp1252"))
    ev = ingest([tmp_path])
    assert not ev.skipped
    docs = {Path(d.path).name: d for d in ev.documents}
    assert docs["cp1252.txt"].passages[0].text == "w Caf\u00e9 strategy \u2013 the \u201ccustomer first\u201d programme."
    assert docs["cp1252.txt"].encoding == "cp1252" and docs["cp1252.txt"].to_json()["encoding"] == "cp1252"
    assert docs["utf16le.txt"].passages[1].text == "Na\u00efve r\u00e9sum\u00e9 of our approach."
    assert docs["utf16be.txt"].passages[0].text.startswith("be Caf\u00e9")
    assert docs["utf8bom.txt"].passages[0].text.startswith("xCaf\u00e9")  # the BOM is not text
    assert docs["utf8.txt"].encoding is None and "encoding" not in docs["utf8.txt"].to_json()


def test_legacy_encoding_detected_by_charset_normalizer(tmp_path):
    text = "Удовлетворенность клиентов измеряется ежемесячно.\n"
    (tmp_path / "ru.txt").write_bytes((text * 3).encode("koi8_r"))
    ev = ingest([tmp_path])
    assert ev.passages[0].text.startswith(text.strip())
    assert ev.documents[0].encoding == "koi8_r"


def test_metrics_from_csv_json_and_yaml(tmp_path):
    (tmp_path / "nps.csv").write_text("name,value,unit,date,notes\nNPS,42,points,2026-06-30,from survey\n"
                                      "CSAT,4.5,,2026-06-30,\n", encoding="utf-8")
    (tmp_path / "ops.json").write_text(json.dumps({"metrics": [
        {"name": "First contact resolution", "value": 0.71, "unit": "ratio", "date": "2026-05-01"},
        {"name": "Churn", "value": 3}]}), encoding="utf-8")
    (tmp_path / "survey.yaml").write_text("metrics:\n  - name: Response rate\n    value: 23.5\n    unit: '%'\n"
                                          "    date: 2026-04-01\n  - name: Surveys sent\n    value: 1200\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("A passage.\n", encoding="utf-8")
    ev = ingest([tmp_path])
    assert not ev.skipped
    got = {m.name: m for m in ev.metrics}
    assert set(got) == {"NPS", "CSAT", "First contact resolution", "Churn", "Response rate", "Surveys sent"}
    nps = got["NPS"]
    assert (nps.value, nps.unit, nps.date, nps.location) == (42, "points", dt.date(2026, 6, 30), "row 2")
    assert nps.source_path.endswith("nps.csv")
    assert (got["CSAT"].value, got["CSAT"].unit, got["CSAT"].location) == (4.5, None, "row 3")
    assert got["First contact resolution"].location == "metrics[0]" and got["Churn"].date is None
    rate = got["Response rate"]
    assert (rate.unit, rate.date, rate.location) == ("%", dt.date(2026, 4, 1), "line 2")
    assert got["Surveys sent"].location == "line 6"
    # metrics files give no passages, but are documents of the evidence and listed in the manifest
    assert [p.text for p in ev.passages] == ["A passage."]
    formats = {d.format: d for d in ev.documents}
    assert formats["metrics-csv"].passages == () and formats["metrics-csv"].to_json()["metrics"] == 2
    manifest = ev.manifest()
    assert {"name": "NPS", "value": 42, "unit": "points", "date": "2026-06-30", "source": nps.source_path,
            "location": "row 2"} in manifest["metrics"]
    json.dumps(manifest)  # serialisable as it is


def test_zip_members_are_documents_with_archive_paths(tmp_path):
    inner = make_zip({"deep.md": b"# Deep\n\nInside the inner archive.\n"})
    (tmp_path / "bundle.zip").write_bytes(make_zip({
        "docs/a.md": b"# Alpha\n\nAlpha text.\n", "docs/report.pdf": make_pdf([["PDF inside a zip."]]),
        "inner.zip": inner, "docs/.hidden.md": b"hidden", "__MACOSX/docs/._a.md": b"junk"}))
    ev = ingest([tmp_path])
    paths = sorted(d.path[len(tmp_path.as_posix()) + 1:] for d in ev.documents)
    assert paths == ["bundle.zip!docs/a.md", "bundle.zip!docs/report.pdf", "bundle.zip!inner.zip!deep.md"]
    assert not ev.skipped
    assert by_text(ev)["PDF inside a zip."].page == 1


def test_include_and_exclude_globs(tmp_path):
    (tmp_path / "keep.md").write_text("Keep me.\n")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "draft.md").write_text("A draft.\n")
    (tmp_path / "other.txt").write_text("Other text.\n")
    (tmp_path / "z.zip").write_bytes(make_zip({"in.md": b"Zipped markdown.\n", "in.txt": b"Zipped text.\n"}))
    texts = lambda ev: sorted(p.text for p in ev.passages)  # noqa: E731
    assert texts(ingest([tmp_path], include=["*.md"])) == ["A draft.", "Keep me.", "Zipped markdown."]
    assert texts(ingest([tmp_path], include=["*.md"], exclude=["drafts/*"])) == ["Keep me.", "Zipped markdown."]
    assert texts(ingest([tmp_path], exclude=["*.zip", "**/draft.md"])) == ["Keep me.", "Other text."]
    assert texts(ingest([tmp_path], exclude=["drafts", "z.zip!in.txt"])) == ["Keep me.", "Other text.", "Zipped markdown."]
    assert texts(ingest([tmp_path], exclude=[tmp_path / "other.txt"], include=["*.txt", "*.md"])) == [
        "A draft.", "Keep me.", "Zipped markdown.", "Zipped text."]


def test_evidence_dates_from_sidecar_and_manifest(tmp_path):
    (tmp_path / "old.md").write_text("Old minutes.\n")
    (tmp_path / "old.md.meta.yaml").write_text("effective: 2024-01-10\nexpires: 2025-01-10\n")
    (tmp_path / "fresh.md").write_text("Fresh minutes.\n")
    (tmp_path / "dated.md").write_text("Dated but undated-expiry.\n")
    (tmp_path / "future.md").write_text("Future plan.\n")
    (tmp_path / "evidence-manifest.yaml").write_text(
        "documents:\n  fresh.md: {effective: 2026-05-01, expires: 2027-05-01}\n"
        "  '*.md': {effective: 2025-01-01}\n  future.md: {effective: 2026-09-01}\n")
    ev = ingest([tmp_path], as_of=dt.date(2026, 6, 1), max_age=dt.timedelta(days=365))
    assert [Path(d.path).name for d in ev.documents] == ["fresh.md"]
    fresh = ev.documents[0].to_json()
    assert (fresh["effective"], fresh["expires"], fresh["dates_from"]) == ("2026-05-01", "2027-05-01", "evidence-manifest.yaml")
    reasons = {Path(s.path).name: s.reason for s in ev.skipped}
    assert reasons["old.md"].startswith("expired on 2025-01-10 (as of 2026-06-01") and "old.md.meta.yaml" in reasons["old.md"]
    assert reasons["dated.md"].startswith("stale: effective 2025-01-01, 516 days before 2026-06-01")
    assert reasons["future.md"].startswith("not yet effective: effective 2026-09-01")
    assert ev.manifest()["as_of"] == "2026-06-01"
    # without max_age only expiry and future dates matter; metadata files are never evidence
    ev = ingest([tmp_path], as_of=dt.date(2026, 6, 1))
    assert sorted(Path(d.path).name for d in ev.documents) == ["dated.md", "fresh.md"]
    assert not any("yaml" in d.path for d in ev.documents)


def test_duplicates_are_listed_on_the_document(tmp_path):
    (tmp_path / "a.md").write_text("Same words.\n")
    (tmp_path / "b.md").write_text("Same words.\n")
    ev = ingest([tmp_path])
    doc, = ev.documents
    assert doc.to_json()["duplicates"] == [ev.skipped[0].path] and ev.skipped[0].path.endswith("b.md")


def test_passages_from_every_format_classify(tmp_path, matrix):
    (tmp_path / "r.pdf").write_bytes(make_pdf([["We survey customers after every support contact."]]))
    (tmp_path / "r.docx").write_bytes(make_docx([("h1", "Voice"), ("p", "Complaints are analysed monthly.")]))
    (tmp_path / "r.html").write_text("<p>Customer journeys are mapped.</p>")
    ev = ingest([tmp_path])
    classifier = SignalClassifier(matrix)
    for passage in ev.passages:
        for o in classifier.classify(passage):
            assert o.quote in passage.text


def test_old_passage_constructor_still_works():
    p = Passage("d:1", "d", "text", 3, 4)
    assert p.page is None and p.section is None
    assert p.to_json() == {"id": "d:1", "document": "d", "location": {"line_start": 3, "line_end": 4}, "text": "text"}


def test_parsers_are_imported_lazily():
    code = ("import sys, maturity.cli, maturity.engine.evidence, maturity.engine.assess; "
            "print(sorted(m for m in ('pypdf', 'docx', 'selectolax', 'charset_normalizer', 'comrak') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
