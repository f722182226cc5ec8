"""An example maturity framework plugin."""
