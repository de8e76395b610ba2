"""Features of a page's lines for the layout model (``_layout_model``): shape, place and neighbours, no words.

jusText's lesson is that a line's class is told by its shape (length, sentence punctuation, the share of
function words, links) and by its neighbours' (a short line between two paragraphs is part of the text, a
short line among menu items is a menu item). Each line of a sequence gets a fixed vector of numbers:

- its own shape: words (log), sentence end, a colon or a question or exclamation mark at the end, the
  share of function words, of words in title case, of digits and of symbols, all capitals, a lower-case
  start, a link (``www.``, a domain, an e-mail address, a handle), a bar or a bullet, brackets around it,
  a date, several sentences, prose (``_prose.is_body_paragraph``);
- its place: where it stands in the sequence, before the first prose line or after the last, how far from
  the nearest one, and whether the same text stands elsewhere in the sequence;
- its neighbours' shape: the line before and the line after (prose, sentence end, words), two lines out
  (prose).

No feature depends on a word of a particular site; the only word list is the function words. The same
function computes the features for training (``bench/layout_train.py``) and in the cleaner, so both see
the same numbers.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from ._prose import BULLET, MONTHS, ends_sentence, is_body_paragraph, stopwords, strip_punctuation

NAMES: tuple[str, ...] = (
    "words", "short", "ends_sentence", "ends_colon", "ends_question", "function_share", "title_share",
    "all_caps", "digit_share", "symbol_share", "link", "bar", "bullet", "bracketed", "date", "sentences",
    "lower_start", "prose", "position", "before_body", "after_body", "body_distance", "repeated",
    "prev_prose", "prev_ends", "prev_words", "next_prose", "next_ends", "next_words", "prev2_prose",
    "next2_prose", "first", "last", "short_open", "open_after_body", "open_before_body", "title_open",
)

# A link: "www.", "http:", a domain, an e-mail address or a handle. The domain pattern is only tried where a
# dot and a domain's end are found (a pattern that starts with a class of characters is tried at every position)
_DOMAIN_END = re.compile(r"\.(?:com|org|net|io|co|in|uk|ai|news)\b")
_DOMAIN = re.compile(r"\b[\w-]+\.(?:com|org|net|io|co|in|uk|ai|news)\b")
_HANDLE = re.compile(r"\w@\w|(?:^|\s)@\w")


def _link(text: str) -> bool:
    if "www." in text or "http:" in text or "https:" in text:
        return True
    if "@" in text and _HANDLE.search(text):
        return True
    return "." in text and _DOMAIN_END.search(text) is not None and _DOMAIN.search(text) is not None


_BARS = ("|", "»", ">>", "›", "•", "·")
_DATE = re.compile(
    rf"\b(?:{MONTHS})[a-z]*\.? \d{{1,2}}\b|\b\d{{1,2}} (?:{MONTHS})"
    r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{1,2}:\d{2}\b")
_INNER_END = re.compile(r"[a-z0-9%)][.!?][\"'”’]? [A-Z\"“]")
_MAX_WORDS = 60
_FAR = 8  # lines: a distance from prose counted up to this


def shape(text: str) -> list[float]:
    """The shape features of one line (the first eighteen of NAMES)."""
    words = text.split()
    count = len(words) or 1
    lowered = strip_punctuation(text.lower()).split()
    function = sum(map(stopwords().__contains__, lowered)) / len(lowered) if lowered else 0.0
    size = len(text)
    digits = sum(map(text.count, "0123456789"))
    return [
        _log_words(len(words)),
        float(len(words) <= 3),
        float(ends_sentence(text)),
        float(text.endswith(":")),
        float(text.rstrip("\"'”’)").endswith(("?", "!"))),
        function,
        sum(1 for word in words if word[:1].isupper() or word[:1].isdigit()) / count,
        float(size >= 3 and text.isupper()),
        digits / size,
        len(_SYMBOL.findall(text)) / size,
        float(_link(text)),
        float(any(bar in text for bar in _BARS)),
        float(BULLET.match(text) is not None),
        float(text[:1] in "([" and text[-1:] in ")]"),
        float(digits > 0 and _DATE.search(text) is not None),  # (every date has a digit)
        float(_INNER_END.search(text) is not None),
        float(text[:1].islower()),
        float(is_body_paragraph(text)),
    ]


_SYMBOL = re.compile(r"[^\w\s.,;:'\"’‘“”\-–—()%$]")


def _log_words(count: int) -> float:
    return _LOG_WORDS[min(count, _MAX_WORDS)]


_LOG_MAX = math.log1p(_MAX_WORDS)
_LOG_WORDS = tuple(math.log1p(count) / _LOG_MAX for count in range(_MAX_WORDS + 1))
_WORDS, _ENDS, _PROSE = 0, 2, 17


def brief(text: str, prose: bool | None) -> list[float]:
    """What a line that is not scored shows its neighbours (words, sentence end, prose); the rest left at 0."""
    # a stripped line without double spaces has one word more than spaces
    count = text.count(" ") + 1 if "  " not in text and "\t" not in text else len(text.split())
    return [_LOG_WORDS[count if count < _MAX_WORDS else _MAX_WORDS], 0.0, float(ends_sentence(text)), *_ZEROS,
            float(is_body_paragraph(text) if prose is None else prose)]


_ZEROS = (0.0,) * (_PROSE - _ENDS - 1)  # the features brief leaves at 0 between the sentence end and prose


def features(texts: Sequence[str]) -> list[list[float]]:
    """One vector (in the order of NAMES) for each line of ``texts``, a page's lines in order, none empty."""
    return in_context(shapes(texts), [key(text) for text in texts])


