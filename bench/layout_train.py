"""Train the layout model (``summarizer/_layout_model.py``) and cross-validate it by leaving one site out.

    python bench/layout_train.py TUNING_FOLDER... --team tests/data/clean --team tests/data/eval \
        --constraint tests/data/clean_real_shapes [--write summarizer/_layout_model.py]

Needs numpy (for training only; the package reads the weights in pure Python).

Data. Each folder holds ``NAME.txt`` with ``NAME.gold.json`` (as for ``bench/clean_sets.py``). A page's
lines, after the cleaner's inline repairs, are labelled from its gold: a line mostly made of a
``must_drop`` string is noise, a line holding (a piece of) a ``must_keep`` sentence is body (body wins), the
others are unlabelled (they still count as neighbours; ``--unlabelled`` gives them a weight as body). Each
labelled line is seen in two contexts: among all the page's lines, and among the lines the rules keep
(with the line itself put back), which is what the model sees in the cleaner.

Cross-validation. Tuning pages are grouped by the host of their gold ``url``; for each site, a model is
trained on the other sites' pages and the team's sets (``--team``, always training data) and scored on
that site's pages in two ways: the model alone after the inline repairs (no line rules), and the whole
cleaner with the model after the rules. Summed over sites, these are the cross-validated figures; the
hyper-parameters (regularisation, weight of unlabelled lines, threshold, whether lines with a figure of
their own are kept) are chosen by them only (noise strings dropped minus ten per body sentence
lost, both ways added), among the settings whose model trained on every page loses nothing on the
constraint pages (``--team`` and ``--constraint`` folders) and drops there no less than the rules alone.
Only aggregates are printed: the text of the sets never is. The prose guard and the lowest threshold tried
are ``bench/layout_safety.py``'s choice (body lines' margins), not traded against noise dropped here.

``--write`` trains on every page with the chosen hyper-parameters and writes the weights into the module.
"""

from __future__ import annotations

import argparse
import itertools
import json
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import numpy as np
from clean_sets import Score, score_article

from summarizer import _layout_model
from summarizer._layout_features import NAMES, features
from summarizer._layout_model import Model, mark_layout
from summarizer._lines import PageLine, join_kept, split_lines
from summarizer._prose import is_body_paragraph
from summarizer._repair import repair_lines
from summarizer.cleaning import clean

LOST_WEIGHT = 10
OFF = Model(weights=tuple(0.0 for _ in NAMES), bias=-50.0, threshold=2.0, guard_words=0, guard_function=0.0)
GRID_L2 = (1.0, 3.0, 10.0, 30.0)
GRID_UNLABELLED = (0.0, 0.25)
GRID_THRESHOLD = (0.9, 0.95)  # lower ones leave body lines less margin (bench/layout_safety.py)
GRID_GUARD_WORDS = (6,)  # the prose guard is bench/layout_safety.py's choice, not traded against noise here
GRID_FACTS = (False, True)
# The rest of the prose guard (chosen by bench/layout_safety.py: kept 100% with a margin, leaving one site
# out): its share of function words; from how many words the page's last line is prose without a sentence
# end; a sentence wrapped over several lines read as one
GUARD_FUNCTION = 0.15
GUARD_OPEN_WORDS = 10
GUARD_OPEN_LAST = True
GUARD_WRAPPED = True


@dataclass
class Page:
    path: Path
    gold: dict[str, object]
    site: str | None  # None: a team page (always training data)
    rows: list[list[float]] = field(default_factory=list)
    labels: list[float | None] = field(default_factory=list)


def _pieces(strings: object) -> list[str]:
    out = []
    for string in strings or []:  # type: ignore[attr-defined]
        out.extend(piece.strip() for piece in str(string).splitlines() if piece.strip())
    return out


def label(text: str, drops: list[str], keeps: list[str]) -> float | None:
    """1 noise, 0 body, None unlabelled (see the module's notes)."""
    if any(piece in text or (len(text) >= 20 and text in piece) for piece in keeps):
        return 0.0
    covered = sum(len(piece) for piece in drops if piece in text)
    return 1.0 if covered and covered >= 0.5 * len(text) else None


def _lines(text: str) -> list[PageLine]:
    lines = split_lines(text)
    repair_lines(text, lines)
    for line in lines:
        line.body = is_body_paragraph(line.text)  # as the cleaner marks it on a kept line
    return [line for line in lines if line.text]


def load(folder: Path, team: bool) -> list[Page]:
    out = []
    for path in sorted(folder.glob("*.txt")):
        gold_path = path.with_suffix(".gold.json")
        if not gold_path.is_file():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        host = urlparse(str(gold.get("url") or "")).hostname or path.stem
        page = Page(path, gold, None if team else host.removeprefix("www."))
        _examples(page)
        out.append(page)
    return out


def _rule_kept(text: str) -> set[int]:
    """Starts of the lines the rules keep (the model off; a line taken as the title is not kept)."""
    saved, _layout_model.MODEL = _layout_model.MODEL, OFF
    try:
        article = clean(text)
    finally:
        _layout_model.MODEL = saved
    lines = _lines(text)
    raw = {line.start: line.raw for line in lines}
    gone = {removed.start for removed in article.removed if raw.get(removed.start) == removed.text}
    return {line.start for line in lines} - gone


