"""Inline repairs inside each line: HTML tags, social chrome, prompt injection and inline noise are cut
(each cut audited with its offsets in the line), HTML entities decoded, odd spaces folded, glued
sentences given their space back.

Searches over the whole text first find the few lines with work to do: most lines only need stripping.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

from . import _injection as injection
from . import _noise as noise
from ._inline_hints import GLUED_HINT, GLUED_SENTENCES, INLINE_HINTS, INLINE_WORDS
from ._inline_noise import DATE_PREFIX, EDITOR_NOTE_LEAD, LEAD_LABEL, may_open
from ._inline_rules import INLINE_RULES
from ._lines import PageLine
from ._text import decode_entities, fold_spaces, repair_marks

_MARKUP = ("<", "pic.twitter.com", "t.co/", "(@")  # every tag ("<") or piece of social chrome has one of these
_MARKUP_SEARCH = ("<", "pic.twitter.com", "t.co/", "@")  # the same, but "@" is found faster than "(@"


def repair_lines(text: str, lines: list[PageLine]) -> None:
    """Inline repairs for each line: searches over the whole text first find the few lines with work to do."""
    end = lines[-1].start + len(lines[-1].raw) if lines else 0
    body, starts = text[:end], [line.start for line in lines]
    lower = body.lower()
    # lower-casing may move the offsets (it turns 'İ' into two characters): then look at every line
    maybe = _lines_with(injection.INJECTION_PIECES, lower, starts) if len(lower) == end else range(len(lines))
    hinted = {index for index in maybe if injection.INJECTION_HINT.search(lines[index].raw.lower())}
    inline, glued = _inline_lines(body, starts)
    inline |= {index for index, line in enumerate(lines[:_DATE_PREFIX_LINES]) if DATE_PREFIX.match(line.raw)}
    inline |= {index for index, line in enumerate(lines[:_LEAD_LINES]) if (line.text[:1] in _LEAD_FIRST
               and (EDITOR_NOTE_LEAD.match(line.raw) or LEAD_LABEL.match(line.raw))) or may_open(line.text, line.raw)}
    if len(lower) == end:
        inline |= _lines_with(INLINE_WORDS, lower, starts)
    else:  # offsets moved in lower-casing: look at each line
        inline |= {index for index, line in enumerate(lines) if _has_word(line.raw.lower(), INLINE_WORDS)}
    special = hinted | inline | _lines_with(_MARKUP_SEARCH, body, starts)
    for index in special:
        _repair(lines[index], index in hinted, index in inline)
    folded = _lines_with(repair_marks(body), body, starts) - special
    for index in folded:  # entities or odd spaces, nothing to cut
        line = lines[index]
        line.text = fold_spaces(decode_entities(line.raw) if "&" in line.raw else line.raw)  # (the others: stripped)
    for index in glued | inline:  # (an inline cut may glue two sentences)
        lines[index].text = GLUED_SENTENCES.sub(r"\g<0> ", lines[index].text)
    if len(lower) == end and not body.isascii():  # (lower-casing the text again line by line costs as much again)
        _share_lower(lower, lines, special | folded | glued)


def _share_lower(lower: str, lines: list[PageLine], changed: set[int]) -> None:
    """Give each line whose text is its raw line stripped, and not ASCII, its lower-cased text, cut from the whole
    text's: the same characters, as no offset moved and a line's ends stand next to spaces or line breaks, which no
    case rule (the final sigma's) reads past."""
    for index, line in enumerate(lines):
        text = line.text
        if text.isascii() or index in changed:
            continue  # (an ASCII line is lower-cased as fast as cut)
        raw = line.raw
        start = line.start + (len(raw) - len(raw.lstrip()) if raw[0].isspace() else 0)
        line.lower = lower[start:start + len(text)]


_DATE_PREFIX_LINES = 3  # a date label glued to a paragraph is a page's first lines' (the scrape's header)
_LEAD_LINES = 40  # an editor's note or a label glued before the lead: the lead is among a page's first lines
_LEAD_FIRST = frozenset("(ABCDEFGHIJKLMNOPQRSTUVWXYZ")  # what they start with, after spaces (the text: raw stripped)


def _inline_lines(text: str, starts: list[int]) -> tuple[set[int], set[int]]:
    """The lines INLINE_HINTS find inline noise in, and those GLUED_HINT finds glued sentences in."""
    inline = {bisect_right(starts, match.start()) - 1 for hint in INLINE_HINTS for match in hint.finditer(text)}
    glued = {bisect_right(starts, match.start()) - 1 for match in GLUED_HINT.finditer(text)}
    return inline - {-1}, glued - {-1}  # (-1: before the first line, in text no line holds)


def _has_word(text: str, words: tuple[str, ...]) -> bool:
    for word in words:  # noqa: SIM110 (a plain loop: no generator)
        if word in text:
            return True
    return False


def _lines_with(words: tuple[str, ...], text: str, starts: list[int]) -> set[int]:
    """Indices of the lines (starting at starts) in which one of the words occurs (no word spans a line break)."""
    found = set()
    for word in words:
        at = text.find(word)
        while at >= 0:
            index = bisect_right(starts, at)  # the line after the one found
            if index:  # (none before the first line: text no line holds, such as a blank line a fragment dropped)
                found.add(index - 1)
            at = text.find(word, starts[index]) if index < len(starts) else -1
    return found


def _repair(line: PageLine, injection_word: bool, inline: bool = False) -> PageLine:
    """Cut tags, social chrome and inline noise (tracking which input characters went), then decode entities.

    injection_word: whether the lower-cased line has one of injection.INJECTION_WORDS;
    inline: whether one of INLINE_HINTS is found in it.
    """
    raw = line.raw
    suspicious_sentence = injection_word and bool(injection.INJECTION_TRIGGER.search(raw))
    rules = [(find, reason) for find, reason, may_match in INLINE_RULES if may_match(raw)] if inline else []
    suspicious = suspicious_sentence or bool(rules)
    if not suspicious and not _has_word(raw, _MARKUP):
        line.text = fold_spaces(decode_entities(raw) if "&" in raw else raw)  # nothing to cut
        return line
    spans = [(m.start(), m.end()) for m in noise.HTML_TAG.finditer(raw)]
    rest = "".join(raw[a:b] for a, b in zip([0] + [e for _, e in spans], [s for s, _ in spans] + [len(raw)],
                                            strict=True))
    if not suspicious and not _markup_left(rest):
        line.cuts = tuple((start, end, "html-tag") for start, end in spans)  # one pass was enough
        line.text = fold_spaces(decode_entities(rest) if "&" in rest else rest)
        return line
    keep = list(range(len(raw)))  # cuts that expose new tags, or social chrome: track every character
    patterns: list[tuple[Any, str]] = [(noise.HTML_TAG, "html-tag"), (_SOCIAL, "social-chrome")]
    patterns += [(injection.INJECTION, "prompt-injection")] if suspicious_sentence else []
    patterns += rules
    current = raw  # the characters of raw at keep
    cuts: list[tuple[int, int, str]] = []
    for pattern, reason in patterns:
        while True:
            match = pattern.search(current)
            if match is None or match.end() == match.start():
                break
            start, end = match.start(), match.end()
            cuts.extend(_runs(keep[start:end], reason))
            del keep[start:end]
            current = current[:start] + current[end:]
    line.cuts = tuple(cuts)
    line.text = fold_spaces(decode_entities(current))
    return line


class _SocialFinder:
    """noise.SOCIAL_INLINE, searched only in a text with one of its marks (it starts with a space, which the regex
    engine tries at every position: a long line costs more than all the rules after it)."""

    def search(self, text: str) -> re.Match[str] | None:
        return noise.SOCIAL_INLINE.search(text) if _has_word(text, _MARKUP[1:]) else None


_SOCIAL = _SocialFinder()


def _markup_left(text: str) -> bool:
    """Whether a tag or social chrome is in the text (each pattern only searched where its marks are)."""
    return ("<" in text and bool(noise.HTML_TAG.search(text))) or (
        any(mark in text for mark in _MARKUP[1:]) and bool(noise.SOCIAL_INLINE.search(text)))


def _runs(indices: list[int], reason: str) -> list[tuple[int, int, str]]:
    runs: list[tuple[int, int, str]] = []
    for index in indices:
        if runs and runs[-1][1] == index:
            runs[-1] = (runs[-1][0], index + 1, reason)
        else:
            runs.append((index, index + 1, reason))
    return runs
