"""The command line, through click's CliRunner: exit codes and output, never a traceback."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from maturity.cli import cli

ROOT = Path(__file__).resolve().parent.parent
NORTHWIND = str(ROOT / "examples" / "northwind-outfitters")


@pytest.fixture
def run():
    def _run(*args, input=None):
        result = CliRunner().invoke(cli, list(args), input=input)
        assert "Traceback" not in result.output
        return result

    return _run


def test_frameworks_list(run):
    text = run("frameworks", "list")
    assert text.exit_code == 0 and "cx-matrix" in text.output
    rows = json.loads(run("frameworks", "list", "--format", "json").output)
    assert {"id": "cx-matrix", "stages": 4} .items() <= next(r for r in rows if r["id"] == "cx-matrix").items()


def test_frameworks_show(run):
    result = run("frameworks", "show", "cx-matrix")
    assert result.exit_code == 0
    assert "Voice of the Customer (voc)" in result.output and "18-20 Market leader" in result.output


def test_assess_text_shows_stages_total_band_and_gaps(run):
    result = run("assess", NORTHWIND, "--framework", "cx-matrix",
                 "--self-assessment", str(Path(NORTHWIND) / "self-assessment.yaml"))
    assert result.exit_code == 1, result.output  # assessed, with a warning: logo.png was skipped
    out = result.output
    assert "Total: 8/20 - Ad-hoc" in out and "Focus:" in out
    assert "Top gaps to the next stage:" in out
    assert "over-claim" in out
    assert "skipped" in out and "logo.png" in out


def test_assess_json_then_explain(run, tmp_path):
    path = tmp_path / "record.json"
    assert run("assess", NORTHWIND, "-f", "cx-matrix", "--format", "json", "-o", str(path)).exit_code == 1
    record = json.loads(path.read_text())
    assert {"framework", "evidence", "observations", "trace", "ratings", "result"} <= set(record)
    assert record["framework"]["id"] == "cx-matrix" and len(record["framework"]["rubric_sha256"]) == 64
    result = run("explain", str(path), "--dimension", "voc")
    assert result.exit_code == 0
    assert "decided by rule rating:voc:2" in result.output
    assert "why not stage 3 (Managed)" in result.output
    assert "Voice of the Customer" in result.output and "Culture" not in result.output


def test_assess_markdown(run):
    result = run("assess", NORTHWIND, "-f", "cx-matrix", "--format", "markdown")
    assert result.exit_code == 1 and "| Dimension | Stage | Status |" in result.output


def test_exit_status_is_zero_when_nothing_was_skipped(run):
    result = run("assess", str(ROOT / "examples" / "lumen-health"), "-f", "cx-matrix")
    assert result.exit_code == 0 and "0 skipped" in result.output and "Skipped:" not in result.output


def test_classify_jsonl(run, tmp_path):
    lines = [{"id": "a", "text": "Every unhappy respondent gets a call from a team lead within 48 hours."},
             {"id": "b", "text": "The car park will be resurfaced in March."}]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    result = run("classify", "--framework", "cx-matrix", str(path))
    assert result.exit_code == 0
    out = [json.loads(line) for line in result.output.splitlines()]
    assert [o["id"] for o in out] == ["a", "b"]
    assert set(out[0]) >= {"id", "dimension", "stage", "polarity", "criterion", "confidence"}
    assert (out[0]["dimension"], out[0]["stage"], out[0]["polarity"]) == ("voc", 3, "current")
    assert out[1]["dimension"] is None and out[1]["stage"] is None


@pytest.mark.parametrize("args,message,code", [
    (["assess", NORTHWIND, "-f", "cx-matrx"], "no framework with id 'cx-matrx'", 2),
    (["assess", "no/such/dir", "-f", "cx-matrix"], "no/such/dir: no such file or directory", 3),
    (["frameworks", "show", "nope"], "no framework with id 'nope'", 2),
])
def test_user_errors_are_one_line_messages(run, args, message, code):
    result = run(*args)
    assert result.exit_code == code
    assert message in result.output


def test_explain_rejects_a_file_that_is_not_a_record(run, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{\"hello\": 1}")
    result = run("explain", str(bad))
    assert result.exit_code == 2 and "not an assessment record" in result.output


def test_classify_reports_the_bad_line(run, tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": 1, "text": "ok"}\nnot json\n')
    result = run("classify", "-f", "cx-matrix", str(path))
    assert result.exit_code == 2 and "in.jsonl:2" in result.output


def test_malformed_self_assessment(run, tmp_path):
    sa = tmp_path / "sa.yaml"
    sa.write_text("framework: cx-matrix\ndimensions:\n  voc: {claimed: 7}\n  vibes: {claimed: 2}\n")
    result = run("assess", NORTHWIND, "-f", "cx-matrix", "--self-assessment", str(sa))
    assert result.exit_code == 2
    assert "voc.claimed: 7 is above the top stage 4" in result.output
    assert "dimensions.vibes: not a dimension" in result.output


def test_rubric_validate_and_schema(run):
    broken = ROOT / "tests" / "rubrics" / "broken" / "unknown_key.yaml"
    ok = ROOT / "maturity" / "rubrics" / "cx-matrix.yaml"
    result = run("rubric", "validate", str(ok), str(broken))
    assert result.exit_code == 2
    assert "cx-matrix.yaml: ok" in result.output and "ratng: Extra inputs are not permitted" in result.output
    schema = json.loads(run("rubric", "schema").output)
    assert schema["title"] == "Rubric"


def test_plugins_json(run):
    data = json.loads(run("plugins", "--format", "json").output)
    assert any(p["name"] == "cx_matrix" and p["frameworks"] == ["cx-matrix"] for p in data["plugins"])


def test_include_exclude_and_size_options(run, tmp_path):
    (tmp_path / "keep.md").write_text("We phone every detractor within 48 hours of their survey response.\n")
    (tmp_path / "drop.txt").write_text("Nobody follows up detractors.\n")
    (tmp_path / "big.txt").write_text("Our CRM is a mess. " * 200)
    path = tmp_path / "r.json"
    result = run("assess", str(tmp_path), "-f", "cx-matrix", "--exclude", "drop.*", "--max-bytes", "1000",
                 "--record", str(path))
    record = json.loads(path.read_text())
    assert [d["path"].rsplit("/", 1)[-1] for d in record["evidence"]["documents"]] == ["keep.md"]
    assert any("big.txt" in s["path"] and "limit" in s["reason"] for s in record["evidence"]["skipped"])
    assert result.exit_code == 1


def test_explain_names_the_pdf_page(run, tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(tmp_path / "board-pack.pdf"), pagesize=A4)
    pdf.drawString(72, 800, "Cover page.")
    pdf.showPage()
    pdf.drawString(72, 800, "Team leads phone every detractor within 48 hours of the survey.")
    pdf.save()
    record = tmp_path / "r.json"
    assert run("assess", str(tmp_path), "-f", "cx-matrix", "--record", str(record)).exit_code == 0
    out = run("explain", str(record), "-d", "voc").output
    assert "board-pack.pdf page 2:" in out


def test_explain_quotes_the_observations_that_count_before_those_below_the_threshold(run, tmp_path):
    record = tmp_path / "r.json"
    run("assess", NORTHWIND, "-f", "cx-matrix", "--record", str(record))
    lines = run("explain", str(record)).output.splitlines()
    held = [i for i, line in enumerate(lines) if line.startswith("    [") and "satisfied)" in line]
    assert held and any("below the rating threshold" in line for line in lines)
    for i in held:  # a criterion holds on observations at or above the threshold: one of them comes first
        assert lines[i + 1].startswith("      supports (") and "below the rating threshold" not in lines[i + 1]
