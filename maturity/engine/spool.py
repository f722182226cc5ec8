"""Long sequences kept on disk: the passages and observations of a large bundle.

A thousand-document bundle makes a few hundred thousand passages and close to a million
observations; held as objects they take most of a gigabyte. A ``Spool`` holds only its newest
items in memory and writes them out ``CHUNK`` at a time (``marshal`` of each item's field values)
to an anonymous temporary file, which the operating system removes when the spool is dropped. It
reads as an ordinary sequence: ``len``, iteration in order, indexing and slicing, each chunk read
back and its items rebuilt when needed. An assessment small enough to fit in one chunk never
touches the disk.

The file is the spool's own, written and read with ``os.pwrite``/``os.pread`` at offsets the
spool tracks, and never holds anything but the values of items this process made (marshal is not
for untrusted data, and never sees any).
"""

from __future__ import annotations

import marshal
import os
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import fields
from operator import attrgetter
from typing import Generic, TypeVar

T = TypeVar("T")

CHUNK = 2048  # items per chunk: about 0.5 MB of observations written or read at a time


class Spool(Sequence, Generic[T]):
    """An append-only sequence of dataclass instances (``kind``) kept mostly on disk."""

    def __init__(self, kind: type[T], chunk: int | None = None):
        self.kind = kind
        names = [f.name for f in fields(kind)]
        self._values = attrgetter(*names) if len(names) > 1 else (lambda item: (getattr(item, names[0]),))
        self.chunk = chunk or CHUNK
        self._pending: list[T] = []  # the newest items, not yet written
        self._offsets = array("q")  # per written chunk: where it starts in the file
        self._sizes = array("q")  # and how many bytes it takes
        self._file = None
        self._cached: tuple[int, list[T]] = (-1, [])  # the chunk last read for indexing

    def append(self, item: T) -> None:
        self._pending.append(item)
        if len(self._pending) >= self.chunk:
            self._flush()

    def extend(self, items) -> None:
        for item in items:
            self.append(item)

    def view(self, start: int, stop: int) -> SpoolSlice[T]:
        """The items from ``start`` to ``stop``, read when needed (a document's passages)."""
        return SpoolSlice(self, start, stop)

    def __len__(self) -> int:
        return len(self._offsets) * self.chunk + len(self._pending)

    def __iter__(self) -> Iterator[T]:
        for index in range(len(self._offsets)):
            yield from self._read(index)
        yield from list(self._pending)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        size = len(self)
        if index < 0:
            index += size
        if not 0 <= index < size:
            raise IndexError("spool index out of range")
        written = len(self._offsets) * self.chunk
        if index >= written:
            return self._pending[index - written]
        number, at = divmod(index, self.chunk)
        if self._cached[0] != number:
            self._cached = (number, self._read(number))
        return self._cached[1][at]

    def __eq__(self, other) -> bool:
        return _equal(self, other)

    __hash__ = None

    def __repr__(self) -> str:
        return f"<Spool of {len(self)} {self.kind.__name__}>"

    def _flush(self) -> None:
        if self._file is None:
            import tempfile  # only a bundle bigger than a chunk needs it

            self._file = tempfile.TemporaryFile(prefix="maturity-spool-")
        data = marshal.dumps([self._values(item) for item in self._pending])
        start = self._offsets[-1] + self._sizes[-1] if self._offsets else 0
        os.pwrite(self._file.fileno(), data, start)
        self._offsets.append(start)
        self._sizes.append(len(data))
        self._pending = []

    def _read(self, number: int) -> list[T]:
        data = os.pread(self._file.fileno(), self._sizes[number], self._offsets[number])
        make = self.kind
        return [make(*values) for values in marshal.loads(data)]


class SpoolSlice(Sequence, Generic[T]):
    """A run of a spool's items (``start`` to ``stop``), read from the spool when needed."""

    def __init__(self, spool: Spool[T], start: int, stop: int):
        self.spool, self.start, self.stop = spool, start, stop

    def __len__(self) -> int:
        return self.stop - self.start

    def __iter__(self) -> Iterator[T]:
        spool = self.spool
        return (spool[i] for i in range(self.start, self.stop))

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("spool slice index out of range")
        return self.spool[self.start + index]

    def __eq__(self, other) -> bool:
        return _equal(self, other)

    __hash__ = None

    def __repr__(self) -> str:
        return f"<{len(self)} {self.spool.kind.__name__} of a spool>"


def _equal(seq: Sequence, other) -> bool:
    if not isinstance(other, (Sequence, list, tuple)) or isinstance(other, (str, bytes)):
        return NotImplemented
    return len(seq) == len(other) and all(a == b for a, b in zip(seq, other))
