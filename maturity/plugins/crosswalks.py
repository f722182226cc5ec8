"""The built-in crosswalk between the built-in frameworks (data in rubrics/crosswalk.yaml)."""

from importlib.resources import files

from maturity.hookspecs import hookimpl


@hookimpl
def register_crosswalks(register):
    register(files("maturity.rubrics") / "crosswalk.yaml")
