"""Conformance kit for framework plugins, importable from any plugin's tests.

    from maturity.testing import check_rubric, check_golden_case, check_engines_agree, golden_cases

    @pytest.mark.parametrize("case", golden_cases("tests/golden/my-framework"))
    def test_golden(case):
        check_golden_case(case)

A golden case is a folder of evidence documents plus ``expected.yaml``::

    framework: my-framework
    dimensions: {strategy: 2, data: null}     # null: not rated

Every check raises ``AssertionError`` with a readable explanation, so it works with any runner.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from maturity.engine.assess import assess
from maturity.engine.engines import durable_available
from maturity.rubric import lint


def golden_cases(folder: str | Path) -> list[Path]:
    """The golden case folders (those holding an ``expected.yaml``) under ``folder``."""
    return sorted(p.parent for p in Path(folder).glob("*/expected.yaml"))


def check_rubric(framework_id: str, registry=None) -> None:
    """The framework is registered without failures and its rubric passes the checks beyond the schema."""
    from maturity.host import load_frameworks

    registry = registry or load_frameworks()
    fw = registry.get(framework_id)
    failures = [f"{f.name}: {f.reason}" for f in registry.failures if f.name == fw.plugin]
    problems = failures + lint(fw.rubric)
    assert not problems, f"{framework_id} rubric problems:\n  " + "\n  ".join(problems)


def check_golden_case(case: str | Path, *, engine: str | None = None, registry=None) -> dict:
    """Assess the case's documents and compare each dimension's stage with ``expected.yaml``."""
    case = Path(case)
    expected = yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))
    record = assess([case], expected["framework"], engine=engine, registry=registry, exclude=[case / "expected.yaml"])
    got = {d["id"]: d["stage"] for d in record["result"]["dimensions"]}
    wrong = {dim: (stage, got.get(dim)) for dim, stage in expected["dimensions"].items() if got.get(dim) != stage}
    assert not wrong, f"{case}: stages differ (dimension: expected, got): {wrong}\n  explain with: maturity assess " \
                      f"{case} --framework {expected['framework']} --record r.json && maturity explain r.json"
    return record


def check_engines_agree(case: str | Path, framework_id: str | None = None, registry=None) -> None:
    """durable_rules and the reference evaluator give the same record for the case."""
    if not durable_available():
        return
    case = Path(case)
    if framework_id is None:
        framework_id = yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))["framework"]
    records = [assess([case], framework_id, engine=e, registry=registry, exclude=[case / "expected.yaml"])
               for e in ("durable", "python")]
    for r in records:
        r.pop("created"), r.pop("engine")
    assert records[0] == records[1], f"{case}: the durable and python engines disagree"
