"""Signals: the phrase syntax rubric authors use, and a fast matcher for it.

Syntax of one signal (a string in a rubric)::

    detractor + call back | phone* | contact*

* A signal is one or more *groups* joined by ``+``. Every group must occur in the same
  sentence, in any order.
* A group is one or more *terms* joined by ``|``. Any one term satisfies the group.
* A term is a word or phrase, matched case-insensitively on whole words. Hyphens, slashes and
  line breaks count as spaces ("closed-loop" matches "closed loop"), and a plural ``s``/``es``
  after the last word is accepted, except after function words ("not" never matches "notes").
* A ``*`` at the end of a term matches any ending: ``personali*`` matches "personalised",
  "personalization". It is only allowed at the end, after at least three characters.
* A signal that starts with ``absent:`` evidences its criterion when the sentence says the thing
  is *missing* ("absent: journey map*" is evidenced by "we have never drawn a journey map") and
  refutes it when the sentence says it is there. Stage-1 criteria, which describe absences, use it.

All terms of all signals are put into one Aho-Corasick automaton (pyahocorasick), so a document
is scanned once however many criteria a rubric has.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import ahocorasick

# Characters folded to a space (or a plain quote) before matching. Every mapping is one
# character to one character, so offsets in the folded text equal offsets in the original.
_FOLD = str.maketrans({c: " " for c in "-\u2010\u2011\u2012\u2013\u2014/_\t\n\r\f\v\u00a0"} | {"\u2019": "'", "\u2018": "'"})


# Words that take no plural: without this list "not" would match "notes" and "no" "nos".
_UNINFLECTED = frozenset("""
no not nor never none nobody nothing without yet any all each every some per via is was has does do did
can cannot won don the a an and or but if of to in on at by for from with as than then so too
""".split())


class SignalSyntaxError(ValueError):
    """A signal string that does not follow the syntax above."""


class Term(NamedTuple):  # thousands per rubric: a tuple is cheap to build and hash
    text: str
    prefix: bool


@dataclass(frozen=True)
class Signal:
    source: str
    groups: tuple[tuple[Term, ...], ...]
    absent: bool = False

    @property
    def specificity(self) -> int:
        """How many independent groups must co-occur; more groups means a more specific signal."""
        return len(self.groups)


def fold(text: str) -> str:
    """Lower-case and fold separators without changing the length of the text."""
    lowered = text.lower()
    if len(lowered) != len(text):  # rare characters whose lower case is longer (e.g. 'İ')
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered.translate(_FOLD)


_HAS_WORD = re.compile(r"[^\W_]").search  # a letter or digit somewhere


@lru_cache(maxsize=None)
def compile_signal(source: str) -> Signal:
    if not isinstance(source, str) or not source.strip():
        raise SignalSyntaxError("a signal must be a non-empty string")
    body = source.strip()
    absent = body[:7].lower() == "absent:"
    if absent:
        body = body[7:]
    # Folding keeps the length and leaves '+', '|' and '*' alone, so the folded body splits into
    # the same pieces as the original, which error messages quote.
    folded = fold(body)
    groups = []
    for raw_group, group in zip(body.split("+"), folded.split("+")):
        terms = []
        for raw, piece in zip(raw_group.split("|"), group.split("|")):
            text = " ".join(piece.split())
            prefix = text.endswith("*")
            if prefix:
                text = text[:-1].rstrip()
                if len(text) < 3:
                    raise SignalSyntaxError(f"wildcard term {raw.strip()!r} needs at least 3 characters before '*'")
            if "*" in text:
                raise SignalSyntaxError(f"'*' is only allowed at the end of a term: {raw.strip()!r}")
            if not _HAS_WORD(text):
                raise SignalSyntaxError(f"empty term in {source!r}")
            terms.append(Term(text, prefix))
        groups.append(tuple(terms))
    return Signal(source, tuple(groups), absent)


class Hit(NamedTuple):  # a tuple: one is made per term occurrence, so construction cost matters
    start: int
    end: int  # exclusive
    term: int


@dataclass(frozen=True)
class SignalMatch:
    key: object
    signal: Signal
    spans: tuple[tuple[int, int], ...]  # one occurrence per group (the closest together), offsets in the text
    all_spans: tuple[tuple[int, int], ...] = ()  # every occurrence of any of its terms in the sentence


class Matcher:
    """Finds which signals occur in which sentences of a text.

    ``keys`` are opaque labels the caller attaches to each signal (for example the criterion id
    and whether it is a signal or a counter-signal); matches are returned with their key.

    Each signal is indexed under the terms of its rarest group (its *anchor*): a sentence is only
    checked against the signals whose anchor occurs in it, so common terms ("customer*") used by
    hundreds of signals cost nothing until a rarer term of the same signal appears.
    """

    def __init__(self, signals: list[tuple[object, Signal]], tables: dict | None = None):
        """``tables``: what ``tables()`` returned for the same signals, read back from a cache; it
        saves indexing thousands of terms on every run (see ``classify.for_framework``)."""
        self._signals = signals
        self._tables = tables if tables is not None else _index([signal for _, signal in signals])
        terms = self._tables["terms"]  # [text, prefix] per term id
        self._prefix = [prefix for _, prefix in terms]
        self._inflects = [text.rpartition(" ")[2] not in _UNINFLECTED for text, _ in terms]  # may take s/es
        self._group_sets = [tuple(frozenset(g) for g in groups) for groups in self._tables["groups"]]
        self._anchored: list[list[int]] = self._tables["anchored"]  # term id -> signals it anchors
        automaton = ahocorasick.Automaton()
        by_text: dict[str, list[int]] = {}
        for term_id, (text, _) in enumerate(terms):
            by_text.setdefault(text, []).append(term_id)
        for text, ids in by_text.items():
            automaton.add_word(text, (len(text), tuple(ids)))
        if by_text:
            automaton.make_automaton()
        self._automaton = automaton if by_text else None

    @staticmethod
    def signals_from(tables: dict) -> list[Signal]:
        """The signals ``tables`` were made from, without parsing their sources again."""
        terms = [Term(text, prefix) for text, prefix in tables["terms"]]
        return [Signal(source, tuple(tuple(terms[t] for t in group) for group in groups), absent)
                for (source, absent), groups in zip(tables["signals"], tables["groups"])]

    def tables(self) -> dict:
        """The index as JSON-ready lists: every distinct term, each signal's groups of term ids,
        and the signals each term anchors."""
        return self._tables

    def hits(self, folded: str) -> list[Hit]:
        """Every whole-word occurrence of any term in already folded text, in text order."""
        if self._automaton is None:
            return []
        out = []
        n = len(folded)
        prefix = self._prefix
        inflects = self._inflects
        for last, (length, ids) in self._automaton.iter(folded):
            start = last - length + 1
            if start > 0 and folded[start - 1].isalnum():
                continue
            after = last + 1
            for term_id in ids:
                if prefix[term_id]:  # the hit ends where the word does: "map*" in "mapping" is all of it
                    end = after
                    while end < n and folded[end].isalnum():
                        end += 1
                    out.append(Hit(start, end, term_id))
                    continue
                end = after
                if not inflects[term_id]:
                    pass
                elif folded.startswith("es", end) and (end + 2 == n or not folded[end + 2].isalnum()):
                    end += 2
                elif folded.startswith("s", end) and (end + 1 == n or not folded[end + 1].isalnum()):
                    end += 1
                if end == n or not folded[end].isalnum():
                    out.append(Hit(start, end, term_id))
        return out

    def match_sentences(self, folded: str, sentences: list[tuple[int, int]]) -> tuple[list[list[SignalMatch]], set[int]]:
        """For each (start, end) sentence span of ``folded``, the signals fully present in it;
        and the indexes of the sentences in which any term occurred at all."""
        per_sentence = self.bucket(self.hits(folded), sentences)
        return [self.match_hits(h) for h in per_sentence], {i for i, h in enumerate(per_sentence) if h}

    @staticmethod
    def bucket(hits: list[Hit], sentences: list[tuple[int, int]]) -> list[list[Hit]]:
        """The hits that fall inside each sentence."""
        out: list[list[Hit]] = [[] for _ in sentences]
        starts = [s for s, _ in sentences]
        for hit in hits:
            i = bisect.bisect_right(starts, hit.start) - 1
            if i >= 0 and hit.end <= sentences[i][1]:
                out[i].append(hit)
        return out

    def match_hits(self, hits: list[Hit]) -> list[SignalMatch]:
        """The signals fully present among ``hits`` (the hits of one sentence or window)."""
        if not hits:
            return []
        present: dict[int, list[tuple[int, int]]] = {}
        for hit in hits:
            present.setdefault(hit.term, []).append((hit.start, hit.end))
        candidates = set()
        for term_id in present:
            candidates.update(self._anchored[term_id])
        out = []
        for s_index in sorted(candidates):
            groups = self._group_sets[s_index]
            for group in groups:
                if group.isdisjoint(present):  # most candidates miss a group: tell at C speed
                    break
            else:
                spans = [sorted(span for t in present.keys() & group for span in present[t]) for group in groups]
                key, signal = self._signals[s_index]
                every = tuple(sorted({span for group in spans for span in group}))
                out.append(SignalMatch(key, signal, _tightest(spans), every))
        return out

def _index(signals: list[Signal]) -> dict:
    """Number the distinct terms and anchor each signal on its rarest group (see ``Matcher``)."""
    terms: list[Term] = []
    term_ids: dict[Term, int] = {}
    groups_of: list[list[list[int]]] = []  # signal -> groups of term ids
    for signal in signals:
        groups = []
        for group in signal.groups:
            for term in group:
                if term not in term_ids:
                    term_ids[term] = len(terms)
                    terms.append(term)
            groups.append([term_ids[term] for term in group])
        groups_of.append(groups)
    uses = [0] * len(terms)
    for groups in groups_of:
        for group in groups:
            for t in group:
                uses[t] += 1
    anchored: list[list[int]] = [[] for _ in terms]
    for s_index, groups in enumerate(groups_of):
        for t in min(groups, key=lambda g: sum(uses[t] for t in g)):
            anchored[t].append(s_index)
    return {"terms": [[t.text, t.prefix] for t in terms], "groups": groups_of, "anchored": anchored,
            "signals": [[signal.source, signal.absent] for signal in signals]}


def _tightest(groups: list[list[tuple[int, int]]]) -> tuple[tuple[int, int], ...]:
    """One occurrence per group, chosen so that together they span the least text: the closest
    co-occurrence is the one a sentence most likely means (and the one polarity is judged on)."""
    if all(len(g) == 1 for g in groups):
        return tuple(g[0] for g in groups)
    combos = itertools.islice(itertools.product(*groups), 256)
    return min(combos, key=lambda c: (max(e for _, e in c) - min(s for s, _ in c), min(s for s, _ in c)))