def _examples(page: Page) -> None:
    text = page.path.read_text(encoding="utf-8")
    lines = _lines(text)
    drops, keeps = _pieces(page.gold.get("must_drop")), _pieces(page.gold.get("must_keep"))
    labels = [label(line.text, drops, keeps) for line in lines]
    whole = features([line.text for line in lines])
    kept = _rule_kept(text)
    kept_rows = dict(zip([i for i, line in enumerate(lines) if line.start in kept],
                         features([line.text for line in lines if line.start in kept]), strict=True))
    for index, tag in enumerate(labels):
        page.rows.append(whole[index])
        page.labels.append(tag)
        if index in kept_rows:
            row = kept_rows[index]
        else:  # what the model would see had the rules missed this line
            sequence = [i for i in range(len(lines)) if i in kept_rows or i == index]
            row = features([lines[i].text for i in sequence])[sequence.index(index)]
        page.rows.append(row)
        page.labels.append(tag)


def fit(pages: list[Page], l2: float, unlabelled: float) -> tuple[tuple[float, ...], float]:
    """Logistic regression by Newton's method on standardised features; weights back in raw units."""
    rows, targets, weights = [], [], []
    for page in pages:
        for row, tag in zip(page.rows, page.labels, strict=True):
            if tag is None and not unlabelled:
                continue
            rows.append(row)
            targets.append(0.0 if tag is None else tag)
            weights.append(unlabelled if tag is None else 1.0)
    x, y, w = np.array(rows), np.array(targets), np.array(weights)
    positive = w[y == 1].sum()
    w = np.where(y == 1, w * (w[y == 0].sum() / positive if positive else 1.0), w)  # classes balanced
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    beta = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-np.clip(z @ beta, -30, 30)))
        gradient = z.T @ (w * (p - y)) + penalty * beta
        hessian = (z * (w * p * (1 - p))[:, None]).T @ z + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-7:
            break
    raw = beta[:-1] / scale
    return tuple(float(v) for v in raw), float(beta[-1] - (raw * mean).sum())


def alone(page: Page, model: Model) -> Score:
    """The model without the line rules: on the page's repaired lines, then joined as the cleaner joins."""
    lines = _lines(page.path.read_text(encoding="utf-8"))
    mark_layout(lines, model=model)
    text = join_kept(lines)
    score = Score()
    for sentence in page.gold.get("must_keep", []):  # type: ignore[attr-defined]
        score.keep += 1
        score.kept += sentence in text
    for noise in page.gold.get("must_drop", []):  # type: ignore[attr-defined]
        score.drop += 1
        score.dropped += noise not in text
    return score


def whole(page: Page, model: Model) -> Score:
    saved, _layout_model.MODEL = _layout_model.MODEL, model
    try:
        score = Score()
        score_article(page.path, page.gold, score)
        return score
    finally:
        _layout_model.MODEL = saved


Counts = tuple[int, int, int, int]  # kept, keep, dropped, drop


def _add(total: Counts, score: Score) -> Counts:
    return (total[0] + score.kept, total[1] + score.keep, total[2] + score.dropped, total[3] + score.drop)


def _value(counts: Counts) -> int:
    return counts[2] - LOST_WEIGHT * (counts[1] - counts[0])


def _pct(counts: Counts) -> str:
    return (f"kept {100 * counts[0] / counts[1]:5.1f}% ({counts[0]}/{counts[1]})  "
            f"dropped {100 * counts[2] / counts[3]:5.1f}% ({counts[2]}/{counts[3]})")


def _model(weights: tuple[float, ...], bias: float, threshold: float, guard: float, facts: bool) -> Model:
    return Model(weights, bias, threshold, int(guard), GUARD_FUNCTION, facts, GUARD_OPEN_WORDS, GUARD_OPEN_LAST,
                 GUARD_WRAPPED)


def cross_validate(tuning: list[Page], team: list[Page]) -> dict[tuple[float, ...], tuple[Counts, Counts]]:
    """For every hyper-parameter setting: the held-out sites' counts, model alone and whole cleaner."""
    sites = sorted({page.site for page in tuning if page.site})
    results: dict[tuple[float, ...], tuple[Counts, Counts]] = {}
    for site in sites:
        test = [page for page in tuning if page.site == site]
        train = [page for page in tuning if page.site != site] + team
        for l2, unlabelled in itertools.product(GRID_L2, GRID_UNLABELLED):
            weights, bias = fit(train, l2, unlabelled)
            for threshold, guard, facts in itertools.product(GRID_THRESHOLD, GRID_GUARD_WORDS, GRID_FACTS):
                model = _model(weights, bias, threshold, guard, facts)
                key = (l2, unlabelled, threshold, guard, facts)
                a, b = results.get(key, ((0, 0, 0, 0), (0, 0, 0, 0)))
                for page in test:
                    a, b = _add(a, alone(page, model)), _add(b, whole(page, model))
                results[key] = (a, b)
    return results


