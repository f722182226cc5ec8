"""The engine-neutral rule description, and how a rubric compiles into it.

A rule has an id, a stratum, patterns and the fact it produces. A pattern names a fact type and
tests on its fields (``==``, ``!=``, ``>=``, ``>``, ``<=``, ``<`` against constants); a negated
pattern requires that no such fact exists. Strata make negation deterministic: a rule in stratum
k only reads facts produced in strata below k, so every engine sees the same facts when it
evaluates it, whatever order facts arrive in.

Facts (all carry an ``id``):

* ``evidence``  — per criterion, a summary of its observations (stratum 0, from the classifier)
* ``dimension`` — per dimension with at least one usable observation (stratum 0)
* ``criterion`` — a criterion's status: satisfied, partly, not_satisfied (stratum 1)
* ``stage``     — a stage of a dimension is supported (2) or refuted (3)
* ``reach``     — a dimension reaches a stage (4)
* ``rating``    — the dimension's stage (5)

Rules are compiled per dimension (one rule set each): dimensions never interact, and small rule
sets stay far from durable_rules' size limits.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from maturity.rubric import Dimension, Rubric

OPS = ("==", "!=", ">=", ">", "<=", "<")


@dataclass(frozen=True)
class Test:
    field: str
    op: str
    value: int | str


@dataclass(frozen=True)
class Pattern:
    alias: str
    fact: str
    tests: tuple[Test, ...]
    negated: bool = False

    def matches(self, fact: dict) -> bool:
        if fact.get("t") != self.fact:
            return False
        for test in self.tests:
            value = fact.get(test.field)
            if value is None or not _compare(value, test.op, test.value):
                return False
        return True


def _compare(left, op: str, right) -> bool:
    if op == "==":
        return left == right
    if op == "!=":
        return left != right
    if op == ">=":
        return left >= right
    if op == ">":
        return left > right
    if op == "<=":
        return left <= right
    if op == "<":
        return left < right
    raise ValueError(op)


@dataclass(frozen=True)
class Rule:
    id: str
    stratum: int
    patterns: tuple[Pattern, ...]
    produces: tuple[tuple[str, int | str], ...]  # the produced fact, as sorted items
    explains: str  # one sentence a person can read in `maturity explain`

    def produced(self) -> dict:
        return dict(self.produces)


@dataclass(frozen=True)
class RuleSet:
    name: str  # "<framework>/<dimension>"
    rules: tuple[Rule, ...]
    digest: str = field(default="")

    @property
    def strata(self) -> list[int]:
        return sorted({r.stratum for r in self.rules})


@dataclass(frozen=True)
class Firing:
    rule: str
    stratum: int
    matched: tuple[tuple[str, str], ...]  # (alias, fact id), in pattern order
    produced: tuple[tuple[str, int | str], ...]

    def to_json(self) -> dict:
        return {"rule": self.rule, "matched": dict(self.matched), "produced": dict(self.produced)}


def order_firings(ruleset: RuleSet, firings: list[Firing]) -> list[Firing]:
    """The canonical order of firings: by stratum, then rule order, then matched facts."""
    index = {r.id: i for i, r in enumerate(ruleset.rules)}
    return sorted(firings, key=lambda f: (f.stratum, index[f.rule], f.matched))


# -- compiling a rubric -----------------------------------------------------------------------

def _p(alias: str, fact: str, *tests: tuple[str, str, int | str], negated: bool = False) -> Pattern:
    return Pattern(alias, fact, tuple(Test(*t) for t in tests), negated)


def _fact(**items) -> tuple[tuple[str, int | str], ...]:
    return tuple(sorted(items.items()))


def compile_dimension(rubric: Rubric, dim: Dimension) -> RuleSet:
    rules: list[Rule] = []
    crit = lambda alias, cid, status, negated=False: _p(  # noqa: E731
        alias, "criterion", ("criterion", "==", cid), ("status", "==", status), negated=negated
    )
    stage_fact = lambda alias, level, status, negated=False: _p(  # noqa: E731
        alias, "stage", ("stage", "==", level), ("status", "==", status), negated=negated
    )
    reach = lambda alias, level, negated=False: _p(alias, "reach", ("stage", "==", level), negated=negated)  # noqa: E731

    # Stratum 1: each criterion's status from its evidence summary.
    for level, c in dim.criteria():
        out = lambda status, reason: _fact(  # noqa: E731
            t="criterion", id=f"criterion:{c.id}", criterion=c.id, dimension=dim.id, stage=level, status=status, reason=reason
        )
        ev = ("criterion", "==", c.id)
        need = c.corroboration
        docs = "document" if need == 1 else "documents"
        rules.append(Rule(
            f"criterion:{c.id}:satisfied", 1,
            (_p("evidence", "evidence", ev, ("supports", ">=", 1), ("documents", ">=", need), ("refutes", "==", 0)),),
            out("satisfied", "supported"),
            f"{c.id} holds: supporting evidence from at least {need} {docs} and nothing refuting it",
        ))
        rules.append(Rule(
            f"criterion:{c.id}:conflicting", 1,
            (_p("evidence", "evidence", ev, ("supports", ">=", 1), ("refutes", ">=", 1)),),
            out("partly", "conflicting"),
            f"{c.id} is partly met: evidence both supports and refutes it",
        ))
        if need > 1:
            rules.append(Rule(
                f"criterion:{c.id}:uncorroborated", 1,
                (_p("evidence", "evidence", ev, ("supports", ">=", 1), ("documents", "<", need), ("refutes", "==", 0)),),
                out("partly", "uncorroborated"),
                f"{c.id} is partly met: it needs {need} independent documents",
            ))
        rules.append(Rule(
            f"criterion:{c.id}:refuted", 1,
            (_p("evidence", "evidence", ev, ("supports", "==", 0), ("refutes", ">=", 1)),),
            out("not_satisfied", "refuted"),
            f"{c.id} does not hold: evidence refutes it and none supports it",
        ))

    levels = [s.level for s in rubric.stages if s.level >= 2]

    def stage_out(level: int, status: str):
        return _fact(t="stage", id=f"stage:{dim.id}:{level}:{status}", dimension=dim.id, stage=level, status=status)

    # Stratum 2: a stage is supported when its required criteria hold (or, with none required,
    # when any of its criteria holds) and none of its criteria is refuted: evidence against one
    # element of a stage's descriptor keeps the stage from being reached. Alternatives are made
    # mutually exclusive (the first holding criterion in rubric order decides) so exactly one
    # rule fires and every engine fires the same one.
    for level in levels:
        cell = dim.stages[level].criteria
        required = [c for c in cell if c.required]
        unrefuted = [crit(f"unrefuted{j}", e.id, "not_satisfied", negated=True) for j, e in enumerate(cell) if not e.limits]
        if required:
            rules.append(Rule(
                f"stage:{dim.id}:{level}:supported", 2,
                tuple([crit(f"c{i}", c.id, "satisfied") for i, c in enumerate(required)] + unrefuted),
                stage_out(level, "supported"),
                f"stage {level} of {dim.id} is supported: every required criterion holds and none of the stage is refuted",
            ))
        else:
            for i, c in enumerate(cell):
                pats = [crit("held", c.id, "satisfied")]
                pats += [crit(f"before{j}", e.id, "satisfied", negated=True) for j, e in enumerate(cell[:i])]
                rules.append(Rule(
                    f"stage:{dim.id}:{level}:supported-by:{c.id}", 2, tuple(pats + unrefuted),
                    stage_out(level, "supported"),
                    f"stage {level} of {dim.id} is supported: {c.id} holds and no criterion of the stage is refuted",
                ))

    # Stratum 3: a stage that nothing supports is refuted when one of its criteria is refuted, or
    # when a limitation of the stage below holds ("a Head of CX exists but lacks authority"
    # refutes an executive sponsor). Alternatives are mutually exclusive, as in stratum 2.
    for level in levels:
        # A refuted limitation ("staff can now refund without approval") shows the organization
        # is past the limitation, so it never refutes its own stage.
        grounds = [(c, "not_satisfied", f"{c.id} is contradicted") for c in dim.stages[level].criteria if not c.limits]
        grounds += [(c, "satisfied", f"{c.id}, a limitation of stage {level - 1}, holds")
                    for c in dim.stages[level - 1].criteria if c.limits]
        for i, (c, status, why) in enumerate(grounds):
            pats = [crit("refuted", c.id, status)]
            pats += [crit(f"before{j}", e.id, st, negated=True) for j, (e, st, _) in enumerate(grounds[:i])]
            pats.append(stage_fact("supported", level, "supported", negated=True))
            rules.append(Rule(
                f"stage:{dim.id}:{level}:refuted-by:{c.id}", 3, tuple(pats),
                stage_out(level, "refuted"),
                f"stage {level} of {dim.id} is refuted: {why} and nothing supports the stage",
            ))

    # Stratum 4: which stages the dimension reaches.
    for level in levels:
        if rubric.rating == "best_fit":
            pats = [stage_fact("supported", level, "supported")]
            pats += [stage_fact(f"below{t}", t, "refuted", negated=True) for t in levels if t < level]
            why = f"{dim.id} reaches stage {level}: it is supported and no stage below it is refuted"
        else:
            pats = [stage_fact(f"stage{t}", t, "supported") for t in levels if t <= level]
            why = f"{dim.id} reaches stage {level}: it and every stage below it are supported"
        rules.append(Rule(
            f"reach:{dim.id}:{level}", 4, tuple(pats),
            _fact(t="reach", id=f"reach:{dim.id}:{level}", dimension=dim.id, stage=level),
            why,
        ))

    # Stratum 5: the rating is the highest stage reached; stage 1 when there is evidence but
    # no higher stage is reached. No evidence at all: no rating (not rated).
    for level in levels:
        pats = [reach("reached", level)] + [reach(f"above{u}", u, negated=True) for u in levels if u > level]
        rules.append(Rule(
            f"rating:{dim.id}:{level}", 5, tuple(pats),
            _fact(t="rating", id=f"rating:{dim.id}", dimension=dim.id, stage=level),
            f"{dim.id} is rated stage {level}: the highest stage it reaches",
        ))
    rules.append(Rule(
        f"rating:{dim.id}:1", 5,
        tuple([_p("dimension", "dimension", ("dimension", "==", dim.id))] + [reach(f"above{u}", u, negated=True) for u in levels]),
        _fact(t="rating", id=f"rating:{dim.id}", dimension=dim.id, stage=1),
        f"{dim.id} is rated stage 1: there is evidence about it but no higher stage is reached",
    ))
    name = f"{rubric.id}/{dim.id}"
    return RuleSet(name, tuple(rules), _digest(name, rules))


def compile_rubric(rubric: Rubric) -> list[RuleSet]:
    return [compile_dimension(rubric, dim) for dim in rubric.dimensions]


def _digest(name: str, rules: list[Rule]) -> str:
    payload = json.dumps([name, [_rule_json(r) for r in rules]], sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()


def _rule_json(rule: Rule) -> dict:
    return {
        "id": rule.id,
        "stratum": rule.stratum,
        "patterns": [
            {"alias": p.alias, "fact": p.fact, "negated": p.negated, "tests": [[t.field, t.op, t.value] for t in p.tests]}
            for p in rule.patterns
        ],
        "produces": dict(rule.produces),
    }

