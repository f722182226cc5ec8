"""Classifying many passages in worker processes, with observations in passage order.

Classification is pure: a passage's observations depend only on the passage and the classifier.
So a large bundle's passages are cut into chunks, each worker builds the classifier once and
reads whole chunks, and the chunks come back in order: the observations are the same list the
serial loop makes. Small bundles stay in this process, where building a pool and a classifier
per worker would cost more than it saves.
"""

from __future__ import annotations

import os
import signal
from collections import deque
from typing import Callable

from maturity.engine.classify import Observation, SignalClassifier
from maturity.engine.evidence import Passage

# Below this many passages the pool does not pay: starting two workers and building a classifier
# in each costs about half a second, about what 2,000 passages of dense CX text take to classify.
MIN_PASSAGES = 4000
CHUNK = 500
MAX_WORKERS = 4

_classifier: SignalClassifier | None = None  # in a worker: built once by _start


def classify_passages(classifier: SignalClassifier, passages: list[Passage], *, workers: int | None = None,
                      progress: Callable[[int, int], None] | None = None) -> list[Observation]:
    workers = min(os.cpu_count() or 1, MAX_WORKERS) if workers is None else workers
    if workers < 2 or len(passages) < MIN_PASSAGES:
        return _serial(classifier, passages, progress)
    from concurrent.futures import ProcessPoolExecutor

    out: list[Observation] = []
    pending: deque = deque()  # chunks in flight, oldest first: at most two per worker
    done = 0
    with ProcessPoolExecutor(workers, initializer=_start,
                             initargs=(classifier.rubric, classifier.exemplars)) as pool:
        for start in range(0, len(passages), CHUNK):
            pending.append(pool.submit(_classify_chunk, passages[start:start + CHUNK]))
            while len(pending) >= 2 * workers or (pending and start + CHUNK >= len(passages)):
                out.extend(pending.popleft().result())
                done = min(done + CHUNK, len(passages))
                if progress:
                    progress(done, len(passages))
    return out


def _serial(classifier, passages, progress) -> list[Observation]:
    out: list[Observation] = []
    for done, passage in enumerate(passages, 1):
        out.extend(classifier.classify(passage))
        if progress and (done % 500 == 0 or done == len(passages)):
            progress(done, len(passages))
    return out


def _start(rubric, exemplars) -> None:
    global _classifier
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _classifier = SignalClassifier(rubric, exemplars)


def _classify_chunk(passages: list[Passage]) -> list[Observation]:
    return [o for p in passages for o in _classifier.classify(p)]
