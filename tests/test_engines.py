"""The durable_rules adapter and the reference evaluator must agree on every firing and rating."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import make_rubric, obs
from maturity.engine import aggregate
from maturity.engine.engines import durable_available, get_engine
from maturity.engine.facts import evidence_facts
from maturity.engine.rules import compile_rubric

needs_durable = pytest.mark.skipif(not durable_available(), reason="durable-rules not installed")


def run(rubric, observations, engine):
    facts = evidence_facts(rubric, observations)
    firings = {rs.name.split("/")[1]: get_engine(engine).evaluate(rs, facts[rs.name.split("/")[1]])
               for rs in compile_rubric(rubric)}
    ratings = aggregate.rate(rubric, facts, firings, observations)
    return firings, ratings


@st.composite
def rubric_and_observations(draw):
    levels = draw(st.integers(2, 5))
    rating = draw(st.sampled_from(["best_fit", "cumulative"]))
    cells, all_criteria = {}, []
    for d in range(draw(st.integers(1, 3))):
        dim = f"d{d}"
        cells[dim] = {}
        for level in range(1, levels + 1):
            crits = []
            for k in range(draw(st.integers(0, 3))):
                cid = f"{dim}.{level}.c{k}"
                crits.append({"id": cid, "required": draw(st.booleans()) and draw(st.booleans()),
                              "limits": level < levels and draw(st.booleans()),
                              "corroboration": draw(st.integers(1, 3))})
                all_criteria.append((cid, dim, level))
            cells[dim][level] = crits
    rubric = make_rubric(cells, levels=levels, rating=rating)
    observations = []
    for cid, dim, level in all_criteria:
        for n in range(draw(st.integers(0, 4))):
            observations.append(obs(cid, dim, level, stance=draw(st.sampled_from(["supports", "supports", "refutes", "none"])),
                                    document=draw(st.sampled_from(["doc-a", "doc-b", "doc-c"])),
                                    confidence=draw(st.sampled_from([0.4, 0.6, 0.75, 0.85])), n=n))
    return rubric, observations


@needs_durable
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rubric_and_observations())
def test_durable_and_reference_agree(case):
    rubric, observations = case
    durable_firings, durable_ratings = run(rubric, observations, "durable")
    python_firings, python_ratings = run(rubric, observations, "python")
    assert durable_firings == python_firings
    assert durable_ratings == python_ratings


@pytest.mark.parametrize("engine", ["python", pytest.param("durable", marks=needs_durable)])
class TestSemantics:
    """Hand-worked cases of the rating rules, run on both engines."""

    cells = {"d": {1: [{"id": "d.1.a"}], 2: [{"id": "d.2.a"}], 3: [{"id": "d.3.a"}, {"id": "d.3.b"}], 4: [{"id": "d.4.a"}]}}

    def stage(self, engine, observations, rating="best_fit", cells=None):
        rubric = make_rubric(cells or self.cells, rating=rating)
        return run(rubric, observations, engine)[1]["dimensions"][0]["stage"]

    def test_no_evidence_is_not_rated(self, engine):
        assert self.stage(engine, []) is None

    def test_only_plans_is_not_rated(self, engine):
        assert self.stage(engine, [obs("d.4.a", "d", 4, stance="none")]) is None

    def test_absence_alone_rates_stage_one(self, engine):
        assert self.stage(engine, [obs("d.3.a", "d", 3, stance="refutes")]) == 1

    def test_best_fit_implies_lower_stages(self, engine):
        assert self.stage(engine, [obs("d.3.b", "d", 3)]) == 3

    def test_cumulative_needs_every_stage(self, engine):
        assert self.stage(engine, [obs("d.3.b", "d", 3)], rating="cumulative") == 1
        assert self.stage(engine, [obs("d.2.a", "d", 2), obs("d.3.b", "d", 3)], rating="cumulative") == 3

    def test_refuted_lower_stage_blocks_higher(self, engine):
        observations = [obs("d.2.a", "d", 2, stance="refutes"), obs("d.4.a", "d", 4)]
        assert self.stage(engine, observations) == 1

    def test_low_confidence_does_not_count(self, engine):
        assert self.stage(engine, [obs("d.3.a", "d", 3, confidence=0.4)]) is None

    def test_corroboration_needs_distinct_documents(self, engine):
        cells = {"d": {2: [{"id": "d.2.a", "corroboration": 2}]}}
        same = [obs("d.2.a", "d", 2, document="doc-a", n=1), obs("d.2.a", "d", 2, document="doc-a", n=2)]
        assert self.stage(engine, same, cells=cells) == 1
        two = [obs("d.2.a", "d", 2, document="doc-a"), obs("d.2.a", "d", 2, document="doc-b")]
        assert self.stage(engine, two, cells=cells) == 2

    def test_required_criterion_gates_the_stage(self, engine):
        cells = {"d": {3: [{"id": "d.3.a", "required": True}, {"id": "d.3.b"}]}}
        assert self.stage(engine, [obs("d.3.b", "d", 3)], cells=cells) == 1
        assert self.stage(engine, [obs("d.3.a", "d", 3)], cells=cells) == 3

    def test_a_limitation_blocks_jumping_over_unsupported_stages(self, engine):
        cells = {"d": {2: [{"id": "d.2.a"}, {"id": "d.2.lacks", "limits": True}], 3: [{"id": "d.3.a"}], 4: [{"id": "d.4.a"}]}}
        jump = [obs("d.2.lacks", "d", 2), obs("d.4.a", "d", 4)]
        assert self.stage(engine, jump, cells=cells) == 2
        # positive evidence for the stage above the limitation wins over the limitation
        assert self.stage(engine, jump + [obs("d.3.a", "d", 3)], cells=cells) == 4

    def test_being_past_a_limitation_does_not_refute_its_stage(self, engine):
        cells = {"d": {2: [{"id": "d.2.a"}, {"id": "d.2.lacks", "limits": True}], 3: [{"id": "d.3.a"}]}}
        observations = [obs("d.2.lacks", "d", 2, stance="refutes"), obs("d.3.a", "d", 3)]
        assert self.stage(engine, observations, cells=cells) == 3

    def test_conflicting_evidence_is_partly(self, engine):
        rubric = make_rubric(self.cells)
        ratings = run(rubric, [obs("d.2.a", "d", 2), obs("d.2.a", "d", 2, stance="refutes")], engine)[1]
        status = {c["id"]: (c["status"], c["reason"]) for c in ratings["criteria"]}
        assert status["d.2.a"] == ("partly", "conflicting")
        assert ratings["dimensions"][0]["stage"] == 1


@needs_durable
def test_durable_survives_many_sessions():
    """One session per evaluation, deleted afterwards: far past durable's 1,024 live-session limit."""
    rubric = make_rubric(TestSemantics.cells)
    observations = [obs("d.3.a", "d", 3)]
    for _ in range(1100):
        assert run(rubric, observations, "durable")[1]["dimensions"][0]["stage"] == 3


def test_between_aggregation_names_the_two_stages_and_the_next_step():
    from dataclasses import asdict

    from maturity.rubric import validate_rubric

    rubric = make_rubric({"a": {2: [{"id": "a.2.x"}]}, "b": {3: [{"id": "b.3.x"}]}}, levels=5)
    data = asdict(rubric)
    data["aggregation"] = {"method": "between", "bands": []}
    data["stages"][1]["guidance"] = "connect the data"
    rubric = validate_rubric(data)
    observations = [obs("a.2.x", "a", 2), obs("b.3.x", "b", 3)]
    ratings = run(rubric, observations, "python")[1]
    overall = aggregate.result(rubric, ratings)["overall"]
    assert (overall["stage"], overall["between"], overall["focus"]) == (2, [2, 3], "connect the data")
