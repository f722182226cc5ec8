"""Structured evidence: metric rows read against rubric thresholds, traced like any evidence."""

from maturity.engine.assess import assess


def voc(record):
    return {c["id"]: c for c in record["ratings"]["criteria"] if c["dimension"] == "voc"}


def test_a_metric_that_meets_its_threshold_supports_the_criterion(tmp_path):
    (tmp_path / "kpis.csv").write_text("name,value,unit,date\nHours to contact a detractor,30,h,2026-09-30\n")
    (tmp_path / "notes.md").write_text("We send an NPS survey every quarter.\n")
    record = assess([tmp_path], "cx-matrix")
    closed = voc(record)["voc.3.closed-loop"]
    assert (closed["status"], closed["supports"]) == ("satisfied", 1)
    obs = next(o for o in record["observations"] if o["method"].startswith("metric:"))
    assert obs["quote"] == "row 2: Hours to contact a detractor = 30 h (2026-09-30)"
    assert next(d for d in record["result"]["dimensions"] if d["id"] == "voc")["stage"] == 3


def test_a_missed_threshold_refutes_and_units_must_agree(tmp_path):
    (tmp_path / "kpis.yaml").write_text(
        "metrics:\n"
        "  - {name: hours to contact detractors, value: 96, unit: h}\n"
        "  - {name: survey response rate, value: 4, unit: '%'}\n"
        "  - {name: survey response rate, value: 4, unit: points}\n")
    record = assess([tmp_path], "cx-matrix")
    criteria = voc(record)
    assert criteria["voc.3.closed-loop"]["status"] == "not_satisfied"
    assert criteria["voc.2.low-response"]["supports"] == 1  # the row in 'points' is not a percentage
    assert record["evidence"]["metrics"][0]["name"] == "hours to contact detractors"
