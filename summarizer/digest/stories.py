"""Same story, one entry: syndicated copies and two outlets reporting one event are merged.

Two summarized articles are the same story when

* their cleaned text is identical (a syndicated copy), or
* their titles share most of their words (token-set Jaccard >= ``TITLE_SIMILAR``), or
* their summaries share many words (>= ``SUMMARY_SIMILAR``), or they share at
  least two key figures (same value and unit) and their titles or summaries
  overlap somewhat (>= ``RELATED``): two outlets quoting the same numbers.

Grouping is transitive (union-find), and the order of first appearance is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import Summary
from .sources import Candidate

TITLE_SIMILAR = 0.6
SUMMARY_SIMILAR = 0.5
RELATED = 0.25
_WORD = re.compile(r"[a-z0-9$€£%.]+")
_STOP = frozenset({"a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is", "it",
                   "its", "of", "on", "or", "said", "says", "that", "the", "this", "to", "was", "were", "will", "with"})


@dataclass
class Item:
    """One summarized article."""

    candidate: Candidate
    summary: Summary
    text_hash: str = ""


@dataclass
class Story:
    """One entry of the digest: the first article's summary, and every source that told the story."""

    items: list[Item] = field(default_factory=list)

    @property
    def lead(self) -> Item:
        return self.items[0]

    @property
    def summary(self) -> Summary:
        return self.lead.summary


def words(text: str | None) -> frozenset[str]:
    return frozenset(w.strip(".") for w in _WORD.findall((text or "").casefold()) if w.strip(".") not in _STOP)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _figures(summary: Summary) -> set[tuple[float, str]]:
    return {(f.value, f.unit) for f in summary.key_figures}


def same_story(a: Item, b: Item) -> bool:
    if a.text_hash and a.text_hash == b.text_hash:
        return True
    title_a = a.summary.title or a.candidate.title
    title_b = b.summary.title or b.candidate.title
    titles = jaccard(words(title_a), words(title_b))
    summaries = jaccard(words(a.summary.summary), words(b.summary.summary))
    if titles >= TITLE_SIMILAR or summaries >= SUMMARY_SIMILAR:
        return True
    shared = _figures(a.summary) & _figures(b.summary)
    return len(shared) >= 2 and max(titles, summaries) >= RELATED


def merge(items: list[Item]) -> list[Story]:
    parent = list(range(len(items)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            if same_story(items[i], items[j]):
                parent[max(root(i), root(j))] = min(root(i), root(j))
    stories: dict[int, Story] = {}
    for i, item in enumerate(items):
        stories.setdefault(root(i), Story()).items.append(item)
    return list(stories.values())
