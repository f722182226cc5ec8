"""A third-party framework plugin, pip-installed from examples/plugins, works like a built-in one."""

import subprocess
import sys
from pathlib import Path

import pytest

from maturity.engine.assess import assess
from maturity.host import build_registry
from maturity.testing import check_engines_agree

PLUGIN = Path(__file__).resolve().parent.parent / "examples" / "plugins" / "maturity-service-recovery"


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    target = tmp_path_factory.mktemp("site")
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
                    "--target", str(target), str(PLUGIN)], check=True)
    return target


@pytest.fixture
def registry(installed, monkeypatch):
    monkeypatch.syspath_prepend(str(installed))
    return build_registry()


def test_installed_plugin_registers_its_framework(registry):
    info = {p.name: p for p in registry.plugins}["service_recovery"]
    assert (info.distribution, info.version, info.frameworks) == ("maturity-service-recovery", "0.1.0", ["service-recovery"])
    assert not [f for f in registry.failures if f.name == "service_recovery"]


def test_installed_plugin_assesses_evidence(registry):
    record = assess([PLUGIN / "example-evidence"], "service-recovery", registry=registry)
    stages = {d["id"]: d["stage"] for d in record["result"]["dimensions"]}
    assert stages == {"response": 2, "learning": 2}
    assert record["framework"]["plugin"]["distribution"] == "maturity-service-recovery"
    assert record["result"]["overall"]["stage"] == 2
    check_engines_agree(PLUGIN / "example-evidence", "service-recovery", registry=registry)
