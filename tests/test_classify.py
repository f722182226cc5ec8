"""The signal classifier on a small rubric: stances, polarity, quotes, specificity."""

from helpers import make_rubric
from maturity.engine.classify import SignalClassifier
from maturity.engine import lexical
from maturity.engine.evidence import Passage
from maturity.engine.signals import fold

RUBRIC = make_rubric({
    "voc": {
        1: [{"id": "voc.1.no-surveys", "signals": ["absent: survey* + customer*"]}],
        2: [{"id": "voc.2.surveys", "signals": ["nps | csat"]}],
        3: [{"id": "voc.3.callback", "signals": ["detractor* + call* | phone*"],
             "counter_signals": ["survey* + nobody reads"]}],
    },
    "culture": {4: [{"id": "culture.4.bonus", "signals": ["all staff | every employee + bonus* + nps | csat"]}]},
})


def read(text):
    classifier = SignalClassifier(RUBRIC)
    return classifier.classify(Passage("doc-x:1", "doc-x", text, 10, 10 + text.count("\n")))


def test_current_statement_supports():
    [o] = read("Team leads phone every detractor within two days.")
    assert (o.criterion, o.stance, o.polarity) == ("voc.3.callback", "supports", "current")
    assert o.quote == "Team leads phone every detractor within two days." and o.line == 10


def test_a_passage_framed_as_a_proposal_supports_nothing_in_any_of_its_sentences():
    [o] = read("Send a CSAT survey after every closed ticket. Status: proposal, to be reviewed in May.")
    assert (o.criterion, o.stance, o.polarity, o.cue) == ("voc.2.surveys", "none", "aspiration", "status: proposal")
    gap, plan = read("Draft: customers are never surveyed, so a CSAT pilot is suggested.")
    assert (gap.criterion, gap.stance, gap.polarity) == ("voc.1.no-surveys", "supports", "negated")  # a gap stays a gap
    assert (plan.criterion, plan.stance, plan.polarity, plan.cue) == ("voc.2.surveys", "none", "aspiration", "draft")


def test_plan_never_supports():
    [o] = read("Next year we plan to call every detractor.")
    assert (o.stance, o.polarity) == ("none", "aspiration")


def test_absence_refutes():
    [o] = read("Nobody calls detractors back.")
    assert (o.stance, o.polarity) == ("refutes", "negated")


def test_absent_signal_is_supported_by_a_denial():
    [o] = read("We have never surveyed our customers.")
    assert (o.criterion, o.stance) == ("voc.1.no-surveys", "supports")
    [o] = read("We survey customers every spring.")
    assert (o.criterion, o.stance) == ("voc.1.no-surveys", "refutes")


def test_counter_signal_refutes():
    [o] = read("We run surveys but nobody reads them.")
    assert (o.criterion, o.stance) == ("voc.3.callback", "refutes")


def test_most_specific_signal_wins_within_a_sentence():
    [o] = read("All staff have a bonus tied to NPS.")
    assert o.criterion == "culture.4.bonus"


def test_quote_and_line_come_from_the_matching_sentence():
    text = "Intro line.\nWe track NPS monthly. Also:\nteam leads phone each detractor."
    found = {o.criterion: o for o in read(text)}
    assert found["voc.2.surveys"].quote == "We track NPS monthly." and found["voc.2.surveys"].line == 11
    assert found["voc.3.callback"].quote == "Also:\nteam leads phone each detractor."
    for o in found.values():
        assert o.quote in text


def test_a_passage_is_classified_by_the_dimension_it_says_most_about():
    from maturity.engine.classify import best_observation

    text = ("Every employee has a bonus tied to NPS. Team leads phone every detractor. "
            "Detractors are phoned within a day. Each detractor gets a call from a manager.")
    observations = read(text)
    assert {o.dimension for o in observations} == {"voc", "culture"}
    # the culture reading is the most specific (three groups), but three sentences are about voc
    assert max(observations, key=lambda o: o.specificity).dimension == "culture"
    assert best_observation(observations).criterion == "voc.3.callback"


def test_a_passage_under_a_heading_of_plans_is_a_plan():
    classifier = SignalClassifier(RUBRIC)
    item = "Team leads phone every detractor within two days."
    [plan] = classifier.classify(Passage("d:7", "d", item, 7, 7, section="Feedback > Ideas for 2027 (not approved)"))
    assert (plan.polarity, plan.stance, plan.cue) == ("aspiration", "none", "section: ideas")
    [fact] = classifier.classify(Passage("d:8", "d", item, 8, 8, section="Feedback > How we work today"))
    assert (fact.polarity, fact.stance) == ("current", "supports")


