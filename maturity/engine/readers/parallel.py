"""Parsing in worker processes, with every result applied in the order the files were walked.

An ingest hands its ``Pipeline`` two kinds of work, in walk order: parses (``parse``) and plain
steps (``then``: record a skip, a duplicate, report progress). Without a pool every parse runs
at once in this process and every step is applied at once, which is the serial ingest. With a
pool, parses of the slow formats run in worker processes while the walk goes on, and each step
waits until everything queued before it has been applied, so the evidence (documents, passages,
skipped files, in their order) is the same as the serial path's. At most ``window`` parses are in
flight: memory holds a few documents' bytes and parse results, never the whole bundle's.
"""

from __future__ import annotations

import signal
from collections import deque
from typing import TYPE_CHECKING, Callable, NamedTuple

from maturity.engine.formats import READERS, Parsed, UnreadableDocument

if TYPE_CHECKING:
    from concurrent.futures import Future

# Formats whose parse costs more than shipping the bytes to a worker and the blocks back. The
# others stay in this process: plain text and metrics parse at 50+ MB/s, and Markdown (15+
# MB/s, hundreds of blocks per 50 KB to send back) measured 1.4x slower through a pool of 2.
SLOW = frozenset({".pdf", ".docx", ".html", ".htm"})


def parse(suffix: str, raw: bytes) -> Parsed | str:
    """The parsed document, or why it cannot be read (one line). Runs in a worker or in process."""
    try:
        return READERS[suffix](raw)
    except UnreadableDocument as exc:
        return str(exc)
    except Exception as exc:  # a parser failing on a file it did not expect: skip the file, not the run
        return f"could not read {suffix} file ({type(exc).__name__}: {' '.join(str(exc).split())})"


def _ignore_interrupts() -> None:
    """In a worker: Ctrl-C is for the ingest to handle (it cancels the rest), not a traceback per worker."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class _Parse(NamedTuple):
    future: Future
    suffix: str
    raw: bytes  # kept until applied, to parse again here if the pool breaks
    step: Callable[[Parsed | str], None]


class Pipeline:
    def __init__(self, workers: int = 1):
        if workers > 1:
            from concurrent.futures import ProcessPoolExecutor  # imported when needed: it costs 15 ms

            self.pool = ProcessPoolExecutor(workers, initializer=_ignore_interrupts)
        else:
            self.pool = None
        self.window = 2 * workers  # parses in flight: enough to keep every worker busy
        self.queue: deque[_Parse | Callable[[], None]] = deque()
        self.in_flight = 0

    def __enter__(self) -> Pipeline:
        return self

    def __exit__(self, kind, exc, tb) -> None:
        try:
            if kind is None:
                self._drain(0)
        finally:
            if self.pool is not None:
                self.pool.shutdown(wait=True, cancel_futures=True)

    def then(self, step: Callable[[], None]) -> None:
        """Apply ``step`` once everything queued before it has been applied."""
        if self.queue:
            self.queue.append(step)
        else:
            step()

    def parse(self, suffix: str, raw: bytes, step: Callable[[Parsed | str], None]) -> None:
        """Parse ``raw`` as a ``suffix`` file, then apply ``step`` to the result, in order."""
        if self.pool is None or suffix not in SLOW:
            result = parse(suffix, raw)
            self.then(lambda: step(result))
            return
        try:
            future = self.pool.submit(parse, suffix, raw)
        # no worker could be started (a broken pool is a RuntimeError; OSError: out of processes or
        # memory; AssertionError: this is itself a daemon process, which may not have children)
        except (RuntimeError, OSError, AssertionError):
            self.pool.shutdown(wait=False)
            self.pool = None
            self.parse(suffix, raw, step)
            return
        self.queue.append(_Parse(future, suffix, raw, step))
        self.in_flight += 1
        self._drain(self.window)

    def _drain(self, limit: int) -> None:
        """Apply the ready steps at the head of the queue; wait while more than ``limit`` parses are in flight."""
        while self.queue:
            head = self.queue[0]
            if not isinstance(head, _Parse):
                self.queue.popleft()
                head()
                continue
            if self.in_flight <= limit and not head.future.done():
                return
            self.queue.popleft()
            self.in_flight -= 1
            try:
                result = head.future.result()
            except Exception:  # the pool failed (a worker was killed, out of memory): parse here, as the serial path does
                result = parse(head.suffix, head.raw)
            head.step(result)
