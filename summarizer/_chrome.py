"""Page chrome by shape: menus, keyword lists, key-value tables, stray marks, a market-data widget.

Lines that are page furniture whatever their words. They run before the title is chosen: page
furniture is never a title. Each rule keeps a line with a figure or sentence punctuation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ._credits import PHOTOGRAPHER_CREDIT
from ._page_residue import OFFER_AD, SIGNED_COPYRIGHT
from ._prose import DIGIT, LIST_SHARE, PROSE_SHARE, Line, ends_sentence, function_word_share
from ._site_notes import site_note

_MENU_MIN_WORDS = 12  # a headline of eight words may have one function word only
_NO_PROSE_MARK = re.compile(r"[.,;:!?\"“”()]")
_KEY_VALUE = re.compile(r"^[A-Z][A-Za-z]*(?: [A-Za-z]+)?: \S.{0,60}$")
_KEY_VALUE_MIN_LINES = 2
_TICKER_ALONE = re.compile(r"^[A-Z]{1,5}[,;]$")
_LABEL_LINE_MAX = 24
# A video's or a podcast's link: "WATCH: 'We expect a weak outlook,' says an analyst" (no full stop: a headline)
_MEDIA_LINK = re.compile(r"^(?:WATCH|VIDEO|LISTEN|PODCAST|[^\w\s]{1,2}\s?(?i:watch|video|listen|podcast))"
                         r"\s?:\s?\S.{3,200}(?<![.!?])$"  # (after a player's icon in any case: "▶ Watch: ...")
                         # or labelled as more of them: "Additional video: An economist looks at the cut."
                         r"|^(?i:additional|related|more|bonus) (?i:video|audio|podcast)s?\s?:\s?\S.{3,200}$")
# A photographer's credit on its own line, under the caption: "(Jane Roe/The Harbour Press)", "Jane Roe | Reuters";
# a staff photographer's, with the agency written in title case: "Str | Afp | Getty Images"
_CREDIT_ALONE = re.compile(rf"^{PHOTOGRAPHER_CREDIT}$"
                           r"|^(?:[A-Z][\w.'’-]+ ){0,3}[A-Z][\w.'’-]+(?: \| "
                           r"(?i:Reuters|AP|AFP|Bloomberg|Getty Images|EPA|CNBC)){1,2}$")
# Another story's link with its section and age run into its headline: "Markets3 hours agoRegulator fines ..."
# (a headline: no sentence end)
_RELATED_AGO = re.compile(r"^(?:[A-Z][A-Za-z&]*(?: [A-Za-z&]+){0,2} ?)?\d{1,3} ?(?:minutes?|mins?|hours?|hrs?|days?"
                          r"|weeks?|months?) ago ?[A-Z“\"‘'].{8,200}(?<![.!?])$")
# A reporter's initials signing the story off on a line of their own: "A.V.", "J.R.L."
_INITIALS = re.compile(r"^(?:[A-Z]\.){2,3}$")
_INITIALS_MAX = 6
# The scrape's date label with the page's furniture run on after it, no sentence: "date 2024-05-21 Jane Roe Madrid
# Tuesday, 21 May 2024, 15:31 Share Copy link", "date 2023-11-06 Editions• Events• Supplements"
_DATE_LABEL_LINE = re.compile(r"^(?i:date):?\s?\d{4}-\d{2}(?:-\d{2})?\b.{0,200}(?<![.!?])$")
# A wire's end mark with its copyright in brackets: "END [Copyright The Harbour Press, Ltd.]"
_END_COPYRIGHT = re.compile(r"^(?:END\s+)?\[(?:Copyright|©)[^\[\]]{2,80}\]$")
# A link's button on its own line ("Read more...", "Continue reading »"), and an image's slug ("microsoft12121")
_BUTTON_LINE = re.compile(r"^(?i:read more|continue reading|see more|show more|load more"
                          r"|share this(?: story| article)?)\s?(?:\.{3}|…|»|>+)?$"
                          r"|^[a-z]+[-_]?\d{4,}$")
# A pager's link to the story before or after, its headline run on: "Previous ArticleHarbour: Papers focus on ...",
# "Next post The Weekly Wrap: ..."
_PAGER = re.compile(r"^(?i:previous|next|prev|older|newer) (?i:article|post|story)(?:\s?[:»›>|-]|\s?(?=[A-Z])|$)")
_TICKER_ALONE_MAX = 7  # the longest line _TICKER_ALONE takes ("$" also matches before a final line break)
_NOTE_MAX_WORDS = 12
_CRUMB_TAIL = 24  # characters of a cut-off line that its full version must repeat
# A table of quotes, its rows run together or one per line: "Symbol Price Change %Change GOOGL $105.96 0.55 0.52
# MSFT $281.84 -3.92 -1.37"; an index's quote: "Nasdaq Composite Index. $ 12037.203686" (more decimals than a price)
_QUOTE_HEADER = r"(?i:symbol\s+(?:price|last)\s+(?:change|chg)\s+%\s?(?:change|chg))"
_QUOTE_ROW = r"[A-Z]{1,5}(?:\.[A-Z]{1,2})?\s+\$?\s?\d[\d,]*\.\d+\s+[+\-−]?\d[\d,]*\.\d+%?\s+[+\-−]?\d[\d,]*\.\d+%?"
# A strip of quotes, each a name, a price and its change (the last without one at times): "INDEX 81,244.60 (-0.21%) |
# GOLD ₹76,480", "GOLD A$5,214.60/oz ▲2.3% SILVER A$58.12 ▲3.1% AUD/USD 0.6531"
_QUOTE_ITEM = (r"[A-Z][A-Z0-9&./]*(?: [A-Z][A-Z0-9&./]*){0,2} [A-Z]{0,3}[$€£¥₹]?\d[\d,]*(?:\.\d+)?(?:/[a-z]{1,3})?"
               r"(?: \(?[+\-−▲▼]\s?\d+(?:\.\d+)?%\)?)?")
_QUOTE_STRIP = re.compile(rf"^{_QUOTE_ITEM}(?:\s*[|·•]?\s+{_QUOTE_ITEM})+$")
_QUOTE_STRIP_MAX = 400
_QUOTES = re.compile(rf"^(?:{_QUOTE_HEADER}|(?:{_QUOTE_HEADER}\s+)?{_QUOTE_ROW}(?:\s+{_QUOTE_ROW})*"
                     r"|[A-Z][\w&'’ -]{2,50} Index\.?\s\$?\s?\d[\d,]*\.\d{4,})$")
# A page's loading message, printed while its scripts ran: "Loading...", "Please wait while we prepare the page...",
# "Getting your audio player ready..."
_LOADER = re.compile(r"^(?i:please wait|loading|getting (?:your|the) [^.!?]{0,40}\b(?:player|audio|video) ready)\b"
                     r"[^.!?]{0,80}(?:\.{2,3}|…)$|^(?i:loading)\W*$")
# A link to another story on its own line: "Read more about Acme's IPO and how its subscription went?"
_MORE_ABOUT = re.compile(r"^(?i:read|learn|find out|know) more (?i:about|on) [^.!]{3,120}\??$"
                         # or on a site ("Read more on Velora Times."), or its live prices ("Watch Acme trade live
                         # on Markets Hub.")
                         r"|^(?:Read more on|Watch [^.!?]{1,60} live on) (?:[A-Z][\w.&'’-]*(?: |(?=\.?$))){1,4}\.?$")
# A template's line printed with its placeholder unfilled: "%d bloggers like this:", "%s comments"
_PLACEHOLDER_LINE = re.compile(r"^[^.!?%]{0,30}%[ds] [^.!?%\d]{2,40}$")
# A page's print button and text-size buttons: "Print This Post A A A", "Print", "A+ A-"
_PRINT_SIZE = re.compile(r"^(?i:print(?: this)?(?: post| article| page| story)?)(?: A[+-]?){0,3}$"
                         r"|^A[+-]?(?: A[+-]?){1,2}$")
# A rating widget's question: "How informative is this news?", "Was this article helpful?"
_RATING = re.compile(r"^(?i:how (?:informative|useful|helpful) (?:is|was) this (?:news|article|story|post))\??$")
# A filing's or a listing's code on a line of its own: "RNS Number : 4417Q", "ISIN: GB00B03MLX29", "Ticker: ACME"
_CODE_LINE = re.compile(r"^(?:[A-Z][\w.]*\s){0,2}(?:Number|No\.|Code|ID|Ref|Reference|ISIN|Ticker|Symbol)\s?:\s?"
                        r"[A-Z0-9][A-Z0-9./-]{2,14}$")
# A picture's place in the text, in square brackets: "[Image: Server racks lit in blue. Credit: Stock/Agency]"
_PICTURE_SLOT = re.compile(r"^\[(?i:image|photo|picture|graphic|chart|video|embed)\s?:[^\[\]]{2,300}\]$")
# Cashtags alone on a line: "$BTC", "$AAPL $MSFT"
_CASHTAGS = re.compile(r"^(?:\$[A-Z]{2,6}\s*)+$")
# Who supplies a site's prices, in brackets: "(Some of our crypto pricing data is provided by Acme.)"
_DATA_CREDIT = re.compile(r"^\((?i:[^()]{0,60}\b(?:pricing data|price data|market data|data|prices|quotes) (?:is|are) "
                          r"(?:provided|supplied|powered) by) [^()]{2,40}\.?\)$")
# Labels and codes on their own line: a kicker ("Breaking News"), structured data's key ("schema:articleBody"), a wire
# story's sign-off in its writers' initials ("jmb/cs", "bur-jh/rl")
_LABEL_LINE = re.compile(
    r"^(?:(?i:breaking news|breaking|just in)|schema:[A-Za-z]+|(?:bur-)?[a-z]{2,4}(?:[/-][a-z]{2,4}){1,3})$")


def mark_chrome(lines: Sequence[Line]) -> None:
    """Lines that are page furniture whatever their words: a line of marks alone ("*", "-", "|"), a long
    run of words without one function word or punctuation mark (a menu, a keyword list), an editor's note
    wholly in brackets ("(Updates with closing prices)"), a ticker alone between the two halves of a
    sentence ("Shares of Acme Inc." / "ACM," / "rose 3%"), "Label: value" lines in a table of two or more
    ("Publisher: ...", "License: ..."), menu items run together, and, before the body, a breadcrumb that repeats
    the next line cut off ("Home Business Acme cuts 300 jobs..."). A line with a figure or sentence punctuation
    stays."""
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
        if line.text.count("%") >= 2 and line.text[:1].isupper() and len(line.text) <= _QUOTE_STRIP_MAX \
                and _QUOTE_STRIP.match(line.text):
            line.reason = "quote-widget"  # (a strip of them: never a headline, though it reads like one)
            continue
        if line.text[:1].isupper() and line.text[-1:].isdigit() and _QUOTES.match(line.text):
            line.reason = "price-ticker"  # (a table run together is long and may pass for a paragraph)
            continue
        if " ago" in line.text and _RELATED_AGO.match(line.text):
            line.reason = "related-links"
            continue
        if (line.text[0] in "WVLPARMB" or not line.text[0].isalnum()) and _MEDIA_LINK.match(line.text):
            line.reason = "related-links"  # (a headline with a comma may pass for a paragraph)
            continue
        if line.text[0] in "SLE" and OFFER_AD.match(line.text):
            line.reason = "advertisement"  # (its pitch may pass for a paragraph)
            continue
        if line.text[0] in "RrLlFfKkW" and _MORE_ABOUT.match(line.text):
            line.reason = "related-links"  # (a long headline may pass for a paragraph)
            continue
        if line.text[0] in "PNOpno" and _PAGER.match(line.text):
            line.reason = "navigation"  # (its headline run on may pass for a paragraph)
            continue
        note = site_note(line.text) if len(line.text) > _LABEL_LINE_MAX else None
        if note is not None:
            line.reason = note  # (written as sentences, it may pass for a paragraph)
            continue
        if line.body and _glued_menu(line.text):
            line.reason = "navigation"
        if _doubled(line.text):
            line.reason = "image-caption"  # a picture's alt text and its caption, the same sentence run together
            continue
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


_DOUBLED_MIN = 40  # characters of each half
_DOUBLED_LABEL_REACH = 40  # a label before the doubled sentence ends within so many characters


def _doubled(text: str) -> bool:
    """One sentence given twice in a row, with or without a space between: "Acme upgraded to Buy.Acme upgraded to
    Buy." (several sentences given twice are a paragraph the scrape doubled: kept, its copy goes as a repeat); or
    the same after a site's label ("The Harbour Times: Acme upgraded to Buy (PA)Acme upgraded to Buy (PA)")."""
    label = text.find(": ", 0, _DOUBLED_LABEL_REACH)
    if label > 0 and _doubled(text[label + 2:]):
        return True
    half, odd = divmod(len(text), 2)
    if half < _DOUBLED_MIN or (odd and text[half] != " ") or text[:half] != text[half + odd:]:
        return False
    return not _SENTENCE_BREAK.search(text[:half].rstrip())


