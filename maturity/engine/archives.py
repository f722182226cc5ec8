"""Zip archives as evidence collections, read in memory one member at a time.

Nothing is written to disk, so a hostile name cannot escape anywhere; such entries are still
refused and reported. Before any member is read the archive's directory is checked: too many
entries, a total expanded size over the limit, or a compression ratio no document reaches
(a zip bomb) refuse the whole archive. zipfile never returns more than an entry's declared size
(a lying entry fails its CRC check), so the declared sizes bound what is actually expanded.
Archives inside archives are opened up to ``max_depth`` levels; their sizes count against the
same budget as the outer archive's.
"""

from __future__ import annotations

import io
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass
from typing import Callable, Iterator

ARCHIVE_SUFFIXES = (".zip",)


class ArchiveProblem(Exception):
    """The archive (or one entry of it) cannot be used; the message says why."""


@dataclass(frozen=True)
class ArchiveLimits:
    max_total_bytes: int = 1024 * 1024 * 1024  # everything expanded from one archive, nesting included
    max_ratio: float = 100.0  # expanded : compressed, for the archive and for each entry
    ratio_floor: int = 1024 * 1024  # below this expanded size the ratio is not judged
    max_members: int = 10_000
    max_depth: int = 2  # an archive on disk is depth 1; an archive inside it is depth 2


@dataclass
class Member:
    """One entry to ingest. ``name`` is its path from the outermost archive ("in.zip!a/b.md")."""

    name: str
    inner: str  # its path inside its own archive
    size: int
    read: Callable[[], bytes]
    sibling: Callable[[str], bytes | None]  # another entry of the same archive, by inner path (for metadata)


@dataclass(frozen=True)
class Rejected:
    name: str
    reason: str


class _Budget:
    def __init__(self, total: int):
        self.remaining = total

    def take(self, amount: int, limit: int) -> None:
        if amount > self.remaining:
            raise ArchiveProblem(
                f"would expand to more than the {limit}-byte limit for one archive (possible zip bomb)")
        self.remaining -= amount


def is_archive(name: str) -> bool:
    return name.lower().endswith(ARCHIVE_SUFFIXES)


def unsafe_name(name: str) -> str | None:
    """Why an entry name is refused, or None when it is a plain relative path."""
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        return "absolute path in archive"
    if ".." in re.split(r"[\\/]", name):
        return "path traversal ('..') in archive"
    if "\x00" in name:
        return "NUL byte in archive entry name"
    return None


def check(zf: zipfile.ZipFile, archive_size: int, limits: ArchiveLimits, budget: _Budget | None = None) -> None:
    """Refuse an archive whose directory promises more than any set of documents would."""
    infos = zf.infolist()
    if len(infos) > limits.max_members:
        raise ArchiveProblem(f"{len(infos)} entries, over the limit of {limits.max_members}")
    total = sum(i.file_size for i in infos)
    if total > limits.max_total_bytes:
        raise ArchiveProblem(
            f"would expand to {total} bytes, over the {limits.max_total_bytes}-byte limit (possible zip bomb)")
    if total > limits.ratio_floor and total / max(archive_size, 1) > limits.max_ratio:
        raise ArchiveProblem(f"compression ratio {total // max(archive_size, 1)}:1 is over "
                             f"{limits.max_ratio:.0f}:1 (possible zip bomb)")
    for i in infos:
        if i.file_size > limits.ratio_floor and i.file_size / max(i.compress_size, 1) > limits.max_ratio:
            raise ArchiveProblem(f"entry {i.filename!r} has compression ratio {i.file_size // max(i.compress_size, 1)}:1, "
                                 f"over {limits.max_ratio:.0f}:1 (possible zip bomb)")
    if budget is not None:
        budget.take(total, limits.max_total_bytes)


def check_package(raw: bytes, limits: ArchiveLimits | None = None) -> None:
    """The same checks for a zip-based document format (DOCX); BadZipFile passes through."""
    limits = limits or ArchiveLimits(max_total_bytes=256 * 1024 * 1024)
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        check(zf, len(raw), limits)


def walk(source, archive_size: int, limits: ArchiveLimits, max_member_bytes: int) -> Iterator[Member | Rejected]:
    """Every entry of the archive at ``source`` (a path or a file object), nested archives opened.

    Raises ArchiveProblem (before yielding anything) when the archive as a whole is refused.
    """
    try:
        zf = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as exc:
        raise ArchiveProblem(f"not a valid zip archive ({_one_line(exc)})") from exc
    try:
        budget = _Budget(limits.max_total_bytes)
        check(zf, archive_size, limits, budget)
    except BaseException:
        zf.close()
        raise
    return _entries(zf, "", 1, limits, budget, max_member_bytes)


def _entries(zf: zipfile.ZipFile, prefix: str, depth: int, limits: ArchiveLimits, budget: _Budget,
             max_member_bytes: int) -> Iterator[Member | Rejected]:
    with zf:
        infos = sorted((i for i in zf.infolist() if not i.is_dir()), key=lambda i: i.filename)
        names = {i.filename: i for i in infos}

        def sibling(inner: str) -> bytes | None:
            info = names.get(inner)
            if info is None or info.file_size > 1024 * 1024 or unsafe_name(inner):
                return None
            try:
                return _read(zf, info)
            except ArchiveProblem:
                return None

        for info in infos:
            name = prefix + info.filename
            reason = _entry_problem(info)
            if reason:
                yield Rejected(name, reason)
                continue
            if not is_archive(info.filename):
                yield Member(name, info.filename, info.file_size, _reader(zf, info), sibling)
                continue
            if depth >= limits.max_depth:
                yield Rejected(name, f"nested archive deeper than {limits.max_depth} levels; unpack it first")
                continue
            if info.file_size > max_member_bytes:
                yield Rejected(name, f"nested archive is {info.file_size} bytes, over the {max_member_bytes}-byte limit")
                continue
            try:
                data = _read(zf, info)
                inner = zipfile.ZipFile(io.BytesIO(data))
                check(inner, len(data), limits, budget)
            except (ArchiveProblem, zipfile.BadZipFile, zlib.error, EOFError, ValueError) as exc:
                yield Rejected(name, f"nested archive refused: {_one_line(exc)}")
                continue
            del data
            yield from _entries(inner, name + "!", depth + 1, limits, budget, max_member_bytes)


def _entry_problem(info: zipfile.ZipInfo) -> str | None:
    reason = unsafe_name(info.filename)
    if reason:
        return reason
    if stat.S_ISLNK(info.external_attr >> 16):
        return "symbolic link in archive (not followed)"
    if info.flag_bits & 0x1:
        return "encrypted archive entry (password required); add it unencrypted"
    return None


def _reader(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> Callable[[], bytes]:
    return lambda: _read(zf, info)


def _read(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    try:
        with zf.open(info) as fh:
            return fh.read(info.file_size + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError, ValueError) as exc:
        raise ArchiveProblem(f"damaged archive entry ({_one_line(exc)})") from exc


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
