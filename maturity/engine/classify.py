"""Offline classification: passages become observations through the rubric's signals.

An observation is one reading of one sentence: which criterion (and so which dimension and stage)
it speaks to, whether it supports or refutes it, its polarity (``current``, ``aspiration`` for a
plan, ``negated`` for an absence), a confidence, the method (the signal that matched) and a quote
that is the sentence itself, verbatim from the passage.

A plan never supports a criterion; an absence refutes the criterion it denies; a question asserts
nothing. When a sentence matches signals of several dimensions, only the dimensions with the most
specific match (most ``+`` groups) keep theirs, so "all staff bonuses are tied to NPS" counts for
culture, not for surveys. A signal completed only across two adjacent sentences counts at a lower
confidence; a sentence that completes no signal may get a lexical reading below the threshold.
"""

from __future__ import annotations

import gc
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from maturity.datafile import load_cached
from maturity.engine import exemplars as exemplars_
from maturity.engine import language, lexical
from maturity.engine.evidence import Passage
from maturity.engine.signals import Matcher, SignalMatch, compile_signal, fold
from maturity.rubric import Rubric

_BASE_CONFIDENCE = {1: 0.6, 2: 0.75}
_SPECIFIC_CONFIDENCE = 0.85
_HEDGE_PENALTY = 0.2
_POLARITY_RANK = {"current": 2, "negated": 1, "aspiration": 0}
_WINDOW_PENALTY = 0.1  # a signal whose groups are spread over two sentences is less certain


@dataclass(frozen=True, slots=True)  # slots: a large bundle holds hundreds of thousands of these
class Observation:
    id: str
    passage: str
    document: str
    dimension: str
    stage: int
    criterion: str
    stance: str  # supports | refutes | none (a plan)
    polarity: str  # current | aspiration | negated
    confidence: float
    method: str
    signal: str
    cue: str
    quote: str
    line: int
    specificity: int

    def to_json(self) -> dict:  # every field but specificity; spelt out, as asdict() costs 15x more
        return {"id": self.id, "passage": self.passage, "document": self.document, "dimension": self.dimension,
                "stage": self.stage, "criterion": self.criterion, "stance": self.stance, "polarity": self.polarity,
                "confidence": self.confidence, "method": self.method, "signal": self.signal, "cue": self.cue,
                "quote": self.quote, "line": self.line}


@dataclass(frozen=True)
class _Key:
    criterion: str
    dimension: str
    stage: int
    counter: bool
    index: int
    limits: bool = False


