"""How far the layout model's body lines stay from its threshold, by leaving one site out.

    python bench/layout_safety.py TUNING_FOLDER... --team tests/data/clean --team tests/data/eval

For each site of the tuning pages, the model is trained (as ``bench/layout_train.py`` does, L2 ``--l2``) on
the other sites and the team's sets, and the whole cleaner runs on that site's pages
with it. Every line the model scores in the cleaner is recorded with its probability of noise and its label
from the gold (body: it holds a ``must_keep`` piece). Printed, summed over the left-out sites, for each guard
policy (``POLICIES``):

- kept and dropped (the gold strings, as ``bench/clean_sets.py`` counts them);
- the body lines scored and the highest probability among them: its distance to the threshold is the margin;
- the same under stress: each line's continuous features moved by ``--stress`` of their range towards noise,
  and one neighbour flag (prose, sentence end) read the wrong way, the worst one;
- the same for each body line wrapped at ``WRAP_WIDTH`` characters in its place (a page with hard line
  breaks), the guards asked again about the new lines;
- the model alone (no line rules, as ``bench/layout_train.py`` scores it): what it may do where the rules
  know nothing.

and whether the model trained on every page loses nothing on the constraint pages (``--team``,
``--constraint``) and drops there no less than the rules alone.

How the guard was chosen: a policy is safe when no left-out body line reaches the threshold, under feature
stress too, and the same holds with the guard's share of function words 0.05 higher (a margin in the guard
itself); among safe policies, the one that drops the most noise; ties go to the more careful one (a lower
share, fewer words). The wrap stress and the model alone are read after that. Policies tried and not chosen
are ``Candidate``'s fields. Only aggregates are printed (``--show`` prints the closest body lines of the
tuning pages, for study).
"""

from __future__ import annotations

import argparse
import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from clean_sets import Score
from layout_train import OFF, Counts, Page, _add, _pct, _pieces, alone, fit, label, load, whole

from summarizer import _layout_model
from summarizer._layout_features import NAMES, key, shapes
from summarizer._layout_model import MODEL, Model
from summarizer._prose import PUNCTUATION

_PROSE, _ENDS = NAMES.index("prose"), NAMES.index("ends_sentence")
_BINARY_NEIGHBOURS = tuple(NAMES.index(name) for name in (
    "prev_prose", "prev_ends", "next_prose", "next_ends", "prev2_prose", "next2_prose"))
_CONTINUOUS = tuple(NAMES.index(name) for name in (
    "words", "function_share", "title_share", "digit_share", "symbol_share", "position", "body_distance",
    "prev_words", "next_words"))


@dataclass
class Scored:
    text: str
    tag: float | None
    margin: float = 1.0  # the threshold for the line less its probability of noise, the lowest seen (1: unscored)
    stressed: float = 1.0  # the same under feature stress
    wrap: float = 1.0  # the same for the pieces of the line wrapped (``wrapped``), in its place


def stressed_score(model: Model, row: Sequence[float], stress: float) -> float:
    """The model's score with the continuous features moved towards noise and the worst neighbour flag."""
    score = model.bias + sum(w * x for w, x in zip(model.weights, row, strict=True))
    score += sum(stress * abs(model.weights[i]) for i in _CONTINUOUS)
    flips = [model.weights[i] * ((1.0 - row[i]) - row[i]) for i in _BINARY_NEIGHBOURS]
    return score + max(0.0, *flips)


def _probability(score: float) -> float:
    return 1.0 / (1.0 + math.exp(-score)) if score > -30 else 0.0


def wrapped(text: str) -> list[str] | None:
    """The line as a page with hard line breaks shows it: lines of up to WRAP_WIDTH characters (None for a
    line that fits on one)."""
    pieces = textwrap.wrap(text, WRAP_WIDTH)
    return pieces if len(pieces) > 1 else None


WRAP_WIDTH = 60