def test_a_role_yet_to_be_filled_has_no_limitations_yet(registry):
    from maturity.engine.classify import classify_text

    classifier = SignalClassifier(registry.get("cx-matrix").rubric)
    advert = ("Head of Customer Experience - a new role. Until now nobody has owned the customer experience end "
              "to end. This is our first Head of CX, reporting to the COO.")
    reading = classify_text(classifier, "a", advert)
    assert reading["dimension"] == "strategy" and reading["stance"] != "supports"


def test_boilerplate_about_cx_is_no_evidence():
    assert read("Growth plan: 49 EUR per seat/month, billed annually, unlimited NPS and CSAT surveys.") == []
    assert read("NPS is calculated by subtracting the share of detractors from the share of promoters.") == []
    assert read("Speaker: she has helped ten firms phone every detractor.") == []
    assert read("We phone every detractor; the NPS survey is billed to marketing.")  # no boilerplate cue


def test_off_topic_text_gives_nothing():
    assert read("The car park will be resurfaced in March; please use the side entrance.") == []


def test_a_question_asserts_nothing():
    assert read("Do we phone every detractor?") == []


def test_a_dash_ends_the_clause_of_a_denial():
    [o] = read("Honestly no \u2014 team leads phone every detractor within two days.")
    assert (o.stance, o.polarity) == ("supports", "current")


def test_a_classifier_from_cached_indexes_reads_exactly_as_one_built_from_the_rubric(registry, tmp_path, monkeypatch):
    import json
    from pathlib import Path

    from maturity.engine.classify import for_framework

    monkeypatch.setenv("MATURITY_CACHE_DIR", str(tmp_path))
    framework = registry.get("cx-matrix")
    built = SignalClassifier(framework.rubric, framework.exemplars)
    first = for_framework(framework)  # indexes, then writes them
    [cached] = (tmp_path / "classifiertabless").glob("*.json")
    second = for_framework(framework)  # reads them back
    assert second.tables() == json.loads(cached.read_text())
    dev = Path(__file__).parent.parent / "eval" / "cx-matrix" / "passages.jsonl"
    passages = [Passage(row["id"], "doc", row["text"], 1, 1)
                for row in map(json.loads, dev.read_text(encoding="utf-8").splitlines())]
    readings = [built.classify(p) for p in passages]
    assert sum(map(len, readings)) > 100  # the comparison covers signals, terms and exemplar readings
    assert {o.method.split(":")[0] for r in readings for o in r} == {"signal", "counter-signal", "terms", "exemplars"}
    assert [first.classify(p) for p in passages] == readings
    assert [second.classify(p) for p in passages] == readings
    cached.write_text("{damaged")
    assert [for_framework(framework).classify(p) for p in passages[:50]] == readings[:50]


def test_a_sentence_that_denies_any_map_is_no_evidence_of_unused_maps(registry):
    from maturity.engine.classify import classify_text

    classifier = SignalClassifier(registry.get("cx-matrix").rubric)
    denied = classify_text(classifier, "a", "Nobody here has ever pinned a journey map on a wall or put one in a deck.")
    assert (denied["criterion"], denied["stance"]) == ("journey.2.high-level-maps", "refutes")
    dusty = classify_text(classifier, "b", "The journey map posters from 2019 are still on the wall by the lifts.")
    assert (dusty["criterion"], dusty["stance"]) == ("journey.2.maps-unused", "supports")


def test_a_performance_review_for_all_is_not_feedback_analysed_at_scale(registry):
    from maturity.engine.classify import classify_text

    classifier = SignalClassifier(registry.get("cx-matrix").rubric)
    values = classify_text(classifier, "a", "Customer values are scored in every interview and in the annual "
                                            "performance review for all colleagues, from the CFO to apprentices.")
    assert values["dimension"] == "culture"
    reviews = classify_text(classifier, "b", "All customer reviews are scored for sentiment automatically.")
    assert (reviews["criterion"], reviews["stance"]) == ("voc.4.realtime-sentiment", "supports")


def test_customer_scores_in_pay_by_any_name_are_culture(registry):
    from maturity.engine.classify import classify_text

    classifier = SignalClassifier(registry.get("cx-matrix").rubric)
    share = classify_text(classifier, "a", "Every colleague's payout is set by a multiplier on the company Customer "
                                           "Effort Score, from the warehouse to finance.")
    assert (share["dimension"], share["stage"]) == ("culture", 4)
    heads = classify_text(classifier, "b", "Regional directors carry a tNPS modifier of up to 15% on their STIP.")
    assert (heads["dimension"], heads["stage"]) == ("culture", 3)


