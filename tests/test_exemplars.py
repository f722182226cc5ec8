"""Exemplars: labelled passages a framework ships, used when no signal and no criterion words match."""

import json

import pytest

from helpers import make_rubric
from maturity.engine import exemplars
from maturity.engine.classify import SignalClassifier, classify_text
from maturity.engine.errors import MaturityError

RUBRIC = make_rubric({
    "voc": {2: [{"id": "voc.2.surveys", "signals": ["nps | csat"]}]},
    "data": {3: [{"id": "data.3.integrated", "signals": ["api + crm"]}]},
})

LINES = [
    {"id": "e1", "text": "Store managers ring each unhappy shopper back the same afternoon.",
     "dimension": "voc", "stage": 2, "polarity": "current"},
    {"id": "e2", "text": "Store managers phone every unhappy shopper back the following afternoon.",
     "dimension": "voc", "stage": 2, "polarity": "current"},
    {"id": "e3", "text": "Warehouse orders sync into the shop tills overnight.",
     "dimension": "data", "stage": 3, "polarity": "current"},
    {"id": "e4", "text": "The car park closes at ten; the barrier takes staff passes only.",
     "dimension": None, "stage": None, "polarity": None},
    {"id": "e5", "text": "Staff car park passes are renewed at the barrier office in January.",
     "dimension": None, "stage": None, "polarity": None},
]


def raw(lines):
    return "\n".join(json.dumps(line) for line in lines).encode()


def classifier():
    return SignalClassifier(RUBRIC, exemplars.parse(raw(LINES), "ex.jsonl", RUBRIC))


def test_a_passage_like_labelled_ones_gets_their_label_naming_them():
    reading = classify_text(classifier(), "p", "Our store managers ring every unhappy shopper back the same day.")
    assert (reading["dimension"], reading["stage"], reading["polarity"]) == ("voc", 2, "current")
    assert reading["criterion"] == "voc.2.surveys" and reading["confidence"] < RUBRIC.min_confidence
    [obs] = classifier().classify(_passage("Our store managers ring every unhappy shopper back the same day."))
    assert obs.method == "exemplars:e1,e2" and "e1 (" in obs.signal and "shopper" in obs.signal


def test_a_passage_most_like_off_topic_exemplars_gets_no_reading():
    assert classify_text(classifier(), "p", "Car park passes for staff are renewed at the barrier office.")["dimension"] is None


def test_an_unlike_passage_gets_no_reading():
    assert classify_text(classifier(), "p", "Quarterly revenue rose on strong demand for the new range.")["dimension"] is None


def test_a_plan_that_resembles_current_practice_stays_a_plan():
    reading = classify_text(classifier(), "p", "Next year store managers will ring every unhappy shopper back.")
    assert reading["polarity"] == "aspiration" and reading["stance"] == "none"


def test_signals_come_first():
    [obs] = classifier().classify(_passage("Store managers ring every unhappy shopper back; we also run NPS."))
    assert obs.method.startswith("signal:")


@pytest.mark.parametrize("line,problem", [
    ('{"id": "x", "text": "t"}', "expected id, text, dimension, stage, polarity"),
    ('{"id": "x", "text": "t", "dimension": "voc", "stage": 9, "polarity": "current"}', "is not a dimension, stage"),
    ('{"id": "x", "text": "t", "dimension": null, "stage": 2, "polarity": null}', "off-topic exemplar"),
    ("not json", "ex.jsonl:1"),
])
def test_bad_exemplar_files_name_the_line(line, problem):
    with pytest.raises(MaturityError) as exc:
        exemplars.parse(line.encode(), "ex.jsonl", RUBRIC)
    assert problem in "\n".join(exc.value.lines())


def test_a_plugin_with_broken_exemplars_registers_its_framework_without_them(tmp_path, monkeypatch):
    from maturity import host

    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n")

    class Plugin:
        @staticmethod
        @host.hookspecs.hookimpl
        def register_frameworks(register):
            register(host.LoadedRubric(RUBRIC, "t.yaml", "0" * 64), exemplars=bad)

    pm = host._manager()
    registry = host.Registry()
    host._register_plugin(pm, registry, "p", lambda: Plugin, host.PluginInfo("p", "p"))
    host._collect(pm, registry)
    assert registry.get("t").exemplars == ()
    [failure] = registry.failures
    assert "bad.jsonl:1" in failure.reason and "assessed without them" in failure.reason


