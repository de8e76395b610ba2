"""Splitting a long article into parts that each fit the model's context.

Parts end on paragraph boundaries; a paragraph too long for one part ends on
sentence boundaries, and a sentence too long on spaces. Nothing is dropped:
the parts cover every character of the article between them, so figures keep
offsets into the whole article.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

_PARAGRAPH = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
_SPACE = re.compile(r"\s+")


def split_spans(text: str, budget: int, cost: Callable[[str], int]) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of ``text``, in order, each costing at most ``budget`` where it can.

    ``cost`` is the token count of a piece of text (plus whatever else it brings
    into the prompt). A single word over the budget becomes a part of its own:
    the backend then says it is too long, rather than the text being cut.
    """
    if budget <= 0:
        raise ValueError("budget must be positive")
    pieces = _pieces(text, 0, len(text), budget, cost, (_PARAGRAPH, _SENTENCE_END, _SPACE))
    spans: list[tuple[int, int]] = []
    start, end, used = pieces[0]
    for piece_start, piece_end, piece_cost in pieces[1:]:
        if used + piece_cost <= budget:
            end, used = piece_end, used + piece_cost
        else:
            spans.append((start, end))
            start, end, used = piece_start, piece_end, piece_cost
    spans.append((start, end))
    return [_trimmed(text, a, b) for a, b in spans]


def _pieces(text: str, start: int, end: int, budget: int, cost: Callable[[str], int],
            separators: tuple[re.Pattern[str], ...]) -> list[tuple[int, int, int]]:
    """``text[start:end]`` cut at the first separator kind whose pieces fit, recursively."""
    own = cost(text[start:end])
    if own <= budget or not separators:
        return [(start, end, own)]
    separator, rest = separators[0], separators[1:]
    bounds = [start]
    for match in separator.finditer(text, start, end):
        bounds.append(match.end())
    bounds.append(end)
    if len(bounds) == 2:
        return _pieces(text, start, end, budget, cost, rest)
    pieces: list[tuple[int, int, int]] = []
    for a, b in itertools.pairwise(bounds):
        if b > a:
            pieces.extend(_pieces(text, a, b, budget, cost, rest))
    return pieces


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
