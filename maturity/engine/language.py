"""How a sentence is read: where sentences and clauses end, and whether a sentence states what
exists now, a plan, or an absence.

These are deliberately small, explainable heuristics: every observation records the cue that set
its polarity, so an auditor can see why "we will launch journey maps next year" did not count as
having journey maps.
"""

from __future__ import annotations

import re
from functools import lru_cache

from maturity.engine import cues

# -- sentences ---------------------------------------------------------------------------------

_ABBREVIATIONS = {"e.g", "i.e", "etc", "vs", "mr", "mrs", "ms", "dr", "inc", "ltd", "approx", "fig", "cf", "st", "co", "jr", "sr",
                  "ref", "incl", "excl", "est", "dept", "nb"}
_BOUNDARY = re.compile(r"[.!?]+[\"')\]]*\s+(?=[\"'(\[]?[A-Za-z0-9])|[.!?]+[\"')\]]*[ \t]*\n|\n\s*\n|\n(?=\s*(?:[-*\u2022]|\d+[.)]|#{1,6}\s|\[[\w :/.-]{1,25}\]|[A-Z][\w .'-]{0,40}:\s))")
_MAX_SENTENCE = 600


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans (start, end) of the sentences of ``text``; bullets and speaker turns start new ones."""
    spans = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        cut = m.start() + len(m.group(0).rstrip()) if m.group(0)[0] in ".!?" else m.start()
        if m.group(0)[0] == ".":
            word = text[max(0, m.start() - 8) : m.start()].split()[-1:] or [""]
            word = word[0].lower().lstrip("(\"'")
            if word in _ABBREVIATIONS or (word == "no" and text[m.end(): m.end() + 1].isdigit()):
                continue
            if len(word) == 1 and text[m.start() - 1].isupper():  # an initial: "Exec owner: D. Achterberg"
                continue
        _add(spans, text, start, cut)
        start = m.end()
    _add(spans, text, start, len(text))
    return spans


def _add(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    # Very long "sentences" (tables, run-on exports) are cut so one match cannot span a page.
    while end - start > _MAX_SENTENCE:
        cut = text.rfind(" ", start, start + _MAX_SENTENCE)
        cut = cut if cut > start else start + _MAX_SENTENCE
        spans.append((start, cut))
        start = cut + 1
    if end > start:
        spans.append((start, end))


# -- clauses -----------------------------------------------------------------------------------

_CLAUSE_BREAK = re.compile(
    # "yet" breaks a clause only after a comma: "has yet to" and "not yet" are one clause; a table's
    # cells ("owner: the CCO | KR1: ...") are clauses of their own
    r";|:\s|\s\|\s|\s[\u2013\u2014-]\s|,?\s+(?:but|however|although|though|whereas|while|except that|apart from)\s|,\s+(?:so|yet)\s", re.I
)


def clause_of(folded_sentence: str, start: int, end: int) -> tuple[int, int]:
    """The clause of the sentence that contains the span [start, end)."""
    lo, hi = 0, len(folded_sentence)
    for m in _CLAUSE_BREAK.finditer(folded_sentence):
        if m.end() <= start:
            lo = m.end()
        elif m.start() >= end:
            hi = m.start()
            break
    return lo, hi


# -- polarity (the cues themselves are in cues.py) --------------------------------------------

_NEGATION_REACH = 8  # words between a negation and the matched terms it denies
_NEGATION_AFTER_REACH = 4


def _outside(cue_spans: list[tuple[int, int]], protected: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [c for c in cue_spans if not any(c[0] < p_end and p_start < c[1] for p_start, p_end in protected)]


def find(pattern: re.Pattern[str], text: str, lo: int = 0, hi: int | None = None) -> list[tuple[int, int]]:
    hi = len(text) if hi is None else hi
    return [(m.start(), m.end()) for m in pattern.finditer(text, lo, hi)]


def polarity(folded_sentence: str, spans: tuple[tuple[int, int], ...],
             protected: tuple[tuple[int, int], ...] = (), raw: str | None = None,
             limitation: bool = False) -> tuple[str, str]:
    """Return (polarity, cue) for a sentence in which a signal matched at ``spans``.

    ``aspiration`` when the sentence states a plan or intention; ``negated`` when the clause of
    the match denies it (a negation word inside the matched terms themselves does not count:
    "no single customer view" is a stage-1 signal, not the denial of one); else ``current``.
    A ``limitation`` (a signal of a criterion that describes what a stage lacks) is denied only
    by a negation before all of its terms ("we've never had a Head of CX"): one among them is the
    limitation itself ("a Head of CX who can't get a ticket prioritised").
    """
    start = min(s for s, _ in spans)
    end = max(e for _, e in spans)
    protected = list(spans) + list(protected)
    asked = cues.ASKED.match(folded_sentence)
    if asked and end <= asked.end():  # the question evidences nothing; a denial in the answer denies it
        denial = _outside(find(cues.NEGATION, folded_sentence, asked.end()), protected)
        if denial:
            return "negated", folded_sentence[denial[0][0]:denial[0][1]]
        return "aspiration", asked.group().split(",")[0].strip(" \"'")
    # clause breaks are found in the original text: folding turns dashes into spaces
    lo, hi = clause_of(raw if raw is not None else folded_sentence, start, end)
    # A plan cue counts in the clause of the match ("no CX budget; anything she wants to do is
    # funded case by case" is not a plan), or anywhere when it labels the sentence ("Action:",
    # "H2:"). It is ignored when it lies within a matched term ("future state map", "target state").
    label = _label_end(folded_sentence)
    # A wish in the clause of the match or in the sentence's label states an absence.
    for s, e in find(cues.WISH, folded_sentence):
        if lo <= s < hi or e <= label:
            return "negated", folded_sentence[s:e]
    # A label answered by a denial ("ML recommendations: nothing in place") is no plan label.
    label_denied = label > 0 and cues.LABEL_DENIAL.match(folded_sentence, label - 1) is not None
    continuing = find(cues.CONTINUATION, folded_sentence, lo, hi) or find(cues.DONE, folded_sentence)
    in_force = bool(find(cues.IN_FORCE, folded_sentence))
    aspiration = [c for c in _plan_cues(folded_sentence)
                  if not (label_denied and c[1] <= label)
                  and (lo <= c[0] < hi
                       # a table row's title governs the row ("IT Roadmap 2025-26 | Integrate ..."), a cell's
                       # label only its cell ("KR1: ... | Exec owner: CCO")
                       or (c[1] <= label and _row_title(folded_sentence))
                       or ((c[1] <= label or folded_sentence[c[1] - 1] == ":")
                           and "|" not in folded_sentence[min(c[1], start):max(c[0], end)])
                       # a question's wish frames its answer: "If you had budget, what would it be? | Answer: ..."
                       or "?" in folded_sentence[c[1]:start])
                  and not cues.REJECTED.search(folded_sentence, max(0, c[0] - 25), c[0])
                  and not any(p[0] <= c[0] and c[1] <= p[1] for p in protected)
                  and not (continuing and lo <= c[0] < hi)
                  and not (cues.MODAL.fullmatch(folded_sentence, *c) and cues.SUBORDINATE.search(folded_sentence, lo, c[0]))
                  and not (in_force and cues.REQUIREMENT.match(folded_sentence, c[0]))]
    if not aspiration and not continuing:
        wills = [w for w in _outside(find(cues.WILL, folded_sentence, lo, hi), protected)
                 if not (in_force and cues.REQUIREMENT.match(folded_sentence, w[0]))]
        if wills:
            # "Every detractor will be called within 48 hours" describes a current process;
            # "we will launch journey maps" is a plan: a will-sentence is a plan only with a change verb.
            changes = find(cues.CHANGE_VERB, folded_sentence, wills[0][1])
            if changes:
                aspiration = [wills[0]]
    if not aspiration:
        m = cues.IMPERATIVE_PLAN.match(folded_sentence)
        if m and not any(p[0] <= m.end() - 1 < p[1] for p in protected):
            aspiration = [(m.end() - len(m.group().split()[-1]), m.end())]
    if not aspiration:
        m = cues.TICKET_TASK.match(folded_sentence)
        if m:
            aspiration = [(m.start(), m.end())]
    if aspiration:
        s, e = aspiration[0]
        return "aspiration", folded_sentence[s:e]
    elliptical = cues.ELLIPTICAL_DENIAL.search(folded_sentence, end)
    if elliptical:
        return "negated", elliptical.group().strip(";, .")
    if any(find(cues.NEGATION, folded_sentence, a, b) for a, b in spans):
        return "current", ""  # the signal is itself an absence ("never trained"): another negation repeats it
    blocked = protected + find(cues.NOT_NEGATION, folded_sentence, lo, hi)
    # A negation denies matched terms that follow it closely ("we don't have a CRM", "aren't
    # integrated"), or, for a few cues, terms just before it ("detractors are never contacted").
    for s, e in _outside(find(cues.NEGATION, folded_sentence, lo, start if limitation else hi), blocked):
        # a contrast set off by commas denies only what it encloses: "service, rather than price, is the moat"
        reach = folded_sentence.find(",", e) if folded_sentence.endswith(", ", 0, s) else -1
        if any(e <= a and _words(folded_sentence, e, a) <= _NEGATION_REACH and (reach < 0 or a < reach)
               for a, _ in spans):
            return "negated", folded_sentence[s:e]
    if limitation:
        return "current", ""
    denial = cues.LABEL_DENIAL.match(folded_sentence, hi) if folded_sentence.startswith(":", hi) else None
    if denial and not cues.NOT_NEGATION.match(folded_sentence, denial.start(1)):
        return "negated", denial[1]
    for s, e in _outside(find(cues.CLAUSE_NEGATION, folded_sentence, end, hi), blocked):
        return "negated", folded_sentence[s:e]
    for s, e in _outside(find(cues.SCOPE_NEGATION, folded_sentence, lo, start), blocked):
        return "negated", folded_sentence[s:e]
    for s, e in _outside(find(cues.NEGATION_AFTER, folded_sentence, lo, hi), blocked):
        if folded_sentence[max(0, s - 2):s] == ", ":
            continue  # "X, not Y": the contrast denies what follows, not X
        if any(b <= s and _words(folded_sentence, b, s) <= _NEGATION_AFTER_REACH for _, b in spans):
            return "negated", folded_sentence[s:e]
    return "current", ""


def negation_cue(folded_text: str) -> str:
    """The first negation anywhere in a text, or "" (for readings that have no matched terms)."""
    found = _outside(find(cues.NEGATION, folded_text), find(cues.NOT_NEGATION, folded_text))
    return folded_text[found[0][0]:found[0][1]] if found else ""


def plan_cue(folded_sentence: str) -> str:
    """The first plan cue anywhere in a sentence, or "" (for readings that have no matched terms)."""
    found = _plan_cues(folded_sentence)
    return folded_sentence[found[0][0]:found[0][1]] if found else ""


_OPENING_WORDS = 4  # a plan cue among a sentence's first words frames all of it: "By 2028 we intend to ..."


def _label_end(folded_sentence: str) -> int:
    """End of the part of a sentence whose plan cue governs all of it, or 0: a short label
    ("Next phase (pending funding): ...", "Phase 2 — ...") or the sentence's first few words."""
    if _row_title(folded_sentence):
        return folded_sentence.find(" | ")
    colon = folded_sentence.find(": ")
    if 0 < colon <= 80:
        return colon + 1
    dash = folded_sentence.find("  ")  # a dash between spaces, folded to spaces
    if 0 < dash <= 30:
        return dash
    words = folded_sentence.split(maxsplit=_OPENING_WORDS)
    return len(folded_sentence) - len(words[-1]) if len(words) > _OPENING_WORDS else 0


