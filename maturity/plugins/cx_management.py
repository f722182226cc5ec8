"""The CX management maturity model: five stages from reactive to optimized.

Source: shared/seeds/001_4e30c8153dec07a4.txt. All criteria live in the rubric file; this module only declares it.
"""

from importlib.resources import files

from maturity.hookspecs import hookimpl


@hookimpl
def register_frameworks(register):
    register(files("maturity.rubrics") / "cx-management.yaml")
