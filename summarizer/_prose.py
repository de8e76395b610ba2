"""Features of a line of text that do not depend on its wording: is it prose, does it end as a sentence,
what share of its words are function words.

The shape and place rules (``_paragraphs``, ``_chrome``, ``_repeats``) and the general layer
(``_classify``) all read lines through these; ``Line`` is what those rules need of the cleaner's lines.
"""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from functools import lru_cache
from itertools import filterfalse
from pathlib import Path
from typing import Protocol


class Line(Protocol):
    text: str
    reason: str | None
    body: bool  # is_body_paragraph(text), set once by the caller (the text no longer changes here)


_BODY_MIN_WORDS = 12
LIST_SHARE = 0.15  # function words in a list of names; prose has about 0.4
PROSE_SHARE = 0.3
_SENTENCE_END = re.compile(r"[.!?…;:][\"'”’)\]]*$")
DIGIT = re.compile(r"\d")
MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"  # a fragment for date patterns: "(?:{MONTHS})[a-z]*"


def is_body_paragraph(text: str) -> bool:
    """Prose: enough words, lower-case letters, and sentence punctuation."""
    if text.count(" ") < _BODY_MIN_WORDS - 1:
        return False
    # a text without double spaces or spaces at its ends has one word more than spaces (no list built)
    enough = ("  " not in text and not text[0].isspace() and not text[-1].isspace()) or \
        len(text.split()) >= _BODY_MIN_WORDS
    if not enough or not ("," in text or "." in text or _PROSE_MARK.search(text)):  # the usual marks first
        return False
    return text[1:2].islower() or _LOWER.search(text) is not None or any(c.islower() for c in text)


_LOWER = re.compile(r"[a-z]")  # found at once in most lines (the second letter: most often); then other letters


_PROSE_MARK = re.compile(r"[.!?…:;,]")


_CLOSING = "\"'”’)]"  # what may follow the mark: _SENTENCE_END's second class
_SENTENCE_MARKS = ".!?…;:"  # its first
_MARK_SET = frozenset(_SENTENCE_MARKS)
_CLOSING_SET = frozenset(_CLOSING + "\n")


def ends_sentence(text: str) -> bool:
    """Ends as a sentence does (a closing quote or bracket after the mark counts): what _SENTENCE_END finds,
    without a search from every mark in the line."""
    last = text[-1:]
    if last in _MARK_SET:
        return True  # the common cases first: a mark at the very end, or a character that is no closing one
    if last not in _CLOSING_SET and last < "\u2000":
        return False  # (from U+2000 on: closing quotes, and emoji that may stand after a sentence's end)
    if text.endswith("\n"):  # (the pattern's "$" also matches before a final line break)
        text = text[:-1]
    end = text.rstrip(_CLOSING)
    if end and end[-1] >= "\u2000" and end[-1] not in _SENTENCE_MARKS:  # a sentence may end in emoji: "... 2024. ⚠️"
        end = strip_decoration(end).rstrip(_CLOSING)
    return end != "" and end[-1] in _SENTENCE_MARKS


_DECORATION = frozenset(("So", "Sk", "Mn", "Me", "Cf", "Zs"))  # emoji and symbols, their selectors and joiners


def strip_decoration(text: str) -> str:
    """``text`` without the emoji, symbols and spaces at its end ("... Bracing? 🤔💸" -> "... Bracing?")."""
    end = len(text)
    while end and (text[end - 1].isspace() or unicodedata.category(text[end - 1]) in _DECORATION):
        end -= 1
    return text[:end]


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
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


_PUNCTUATION_MARKS = ".,;:!?\"'“”‘’()"
PUNCTUATION = str.maketrans("", "", _PUNCTUATION_MARKS)


def strip_punctuation(text: str) -> str:
    """``text.translate(PUNCTUATION)``, the same characters deleted, several times faster: translate looks each
    character up in the table (a line's words cost microseconds, an article's body a tenth of a millisecond),
    while a mark that is absent costs one fast scan and a present one one replace."""
    for mark in _PUNCTUATION_MARKS:
        if mark in text:
            text = text.replace(mark, "")
    return text


_NON_WORD = re.compile(r"[\W_]+")


def content_words(text: str) -> set[str]:
    """The words of ``text``, folded, without function words and one-letter ones."""
    return content_of(folded_words(text))


def content_of(words: set[str]) -> set[str]:
    """The content words among ``folded_words``' (to test a few words against a long text, ``folded_words`` of
    the text is enough: the function words need not be taken out of it)."""
    return {word for word in words - stopwords() if len(word) > 1}


def folded_words(text: str) -> set[str]:
    """The words of ``text``, folded, function words too (and perhaps ""): what ``_NON_WORD`` splits it into.

    Faster than the pattern alone, which tests every character's class: most words between spaces are letters
    and digits only (word characters but "_", as ``str.isalnum`` and the pattern read them) and are taken as
    they are; only the others, a quarter or so, are split by the pattern."""
    tokens = text.casefold().split()
    words = set(filter(str.isalnum, tokens))
    rest = " ".join(filterfalse(str.isalnum, tokens))
    if rest:
        words.update(_NON_WORD.split(rest))
    return words


# Words a headline leaves out: articles, prepositions, conjunctions, auxiliaries, pronouns. Narrower than the
# stoplist (``stopwords``), which also holds words a headline keeps ("leading", "year", "top", "good").
_GRAMMAR_WORDS = """
a an the and or but nor so yet of to in on at by for from with as than that which who whom whose whether
if because while although though into onto over under about after before between among through during
against within without per via its their his her our your my this these those is are was were be been being
has have had do does did will would shall should can could may might must not no also such very more most
less least up down out off then there where when what how why every each either neither both
"""
GRAMMAR_WORDS = frozenset(_GRAMMAR_WORDS.split())


def _share_in(text: str, vocabulary: frozenset[str]) -> float:
    words = strip_punctuation(text.lower()).split()
    return sum(map(vocabulary.__contains__, words)) / len(words) if words else 0.0


def grammar_word_share(text: str) -> float:
    """Share of the words that are grammar words (``GRAMMAR_WORDS``): headlines drop most of them."""
    return _share_in(text, GRAMMAR_WORDS)


def function_word_share(text: str) -> float:
    """Share of the words that are function words: about 0.4-0.5 in prose, near 0 in lists of names."""
    return _share_in(text, stopwords())


# A bullet's mark at a line's start ("- ", "• ", "1. "), and the characters such a line can start with
BULLET = re.compile(r"^(?:[-•*–·▪●→►▸➤] |\d{1,2}[.)] )")
BULLET_FIRST = frozenset("-•*–·▪●→►▸➤0123456789")


def is_bullet(text: str) -> bool:
    """A list's item: ``text`` starts with a bullet's mark (its first character is tested first: most lines fail
    there)."""
    return text[:1] in BULLET_FIRST and BULLET.match(text) is not None
