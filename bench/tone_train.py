"""Fit the sentiment reading's classifier (``summarizer/tone.py``, ``TONE_MODEL``) and score it by leaving one set
out.

    python bench/tone_train.py [bench/data/tone_readings.jsonl] [--write summarizer/tone.py]

Needs numpy (for fitting only; the package reads the weights in pure Python).

Data. Each line of the readings file is one article with a gold sentiment label: its set, its name, the label, and
what the embedded model answered to the reading's questions after the article (``summarizer/backends/
tone_probe.py``): P(yes) to "clearly good news?" (``good``), to "clearly bad news?" (``bad``), and its
probabilities for "positive", "negative", "neutral" and "mixed" as the first word of its answer to the investor's
question (``outlook``, summing to 1). ``bench/tone_probe.py`` writes them, on the exact messages the local
backend sends. The file in the repository holds the team's eval set and six halves of real pages (h22 to h24)
read at main `5b0aeed`: their probabilities and gold labels, not their text.

The classifier is a multinomial logistic regression on ``tone_features`` (the log odds of ``good`` and ``bad``, the
four log probabilities of ``outlook``; standardised), L2-regularised; the rule it replaces
(``ToneReading.rule_label``, from ``good`` and ``bad`` alone) is scored beside it.
Leaving one set out at a time, each set is scored with a model fitted on the others; the pooled figure is the
estimate. ``--write`` fits on every article and writes the weights into the module.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer.tone import LABELS, TONE_MODEL, ToneModel, ToneReading, tone_features  # noqa: E402

L2 = 1.0
STEPS, RATE = 3000, 0.5


def features(row: dict) -> list[float]:
    return tone_features(row["good"], row["bad"], row["outlook"])


def fit(rows: list[dict]) -> tuple[list[float], list[float], list[list[float]]]:
    """Means, scales and weights (one row per standardised feature, then the bias; one column per label)."""
    x = np.array([features(r) for r in rows])
    y = np.eye(len(LABELS))[[LABELS.index(r["gold"]) for r in rows]]
    mean, scale = x.mean(0), x.std(0) + 1e-9
    x = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    w = np.zeros((x.shape[1], len(LABELS)))
    for _ in range(STEPS):
        z = x @ w
        p = np.exp(z - z.max(1, keepdims=True))
        p /= p.sum(1, keepdims=True)
        grad = x.T @ (p - y) / len(x)
        grad[:-1] += L2 * w[:-1] / len(x)
        w -= RATE * grad
    return mean.tolist(), scale.tolist(), w.tolist()


def predict(model: tuple[list[float], list[float], list[list[float]]], row: dict) -> str:
    mean, scale, weights = model
    fitted = ToneModel(tuple(mean), tuple(scale), tuple(tuple(w) for w in weights))
    return fitted.label(row["good"], row["bad"], row["outlook"])


def held_out(model: tuple[list[float], list[float], list[list[float]]], rows: list[dict]) -> None:
    """Per set of readings never fitted on: the rule, the model shipped in summarizer/tone.py, and ``model``."""
    print(f"held out     {'n':>3s} {'rule':>6s} {'shipped':>8s} {'this fit':>9s}")
    for name in [*sorted({r["set"] for r in rows}), None]:
        held = [r for r in rows if name is None or r["set"] == name]
        rule = sum(ToneReading(r["good"], r["bad"]).rule_label == r["gold"] for r in held)
        shipped = sum(TONE_MODEL.label(r["good"], r["bad"], r["outlook"]) == r["gold"] for r in held)
        ours = sum(predict(model, r) == r["gold"] for r in held)
        print(f"{name or 'all':12s} {len(held):3d} {100 * rule / len(held):5.1f}% {100 * shipped / len(held):7.1f}%"
              f" {100 * ours / len(held):8.1f}%")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("readings", nargs="?", default=str(ROOT / "bench" / "data" / "tone_readings.jsonl"))
    parser.add_argument("--write", help="the module to write the fitted weights into (summarizer/tone.py)")
    parser.add_argument("--held-out", help="readings never fitted on (bench/data/tone_readings_heldout.jsonl): "
                                           "the shipped model, the rule and this fit scored on them")
    args = parser.parse_args()
    rows = [json.loads(line) for line in Path(args.readings).read_text().splitlines() if line.strip()]
    sets = sorted({r["set"] for r in rows})
    print(f"{len(rows)} articles in {len(sets)} sets")
    print(f"{'set':12s} {'n':>3s} {'rule':>6s} {'model':>6s}  (model fitted on the other sets)")
    right_rule = right_model = 0
    for name in sets:
        held = [r for r in rows if r["set"] == name]
        model = fit([r for r in rows if r["set"] != name])
        rule = sum(ToneReading(r["good"], r["bad"]).rule_label == r["gold"] for r in held)
        ours = sum(predict(model, r) == r["gold"] for r in held)
        right_rule, right_model = right_rule + rule, right_model + ours
        print(f"{name:12s} {len(held):3d} {100 * rule / len(held):5.1f}% {100 * ours / len(held):5.1f}%")
    print(f"{'pooled':12s} {len(rows):3d} {100 * right_rule / len(rows):5.1f}% {100 * right_model / len(rows):5.1f}%")
    model = fit(rows)
    print(f"fitted on all: {100 * sum(predict(model, r) == r['gold'] for r in rows) / len(rows):.1f}% right")
    if args.held_out:
        held_out(model, [json.loads(line) for line in Path(args.held_out).read_text().splitlines() if line.strip()])
    if args.write:
        mean, scale, weights = model
        table = ("TONE_MODEL = ToneModel(\n"
                 f"    mean=({', '.join(f'{v:.6f}' for v in mean)}),\n"
                 f"    scale=({', '.join(f'{v:.6f}' for v in scale)}),\n"
                 "    weights=(\n"
                 + "".join(f"        ({', '.join(f'{v:.6f}' for v in row)}),\n" for row in weights)
                 + "    ),\n)\n")
        path = Path(args.write)
        text = path.read_text()
        new = re.sub(r"^TONE_MODEL = ToneModel\(\n.*?^\)\n", lambda _: table, text, count=1,
                     flags=re.MULTILINE | re.DOTALL)
        if new == text and table not in text:
            raise SystemExit(f"no TONE_MODEL table found in {path}")
        path.write_text(new)
        print(f"wrote the weights into {path}")


if __name__ == "__main__":
    main()