_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)]?\s+[\"“(]?[A-Z]")


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
    if len(text) <= _LABEL_LINE_MAX and _LABEL_LINE.match(text):
        return "section-label"
    if len(text) <= _LABEL_LINE_MAX and _BUTTON_LINE.match(text):
        return "navigation"
    if text[0] in "PpLlGg" and _LOADER.match(text):
        return "navigation"
    if text[0] in "Hh" and _RATING.match(text):
        return "widget"
    if text[0] in "PpA" and _PRINT_SIZE.match(text):
        return "navigation"
    if ":" in text and len(text) <= _LABEL_LINE_MAX and _CODE_LINE.match(text):
        return "metadata"
    if text[0] == "$" and _CASHTAGS.match(text):
        return "ticker-tag"
    if text[0] == "[" and _PICTURE_SLOT.match(text):
        return "image-caption"
    if text[0] == "(" and _DATA_CREDIT.match(text):
        return "source-credit"
    if "%" in text and len(text) <= _LABEL_LINE_MAX * 3 and _PLACEHOLDER_LINE.match(text):
        return "layout"
    if len(text) <= _INITIALS_MAX and _INITIALS.match(text):
        return "byline"
    if text[:4].lower() == "date" and _DATE_LABEL_LINE.match(text):
        return "metadata"  # (the reason the key-value rule gives such a line with a label alone after the date)
    if (text[0] == "(" or " | " in text) and _CREDIT_ALONE.match(text):
        return "image-credit"
    if text[-1] == "]" and _END_COPYRIGHT.match(text):
        return "copyright"
    if text[0] in "—–-" and SIGNED_COPYRIGHT.match(text):
        return "copyright"
    if len(text) <= _TICKER_ALONE_MAX and _TICKER_ALONE.match(text) and following[:1].islower():
        return "ticker-tag"
    if text[0] == "(" and text[-1] == ")" and text[-2:-1] not in ".!?" and len(text.split()) <= _NOTE_MAX_WORDS \
            and not DIGIT.search(text):
        return "editor-note"
    if text.count(" ") >= _MENU_MIN_WORDS - 1 and not _NO_PROSE_MARK.search(text) and not DIGIT.search(text) \
            and function_word_share(text) < LIST_SHARE:
        return "navigation"
    if _name_twice(text):
        return "layout"  # a logo's text and its alt text: "Harbour News Service Harbour News Service"
    return "navigation" if _glued_menu(text) else None