class SignalClassifier:
    """Reads passages with one rubric's signals and counter-signals."""

    method = "signals"

    def __init__(self, rubric: Rubric, exemplars: Sequence[exemplars_.Exemplar] = (), tables: dict | None = None):
        """``tables``: what ``tables()`` returned for the same rubric and exemplars (``for_framework``
        reads them from a cache); without them the indexes are built from the rubric."""
        self.rubric = rubric
        self.exemplars = exemplars
        keys, sources = [], []
        for dim in rubric.dimensions:
            for level, crit in dim.criteria():
                for i, text in enumerate(crit.signals):
                    keys.append(_Key(crit.id, dim.id, level, False, i, crit.limits))
                    sources.append(text)
                for i, text in enumerate(crit.counter_signals):
                    keys.append(_Key(crit.id, dim.id, level, True, i))
                    sources.append(text)
        if tables is None:
            self._matcher = Matcher(list(zip(keys, map(compile_signal, sources))))
            self._lexical = lexical.LexicalIndex(rubric)
        else:
            self._matcher = Matcher(list(zip(keys, Matcher.signals_from(tables["matcher"]))), tables["matcher"])
            self._lexical = lexical.LexicalIndex(rubric, tables["lexical"])
        self._limitations = {crit.id for dim in rubric.dimensions for _, crit in dim.criteria() if crit.limits}
        self._likeness_tables = tables["exemplars"] if tables else None
        self._likeness: exemplars_.ExemplarIndex | None = None  # built on first use

    def tables(self) -> dict:
        """The classifier's indexes as JSON-ready values, for a cache."""
        return {"matcher": self._matcher.tables(), "lexical": self._lexical.tables(),
                "exemplars": self._likeness_index().tables()}

    def _likeness_index(self) -> exemplars_.ExemplarIndex:
        if self._likeness is None:
            self._likeness = exemplars_.ExemplarIndex(self.exemplars, self._likeness_tables)
        return self._likeness

    def classify(self, passage: Passage) -> list[Observation]:
        text = passage.text
        folded = fold(text)
        if language.boilerplate(folded):  # a price list, an agenda, a metric's definition
            return []
        spans = language.sentences(text)
        out: list[Observation] = []
        per_sentence = self._matcher.bucket(self._matcher.hits(folded), spans)
        matched = [self._matcher.match_hits(h) for h in per_sentence]
        # the lexical fallback needs at least two informative words: skip sentences with fewer terms
        touched = {i for i, h in enumerate(per_sentence) if len({hit.term for hit in h}) >= 2}
        windows = self._windows(per_sentence, matched)
        for i, ((s_start, s_end), matches) in enumerate(zip(spans, matched)):
            if not matches and i in windows:  # a signal completed only across this and the previous sentence
                w_start, matches = spans[i - 1][0], windows[i]
                window = folded[w_start:s_end]
                for match in _most_specific(matches):
                    obs = self._observe(passage, text, w_start, s_end, window, match, len(out), _WINDOW_PENALTY)
                    if obs is not None:
                        out.append(obs)
                continue
            sentence = folded[s_start:s_end]
            if sentence.rstrip("\"') ").endswith("?"):
                continue  # a question asserts nothing
            if matches:
                for match in _most_specific(matches):
                    obs = self._observe(passage, text, s_start, s_end, sentence, match, len(out))
                    if obs is not None:
                        out.append(obs)
            elif i in touched:  # rubric vocabulary, but no complete signal: the lexical fallback
                obs = self._observe_lexically(passage, text, s_start, s_end, sentence, len(out))
                if obs is not None:
                    out.append(obs)
        if not out and self.exemplars:  # nothing read: the passage may still be like a labelled one
            obs = self._observe_by_likeness(passage, text, folded, spans)
            if obs is not None:
                out.append(obs)
        elif self.exemplars and all(o.method.startswith("terms:") for o in out) \
                and self._likeness_index().off_topic(folded):
            out = []  # shared words alone, in a passage most like ones that evidence nothing
        frame = language.plan_frame(folded, len(spans), text.find("\n")) if out else ""
        if out and not frame and passage.section:  # a list item under "Ideas for 2027 (not approved)"
            section = language.section_frame(fold(passage.section))
            frame = f"section: {section}" if section else ""
        if frame:  # a draft, a proposal, a ticket not yet done: what it describes does not exist yet,
            # though the problem it sets out to fix does (a stage-1 condition, a stage's limitation),
            # unless the plan is a role yet to be filled: a first Head of CX has no limits yet
            keep_limits = not language.new_role(frame)
            out = [replace(o, polarity="aspiration", stance="none", cue=frame)
                   if o.polarity == "current" and o.stance == "supports" and o.stage > 1
                   and not (keep_limits and o.criterion in self._limitations) else o for o in out]
        return out

    def _observe_by_likeness(self, passage, text, folded, spans) -> Observation | None:
        like = self._likeness_index().nearest(folded)
        if like is None:
            return None
        criterion = self._lexical.best_in_cell(folded, like.dimension, like.stage) or next(
            c.id for c in self.rubric.dimension(like.dimension).stages[like.stage].criteria)
        # the quote: the sentence sharing most of the words the passage shares with its nearest exemplar
        shared = set(like.shared)
        s_start, s_end = max(spans, key=lambda sp: (len(lexical.stems(folded[sp[0]:sp[1]]) & shared), -sp[0]))
        polarity, cue = like.polarity, ""
        if polarity == "current":  # a plan stays a plan, whatever it resembles
            cue = language.plan_cue(folded)
            polarity = "aspiration" if cue else polarity
        elif polarity == "aspiration" and not language.plan_cue(folded):  # like a plan, but states none
            cue = language.negation_cue(folded)
            polarity = "negated" if cue else polarity
        stance = {"current": "supports", "negated": "refutes", "aspiration": "none"}[polarity]
        return Observation(
            id=f"{passage.id}/1", passage=passage.id, document=passage.document, dimension=like.dimension,
            stage=like.stage, criterion=criterion, stance=stance, polarity=polarity,
            confidence=exemplars_.CONFIDENCE, method="exemplars:" + ",".join(i for i, _ in like.exemplars),
            signal="like labelled passages " + ", ".join(f"{i} ({s})" for i, s in like.exemplars)
            + "; shared terms: " + ", ".join(like.shared),
            cue=cue, quote=text[s_start:s_end], line=passage.line_start + text.count("\n", 0, s_start), specificity=0,
        )

    def _observe_lexically(self, passage, text, s_start, s_end, sentence, n) -> Observation | None:
        found = self._lexical.best(sentence)
        if found is None:
            return None
        index, shared, _score = found
        criterion, dimension, stage = self._lexical.criteria[index]
        spans = tuple((m.start(), m.end()) for m in lexical._WORD.finditer(sentence) if lexical.stem(m.group()) in shared)
        polarity, cue = language.polarity(sentence, spans, raw=text[s_start:s_end])
        stance = {"current": "supports", "negated": "refutes", "aspiration": "none"}[polarity]
        return Observation(
            id=f"{passage.id}/{n + 1}", passage=passage.id, document=passage.document, dimension=dimension,
            stage=stage, criterion=criterion, stance=stance, polarity=polarity, confidence=lexical.CONFIDENCE,
            method=f"terms:{criterion}", signal="shared terms: " + ", ".join(shared), cue=cue,
            quote=text[s_start:s_end], line=passage.line_start + text.count("\n", 0, s_start), specificity=0,
        )

    def _windows(self, per_sentence, matched) -> dict[int, list[SignalMatch]]:
        """Matches of two-sentence windows ending at sentence i that no single sentence has."""
        out = {}
        for i in range(1, len(per_sentence)):
            if not matched[i] and not matched[i - 1] and per_sentence[i] and per_sentence[i - 1]:
                found = self._matcher.match_hits(per_sentence[i - 1] + per_sentence[i])
                if found:
                    out[i] = found
        return out

    def _observe(self, passage, text, s_start, s_end, sentence, match: SignalMatch, n,
                 penalty: float = 0.0) -> Observation | None:
        key: _Key = match.key
        local = tuple((a - s_start, b - s_start) for a, b in match.spans)
        every = tuple((a - s_start, b - s_start) for a, b in match.all_spans)
        polarity, cue = language.polarity(sentence, local, every, raw=text[s_start:s_end], limitation=key.limits)
        if key.counter:
            if polarity != "current":
                return None  # "it is not true that nobody reads the surveys" refutes nothing
            stance = "refutes"
        elif match.signal.absent:  # the criterion is an absence: denying the thing evidences it
            stance = {"current": "refutes", "negated": "supports", "aspiration": "none"}[polarity]
        else:
            stance = {"current": "supports", "negated": "refutes", "aspiration": "none"}[polarity]
        confidence = _BASE_CONFIDENCE.get(match.signal.specificity, _SPECIFIC_CONFIDENCE) - penalty
        hedge = language.hedged(sentence)
        if hedge and stance == "supports":
            confidence -= _HEDGE_PENALTY
            cue = cue or hedge
        kind = "counter-signal" if key.counter else "signal"
        return Observation(
            id=f"{passage.id}/{n + 1}",
            passage=passage.id,
            document=passage.document,
            dimension=key.dimension,
            stage=key.stage,
            criterion=key.criterion,
            stance=stance,
            polarity=polarity,
            confidence=round(confidence, 2),
            method=f"{kind}:{key.criterion}#{key.index}",
            signal=match.signal.source,
            cue=cue,
            quote=text[s_start:s_end],
            line=passage.line_start + text.count("\n", 0, s_start),
            specificity=match.signal.specificity,
        )


