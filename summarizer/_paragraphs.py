"""Decisions about whole lines from their shape and place, not their wording.

The line rules in ``_noise`` know the phrases of common widgets; real pages
carry noise nobody has a phrase for ("Powered by ...", "So what", a run of
outlet names, a byline split over four lines). What such lines share is their
shape: short, no sentence punctuation, names in title case, a date with a few
labels, and where they stand: before the body, between its paragraphs, after
its last one. Each rule here names its reason, and each keeps a line when it is
unsure: a line with a figure in it, or one that reads as prose, stays.

Page chrome found by shape alone is ``_chrome``'s, repeats ``_repeats``'s.
The rules work on objects with ``text``, ``reason`` and ``body`` (the
cleaner's lines, ``_prose.Line``) and only ever set a reason on a line that has none. They run
on every article, so each pass first looks at what is cheap to look at (a
line's length, its last character) before any pattern.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ._credits import WIRE_AGENCIES
from ._datelines import DATE_PATTERN
from ._lines import PageLine
from ._prose import (
    DIGIT,
    LIST_SHARE,
    PROSE_SHARE,
    Line,
    ends_sentence,
    function_word_share,
    is_body_paragraph,
    is_bullet,
)

_HEADING_MAX_WORDS = 8
_FOOTER_MAX_WORDS = 12


_COLON_HEADING_MAX_WORDS = 4


def _heading_like(text: str, max_words: int = _HEADING_MAX_WORDS) -> bool:
    """Short, no sentence punctuation at the end (a short one may end with a colon: "Why this matters:"),
    no figure, and not the lower-case rest of a sentence."""
    words = text.split()
    if not 0 < len(words) <= max_words or DIGIT.search(text) or text[0].islower():
        return False
    return not ends_sentence(text) or (text.endswith(":") and len(words) <= _COLON_HEADING_MAX_WORDS)


# --- before the body: dates with labels, bylines spread over several lines -------------------------------


_DATE_IN_LINE = re.compile(rf"{DATE_PATTERN}|\b\d{{4}}-\d{{2}}-\d{{2}}\b", re.IGNORECASE)
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
    return 0 < len(words) <= 5 and all(_NAME_WORD.match(word) for word in words) and not DIGIT.search(text)


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
        if line.body or is_bullet(text):  # before a paragraph or a list
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


_SENTENCE_BREAK = re.compile(r"(?<=[a-z0-9%)][.!?])[\"”’)]?\s+(?=[\"“(]?[A-Z])")
_STORY_SENTENCES = 5  # a paragraph of so many sentences, one of them with a link, is the story's with a link


def _promo_like(text: str) -> bool:
    """Not the story's own prose: a pointer elsewhere (a web address, '>>'), a copyright, an editor's note
    wholly in brackets, or a call to action ("Head to ... for live quotes. Go now!"). A long paragraph with one
    link among its sentences is the story's: a scraped page ran its whole article into one paragraph with a video's
    address pasted in the middle, and it all went as a footer."""
    lower = text.lower()
    for mark in _LINK_LIKE:  # (a plain loop: no generator)
        if mark in lower:
            sentences = _SENTENCE_BREAK.split(text) if len(text) > 400 else ()
            linked = sum(1 for sentence in sentences if any(m in sentence.lower() for m in _LINK_LIKE))
            return len(sentences) < _STORY_SENTENCES or linked > 1
    return (text.startswith("(") and text.endswith(")")) or bool(_CALL_TO_ACTION.match(text))


def mark_footer(lines: Sequence[PageLine]) -> None:
    """After the last paragraph of the story: short lines that are not sentences, and pointers to other pages. A
    paragraph the page wrapped over several lines is one paragraph (each of its lines alone is no sentence)."""
    last = len(lines) - 1
    while last >= 0 and not (lines[last].body and lines[last].reason is None and not _promo_like(lines[last].text)):
        last -= 1
    wrapped = [index for index in _wrapped_paragraphs(lines, last + 1) if not _promo_like(lines[index].text)]
    last = max(wrapped, default=last)  # (only the lines after the last paragraph found are read for these)
    for line in lines[last + 1:] if last >= 0 else ():
        if line.reason is not None or not line.text:
            continue
        text = line.text
        if _promo_like(text):
            line.reason = "footer"
        elif ends_sentence(text) or DIGIT.search(text):
            continue  # a sentence, or a figure: kept
        elif function_word_share(text) >= PROSE_SHARE and text[:1].isupper():
            line.reason = "cut-off"  # the start of a sentence the page cut off
        elif len(text.split()) <= _FOOTER_MAX_WORDS or function_word_share(text) < LIST_SHARE:
            line.reason = "footer"  # a short line, or a run of names (outlets, tags) that is no sentence


def _wrapped_paragraphs(lines: Sequence[PageLine], start: int = 0) -> set[int]:
    """The lines from ``start`` of paragraphs the page wrapped: runs of two or more kept lines, no blank line
    between, each line going on into the next (``_wraps``), whose text joined is a paragraph that ends a
    sentence."""
    found: set[int] = set()
    run: list[int] = []
    for index in range(start, len(lines) + 1):
        line = lines[index] if index < len(lines) else None
        if line is None or line.blank_before or line.reason is not None or not line.text or \
                (run and not _wraps(lines[run[-1]].text, line.text)):
            joined = " ".join(lines[i].text for i in run)
            if len(run) > 1 and ends_sentence(joined) and is_body_paragraph(joined):
                found.update(run)
            run = []
        if line is not None and line.reason is None and line.text:
            run.append(index)
    return found


_WRAPPED_WORDS = 6  # a wrapped line is as wide as the page (60 characters or more): fewer words is a label
_SAME_WIDTH = 0.25  # a wrapped paragraph's lines differ in width by at most this share (its last one aside)


def _wraps(line: str, after: str) -> bool:
    """Whether ``after`` may go on with the paragraph of ``line``: ``line`` has a few words, and does not end a
    sentence or is about as wide as the next (a sentence may end where a wrapped line does)."""
    return line.count(" ") >= _WRAPPED_WORDS - 1 and (
        not ends_sentence(line) or abs(len(line) - len(after)) <= _SAME_WIDTH * max(len(line), len(after)))


# A wire dateline: a place in capitals, maybe a date, the agency in brackets, a dash: "BERLIN (AP) — ".
_WIRE_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’-]+(?:[ ,]+[A-Z][A-Za-z.'’-]+){0,3}(?:,\s*[A-Z][a-z]{2,8}\.?\s\d{1,2})?"
    rf"\s*\((?:{WIRE_AGENCIES}|CNN|CNBC|Dow Jones)\)"
    r"\s*[-—–]{1,2}\s"
)


_SAME_OPENING = 60  # characters two dateline paragraphs share when they are the same lead
_STORY_BODY_MIN = 4  # paragraphs of a story with no dateline of its own before another's dateline ends it


def story_end(lines: Sequence[Line]) -> int | None:
    """Index of a line that begins another story: a second wire dateline, or a first one after a story of
    its own (a standfirst before the lead's dateline does not count: the lead is the story)."""
    datelines = bodies = 0
    first = ""  # the story's own dateline paragraph
    for index, line in enumerate(lines):
        if line.reason is not None:
            continue
        text = line.text
        if text[1:2].isupper() and text[:1].isupper() and _WIRE_DATELINE.match(text):
            if text[:_SAME_OPENING] == first[:_SAME_OPENING]:
                continue  # the lead again (a page gives it once as a summary, then as the story): the same story
            if datelines or bodies >= _STORY_BODY_MIN:
                return index
            datelines += 1
            first = text
        bodies += line.body
    return None


# --- a poll: a question to the reader, its answers a list of short options ---------------------------------

_POLL_MIN_OPTIONS = 3
_POLL_OPTION_MAX_WORDS = 4
_POLL_QUESTION_MAX_WORDS = 30


def mark_polls(lines: Sequence[Line]) -> bool:
    """A question followed by three or more short list items (four words at most, no sentence end, no figure) that
    the other rules and the layout model already removed is a reader poll's question ("What big company would you
    most want to work for?" / • Google / • Nike / ...): it goes with its options. Its answers gone, a question
    alone in a story is kept; so is one before options that stayed (a list the story gives). Whether any went."""
    present = [line for line in lines if line.text.strip()]
    marked = False
    for index, line in enumerate(present):
        text = line.text.strip()
        if line.reason is not None or not text.endswith("?") or len(text.split()) > _POLL_QUESTION_MAX_WORDS:
            continue
        options = 0
        for option in present[index + 1:]:
            words = option.text.split()
            if option.reason is None or not is_bullet(option.text.strip()) or len(words) - 1 > _POLL_OPTION_MAX_WORDS \
                    or ends_sentence(option.text) or DIGIT.search(option.text):
                break
            options += 1
        if options >= _POLL_MIN_OPTIONS:
            line.reason = "poll"
            marked = True
    return marked
