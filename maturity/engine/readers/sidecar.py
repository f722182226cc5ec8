"""Evidence dates: when a document took effect and when it expires.

Two places give them, the nearer winning:

* a sidecar next to the document, ``<file>.meta.yaml`` (``board-minutes.pdf.meta.yaml``)::

      effective: 2026-06-18
      expires: 2027-06-18

* an ``evidence-manifest.yaml`` in the document's folder or any folder above it (up to the
  evidence root), keyed by path relative to that folder; keys may be globs::

      documents:
        board-minutes.pdf: {effective: 2026-06-18, expires: 2027-06-18}
        "surveys/*.csv": {effective: 2026-01-01}

Both are metadata, never evidence. A malformed one is reported and its dates are not used.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import posixpath
from dataclasses import dataclass
from typing import Callable

from maturity.engine.formats import UnreadableDocument

SIDECAR_SUFFIXES = (".meta.yaml", ".meta.yml")
MANIFESTS = ("evidence-manifest.yaml", "evidence-manifest.yml")
_KEYS = ("effective", "expires")


@dataclass(frozen=True)
class Dates:
    effective: dt.date | None = None
    expires: dt.date | None = None
    source: str = ""  # the metadata file's path relative to the evidence root


def is_metadata(name: str) -> bool:
    base = posixpath.basename(name.replace("\\", "/")).lower()
    return base.endswith(SIDECAR_SUFFIXES) or base in MANIFESTS


def _yaml(raw: bytes):
    import yaml

    try:
        return yaml.safe_load(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise UnreadableDocument("evidence metadata is not UTF-8 text") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise UnreadableDocument(f"invalid YAML{where} in evidence metadata: "
                                 f"{' '.join(str(getattr(exc, 'problem', None) or exc).split())}") from exc


def _dates(data, where: str, source: str) -> Dates:
    if not isinstance(data, dict):
        raise UnreadableDocument(f"evidence metadata{where} must be a mapping with 'effective' and/or 'expires'")
    unknown = sorted(str(k) for k in data if k not in _KEYS)
    if unknown:
        raise UnreadableDocument(f"evidence metadata{where}: unknown key {unknown[0]!r} (expected effective, expires)")
    values = {}
    for key in _KEYS:
        value = data.get(key)
        if isinstance(value, dt.datetime):
            value = value.date()
        elif isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value.strip())
            except ValueError:
                raise UnreadableDocument(f"evidence metadata{where}: {key} {value!r} is not an ISO date (YYYY-MM-DD)") from None
        elif value is not None and not isinstance(value, dt.date):
            raise UnreadableDocument(f"evidence metadata{where}: {key} {value!r} is not an ISO date (YYYY-MM-DD)")
        values[key] = value
    effective, expires = values["effective"], values["expires"]
    if effective and expires and expires < effective:
        raise UnreadableDocument(f"evidence metadata{where}: expires {expires} is before effective {effective}")
    return Dates(effective, expires, source)


def parse_sidecar(raw: bytes, source: str = "") -> Dates:
    return _dates(_yaml(raw), "", source)


def parse_manifest(raw: bytes, source: str = "") -> dict[str, Dates]:
    data = _yaml(raw)
    if not isinstance(data, dict) or set(data) - {"documents"} or not isinstance(data.get("documents"), dict):
        raise UnreadableDocument("an evidence manifest needs one key, 'documents', mapping paths to their dates")
    return {str(path): _dates(entry, f" for {path!r}", source) for path, entry in data["documents"].items()}


class MetaLookup:
    """Dates for documents below one root; ``read(rel)`` returns a file's bytes, or None if absent."""

    def __init__(self, read: Callable[[str], bytes | None], display: Callable[[str], str]):
        self._read = read
        self._display = display
        self._manifests: dict[str, dict[str, Dates] | None] = {}
        self.problems: list[tuple[str, str]] = []  # (display path of the metadata file, reason)

    def dates(self, rel: str) -> Dates | None:
        for suffix in SIDECAR_SUFFIXES:
            raw = self._get(rel + suffix)
            if raw is not None:
                try:
                    return parse_sidecar(raw, rel + suffix)
                except UnreadableDocument as exc:
                    why = f"{exc}; the dates of {posixpath.basename(rel)} are not used"
                    self.problems.append((self._display(rel + suffix), why))
                    return None
        folder = posixpath.dirname(rel)
        while True:
            entries = self._manifest(folder)
            if entries:
                key = posixpath.relpath(rel, folder) if folder else rel
                if key in entries:
                    return entries[key]
                for pattern, dates in entries.items():
                    if fnmatch.fnmatchcase(key, pattern):
                        return dates
            if not folder:
                return None
            folder = posixpath.dirname(folder)

    def _manifest(self, folder: str) -> dict[str, Dates] | None:
        if folder not in self._manifests:
            self._manifests[folder] = None
            for name in MANIFESTS:
                path = posixpath.join(folder, name) if folder else name
                raw = self._get(path)
                if raw is None:
                    continue
                try:
                    self._manifests[folder] = parse_manifest(raw, path)
                except UnreadableDocument as exc:
                    self.problems.append((self._display(path), f"{exc}; its dates are not used"))
                break
        return self._manifests[folder]

    def _get(self, rel: str) -> bytes | None:
        try:
            return self._read(rel)
        except OSError as exc:
            self.problems.append((self._display(rel), f"cannot read evidence metadata ({exc.strerror or exc})"))
            return None
