"""The line rules' pre-filter (``_noise``): what every line a rule can take starts with or contains, looked
for before the rule's own search, so that most lines skip most rules: the rules' starts and words together
(``AnyRule``: a line with none of them is prose), and for each first character of a line the rules whose
starts may match there (``Plans``). Also the same idea inside a rule's search (``Ways``: each alternative of a
pattern only where its words are), and where a line's pieces part (``first_segment``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from typing import Protocol


class Rule(Protocol):
    @property
    def starts(self) -> str: ...  # a pattern every line the rule takes (lower-cased) starts with
    @property
    def contains(self) -> tuple[str, ...]: ...  # or words one of which it contains


class LongRule(Rule, Protocol):
    @property
    def longest(self) -> int: ...  # the longest line the rule takes


# --- the pre-filter. Lower-casing folds case as the rules' IGNORECASE does, except for these letters, which
# IGNORECASE also matches to ASCII ones: lines with them skip the pre-filter.
def odd_case(text: str) -> bool:
    """Whether a line has one of those letters (each looked for on its own: a class of characters is tried at every
    position, several times slower)."""
    return not text.isascii() and ("ı" in text or "İ" in text or "ſ" in text)


def has_any(text: str, words: tuple[str, ...]) -> bool:
    for word in words:  # noqa: SIM110 (a plain loop is faster than any() or one alternation pattern)
        if word in text:
            return True
    return False


def alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern ("a|b(c|d)" gives "a" and "b(c|d)")."""
    alternatives, depth, begin, escaped, in_class = [], 0, 0, False, False
    for index, char in enumerate(pattern):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            alternatives.append(pattern[begin:index])
            begin = index + 1
    return [*alternatives, pattern[begin:]]


class AnyRule:
    """The starts and words of all rules: a lower-cased line with none of them is prose, and so is its first piece.

    A plain-word start is only tried on lines that begin with its first character (one short pattern for each).
    """

    def __init__(self, rules: Sequence[Rule]) -> None:
        starts = [start for rule in rules for start in alternatives(rule.starts) if start != "(?!)"]
        plain = [start for start in starts if re.fullmatch(r"[\w' ]+", start)]
        other = [start for start in starts if start not in plain]
        self._by_first = {first: re.compile("|".join([*other, *(word for word in plain if word[0] == first)])).match
                          for first in {word[0] for word in plain}}
        self._other = re.compile("|".join(other) or "(?!)").match  # (no pattern: none matches)
        # the shortest words first: most lines that have one have a short one (" in ", "/"), and the first found ends
        # may_take's search, which otherwise reads the line once for each word
        self._words = tuple(sorted(dict.fromkeys(word for rule in rules for word in rule.contains), key=len))

    def may_take(self, text: str, lower: str) -> bool:
        """False when no rule can take the stripped line, nor its first piece (which starts as the line does).
        ``lower``: the line lower-cased."""
        if text[:1].isspace() or odd_case(text):
            return True
        if self._by_first.get(lower[:1], self._other)(lower):
            return True
        for word in self._words:  # noqa: SIM110 (as in has_any, without the call)
            if word in lower:
                return True
        return False


class ByLength:
    """An ``AnyRule`` for each length of line from ``shortest``: over the rules that take lines that long (a long
    line of prose is looked at for fewer words)."""

    def __init__(self, rules: Sequence[LongRule], shortest: int) -> None:
        self._limits = sorted({rule.longest for rule in rules if rule.longest >= shortest})
        self._any = [AnyRule([rule for rule in rules if rule.longest >= limit]) for limit in self._limits]

    def get(self, length: int) -> AnyRule:
        """The filter of the rules whose longest line is ``length`` or more (the line is no longer than the
        longest rule's)."""
        return self._any[bisect_left(self._limits, length)]


_META = ".^$*+?{}()|[]\\"


def first_test(alternative: str) -> Callable[[str], bool]:
    """A test of a line's first character that every line the alternative (a pattern with no flags) matches at
    its start passes. Conservative: a shape not read here passes every character."""
    if alternative == "(?!)":
        return lambda char: False  # the pattern that never matches
    test: Callable[[str], bool]
    if alternative.startswith("\\d"):
        test, tail = str.isdecimal, alternative[2:]  # (\d: the decimal digits, as str.isdecimal)
    elif alternative[:1] == "\\" and alternative[1:2] in _META + "-":
        test, tail = alternative[1].__eq__, alternative[2:]  # an escaped mark
    elif alternative[:1] == "[" and "]" in alternative[2:]:
        close = alternative.index("]", 2)
        test, tail = _class_test(alternative[1:close]), alternative[close + 1:]
    elif alternative[:1] and alternative[0] not in _META:
        test, tail = alternative[0].__eq__, alternative[1:]
    else:
        return lambda char: True
    if tail[:1] in ("?", "*") or tail.startswith("{0"):
        return lambda char: True  # the first item may be left out
    return test


