"""maturity: assess customer-experience maturity from documents, with an auditable trail.

Public API::

    from maturity import hookimpl, assess, load_frameworks

Importing this package is cheap: the engine, the rule engines and the LLM client load only when
they are used.
"""

from maturity.hookspecs import hookimpl

__version__ = "0.1.0"
__all__ = ["__version__", "assess", "hookimpl", "load_frameworks"]


def load_frameworks():
    """The registry of frameworks registered by every installed plugin."""
    from maturity.host import load_frameworks as _load

    return _load()


def assess(paths, framework: str, **options):
    """Assess the evidence under ``paths`` against ``framework``; returns the record as a dict."""
    from maturity.engine.assess import assess as _assess

    return _assess(paths, framework, **options)
