"""The durable_rules adapter: the only module that imports durable.

durable_rules 2.0.28 is unmaintained and has sharp edges (shared/notes/dependencies.md, part 1).
Each is handled here:

* Its default ``Host`` starts timer threads that race the caller and segfault: ``_QuietHost``
  overrides ``_run`` so nothing runs in the background; all actions run synchronously.
* A fact no rule consumes raises ``MessageNotHandledException``: every rule set has a ``sink``
  rule that matches any fact (joined with a fact that never exists, so it never fires).
* ``delete_state`` on a session in which no action ever ran segfaults: every session first
  posts an ``init`` event that fires a no-op rule.
* Sessions are limited (1,024 live per rule set) and cost memory: one fresh session per
  evaluation, deleted in ``finally``.
* Exceptions raised inside actions are swallowed into the session state: the state is checked
  after every phase and turned into an ``EngineError``.
* The C library keeps a global handle table with no lock: one process-wide lock.
* There is no unregister: rule sets are registered once per digest and reused.
* Identical facts are deduplicated (and spuriously so at scale): every fact carries a unique id.

Negation is made deterministic by asserting a ``phase`` fact per stratum: each rule's first
pattern is its stratum's phase fact, so it is evaluated only once every fact of the strata below
it is present. Actions only record what matched; the adapter asserts the produced facts itself,
between phases.
"""

from __future__ import annotations

import itertools
import threading

from durable import engine as _durable

from maturity.engine.errors import EngineError
from maturity.engine.rules import Firing, Rule, RuleSet, order_firings

_OPS = {">=": "$gte", ">": "$gt", "<=": "$lte", "<": "$lt", "!=": "$neq"}
_LOCK = threading.Lock()
_SESSIONS = itertools.count(1)


class _QuietHost(_durable.Host):
    def _run(self):  # no background dispatch threads
        pass


def _noop(_c):
    pass


class DurableEngine:
    name = "durable"

    def __init__(self):
        self._host = _QuietHost()
        self._registered: dict[str, str] = {}  # ruleset digest -> durable ruleset name
        self._rules: dict[str, Rule] = {}  # durable rule name -> rule
        self._fired: list[tuple[str, dict]] | None = None

    # -- registration -------------------------------------------------------------------------

    def _register(self, ruleset: RuleSet) -> str:
        name = self._registered.get(ruleset.digest)
        if name:
            return name
        name = f"rs{len(self._registered)}"
        definition = {"init": {"all": [{"m": {"t": "init"}}], "run": _noop}}
        definition["sink"] = {"all": [{"m": {"$ex": {"t": 1}}}, {"never": {"t": "__never__"}}], "run": _noop}
        for i, rule in enumerate(ruleset.rules):
            rule_name = f"{name}_r{i}"
            self._rules[rule_name] = rule
            conditions = [{"phase": {"$and": [{"t": "phase"}, {"n": rule.stratum}]}}]
            for p in rule.patterns:
                key = f"{p.alias}$not" if p.negated else p.alias
                conditions.append({key: {"$and": [{"t": p.fact}] + [_test(t) for t in p.tests]}})
            definition[rule_name] = {"all": conditions, "run": self._action(rule_name)}
        self._host.set_rulesets({name: definition})
        self._registered[ruleset.digest] = name
        return name

    def _action(self, rule_name: str):
        def action(c):  # durable requires exactly one positional argument
            matched = {alias: dict(fact) for alias, fact in c._m.items()}
            self._fired.append((rule_name, matched))

        return action

    # -- evaluation ---------------------------------------------------------------------------

    def evaluate(self, ruleset: RuleSet, facts: list[dict]) -> list[Firing]:
        with _LOCK:
            name = self._register(ruleset)
            sid = f"s{next(_SESSIONS)}"
            self._fired = []
            try:
                self._host.post(name, {"sid": sid, "t": "init", "id": "init"})
                for fact in facts:
                    self._assert(name, sid, fact)
                firings: list[Firing] = []
                for stratum in ruleset.strata:
                    self._assert(name, sid, {"t": "phase", "id": f"phase:{stratum}", "n": stratum})
                    self._check(name, sid)
                    new = [self._firing(rule_name, matched) for rule_name, matched in self._fired]
                    self._fired = []
                    for firing in new:
                        self._assert(name, sid, dict(firing.produced))
                    firings.extend(new)
                return order_firings(ruleset, firings)
            finally:
                self._fired = None
                self._host.delete_state(name, sid)

    def _assert(self, name: str, sid: str, fact: dict) -> None:
        try:
            self._host.assert_fact(name, dict(fact, sid=sid))
        except _durable.MessageObservedException as exc:  # pragma: no cover - needs a hash collision
            raise EngineError(f"durable_rules rejected fact {fact.get('id')!r} as a duplicate") from exc

    def _check(self, name: str, sid: str) -> None:
        state = self._host.get_state(name, sid)
        if state.get("exception"):
            raise EngineError(f"durable_rules action failed: {state['exception']}")

    def _firing(self, rule_name: str, matched: dict) -> Firing:
        rule = self._rules[rule_name]
        positives = [p.alias for p in rule.patterns if not p.negated]
        return Firing(rule.id, rule.stratum, tuple((a, matched[a]["id"]) for a in positives), rule.produces)


def _test(test) -> dict:
    if test.op == "==":
        return {test.field: test.value}
    return {_OPS[test.op]: {test.field: test.value}}