def _row_title(folded_sentence: str) -> bool:
    """Whether a table row opens with a title cell ("IT Roadmap 2025-26 | ..."), not a field ("Owner: X | ...")."""
    cell = folded_sentence.find(" | ")
    return 0 < cell <= 60 and ":" not in folded_sentence[:cell]


@lru_cache(maxsize=4096)
def _plan_cues(folded_sentence: str) -> tuple[tuple[int, int], ...]:
    """Plan cues of a sentence; cached, as one sentence is read once per matching signal."""
    return tuple(find(cues.ASPIRATION, folded_sentence))


def _words(text: str, a: int, b: int) -> int:
    return len(text[a:b].split())


def hedged(folded_sentence: str) -> str:
    found = find(cues.HEDGE, folded_sentence)
    return folded_sentence[found[0][0] : found[0][1]] if found else ""


def new_role(frame: str) -> bool:
    """Whether a plan frame is a role still to be filled ("(new role)", "is our first Head of")."""
    return cues.NEW_ROLE.search(frame) is not None


def section_frame(folded_section: str) -> str:
    """The heading of plans a passage sits under ("Ideas for 2027 (not approved)"), or ""."""
    m = cues.PLAN_SECTION.search(folded_section)
    return folded_section[m.start():m.end()] if m else ""


