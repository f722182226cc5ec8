"""Measure the offline classifier on a labelled passage set.

    python eval/evaluate.py [--split dev|test|tune|tune2|holdout2|all] [--framework cx-matrix] [--errors]

Figures (see eval/cx-matrix/README.md for the label conventions):

* dimension accuracy: on-topic passages whose predicted dimension is the labelled one.
* exact stage / within one: passages labelled ``current`` read as current support of the right
  dimension at exactly (within one of) the labelled stage.
* absences handled: passages labelled ``negated`` (a missing stage-k capability) whose reading has
  the right dimension and either refutes or supports a stage below k.
* plans kept out: passages labelled ``aspiration`` not read as current support.
* plans/absences raising a stage: ``aspiration`` or ``negated`` passages for a stage-k capability
  read as support for stage k or above. The target is zero.
* off-topic false positives: off-topic passages that produced any reading.

Readings are what ``maturity classify`` prints, including low-confidence ones (the lexical
fallback records 0.45, below the rubric's 0.5 rating threshold).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from maturity.engine.classify import SignalClassifier, classify_text  # noqa: E402
from maturity.host import load_frameworks  # noqa: E402


def evaluate(rows: list[dict], predictions: dict[str, dict]) -> dict:
    on_topic = [r for r in rows if r["dimension"]]
    current = [r for r in on_topic if r["polarity"] == "current"]
    absences = [r for r in on_topic if r["polarity"] == "negated"]
    plans = [r for r in on_topic if r["polarity"] == "aspiration"]
    off = [r for r in rows if not r["dimension"]]
    p = predictions

    def supports(r):
        return p[r["id"]]["stance"] == "supports"

    def right_dim(r):
        return p[r["id"]]["dimension"] == r["dimension"]

    exact = [r for r in current if right_dim(r) and supports(r) and p[r["id"]]["stage"] == r["stage"]]
    within = [r for r in current if right_dim(r) and supports(r) and abs(p[r["id"]]["stage"] - r["stage"]) <= 1]
    handled = [r for r in absences if right_dim(r) and (p[r["id"]]["stance"] == "refutes"
                                                        or (supports(r) and p[r["id"]]["stage"] < r["stage"]))]
    raising = [r for r in absences + plans if supports(r) and p[r["id"]]["stage"] >= r["stage"]]
    plans_out = [r for r in plans if not supports(r)]
    false_pos = [r for r in off if p[r["id"]]["dimension"]]
    ratio = lambda a, b: round(len(a) / len(b), 3) if b else None  # noqa: E731
    return {
        "passages": len(rows),
        "dimension_accuracy": ratio([r for r in on_topic if right_dim(r)], on_topic),
        "exact_stage_accuracy": ratio(exact, current),
        "within_one_accuracy": ratio(within, current),
        "absences_handled": ratio(handled, absences),
        "plans_kept_out": ratio(plans_out, plans),
        "plans_or_absences_raising_a_stage": len(raising),
        "off_topic_false_positive_rate": ratio(false_pos, off),
        "counts": {"on_topic": len(on_topic), "current": len(current), "absences": len(absences),
                   "plans": len(plans), "off_topic": len(off)},
    }


def wrong(r: dict, p: dict) -> bool:
    if r["dimension"] is None:
        return p["dimension"] is not None
    if p["dimension"] != r["dimension"]:
        return True
    if r["polarity"] == "current":
        return p["stance"] != "supports" or p["stage"] != r["stage"]
    return p["stance"] == "supports" and p["stage"] >= r["stage"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--framework", default="cx-matrix")
    parser.add_argument("--split", default="all", help="dev, test, tune, tune2, holdout2, ... or all")
    parser.add_argument("--errors", action="store_true", help="print every passage read wrongly")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--no-exemplars", action="store_true", help="signals and the lexical fallback only")
    args = parser.parse_args()
    rows = [json.loads(line) for path in sorted((ROOT / "eval" / args.framework).glob("passages*.jsonl"))
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if args.split != "all":
        known = sorted({r["split"] for r in rows})
        rows = [r for r in rows if r["split"] == args.split]
        if not rows:
            parser.error(f"no passages in split {args.split!r} (known: {', '.join(known)})")
    framework = load_frameworks().get(args.framework)
    rubric = framework.rubric
    classifier = SignalClassifier(rubric, () if args.no_exemplars else framework.exemplars)
    predictions = {r["id"]: classify_text(classifier, r["id"], r["text"]) for r in rows}
    empty = {"dimension": None, "stage": None, "polarity": None, "criterion": None, "confidence": None, "stance": None}
    rating = {i: (p if p["confidence"] is not None and p["confidence"] >= rubric.min_confidence else dict(empty, id=i))
              for i, p in predictions.items()}
    figures = {"split": args.split, "all_readings": evaluate(rows, predictions), "rating_readings": evaluate(rows, rating)}
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(f"{'split ' + args.split:36} {'all readings':>14} {'rating readings':>16}")
        for key, value in figures["all_readings"].items():
            if key != "counts":
                print(f"{key:36} {value!s:>14} {figures['rating_readings'][key]!s:>16}")
        print(f"{'counts':36} {figures['all_readings']['counts']}")
    if args.errors:
        for r in rows:
            p = predictions[r["id"]]
            if wrong(r, p):
                print(f"\n{r['id']} want={(r['dimension'], r['stage'], r['polarity'])} "
                      f"got={(p['dimension'], p['stage'], p['polarity'], p['stance'])} crit={p['criterion']}\n  {r['text']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
