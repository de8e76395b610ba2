"""Figure conflicts: the sources of one story report the same measure with values that disagree.

A story merged from several sources (``stories``) shows its lead article's
figures. Before it does, the digest compares the figures of every source, with
three rules simple enough to check by hand:

* **Same measure**: the same unit and kind, labels that share at least half
  their words (``LABEL_SIMILAR``, stop words aside, so "quarterly revenue" and
  "revenue" match and "revenue in 2024" and "revenue in 2023" do not), and no
  two different entities named.
* **Agreeing values**: within ``AGREE`` (5 %) of each other, so "$2.1 billion"
  and "$2.14 billion" agree (rounding) and "$2.1 billion" and "$21 billion" do not.
* **Disagreeing sources**: two sources disagree on a measure when no value one of
  them gives for it agrees with any value the other gives. An article quoting
  this year's and last year's revenue does not contradict one quoting only this
  year's.

A conflict lists each distinct value with the sources reporting it, the most
reported first: the reader sees "$2.1 billion (3 sources) vs $21 billion
(1 source)" instead of one value picked silently. Nothing here decides which is
right, and nothing calls a model.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models import KeyFigure
from .stories import Item, Story, jaccard, words

LABEL_SIMILAR = 0.5
AGREE = 0.05

Reading = tuple[int, KeyFigure]  # (index of the source in the story, one of its figures)


@dataclass(frozen=True)
class Claim:
    """One value of a disputed measure, as the first source giving it wrote it, and every source giving it."""

    figure: KeyFigure
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Conflict:
    """Sources of one story that report the same measure with values that disagree."""

    label: str
    unit: str
    kind: str
    claims: tuple[Claim, ...]  # the most reported value first
    figures: tuple[KeyFigure, ...] = ()  # every figure of the measure, from every source

    def involves(self, figure: KeyFigure) -> bool:
        """Whether ``figure`` is one of the figures in dispute (the lead's are flagged where they are shown)."""
        return any(f is figure for f in self.figures)


def same_measure(a: KeyFigure, b: KeyFigure) -> bool:
    if a.unit.casefold() != b.unit.casefold() or a.kind != b.kind:
        return False
    if a.entity and b.entity and a.entity.casefold() != b.entity.casefold():
        return False
    return jaccard(words(a.label), words(b.label)) >= LABEL_SIMILAR


def agree(a: KeyFigure, b: KeyFigure) -> bool:
    return abs(a.value - b.value) <= AGREE * max(abs(a.value), abs(b.value))


def find_conflicts(story: Story) -> list[Conflict]:
    """The measures the sources of ``story`` disagree on, in the order the lead article lists its figures."""
    if len(story.items) < 2:
        return []
    readings = [(i, figure) for i, item in enumerate(story.items) for figure in item.summary.key_figures]
    return [_conflict(group, story.items) for group in _measures(readings) if _disagree(group)]


def _measures(readings: list[Reading]) -> list[list[Reading]]:
    """Readings grouped by measure (transitively: a figure like one of a group joins it), in reading order."""
    groups: list[list[int]] = []  # indices into readings
    for n, (_, figure) in enumerate(readings):
        joined = [g for g in groups if any(same_measure(figure, readings[m][1]) for m in g)]
        groups = [g for g in groups if all(g is not j for j in joined)]
        groups.append(sorted([m for g in joined for m in g] + [n]))
    return [[readings[m] for m in g] for g in sorted(groups)]


def _disagree(group: list[Reading]) -> bool:
    by_source: dict[int, list[KeyFigure]] = {}
    for source, figure in group:
        by_source.setdefault(source, []).append(figure)
    sources = sorted(by_source)
    return any(not any(agree(f, g) for f in by_source[s] for g in by_source[t])
               for n, s in enumerate(sources) for t in sources[n + 1:])


def _conflict(group: list[Reading], items: list[Item]) -> Conflict:
    clusters: list[tuple[KeyFigure, list[int]]] = []
    for source, figure in group:
        home = next((c for c in clusters if agree(c[0], figure)), None)
        if home is None:
            clusters.append((figure, [source]))
        elif source not in home[1]:
            home[1].append(source)
    clusters.sort(key=lambda c: -len(c[1]))  # stable: on a tie, the lead's value first
    first = group[0][1]
    claims = tuple(Claim(figure, tuple(items[s] for s in sources)) for figure, sources in clusters)
    return Conflict(first.label, first.unit, first.kind, claims, tuple(figure for _, figure in group))
