"""Classifying many passages in worker processes, with observations in passage order.

Classification is pure: a passage's observations depend only on the passage and the classifier.
So a large bundle's passages are cut into chunks, each worker builds the classifier once (from
the parent's indexes, see ``SignalClassifier.tables``) and reads whole chunks, and the chunks
come back in order: the observations are the same sequence the serial loop makes. Small bundles stay in this process, where building a pool and a classifier
per worker would cost more than it saves. Observations go to a ``Spool`` as they are made, so a
large bundle's observations are on disk, not in memory.
"""

from __future__ import annotations

import os
import signal
from collections import deque
from collections.abc import Sequence
from typing import Callable

from maturity.engine.classify import Observation, SignalClassifier
from maturity.engine.evidence import Passage
from maturity.engine.spool import Spool

# Below this many passages the pool does not pay: starting two workers and building a classifier
# in each costs about half a second, about what 2,000 passages of dense CX text take to classify.
MIN_PASSAGES = 4000
CHUNK = 500
MAX_WORKERS = 4

_classifier: SignalClassifier | None = None  # in a worker: built once by _start


def classify_passages(classifier: SignalClassifier, passages: Sequence[Passage], *, workers: int | None = None,
                      progress: Callable[[int, int], None] | None = None) -> Spool[Observation]:
    workers = min(os.cpu_count() or 1, MAX_WORKERS) if workers is None else workers
    out: Spool[Observation] = Spool(Observation)
    total = len(passages)
    if workers < 2 or total < MIN_PASSAGES:
        for done, passage in enumerate(passages, 1):
            out.extend(classifier.classify(passage))
            if progress and (done % 500 == 0 or done == total):
                progress(done, total)
        return out
    from concurrent.futures import ProcessPoolExecutor

    pending: deque = deque()  # chunks in flight, oldest first: at most two per worker
    done = 0
    with ProcessPoolExecutor(workers, initializer=_start,
                             initargs=(classifier.rubric, classifier.exemplars, classifier.tables())) as pool:
        for chunk in _chunks(passages, CHUNK):
            pending.append(pool.submit(_classify_chunk, chunk))
            while len(pending) >= 2 * workers:
                done = _collect(pending.popleft(), out, done, total, progress)
        while pending:
            done = _collect(pending.popleft(), out, done, total, progress)
    return out


def _chunks(passages: Sequence[Passage], size: int):
    chunk: list[Passage] = []
    for passage in passages:
        chunk.append(passage)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _collect(future, out: Spool[Observation], done: int, total: int, progress) -> int:
    out.extend(future.result())
    done = min(done + CHUNK, total)
    if progress:
        progress(done, total)
    return done


def _start(rubric, exemplars, tables) -> None:
    global _classifier
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _classifier = SignalClassifier(rubric, exemplars, tables)


def _classify_chunk(passages: list[Passage]) -> list[Observation]:
    return [o for p in passages for o in _classifier.classify(p)]