def allowed(tuning: list[Page], team: list[Page], constraint: list[Page]) -> set[tuple[float, ...]]:
    """The settings whose model trained on every page loses nothing on the constraint pages (the team's sets
    and fixtures) and drops no less there than the rules alone."""
    floor = (0, 0, 0, 0)
    for page in constraint:
        floor = _add(floor, whole(page, OFF))
    out = set()
    for l2, unlabelled in itertools.product(GRID_L2, GRID_UNLABELLED):
        weights, bias = fit(tuning + team, l2, unlabelled)
        for threshold, guard, facts in itertools.product(GRID_THRESHOLD, GRID_GUARD_WORDS, GRID_FACTS):
            counts = (0, 0, 0, 0)
            for page in constraint:
                counts = _add(counts, whole(page, _model(weights, bias, threshold, guard, facts)))
            if counts[0] == counts[1] and counts[2] >= floor[2]:
                out.add((l2, unlabelled, threshold, guard, facts))
    return out


def write(path: Path, model: Model, note: str) -> None:
    source = path.read_text(encoding="utf-8")
    table = "\n".join(f"        {weight: .6f},  # {name}" for name, weight in zip(NAMES, model.weights, strict=True))
    block = (f"# Written by bench/layout_train.py --write:\n# {note}.\nMODEL = Model(\n    weights=(\n{table}\n    ),\n"
             f"    bias={model.bias:.6f},\n    threshold={model.threshold},\n    guard_words={model.guard_words},\n"
             f"    guard_function={model.guard_function},\n    keep_facts={model.keep_facts},\n"
             f"    guard_open_words={model.guard_open_words},\n    guard_open_last={model.guard_open_last},\n"
             f"    guard_wrapped={model.guard_wrapped},\n)\n")
    start = source.index("# Written by bench/layout_train.py")
    path.write_text(source[:start] + block, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--team", action="append", type=Path, default=[])
    parser.add_argument("--constraint", action="append", type=Path, default=[],
                        help="folders the chosen model must lose nothing on (the team's fixtures; --team too)")
    parser.add_argument("--write", type=Path, help="write the model trained on every page into this module")
    args = parser.parse_args()
    tuning = [page for folder in args.folders for page in load(folder, team=False)]
    team = [page for folder in args.team for page in load(folder, team=True)]
    count = sum(1 for page in tuning + team for tag in page.labels[::2] if tag is not None)
    noise = sum(1 for page in tuning + team for tag in page.labels[::2] if tag == 1)
    print(f"{len(tuning)} tuning pages from {len({p.site for p in tuning})} sites, {len(team)} team pages; "
          f"{count} labelled lines ({noise} noise), each in two contexts")
    base_a = base_b = (0, 0, 0, 0)
    for page in tuning:
        base_a, base_b = _add(base_a, alone(page, OFF)), _add(base_b, whole(page, OFF))
    print(f"{'inline repairs only (no line rules)':<40} {_pct(base_a)}")
    print(f"{'rules, no model':<40} {_pct(base_b)}")
    constraint = team + [page for folder in args.constraint for page in load(folder, team=True)]
    permitted = allowed(tuning, team, constraint)
    print(f"{len(permitted)} settings lose nothing on the {len(constraint)} constraint pages")
    results = cross_validate(tuning, team)
    # ties go to the more careful setting: a higher threshold, unique facts kept, the prose guard from fewer words
    ranked = sorted(results, key=lambda key: (-(_value(results[key][0]) + _value(results[key][1])), -key[2],
                                              -key[4], key[3]))
    for key in ranked[:10]:
        a, b = results[key]
        print(f"  l2={key[0]:<5} unlabelled={key[1]:<5} threshold={key[2]:<5} guard={int(key[3]):<3} "
              f"facts={bool(key[4])!s:<5} {'ok' if key in permitted else 'NO'} alone {_pct(a)} | with rules {_pct(b)}")
    best = next(key for key in ranked if key in permitted)
    a, b = results[best]
    print(f"chosen by CV among those: l2={best[0]} unlabelled={best[1]} threshold={best[2]} "
          f"guard_words={int(best[3])} keep_facts={bool(best[4])}")
    print(f"{'left-out sites, model alone':<40} {_pct(a)}")
    print(f"{'left-out sites, rules + model':<40} {_pct(b)}")
    weights, bias = fit(tuning + team, best[0], best[1])
    final = _model(weights, bias, best[2], int(best[3]), bool(best[4]))
    for name, pages in (("tuning pages, in-sample", tuning), ("constraint pages", constraint)):
        counts = (0, 0, 0, 0)
        for page in pages:
            counts = _add(counts, whole(page, final))
        print(f"{name + ', rules + model':<40} {_pct(counts)}")
    if args.write:
        write(args.write, final, f"{len(tuning)} tuning pages, {len(team)} team pages; l2={best[0]}, "
                                 f"unlabelled={best[1]} chosen by leave-one-site-out CV")
        print(f"written to {args.write}")


if __name__ == "__main__":
    main()
