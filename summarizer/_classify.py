"""A general layer: lines classified by features that do not depend on their wording.

The rules in ``_noise`` and ``_paragraphs`` know phrases and the shapes of our own corpus. Pages from
elsewhere carry chrome nobody has a phrase for. This layer looks at what any line has, whatever its
words (issue 14, design item 1):

- prose or not: sentence punctuation at the end, the share of function words (jusText's English
  stoplist), a lower-case letter;
- length in words, the share of words in title case, digits;
- repetition within the page: a line that holds another whole line of the page plus a few marks;
- position: before the body's first sentence paragraph (the head) or after its last (the tail).

From these it removes, each with its reason:

- in the head, a menu (nearly all words in title case, no sentence end, and six words or more without
  one function word, or twelve or more with two at most; a page's only line above its first paragraph is
  its headline, not a menu), a bullet with three words at most, a
  byline whose parts are split by "|" and that carries a date, a wire's note wholly in brackets;
- anywhere, a photo or chart caption: a line that does not end as a sentence and closes on a credit
  ("... Name Surname/Agency", "... Source: Agency", "... Photo by Name");
- anywhere, image alt text: a short line of lower-case words alone just before such a caption, or in the
  head below the first line (four words or more); at the
  top, a long description of the image with no capital after its first word and no figure, above a headline
  in title case;
- anywhere, a copy of another line with a gallery counter or a label around it;
- in the tail, a "Label: Headline" promo for another story, or two or more headlines in title case in a row;
  anywhere but the last line, another story's
  card: a headline in title case, then a paragraph cut off with "..." (its first lines);
- context smoothing as jusText does: a short line that is no prose between two lines this layer
  removed in the head or the tail goes with them.

When in doubt it keeps: a line that reads as prose and ends as a sentence is never touched here, and
the rules run only on lines no other rule removed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ._lines import PageLine
from ._prose import (
    DIGIT,
    MONTHS,
    PROSE_SHARE,
    Line,
    ends_sentence,
    function_word_share,
    stopwords,
    strip_punctuation,
)

_MENU_MIN_WORDS = 6
_MENU_TITLE_SHARE = 0.9
_MENU_LONG_WORDS = 12
_MENU_LONG_MAX_FUNCTION_WORDS = 2
_NOTE_MAX_WORDS = 30
_BULLETS = "•·▪◦‣*-–"
_BULLET_MAX_WORDS = 3
_BYLINE_MAX_CHARS = 80
_DATE = re.compile(
    rf"\b(?:\d{{1,2}} (?:{MONTHS})[a-z]* \d{{4}}|(?:{MONTHS})[a-z]* \d{{1,2}},? \d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})\b")
_CREDIT = re.compile(
    r"(?:\b[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3}/[A-Z][\w.'-]*(?: [A-Z][\w.'-]*)?"  # Name Surname/Agency (Photo)
    r"|\b(?:Source|Photo|Image|Credit|Photograph)(?: by)?:? [A-Z][\w.'&-]*(?: [A-Z][\w.'&-]*){0,3})$")
_CREDIT_MIN_WORDS = 6
_ALT_MAX_WORDS = 5
_LABEL_PROMO = re.compile(r"^[A-Z][a-z]+(?: [A-Z][a-z]+)?: ?[A-Z\"'“‘]")
_LABEL_PROMO_MAX_CHARS = 110
_COPY_MIN_CHARS = 60
_COPY_MAX_EXTRA = 40
_COPY_KEY = 24  # characters a copy's start is looked up by
_COPY_FEW = 40  # long lines: up to so many, each is looked for in each copy
_SMOOTH_MAX_WORDS = 3
_GENERAL = "general-"  # the reasons this layer gives start so (an audit can tell them apart)


def mark_general(lines: Sequence[PageLine]) -> None:
    """Classify the kept lines (see the module's notes); only ever sets a reason on a line that has none."""
    kept = [line for line in lines if line.reason is None]
    if not kept:
        return
    first = next((i for i, line in enumerate(kept) if line.body and ends_sentence(line.text)), len(kept))
    last = next((i for i in range(len(kept) - 1, -1, -1) if kept[i].body), len(kept))  # (found from the end)
    ended = next((i for i in range(len(kept) - 1, -1, -1) if kept[i].body and ends_sentence(kept[i].text)), len(kept))
    marked: set[int] = set()
    for index, line in enumerate(kept):
        text = line.text
        reason = None
        if index < first and not line.body:
            reason = _head_reason(text) or ("navigation" if "  " in line.raw and _section_menu(line.raw.strip())
                                            else None)  # (items parted by spaces alone: the raw line has them)
            if reason == "navigation" and index == 0 and first == 1 and len(text.split()) < _MENU_LONG_WORDS:
                reason = None  # the page's only line above the first paragraph: its headline, not a menu
            if reason == "caption" and not (index > 0 and kept[index - 1].reason is None and
                                            _headline_above(kept[index - 1].text)):
                reason = None  # a caption is taken below a headline: the headline itself may say "is seen"
        if reason is None and 0 < index < min(first, len(kept) - 1) and not line.body and \
                _alt_in_head(text, kept[index + 1].text):
            reason = "caption"  # an image's alt text between the headline and the story: lower-case words alone
        if reason is None and index < first and _headlines_in_a_row(text):
            reason = "related-links"  # a paragraph's length, but no sentence: other stories' headlines in a row
        if reason is None and not ends_sentence(text):
            reason = _caption_reason(text)
        if reason is None and 0 < index < len(kept) - 1 and text.endswith(_ELLIPSES) and \
                _card_headline(kept[index - 1]):
            reason = "related-links"  # another story's card: its headline, then its first lines cut with "..."
            kept[index - 1].reason = _GENERAL + reason
            marked.add(index - 1)
        if reason is None and index > ended and _card_headline(line) and any(
                ended < other < len(kept) and _card_headline(kept[other]) for other in (index - 1, index + 1)):
            reason = "related-links"  # after the story, other stories' headlines in title case, two or more in a row
        if reason is None and index > last and len(text) <= _LABEL_PROMO_MAX_CHARS and \
                _LABEL_PROMO.match(text) and not text.endswith("."):
            reason = "related-links"
        if reason is not None:
            line.reason = _GENERAL + reason
            marked.add(index)
    for index in sorted(marked):  # image alt text just before a caption this layer found (it goes with it)
        before = kept[index - 1]
        if index > 0 and before.reason is None and kept[index].reason == _GENERAL + "caption" and \
                _alt_text(before.text):
            before.reason = _GENERAL + "caption"
    if first > 1 and kept[0].reason is None and _alt_above_headline(kept[0].text, kept[1]):
        kept[0].reason = _GENERAL + "caption"  # an image's description above the headline
    _mark_copies(kept)
    _mark_faq(kept)
    for index in range(1, len(kept) - 1) if marked else ():  # context smoothing, in the head and the tail only
        line = kept[index]
        if line.reason is None and (index < first or index > last) and index - 1 in marked and \
                index + 1 in marked and len(line.text.split()) <= _SMOOTH_MAX_WORDS and not ends_sentence(line.text):
            line.reason = _GENERAL + "navigation"


_ISLAND_MAX_WORDS = 20
_AMOUNT = re.compile(r"\d\s?(?:%|percent|per cent|million|billion|crore|lakh)|[$€£¥₹]\s?\d")


def mark_tail_islands(lines: Sequence[Line]) -> bool:
    """After the story's last paragraph that ends as a sentence, a short line that does not end as one nor reads as
    prose (a headline's share of function words), between two lines the rules and the layout model removed (or after
    one, at the page's end), is another story's headline among the tail's furniture ("World1 day ago" / <headline> /
    "-"); a paragraph that lost its full stop stays. Run once the others have settled (the layout model reads a
    line's neighbours); whether any went."""
    present = [line for line in lines if line.text.strip()]
    ended = next((i for i in range(len(present) - 1, -1, -1) if present[i].reason is None and present[i].body and
                  ends_sentence(present[i].text)), None)
    if ended is None:
        return False
    after = present[ended + 1:]
    marked = False
    for index, line in enumerate(after):
        if line.reason is None and index > 0 and after[index - 1].reason is not None and (
                index == len(after) - 1 or after[index + 1].reason is not None) and \
                function_word_share(line.text) < PROSE_SHARE and \
                len(line.text.split()) <= _ISLAND_MAX_WORDS and not ends_sentence(line.text) and \
                not _AMOUNT.search(line.text):  # a paragraph the scrape cut off may carry the story's figures
            line.reason = _GENERAL + "related-links"
            marked = True
    return marked


# A block of questions a site answers from the story: its heading, then items that open with a question
_FAQ_HEADING = re.compile(r"^(?:[A-Z][a-z]+ )?(?i:(?:key |common )?questions and answers"
                          r"|frequently asked questions|faqs?|q ?& ?a)$")
_QUESTION_FIRST = re.compile(r"^(?:[-•*–·] )?(?:What|Why|How|Who|When|Where|Which|Is|Are|Do|Does|Did|Can|Will|Should)"
                             r"\b[^.!?]{3,150}\?(?:\s|$)")


def _mark_faq(kept: Sequence[Line]) -> None:
    """A heading such as "Key Questions and Answers" and the question-led items right after it go: the site's
    questions answered from the story (repeats of it), not the story."""
    for index, line in enumerate(kept):
        if line.reason is not None or not _FAQ_HEADING.match(line.text):
            continue
        after = index + 1
        while after < len(kept) and kept[after].reason is None and _QUESTION_FIRST.match(kept[after].text):
            after += 1
        if after > index + 1:
            for faq in kept[index:after]:
                faq.reason = _GENERAL + "faq"


def _words(text: str) -> list[str]:
    return text.split()


def _function_words(text: str) -> int:
    stop = stopwords()
    return sum(1 for word in strip_punctuation(text.lower()).split() if word in stop)


def _title_share(words: list[str]) -> float:
    return sum(1 for word in words if word[:1].isupper() or word[:1].isdigit()) / len(words) if words else 0.0


def _head_reason(text: str) -> str | None:
    words = _words(text)
    if text[0] in _BULLETS and 1 < len(words) <= _BULLET_MAX_WORDS + 1 and not ends_sentence(text):
        return "navigation"  # "• Home", "• News": a menu's items as a list
    bullet = words[0] in _BULLETS
    if bullet:
        words = words[1:]  # the menu or table row after its bullet
    allowed = 1 if bullet else 0  # function words a menu may have: a bulleted one, one ("City"); else none
    if _data_row(words):
        return "widget"  # "Dubai 04:31 05:49 12:21 15:48": a table of figures above the story (times, prices)
    if (" / " in text or " > " in text or " » " in text or " › " in text) and _SLASH_CRUMBS.fullmatch(text):
        return "navigation"
    if _section_menu(text):
        return "navigation"
    if len(words) >= _MENU_MIN_WORDS and not ends_sentence(text) and _title_share(words) >= _MENU_TITLE_SHARE:
        count = _function_words(text)  # a headline of six to eleven words may have none; a menu is longer
        if count <= allowed or (len(words) >= _MENU_LONG_WORDS and count <= _MENU_LONG_MAX_FUNCTION_WORDS):
            return "navigation"
    if len(words) >= _PHOTO_MIN_WORDS and not ends_sentence(text) and _PHOTO_WORDS.search(text):
        return "caption"  # "Visitors are seen at the headquarters of the central bank in Tokyo": a photo's caption
    if text[0] == "(" and text[-1] == ")" and text[-2] not in ".!?" and len(words) <= _NOTE_MAX_WORDS:
        return "editor-note"  # "(Adds index close, retail demand for recent listings)": a wire's note
    if len(text) <= _BYLINE_MAX_CHARS and " | " in text and _DATE.search(text) and not ends_sentence(text):
        return "byline"
    return None


# What a photo's caption says and a headline does not (a headline drops "is" and "are"): someone "is seen",
# "is pictured", "walks past", "speaks during", "gestures", "poses".
_PHOTO_WORDS = re.compile(r"\b(?:is|are) (?:seen|pictured|shown|displayed|reflected)\b|\bwalks? past\b"
                          r"|\b(?:speaks?|gestures?|reacts?) during\b|\bposes? (?:for|with|during)\b")
_PHOTO_MIN_WORDS = 5
_ROW_MIN_FIGURES = 4
_ROW_SHARE = 0.75
_FIGURE_TOKEN = re.compile(r"[▲▼↑↓]?[+\-−]?[$€£¥₹]?\d[\d,.:]*%?[KMBT]?")
_SYMBOL_TOKEN = re.compile(r"[A-Z][A-Z0-9.&/]{1,9}|[▲▼↑↓+\-−]")  # a ticker's symbol, an arrow alone


def _headline_above(text: str) -> bool:
    """A headline's shape: four words or more, no sentence end (the line above a photo's caption)."""
    return len(text.split()) >= _HEADLINE_MIN_WORDS and not ends_sentence(text)


def _data_row(words: list[str]) -> bool:
    """A row of a table or a strip of quotes: four figures or more, and beside them nearly nothing but symbols
    ("Dubai 04:31 05:49 12:21 15:48", "CDI 2,954.10 ▼1.7% GLYPH $0.0371 ▼41.2% ETH ▼")."""
    figures = sum(1 for word in words if _FIGURE_TOKEN.fullmatch(word))
    if figures < _ROW_MIN_FIGURES:
        return False
    symbols = sum(1 for word in words if _SYMBOL_TOKEN.fullmatch(word))
    return figures + symbols >= _ROW_SHARE * len(words) and figures >= len(words) / 3


_ROW_SEPARATOR = re.compile(r"\s+[•·|]\s+")
_ROW_MIN_HEADLINES = 3
_ROW_HEADLINE_WORDS = (5, 16)


def _headlines_in_a_row(text: str) -> bool:
    """Other stories' headlines run into one line above the story, split by bullets or bars ("1st LD: Airliner makes
    forced landing • Feature: Shopping set to boom • ..."): three or more, each of five to sixteen words, none
    ending as a sentence does."""
    if "•" not in text and "·" not in text and "|" not in text:
        return False
    pieces = [piece.strip() for piece in _ROW_SEPARATOR.split(text.strip(" •·|"))]
    low, high = _ROW_HEADLINE_WORDS
    return len(pieces) >= _ROW_MIN_HEADLINES and all(
        low <= len(piece.split()) <= high and not ends_sentence(piece) for piece in pieces)


# A breadcrumb of sections split by slashes or arrows: "Enterprise / Cloud Computing", "Home > Markets > Deals",
# "Markets » Asia »".
_SLASH_CRUMBS = re.compile(r"[A-Z][\w&'’-]*(?: [A-Z&][\w&'’-]*){0,3}"
                           r"(?: [/>»›] [A-Z][\w&'’-]*(?: [A-Z&][\w&'’-]*){0,3})+(?: [>»›])?")


# A menu of sections split by bars or spaces, or of buttons each after its icon: "MARKETS | TECH | DEALS", "THE DAILY
# BRIEF — ASX | Resources | Small Caps", "☰ Menu 🔍 Search Subscribe" (each piece one to three capitalised words;
# two pieces are enough after an opening icon)
_MENU_SPLIT = re.compile(r"\s+[|—–]\s+|\s*[^\w\s&'’.,!?$€£¥%()-]+\s*|\s{2,}")
_MENU_PIECES = 3


def _section_menu(text: str) -> bool:
    if "|" not in text and "  " not in text and text.isascii():
        return False  # (most lines: neither a bar, nor spaces between items, nor an icon)
    pieces = [piece for piece in _MENU_SPLIT.split(text) if piece]
    enough = _MENU_PIECES - (not text[0].isalnum() and len(text.split()) > _MENU_PIECES)  # (an icon opening it)
    return len(pieces) >= enough and len(text) - sum(map(len, pieces)) >= len(pieces) - 1 and all(
        len(piece.split()) <= 3 and all(_menu_word(word) for word in piece.split()) for piece in pieces)


def _menu_word(word: str) -> bool:
    """A menu item's word: capitalised ("Markets"), a brand's ("ePaper"), uncased ("日本語"), or a small word ("Log
    in", "Sign up")."""
    return not word[:1].islower() or word in _MENU_SMALL or any(map(str.isupper, word[1:]))


_MENU_SMALL = frozenset(("in", "up", "of", "and", "the", "to", "for", "on", "&", "free", "now"))


def _caption_reason(text: str) -> str | None:
    if text.count(" ") < _CREDIT_MIN_WORDS - 1 or ("/" not in text and ":" not in text and " by " not in text):
        return None
    return "caption" if _CREDIT.search(text) else None


def _alt_text(text: str, fewest: int = 1, most: int = _ALT_MAX_WORDS) -> bool:
    """Lower-case words alone, ``fewest`` to ``most`` of them: an image's alt text."""
    words = text.split()
    return fewest <= len(words) <= most and all(word.isalpha() and word.islower() for word in words)


_ALT_HEAD_WORDS = (4, 15)  # alt text in the head: four words at least (a menu's "news" is navigation's), 15 at most


def _alt_in_head(text: str, after: str) -> bool:
    """Lower-case words alone (``_alt_text``), not a line of a paragraph the page wrapped: the next line starts a
    sentence and this one does not end on a function word."""
    return _alt_text(text, *_ALT_HEAD_WORDS) and after[:1].isupper() and text.rsplit(None, 1)[-1] not in stopwords()


_ELLIPSES = ("...", "…")
_CARD_HEADLINE_MIN_WORDS = 5
_CARD_HEADLINE_TITLE_SHARE = 0.7


def _card_headline(line: Line) -> bool:
    """A headline in title case (five words or more, no sentence end) that no rule has taken."""
    words = line.text.split()
    return line.reason is None and len(words) >= _CARD_HEADLINE_MIN_WORDS and \
        not ends_sentence(line.text) and _title_share(words) >= _CARD_HEADLINE_TITLE_SHARE


_ALT_LONG_MIN_WORDS = 10
_HEADLINE_MIN_WORDS = 4
_HEADLINE_TITLE_SHARE = 0.8


def _alt_above_headline(text: str, below: Line) -> bool:
    """A page's first line describing its image: ten words or more, no capital after the first word (a headline
    in sentence case names someone), no figure, no sentence end, with a headline in title case under it."""
    words, under = text.split(), below.text.split()
    return (len(words) >= _ALT_LONG_MIN_WORDS and not ends_sentence(text) and not DIGIT.search(text)
            and not any(word[:1].isupper() for word in words[1:]) and below.reason is None and not below.body
            and len(under) >= _HEADLINE_MIN_WORDS and not ends_sentence(below.text)
            and _title_share(under) >= _HEADLINE_TITLE_SHARE)


def _mark_copies(kept: Sequence[Line]) -> None:
    """A line that does not end as a sentence and holds another whole line of the page, with a few marks
    more around it ("1 of 2 | <caption> | ..."): the other copy stays (its own rules judge it)."""
    copies = [line for line in kept if line.reason is None and len(line.text) > _COPY_MIN_CHARS
              and not ends_sentence(line.text)]
    if not copies:
        return
    longs = [line.text for line in kept if len(line.text) >= _COPY_MIN_CHARS]  # the lines a copy may hold
    if len(longs) <= _COPY_FEW:  # (a page's few: each looked for in each copy's first places, with str.find)
        for line in copies:
            text = line.text
            size = len(text)
            reach = min(_COPY_MAX_EXTRA, size - _COPY_MIN_CHARS)  # the last place the other line may start at
            for other in longs:  # (shorter than the copy, by a few marks at most)
                if len(other) < size <= len(other) + _COPY_MAX_EXTRA and text.find(other, 0, reach + len(other)) >= 0:
                    line.reason = _GENERAL + "duplicate"
                    break
        return
    by_start: dict[str, list[str]] = {}  # many (a long input): looked up by their starts at each place
    for line in kept:
        if len(line.text) >= _COPY_MIN_CHARS:
            by_start.setdefault(line.text[:_COPY_KEY], []).append(line.text)
    for line in copies:
        text = line.text
        for offset in range(min(_COPY_MAX_EXTRA, len(text) - _COPY_MIN_CHARS) + 1):
            others = by_start.get(text[offset:offset + _COPY_KEY])
            if others is not None and any(other is not text and len(other) < len(text) <= len(other) + _COPY_MAX_EXTRA
                                          and text.startswith(other, offset) for other in others):
                line.reason = _GENERAL + "duplicate"
                break
