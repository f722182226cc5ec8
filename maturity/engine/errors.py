"""One family of errors for everything a user can get wrong.

Each error carries a one-line message that names the thing at fault, an optional remedy, and
optional detailed problems (for example every failing field of a rubric). The CLI prints these
without a traceback; library callers catch ``MaturityError``.
"""

from __future__ import annotations


class MaturityError(Exception):
    """Base class of user-facing errors."""

    exit_code = 2

    def __init__(self, message: str, *, remedy: str = "", problems: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.remedy = remedy
        self.problems = list(problems or [])

    def lines(self) -> list[str]:
        out = [f"error: {self.message}"]
        out.extend(f"  {p}" for p in self.problems)
        if self.remedy:
            out.append(f"  hint: {self.remedy}")
        return out


class RubricError(MaturityError):
    """A rubric file is unreadable, not YAML, or fails validation."""


class FrameworkNotFound(MaturityError):
    """The requested framework id is not registered by any loaded plugin."""


class EvidenceError(MaturityError):
    """No usable evidence, or an evidence path that does not exist."""

    exit_code = 3


class RecordError(MaturityError):
    """An assessment record cannot be read or is not a record."""


class SelfAssessmentError(MaturityError):
    """A self-assessment file is malformed or does not fit the framework."""


class EngineError(MaturityError):
    """A rule engine failed internally (for durable_rules: an action raised inside the engine)."""
