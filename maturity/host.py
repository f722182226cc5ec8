"""The plugin host: loads framework plugins one at a time and keeps what they register.

A plugin that fails to import, declares a hook that does not exist, raises in its hook, or
registers a malformed rubric is recorded as a failure with its name and the reason; the other
plugins still load.
"""

from __future__ import annotations

import difflib
import hashlib
import importlib
import importlib.metadata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pluggy

from maturity import hookspecs
from maturity.engine.errors import FrameworkNotFound, MaturityError
from maturity.plugins import DEFAULT_PLUGINS
from maturity.rubric import LoadedRubric, Rubric, load_rubric, parse_rubric

GROUP = "maturity"


@dataclass(frozen=True)
class Framework:
    """A registered framework: its validated rubric and the plugin that registered it."""

    loaded: LoadedRubric
    plugin: str
    exemplars: tuple = ()  # labelled passages the classifier may compare unmatched text with
    exemplars_sha256: str = ""  # of the file they were read from

    @property
    def id(self) -> str:
        return self.loaded.rubric.id

    @property
    def rubric(self) -> Rubric:
        return self.loaded.rubric


@dataclass
class PluginInfo:
    name: str
    module: str
    distribution: str | None = None
    version: str | None = None
    frameworks: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"name": self.name, "module": self.module, "distribution": self.distribution,
                "version": self.version, "frameworks": self.frameworks}


@dataclass(frozen=True)
class PluginFailure:
    name: str
    reason: str

    def to_json(self) -> dict:
        return {"name": self.name, "reason": self.reason}


@dataclass
class Registry:
    frameworks: dict[str, Framework] = field(default_factory=dict)
    crosswalks: list = field(default_factory=list)
    plugins: list[PluginInfo] = field(default_factory=list)
    failures: list[PluginFailure] = field(default_factory=list)

    def get(self, framework_id: str) -> Framework:
        if framework_id in self.frameworks:
            return self.frameworks[framework_id]
        close = difflib.get_close_matches(framework_id, list(self.frameworks), n=1)
        hint = f"did you mean {close[0]!r}?" if close else "see `maturity frameworks list`"
        raise FrameworkNotFound(f"no framework with id {framework_id!r}", remedy=hint)


def _manager() -> pluggy.PluginManager:
    pm = pluggy.PluginManager(GROUP)
    pm.add_hookspecs(hookspecs)
    return pm


def _register_plugin(pm, registry: Registry, name: str, load, info: PluginInfo) -> None:
    try:
        module = load()
        pm.register(module, name=name)
    except Exception as exc:  # an import error, a bad hook signature: report, keep going
        registry.failures.append(PluginFailure(name, f"cannot load: {type(exc).__name__}: {exc}"))
        return
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        pm.unregister(name=name)
        registry.failures.append(PluginFailure(name, f"unknown hook: {exc}"))
        return
    registry.plugins.append(info)


def _collect(pm, registry: Registry) -> None:
    infos = {p.name: p for p in registry.plugins}
    # get_hookimpls() lists implementations in registration order: built-ins first.
    for impl in pm.hook.register_frameworks.get_hookimpls():
        info = infos[impl.plugin_name]

        def register(rubric, exemplars=None, _info=info):
            framework = Framework(_load(rubric), _info.name)
            if exemplars is not None:
                framework = _with_exemplars(framework, exemplars, registry)
            if framework.id in registry.frameworks:
                other = registry.frameworks[framework.id].plugin
                raise MaturityError(f"framework id {framework.id!r} is already registered by plugin {other!r}")
            registry.frameworks[framework.id] = framework
            _info.frameworks.append(framework.id)

        _call(impl, register, registry, "register_frameworks")

    from maturity.engine.crosswalk import check_references, load_crosswalk

    for impl in pm.hook.register_crosswalks.get_hookimpls():
        def register(source):
            crosswalk = load_crosswalk(source)
            problems = check_references(crosswalk, registry.frameworks)
            if problems:
                raise MaturityError(f"crosswalk {crosswalk.id!r} names unknown dimensions", problems=problems)
            registry.crosswalks.append(crosswalk)

        _call(impl, register, registry, "register_crosswalks")


