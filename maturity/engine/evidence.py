"""Evidence ingest: files and directories become documents, documents become passages.

A passage is a block of text (a paragraph, list item, heading or table row) that keeps where it
came from: the document, its 1-based line span, and the document's sha256. Anything that cannot
be read is not an error for the whole run: it is listed as skipped, with the reason, and the
rest of the evidence is assessed.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from maturity.engine.errors import EvidenceError
from maturity.engine.formats import READERS, UnreadableDocument

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Passage:
    id: str
    document: str  # document id
    text: str
    line_start: int
    line_end: int

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "document": self.document,
            "location": {"line_start": self.line_start, "line_end": self.line_end},
            "text": self.text,
        }


@dataclass(frozen=True)
class Document:
    id: str
    path: str
    sha256: str
    bytes: int
    format: str
    passages: tuple[Passage, ...]

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "path": self.path,
            "sha256": self.sha256,
            "bytes": self.bytes,
            "format": self.format,
            "passages": len(self.passages),
        }


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

    @property
    def passages(self) -> list[Passage]:
        return [p for d in self.documents for p in d.passages]

    def manifest(self) -> dict:
        return {
            "documents": [d.to_json() for d in self.documents],
            "skipped": [s.to_json() for s in self.skipped],
        }


def _display(path: Path) -> str:
    """A stable, readable path for the record: relative to the working directory when below it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def _walk(root: Path, skipped: list[Skipped]) -> list[Path]:
    if root.is_file():
        return [root]
    files = []
    seen_dirs: set[tuple[int, int]] = set()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        st = os.stat(dirpath)
        if (st.st_dev, st.st_ino) in seen_dirs:  # a symlink loop: do not walk it twice
            skipped.append(Skipped(_display(Path(dirpath)), "directory already visited (symlink loop)"))
            dirnames[:] = []
            continue
        seen_dirs.add((st.st_dev, st.st_ino))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        files.extend(Path(dirpath) / f for f in sorted(filenames) if not f.startswith("."))
    return files


def ingest(paths: list[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES, exclude: set[Path] | None = None) -> Evidence:
    """Read every supported file under ``paths``; unsupported or unreadable files are skipped."""
    evidence = Evidence()
    candidates: list[Path] = []
    for raw in paths:
        root = Path(raw)
        if not root.exists():
            raise EvidenceError(f"{raw}: no such file or directory", remedy="check the evidence path")
        candidates.extend(_walk(root, evidence.skipped))
    excluded = {p.resolve() for p in (exclude or set())}
    by_hash: dict[str, Document] = {}
    for path in sorted(set(candidates), key=_display):
        if path.resolve() in excluded:
            continue
        display = _display(path)
        reader = READERS.get(path.suffix.lower())
        if reader is None:
            evidence.skipped.append(Skipped(display, f"unsupported format {path.suffix or '(no extension)'!r}"))
            continue
        try:
            size = path.stat().st_size
            if size > max_bytes:
                evidence.skipped.append(Skipped(display, f"file is {size} bytes, over the {max_bytes}-byte limit"))
                continue
            raw_bytes = path.read_bytes()
        except OSError as exc:
            evidence.skipped.append(Skipped(display, f"cannot read file ({exc.strerror})"))
            continue
        sha = hashlib.sha256(raw_bytes).hexdigest()
        if sha in by_hash:
            evidence.skipped.append(Skipped(display, f"same content as {by_hash[sha].path} (assessed once)"))
            continue
        doc_id = f"doc-{sha[:12]}"
        try:
            fmt, blocks = reader(raw_bytes)
        except UnreadableDocument as exc:
            evidence.skipped.append(Skipped(display, str(exc)))
            continue
        passages = tuple(
            Passage(f"{doc_id}:{i}", doc_id, text, start, end) for i, (text, start, end) in enumerate(blocks, 1)
        )
        if not passages:
            evidence.skipped.append(Skipped(display, "no text found (empty document)"))
            continue
        doc = Document(doc_id, display, sha, len(raw_bytes), fmt, passages)
        by_hash[sha] = doc
        evidence.documents.append(doc)
    return evidence
