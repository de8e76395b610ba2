"""Decisions about whole lines from their shape and place, not their wording.

The line rules in ``_noise`` know the phrases of common widgets; real pages
carry noise nobody has a phrase for ("Powered by ...", "So what", a run of
outlet names, a byline split over four lines). What such lines share is their
shape: short, no sentence punctuation, names in title case, a date with a few
labels, and where they stand: before the body, between its paragraphs, after
its last one. Each rule here names its reason, and each keeps a line when it is
unsure: a line with a figure in it, or one that reads as prose, stays.

The rules work on objects with ``text``, ``reason`` and ``body`` (the
cleaner's lines) and only ever set a reason on a line that has none. They run
on every article, so each pass first looks at what is cheap to look at (a
line's length, its last character) before any pattern.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import Protocol

from . import _noise as noise


class Line(Protocol):
    text: str
    reason: str | None
    body: bool  # is_body_paragraph(text), set once by the caller (the text no longer changes here)


_BODY_MIN_WORDS = 12
_HEADING_MAX_WORDS = 8
_FOOTER_MAX_WORDS = 12
_LIST_SHARE = 0.15  # function words in a list of names; prose has about 0.4
_PROSE_SHARE = 0.3
_SENTENCE_END = re.compile(r"[.!?…;:][\"'”’)\]]*$")
_DIGIT = re.compile(r"\d")


def is_body_paragraph(text: str) -> bool:
    """Prose: enough words, lower-case letters, and sentence punctuation."""
    if text.count(" ") < _BODY_MIN_WORDS - 1:
        return False
    # a text without double spaces or spaces at its ends has one word more than spaces (no list built)
    enough = ("  " not in text and not text[0].isspace() and not text[-1].isspace()) or \
        len(text.split()) >= _BODY_MIN_WORDS
    if not enough or not ("," in text or "." in text or _PROSE_MARK.search(text)):  # the usual marks first
        return False
    return _LOWER.search(text) is not None or any(c.islower() for c in text)


_LOWER = re.compile(r"[a-z]")  # found at once in most lines; other lower-case letters are looked for after


_PROSE_MARK = re.compile(r"[.!?…:;,]")


_CLOSING = "\"'”’)]"  # what may follow the mark: _SENTENCE_END's second class
_SENTENCE_MARKS = ".!?…;:"  # its first


def ends_sentence(text: str) -> bool:
    """Ends as a sentence does (a closing quote or bracket after the mark counts): what _SENTENCE_END finds,
    without a search from every mark in the line."""
    if text.endswith("\n"):  # (the pattern's "$" also matches before a final line break)
        text = text[:-1]
    end = text.rstrip(_CLOSING)
    return end != "" and end[-1] in _SENTENCE_MARKS


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    """English function words: jusText's list (installed with trafilatura), or a short one of our own.

    The list is read from the package's folder without importing justext (which would load lxml).
    """
    try:
        spec = importlib.util.find_spec("justext")
        folder = Path(next(iter(spec.submodule_search_locations or ()))) if spec else None
        if folder is not None:
            text = (folder / "stoplists" / "English.txt").read_text(encoding="utf-8")
            return frozenset(word.strip().lower() for word in text.splitlines() if word.strip())
    except (OSError, StopIteration, ValueError):  # pragma: no cover - justext comes with trafilatura
        pass
    return frozenset(("a", "an", "the", "of", "to", "in", "on", "at", "for", "and", "or", "but", "by", "with",
                      "from", "as", "is", "was", "are", "were", "be", "that", "this", "it", "its"))


_PUNCTUATION = str.maketrans("", "", ".,;:!?\"'“”‘’()")


def function_word_share(text: str) -> float:
    """Share of the words that are function words: about 0.4-0.5 in prose, near 0 in lists of names."""
    words = text.lower().translate(_PUNCTUATION).split()
    return sum(map(_stopwords().__contains__, words)) / len(words) if words else 0.0


_COLON_HEADING_MAX_WORDS = 4


def _heading_like(text: str, max_words: int = _HEADING_MAX_WORDS) -> bool:
    """Short, no sentence punctuation at the end (a short one may end with a colon: "Why this matters:"),
    no figure, and not the lower-case rest of a sentence."""
    words = text.split()
    if not 0 < len(words) <= max_words or _DIGIT.search(text) or text[0].islower():
        return False
    return not ends_sentence(text) or (text.endswith(":") and len(words) <= _COLON_HEADING_MAX_WORDS)


# --- before the body: dates with labels, bylines spread over several lines -------------------------------


_DATE_IN_LINE = re.compile(rf"{noise.DATE_PATTERN}|\b\d{{4}}-\d{{2}}-\d{{2}}\b", re.IGNORECASE)
_METADATA_MAX_OTHER_WORDS = 4
_METADATA_MAX_CHARS = 80
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def metadata_line(text: str) -> bool:
    """A date with a few labels around it ("date 2025-07-15 Business", "Screen Shot 2021-02-24 at 3")."""
    if len(text) > _METADATA_MAX_CHARS or ends_sentence(text) or not _YEAR.search(text):  # every date has a year
        return False
    match = _DATE_IN_LINE.search(text)
    if match is None:
        return False
    rest = (text[:match.start()] + " " + text[match.end():]).split()
    return len(rest) <= _METADATA_MAX_OTHER_WORDS


_BYLINE_ALONE = re.compile(r"^(by|edited by|written by|reporting by|words by|reported by|compiled by)$", re.I)
_ROLE = re.compile(
    r"^([\w-]+\s+){0,3}"
    r"(reporter|editor|correspondent|writer|journalist|contributor|columnist|producer|analyst|author|bureau chief)s?"
    r"(?:$|\s*,\s*[^.!?]{1,60}$|\s+(?:at|for|with)\s+[A-Z][^.!?]{0,60}$)",  # the role, then where: no verb
    re.I,
)
_NAME_WORD = re.compile(r"^([A-Z][\w'’-]*\.?|[A-Z]\.|de|van|von|da|der|al|bin|and|&)$")


def _name_like(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 5 and all(_NAME_WORD.match(word) for word in words) and not _DIGIT.search(text)


def mark_bylines(lines: Sequence[Line]) -> None:
    """Before the body: "By" alone on its line, the names and roles that follow it, and role lines."""
    end = next((index for index, line in enumerate(lines) if line.body and line.reason is None), len(lines))
    in_block = False
    for line in lines[:end]:
        if line.reason is not None:
            continue
        text = line.text
        if _BYLINE_ALONE.match(text):
            line.reason, in_block = "byline", True
        elif (len(text.split()) <= 8 and _ROLE.match(text)) or (in_block and _name_like(text)):
            line.reason = "byline"  # a role ("Reporter, MoneyWatch"), or a name after "By"
        else:
            in_block = False


_LABEL_MAX_WORDS = 2


def mark_section_labels(lines: Sequence[Line]) -> None:
    """The section names a page shows above its headline ("Markets", "Tech"): one or two words at the top,
    or a run of several short names there (a menu, a list of outlets)."""
    run = []
    for line in lines:
        if line.reason is not None:
            continue
        if line.body or len(line.text.split()) > _SHORT_LABEL_WORDS or not _heading_like(line.text):
            break
        run.append(line)
    for line in run if len(run) >= _MENU_MIN_LINES else run[:1]:
        if len(run) >= _MENU_MIN_LINES or len(line.text.split()) <= _LABEL_MAX_WORDS:
            line.reason = "navigation"
        else:
            break


_MENU_MIN_LINES = 3


def mark_metadata(lines: Sequence[Line]) -> None:
    for line in lines:  # (metadata_line's length test first: most lines are longer)
        if not line.body and line.reason is None and len(line.text) <= _METADATA_MAX_CHARS and metadata_line(line.text):
            line.reason = "metadata"


# --- around pictures ----------------------------------------------------------------------------------


_CAPTION_MAX_WORDS = 40


def mark_captions(lines: Sequence[Line]) -> None:
    """Captions: a line without sentence punctuation next to an image credit, or the same line twice in a row
    (a picture's alt text, then its caption). All lines are given, removed ones too, in order. Two copies
    are next to each other when only removed lines stand between them (as when the output is cleaned again)."""
    previous: Line | None = None  # the last line kept (or kept as a duplicate so far)
    credits = []
    for index, line in enumerate(lines):
        reason = line.reason
        if reason is None or reason == "duplicate":
            if previous is not None and previous.text == line.text and previous.reason in (None, "duplicate") \
                    and _caption_like(line.text):
                previous.reason = line.reason = "image-caption"
            previous = line
        elif reason == "image-credit" and index:
            credits.append(index)
    for index in credits:  # a caption comes before its credit
        before, credit = lines[index - 1], lines[index]
        if before.reason is None and (_caption_like(before.text) or _describes_same(before.text, credit.text)):
            before.reason = "image-caption"


_ALT_TEXT_SHARE = 0.4


def _describes_same(text: str, caption: str) -> bool:
    """A picture's alt text before its caption: short, and much of its wording is the caption's."""
    words = {word.strip(".,;:()\"'").lower() for word in text.split()}
    if len(words) > _CAPTION_MAX_WORDS or not words:
        return False
    return len(words & {word.strip(".,;:()\"'").lower() for word in caption.split()}) >= _ALT_TEXT_SHARE * len(words)


def _caption_like(text: str) -> bool:
    return bool(text) and not ends_sentence(text) and len(text.split()) <= _CAPTION_MAX_WORDS


# --- inside and after the body -----------------------------------------------------------------------------


_FIRST_UPPER = re.compile(r"^(?:[-•*–] )?[\"'“‘(]?[A-Z0-9]")
_UPPER_OR_DIGIT = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")  # a first character _FIRST_UPPER takes at once
_SHORT_LABEL_WORDS = 3
_HEADING_MAX_CHARS = 80


def mark_subheadings(lines: Sequence[Line], skip: Line | None = None) -> None:
    """Headings that only divide the story: short, no figure, followed by a paragraph that starts a sentence
    (or by a list).

    Before the body only labels of up to three words go ("What happened"): a longer line there is
    a headline or a standfirst. ``skip`` is the title line. A run of headings before a
    paragraph goes back from the paragraph to the first line that does not qualify, so that cleaning
    the output again finds nothing more to remove. One pass from the end.
    """
    first = next((index for index, line in enumerate(lines) if line.body and line.reason is None), None)
    if first is None:
        return
    paragraph: str | None = None  # the paragraph the run of headings being read stands before
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        if line.reason is not None:
            continue
        text = line.text
        if line.body or (text[:1] in _BULLET_FIRST and _BULLET.match(text)):  # before a paragraph or a list
            paragraph = text if text[:1] in _UPPER_OR_DIGIT or _FIRST_UPPER.match(text) else None
        elif paragraph is not None and line is not skip and _subheading(text, index < first) and not (
                text.endswith(":") and paragraph[0] in "\"“‘'"):  # a colon before a quote introduces it
            line.reason = "subheading"
        else:
            paragraph = None


def _subheading(text: str, before_body: bool) -> bool:
    if len(text) > _HEADING_MAX_CHARS or not _heading_like(text):
        return False
    return not before_body or len(text.split()) <= _SHORT_LABEL_WORDS


# (not ".com" alone: "Amazon.com" and "Crypto.com" are names in news prose)
_LINK_LIKE = ("www.", "http://", "https://", ".com/", ".co.uk/", ">>", "»", "©", "all rights reserved")


# A call to action: an imperative addressed to the reader, about the site or its app
_CALL_TO_ACTION = re.compile(
    r"^(head|go|get|download|visit|click|tap|follow|subscribe|sign up|join|try|watch|listen|discover|explore)\b"
    r".{0,200}(\b(our|us|app|now|today|here)\b|!$)", re.I)


def _promo_like(text: str) -> bool:
    """Not the story's own prose: a pointer elsewhere (a web address, '>>'), a copyright, an editor's note
    wholly in brackets, or a call to action ("Head to ... for live quotes. Go now!")."""
    lower = text.lower()
    for mark in _LINK_LIKE:  # (a plain loop: no generator)
        if mark in lower:
            return True
    return (text.startswith("(") and text.endswith(")")) or bool(_CALL_TO_ACTION.match(text))


def mark_footer(lines: Sequence[Line]) -> None:
    """After the last paragraph of the story: short lines that are not sentences, and pointers to other pages."""
    last = len(lines) - 1
    while last >= 0 and not (lines[last].body and lines[last].reason is None and not _promo_like(lines[last].text)):
        last -= 1
    for line in lines[last + 1:] if last >= 0 else ():
        if line.reason is not None or not line.text:
            continue
        text = line.text
        if _promo_like(text):
            line.reason = "footer"
        elif ends_sentence(text) or _DIGIT.search(text):
            continue  # a sentence, or a figure: kept
        elif function_word_share(text) >= _PROSE_SHARE and text[:1].isupper():
            line.reason = "cut-off"  # the start of a sentence the page cut off
        elif len(text.split()) <= _FOOTER_MAX_WORDS or function_word_share(text) < _LIST_SHARE:
            line.reason = "footer"  # a short line, or a run of names (outlets, tags) that is no sentence


# A wire dateline: a place in capitals, maybe a date, the agency in brackets, a dash: "BERLIN (AP) — ".
_WIRE_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’-]+(?:[ ,]+[A-Z][A-Za-z.'’-]+){0,3}(?:,\s*[A-Z][a-z]{2,8}\.?\s\d{1,2})?"
    r"\s*\((?:AP|Reuters|AFP|Bloomberg|dpa|IANS|PTI|ANI|UPI|Xinhua|Kyodo|Yonhap|CNN|CNBC|Dow Jones|RTTNews)\)"
    r"\s*[-—–]{1,2}\s"
)


_STORY_BODY_MIN = 4  # paragraphs of a story with no dateline of its own before another's dateline ends it


def story_end(lines: Sequence[Line]) -> int | None:
    """Index of a line that begins another story: a second wire dateline, or a first one after a story of
    its own (a standfirst before the lead's dateline does not count: the lead is the story)."""
    datelines = bodies = 0
    for index, line in enumerate(lines):
        if line.reason is not None:
            continue
        text = line.text
        if text[1:2].isupper() and text[:1].isupper() and _WIRE_DATELINE.match(text):
            if datelines or bodies >= _STORY_BODY_MIN:
                return index
            datelines += 1
        bodies += line.body
    return None


# --- teaser bullets ---------------------------------------------------------------------------------------

_BULLET = re.compile(r"^(?:[-•*–·▪●] |\d{1,2}[.)] )")
_BULLET_SHARED = 0.7
_BULLET_FIRST = frozenset("-•*–·▪●0123456789")


def mark_teaser_bullets(lines: Sequence[Line]) -> None:
    """Highlights in bullets that the body says again: most of their words, and every number, are in the
    body paragraphs. A bullet with a fact found nowhere else stays."""
    bullets = [line for line in lines if line.text[:1] in _BULLET_FIRST and line.reason is None
               and _BULLET.match(line.text)]
    if not bullets:
        return
    body = " ".join(line.text for line in lines if line.reason is None and line.body and not _BULLET.match(line.text))
    words = frozenset(body.casefold().translate(_PUNCTUATION).split())
    numbers = set(_NUMBER.findall(body))
    for line in bullets:
        own = [word for word in line.text[2:].casefold().translate(_PUNCTUATION).split() if word not in _stopwords()]
        if own and sum(word in words for word in own) >= _BULLET_SHARED * len(own) \
                and set(_NUMBER.findall(line.text)) <= numbers:
            line.reason = "teaser"


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
    for line in lines:
        if not line.body or line.reason is not None:
            continue
        text = line.text
        if text.count(" ") < _NEAR_MIN_WORDS - 1:
            continue
        start, end = text[:_EDGE].lower(), text[-2 * _EDGE:]
        starts, ends = by_start.get(start), by_end.get(end)  # (most paragraphs have neither: no set is built)
        if (starts is not None or ends is not None) and any(
                _repeats(text, earlier, position) for earlier in chain(starts or (), ends or ())):
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


# --- page chrome by shape: menus, keyword lists, key-value tables, stray marks -----------------------------


_MENU_MIN_WORDS = 12  # a headline of eight words may have one function word only
_NO_PROSE_MARK = re.compile(r"[.,;:!?\"“”()]")
_KEY_VALUE = re.compile(r"^[A-Z][A-Za-z]*(?: [A-Za-z]+)?: \S.{0,60}$")
_KEY_VALUE_MIN_LINES = 2
_TICKER_ALONE = re.compile(r"^[A-Z]{1,5}[,;]$")
_TICKER_ALONE_MAX = 7  # the longest line _TICKER_ALONE takes ("$" also matches before a final line break)
_NOTE_MAX_WORDS = 12
_CRUMB_TAIL = 24  # characters of a cut-off line that its full version must repeat


def mark_chrome(lines: Sequence[Line]) -> None:
    """Lines that are page furniture whatever their words: a line of marks alone ("*", "-", "|"), a long
    run of words without one function word or punctuation mark (a menu, a keyword list), an editor's note
    wholly in brackets ("(Updates with closing prices)"), a ticker alone between the two halves of a
    sentence ("Shares of Acme Inc." / "ACM," / "rose 3%"), "Label: value" lines in a table of two or more
    ("Publisher: ...", "License: ..."), and, before the body, a breadcrumb that repeats the next line cut off
    ("Home Business Acme cuts 300 jobs..."). A line with a figure or sentence punctuation stays."""
    kept = [line for line in lines if line.reason is None]
    crumbs = False
    for index, line in enumerate(kept[:-1]):
        if line.text[-1] in ".…" and _crumb(line.text, kept[index + 1].text):
            line.reason, crumbs = "navigation", True
    if crumbs:
        kept = [line for line in kept if line.reason is None]
    first = _first_sentence_paragraph(kept)
    pairs: list[Line] = []
    last = len(kept) - 1
    for index, line in enumerate(kept):
        if line.body:
            if pairs:
                pairs = _flush_pairs(pairs)
            continue
        text = line.text
        reason = _chrome_reason(text, kept[index + 1].text if index < last else "")
        if reason is not None:
            line.reason = reason
            continue
        if index < first and _KEY_VALUE.match(text) and not ends_sentence(text.rstrip(".")):
            pairs.append(line)
        else:
            pairs = _flush_pairs(pairs)
    _flush_pairs(pairs)


def _first_sentence_paragraph(lines: Sequence[Line]) -> int:
    """Where the body starts: its first paragraph that ends as a sentence does (a long label or a breadcrumb
    may have commas and figures, but no final full stop)."""
    return next((index for index, line in enumerate(lines) if line.body and line.reason is None
                 and ends_sentence(line.text)), len(lines))


def _flush_pairs(pairs: list[Line]) -> list[Line]:
    if len(pairs) >= _KEY_VALUE_MIN_LINES:
        for line in pairs:
            line.reason = "metadata"
    return []


def _chrome_reason(text: str, following: str) -> str | None:
    if not any(map(str.isalnum, text)):
        return "layout"  # marks alone: a bullet or a separator on its own line
    if len(text) <= _TICKER_ALONE_MAX and _TICKER_ALONE.match(text) and following[:1].islower():
        return "ticker-tag"
    if text[0] == "(" and text[-1] == ")" and text[-2:-1] not in ".!?" and len(text.split()) <= _NOTE_MAX_WORDS \
            and not _DIGIT.search(text):
        return "editor-note"
    if text.count(" ") >= _MENU_MIN_WORDS - 1 and not _NO_PROSE_MARK.search(text) and not _DIGIT.search(text) \
            and function_word_share(text) < _LIST_SHARE:
        return "navigation"
    return None


def _crumb(text: str, following: str) -> bool:
    """A breadcrumb or a cut-off copy of the next line: "Home Business Acme cuts 300 jobs; shares up..."."""
    if not text.endswith(("...", "…")):
        return False
    stem = text.rstrip(".… ")
    return len(stem) >= _CRUMB_TAIL and stem[-_CRUMB_TAIL:] in following and not following.startswith(stem)


_WIDGET_MIN_NUMBERS = 3
_WIDGET_NUMBER_MAX_CHARS = 30
_WIDGET_MAX_LETTERS = 2


def _number_line(text: str) -> bool:
    """A quote widget's figure line ("7542.87 +", "687.00 p -"): figures and signs, a letter or two at most."""
    return len(text) <= _WIDGET_NUMBER_MAX_CHARS and sum(map(str.isdigit, text)) >= 2 and \
        sum(map(str.isalpha, text)) <= _WIDGET_MAX_LETTERS


def mark_widget_block(lines: Sequence[Line]) -> None:
    """Before the body, a market-data widget: three or more lines of bare figures (removed ones count), with
    the labels between and above them ("FTSE 100 Index", "value change %", "Search company or market").
    Everything up to the widget's last figure line goes, except a sentence that reads as prose. The body
    starts at the first paragraph that ends as a sentence (a long "Last updated ..." label has commas too)."""
    first = _first_sentence_paragraph(lines)
    numbers = [index for index in range(first) if _number_line(lines[index].text)]
    if len(numbers) < _WIDGET_MIN_NUMBERS:
        return
    for line in lines[:numbers[-1] + 1]:
        text = line.text
        if line.reason is None and not (text.endswith((".", "!", "?")) and function_word_share(text) >= _PROSE_SHARE):
            line.reason = "price-ticker"
