"""Every hook a ``maturity`` plugin can implement.

A plugin is a module registered under the ``maturity`` entry-point group and decorated with
``maturity.hookimpl``::

    # pyproject.toml
    [project.entry-points.maturity]
    my_framework = "my_package.plugin"

    # my_package/plugin.py
    from importlib.resources import files
    from maturity import hookimpl

    @hookimpl
    def register_frameworks(register):
        register(files("my_package") / "my-framework.yaml")
"""

from __future__ import annotations

import pluggy

hookspec = pluggy.HookspecMarker("maturity")
hookimpl = pluggy.HookimplMarker("maturity")


@hookspec
def register_frameworks(register):
    """Declare the maturity frameworks this plugin provides.

    :param register: a callback; call ``register(rubric)`` once per framework, where ``rubric``
        is the path of a rubric file (``str``, ``pathlib.Path`` or an ``importlib.resources``
        traversable). The host reads it with ``yaml.safe_load``, validates it, and reports a
        malformed rubric or a framework id that another plugin already registered by plugin
        name, without stopping the other plugins. Optionally ``register(rubric, exemplars=path)``
        adds a JSON-lines file of labelled passages (``id``, ``text``, ``dimension``, ``stage``,
        ``polarity``; see ``maturity.engine.exemplars``) that the classifier compares unmatched
        text with; a malformed exemplar file is reported and the framework registers without it.
    :returns: nothing; the return value is ignored.

    Called once per process, the first time frameworks are needed (not at import time). Every
    plugin's implementation is called; an implementation that raises is reported as a failed
    plugin and the others still run.
    """


@hookspec
def register_crosswalks(register):
    """Declare crosswalks: which dimensions of different frameworks speak about the same thing.

    :param register: a callback; call ``register(crosswalk)`` once per crosswalk file (``str``,
        ``pathlib.Path`` or an ``importlib.resources`` traversable). The host validates it and
        checks that every dimension it names exists in the installed frameworks it names; a
        problem is reported by plugin name and that crosswalk is not used.
    :returns: nothing; the return value is ignored.

    Called once per process after every plugin's ``register_frameworks``, so a crosswalk may
    name frameworks of other plugins. Every implementation is called (not first-result). When
    several frameworks are assessed together, each crosswalk's links are compared.
    """
