"""Measure the offline classifier on a labelled passage set.

    python eval/evaluate.py [--split dev|test|all] [--framework cx-matrix] [--errors]

Figures (see eval/cx-matrix/README.md for the label conventions):

* dimension accuracy: on-topic passages whose predicted dimension is the labelled one.
* exact stage / within one: passages labelled ``current`` or ``negated`` whose dimension is right
  and whose *effective* stage matches (exactly / within one). The effective stage is what the
  reading pushes a rating towards: the stage itself for supporting evidence, stage 1 (the floor)
  for an absence or a refutation.
* plans kept out: passages labelled ``aspiration`` that are not read as current support.
* plans/absences raising a stage: passages labelled ``aspiration`` or ``negated`` read as current
  support for stage 2 or above. The target is zero.
* off-topic false positives: off-topic passages that produced any reading.
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


def effective_stage(label_or_pred: dict) -> int | None:
    polarity = label_or_pred.get("polarity")
    if polarity == "aspiration" or label_or_pred.get("stage") is None:
        return None
    if polarity == "negated" or label_or_pred.get("stance") == "refutes":
        return 1
    return label_or_pred["stage"]


def evaluate(rows: list[dict], predictions: dict[str, dict]) -> dict:
    on_topic = [r for r in rows if r["dimension"]]
    staged = [r for r in on_topic if r["polarity"] in ("current", "negated")]
    plans = [r for r in on_topic if r["polarity"] == "aspiration"]
    off = [r for r in rows if not r["dimension"]]
    dim_ok = [r for r in on_topic if predictions[r["id"]]["dimension"] == r["dimension"]]
    exact, within = 0, 0
    for r in staged:
        p = predictions[r["id"]]
        if p["dimension"] != r["dimension"] or effective_stage(p) is None:
            continue
        diff = abs(effective_stage(p) - effective_stage(r))
        exact += diff == 0
        within += diff <= 1
    raising = [r for r in on_topic if r["polarity"] in ("aspiration", "negated")
               and predictions[r["id"]]["stance"] == "supports" and predictions[r["id"]]["stage"] >= 2]
    plans_out = [r for r in plans if predictions[r["id"]]["stance"] != "supports"]
    false_pos = [r for r in off if predictions[r["id"]]["dimension"]]
    ratio = lambda a, b: round(a / b, 3) if b else None  # noqa: E731
    return {
        "passages": len(rows),
        "dimension_accuracy": ratio(len(dim_ok), len(on_topic)),
        "exact_stage_accuracy": ratio(exact, len(staged)),
        "within_one_accuracy": ratio(within, len(staged)),
        "plans_kept_out": ratio(len(plans_out), len(plans)),
        "plans_or_absences_raising_a_stage": len(raising),
        "off_topic_false_positive_rate": ratio(len(false_pos), len(off)),
        "counts": {"on_topic": len(on_topic), "staged": len(staged), "plans": len(plans), "off_topic": len(off)},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--framework", default="cx-matrix")
    parser.add_argument("--split", default="all", choices=["dev", "test", "all"])
    parser.add_argument("--errors", action="store_true", help="print every passage read wrongly")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    path = ROOT / "eval" / args.framework / "passages.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if args.split != "all":
        rows = [r for r in rows if r["split"] == args.split]
    rubric = load_frameworks().get(args.framework).rubric
    classifier = SignalClassifier(rubric)
    predictions = {r["id"]: classify_text(classifier, r["id"], r["text"]) for r in rows}
    figures = evaluate(rows, predictions)
    figures["split"] = args.split
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for key, value in figures.items():
            print(f"{key:36} {value}")
    if args.errors:
        for r in rows:
            p = predictions[r["id"]]
            want = (r["dimension"], effective_stage(r), r["polarity"])
            got = (p["dimension"], effective_stage(p), p["polarity"])
            if want[:2] != got[:2] or (r["polarity"] == "aspiration" and p["stance"] == "supports"):
                print(f"\n{r['id']} want={want} got={got} crit={p['criterion']}\n  {r['text']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
