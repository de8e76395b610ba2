"""How well the cleaner does on labelled sets of articles, and how fast.

    python bench/clean_sets.py tests/data/clean tests/data/eval /path/to/other/set ...

Each folder holds NAME.txt with NAME.gold.json next to it (the ``summarize eval``
gold format: ``must_keep``, ``must_drop``, and optionally ``title`` and
``forbidden_figures``). Per folder it prints:

- must-keep kept: gold body sentences found whole in the cleaned text;
- must-drop dropped: gold noise strings no longer in the cleaned text;
- title found: articles whose ``title`` the cleaner found, of those whose gold has one
  ("wrong" counts a title given that is not the gold one, or where the gold has none);
- forbidden figures left: gold noise figures still in the cleaned text;
- throughput: MB of input cleaned per second of CPU time (best of three).

``--list`` also prints every lost, left or wrong item, for tuning. The text of the
sets is never printed otherwise, so figures can be shared for sets that must stay private.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from summarizer.evaluate import appears_in
from summarizer.inputs import clean_input as clean


@dataclass
class Score:
    articles: int = 0
    keep: int = 0
    kept: int = 0
    drop: int = 0
    dropped: int = 0
    titles: int = 0
    titles_found: int = 0
    titles_wrong: int = 0
    forbidden: int = 0
    forbidden_left: int = 0
    details: list[str] = field(default_factory=list)


def _norm_title(title: str) -> str:
    return re.sub(r"\s+", " ", title).strip().rstrip(".").casefold()


def score_article(path: Path, gold: dict[str, object], score: Score) -> None:
    article = clean(path.read_text(encoding="utf-8"))
    text, name = article.text, path.stem
    score.articles += 1
    for sentence in gold.get("must_keep", []):  # type: ignore[attr-defined]
        kept = appears_in(sentence, text)
        score.keep += 1
        score.kept += kept
        if not kept:
            score.details.append(f"{name}: LOST {sentence!r}")
    for noise in gold.get("must_drop", []):  # type: ignore[attr-defined]
        left = appears_in(noise, text)
        score.drop += 1
        score.dropped += not left
        if left:
            score.details.append(f"{name}: LEFT {noise!r}")
    for figure in gold.get("forbidden_figures", []) or []:  # type: ignore[attr-defined]
        score.forbidden += 1
        score.forbidden_left += figure in text
        if figure in text:
            score.details.append(f"{name}: FIGURE {figure!r}")
    expected = gold.get("title") or None
    found = article.title is not None and expected is not None and _norm_title(article.title) == _norm_title(
        str(expected))
    if expected is not None:
        score.titles += 1
        score.titles_found += found
    if article.title is not None and not found:
        score.titles_wrong += 1  # a line taken as title that is not the headline (or the gold has none)
    if (expected is not None or article.title is not None) and not found:
        score.details.append(f"{name}: TITLE {article.title!r} (gold {expected!r})")


def throughput(paths: list[Path]) -> float:
    texts = [p.read_text(encoding="utf-8") for p in paths]
    size = sum(len(t.encode("utf-8")) for t in texts) / 1024 / 1024
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        for text in texts:
            clean(text)
        best = min(best, time.process_time() - started)
    return size / best if best > 0 else float("inf")


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:6.1f}%" if whole else "     -"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--list", action="store_true", help="print every lost, left or wrong item")
    args = parser.parse_args()
    print(f"{'set':<24} {'n':>3} {'kept':>7} {'dropped':>7} {'title':>7} {'wrong':>5} {'figs left':>9} {'MB/s':>6}")
    for folder in args.folders:
        paths = sorted(p for p in folder.glob("*.txt") if p.with_suffix(".gold.json").is_file())
        score = Score()
        for path in paths:
            score_article(path, json.loads(path.with_suffix(".gold.json").read_text(encoding="utf-8")), score)
        label = "/".join(folder.resolve().parts[-2:])
        print(f"{label:<24} {score.articles:>3} {_pct(score.kept, score.keep)} {_pct(score.dropped, score.drop)} "
              f"{_pct(score.titles_found, score.titles)} {score.titles_wrong:>5} "
              f"{score.forbidden_left:>4}/{score.forbidden:<4} {throughput(paths):6.1f}")
        print(f"{'':<28} keep {score.kept}/{score.keep}, drop {score.dropped}/{score.drop}, "
              f"titles {score.titles_found}/{score.titles}")
        if args.list:
            for line in score.details:
                print("   ", line)


if __name__ == "__main__":
    main()
