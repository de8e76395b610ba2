"""Leave-one-site-out cross-validation of the general layer's thresholds (``summarizer/_classify.py``).

    python bench/clean_cv.py TUNING_FOLDER... --constraint tests/data/clean --constraint tests/data/eval \
        --constraint tests/data/clean_real_shapes [--start conservative]

The labelled pages of the tuning folders (``NAME.txt`` with ``NAME.gold.json``, as for
``bench/clean_sets.py``) are grouped by the host of their gold ``url``. For each site, the thresholds
are chosen on the other sites' pages only, then that site's pages are scored with them; the held-out
scores summed over all sites are the cross-validated figures, an estimate of how the choice does on a
site it has not seen.

The choice: coordinate descent over a small grid of values per threshold (the thresholds of one rule
move together), from the current values (``--start current``: they were set looking at every tuning
page, so the held-out site leaks into the start) or from each threshold's most conservative value
(``--start conservative``: no leak); the objective is noise strings dropped minus ten for each body
sentence lost (when in doubt, keep), and a move is taken only when it is strictly better (ties keep
the value before). The constraint folders
(the team's corpus, eval set and fixtures) may not lose anything they keep, nor drop less than they do
with the thresholds the descent starts from.

Prints only aggregates (the text of the sets never is): the current thresholds in-sample, no general
layer at all, the cross-validated figures, how often each threshold moved across the folds, and the
thresholds chosen on all sites.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import product
from pathlib import Path
from urllib.parse import urlparse

from clean_sets import Score, score_article

from summarizer import _classify

# Values tried for each threshold (the current value is added when missing); 0 turns a rule off where the
# threshold is an upper bound.
GRID: dict[str, tuple[float, ...]] = {
    "_MENU_MIN_WORDS": (4, 5, 6, 7, 8),
    "_MENU_TITLE_SHARE": (0.7, 0.8, 0.9, 1.0),
    "_MENU_LONG_WORDS": (8, 10, 12, 15),
    "_MENU_LONG_MAX_FUNCTION_WORDS": (0, 1, 2, 3),
    "_NOTE_MAX_WORDS": (12, 20, 30, 45),
    "_BULLET_MAX_WORDS": (0, 2, 3, 4, 5),
    "_BYLINE_MAX_CHARS": (60, 80, 120),
    "_CREDIT_MIN_WORDS": (3, 4, 6, 8, 10),
    "_ALT_MAX_WORDS": (0, 3, 5, 8),
    "_LABEL_PROMO_MAX_CHARS": (0, 80, 110, 150),
    "_COPY_MIN_CHARS": (40, 60, 80),
    "_COPY_MAX_EXTRA": (20, 40, 60),
    "_SMOOTH_MAX_WORDS": (0, 2, 3, 5),
}
# Thresholds a line must reach to be removed (the others are upper bounds): their conservative end is the highest.
AT_LEAST = frozenset(("_MENU_MIN_WORDS", "_MENU_TITLE_SHARE", "_MENU_LONG_WORDS", "_CREDIT_MIN_WORDS",
                      "_COPY_MIN_CHARS"))
# Thresholds of one rule move together (a menu needs its length and its title case both met).
GROUPS: tuple[tuple[str, ...], ...] = (
    ("_MENU_MIN_WORDS", "_MENU_TITLE_SHARE"), ("_MENU_LONG_WORDS", "_MENU_LONG_MAX_FUNCTION_WORDS"),
    ("_CREDIT_MIN_WORDS", "_ALT_MAX_WORDS"), ("_COPY_MIN_CHARS", "_COPY_MAX_EXTRA"),
    *((name,) for name in ("_NOTE_MAX_WORDS", "_BULLET_MAX_WORDS", "_BYLINE_MAX_CHARS", "_LABEL_PROMO_MAX_CHARS",
                           "_SMOOTH_MAX_WORDS")),
)
LOST_WEIGHT = 10
MAX_SWEEPS = 3
Config = tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class Page:
    path: Path
    gold: dict[str, object]
    site: str | None  # None: a constraint page


@dataclass(frozen=True)
class Counts:
    kept: int
    keep: int
    dropped: int
    drop: int

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.kept + other.kept, self.keep + other.keep, self.dropped + other.dropped,
                      self.drop + other.drop)


ZERO = Counts(0, 0, 0, 0)


def pages(folder: Path, constraint: bool) -> list[Page]:
    found = []
    for path in sorted(folder.glob("*.txt")):
        gold_path = path.with_suffix(".gold.json")
        if gold_path.is_file():
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            host = urlparse(str(gold.get("url") or "")).hostname or path.stem
            found.append(Page(path, gold, None if constraint else host.removeprefix("www.")))
    return found


OFF: Config = (("mark_general", 0),)  # the layer not run at all


def _skip(lines: object) -> None:
    return None


@contextmanager
def thresholds(config: Config) -> Iterator[None]:
    saved = {name: getattr(_classify, name) for name, _ in config}
    try:
        for name, value in config:
            setattr(_classify, name, _skip if name == "mark_general" else value)
        yield
    finally:
        for name, value in saved.items():
            setattr(_classify, name, value)


class Evaluator:
    """Each page's counts under a configuration, computed once per configuration."""

    def __init__(self, all_pages: list[Page]) -> None:
        self.pages = all_pages
        self.memo: dict[Config, list[Counts]] = {}

    def counts(self, config: Config) -> list[Counts]:
        if config not in self.memo:
            results = []
            with thresholds(config):
                for page in self.pages:
                    score = Score()
                    score_article(page.path, page.gold, score)
                    results.append(Counts(score.kept, score.keep, score.dropped, score.drop))
            self.memo[config] = results
        return self.memo[config]

    def total(self, config: Config, chosen: list[int]) -> Counts:
        counts = self.counts(config)
        return sum((counts[index] for index in chosen), ZERO)