_TWICE_MAX_WORDS = 6


def _name_twice(text: str) -> bool:
    """A name in title case written twice in a row, nothing else on the line ("Harbour Ledger Harbour Ledger")."""
    words = text.split()
    half = len(words) // 2
    return 0 < half <= _TWICE_MAX_WORDS and len(words) == 2 * half and words[:half] == words[half:] \
        and all(word[:1].isupper() for word in words) and not DIGIT.search(text)


def _glued_menu(text: str) -> bool:
    """Menu items run together: "MarketsTechnologyLegalReuters News AgencyBlog" (long enough to pass for body)."""
    return not ends_sentence(text) and len(_GLUED.findall(text)) >= _GLUED_MIN


# A word run into the next one's capital ("sL" in "SolutionsLegal"); a brand has one or two ("iPhone", "BlackRock").
_GLUED = re.compile(r"[a-z]{2}[A-Z][a-z]")
_GLUED_MIN = 4


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
    if len(text) > _WIDGET_NUMBER_MAX_CHARS or text[:_WIDGET_MAX_LETTERS + 1].isalpha():
        return False  # (a line that starts with three letters has too many: most labels and headlines)
    return sum(map(str.isdigit, text)) >= 2 and sum(map(str.isalpha, text)) <= _WIDGET_MAX_LETTERS


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
        if line.reason is None and not (text.endswith((".", "!", "?")) and function_word_share(text) >= PROSE_SHARE):
            line.reason = "price-ticker"
