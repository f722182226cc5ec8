"""One evidence set, several frameworks: ingested once, one result per framework, crosswalk compared."""

import json

import pytest
import textwrap
from pathlib import Path

from click.testing import CliRunner

from maturity.cli import cli
from maturity.engine.assess import assess
from maturity.host import build_registry

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_all_frameworks_from_one_ingest(registry):
    record = assess([EXAMPLES / "harbor-mutual"], "all", registry=registry)
    ids = [s["framework"]["id"] for s in record["assessments"]]
    assert ids == sorted(registry.frameworks)
    assert "result" not in record  # per-framework sections live in assessments
    passages = {p["id"] for p in record["passages"]}
    for section in record["assessments"]:
        assert {o["passage"] for o in section["observations"]} <= passages
    assert record["crosswalk"]["crosswalks"] == [{"id": "builtin-crosswalk", "version": "1.0.0"}]


def test_disagreements_name_the_evidence_on_each_side(registry):
    record = assess([EXAMPLES / "harbor-mutual"], ["cx-matrix", "customer-intelligence", "cx-maturity"], registry=registry)
    compared = [link for link in record["crosswalk"]["links"] if len(link["stages"]) >= 2]
    assert compared
    for link in compared:
        for d in link["disagreements"]:
            a, b = d["frameworks"]
            assert abs(link["stages"][a]["normalized"] - link["stages"][b]["normalized"]) == pytest.approx(d["difference"], abs=1e-3)
            assert set(d["evidence"]) == {a, b}


def test_register_crosswalks(tmp_path, monkeypatch):
    """The hook: a plugin's crosswalk is validated against installed frameworks' dimensions."""
    pkg = tmp_path / "walk_plugin"
    pkg.mkdir()
    (pkg / "good.yaml").write_text("id: good\nversion: '1'\nlinks:\n  - name: data\n"
                                   "    dimensions: {cx-matrix: [data], not-installed: [x]}\n")
    (pkg / "bad.yaml").write_text("id: bad\nversion: '1'\nlinks:\n  - name: data\n    dimensions: {cx-matrix: [dta]}\n")
    (pkg / "__init__.py").write_text(textwrap.dedent("""
        from maturity import hookimpl
        @hookimpl
        def register_crosswalks(register):
            register(__file__.replace("__init__.py", "good.yaml"))
            register(__file__.replace("__init__.py", "bad.yaml"))
    """))
    dist = tmp_path / "walk_plugin-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: walk-plugin\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text("[maturity]\nwalk_plugin = walk_plugin\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    registry = build_registry()
    assert "good" in [c.id for c in registry.crosswalks]
    assert "bad" not in [c.id for c in registry.crosswalks]
    [failure] = [f for f in registry.failures if f.name == "walk_plugin"]
    assert "cx-matrix has no dimension 'dta'" in failure.reason


def test_cli_repeated_framework_option(tmp_path):
    path = tmp_path / "r.json"
    result = CliRunner().invoke(cli, ["assess", str(EXAMPLES / "northwind-outfitters"), "-f", "cx-matrix",
                                      "-f", "cx-management", "--record", str(path)])
    assert result.exit_code == 1, result.output  # logo.png skipped: assessed with a warning
    assert "CX maturity matrix" in result.output and "CX management maturity model" in result.output
    record = json.loads(path.read_text())
    assert [s["framework"]["id"] for s in record["assessments"]] == ["cx-matrix", "cx-management"]
    explained = CliRunner().invoke(cli, ["explain", str(path), "--dimension", "journeys"])
    assert explained.exit_code == 0 and "== CX management maturity model (cx-management) ==" in explained.output


def test_compare_flags_only_differences_beyond_one_step():
    from types import SimpleNamespace

    from maturity.datafile import validate
    from maturity.engine.crosswalk import Crosswalk, compare

    def section(fid, top, stage):
        return {"framework": {"id": fid, "stages": [{}] * top},
                "result": {"dimensions": [{"id": "d", "stage": stage}]},
                "ratings": {"criteria": [{"id": f"{fid}.c", "dimension": "d", "stage": stage, "status": "satisfied",
                                          "observations": ["o1"]}]},
                "observations": [{"id": "o1", "stance": "supports", "quote": f"{fid} evidence"}]}

    walk = validate(Crosswalk, {"id": "w", "version": "1", "links": [
        {"name": "data", "dimensions": {"a": ["d"], "b": ["d"], "c": ["d"]}}]})
    registry = SimpleNamespace(crosswalks=[walk])
    # a: stage 4 of 4 -> 1.0; b: stage 1 of 5 -> 0.0; c: stage 4 of 5 -> 0.75 (within a step of a)
    [link] = compare(registry, [section("a", 4, 4), section("b", 5, 1), section("c", 5, 4)])["links"]
    pairs = sorted(tuple(d["frameworks"]) for d in link["disagreements"])
    assert pairs == [("a", "b"), ("b", "c")]
    ab = next(d for d in link["disagreements"] if d["frameworks"] == ["a", "b"])
    assert ab["difference"] == 1.0
    assert ab["evidence"] == {"a": [{"criterion": "a.c", "observation": "o1", "quote": "a evidence"}],
                              "b": [{"criterion": "b.c", "observation": "o1", "quote": "b evidence"}]}
