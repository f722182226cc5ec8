from importlib.resources import files

from maturity import hookimpl


@hookimpl
def register_frameworks(register):
    register(files("service_recovery") / "service-recovery.yaml")
