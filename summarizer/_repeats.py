"""What a page says twice: teasers the body repeats, copies of a paragraph, paragraphs repeated in other
words, highlight bullets that add nothing.

When in doubt, keep: a repeat with a number or words of its own holds a fact, and stays.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from itertools import chain

from . import _noise as noise
from ._lines import PageLine, norm
from ._prose import Line, ends_sentence, is_bullet, stopwords, strip_punctuation

_PREFIX = 40
_QUOTES = (("‘", "'"), ("’", "'"), ("“", '"'), ("”", '"'))


def _straight_quotes(text: str) -> str:
    """Curly quotes made straight: what ``str.translate`` with their table gives, ten to seventy times faster
    (measured on a paragraph), since translate looks up each character of a text that is not ASCII, while an
    absent quote costs one fast scan."""
    for curly, straight in _QUOTES:
        if curly in text:
            text = text.replace(curly, straight)
    return text


_DATELINE_LEAD = re.compile(r"^[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,3}(?:, [A-Z][a-z.]+)?(?: \([^()]{1,30}\))?"
                            r" ?(?:--|[—–-]) ?")


def drop_teasers(lines: list[PageLine]) -> None:
    """A lead cut off with '[…]' or '…' whose text the body repeats from a paragraph start is a teaser."""
    kept = [line for line in lines if line.reason is None and line.text]  # (line.kept, without the calls)
    cut_off = []  # (index in kept, line, its fragments long enough to compare)
    for index, line in enumerate(kept):
        text = line.text
        if ("…" in text or "..." in text) and noise.TEASER_MARK.search(text):  # what TEASER_MARK finds has one
            fragments = [_straight_quotes(norm(f).rstrip(".… ")) for f in noise.TEASER_SPLIT.split(text)]
            fragments = [f for f in fragments if len(f) >= _PREFIX]
            if fragments:
                cut_off.append((index, line, fragments))
    if not cut_off:
        return
    normed = [_straight_quotes(line.key) for line in kept]  # a teaser's quotes may be straight, the body's curly
    # the paragraph the teaser repeats may open with the story's dateline: "NEW YORK — Wall Street capped ..."
    undated = [_straight_quotes(norm(line.text[lead.end():])) if (lead := _DATELINE_LEAD.match(line.text)) else text
               for line, text in zip(kept, normed, strict=True)]
    by_prefix: dict[str, list[int]] = {f[:_PREFIX]: [] for _, _, fragments in cut_off for f in fragments}
    for index, (text, plain) in enumerate(zip(normed, undated, strict=True)):  # where each paragraph may begin
        for start_text in {text[:_PREFIX], plain[:_PREFIX]}:
            starts = by_prefix.get(start_text)
            if starts is not None:
                starts.append(index)

    def body_repeats(fragment: str, teaser: int) -> bool:
        starts = by_prefix.get(fragment[:_PREFIX], [])
        after = bisect_right(starts, teaser)
        for start in chain(starts[after:], reversed(starts[:after])):  # the body mostly follows: look there first
            if start == teaser:
                continue
            for joined in {normed[start], undated[start]}:
                end = start + 1
                while len(joined) < len(fragment) and end < len(normed):  # a lead may span paragraphs
                    joined, end = f"{joined} {normed[end]}", end + 1
                if joined.startswith(fragment):
                    return True
        return False

    for index, line, fragments in cut_off:
        if all(body_repeats(f, index) for f in fragments):
            line.reason = "teaser"


# A teaser of another story: a paragraph cut off with an ellipsis after a word ("... might value ...")
_CUT_TEASER = re.compile(r"\w[.,;]? ?(?:\.\.\.|…)$")
_TAIL_TEASER_MIN = 60  # a teaser's length at least: a lead's first sentence or two
_TAIL_TEASERS = 2  # teasers in a row at least
_BODY_BEFORE = 3  # paragraphs of the story before them at least


def _teaser(text: str) -> bool:
    """A lead cut off with an ellipsis, quoting nobody (a story's last paragraphs may end a quote with one)."""
    return len(text) >= _TAIL_TEASER_MIN and _CUT_TEASER.search(text) is not None and not any(
        mark in text for mark in _QUOTE_MARKS)


_QUOTE_MARKS = ('"', "“", "”")


def drop_tail_teasers(lines: list[PageLine]) -> None:
    """Other stories' leads, each cut off with an ellipsis, listed after the story: the last kept paragraphs, at
    least two such teasers in a row after at least three paragraphs; the page's very last line may be cut off in
    mid-word instead (the scrape ended inside the list). One paragraph cut off at the end may be the story's own,
    cut by the scrape: it stays."""
    kept = [line for line in lines if line.reason is None and line.text]
    end = len(kept)
    if end and len(kept[-1].text) >= _TAIL_TEASER_MIN and kept[-1].text[-1].isalnum() \
            and not ends_sentence(kept[-1].text):
        end -= 1  # the scrape's cut, in mid-word
    start = end
    while start and _teaser(kept[start - 1].text):
        start -= 1
    if end - start >= _TAIL_TEASERS and start >= _BODY_BEFORE:
        for line in kept[start:]:
            line.reason = "related-links"


def drop_repeats(lines: list[PageLine]) -> None:
    """Keep the last copy of a paragraph that appears more than once (syndicated leads)."""
    seen: dict[str, PageLine] = {}
    for line in lines:
        if line.reason is not None or len(line.text) < _PREFIX:  # not kept (an empty text is short), or short
            continue
        key = line.key
        if key in seen:
            seen[key].reason = "duplicate"
        seen[key] = line
    _drop_joined_copies([line for line in lines if line.reason is None and line.text])


_JOINED_MAX = 4  # paragraphs a joined copy may hold


def _drop_joined_copies(kept: list[PageLine]) -> None:
    """A paragraph that is the next two to four paragraphs run together (a lead given once as one block, then as
    the story's paragraphs) is a copy: keep the story's."""
    for index, line in enumerate(kept[:-1]):
        key, following = line.key, kept[index + 1].key
        if len(following) < _PREFIX or len(key) <= len(following) or not key.startswith(following):
            continue
        joined = following
        for after in kept[index + 2:index + 1 + _JOINED_MAX]:
            joined = f"{joined} {after.key}"
            if len(joined) >= len(key):
                break
        if joined == key:
            line.reason = "duplicate"


# --- teaser bullets ---------------------------------------------------------------------------------------

_BULLET_SHARED = 0.7


def mark_teaser_bullets(lines: Sequence[Line]) -> None:
    """Highlights in bullets that the body says again: most of their words, and every number, are in the
    body paragraphs. A bullet with a fact found nowhere else stays."""
    bullets = [line for line in lines if line.reason is None and is_bullet(line.text)]
    if not bullets:
        return
    body = " ".join(line.text for line in lines if line.reason is None and line.body and not is_bullet(line.text))
    words = frozenset(map(_stem, strip_punctuation(body.casefold()).split()))
    numbers = _with_whole_parts(_NUMBER.findall(body))
    for line in bullets:
        # its words but numbers (the numbers are checked below), an "-s" ending aside: "hits" for the body's "hit"
        own = [_stem(word) for word in strip_punctuation(line.text[2:].casefold()).split()
               if word not in stopwords() and not any(map(str.isdigit, word))]
        if own and sum(word in words for word in own) >= _BULLET_SHARED * len(own) \
                and set(_NUMBER.findall(line.text)) <= numbers:
            line.reason = "teaser"


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _with_whole_parts(numbers: list[str]) -> set[str]:
    """The numbers, and for each with a decimal part, its whole part cut and rounded: a highlight rounds ("more
    than $93 million" for the body's "$93.68 million")."""
    found = set(numbers)
    for number in numbers:
        whole, point, fraction = number.replace(",", "").partition(".")
        if point and fraction.isdigit() and whole.isdigit():
            found.add(whole)
            found.add(str(round(float(f"{whole}.{fraction}"))))
    return found


# --- repeats in other words ------------------------------------------------------------------------------------


_NEAR_MIN_WORDS = 15
_NEAR_WINDOW = 8  # paragraphs back: a repeat is "a few paragraphs later"; the window keeps long inputs linear
_NEAR_SIMILARITY = 0.75


def mark_near_duplicates(lines: Sequence[Line]) -> None:
    """A paragraph that repeats one of the last few in other words (most of its words shared): keep the first.

    Word sets, not word sequences: one changed verb ("revised" for "amended") leaves most of them shared.
    Building word sets for every paragraph of every article costs a quarter of the cleaner's time, so they
    are only built for a pair that already looks alike: about the same length, and the same first 8 or
    last 16 characters (8 would pair every two paragraphs that end in "he said.").
    """
    by_start: dict[str, list[tuple[int, str]]] = {}  # a start -> (position, text) of the paragraphs
    by_end: dict[str, list[tuple[int, str]]] = {}  # the same for an end
    position = 0
    last: Line | None = None  # the last paragraph looked at
    for line in lines:
        if not line.body or line.reason is not None:
            continue
        text = line.text
        if text.count(" ") < _NEAR_MIN_WORDS - 1 or is_bullet(text):
            continue  # (a highlight the body says again is mark_teaser_bullets': the body's paragraph stays)
        if last is not None and text[-1] in ".!?" and text[:-1] == last.text:
            last.reason = "near-duplicate"  # the same words given first without the sentence's end: keep the whole
            continue  # (its words are the earlier one's: what repeats it later is still found)
        last = line
        start, end = text[:_EDGE].lower(), text[-2 * _EDGE:]
        starts, ends = by_start.get(start), by_end.get(end)  # (most paragraphs have neither: no set is built)
        if (starts is not None and _repeats_one(text, starts, position)) or (
                ends is not None and _repeats_one(text, ends, position)):
            line.reason = "near-duplicate"
            continue
        entry = (position, text)
        if starts is None:
            by_start[start] = [entry]
        else:
            starts.append(entry)
        if ends is None:
            by_end[end] = [entry]
        else:
            ends.append(entry)
        position += 1


def _repeats_one(text: str, earlier: list[tuple[int, str]], position: int) -> bool:
    """Whether the paragraph repeats one of ``earlier`` (in the order of their positions): looked at from the
    last, and only within the window (a long input's lists grow; what is further back is no repeat)."""
    for index in range(len(earlier) - 1, -1, -1):
        if position - earlier[index][0] > _NEAR_WINDOW:
            return False
        if _repeats(text, earlier[index], position):
            return True
    return False


def _repeats(text: str, earlier: tuple[int, str], position: int) -> bool:
    at, other = earlier
    length = len(text)
    return position - at <= _NEAR_WINDOW and length * _NEAR_SIMILARITY <= len(other) <= length / _NEAR_SIMILARITY \
        and _similar(text, other)


_EDGE = 8


_NUMBER = re.compile(r"\d(?:[\d,.]*\d)?")


_NEAR_CONTAINED = 0.85


def _similar(text: str, other: str) -> bool:
    """Most words shared, nearly all of its own words in the other (it adds nothing), and no number of its
    own: a paragraph with a figure or more words than the one before holds a fact, and is kept."""
    words, others = frozenset(text.casefold().split()), frozenset(other.casefold().split())
    shared = len(words & others)
    if shared < _NEAR_SIMILARITY * (len(words) + len(others) - shared) or shared < _NEAR_CONTAINED * len(words):
        return False
    return set(_NUMBER.findall(text)) <= set(_NUMBER.findall(other))
