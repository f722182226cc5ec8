"""Plugins load one at a time from the `maturity` entry-point group; a broken one is reported by name."""

import textwrap
from pathlib import Path

import pytest

from maturity.host import build_registry

MINI = Path(__file__).parent / "rubrics" / "mini.yaml"

PLUGINS = {
    "good_plugin": f"""
        from maturity import hookimpl
        @hookimpl
        def register_frameworks(register):
            register({str(MINI)!r})
    """,
    "import_error_plugin": "import a_module_that_does_not_exist\n",
    "typo_plugin": """
        from maturity import hookimpl
        @hookimpl
        def register_framework(register):
            pass
    """,
    "raising_plugin": """
        from maturity import hookimpl
        @hookimpl
        def register_frameworks(register):
            raise RuntimeError("boom")
    """,
    "bad_rubric_plugin": """
        from maturity import hookimpl
        @hookimpl
        def register_frameworks(register):
            register(__file__.replace("__init__.py", "bad.yaml"))
    """,
    "duplicate_plugin": """
        from maturity import hookimpl
        @hookimpl
        def register_frameworks(register):
            register(__file__.replace("__init__.py", "dup.yaml"))
    """,
}


@pytest.fixture
def installed(tmp_path, monkeypatch):
    """A real distribution on sys.path whose entry points name good and broken plugins."""
    for name, source in PLUGINS.items():
        pkg = tmp_path / name
        pkg.mkdir()
        (pkg / "__init__.py").write_text(textwrap.dedent(source))
    (tmp_path / "bad_rubric_plugin" / "bad.yaml").write_text("id: Bad Id\nname: x\n")
    (tmp_path / "duplicate_plugin" / "dup.yaml").write_text(MINI.read_text().replace("id: mini", "id: cx-matrix"))
    dist = tmp_path / "maturity_test_plugins-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: maturity-test-plugins\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text("[maturity]\n" + "".join(f"{n} = {n}\n" for n in PLUGINS))
    monkeypatch.syspath_prepend(str(tmp_path))
    return build_registry()


def test_register_frameworks(installed):
    """The hook: a third-party plugin's framework is registered like a built-in one."""
    assert "mini" in installed.frameworks
    assert installed.frameworks["mini"].plugin == "good_plugin"
    assert "cx-matrix" in installed.frameworks  # the built-in still loads beside the broken ones
    info = {p.name: p for p in installed.plugins}
    assert info["good_plugin"].distribution == "maturity-test-plugins"
    assert info["good_plugin"].frameworks == ["mini"]


def test_each_broken_plugin_is_reported_by_name(installed):
    reasons = {f.name: f.reason for f in installed.failures}
    assert "a_module_that_does_not_exist" in reasons["import_error_plugin"]
    assert "register_framework" in reasons["typo_plugin"]
    assert "boom" in reasons["raising_plugin"]
    assert "bad.yaml" in reasons["bad_rubric_plugin"] and "id" in reasons["bad_rubric_plugin"]
    assert "already registered by plugin 'cx_matrix'" in reasons["duplicate_plugin"]
    assert set(reasons) == {"import_error_plugin", "typo_plugin", "raising_plugin", "bad_rubric_plugin", "duplicate_plugin"}


def test_unknown_framework_suggests_a_close_id(registry):
    from maturity.engine.errors import FrameworkNotFound

    with pytest.raises(FrameworkNotFound) as exc:
        registry.get("cx-matrx")
    assert "cx-matrix" in exc.value.remedy