def shapes(texts: Sequence[str], scored: Sequence[bool] | None = None,
           prose: Sequence[bool] | None = None) -> list[list[float]]:
    """Each line's own features: they do not change when other lines go. With ``scored``, a line marked False
    gets only what its neighbours read of it (the cleaner does not score prose it never removes, and long
    paragraphs are most of the cost); ``prose``, when known, is ``_prose.is_body_paragraph`` of each line."""
    return [shape(text) if scored is None or scored[index] else brief(text, None if prose is None else prose[index])
            for index, text in enumerate(texts)]


def key(text: str) -> str:
    """What a repeated line is known by."""
    return " ".join(text.split()).casefold()


def in_context(own: Sequence[list[float]], keys: Sequence[str], scored: Sequence[bool] | None = None
               ) -> list[list[float]]:
    """The lines' own features with their place and their neighbours' added (in the order of NAMES). With
    ``scored``, only the lines marked True get them (the others an empty list, and their keys may be empty:
    a line that is a copy of a scored line is scored too)."""
    count = len(own)
    prose = [row[_PROSE] > 0 and row[_ENDS] > 0 for row in own]  # prose that ends as a sentence: the body's lines
    positions = [index for index, flag in enumerate(prose) if flag]
    first, last = (positions[0], positions[-1]) if positions else (count, -1)
    seen: set[str] = set()
    copies: set[str] = set()  # the keys found more than once
    for text in keys:
        (copies if text in seen else seen).add(text)
    distance = _distances(prose)
    out: list[list[float]] = []
    for index, row in enumerate(own):
        if scored is not None and not scored[index]:
            out.append([])
            continue
        before, after = own[index - 1] if index else None, own[index + 1] if index + 1 < count else None
        open_line = 1.0 - row[_ENDS]  # no sentence end
        before_body, after_body = float(index < first), float(index > last)
        out.append([
            *row,
            index / (count - 1) if count > 1 else 0.0,
            before_body,
            after_body,
            min(distance[index], _FAR) / _FAR,
            float(keys[index] in copies),
            before[_PROSE] if before else 0.0, before[_ENDS] if before else 0.0, before[_WORDS] if before else 0.0,
            after[_PROSE] if after else 0.0, after[_ENDS] if after else 0.0, after[_WORDS] if after else 0.0,
            float(index > 1 and prose[index - 2]), float(index + 2 < count and prose[index + 2]),
            float(index == 0), float(index == count - 1),
            row[1] * open_line, after_body * open_line, before_body * open_line, row[6] * open_line,
        ])
    return out


def _distances(prose: list[bool]) -> list[int]:
    """For each line, how many lines away the nearest prose line is (0 for prose; far when there is none)."""
    far = len(prose) + _FAR
    out, last = [], -far
    for index, flag in enumerate(prose):
        last = index if flag else last
        out.append(index - last)
    last = far + len(prose)
    for index in range(len(prose) - 1, -1, -1):
        last = index if prose[index] else last
        out[index] = min(out[index], last - index)
    return out
