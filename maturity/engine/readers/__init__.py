"""Format readers, one module per family; see ``maturity.engine.formats`` for the registry.

Each module imports its parser inside the reader function, so importing this package is cheap.
"""