def traced(page: Page, model: Model, stress: float) -> tuple[Score, list[Scored]]:
    """The whole cleaner on a page with ``model``; every line the layer looked at, with its lowest margins."""
    drops, keeps = _pieces(page.gold.get("must_drop")), _pieces(page.gold.get("must_keep"))
    seen: dict[str, Scored] = {}
    texts: dict[int, str] = {}  # the id of a line's own features -> its text
    original_guarded, original_own = _layout_model.guarded, _layout_model._own
    original_context = _layout_model.in_context

    def line_of(text: str) -> Scored:
        return seen.setdefault(text, Scored(text, label(text, drops, keeps)))

    def guarded_(sequence, model_, known=None):  # type: ignore[no-untyped-def]
        for index, text in enumerate(sequence):  # the wrap stress: asked on every call, scored or not
            if line_of(text).tag == 0.0 and (halves := wrapped(text)):
                line_of(text).wrap = min(line_of(text).wrap, _wrap_margin(sequence, index, halves))
        return original_guarded(sequence, model_, known)

    def own_(memo, text, body, scored):  # type: ignore[no-untyped-def]
        row = original_own(memo, text, body, scored)
        texts[id(row)] = text
        return row

    def in_context(own, keys, scored=None):  # type: ignore[no-untyped-def]
        rows = original_context(own, keys, scored)
        if not any(row[_PROSE] > 0 and row[_ENDS] > 0 for row in own):
            return rows  # a page without prose: the layer does nothing
        for index, row in enumerate(rows):
            if row:
                line, limit = line_of(texts[id(own[index])]), model.threshold
                line.margin = min(line.margin, limit - model.noise(row))
                line.stressed = min(line.stressed, limit - _probability(stressed_score(model, row, stress)))
        return rows

    def _wrap_margin(sequence, index, pieces):  # type: ignore[no-untyped-def]
        sequence = [*sequence[:index], *pieces, *sequence[index + 1:]]
        flags = [not flag for flag in original_guarded(sequence, model)]
        mine = [i for i in range(index, index + len(pieces)) if flags[i]]
        if not mine:
            return 1.0
        own = shapes(sequence, flags)
        if not any(row[_PROSE] > 0 and row[_ENDS] > 0 for row in own):
            return 1.0
        rows = original_context(own, [key(text) for text in sequence], flags)
        return min(model.threshold - model.noise(rows[i]) for i in mine)

    _layout_model.guarded = guarded_  # type: ignore[assignment]
    _layout_model._own, _layout_model.in_context = own_, in_context  # type: ignore[assignment]
    try:
        score = whole(page, model)
    finally:
        _layout_model.guarded = original_guarded
        _layout_model._own, _layout_model.in_context = original_own, original_context
    return score, list(seen.values())


@dataclass(frozen=True)
class Candidate(Model):
    """The module's model with the guards that were tried and not chosen (all off by default)."""

    guard_verb_words: int = 0  # a line of this many words with a finite verb's function word (0: off)
    guard_inner: bool = False  # a line whose text up to its last inner sentence end is prose
    guard_between: bool = False  # a line between two prose lines
    body_threshold: float = 0.0  # the threshold between the body's first and last prose lines (0: the same)

    def protects(self, text: str, last: bool = False) -> bool:
        if super().protects(text, last):
            return True
        if self.guard_verb_words and len(words := text.lower().translate(PUNCTUATION).split()) >= \
                self.guard_verb_words and any(word in FINITE for word in words):
            return True
        end = max((found + len(mark) - 1 for mark in _INNER_ENDS if (found := text.rfind(mark)) >= 0), default=0)
        return self.guard_inner and end > 0 and super().protects(text[:end])

    def noise(self, row: Sequence[float]) -> float:
        if self.guard_between and row[_PREV_PROSE] and row[_NEXT_PROSE]:
            return 0.0
        p = super().noise(row)
        inside = not row[_BEFORE_BODY] and not row[_AFTER_BODY]
        return 0.0 if self.body_threshold and inside and p < self.body_threshold else p


# Function words that are (or stand for) a finite verb: a line with one says something happened
FINITE = frozenset(("is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "should",
                    "may", "might", "must", "does", "did", "said", "says", "do"))