def boilerplate(folded_passage: str) -> str:
    """The cue that marks a passage as no evidence of practice (``cues.BOILERPLATE``), or ""."""
    m = cues.BOILERPLATE.search(folded_passage)
    return m.group(0) if m else ""


FRAMED_SENTENCES = 6  # a status anywhere frames a passage this short; a longer one only by its opening


def plan_frame(folded_passage: str, sentences: int = 1, first_line: int = -1) -> str:
    """The cue that frames a whole passage of so many ``sentences`` as a plan, or "": its opening
    (``cues.PLAN_OPENING``) or, in a passage of at most ``FRAMED_SENTENCES``, a status anywhere
    (``cues.PLAN_STATUS``). A long paragraph that mentions "subject to board approval" once also
    states things that exist. ``first_line`` is where the passage's first line ends (-1: one line)."""
    m = cues.PLAN_OPENING.search(folded_passage)
    if m is None and 0 < first_line <= 100:
        m = cues.WANTED_HEADING.match(folded_passage, 0, first_line)
    heading = folded_passage.find(". ")
    if m is None and 0 < heading <= 60 and len(folded_passage[:heading].split()) <= 4:  # "People priorities 2025."
        m = cues.WANTED_HEADING.match(folded_passage, 0, heading)
    if m is None and sentences <= FRAMED_SENTENCES:
        m = cues.PLAN_STATUS.search(folded_passage)
    return m.group(0).strip(" :") if m else ""
