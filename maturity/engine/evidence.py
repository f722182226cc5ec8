"""Evidence ingest: files, folders and zip archives become documents, documents become passages.

A passage is a block of text (a paragraph, list item, heading or table row) that keeps where it
came from: the document, its line span, and for PDF its page and for DOCX/HTML its heading path.
Structured files (CSV/JSON/YAML) give metrics instead of passages. Anything that cannot be read
is not an error for the whole run: it is listed as skipped, with the reason, and the rest of the
evidence is assessed. Identical files (same sha256) are assessed once; the copies are listed.

Files are streamed: each is read, parsed and dropped before the next, and its passages go to the
evidence's passage spool (``spool.Spool``), which keeps all but the newest few thousand on disk.
Archive members are read in memory one at a time (see ``archives``). A bundle big enough to pay
for it is parsed by a few worker processes, a bounded number of files at a time, with the same
evidence in the same order as the serial path (see ``readers.parallel``).
"""

from __future__ import annotations

import datetime as dt
import errno
import fnmatch
import hashlib
import os
import posixpath
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Sequence

from maturity.engine import archives
from maturity.engine.errors import EvidenceError
from maturity.engine.formats import READERS, Metric, Parsed
from maturity.engine.readers.parallel import SLOW, Pipeline
from maturity.engine.readers.sidecar import Dates, MetaLookup, is_metadata
from maturity.engine.spool import Spool

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# A pool pays when the bundle holds at least two slow-to-parse files (PDF, DOCX, HTML, or zip
# archives, which may hold them) and this many bytes of them. Measured on 2 cores (fork start,
# 2 workers, fresh process with the parsers not yet imported): the pool is already ahead at 3
# documents / 0.15 MB (mostly because the workers import pypdf and python-docx side by side),
# 15-45 % faster from 1 MB (DOCX least, PDF most), 1.8x at 1,000 documents. Below 1 MiB the
# gain is tens of milliseconds, within this shared machine's noise, so the pool is not started.
PARALLEL_MIN_BYTES = 1024 * 1024
MAX_WORKERS = 4  # each worker holds its parsers (about 50 MB) and a document at a time
_MAX_METADATA_BYTES = 1024 * 1024

__all__ = ["DEFAULT_MAX_BYTES", "PARALLEL_MIN_BYTES", "Document", "Evidence", "Metric", "Passage", "Skipped", "ingest"]


@dataclass(frozen=True, slots=True)  # slots: a large corpus holds hundreds of thousands of these
class Passage:
    id: str
    document: str  # document id
    text: str
    line_start: int
    line_end: int
    page: int | None = None  # PDF: 1-based page; line_start/line_end are lines of that page's text
    section: str | None = None  # DOCX/HTML: heading path, "Strategy > Budget"

    def to_json(self) -> dict:
        location: dict = {"line_start": self.line_start, "line_end": self.line_end}
        if self.page is not None:
            location["page"] = self.page
        if self.section is not None:
            location["section"] = self.section
        return {"id": self.id, "document": self.document, "location": location, "text": self.text}


@dataclass(frozen=True)
class Document:
    id: str
    path: str
    sha256: str
    bytes: int
    format: str
    passages: Sequence[Passage]  # the document's run of the evidence's passage spool
    metrics: tuple[Metric, ...] = ()
    pages: int | None = None
    encoding: str | None = None  # set when a text file was not UTF-8
    effective: dt.date | None = None
    expires: dt.date | None = None
    dates_from: str | None = None  # the sidecar or manifest that gave the dates
    duplicates: tuple[str, ...] = ()  # other paths with the same content, not assessed again

    def to_json(self) -> dict:
        data = {"id": self.id, "path": self.path, "sha256": self.sha256, "bytes": self.bytes,
                "format": self.format, "passages": len(self.passages)}
        optional = {"metrics": len(self.metrics) or None, "pages": self.pages, "encoding": self.encoding,
                    "effective": self.effective and self.effective.isoformat(),
                    "expires": self.expires and self.expires.isoformat(), "dates_from": self.dates_from,
                    "duplicates": list(self.duplicates) or None}
        data.update({k: v for k, v in optional.items() if v is not None})
        return data


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str

    def to_json(self) -> dict:
        return {"path": self.path, "reason": self.reason}


@dataclass
class Evidence:
    documents: list[Document] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    as_of: dt.date | None = None  # set when evidence dates were checked
    # every document's passages in document order, kept on disk beyond the first few thousand
    passages: Spool[Passage] = field(default_factory=lambda: Spool(Passage))

    @property
    def metrics(self) -> list[Metric]:
        return [m for d in self.documents for m in d.metrics]

    def manifest(self) -> dict:
        data = {
            "documents": [d.to_json() for d in self.documents],
            "skipped": [s.to_json() for s in self.skipped],
            "metrics": [m.to_json() for m in self.metrics],
        }
        if self.as_of is not None:
            data["as_of"] = self.as_of.isoformat()
        return data


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))  # never raises, even on a symlink loop


