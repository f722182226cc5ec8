"""Every built-in framework runs the conformance kit a third-party plugin would use."""

from pathlib import Path

import pytest

from maturity.testing import check_engines_agree, check_golden_case, check_rubric, golden_cases

GOLDEN = Path(__file__).parent / "golden"
BUILTIN = ["cx-matrix", "customer-intelligence", "cx-management", "cx-maturity", "cx-disciplines"]
CASES = [case for fid in BUILTIN for case in golden_cases(GOLDEN / fid)]


@pytest.mark.parametrize("framework_id", BUILTIN)
def test_rubric_conforms(framework_id, registry):
    check_rubric(framework_id, registry)


@pytest.mark.parametrize("framework_id", BUILTIN[1:])
def test_every_framework_has_golden_cases(framework_id):
    assert len(golden_cases(GOLDEN / framework_id)) >= 2


@pytest.mark.parametrize("case", CASES, ids=[f"{c.parent.name}/{c.name}" for c in CASES])
def test_golden_case(case, registry):
    record = check_golden_case(case, registry=registry)
    assert not any(s["path"].endswith("expected.yaml") for s in record["evidence"]["skipped"])


@pytest.mark.parametrize("case", CASES[::3], ids=[f"{c.parent.name}/{c.name}" for c in CASES[::3]])
def test_engines_agree_on_golden_cases(case, registry):
    check_engines_agree(case, registry=registry)