def _class_test(inside: str) -> Callable[[str], bool]:
    """A character class's test ("a-z0-9", "+\\-\\s$\\d"): literal characters, ranges, \\s and \\d; another shape
    passes every character."""
    if inside[:1] == "^":
        return lambda char: True
    chars, ranges, tests, index = set(), [], [], 0
    while index < len(inside):
        char = inside[index]
        if char == "\\":
            escaped = inside[index + 1:index + 2]
            if escaped == "s":
                tests.append(str.isspace)
            elif escaped == "d":
                tests.append(str.isdecimal)
            elif escaped in _META + "-":
                chars.add(escaped)
            else:
                return lambda char: True
            index += 2
        elif inside[index + 1:index + 2] == "-" and index + 2 < len(inside):
            ranges.append((char, inside[index + 2]))
            index += 3
        else:
            chars.add(char)
            index += 1
    return lambda char: char in chars or any(low <= char <= high for low, high in ranges) or \
        any(test(char) for test in tests)


# One rule in the order line rules run: its search, reason, longest line, words hint, starts matcher, words
Step = tuple[Callable[[str], object], str, int, "re.Pattern[str] | None", "Callable[[str], object] | None",
             tuple[str, ...]]


class Plans:
    """For each first character of a lower-cased line, the rules of a plan (tuples whose fifth item is the
    rule's starts matcher, the sixth its words) that may take it: a rule whose starts cannot match there keeps
    only its words (its matcher None), and goes when it has none."""

    def __init__(self, plan: list[Step], starts: list[str]) -> None:
        self._plan = plan
        self._tests = [[first_test(alternative) for alternative in alternatives(pattern)] for pattern in starts]
        self._by_first: dict[str, list[Step]] = {}

    def get(self, first: str) -> list[Step]:
        found = self._by_first.get(first)
        if found is None:
            found = self._by_first[first] = [
                step if any(test(first) for test in tests) else (step[0], step[1], step[2], step[3], None, step[5])
                for step, tests in zip(self._plan, self._tests, strict=True)
                if step[5] or any(test(first) for test in tests)]
        return found


# --- Where a line's pieces part: at a separator with spaces around it, or at spaces after a sentence's end before
# a capital or a figure ("By X · Oct 3, 2025 · 3 min read", "Ad. Ad. Risk warning.").
SEGMENTS = re.compile(r"\s+[·|•—]\s+|(?<=[.!?])(?<![ap]\.m\.)\s+(?=[A-Z0-9$€£])")  # (not after a time's "a.m.")
_SEPARATED = re.compile(r"\s+[·|•—]\s+")  # SEGMENTS' first way
_SENTENCE_BREAK = re.compile(r"[.!?](?<![ap]\.m\.)\s+(?=[A-Z0-9$€£])")  # its second, from the mark before the spaces


def first_segment(text: str) -> int:
    """Where SEGMENTS first matches in ``text`` (-1: nowhere), found faster: SEGMENTS starts with spaces, so the
    regex engine tries it at every position, while the second way searched from its mark skips to the marks, and
    the first is only looked for where a separator is. The first match starts where the earlier of the two does."""
    found = _SENTENCE_BREAK.search(text)
    start = found.start() + 1 if found else -1  # (the mark is one character)
    separated = _SEPARATED.search(text) if "·" in text or "|" in text or "•" in text or "—" in text else None
    if separated is not None and (start < 0 or separated.start() < start):
        return separated.start()
    return start


class Ways:
    """Whether a pattern of alternatives (its ways) matches anywhere in a text, faster: each way is searched only
    in a text that holds one of its words (lower-cased; a way given no words is always searched). A pattern that
    starts with a class or ``\\b`` is tried by the regex engine at every position of the text, while most texts
    hold none of the words. A text with letters lower-casing does not fold as IGNORECASE does (``odd_case``) gets
    the whole pattern."""

    def __init__(self, pattern: re.Pattern[str], words: Sequence[tuple[str, ...]]) -> None:
        ways = alternatives(pattern.pattern)
        if len(ways) != len(words):
            raise ValueError(f"{len(ways)} ways and {len(words)} tuples of words")
        self.pattern = pattern
        self._ways = [(tuple(found), re.compile(way, pattern.flags)) for found, way in zip(words, ways, strict=True)]

    def __call__(self, text: str) -> bool:
        if odd_case(text):
            return self.pattern.search(text) is not None
        lower = text.lower()
        for words, way in self._ways:  # noqa: SIM110 (a plain loop, as in has_any)
            if (not words or has_any(lower, words)) and way.search(text):
                return True
        return False