@dataclass(frozen=True)
class ClassifierTables:
    """A classifier's indexes (see ``SignalClassifier.tables``), as the cache stores them."""

    matcher: dict
    lexical: dict
    exemplars: dict


def for_framework(framework) -> SignalClassifier:
    """The classifier of a registered framework, its indexes read from the cache when the same
    rubric and exemplar files were indexed before by the same code (30-35 ms instead of 75-80)."""
    if framework.exemplars and not framework.exemplars_sha256:  # exemplars given in code: no file to key on
        return SignalClassifier(framework.rubric, framework.exemplars)
    key = f"{framework.loaded.sha256} {framework.exemplars_sha256}".encode()
    code = tuple(Path(__file__).parent / f for f in ("classify.py", "signals.py", "lexical.py", "exemplars.py"))
    collecting = gc.isenabled()
    gc.disable()  # a hundred thousand small lists and no reference cycles: the collector's scans would cost ~15 ms
    try:
        tables = load_cached(key, ClassifierTables, lambda _: ClassifierTables(
            **SignalClassifier(framework.rubric, framework.exemplars).tables()), code)
        return SignalClassifier(framework.rubric, framework.exemplars,
                                {"matcher": tables.matcher, "lexical": tables.lexical, "exemplars": tables.exemplars})
    finally:
        if collecting:
            gc.enable()


