"""The CX maturity matrix: five dimensions, four stages, a /20 scorecard with four bands.

Source: "Customer experience (CX) maturity model" (shared/seeds/004_f987ffa50b0aad9d.txt).
All criteria live in the rubric file; this module only declares it.
"""

from importlib.resources import files

from maturity.hookspecs import hookimpl


@hookimpl
def register_frameworks(register):
    rubrics = files("maturity.rubrics")
    register(rubrics / "cx-matrix.yaml", exemplars=rubrics / "cx-matrix.exemplars.jsonl")
