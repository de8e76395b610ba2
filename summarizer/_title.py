"""The title: the first kept line, when it reads as a headline and the body follows it closely.

A headline is short, does not end as a sentence does, starts as one does, and is in headline style (few
function words), so that a body sentence missing its full stop is no title.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import filterfalse

from ._credits import WIRE_AGENCIES
from ._lines import PageLine
from ._prose import (
    MONTHS,
    content_of,
    content_words,
    ends_sentence,
    folded_words,
    function_word_share,
    grammar_word_share,
    is_body_paragraph,
    is_bullet,
    strip_decoration,
)

_TITLE_MAX = 160
_LOWER = re.compile(r"(?=[^\W\d_])[^\sA-ZÀ-ÖØ-Þ]+(?:\s|$)")  # a first word in lower case (not "iPhone", "iiNet")
_WORDLIKE = re.compile(r"\w")


def word_count(text: str) -> int:
    """Words with a letter or a digit: a separator ("Web3 · NFTs", "Markets | Tech") is no word."""
    tokens = text.split()
    others = list(filterfalse(str.isalnum, tokens))  # most words are letters and digits only: no search for them
    return len(tokens) - len(others) + sum(map(bool, map(_WORDLIKE.search, others)))


def title_like(text: str) -> bool:
    """Short, and not ending as a sentence does (a closing quote after the mark counts as the mark); a question
    only in title case (``_asks_in_title_case``). Two commas (a number's aside) in a line that reads as prose make
    it a sentence missing its full stop; in headline style (few function words: "Prices rose 0.3% in May, annual
    rate 3.1%, Labor Department") it is a headline."""
    end = text.rstrip("\"'”’)")
    if end.endswith(("!", ".")) and _exclaims_in_title_case(text):  # (a headline set with a full stop, too)
        end = end[:-1]
    if len(text) > _TITLE_MAX or end.endswith((".", "!", ":", ";", ",", "…")):
        return False
    if end.endswith("?") and not _asks_in_title_case(text):
        return False
    if is_body_paragraph(text) and text.count(", ") >= 2 and function_word_share(text) >= _HEADLINE_PROSE:
        return False
    if text[-1:] >= "\u2000" and ends_sentence(text):  # a sentence with an emoji after its full stop; or a
        return strip_decoration(text).endswith("?") and _asks_in_title_case(text)  # question in title case after all
    return True


def headline_line(lines: list[PageLine]) -> PageLine | None:
    """The first line kept, when it reads as a headline; or the second, when the first is a short label above it
    (a section's name, "top of page": one word, or up to three in lower case)."""
    kept = (line for line in lines if line.reason is None and line.text)
    first = next(kept, None)
    if first is None or _headline(first.text):
        return first
    second = next(kept, None) if _label_above(first.text) else None
    return second if second is not None and _headline(second.text) else None


_LABEL_MAX_WORDS = 3


def _label_above(text: str) -> bool:
    """A section's label or a page's link above the headline: one word, or up to three in lower case, no figure,
    no sentence's end."""
    words = text.split()
    return bool(words) and len(words) <= _LABEL_MAX_WORDS and not any(char.isdigit() for char in text) and (
        len(words) == 1 or text.islower()) and not text.rstrip().endswith((".", "!", "?"))


_TITLE_MIN_WORDS, _BODY_WITHIN = 3, 3  # words at least; the body starts at most so many kept lines after the title


def take_title(kept: list[PageLine]) -> tuple[str | None, bool]:
    """The first kept line is the title when it reads as a headline and the body follows it closely.

    Returns the title and whether it stays in the text. When the next line looks
    like a heading too (a standfirst), the title stays in the text: cleaning the
    output again must not promote that second line to a title (idempotence).
    """
    if len(kept) > 2 and _label_above(kept[0].text) and _headline(kept[1].text):
        kept[0].reason = "navigation"  # a section's label or a page's link above the headline
        kept = kept[1:]
    if len(kept) < 2 or not _headline(kept[0].text):
        return None, False
    if not any(line.body for line in kept[1:1 + _BODY_WITHIN]):
        return None, False
    headline = _GLUED_CRUMB.sub("", kept[0].text)
    title = _TRAILING_SYMBOL.sub("", _without_section(_before_dated_dek(headline)))
    if kept[1].text != kept[0].text and kept[1].text in (headline, title):  # crumbs or a browser's title, then it
        kept[0].reason, kept[1].reason = "navigation", "title"
        return title, False
    if title_like(kept[1].text):
        return title, True
    kept[0].reason = "title"
    return title, False


# A stock's symbol a site adds after its headline: "Acme is surging after crushing on earnings (ACME)" (not a place or
# a word written in capitals: "(UK)", "(AI)")
_TRAILING_SYMBOL = re.compile(r"\s\((?!(?:AI|UK|US|EU|UN|IPO|CEO|GDP|ETF|PM)\))[A-Z]{1,5}(?:\.[A-Z])?\)$")


# A headline, its date and time and a subtitle run into one line: "Acme Cuts Outlook Tuesday March 3, 11:05 am ET
# Acme Expects ...": the title is what comes before the date (a date with a time of day: a headline's own
# "in March 2024" has none).
_DATED_DEK = re.compile(
    rf"\s(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s)?(?:{MONTHS})[a-z]*"
    r"\.?\s\d{1,2},?(?:\s\d{4},?)?\s\d{1,2}:\d{2}\s?[ap]\.?m\.?(?:\s[A-Z]{2,4})?\s+(?=\S+\s\S+\s\S)")


# A breadcrumb run into the headline, the breaks between its words lost: "HomeBusinessClosing Bell: Sensex up ..."
# (the headline's first word is the last one run in).
# Or with a mark after "Home" and the section in lower case: "Home.forex news reportAcme's IPO ...".
# Or with its sections between marks before the headline: "Home » Economy, Europe » Acme to cut 800 jobs".
_GLUED_CRUMB = re.compile(r"^Home(?:[A-Z][a-z&]+)*?(?=[A-Z][a-z'’]*\s)|^Home\s?[.»›>/|]\s?[a-z][a-z .&-]{1,40}?[a-z]"
                          r"(?=[A-Z][\w'’]*\s)|^Home\s?([»›>|])(?:\s?[^»›>|]{1,60}?\s?\1)+\s?(?=\S)")


# A wire's tag before its headline: "(LEAD) Acme swings to profit", "(2nd LD) ...", "UPDATE 2-Acme shares fall": the
# desk's note on which version this is, not the headline's words.
_WIRE_TAG = re.compile(r"^(?:\((?:LEAD|URGENT|ATTN|UPDATE(?: \d{1,2})?|\d{1,2}(?:st|nd|rd|th) LD|LD|CORRECTED|REFILE)"
                       r"(?:[ :-][^()]{0,30})?\)\s*)+(?=\S)"
                       r"|^(?:UPDATE \d{1,2}|RPT|CORRECTED|REFILE|BRIEF)-(?=[A-Z0-9])")


# A wire's credit after the headline, as a quotes site prints it: "Ibovespa closes down ... By Reuters"; or its
# version tag there: "Nikkei reverses gains as chip shares drop (UPDATE 1)".
_WIRE_CREDIT = re.compile(rf"\s+(?:By (?:{WIRE_AGENCIES}|Investing\.com)|\((?:UPDATE(?: \d{{1,2}})?|LEAD|CORRECTED"
                          r"|REFILE|\d{1,2}(?:st|nd|rd|th) LD)\))$")


def without_wire_tag(title: str | None) -> str | None:
    """``title`` without a wire's version tag at its start or end, or its credit at its end (only when words are
    left)."""
    if title and (" By " in title or title.endswith(")")):
        title = _WIRE_CREDIT.sub("", title)
    if not title or not title.startswith(("(", "U", "R", "C", "B")):
        return title
    return _WIRE_TAG.sub("", title, count=1)


_SECTION_MAX_WORDS = 3
# A section's name ("World News", "Markets", "Opinion"), or after the headline a site's ("Harbour Times", "Site.com")
_SECTION = re.compile(r"(?:[A-Z][a-z]+ )?(?:News|Markets?|Business|Economy|Finance|Money|Opinion|Analysis|Explained"
                      r"|Live|Latest|Breaking|Tech|Technology|Crypto|Politics|World|Sport|Companies|Stocks)")
_SIDES = re.compile(r" [|\-–—] ")
_SITE = re.compile(r"(?:[A-Z][\w&'’-]* ){0,2}(?:News|Times|Post|Journal|Herald|Daily|Today|Express|Standard|Tribune"
                   r"|Review|Insider|Wire|Online|Mail|Gazette|Telegraph|Chronicle)|[\w-]+\.(?:com|net|org|in|co\.uk)")


def _without_section(text: str) -> str:
    """A headline without the section's name before it or the site's after it, set apart by a bar or a dash ("World
    News | Czech ...", "Rupee Hits Record Low - Harbour Times"); any other short side is its own ("Acme Q3 | ...")."""
    parts = [part.strip() for part in _SIDES.split(text)]
    if len(parts) != 2 or min(map(word_count, parts)) > _SECTION_MAX_WORDS:
        return text
    before, after = parts
    if _SECTION.fullmatch(before) and word_count(after) > _SECTION_MAX_WORDS:
        return after
    if (_SECTION.fullmatch(after) or _SITE.fullmatch(after) or _AFTER_HEADLINE.fullmatch(after)) \
            and word_count(before) > _SECTION_MAX_WORDS:
        return before
    return text


# After a headline, also a site's list of its sections ("News, Sports, Jobs") or the picture's credit ("File/
# Representative image")
_AFTER_HEADLINE = re.compile(r"(?:[A-Z][\w&'’-]*(?:, | & | and ))+[A-Z][\w&'’-]*"
                             r"|.*\b(?i:image|photo|picture|file photo|representative|getty images|ap photo)\b.*")


def _before_dated_dek(text: str) -> str:
    dated = _DATED_DEK.search(text) if ":" in text else None
    head = text[:dated.start()] if dated else ""
    return head if len(head.split()) >= _TITLE_MIN_WORDS else text


_INNER_SENTENCE_END = re.compile(r"[a-z]{2}[.!?] [A-Z]")
_INNER_STATEMENT_END = re.compile(r"[a-z]{2}[.!] [A-Z]")


def _asks_in_title_case(text: str) -> bool:
    """A headline that asks ("We Guess That Wasn't Good?", "Why Guess? Shares Plunged"): a question in title case,
    no statement ended inside it. A question in the body's sentence case is the story's (or a call to the
    reader's: "Want to know more?")."""
    return "?" in text and _title_case_share(text) >= _BODY_TITLE_SHARE and not _INNER_STATEMENT_END.search(text)


_EXCLAIMS_MIN_WORDS = 5


def _exclaims_in_title_case(text: str) -> bool:
    """A headline that exclaims ("Dow Jones Holds the Uptrend Firm!"), or ends with a full stop: five words or more
    in title case, no sentence ended inside it. A call in the body's sentence case is the reader's ("Sign up now!"),
    a sentence in it the story's."""
    return (word_count(text) >= _EXCLAIMS_MIN_WORDS and _title_case_share(text) >= _BODY_TITLE_SHARE
            and not _INNER_SENTENCE_END.search(text))


_HEADLINE_PROSE = 0.3  # function words: prose 0.4 and more, headlines with commas 0.15-0.25
_HEADLINE_GRAMMAR_WORDS = 0.4
_HEADLINE_FUNCTION_WORDS = 0.5  # headlines drop articles and auxiliaries: at most 0.43 on our sets, prose 0.55+


@lru_cache(maxsize=1024)
def _headline(text: str) -> bool:
    """A headline: title-like, at least three words, starting as a sentence does, one sentence at most,
    and in headline style (few function words), so that a body sentence missing its full stop is no title."""
    if not (title_like(text) and word_count(text) >= _TITLE_MIN_WORDS and not _LOWER.match(text)) or _a_date(text):
        return False
    if ":" in text and _STAMPED.search(text):  # a byline's date and time ("Jane Roe Madrid 21 May 2024, 15:31")
        return False
    if is_bullet(text):  # a list's item ("- Combined company positioned for growth")
        return False
    if _asks_in_title_case(text):  # a question in title case: its inner "?" and its auxiliaries are a headline's
        return True
    return not _INNER_SENTENCE_END.search(text) and _headline_style(_after_label(text))


# (a zone may run into the day: "11:00 GMT23 September 2020")
_DATE_WORD = re.compile(
    r"\d+(?:st|nd|rd|th)?[,.]?|\d{1,2}:\d\d|(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*[.,]?"
    r"|[AaPp]\.?[Mm]\.?|[A-Z]{2,4}(?:\d{1,2})?|[|·,–—-]")


_STAMPED = re.compile(r"\b(?:\d{1,2} [A-Z][a-z]{2,8},? \d{4}|[A-Z][a-z]{2,8} \d{1,2},? \d{4}|\d{4}-\d\d-\d\d),?"
                      r" (?:at )?\d{1,2}:\d\d\b")


def _a_date(text: str) -> bool:
    """Only a date, a time and a zone ("24th Apr 2018 12:43", "Nov 16 2018 | 4:55 PM IST"): a page's stamp."""
    return any(char.isdigit() for char in text) and all(_DATE_WORD.fullmatch(word) for word in text.split())


_LABEL = re.compile(r"^[^:]{2,25}: (?=\S+ \S+ \S)")  # "At the end of the day: ", "MARKET WRAP: "


def _after_label(text: str) -> str:
    """A headline's words after its label: a label of function words ("At the end of the day:") is no prose."""
    label = _LABEL.match(text) if ": " in text else None
    return text[label.end():] if label else text


# --- When no kept line reads as the title: the headline the cleaner removed -------------------------------
# Pages put the headline among their furniture: after the menus, repeated in a breadcrumb, above a date line
# or a quote widget, and the rules that remove those take it with them (or keep a menu line before it). The
# title is then the headline-shaped line before the body most of whose words the lead repeats (a menu, a
# section name or a share-price box shares few or none of them). Only the title is taken: the text stays as
# cleaned.
_LEAD_WORDS = 150  # the lead: the first words kept from the body's start
_SHARED_MIN = 4  # content words the lead repeats, at least
_SHARE_MIN = 0.5  # and at least half of the line's
_TITLE_SHARED = 2  # a title whose words the lead repeats fewer of may be a kicker or a menu line ("Business News")
# what a headline's line may have been taken for: kept, the title, or a rule of shape (a subheading; the layout model's
# chrome); a line a phrase rule took (a newsletter's, a share button's) is no headline
_HEADLINE_REASONS = frozenset((None, "title", "subheading", "layout-model"))
_ABOVE_LEAD_WORDS = 5  # a headline right above the lead: five words at least ("FTSE All Share Index" is a label)
_DATED = re.compile(r"\d:\d\d|\b(?:updated|published)\b"
                    rf"|\b\d{{1,2}} (?:{MONTHS})[a-z]* \d{{4}}", re.I)
_LINK = re.compile(r"https?:|www\.|\.com\b")


def checked_title(title: str | None, lines: list[PageLine]) -> str | None:
    """``title`` (the first kept line's), or the lead's headline (``lead_headline``) when there is none or the
    lead repeats none of its words (a menu line: "Breaking stock market headlines"); ``lines`` are the page's
    lines in order, removed ones too."""
    if title is not None and _above_a_button(title, lines):
        title = None  # a promotion's heading ("Decrypt's Artwork, Trend, and Leisure Hub." / "Uncover SCENE")
    start = next((i for i, line in enumerate(lines) if line.reason is None and
                  _starts_body(line, lines[i + 1] if i + 1 < len(lines) else None)), None)
    if not start:
        return title
    repeated = _repeated_headline(lines[:start], title)
    if repeated is not None:
        return repeated
    head = [line.text for line in lines[:start] if line.reason != "quote-widget" and _headline_shaped(line.text)]
    if not head:  # nothing to take instead (most plain-text articles): the lead is not read
        return title
    lead_words = folded_words(_lead(lines[start:]))
    shared = len(content_words(title) & lead_words) if title is not None else -1  # (the title's are content words)
    if shared >= _TITLE_SHARED:
        return title
    lead = content_of(lead_words)
    return lead_headline(head, lead) or _above_lead(lines[:start], lead, shared) or title


def _above_a_button(title: str, lines: list[PageLine]) -> bool:
    """Whether the line after the title's is a button or a call to action: a promotion's words, not a story's."""
    at = next((i for i, line in enumerate(lines) if line.text.strip() == title and line.reason in (None, "title")),
              None)
    after = next((line for line in lines[at + 1:] if line.text.strip()), None) if at is not None else None
    return after is not None and after.reason == "call-to-action"


def _repeated_headline(head: list[PageLine], title: str | None) -> str | None:
    """A headline the page gives twice before the body (over the story, then in a share box or above the byline):
    the repeats rule removed its first copy, so a line below it (a standfirst) was taken for the title."""
    for line in head:
        text = line.text.strip()
        if line.reason is None and text == title:
            return None  # the title comes first
        if line.reason == "duplicate" and _headline(text):
            return text
    return None


def _above_lead(head: list[PageLine], lead: set[str], weaker: int) -> str | None:
    """The headline-shaped line right above the lead (only removed lines between: a date, a byline, a caption),
    when the lead repeats two of its words and more than the ``weaker`` title's (none found: -1). That is where a
    page puts its headline; a date or a time in it is a widget's label ("Last Updated at 18 Oct, 15:21 GMT")."""
    for line in reversed(head):
        text = line.text.strip()
        if not text or (line.reason is None and text[:1] in _BULLETS):
            continue  # (the story's highlights, listed between its headline and its lead)
        if line.reason in _HEADLINE_REASONS and _headline_shaped(text) and len(text.split()) >= _ABOVE_LEAD_WORDS \
                and not _DATED.search(text):
            shared = len(content_words(text) & lead)
            if shared >= _TITLE_SHARED and shared > weaker:
                return text
        if line.reason is None or line.reason == "title":
            return None  # a kept line that is no headline stands between
    return None


_BULLETS = "*•▪►"  # what a highlight's line starts with


def lead_headline(head: list[str], lead: set[str]) -> str | None:
    """The first line of ``head`` (headline-shaped lines before the body, removed or not) at least four of whose
    content words, and half, the ``lead`` repeats. The first: a page puts its headline above the subtitles and
    the browser's title ("... — Outlet"), which the lead may repeat more of."""
    for text in head:
        words = content_words(text)
        shared = len(words & lead)
        if shared >= _SHARED_MIN and shared >= _SHARE_MIN * len(words):
            return text
    return None


_BODY_TITLE_SHARE = 0.6  # a line longer than a headline is one only in title case; else a lead missing its stop
_HEADLINE_MAX_WORDS = 15


def _title_case_share(text: str) -> float:
    words = [word for word in text.split() if word[:1].isalpha()]
    return sum(word[:1].isupper() for word in words) / len(words) if words else 0.0


def _lead(lines: list[PageLine]) -> str:
    """The first ``_LEAD_WORDS`` words of the kept ``lines``."""
    words: list[str] = []
    for line in lines:
        if line.reason is None:
            words += line.text.split()
            if len(words) >= _LEAD_WORDS:
                break
    return " ".join(words[:_LEAD_WORDS])


def _starts_body(line: PageLine, after: PageLine | None) -> bool:
    """A paragraph, or the first line of one the page wrapped: eight words or more. A line of headline shape is one
    only when the next line goes on with the sentence (in lower case): else it is the headline above the lead."""
    text = line.text
    if not (line.body or (text.count(" ") >= 7 and len(text.split()) >= 8)):
        return False
    if not _headline_shaped(text) or (after is not None and after.text.strip()[:1].islower()):
        return True
    return len(text.split()) > _HEADLINE_MAX_WORDS and _title_case_share(text) < _BODY_TITLE_SHARE  # a lead


def _headline_shaped(text: str) -> bool:
    """At least four words, short, starting as a sentence does, no sentence end but a question mark (a headline
    may ask), few function words, no list's bullet, link or breadcrumb."""
    return (len(text) <= _TITLE_MAX and text.count(" ") >= _TITLE_MIN_WORDS and not _LOWER.match(text)
            and word_count(text) > _TITLE_MIN_WORDS and not is_bullet(text)
            and not text.rstrip("\"'”’)").endswith((".", "!", ":", ";", ",", "…"))
            and not (text[-1:] >= "\u2000" and ends_sentence(text) and not text.rstrip().endswith("?"))  # "... 🔻"
            and _headline_style(text) and not _LINK.search(text) and not _CRUMBS.search(text))


_CRUMBS = re.compile(r"\s(?:»|›+|>)\s")  # a breadcrumb's separators: "Home » News » ..."


def _headline_style(text: str) -> bool:
    """Few function words, by the stoplist or, since it holds words headlines keep ("leading", "year", "top"), by
    grammar words alone in a line of five words or more (a shorter one is more often a label: "Archive for March,
    2013")."""
    return function_word_share(text) < _HEADLINE_FUNCTION_WORDS or (
        word_count(text) >= _ABOVE_LEAD_WORDS and grammar_word_share(text) < _HEADLINE_GRAMMAR_WORDS)
