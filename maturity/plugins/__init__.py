"""Built-in framework plugins, one module each.

They are registered through the ``maturity`` entry-point group, exactly as a third-party plugin
is. ``DEFAULT_PLUGINS`` also lists them so that a source checkout that is not pip-installed (and
so has no entry points) still has its built-in frameworks.
"""

DEFAULT_PLUGINS = (
    "maturity.plugins.cx_matrix",
    "maturity.plugins.customer_intelligence",
    "maturity.plugins.cx_management",
    "maturity.plugins.cx_maturity",
    "maturity.plugins.cx_disciplines",
    "maturity.plugins.crosswalks",
)
