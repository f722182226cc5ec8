"""Exemplars: labelled passages a framework ships, read by likeness when no signal matched.

A framework may register, beside its rubric, a JSON-lines file of passages labelled the way
``eval/`` labels them: ``{"id", "text", "dimension", "stage", "polarity"}`` (dimension, stage and
polarity null for a passage that is evidence of nothing). When a passage completes no signal, the
lexical fallback finds nothing either, and the passage has at least four meaningful words, its
words are compared with every exemplar's (cosine over stems weighted by inverse document
frequency). The nearest exemplars vote, weighted by likeness; the winning label becomes a
low-confidence reading that names the exemplars it rests on, so an auditor can open them.
Off-topic exemplars vote too: a passage most like them gets no reading, and neither does one
that only the lexical fallback read (shared words alone, in text like evidence of nothing).
Exemplar readings sit below the rating threshold: they show in ``classify`` and ``explain`` but
rate nothing on their own.
"""

from __future__ import annotations

import heapq
import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from maturity.datafile import load_cached
from maturity.engine.errors import MaturityError
from maturity.engine.lexical import stems
from maturity.engine.signals import fold

K = 5  # exemplars that vote
MIN_SHARED = 2  # stems an exemplar must share with the passage: one rare word ("Analysis") is no likeness
MIN_WORDS = 4  # stems a passage needs before likeness means anything: "The meeting closed at 12:40." is like too much
MIN_SIMILARITY = 0.25  # an exemplar less alike than this has no vote (chosen on the validation splits)
CONFIDENCE = 0.4  # below the lexical fallback's 0.45 and the default rating threshold of 0.5
POLARITIES = ("current", "aspiration", "negated")


@dataclass(frozen=True)
class Exemplar:
    id: str
    text: str
    dimension: str | None
    stage: int | None
    polarity: str | None
    stems: list[str] = field(default_factory=list)  # what it is compared on (see lexical.stems)


@dataclass(frozen=True)
class ExemplarSet:
    items: list[Exemplar]


@dataclass(frozen=True)
class Likeness:
    dimension: str
    stage: int
    polarity: str
    exemplars: tuple[tuple[str, float], ...]  # (exemplar id, similarity) that voted for the label
    shared: tuple[str, ...]  # stems the passage shares with the closest of them


def load(raw: bytes, name: str, rubric, rubric_sha256: str) -> list[Exemplar]:
    """``parse``, or its cached result for the same bytes and rubric (stemming 800 passages costs
    more than reading them back)."""
    code = tuple(Path(__file__).parent / f for f in ("exemplars.py", "lexical.py", "signals.py"))
    key = raw + b"\0" + rubric_sha256.encode()
    return load_cached(key, ExemplarSet, lambda _: ExemplarSet(parse(raw, name, rubric)), code).items