def _display(path: Path) -> str:
    """A stable, readable path for the record: relative to the working directory when below it.

    Symbolic links are kept as they were given (not resolved), so each link shows under its own name.
    """
    cwd = _real(Path.cwd())
    for candidate in (Path(os.path.normpath(path.absolute())), _real(path)):
        try:
            return candidate.relative_to(cwd).as_posix()
        except ValueError:
            continue
    return Path(os.path.normpath(path.absolute())).as_posix()


def _walk(root: Path, skipped: list[Skipped]) -> list[Path]:
    if not root.is_dir():
        return [root]
    files = []
    seen_dirs: set[tuple[int, int]] = set()

    def unreadable(err: OSError) -> None:
        skipped.append(Skipped(_display(Path(err.filename)), f"cannot list directory ({err.strerror})"))

    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=unreadable):
        st = os.stat(dirpath)
        if (st.st_dev, st.st_ino) in seen_dirs:  # a symlink loop: do not walk it twice
            skipped.append(Skipped(_display(Path(dirpath)), "directory already visited (symlink loop)"))
            dirnames[:] = []
            continue
        seen_dirs.add((st.st_dev, st.st_ino))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        files.extend(Path(dirpath) / f for f in sorted(filenames) if not f.startswith("."))
    return files


def _read_below(base: Path):
    """Reads evidence metadata (sidecars, manifests) below ``base``; None when there is none."""

    def read(rel: str) -> bytes | None:
        path = base / rel
        if not path.is_file():
            return None
        if path.stat().st_size > _MAX_METADATA_BYTES:
            raise OSError(errno.EFBIG, f"over {_MAX_METADATA_BYTES} bytes")
        return path.read_bytes()

    return read


