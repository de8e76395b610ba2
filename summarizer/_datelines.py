"""Dates on lines of their own: a page's published and updated stamps, a source and how long ago it posted, a
scrape's date label on a caption, and a dateline or a wire's credit standing alone ("NHK -- May 10", "Yokohama, May
13 (Jiji Press)--", "— Reuters"). Whole-line patterns for ``_noise``'s rules.
"""

from __future__ import annotations

import re

from ._credits import WIRE_AGENCIES

_I = re.IGNORECASE

_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_TIME = r"\d{1,2}[:.]\d{2}([:.]\d{2})?(\.\d+)?\s*([ap]\.?m\.?)?\s*((GMT|UTC)([+-]\d{1,2}(:?\d{2})?)?|[A-Z]{2,4}|Z)?"
_WEEKDAY = r"((mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,? )?"
_DATE_FORMS = [
    rf"\d{{4}}[/-]\d{{1,2}}[/-]\d{{1,2}}([ T]{_TIME})?",
    rf"\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{4}}(,? {_TIME})?",
    rf"{_WEEKDAY}({_MONTH}) \d{{1,2}}(st|nd|rd|th)?,? \d{{4}}((,| at| -)? ?{_TIME})?",
    rf"{_WEEKDAY}\d{{1,2}}(st|nd|rd|th)? ({_MONTH}),? \d{{4}}((,| at| -)? ?{_TIME})?",
]
_DATE = "(" + "|".join(_DATE_FORMS) + ")"
DATE_PATTERN = _DATE  # a date in one of the forms above, for searching inside a line
DATELINE = re.compile(
    rf"^((published|updated|posted|last updated|first published|date|time)( on)?\s?:?\s*)?{_DATE}"
    rf"(\s*[|·•]\s*(updated:?\s*)?{_DATE})?( by( (?-i:[A-Z])[\w.'’-]*){{0,4}})?$"  # (its writer, or the name left out)
    r"|^(published|updated|posted)( on)?:?\s*\d{1,3}\s*(minutes?|mins?|hours?|hrs?|days?|weeks?|[mhdw])\s+ago"
    r"(, (updated|edited) \d{1,3}\s*(minutes?|mins?|hours?|hrs?|days?|weeks?|[mhdw])\s+ago)?$"
    # a time alone, its day named at most: "4:18 p.m. ET", "Updated at 2:24 p.m. ET", "Published 9:14 a.m. ET, Thursday"
    rf"|^((first published|last updated|published|updated|posted)( on| at)?:?\s*)?{_TIME}"
    r"(,? (mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?)?$"
    r"|^\d{1,3}\s*(minutes?|mins?|hours?|hrs?|days?)\s+ago$"
    r"|^date:?\s*\d{4}-\d{1,2}(-\d{1,2})?$"  # a scrape's date label, the day left out at times: "date 2018-11"
    # the labels left when the scrape lost the dates: " / Updated  / Source: Reuters"
    r"|^/\s*(published|updated|posted)\s*(/\s*source\s?:\s?[a-z][\w .&'-]{1,40})?$"
    r"|^(published|updated|posted)\s*/\s*source\s?:\s?[a-z][\w .&'-]{1,40}$",
    _I,
)
# A source or a section and how long ago it posted, on a line of their own: "The Star · 3d ago", or run together
# ("Celebrity Gossip1 day ago", a card's label above another story's headline)
SOURCE_AGO = re.compile(r"^[^·|]{1,40}\s[·|]\s\d{1,3}\s?(m|h|d|w|mins?|hrs?|hours?|days?|weeks?)\s+ago$"
                        r"|^(?-i:[A-Z])[^·|.!?\d]{1,40}(?<=[a-z])\d{1,2} (mins?|minutes?|hrs?|hours?|days?|weeks?)"
                        r" ago$", _I)
# The scrape's date label glued to a short caption ending as a sentence: "date 2023-08-10 Governor Jane Roe."
# (a headline has no full stop; a paragraph after the label is DATE_PREFIX's: the label alone goes)
DATED_CAPTION = re.compile(r"^(date|published|updated|posted):?\s*\d{4}-\d{2}-\d{2}(\s+[^\s.!?]+){1,6}\.$", _I)
_ISO_DATE = re.compile(r"(\d{4})[/-](\d{1,2})[/-](\d{1,2})(?:[ T](\d{1,2}:\d{2}))?")

# A place or an outlet and a day, or a wire's name after a dash, alone on a line: the story's dateline or credit
# set apart from its first sentence ("Shillong, April 5:", "Yokohama, May 13 (Jiji Press)--", "NHK -- May 10",
# "— Reuters"). One or two names in capitals, and the mark that ends a dateline: a headline has more words and no
# such mark ("Gold Rate Today, May 14, 2025"), a list's item a name after its dash ("– HDFC Bank").
_NAMES = r"[A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*)?"
_DAY = rf"(?i:{_MONTH}) \d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)? (?i:{_MONTH})"
PLACE_DATE = re.compile(
    rf"^{_NAMES}, (?:{_DAY})(?:,? \d{{4}})?(?: \([A-Z][\w.&'’ -]{{1,30}}\))? ?(?:--|[—–:-])$"
    rf"|^{_NAMES} ?(?:--|[—–]) ?(?:{_DAY})(?:,? \d{{4}})?$"
    rf"|^(?:--|[—–]) ?(?:{WIRE_AGENCIES})$"
)
# PLACE_DATE's pre-filter (the rule's starts and words, on the lower-cased line): one or two words, a comma and a
# day, at the start; or a dash anywhere
PLACE_DATE_STARTS = (r"[a-z][\w.&'’-]*(?: [a-z][\w.&'’-]*)?, (?:\d{1,2}(?:st|nd|rd|th)? )?"
                     r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)")
PLACE_DATE_WORDS = ("--", "—", "–")


def parse_dateline(text: str) -> str | None:
    """ISO form of a dateline when it is numeric (2025/09/25 05:02), else the line as written."""
    match = _ISO_DATE.search(text)
    if match:
        year, month, day, time = match.groups()
        date = f"{year}-{int(month):02d}-{int(day):02d}"
        return f"{date} {time}" if time else date
    return text.strip()