def test_the_cx_matrix_ships_exemplars_that_fit_its_rubric(registry):
    fw = registry.get("cx-matrix")
    assert len(fw.exemplars) >= 600
    assert {e.polarity for e in fw.exemplars} == {"current", "aspiration", "negated", None}


def _passage(text):
    from maturity.engine.evidence import Passage

    return Passage("d:1", "d", text, 1, 1)


def test_no_unseen_passage_is_an_exemplar(registry):
    """The splits that measure the classifier must never be what it compares with."""
    from pathlib import Path

    unseen = set()
    for path in (Path(__file__).parent.parent / "eval" / "cx-matrix").glob("passages*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row["split"] in ("test", "holdout2", "holdout3"):
                unseen.add(" ".join(row["text"].split()))
    assert len(unseen) == 470
    assert not unseen & {" ".join(e.text.split()) for e in registry.get("cx-matrix").exemplars}


def test_exemplars_are_cached_with_their_stems_per_rubric(tmp_path, monkeypatch):
    monkeypatch.setenv("MATURITY_CACHE_DIR", str(tmp_path))
    first = exemplars.load(raw(LINES), "ex.jsonl", RUBRIC, "a" * 64)
    [cached] = (tmp_path / "exemplarsets").glob("*.json")
    assert exemplars.load(raw(LINES), "ex.jsonl", RUBRIC, "a" * 64) == first  # read back from the cache
    assert "shopper" in first[0].stems and len(first) == len(LINES)
    cached.write_text("{damaged")
    assert exemplars.load(raw(LINES), "ex.jsonl", RUBRIC, "a" * 64) == first
    exemplars.load(raw(LINES), "ex.jsonl", RUBRIC, "b" * 64)  # another rubric: its own entry
    assert len(list((tmp_path / "exemplarsets").glob("*.json"))) == 2


def test_a_heading_of_one_rare_word_is_like_nothing():
    # "shopper" is rare among the exemplars, so alone its cosine with e1 would be high
    assert classify_text(classifier(), "p", "Shoppers")["dimension"] is None


def test_a_short_line_is_like_nothing():
    # two words shared with an exemplar make a high cosine, but a three-word line means too little
    assert classify_text(classifier(), "p", "Unhappy shopper rung.")["dimension"] is None
    assert classify_text(classifier(), "p", "Unhappy shopper rung back same afternoon.")["dimension"] == "voc"


def test_shared_words_alone_in_a_passage_most_like_off_topic_exemplars_give_no_reading():
    rubric = make_rubric({
        "data": {2: [{"id": "data.2.crm", "statement": "A CRM holds accounts.", "signals": ["crm"]}],
                 3: [{"id": "data.3.integrated", "statement": "Systems sync customer records overnight through an integration platform.",
                      "signals": ["api + crm"]}]},
        "voc": {2: [{"id": "voc.2.surveys", "statement": "Periodic surveys measure satisfaction.", "signals": ["nps | csat"]}],
                3: [{"id": "voc.3.loop", "statement": "Detractors get a callback.", "signals": ["detractor + call*"]}]},
        "culture": {2: [{"id": "culture.2.induction", "statement": "New starters learn service at induction.",
                         "signals": ["induction + customer"]}]},
    })
    car_park = LINES[:1] + [  # (an on-topic exemplar too: a stem in every exemplar weighs nothing)
        {"id": "e4", "text": "The car park closes at ten; the barrier system records staff passes overnight.",
         "dimension": None, "stage": None, "polarity": None},
        {"id": "e5", "text": "Staff car park passes are renewed at the barrier office; the system records them overnight.",
         "dimension": None, "stage": None, "polarity": None},
    ]
    text = "The car park barrier system calls the customer records overnight to renew staff passes."
    # the lexical fallback alone reads integration into it ...
    assert classify_text(SignalClassifier(rubric), "p", text)["criterion"] == "data.3.integrated"
    # ... but the passage is most like labelled passages that evidence nothing
    with_exemplars = SignalClassifier(rubric, exemplars.parse(raw(car_park), "ex.jsonl", rubric))
    assert classify_text(with_exemplars, "p", text)["dimension"] is None