_INNER_ENDS = (". ", "? ", "! ", ".\" ", ".” ", ".’ ", ".) ")
_PREV_PROSE, _NEXT_PROSE = NAMES.index("prev_prose"), NAMES.index("next_prose")
_BEFORE_BODY, _AFTER_BODY = NAMES.index("before_body"), NAMES.index("after_body")
_OFF = {"guard_open_words": 0, "guard_wrapped": False, "guard_open_last": False, "guard_function": 0.2}
POLICIES: dict[str, dict[str, object]] = {
    "before (6 words, end)": _OFF,
    "finite verb 8": {**_OFF, "guard_verb_words": 8},
    "between prose": {**_OFF, "guard_between": True},
    "head and tail only": {**_OFF, "body_threshold": 2.0},
    "inner sentence": {**_OFF, "guard_inner": True},
    "open 10": {**_OFF, "guard_open_words": 10},
    "wrapped": {**_OFF, "guard_wrapped": True},
    **{f"wrapped, open {o}{' last' if last else ''}, share {f}": {
        **_OFF, "guard_open_words": o, "guard_wrapped": True, "guard_function": f, "guard_open_last": last}
       for last in (False, True) for o in (8, 10, 12) for f in (0.15, 0.2, 0.25)},
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--team", action="append", type=Path, default=[])
    parser.add_argument("--constraint", action="append", type=Path, default=[],
                        help="folders the model trained on every page must lose nothing on (--team too)")
    parser.add_argument("--l2", type=float, default=1.0, help="the model's regularisation (1.0, as chosen)")
    parser.add_argument("--stress", type=float, default=0.05, help="share of a feature's range (0.05)")
    parser.add_argument("--policy", help="only the policies whose name holds this")
    parser.add_argument("--show", type=int, default=0, help="print this many closest body lines (tuning pages)")
    args = parser.parse_args()
    tuning = [page for folder in args.folders for page in load(folder, team=False)]
    team = [page for folder in args.team for page in load(folder, team=True)]
    sites = sorted({page.site for page in tuning if page.site})
    constraint = team + [page for folder in args.constraint for page in load(folder, team=True)]
    floor = (0, 0, 0, 0)
    for page in constraint:
        floor = _add(floor, whole(page, OFF))
    weights, bias = fit(tuning + team, args.l2, 0.0)
    final = Candidate(**{**MODEL.__dict__, "weights": weights, "bias": bias})
    folds = {}
    for site in sites:
        weights, bias = fit([page for page in tuning if page.site != site] + team, args.l2, 0.0)
        folds[site] = Candidate(**{**MODEL.__dict__, "weights": weights, "bias": bias})
    for name, changes in POLICIES.items():
        if args.policy and args.policy not in name:
            continue
        counts: Counts = (0, 0, 0, 0)
        body: list[Scored] = []
        for site in sites:
            model = replace(folds[site], **changes)  # type: ignore[arg-type]
            for page in (page for page in tuning if page.site == site):
                page_counts, lines = traced(page, model, args.stress)
                counts = _add(counts, page_counts)
                body.extend(line for line in lines if line.tag == 0.0)
        wrap = min((line.wrap for line in body), default=1.0)
        wrap_over = sum(line.wrap <= 0 for line in body)
        margin = min((line.margin for line in body), default=1.0)
        stressed = min((line.stressed for line in body), default=1.0)
        over = sum(line.stressed <= 0 for line in body)
        scored = sum(line.margin < 1 for line in body)
        solo: Counts = (0, 0, 0, 0)
        for site in sites:
            for page in (page for page in tuning if page.site == site):
                solo = _add(solo, alone(page, replace(folds[site], **changes)))  # type: ignore[arg-type]
        held: Counts = (0, 0, 0, 0)
        for page in constraint:
            held = _add(held, whole(page, replace(final, **changes)))  # type: ignore[arg-type]
        ok = "ok" if held[0] == held[1] and held[2] >= floor[2] else "NO"
        print(f"{name:<26} {_pct(counts)} | alone {100 * solo[2] / solo[3]:.1f}% lost {solo[1] - solo[0]} | "
              f"constraint {ok} | body lines {len(body)}, scored {scored}: margin {margin:+.3f}, stressed "
              f"{stressed:+.3f} ({over} over); wrapped: {wrap:+.3f} ({wrap_over} over)")
        for line in sorted(body, key=lambda line: min(line.stressed, line.wrap))[:args.show]:
            print(f"    {line.margin:+.3f} {line.stressed:+.3f} {line.wrap:+.3f} {line.text[:100]!r}")


if __name__ == "__main__":
    main()