def parse(raw: bytes, name: str, rubric) -> list[Exemplar]:
    """Exemplars from JSON lines, with their stems; every problem is raised as one ``MaturityError``."""
    stages = {d.id: set(d.stages) for d in rubric.dimensions}
    out, problems = [], []
    for number, line in enumerate(raw.decode("utf-8", errors="replace").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            ex = Exemplar(str(item["id"]), item["text"], item["dimension"], item["stage"], item["polarity"])
        except (ValueError, KeyError, TypeError) as exc:
            problems.append(f"{name}:{number}: expected id, text, dimension, stage, polarity ({exc})")
            continue
        if ex.dimension is None:
            if ex.stage is not None or ex.polarity is not None:
                problems.append(f"{name}:{number}: an off-topic exemplar has null stage and polarity")
                continue
        elif ex.dimension not in stages or ex.stage not in stages[ex.dimension] or ex.polarity not in POLARITIES:
            problems.append(f"{name}:{number}: {ex.dimension!r} stage {ex.stage!r} {ex.polarity!r} "
                            f"is not a dimension, stage and polarity of {rubric.id}")
            continue
        out.append(Exemplar(ex.id, ex.text, ex.dimension, ex.stage, ex.polarity, sorted(stems(fold(ex.text)))))
    if problems:
        raise MaturityError(f"{name}: invalid exemplars", problems=problems)
    return out


class ExemplarIndex:
    def __init__(self, exemplars: Sequence[Exemplar], tables: dict | None = None):
        """``tables``: what ``tables()`` returned for the same exemplars, read back from a cache."""
        self.exemplars = exemplars
        self.bags = [set(e.stems) for e in exemplars]
        self._tables = tables if tables is not None else _index(self.bags)
        self.idf: dict[str, float] = self._tables["idf"]
        self.norms: list[float] = self._tables["norms"]
        self.by_stem: dict[str, list[int]] = self._tables["by_stem"]  # stem -> exemplars that have it

    def tables(self) -> dict:
        """The index as JSON-ready values."""
        return self._tables

    def nearest(self, folded_text: str) -> Likeness | None:
        """The label the nearest exemplars vote for, or None (no close exemplar, or off-topic won)."""
        found = self._vote(folded_text)
        if found is None or found[0][0] is None:
            return None
        label, voters, shared = found
        return Likeness(label[0], label[1], label[2], tuple(voters), shared)

    def off_topic(self, folded_text: str) -> bool:
        """Whether the nearest exemplars vote for evidence of nothing."""
        found = self._vote(folded_text)
        return found is not None and found[0][0] is None

    def _vote(self, folded_text: str) -> tuple[tuple, list[tuple[str, float]], tuple[str, ...]] | None:
        """The label the nearest exemplars vote for (dimension None: evidence of nothing), the
        exemplars that voted for it, and the stems shared with the closest; None if none is close."""
        query = stems(folded_text)
        if len(query) < MIN_WORDS:
            return None
        unseen = math.log(len(self.bags) + 1)  # a word no exemplar has: as rare as can be
        query_stems = sorted(query)  # a fixed order, so the float sums are the same on every run
        norm = math.sqrt(sum(self.idf.get(s, unseen) ** 2 for s in query_stems)) or 1.0
        dots: dict[int, float] = {}  # only the exemplars that share a stem: a few hundred of 1,000
        in_common: dict[int, int] = {}  # exemplar -> how many stems it shares
        for s in query_stems:
            weight = self.idf.get(s, 0.0) ** 2
            if weight:
                for i in self.by_stem[s]:
                    dots[i] = dots.get(i, 0.0) + weight
                    in_common[i] = in_common.get(i, 0) + 1
        norms, exemplars = self.norms, self.exemplars
        scored = heapq.nsmallest(K, ((-dots[i] / (norm * norms[i]), exemplars[i].id, i)
                                     for i, count in in_common.items() if count >= MIN_SHARED))
        scored = [(-negative, i) for negative, _, i in scored]
        votes: Counter = Counter()
        voters: dict[tuple, list[tuple[str, float]]] = {}
        closest: dict[tuple, int] = {}  # label -> its most alike exemplar
        for similarity, i in scored:
            if similarity < MIN_SIMILARITY:
                break
            ex = self.exemplars[i]
            label = (ex.dimension, ex.stage, ex.polarity)
            votes[label] += similarity
            voters.setdefault(label, []).append((ex.id, round(similarity, 2)))
            closest.setdefault(label, i)
        if not votes:
            return None
        label = max(votes, key=lambda lab: (votes[lab], lab[0] is not None, str(lab)))
        return label, voters[label], tuple(sorted(query & self.bags[closest[label]]))


def _index(bags: list[set[str]]) -> dict:
    """Inverse document frequency of each stem, each exemplar's vector length, and each stem's exemplars."""
    df = Counter(s for bag in bags for s in bag)
    idf = {s: math.log(len(bags) / d) for s, d in sorted(df.items())}
    norms = [math.sqrt(sum(idf[s] ** 2 for s in sorted(bag))) or 1.0 for bag in bags]
    by_stem: dict[str, list[int]] = {}
    for i, bag in enumerate(bags):
        for s in sorted(bag):
            by_stem.setdefault(s, []).append(i)
    return {"idf": idf, "norms": norms, "by_stem": by_stem}
