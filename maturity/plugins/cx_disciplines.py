"""The six CX disciplines, rated along the attract, convert, advocate progression.

Source: shared/seeds/003_daeee18f9da5e1ef.txt. All criteria live in the rubric file; this module only declares it.
"""

from importlib.resources import files

from maturity.hookspecs import hookimpl


@hookimpl
def register_frameworks(register):
    register(files("maturity.rubrics") / "cx-disciplines.yaml")