def test_a_care_desk_filed_together_with_cleaning_is_no_cross_functional_forum(registry):
    from maturity.engine.classify import classify_text

    classifier = SignalClassifier(registry.get("cx-matrix").rubric)
    desk = classify_text(classifier, "a", "The Finance Director reported that the two-person customer care desk is "
                                          "carried under overheads together with security and cleaning.")
    assert (desk["dimension"], desk["stage"]) == ("strategy", 1)
    forum = classify_text(classifier, "b", "Product, engineering and customer care meet every month to work "
                                           "through the top complaint drivers.")
    assert (forum["criterion"], forum["stance"]) == ("culture.3.cross-functional-forum", "supports")


def test_a_council_that_decides_or_a_round_table_of_departments_is_not_a_listening_channel(registry):
    from maturity.engine.classify import classify_text

    classifier = SignalClassifier(registry.get("cx-matrix").rubric)
    council = classify_text(classifier, "a", "New ranges are green-lit only after a review by the customer council, "
                                             "which the founder chairs personally.")
    assert council["dimension"] == "strategy"
    table = classify_text(classifier, "b", "Our Customer Round Table, which has met every month since 2021, brings "
                                           "together leads from Lettings, Repairs and Finance to review resident "
                                           "feedback and agree fixes.")
    assert (table["dimension"], table["stage"]) == ("culture", 3)


def test_a_mystery_shop_report_is_evidence_of_what_the_shopper_met_not_of_surveys(registry):
    from maturity.engine.classify import classify_text

    classifier = SignalClassifier(registry.get("cx-matrix").rubric)
    shop = classify_text(classifier, "a", "Mystery shop #22: before the shopper reported the late parcel, an SMS "
                                          "offered a new delivery slot with one tap.")
    assert shop["dimension"] != "voc"


def test_points_transferred_between_accounts_are_not_customers_passed_between_teams(registry):
    from maturity.engine.classify import classify_text

    classifier = SignalClassifier(registry.get("cx-matrix").rubric)
    terms = classify_text(classifier, "a", "Loyalty points cannot be transferred between member accounts.")
    assert terms["dimension"] is None
    passed = classify_text(classifier, "b", "A caller with a billing query is transferred between three departments.")
    assert (passed["criterion"], passed["stance"]) == ("journey.1.internal-design", "supports")


def test_a_reading_like_a_plan_in_a_passage_that_plans_nothing_but_denies_is_an_absence():
    from maturity.engine import exemplars as exemplars_

    likes = [exemplars_.Exemplar(f"e{i}", text, "voc", 3, "aspiration", sorted(lexical.stems(fold(text))))
             for i, text in enumerate(["Next year we will phone unhappy guests about their stay",
                                       "We plan to phone unhappy guests about their stay within a day"])]
    likes.append(exemplars_.Exemplar("e2", "The car park closes at ten", None, None, None, ["car", "park", "close"]))
    classifier = SignalClassifier(RUBRIC, likes)
    [o] = classifier.classify(Passage("p:1", "p", "Nobody here has ever phoned unhappy guests about their stay.", 1, 1))
    assert (o.method.split(":")[0], o.polarity, o.stance, o.cue) == ("exemplars", "negated", "refutes", "nobody")
    [o] = classifier.classify(Passage("p:2", "p", "Next spring we phone unhappy guests about their stay.", 1, 1))
    assert (o.polarity, o.stance) == ("aspiration", "none")


def test_a_plan_frame_leaves_the_problem_the_plan_would_fix_current(registry):
    classifier = SignalClassifier(registry.get("cx-matrix").rubric)
    text = "Status: backlog. About 30% of the contacts in HubSpot are duplicates, so the team will dedupe them."
    readings = {o.criterion: (o.polarity, o.stance) for o in classifier.classify(Passage("p:1", "p", text, 1, 1))}
    assert readings["data.2.poor-hygiene"] == ("current", "supports")  # a limitation of stage 2: true today
    assert readings["data.2.crm-in-place"] == ("aspiration", "none")
    text = "Status: backlog. Customer records still live in spreadsheets; move them into a CRM."
    readings = {o.criterion: (o.polarity, o.stance) for o in classifier.classify(Passage("p:2", "p", text, 1, 1))}
    assert readings["data.1.spreadsheets"] == ("current", "supports")  # stage 1: the condition the plan starts from