def ingest(paths: list[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES,
           exclude: Iterable[str | Path] | None = None, include: Iterable[str] | None = None,
           as_of: dt.date | None = None, max_age: dt.timedelta | None = None,
           archive_limits: archives.ArchiveLimits | None = None,
           progress: Callable[[int, int], None] | None = None, workers: int | None = None) -> Evidence:
    """Read every supported file under ``paths``; unsupported or unreadable files are skipped.

    ``include``/``exclude`` are glob patterns matched against each file's path below its evidence
    root, its displayed path and (for patterns without "/") its name; ``exclude`` may also hold
    ``Path`` objects, which exclude exactly that file. ``include`` selects documents; archives are
    always opened (unless excluded) and their members filtered. Documents whose evidence dates
    (``<file>.meta.yaml`` or ``evidence-manifest.yaml``) say they expired before ``as_of``
    (default: today), take effect after it, or took effect more than ``max_age`` before it, are
    skipped with the reason. ``progress(done, total)`` is called after each file.

    ``workers`` worker processes parse the files (default: one per CPU, at most ``MAX_WORKERS``)
    when the bundle holds at least two slow-to-parse files and ``PARALLEL_MIN_BYTES`` of them;
    ``workers=1`` parses everything in this process. The evidence is the same either way.
    """
    run = _Run(max_bytes, exclude, include, as_of, max_age, archive_limits or archives.ArchiveLimits())
    candidates: dict[str, tuple[Path, str, MetaLookup]] = {}
    lookups = []
    for raw in paths:
        root = Path(raw)
        if not root.exists() and not root.is_symlink():
            raise EvidenceError(f"{raw}: no such file or directory", remedy="check the evidence path")
        base = root if root.is_dir() else root.parent
        lookup = MetaLookup(_read_below(base), lambda rel, base=base: _display(base / rel))
        lookups.append(lookup)
        for path in _walk(root, run.evidence.skipped):
            rel = path.relative_to(base).as_posix()
            candidates.setdefault(_display(path), (path, rel, lookup))
    with Pipeline(_workers(workers, [path for path, _, _ in candidates.values()])) as run.pipeline:
        for done, display in enumerate(sorted(candidates), 1):
            path, rel, lookup = candidates[display]
            run.file(path, rel, display, lookup)
            if progress:
                run.pipeline.then(partial(progress, done, len(candidates)))
    reported = {s.path for s in run.evidence.skipped}
    for lookup in lookups + run.archive_lookups:
        for where, reason in lookup.problems:
            if where not in reported:
                reported.add(where)
                run.evidence.skipped.append(Skipped(where, reason))
    if run.dated or as_of is not None or max_age is not None:
        run.evidence.as_of = run.as_of
    return run.evidence


class _Run:
    """One ingest: the filters and limits, the evidence so far, and what has been seen."""

    def __init__(self, max_bytes, exclude, include, as_of, max_age, limits):
        self.max_bytes = max_bytes
        exclude = list(exclude or [])
        self.exclude_paths = {_real(Path(p)) for p in exclude if isinstance(p, os.PathLike)}
        self.exclude = [str(p).replace("\\", "/") for p in exclude if not isinstance(p, os.PathLike)]
        self.include = [str(p).replace("\\", "/") for p in include] if include else None
        if isinstance(as_of, dt.datetime):
            as_of = as_of.date()
        self.as_of = as_of or dt.date.today()
        self.max_age = max_age
        self.limits = limits
        self.evidence = Evidence()
        self.pipeline = Pipeline()  # parses, and applies every result in walk order
        self.parsing: set[str] = set()  # sha256 of every document sent to be parsed
        self.by_hash: dict[str, int] = {}  # sha256 -> index in evidence.documents
        self.failed: dict[str, tuple[str, str]] = {}  # sha256 -> (path, reason) of a copy that could not be read
        self.archive_lookups: list[MetaLookup] = []
        self.dated = False

    # The walk (file, archive, check_dates, document) queues what it finds on the pipeline; the
    # steps it queues (copy, add, fail) run in walk order and change the evidence directly.

    def skip(self, path: str, reason: str) -> None:
        self.pipeline.then(partial(self.evidence.skipped.append, Skipped(path, reason)))

    def file(self, path: Path, rel: str, display: str, lookup: MetaLookup) -> None:
        if (self.exclude_paths and _real(path) in self.exclude_paths) or _matches(self.exclude, (rel, display)):
            return
        if is_metadata(rel):
            return
        if archives.is_archive(path.name):
            self.archive(path, rel, display)
            return
        if self.include is not None and not _matches(self.include, (rel, display)):
            return
        if path.suffix.lower() not in READERS:
            self.skip(display, f"unsupported format {path.suffix or '(no extension)'!r}")
            return
        try:
            size = path.stat().st_size
            if size > self.max_bytes:
                self.skip(display, f"file is {size} bytes, over the {self.max_bytes}-byte limit")
                return
            dates = self.check_dates(display, lookup.dates(rel))
            if dates is False:
                return
            with open(path, "rb") as fh:
                raw = fh.read(self.max_bytes + 1)
        except OSError as exc:
            self.skip(display, f"cannot read file ({exc.strerror or exc})")
            return
        self.document(display, raw, path.suffix.lower(), dates)

    def archive(self, path: Path, rel: str, display: str) -> None:
        try:
            entries = archives.walk(path, path.stat().st_size, self.limits, self.max_bytes)
        except OSError as exc:
            self.skip(display, f"cannot read file ({exc.strerror or exc})")
            return
        except archives.ArchiveProblem as exc:
            self.skip(display, f"archive refused: {exc}")
            return
        lookups: dict[int, MetaLookup] = {}
        try:
            for entry in entries:
                name = f"{display}!{entry.name}"
                if isinstance(entry, archives.Rejected):
                    self.skip(name, entry.reason)
                    continue
                parts = entry.inner.split("/")
                if any(p.startswith(".") or p == "__MACOSX" for p in parts) or is_metadata(entry.inner):
                    continue
                keys = (name, f"{rel}!{entry.name}", entry.inner)
                if _matches(self.exclude, keys) or (self.include is not None and not _matches(self.include, keys)):
                    continue
                suffix = posixpath.splitext(entry.inner)[1].lower()
                if suffix not in READERS:
                    self.skip(name, f"unsupported format {suffix or '(no extension)'!r}")
                    continue
                if entry.size > self.max_bytes:
                    self.skip(name, f"file is {entry.size} bytes, over the {self.max_bytes}-byte limit")
                    continue
                lookup = lookups.get(id(entry.sibling))
                if lookup is None:
                    prefix = name[: len(name) - len(entry.inner)]
                    lookup = lookups[id(entry.sibling)] = MetaLookup(entry.sibling, lambda r, p=prefix: p + r)
                    self.archive_lookups.append(lookup)
                dates = self.check_dates(name, lookup.dates(entry.inner))
                if dates is False:
                    continue
                try:
                    raw = entry.read()
                except archives.ArchiveProblem as exc:
                    self.skip(name, str(exc))
                    continue
                self.document(name, raw, suffix, dates)
        except archives.ArchiveProblem as exc:
            self.skip(display, f"archive refused part way: {exc}")

    def check_dates(self, display: str, dates: Dates | None) -> Dates | None | bool:
        """The dates to record, or False when the document is out of date (and skipped)."""
        if dates is None:
            return None
        self.dated = True
        reason = _out_of_date(dates, self.as_of, self.max_age)
        if reason:
            self.skip(display, reason)
            return False
        return dates

    def document(self, display: str, raw: bytes, suffix: str, dates: Dates | None) -> None:
        if len(raw) > self.max_bytes:
            self.skip(display, f"file is over the {self.max_bytes}-byte limit")
            return
        if not raw or raw.isspace():
            self.skip(display, "empty file" if not raw else "empty file (whitespace only)")
            return
        sha = hashlib.sha256(raw).hexdigest()
        if sha in self.parsing:
            self.pipeline.then(partial(self.copy, display, sha))
            return
        self.parsing.add(sha)
        self.pipeline.parse(suffix, raw, partial(self.add, display, sha, len(raw), dates))

    def copy(self, display: str, sha: str) -> None:
        """A file with the same content as one before it: assessed once, or failed once."""
        if sha in self.by_hash:
            index = self.by_hash[sha]
            first = self.evidence.documents[index]
            self.evidence.documents[index] = replace(first, duplicates=first.duplicates + (display,))
            self.evidence.skipped.append(Skipped(display, f"duplicate of {first.path} (same sha256; assessed once)"))
        else:
            self.evidence.skipped.append(Skipped(display, "same content as {} ({})".format(*self.failed[sha])))

    def fail(self, sha: str, display: str, reason: str) -> None:
        self.failed[sha] = (display, reason)
        self.evidence.skipped.append(Skipped(display, reason))

    def add(self, display: str, sha: str, size: int, dates: Dates | None, parsed: Parsed | str) -> None:
        """The document from its parse, or its skip with the reason it could not be read."""
        if isinstance(parsed, str):
            self.fail(sha, display, parsed)
            return
        doc_id = f"doc-{sha[:12]}"
        metrics = tuple(replace(m, source_path=display) for m in parsed.metrics)
        self.evidence.skipped.extend(Skipped(f"{display}#{part}", reason) for part, reason in parsed.problems)
        if not parsed.blocks and not metrics:
            self.fail(sha, display, "no text found (empty document)")
            return
        spool = self.evidence.passages
        start = len(spool)
        spool.extend(Passage(f"{doc_id}:{i}", doc_id, b.text, b.line_start, b.line_end, b.page, b.section)
                     for i, b in enumerate(parsed.blocks, 1))
        passages = spool.view(start, len(spool))
        self.by_hash[sha] = len(self.evidence.documents)
        self.evidence.documents.append(Document(
            doc_id, display, sha, size, parsed.format, passages, metrics, parsed.pages, parsed.encoding,
            dates.effective if dates else None, dates.expires if dates else None,
            dates.source or None if dates else None))


def _workers(workers: int | None, paths: list[Path]) -> int:
    """How many processes parse: 1 (this one) unless the bundle is big enough to pay for a pool."""
    if workers is None:
        cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
        workers = min(cpus, MAX_WORKERS)
    if workers < 2:
        return 1
    slow = [p for p in paths if p.suffix.lower() in SLOW or archives.is_archive(p.name)]
    total = 0
    for path in slow:
        try:
            total += path.stat().st_size
        except OSError:
            continue  # reported when the file is read
    return workers if len(slow) >= 2 and total >= PARALLEL_MIN_BYTES else 1


def _out_of_date(dates: Dates, as_of: dt.date, max_age: dt.timedelta | None) -> str | None:
    if dates.expires is not None and dates.expires < as_of:
        return f"expired on {dates.expires.isoformat()} (as of {as_of.isoformat()}; dates from {dates.source})"
    if dates.effective is not None and dates.effective > as_of:
        return f"not yet effective: effective {dates.effective.isoformat()}, after {as_of.isoformat()}"
    if max_age is not None and dates.effective is not None and as_of - dates.effective > max_age:
        age = (as_of - dates.effective).days
        return (f"stale: effective {dates.effective.isoformat()}, {age} days before {as_of.isoformat()}, "
                f"over the maximum age of {max_age.days} days")
    return None


def _matches(patterns: list[str] | None, keys: Iterable[str]) -> bool:
    """True when any glob matches a key or a folder above it, or (for a pattern without "/") a key's file name."""
    if not patterns:
        return False
    keys = [k.replace("\\", "/") for k in keys]
    names = [posixpath.basename(k.rsplit("!", 1)[-1]) for k in keys]
    keys += [k[:i] for k in keys for i, ch in enumerate(k) if ch in "/!" and i]  # the folders above: "drafts"
    for pattern in patterns:
        for key in keys + (names if "/" not in pattern else []):
            if fnmatch.fnmatchcase(key, pattern) or (pattern.startswith("**/") and fnmatch.fnmatchcase(key, pattern[3:])):
                return True
    return False