def objective(evaluator: Evaluator, config: Config, train: list[int], constraint: list[int],
              floor: Counts) -> float | None:
    """Dropped minus LOST_WEIGHT per lost body sentence on train; None when the constraint pages get worse."""
    held = evaluator.total(config, constraint)
    if held.kept < floor.kept or held.dropped < floor.dropped:
        return None
    counts = evaluator.total(config, train)
    return counts.dropped - LOST_WEIGHT * (counts.keep - counts.kept)


def choose(evaluator: Evaluator, start: Config, train: list[int], constraint: list[int], floor: Counts) -> Config:
    best, best_value = start, objective(evaluator, start, train, constraint, floor)
    assert best_value is not None
    for _ in range(MAX_SWEEPS):
        moved = False
        for group in GROUPS:
            base = dict(best)
            for values in product(*(sorted(set(GRID[name]) | {base[name]}) for name in group)):
                candidate = tuple((name, dict(zip(group, values, strict=True)).get(name, value))
                                  for name, value in base.items())
                if candidate == best:
                    continue
                score = objective(evaluator, candidate, train, constraint, floor)
                if score is not None and score > best_value:
                    best, best_value, moved = candidate, score, True
        if not moved:
            break
    return best


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}% ({part}/{whole})" if whole else "-"


def _line(label: str, counts: Counts) -> str:
    return f"{label:<44} kept {_pct(counts.kept, counts.keep):<20} dropped {_pct(counts.dropped, counts.drop)}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--constraint", action="append", type=Path, default=[])
    parser.add_argument("--start", choices=("current", "conservative"), default="current",
                        help="where the descent starts: the current thresholds (which were set looking at every "
                             "tuning page), or each at the end of its grid that removes least (no such leak)")
    args = parser.parse_args()
    tuning = [page for folder in args.folders for page in pages(folder, constraint=False)]
    held = [page for folder in args.constraint for page in pages(folder, constraint=True)]
    evaluator = Evaluator(tuning + held)
    train_all = list(range(len(tuning)))
    constraint = list(range(len(tuning), len(tuning) + len(held)))
    current: Config = tuple((name, getattr(_classify, name)) for name in GRID)
    start = current if args.start == "current" else tuple(
        (name, max(GRID[name]) if name in AT_LEAST else min(GRID[name])) for name in GRID)
    floor = evaluator.total(start, constraint)
    print(f"descent starts from the {args.start} thresholds")
    sites = sorted({page.site for page in tuning if page.site})
    print(f"{len(tuning)} pages from {len(sites)} sites; {len(held)} constraint pages")
    print(_line("current thresholds, in-sample", evaluator.total(current, train_all)))
    print(_line("no general layer", evaluator.total(OFF, train_all)))
    print(_line("constraint folders, current", evaluator.total(current, constraint)))
    print(_line("constraint folders, at the start", floor))
    cross, moves = ZERO, Counter[str]()
    for site in sites:
        test = [index for index, page in enumerate(tuning) if page.site == site]
        train = [index for index in train_all if index not in test]
        chosen = choose(evaluator, start, train, constraint, floor)
        moves.update(name for (name, value), (_, now) in zip(chosen, start, strict=True) if value != now)
        cross += evaluator.total(chosen, test)
    print(_line(f"leave-one-site-out ({len(sites)} folds)", cross))
    print("thresholds moved from the start, in how many folds:", dict(moves) or "none")
    final = choose(evaluator, start, train_all, constraint, floor)
    print(_line("thresholds chosen on all sites, in-sample", evaluator.total(final, train_all)))
    print("chosen on all sites (where not the current value):", {
        name: value for (name, value), (_, now) in zip(final, current, strict=True) if value != now} or "none")
    print(f"({len(evaluator.memo)} configurations cleaned)")


if __name__ == "__main__":
    main()
