"""The customer intelligence maturity model: five stages from fragmented data to adaptive orchestration.

Source: shared/seeds/000_eeb33a2b0e295b95.txt. All criteria live in the rubric file; this module only declares it.
"""

from importlib.resources import files

from maturity.hookspecs import hookimpl


@hookimpl
def register_frameworks(register):
    register(files("maturity.rubrics") / "customer-intelligence.yaml")
