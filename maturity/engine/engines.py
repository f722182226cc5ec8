"""Choosing the rule engine: durable_rules where it imports, the reference evaluator otherwise."""

from __future__ import annotations

from functools import lru_cache

from maturity.engine.errors import MaturityError
from maturity.engine.reference import ReferenceEngine

ENGINES = ("durable", "python")


@lru_cache(maxsize=None)
def durable_available() -> bool:
    try:
        import durable.engine  # noqa: F401
    except ImportError:
        return False
    return True


@lru_cache(maxsize=None)
def get_engine(name: str | None = None):
    """The engine called ``name``; with no name, durable if it imports, else python."""
    if name is None:
        name = "durable" if durable_available() else "python"
    if name == "python":
        return ReferenceEngine()
    if name == "durable":
        if not durable_available():
            raise MaturityError(
                "the durable engine is not installed (durable-rules does not build on Python 3.13+)",
                remedy="use --engine python, or install durable-rules on Python 3.11/3.12",
            )
        from maturity.engine.durable_adapter import DurableEngine

        return DurableEngine()
    raise MaturityError(f"unknown engine {name!r}", remedy=f"choose one of {', '.join(ENGINES)}")
