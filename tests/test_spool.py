"""Spools keep long sequences on disk and read back exactly what was put in, in order."""

import json

import pytest

from maturity.engine import record as records
from maturity.engine import spool
from maturity.engine.assess import assess
from maturity.engine.classify import Observation
from maturity.engine.evidence import Passage, ingest
from maturity.engine.spool import Spool


def passages(n):
    return [Passage(f"doc:{i}", "doc", f"text {i} caf\u00e9", i, i + 1, i % 3 or None, "A > B" if i % 2 else None)
            for i in range(n)]


def test_a_spool_reads_back_what_was_appended_across_chunks():
    items = passages(23)
    s = Spool(Passage, chunk=5)
    s.extend(items)
    assert len(s) == 23 and list(s) == items and s == items and items == s
    assert len(s._pending) == 3 and len(s._offsets) == 4  # 20 items are on disk, not in memory
    assert s[0] == items[0] and s[7] == items[7] and s[22] == items[22] and s[-1] == items[-1]
    assert s[3:12] == items[3:12] and s[::7] == items[::7]
    with pytest.raises(IndexError):
        s[23]
    view = s.view(4, 13)
    assert len(view) == 9 and list(view) == items[4:13] and view[-1] == items[12] and view[1:3] == items[5:7]
    assert s.view(3, 3) == () and s != items[:-1]


def test_observations_survive_the_round_trip_with_every_field_type():
    obs = Observation("p/1", "p", "doc", "voc", 2, "voc.2.x", "supports", "current", 0.75, "signal:x#0", "a + b",
                      "", "We survey customers.", 3, 2)
    s = Spool(Observation, chunk=2)
    s.extend([obs] * 5)
    assert list(s) == [obs] * 5 and s[1].confidence == 0.75 and s[4].to_json() == obs.to_json()


def test_ingest_keeps_only_the_newest_passages_in_memory(monkeypatch):
    monkeypatch.setattr(spool, "CHUNK", 16)
    small = ingest(["examples"])
    assert len(small.passages) > 300 and len(small.passages._pending) < 16
    monkeypatch.setattr(spool, "CHUNK", 100_000)
    whole = ingest(["examples"])
    assert list(small.passages) == list(whole.passages)
    for a, b in zip(small.documents, whole.documents):
        assert list(a.passages) == list(b.passages) and len(a.passages) == a.to_json()["passages"]


def test_the_record_does_not_depend_on_what_was_spooled(registry, monkeypatch, tmp_path):
    def record(chunk):
        monkeypatch.setattr(spool, "CHUNK", chunk)
        out = tmp_path / f"record-{chunk}.json"
        records.write(assess(["examples/northwind-outfitters"], "cx-matrix", registry=registry), out)
        data = json.loads(out.read_text(encoding="utf-8"))
        data.pop("created")
        return data

    spooled, in_memory = record(7), record(100_000)
    assert spooled == in_memory and len(spooled["observations"]) > 50


def test_a_record_view_reads_and_writes_as_a_list_of_dicts():
    view = records.JsonView(Spool(Passage))
    view.items.extend(passages(3))
    assert len(view) == 3 and view[0]["text"] == "text 0 caf\u00e9" and list(view)[2]["location"]["page"] == 2
    assert json.loads(records.dumps({"p": view}))["p"] == list(view) == json.loads(json.dumps({"p": view}))["p"]
    assert view == [p.to_json() for p in passages(3)] and not records.JsonView([])


def test_an_observation_writes_every_field_but_its_specificity():
    from dataclasses import fields

    obs = Observation("p/1", "p", "doc", "voc", 2, "voc.2.x", "supports", "current", 0.75, "m", "s", "", "q", 3, 2)
    assert set(obs.to_json()) == {f.name for f in fields(Observation)} - {"specificity"}
    assert all(obs.to_json()[f.name] == getattr(obs, f.name) for f in fields(Observation) if f.name != "specificity")
