"""The lexical fallback: sentences that complete no signal, read by overlap with a criterion's words."""

from maturity.engine.classify import SignalClassifier
from maturity.engine.evidence import Passage
from maturity.rubric import validate_rubric


def _criterion(cid, statement, signals):
    return {"id": cid, "statement": statement, "signals": signals}


RUBRIC = validate_rubric({
    "id": "lex", "name": "Lexical", "version": "1", "source": {"title": "t", "reference": "t"},
    "rating": "best_fit", "stages": [{"level": 1, "name": "One"}, {"level": 2, "name": "Two"}],
    "aggregation": {"method": "lowest"},
    "dimensions": [
        {"id": "journey", "name": "Journey", "stages": {
            1: {"descriptor": "Processes are designed around internal efficiency.",
                "criteria": [_criterion("journey.1.internal", "Processes follow the org chart, not the customer.",
                                        ["process* + internal* + efficien*", "sign up by friday + form*"])]},
            2: {"descriptor": "Customer journeys are mapped with service blueprints.",
                "criteria": [_criterion("journey.2.maps", "Journey maps and service blueprints exist.",
                                        ["journey map*", "service blueprint*", "blueprint* + customer* + approved"])]},
        }},
        {"id": "data", "name": "Data", "stages": {
            1: {"descriptor": "Customer records sit in spreadsheets.",
                "criteria": [_criterion("data.1.sheets", "Records live in spreadsheets.", ["spreadsheet*"])]},
            2: {"descriptor": "A CRM holds one customer record shared across teams.",
                "criteria": [_criterion("data.2.crm", "A CRM is in place.", ["crm + in place"])]},
        }},
    ],
})


def read(text):
    return SignalClassifier(RUBRIC).classify(Passage("d:1", "d", text, 1, 1))


def test_a_sentence_sharing_a_criterions_own_words_gets_a_low_confidence_reading():
    # "blueprint" and "customer" are signal terms, but no signal is complete
    [o] = read("Every onboarding step has a blueprint and a map of the customer journey.")
    assert (o.criterion, o.stance, o.polarity) == ("journey.2.maps", "supports", "current")
    assert o.method == "terms:journey.2.maps" and o.confidence < RUBRIC.min_confidence
    assert "blueprint" in o.signal and o.quote.startswith("Every onboarding step")


def test_incidental_words_of_signals_alone_are_no_evidence():
    # "friday" and "form" occur only in a signal, never in the criterion's statement or descriptor
    assert read("Barbecue on Friday: please return the form to reception.") == []


def test_numbers_and_everyday_verbs_are_not_shared_vocabulary():
    assert read("We've got 20 people going on Friday, 10 of them from the warehouse.") == []


def test_courtesies_are_not_shared_vocabulary(registry):
    from maturity.engine.classify import classify_text

    classifier = SignalClassifier(registry.get("cx-matrix").rubric)
    reply = "Hello Ms Ruiz, thanks for getting in touch, and sorry to hear the replacement arrived broken."
    assert classify_text(classifier, "r", reply)["dimension"] is None
