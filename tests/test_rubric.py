"""Rubric validation: one deliberately broken rubric per error, each with the message it must give."""

from pathlib import Path

import pytest

from maturity.engine.errors import RubricError
from maturity.rubric import load_rubric, rubric_json_schema

HERE = Path(__file__).parent / "rubrics"
BROKEN = sorted((HERE / "broken").glob("*.yaml"))


def test_the_fixture_rubric_is_valid():
    loaded = load_rubric(HERE / "mini.yaml")
    assert loaded.rubric.id == "mini" and len(loaded.sha256) == 64


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_broken_rubric_reports_location_and_message(path):
    expected = path.read_text().splitlines()[0].removeprefix("# expect: ")
    with pytest.raises(RubricError) as exc:
        load_rubric(path)
    text = "\n".join(exc.value.lines())
    assert expected in text
    assert path.name in text


def test_builtin_rubric_is_valid(matrix):
    assert [d.id for d in matrix.dimensions] == ["strategy", "voc", "culture", "journey", "data"]
    assert [s.name for s in matrix.stages] == ["Ad-hoc", "Defined", "Managed", "Embedded"]
    assert [(b.min, b.max, b.name) for b in matrix.aggregation.bands] == [
        (5, 8, "Ad-hoc"), (9, 13, "Defined"), (14, 17, "Managed"), (18, 20, "Market leader")]
    for dim in matrix.dimensions:
        for level, cell in dim.stages.items():
            assert cell.criteria, f"{dim.id} stage {level} has no criteria"


def test_schema_forbids_unknown_keys():
    schema = rubric_json_schema()
    assert schema["additionalProperties"] is False
    assert "Criterion" in schema["$defs"]


LINTED = sorted((HERE / "lint").glob("*.yaml"))


@pytest.mark.parametrize("path", LINTED, ids=[p.stem for p in LINTED])
def test_checks_beyond_the_schema(path):
    from click.testing import CliRunner

    from maturity.cli import cli

    expected = path.read_text().splitlines()[0].removeprefix("# expect: ")
    result = CliRunner().invoke(cli, ["rubric", "validate", str(path)])
    assert result.exit_code == 2
    assert expected in result.output and path.name in result.output


def test_validated_rubrics_are_cached_by_content_and_a_bad_entry_is_ignored(tmp_path, monkeypatch):
    from maturity.rubric import parse_rubric

    monkeypatch.setenv("MATURITY_CACHE_DIR", str(tmp_path))
    raw = (HERE / "mini.yaml").read_bytes()
    first = parse_rubric(raw, "mini.yaml")
    [cached] = (tmp_path / "rubrics").glob(f"{first.sha256}-*.json")
    assert parse_rubric(raw, "mini.yaml") == first
    cached.write_text("{not json")  # a damaged entry is revalidated from the source
    assert parse_rubric(raw, "mini.yaml") == first
    changed = raw.replace(b"name: Mini framework", b"name: Mini framework 2")
    assert parse_rubric(changed, "mini.yaml").rubric.name == "Mini framework 2"


def test_an_unwritable_cache_only_costs_speed(tmp_path, monkeypatch):
    from maturity.rubric import parse_rubric

    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("MATURITY_CACHE_DIR", str(blocker / "sub"))  # cannot be created
    assert parse_rubric((HERE / "mini.yaml").read_bytes(), "mini.yaml").rubric.id == "mini"


def test_a_cached_rubric_is_assessed_without_importing_pydantic(tmp_path):
    """pydantic validates a rubric the first time its bytes are seen; after that the engine runs
    on the cached dataclasses, which keeps pydantic's import off every later assessment."""
    import subprocess
    import sys

    example = Path(__file__).parent.parent / "examples" / "northwind-outfitters"
    script = (
        "import sys\n"
        "from maturity.engine.assess import assess\n"
        f"assess([{str(example)!r}], 'cx-matrix', engine='python')\n"
        "print('pydantic' in sys.modules)\n"
    )
    env = {"MATURITY_CACHE_DIR": str(tmp_path), "PATH": ""}
    first = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    second = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    assert first.stdout.strip() == "True"  # validated from the YAML, and cached
    assert second.stdout.strip() == "False"