def _call(impl, register, registry: Registry, hook: str) -> None:
    try:
        impl.function(register=register)
    except MaturityError as exc:
        registry.failures.append(PluginFailure(impl.plugin_name, "; ".join([exc.message] + exc.problems)))
    except Exception as exc:
        registry.failures.append(PluginFailure(impl.plugin_name, f"{hook} raised {type(exc).__name__}: {exc}"))


def _with_exemplars(framework: Framework, source, registry: Registry) -> Framework:
    """The framework with its exemplars; a broken exemplar file is reported and left out."""
    from maturity.engine import exemplars

    name = str(getattr(source, "name", source))
    try:
        raw = source.read_bytes() if hasattr(source, "read_bytes") else Path(source).read_bytes()
        parsed = exemplars.load(raw, name, framework.rubric, framework.loaded.sha256)
    except OSError as exc:
        registry.failures.append(PluginFailure(framework.plugin, f"{name}: cannot read exemplars ({exc.strerror}); "
                                               f"{framework.id} is assessed without them"))
        return framework
    except MaturityError as exc:
        registry.failures.append(PluginFailure(framework.plugin, "; ".join([exc.message] + exc.problems[:5])
                                               + f"; {framework.id} is assessed without them"))
        return framework
    return Framework(framework.loaded, framework.plugin, tuple(parsed), hashlib.sha256(raw).hexdigest())


def _load(rubric) -> LoadedRubric:
    if isinstance(rubric, LoadedRubric):
        return rubric
    if isinstance(rubric, (str, Path)):
        return load_rubric(rubric)
    if hasattr(rubric, "read_bytes"):  # importlib.resources traversable
        return parse_rubric(rubric.read_bytes(), f"{getattr(rubric, 'name', rubric)}")
    raise MaturityError(f"register() takes a rubric path, got {type(rubric).__name__}")


def build_registry(*, entry_points: bool = True) -> Registry:
    """Load plugins: built-ins first (so a third party cannot take their ids), then the others.

    Built-ins come through the ``maturity`` entry-point group like any plugin; ``DEFAULT_PLUGINS``
    covers a source checkout that was never pip-installed and so has no entry points.
    """
    pm = _manager()
    registry = Registry()
    found = importlib.metadata.entry_points(group=GROUP) if entry_points else []
    # a distribution seen twice on sys.path lists its entry points twice: keep one of each
    eps = list({(e.name, e.value): e for e in found}.values())
    eps.sort(key=lambda e: (e.value not in DEFAULT_PLUGINS, e.name))
    advertised = {e.value for e in eps}
    for module in DEFAULT_PLUGINS:
        if module not in advertised:
            info = PluginInfo(module.rsplit(".", 1)[-1], module, "maturity", _own_version())
            _register_plugin(pm, registry, info.name, lambda m=module: importlib.import_module(m), info)
    for ep in eps:
        if ep.name in {p.name for p in registry.plugins} | {f.name for f in registry.failures}:
            registry.failures.append(PluginFailure(ep.name, f"plugin name already taken; {ep.value} not loaded"))
            continue
        info = PluginInfo(ep.name, ep.value, *_distribution(ep))
        _register_plugin(pm, registry, ep.name, ep.load, info)
    _collect(pm, registry)
    return registry


def _distribution(ep) -> tuple[str | None, str | None]:
    """(name, version) of the distribution that advertises an entry point. Built-ins are ours;
    for the others the metadata file is parsed once (each of ``dist.name`` and ``dist.version``
    would parse it again)."""
    if ep.value in DEFAULT_PLUGINS:
        return "maturity", _own_version()
    dist = getattr(ep, "dist", None)
    if dist is None:
        return None, None
    metadata = dist.metadata
    return metadata["Name"], metadata["Version"]


def _own_version() -> str:
    from maturity import __version__

    return __version__


@lru_cache(maxsize=1)
def load_frameworks() -> Registry:
    """The process-wide registry, built the first time it is needed."""
    return build_registry()
