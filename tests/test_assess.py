"""End to end on the bundled examples: stages, not-rated handling, self-assessment, determinism."""

import json
from pathlib import Path

import pytest

from maturity.engine import record as records
from maturity.engine.assess import assess
from maturity.engine.errors import EvidenceError, RecordError

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

# The stages the examples' author intended (examples/README.md), written before the tool ran on them.
INTENDED = {
    "northwind-outfitters": {"strategy": 2, "voc": 2, "culture": 1, "journey": 1, "data": 2},
    "harbor-mutual": {"strategy": 3, "voc": 3, "culture": 4, "journey": 2, "data": 3},
    "lumen-health": {"strategy": 1, "voc": 1, "culture": None, "journey": None, "data": 1},
}


def stages(record):
    return {d["id"]: d["stage"] for d in record["result"]["dimensions"]}


@pytest.fixture(scope="module")
def records_by_example():
    return {name: assess([EXAMPLES / name], "cx-matrix") for name in INTENDED}


@pytest.mark.parametrize("name", list(INTENDED))
def test_examples_get_their_intended_stages(records_by_example, name):
    assert stages(records_by_example[name]) == INTENDED[name]


def test_not_rated_dimensions_count_as_one_and_say_so(records_by_example):
    record = records_by_example["lumen-health"]
    overall = record["result"]["overall"]
    assert overall["not_rated"] == ["culture", "journey"]
    assert overall["score"] == 5  # 1 + 1 + 1 for the rated, 1 + 1 for the not rated
    assert "each counts as 1" in overall["note"]
    culture = next(d for d in record["result"]["dimensions"] if d["id"] == "culture")
    assert culture["status"] == "not_rated" and culture["counted_as"] == 1


def test_bands_follow_the_total(records_by_example):
    harbor = records_by_example["harbor-mutual"]["result"]["overall"]
    assert (harbor["score"], harbor["band"]) == (15, "Managed")
    north = records_by_example["northwind-outfitters"]["result"]["overall"]
    assert (north["score"], north["band"]) == (8, "Ad-hoc")


def test_every_quote_is_verbatim_in_its_passage(records_by_example):
    for record in records_by_example.values():
        passages = {p["id"]: p["text"] for p in record["passages"]}
        assert record["observations"]
        for o in record["observations"]:
            assert o["quote"] in passages[o["passage"]]


def test_every_rated_stage_traces_to_a_rule_and_evidence(records_by_example):
    record = records_by_example["harbor-mutual"]
    fired = {t["rule"] for t in record["trace"]}
    for d in record["result"]["dimensions"]:
        assert d["rule"] in fired
        if d["stage"] > 1:
            held = [c for c in record["ratings"]["criteria"]
                    if c["dimension"] == d["id"] and c["stage"] == d["stage"] and c["status"] == "satisfied"]
            assert held and all(c["observations"] for c in held)


def test_plans_never_support_a_stage(records_by_example):
    for record in records_by_example.values():
        for o in record["observations"]:
            if o["polarity"] == "aspiration":
                assert o["stance"] == "none"


def test_unsupported_files_are_skipped_with_a_reason(records_by_example):
    skipped = records_by_example["northwind-outfitters"]["evidence"]["skipped"]
    assert any(s["path"].endswith("logo.png") and "unsupported format" in s["reason"] for s in skipped)


def test_self_assessment_flags_over_claims():
    folder = EXAMPLES / "northwind-outfitters"
    record = assess([folder], "cx-matrix", self_assessment=folder / "self-assessment.yaml")
    rows = {r["dimension"]: r for r in record["self_assessment"]["comparison"]}
    assert rows["strategy"]["flag"] == "over-claim" and rows["strategy"]["claimed"] == 3
    assert rows["journey"]["flag"] == "over-claim"
    assert rows["voc"]["flag"] == ""
    # the self-assessment file itself is not evidence
    assert not any(d["path"].endswith("self-assessment.yaml") for d in record["evidence"]["documents"])


@pytest.mark.parametrize("engine", ["python", "durable"])
def test_same_inputs_same_record(tmp_path, engine):
    a = assess([EXAMPLES / "harbor-mutual"], "cx-matrix", engine=engine)
    b = assess([EXAMPLES / "harbor-mutual"], "cx-matrix", engine=engine)
    for r in (a, b):
        r.pop("created")
    assert records.dumps(a) == records.dumps(b)
    assert a["engine"] == engine


