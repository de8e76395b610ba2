"""The cleaner on the team's development corpus (tests/data/clean) and on the eval set's noise."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer import clean

DATA = Path(__file__).parent / "data"
CORPUS = sorted((DATA / "clean").glob("*.txt"))
EVAL = sorted((DATA / "eval").glob("*.txt"))


def _gold(path: Path) -> dict:
    return json.loads(path.with_suffix("").with_suffix(".gold.json").read_text(encoding="utf-8"))


def score(paths: list[Path]) -> tuple[list[str], list[str], int, int]:
    """Must-keep sentences lost, must-drop strings left, and the totals of each."""
    lost, left, keep_total, drop_total = [], [], 0, 0
    for path in paths:
        gold = _gold(path)
        text = clean(path.read_text(encoding="utf-8")).text
        keep_total += len(gold["must_keep"])
        drop_total += len(gold["must_drop"])
        lost += [f"{path.name}: {s}" for s in gold["must_keep"] if s not in text]
        left += [f"{path.name}: {s}" for s in gold["must_drop"] if s in text]
    return lost, left, keep_total, drop_total


def test_corpus_is_big_enough():
    assert len(CORPUS) >= 15
    assert all(path.with_suffix("").with_suffix(".gold.json").is_file() for path in CORPUS)


@pytest.mark.parametrize("paths", [CORPUS, EVAL], ids=["clean-corpus", "eval-set"])
def test_every_must_keep_sentence_is_kept(paths):
    lost, _, total, _ = score(paths)
    assert total > 50
    assert lost == []


@pytest.mark.parametrize("paths", [CORPUS, EVAL], ids=["clean-corpus", "eval-set"])
def test_at_least_95_percent_of_noise_is_dropped(paths):
    _, left, _, total = score(paths)
    dropped = 1 - len(left) / total
    assert dropped >= 0.95, f"{dropped:.1%} dropped; left: {left}"


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_titles(path):
    gold = _gold(path)
    assert clean(path.read_text(encoding="utf-8")).title == gold["title"]


@pytest.mark.parametrize("path", CORPUS + EVAL, ids=lambda p: p.name)
def test_idempotent_on_real_articles(path):
    once = clean(path.read_text(encoding="utf-8")).text
    assert clean(once).text == once
