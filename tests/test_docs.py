"""Meta-tests: hooks, docs and README cannot drift from the code."""

import inspect
import re
from pathlib import Path

import pytest

from maturity import hookspecs

ROOT = Path(__file__).resolve().parent.parent
HOOKS = [name for name, fn in inspect.getmembers(hookspecs, inspect.isfunction)
         if getattr(fn, "maturity_spec", None) is not None]


def test_there_are_hooks():
    assert HOOKS == ["register_crosswalks", "register_frameworks"]


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_has_a_test(hook):
    tests = "\n".join(p.read_text() for p in (ROOT / "tests").glob("test_*.py"))
    assert f"def test_{hook}(" in tests


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_is_documented_with_its_signature(hook):
    signature = f"{hook}{inspect.signature(getattr(hookspecs, hook))}"
    assert f"### `{signature}`" in (ROOT / "docs" / "plugins.md").read_text()
    assert ":param" in getattr(hookspecs, hook).__doc__


def test_readme_commands_match_ci():
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, re.S)
    assert blocks[1].split("&& ", 1)[1] in (ROOT / ".ci" / "run").read_text()
    assert "maturity assess examples/" in blocks[0]


def test_readme_has_no_unmeasured_placeholder():
    assert "FIGURES" not in (ROOT / "README.md").read_text()


def test_generated_rubric_schema_is_current():
    import json

    from maturity.rubric import rubric_json_schema

    kept = json.loads((ROOT / "docs" / "rubric.schema.json").read_text())
    assert kept == rubric_json_schema(), "regenerate: maturity rubric schema > docs/rubric.schema.json"
