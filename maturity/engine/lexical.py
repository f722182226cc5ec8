"""The lexical fallback: a sentence that touches a rubric's vocabulary but completes no signal is
read by its overlap with each criterion's own words.

Each criterion's vocabulary is the stems of its statement, its cell's descriptor and its signal
terms. A sentence's stems are scored against every criterion, each shared stem weighted by how
rare it is across criteria (inverse document frequency), so "customer" counts for little and
"blueprint" for a lot. Numbers, stop words and everyday verbs carry no meaning here. The best
criterion is kept only when at least two informative stems are shared, at least one of them comes
from the criterion's own statement or descriptor (not only from incidental words of its signals),
and its score clearly beats the best criterion of any other dimension. The observation records
which stems it rested on, and a lower confidence than a signal match.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from functools import lru_cache

try:  # PyStemmer: the same Snowball algorithms in C
    from Stemmer import Stemmer as _Stemmer

    _STEMMER = _Stemmer("english")
except ImportError:  # the pure-Python Snowball; import only the English module, not all 36 languages
    from snowballstemmer.english_stemmer import EnglishStemmer as _Stemmer

    _STEMMER = _Stemmer()

from maturity.engine.signals import compile_signal, fold
from maturity.rubric import Rubric

_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset("""
a about above after again all also am an and any are as at be been before being below between both but by can
could did do does doing down during each few for from further had has have having he her here hers him his how i
if in into is it its itself just me more most my no nor not now of off on once only or other our ours out over own
same she should so some such than that the their them then there these they this those through to too under until
up very was we were what when where which while who whom why will with would you your yours across within per via
exist exists existing etc e g ie eg one two three every new well way ways make makes made use used using
without never none nobody nothing lack lacks end start day days week weeks month months year years time times
ve ll re don doesn didn isn aren wasn weren won wouldn couldn shouldn hasn haven hadn can't
get gets got getting go goes going went gone take takes took taken find finds found send sends sent put puts
keep keeps kept let lets say says said tell told know knows think thinks want wants like really still even
someone something somebody anyone anything everyone everything thing things lot lots bit because since
monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow
hi hello dear thank thanks regards sorry please delighted pleased
""".split())
# British and American spellings fold together before stemming ("organisation", "colour").
_ISE = re.compile(r"is(e|ed|es|ing)$")

MIN_SHARED = 2  # informative stems: ones found in at most a quarter of the criteria
INFORMATIVE_IDF = math.log(4)
MIN_MARGIN = 1.25  # best score must beat the best other dimension by this factor
# Below the default rubric threshold (0.5): a lexical reading is recorded, shown by `classify` and
# `explain`, but does not rate a criterion on its own unless a rubric lowers its threshold.
CONFIDENCE = 0.45


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    if "is" in word:  # cheap tests first: a regular expression per word costs ten times the stemming
        word = _ISE.sub(r"iz\1", word.replace("isation", "ization"))
    if word.endswith("our"):
        word = word[:-3] + "or"
    return _STEMMER.stemWord(word)


def stems(folded_text: str) -> set[str]:
    """Stems of the words that can carry meaning: no stop words, no numbers."""
    return {stem(w) for w in _WORD.findall(folded_text) if w not in _STOP and len(w) > 1 and not w.isdigit()}


class LexicalIndex:
    def __init__(self, rubric: Rubric, tables: dict | None = None):
        """``tables``: what ``tables()`` returned for the same rubric, read back from a cache."""
        self._tables = tables if tables is not None else _index(rubric)
        self.criteria: list[tuple[str, str, int]] = [tuple(c) for c in self._tables["criteria"]]  # (id, dimension, stage)
        self.gist = [set(g) for g in self._tables["gist"]]  # stems of the criterion's statement and cell descriptor
        self.idf: dict[str, float] = self._tables["idf"]
        self.index: dict[str, list[int]] = self._tables["index"]  # stem -> criteria whose words have it
        self.threshold: float = self._tables["threshold"]

    def tables(self) -> dict:
        """The index as JSON-ready values."""
        return self._tables

    def best(self, folded_sentence: str) -> tuple[int, list[str], float] | None:
        """(criterion index, shared stems, score) of the best-fitting criterion, or None."""
        scores: dict[int, float] = defaultdict(float)
        shared: dict[int, list[str]] = defaultdict(list)
        for s in sorted(stems(folded_sentence)):  # a fixed order: the same float sums on every run
            for i in self.index.get(s, ()):
                scores[i] += self.idf[s]
                shared[i].append(s)
        if not scores:
            return None
        ranked = sorted(scores, key=lambda i: (-scores[i], i))
        top = ranked[0]
        informative = [s for s in shared[top] if self.idf[s] >= INFORMATIVE_IDF]
        if len(informative) < MIN_SHARED or scores[top] < self.threshold:
            return None
        if not self.gist[top].intersection(shared[top]):
            return None  # only incidental words of its signals: "available by Friday" is no evidence
        dim = self.criteria[top][1]
        rival = next((scores[i] for i in ranked[1:] if self.criteria[i][1] != dim), 0.0)
        if scores[top] < MIN_MARGIN * rival:
            return None
        return top, sorted(shared[top]), round(scores[top], 2)

    def best_in_cell(self, folded_text: str, dimension: str, stage: int) -> str | None:
        """The criterion of one cell that shares the most informative words with the text."""
        found = sorted(stems(folded_text))
        scores = {i: sum(self.idf[s] for s in found if i in self.index.get(s, ()))
                  for i, (_, dim, level) in enumerate(self.criteria) if dim == dimension and level == stage}
        best = max(scores, key=lambda i: (scores[i], -i), default=None)
        return self.criteria[best][0] if best is not None and scores[best] > 0 else None


def _index(rubric: Rubric) -> dict:
    """Each criterion's vocabulary (see the module docstring), weighted and indexed by stem."""
    criteria, bags, gist = [], [], []
    for dim in rubric.dimensions:
        for level, crit in dim.criteria():
            if crit.limits:  # a limitation's words name what is wrong; overlap cannot tell which way
                continue
            words = [crit.statement, dim.stages[level].descriptor]
            gist.append(sorted(stems(fold(" ".join(words)))))
            for text in crit.signals:
                signal = compile_signal(text)
                if not signal.absent:  # an absence criterion's terms name what is missing
                    words += [term.text for group in signal.groups for term in group]
            criteria.append([crit.id, dim.id, level])
            bags.append(stems(fold(" ".join(words))))
    df: dict[str, int] = defaultdict(int)
    for bag in bags:
        for s in bag:
            df[s] += 1
    idf = {s: math.log(len(bags) / d) for s, d in sorted(df.items())}
    index: dict[str, list[int]] = {}
    for i, bag in enumerate(bags):
        for s in sorted(bag):
            if idf[s] > 0:
                index.setdefault(s, []).append(i)
    threshold = 2 * (sorted(idf.values())[len(idf) // 2] if idf else 1.0)
    return {"criteria": criteria, "gist": gist, "idf": idf, "index": index, "threshold": threshold}