def _most_specific(matches: list[SignalMatch]) -> list[SignalMatch]:
    """Arbitrate between dimensions: only dimensions whose best match is the most specific in the
    sentence keep their matches ("all staff bonuses are tied to NPS" is culture, not surveys).
    Within a kept dimension, every criterion keeps its most specific match."""
    best = max(m.signal.specificity for m in matches)
    leaders = {m.key.dimension for m in matches if m.signal.specificity == best}
    kept: dict[tuple[str, bool], SignalMatch] = {}
    for m in sorted(matches, key=lambda m: -m.signal.specificity):
        if m.key.dimension in leaders:
            kept.setdefault((m.key.criterion, m.key.counter), m)
    return list(kept.values())


def best_observation(observations: list[Observation]) -> Observation | None:
    """The single reading that best characterises a passage (used by ``maturity classify``): the
    most specific reading of the dimension the passage says most about (the highest sum of
    confidences; a paragraph on a CX director's missing budget that mentions her forum once is
    about strategy)."""
    if not observations:
        return None
    weight: dict[str, float] = {}
    for o in observations:
        weight[o.dimension] = weight.get(o.dimension, 0.0) + o.confidence
    top = max(weight.values())
    return max(
        (o for o in observations if weight[o.dimension] >= top - 1e-9),
        key=lambda o: (o.specificity, _POLARITY_RANK[o.polarity], o.confidence, o.stage if o.stance == "supports" else -o.stage),
    )


def classify_text(classifier: SignalClassifier, passage_id: str, text: str) -> dict:
    """One line of ``maturity classify`` output for a free-standing passage."""
    passage = Passage(str(passage_id), "input", text, 1, text.count("\n") + 1)
    best = best_observation(classifier.classify(passage))
    if best is None:
        return {"id": passage_id, "dimension": None, "stage": None, "polarity": None, "criterion": None,
                "confidence": None, "stance": None}
    return {"id": passage_id, "dimension": best.dimension, "stage": best.stage, "polarity": best.polarity,
            "criterion": best.criterion, "confidence": best.confidence, "stance": best.stance}
