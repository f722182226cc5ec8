import pytest

from maturity.engine.signals import Matcher, SignalSyntaxError, compile_signal, fold


def find(signal: str, text: str) -> bool:
    matcher = Matcher([("k", compile_signal(signal))])
    return bool(matcher.match_sentences(fold(text), [(0, len(text))])[0][0])


@pytest.mark.parametrize("signal,text,expected", [
    ("journey map", "We keep Journey Maps for onboarding.", True),            # case, plural
    ("closed loop", "a closed-loop process", True),                            # hyphen = space
    ("personali*", "Offers are personalised per member", True),                # wildcard ending
    ("nps", "snapshot of sales", False),                                       # whole words only
    ("map", "the roadmap", False),
    ("detractor* + call* | phone*", "We phone every detractor", True),         # groups in any order
    ("detractor* + call* | phone*", "We phone every customer", False),         # a group missing
    ("single view", "one single\nview of the customer", True),                 # line breaks fold
])
def test_matching(signal, text, expected):
    assert find(signal, text) is expected


def test_groups_must_share_a_sentence():
    matcher = Matcher([("k", compile_signal("detractor + call"))])
    text = "We survey. A detractor exists. We call suppliers."
    spans = [(0, 10), (11, 30), (31, len(text))]
    assert matcher.match_sentences(fold(text), spans) == ([[], [], []], {1, 2})


def test_fold_keeps_offsets():
    text = "İstanbul team\u2019s closed\u2013loop"
    assert len(fold(text)) == len(text)


@pytest.mark.parametrize("bad", ["", "  ", "a | | b", "ab*", "jou*rney", "+ survey"])
def test_syntax_errors(bad):
    with pytest.raises(SignalSyntaxError):
        compile_signal(bad)


def test_specificity_counts_groups():
    assert compile_signal("a1 + b1 | b2 + c1").specificity == 3


def test_absent_prefix():
    signal = compile_signal("absent: journey map*")
    assert signal.absent and signal.groups == compile_signal("journey map*").groups


def test_groups_bind_to_their_closest_co_occurrence():
    matcher = Matcher([("k", compile_signal("cx + budget"))])
    text = "We never had a CX team; now the CX budget is ring-fenced."
    [[match]], _ = matcher.match_sentences(fold(text), [(0, len(text))])
    assert [text[a:b] for a, b in match.spans] == ["CX", "budget"]
    assert match.spans[0][0] == text.index("CX budget")


def test_function_words_take_no_plural():
    matcher = Matcher([("neg", compile_signal("survey* + not | never + read*")), ("calls", compile_signal("call"))])
    folded = fold("Call notes are attached to the survey record. Calls are read.")
    hits = {matcher.tables()["terms"][h.term][0] for h in matcher.hits(folded)}
    assert "not" not in hits  # "notes" is no "not"
    assert [m.key for m in matcher.match_hits(matcher.hits(folded))] == ["calls"]  # "Calls" is a plural of "call"
