"""The reference evaluator: the rule description evaluated in plain Python.

It is the specification the durable_rules adapter is tested against (same firings, same
ratings), and the engine used where durable_rules cannot be installed.
"""

from __future__ import annotations

import itertools

from maturity.engine.rules import Firing, Rule, RuleSet, order_firings


class ReferenceEngine:
    name = "python"

    def evaluate(self, ruleset: RuleSet, facts: list[dict]) -> list[Firing]:
        known = list(facts)
        firings: list[Firing] = []
        for stratum in ruleset.strata:
            produced = []
            for rule in (r for r in ruleset.rules if r.stratum == stratum):
                for firing in _fire(rule, known):
                    firings.append(firing)
                    produced.append(dict(firing.produced))
            known.extend(produced)  # visible only to later strata
        return order_firings(ruleset, firings)


def _fire(rule: Rule, facts: list[dict]):
    positives = [p for p in rule.patterns if not p.negated]
    negatives = [p for p in rule.patterns if p.negated]
    if any(any(p.matches(f) for f in facts) for p in negatives):
        return
    candidates = [[f for f in facts if p.matches(f)] for p in positives]
    for combo in itertools.product(*candidates):
        yield Firing(
            rule.id,
            rule.stratum,
            tuple((p.alias, f["id"]) for p, f in zip(positives, combo)),
            rule.produces,
        )