def test_engines_give_the_same_record_apart_from_the_engine_name():
    a = assess([EXAMPLES / "harbor-mutual"], "cx-matrix", engine="python")
    b = assess([EXAMPLES / "harbor-mutual"], "cx-matrix", engine="durable")
    for r in (a, b):
        r.pop("created"), r.pop("engine")
    assert a == b


def test_record_is_written_atomically_and_reads_back(tmp_path):
    record = assess([EXAMPLES / "lumen-health"], "cx-matrix")
    path = tmp_path / "r.json"
    records.write(record, path)
    assert records.read(path) == json.loads(records.dumps(record))
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]  # no temporary file left behind


def test_nothing_usable_is_an_evidence_error(tmp_path):
    (tmp_path / "empty.txt").write_text("   \n")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    with pytest.raises(EvidenceError) as exc:
        assess([tmp_path], "cx-matrix")
    assert "empty file" in exc.value.message and "image.png" in exc.value.message


def test_a_self_assessment_among_the_evidence_is_named_as_such():
    record = assess([EXAMPLES / "harbor-mutual"], "cx-matrix")
    [skip] = [s for s in record["evidence"]["skipped"] if s["path"].endswith("self-assessment.yaml")]
    assert "pass it with --self-assessment" in skip["reason"]


def test_progress_is_reported_for_reading_and_classifying():
    calls = []
    assess([EXAMPLES / "lumen-health"], "cx-matrix", progress=lambda *call: calls.append(call))
    assert calls[0] == ("reading", 1, 2) and ("reading", 2, 2) in calls
    assert calls[-1][0] == "classifying (cx-matrix)" and calls[-1][1] == calls[-1][2]


def test_a_written_record_has_the_bytes_of_dumps(tmp_path):
    record = assess([EXAMPLES / "harbor-mutual"], "cx-matrix", engine="python")
    path = tmp_path / "r.json"
    records.write(record, path)
    assert path.read_text(encoding="utf-8") == records.dumps(record)


def test_each_observation_and_passage_is_one_line_of_an_otherwise_indented_record():
    record = assess([EXAMPLES / "harbor-mutual"], "cx-matrix", engine="python")
    text = records.dumps(record)
    plain = json.dumps(record, indent=2, sort_keys=True, ensure_ascii=False)
    assert json.loads(text) == json.loads(plain)  # the same document, laid out differently
    lines = text.splitlines()
    for key, view in (("observations", record["observations"]), ("passages", record["passages"])):
        start = lines.index(f'  "{key}": [')
        rows = lines[start + 1 : start + 1 + len(view)]
        assert [json.loads(row.strip().rstrip(",")) for row in rows] == list(view)
        assert lines[start + 1 + len(view)] == "  ],"
    assert '\n  "result": {\n    "dimensions": [\n      {\n' in text  # everything else stays indented


def test_a_large_record_is_read_lean_and_explained_the_same(tmp_path):
    from maturity import render

    record = assess([EXAMPLES / "harbor-mutual"], "cx-matrix", engine="python")
    path = tmp_path / "r.json"
    records.write(record, path)
    full = records.read(path)
    lean = records.read(path, lean_bytes=0)  # as a record of 64 MB or more is read
    assert isinstance(lean["observations"], records.LineArray) and isinstance(lean["passages"], records.LineArray)
    assert not isinstance(full["observations"], records.LineArray)
    assert lean == full and len(lean["observations"]) == len(full["observations"]) > 100
    assert lean["observations"][-1] == full["observations"][-1] and lean["passages"][1:3] == full["passages"][1:3]
    assert render.explain_text(lean, None) == render.explain_text(full, None)
    damaged = path.read_bytes().replace(b'{"confidence"', b'{"confidence', 1)  # one observation line broken
    path.write_bytes(damaged)
    with pytest.raises(RecordError, match="damaged record"):
        list(records.read(path, lean_bytes=0)["observations"])
    reformatted = tmp_path / "reformatted.json"  # laid out by another tool: read whole, as before
    reformatted.write_text(json.dumps(full, indent=4), encoding="utf-8")
    assert isinstance(records.read(reformatted, lean_bytes=0)["observations"], list)


def test_the_record_holds_observations_and_passages_compactly_but_reads_as_json(tmp_path):
    record = assess([EXAMPLES / "harbor-mutual"], "cx-matrix", engine="python")
    observations = record["observations"]
    assert isinstance(observations, records.JsonView) and isinstance(record["passages"], records.JsonView)
    first = observations[0]
    assert isinstance(first, dict) and first == next(iter(observations)) and observations[:1] == [first]
    written = json.loads(records.dumps(record))
    assert written["observations"] == list(observations) == observations
    assert written["passages"][0] == record["passages"][0]
