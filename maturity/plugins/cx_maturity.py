"""The CX maturity model over six pillars: five stages from reactive service to seamless experience.

Source: shared/seeds/002_e062c9e554572996.txt. All criteria live in the rubric file; this module only declares it.
"""

from importlib.resources import files

from maturity.hookspecs import hookimpl


@hookimpl
def register_frameworks(register):
    register(files("maturity.rubrics") / "cx-maturity.yaml")
