"""Distinct labels: figures that share a label get the qualifier their own words in the article give.

A small model labels an article's actual revenue, the analysts' estimate and
the old and new guidance all "Revenue". Which one is which is written next to
each number ("... $560 million analysts had expected", "down from the $520
million it forecast in July", "from 1.1 billion yuan a year earlier"), so
that is where the qualifier comes from: never from the model, never a word the
article does not put beside the number.

Only labels shared by two or more different figures change. Each figure of
such a group gets the first of these its clause holds that no other figure of
the group has, added in brackets: "Operating profit (analysts' estimate)".

* the list item it stands for in a "respectively" sentence ("the main refinancing operations, the marginal lending
  facility and the deposit facility ... 2.00%, 2.25% and 1.50% respectively");
* the low or high end of a range ("$58 billion to $59 billion");
* an analysts' estimate or expectation;
* a previous value ("from", "previous", "prior"), a previous forecast;
* the year-ago value ("a year earlier", "last year");
* a forecast or guidance, a new one ("now expects", "raised");
* a period ("second quarter", "full-year", "2025", "September");
* a rate's or a bond's term, anywhere before the number in its clause ("the one-year loan prime rate");
* what the amount is in ("$19 million in stablecoins"), or its unit when the units differ;
* what the clause says is measured, when the label does not: "shares", "sales", "volumes";
* whose figure it is, when the model names different companies for them ("gain (Airo)", "gain (Circle)");
* "change" or "percent" for a percentage beside levels under one label ("Nikkei 225 index (change)").

Figures still sharing a label after that get, in this order, what their
sentence says beyond the clause:

* the nearest word of what is measured or which price it is in the sentence ("revenue" in "Revenue is forecast
  at 612 billion yen, compared with 585 billion yen previously"; "spot");
* the words naming who the clause is about ("its retirement services cut 94 positions": "retirement services";
  "... brokerage unit, which cut 382": "brokerage unit"); a share given right after a number ("382, or about
  3.6%") is about what that number is about.

A figure whose sentence gives nothing that sets it apart keeps its label, and
the shared label stays named in the warnings, as before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Protocol

from ._label_words import (
    CLAUSE_END,
    EXTREMES,
    JOINS,
    MEASURES,
    NUMBER,
    TOKEN,
    nearest,
    redundant,
    tell_apart,
    word_set,
)
from ._respectively import respective
from .figures import NumberMention, find_numbers
from .quality import FUNCTION_WORDS, label_key

_WINDOW = 7  # words looked at on each side of the number, inside its clause


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")
_ORDINALS = {"first": "first", "second": "second", "third": "third", "fourth": "fourth",
             "1st": "first", "2nd": "second", "3rd": "third", "4th": "fourth"}
_PREVIOUS = word_set("previous previously prior earlier old original")
_FORECAST = word_set("forecast forecasts forecasting guidance outlook expects expect projects projected projection "
                 "sees target targets predicts predicted anticipates")
_CURRENT = word_set("currently now")
_A_RANGE = (["a", "range"], ["the", "range"], ["a", "level"], ["a", "band"])
_NEW = word_set("now new raised raises lifted lifts lowered lowers cut cuts trimmed trims boosted revised")
_ESTIMATE = word_set("analysts analyst consensus estimate estimates estimated polled poll economists")
_STREET = word_set("street's street’s")  # "Wall Street's call for $2.61 billion": an estimate, with one of these
_STREET_VIEW = word_set("call calls expectations expectation view forecast forecasts target")
_YEAR_AGO = re.compile(r"\byear (?:earlier|ago|before)\b|\b(?:last|prior|previous) year\b|\byear-ago\b|"
                       r"\ba year-earlier\b")
_RATES = frozenset(("percent", "percentage_points", "basis_points"))
_IN_SKIP = word_set("the a an its their his her this that these those each every all") | frozenset(_MONTHS)


class Labelled(Protocol):
    """What a figure needs for its label to be made distinct (``KeyFigure`` has it)."""

    @property
    def label(self) -> str: ...
    @property
    def raw(self) -> str: ...
    @property
    def unit(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def kind(self) -> str: ...
    @property
    def direction(self) -> str | None: ...
    @property
    def entity(self) -> str | None: ...


@dataclass(frozen=True)
class _Clause:
    before: list[str]  # lower-cased words of the clause before the number, nearest last
    after: list[str]  # lower-cased words of the clause after the number, nearest first
    own_before: list[str]  # the part of ``before`` that belongs to this number: after any other number or "and"
    own_after: list[str]  # the part of ``after`` that belongs to this number: up to any other number or "and"
    left: str  # the clause's text before the number, whole (``before`` keeps its last ``_WINDOW`` words)


def _clause(text: str, start: int, end: int) -> _Clause:
    """The words on each side of ``text[start:end]``, up to the clause's ends and ``_WINDOW`` words."""
    left = text[max(0, start - 200):start]
    cut = [m.end() for m in CLAUSE_END.finditer(left)]
    left = left[cut[-1]:] if cut else left
    right = text[end:end + 200]
    stop = CLAUSE_END.search(right)
    right = right[:stop.start()] if stop else right
    before = [t.casefold() for t in TOKEN.findall(left)][-_WINDOW:]
    after = [t.casefold() for t in TOKEN.findall(right)][:_WINDOW]
    own_before = before[:]
    for index in range(len(before) - 1, -1, -1):
        if NUMBER.match(before[index]) or before[index] in JOINS:
            own_before = before[index + 1:]
            break
    own_after = after[:]
    for index, token in enumerate(after):
        if NUMBER.match(token) or token in JOINS:
            own_after = after[:index]
            break
    return _Clause(before, after, own_before, own_after, left)


def _range_end(figure: Labelled, text: str) -> str | None:
    """'low end' / 'high end' when the number is one end of a range of one unit: 'X to Y', 'X-Y', 'between X and
    Y'. 'from X to Y' is a change, not a range."""
    mentions = find_numbers(text)
    for index, mention in enumerate(mentions):
        if mention.start != figure.start:
            continue
        if index > 0 and _pair(mentions[index - 1], mention, text):
            return "high end"
        if index + 1 < len(mentions) and _pair(mention, mentions[index + 1], text):
            return "low end"
        if _GLUED_HIGH_END.match(text, figure.end):  # "HK$2.28-$2.67": a high end the number reader leaves out
            return "low end"
    return None


_GLUED_HIGH_END = re.compile(r"[-–]\$\d")


def _pair(low: NumberMention, high: NumberMention, text: str) -> bool:
    if low.unit != high.unit:
        return False
    between = text[low.end:high.start].strip().casefold()
    lead = text[max(0, low.start - 12):low.start].casefold().split()[-1:]
    if between in ("to", "-", "–"):
        return lead != ["from"]
    return between == "and" and lead == ["between"]


def _period(tokens: list[str]) -> str | None:
    for index, token in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if token in _ORDINALS and following in ("quarter", "half"):
            return f"{_ORDINALS[token]} {following}"
        if re.fullmatch(r"[1-4](?:st|nd|rd|th)?-quarter|(first|second|third|fourth)-quarter", token):
            return token.replace("-", " ")
        if re.fullmatch(r"q[1-4]|h[12]", token):
            return token.upper()
        if token in ("full-year", "annual", "fy"):
            return "full year"
        if token in ("this", "next") and following == "year":  # "last year" is the year-ago cue
            return f"{token} year"
        if re.fullmatch(r"(?:19|20)\d\d", token):
            return token
        if token in _MONTHS[:12]:
            return token.capitalize()
    return None


# A rate's or a bond's term, anywhere before the number in its clause: "the one-year loan prime rate (LPR) by 5 basis
# points to 3.65 percent, and the five-year LPR by 15 basis points to 4.30 percent"
_TENOR = re.compile(r"\b(?:one|two|three|four|five|seven|ten|twenty|thirty|\d{1,2})-(?:year|month|week|day)\b")


def _tenor(left: str) -> str | None:
    found = _TENOR.findall(left.casefold())
    return found[-1] if found else None


# "a year earlier" after the amount and what it is per share: "compared with $452 million, or 48 cents per share, a
# year earlier" (the clause ends at the comma)
_YEAR_AGO_AFTER = re.compile(r"(?:,? or (?:[^,.;]|\.(?=\d)){1,40}|\s(?:per|a) share)?,\s"
                             r"(?:a year (?:earlier|ago|before)|the year before|in the year-ago (?:period|quarter))\b"
                             r"(?! than)")


_PER_SHARE_LABEL = re.compile(r"(?i)\beps\b|\bper share\b|\ba share\b|\bprice\b|\bearnings per\b")


def _recent(after: list[str]) -> str | None:
    """'this month', 'last week' right after the number ("down 5% this month"): before it, it is more often when
    something was said ("said last week that sales rose 8%")."""
    for token, following in pairwise(after[:4]):
        if token in ("this", "last", "next") and following in ("week", "month"):
            return f"{token} {following}"
    return None


_MOVES = frozenset(("advanced", "declined", "rose", "fell", "gained", "lost", "climbed", "dropped", "jumped", "slipped",
                    "rallied", "slumped", "surged", "plunged", "increased", "decreased", "unchanged"))


def _qualifiers(figure: Labelled, text: str) -> list[str]:
    """Everything the figure's own words say about which value it is, most telling first."""
    clause = _clause(text, figure.start, figure.end)
    before, after = clause.own_before, clause.own_after
    near = set(before + after)
    found: list[str] = []
    item = respective(figure.start, text)  # "... A, B and C rose 2%, 3% and 4% respectively": its list item
    if item:
        found.append(item)
    end = _range_end(figure, text)
    if end:
        found.append(end)
    if _ESTIMATE & near or (_STREET & near and _STREET_VIEW & near):
        found.append("analysts' estimate" if {"analysts", "analyst", "consensus"} & near else "estimate")
    elif "expected" in after and after[:1] != ["as"]:
        found.append("expected")
    if _YEAR_AGO.search(" ".join([*before, "#", *after])) or _YEAR_AGO_AFTER.match(text, figure.end):
        found.append("a year earlier")
        near -= {"earlier", "prior"}  # "a year earlier" is the year-ago value, not a previous forecast
    forecast = bool(_FORECAST & near)
    tail = before[:-3] if before[-3:-1] in _A_RANGE and before[-1:] == ["of"] else before  # "from a range of 0.25"
    previous = "from" in tail[-3:] or bool(_PREVIOUS & near)
    if previous:
        found.append("previous forecast" if forecast else "previous")
    if forecast:
        found.append("new forecast" if _NEW & set(before) else "forecast")
    elif not previous and (_CURRENT & set(before) or "is trading" in " ".join(before)):
        found.append("current")  # "is (currently) trading at around $67,400"
    period = _period(clause.before) or _period(clause.after) or _recent(clause.after)  # (its whole clause)
    if period:
        found.append(period)
    tenor = _tenor(clause.left)
    if tenor:
        found.append(tenor)
    what = _what_in(after)
    if what:
        found.append(what)
    if after[:2] in (["per", "share"], ["a", "share"]) and not _PER_SHARE_LABEL.search(figure.label):
        found.append("per share")  # "$452 million, or 48 cents per share": the same result per share
    for vocabulary in (EXTREMES, MEASURES):
        word = nearest(before, after, vocabulary)
        if word:
            found.append(word)
    if after[:1] and after[0] in _MOVES:
        found.append(after[0])  # "70 stocks advanced, while 182 declined": which way each count went
    return found


def _what_in(after: list[str]) -> str | None:
    """'in stablecoins' from '$19 million in stablecoins': what an amount is held or paid in (up to 3 words)."""
    if len(after) < 2 or after[0] not in ("in", "of") or after[1] in _IN_SKIP:
        return None
    taken = []
    for word in after[1:4]:
        if not word.isalpha() or word in FUNCTION_WORDS or word in _IN_SKIP:
            break
        taken.append(word)
    return f"{after[0]} {' '.join(taken)}" if taken else None


_NAME = re.compile(r"[A-Z][\w&'’.-]*(?: (?:[A-Z][\w&'’.-]*|&))*(?![\w$€£¥])")  # not a currency's letter: "C$1.35"
# a name alone at a clause's end, after its start or "and": ", Zhao" / "$150 million and Lim"
_OWNER_LAST = re.compile(r"(?:^|[,;:]\s*|\band )([A-Z][\w&'’.-]*(?: [A-Z][\w&'’.-]*){0,2})$")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_NOT_NAMES = frozenset(("The", "A", "An", "It", "Its", "This", "That", "In", "On", "At", "But", "And", "As", "After",
                        "Shares", "Rs", "Re", "US", "Q1", "Q2", "Q3", "Q4", "AM", "PM", "GMT", "UTC",
                        # a clause's opening word before a name: "While Bitcoin fell 8%"
                        "While", "When", "Although", "Though", "Because", "If", "Since", "Before", "Until", "Once",
                        "Despite", "Meanwhile", "However", "Still", "Also", "With", "For", "From", "By", "Amid",
                        *_DAYS)) | {m.capitalize() for m in _MONTHS}
_POSSESSIVE = re.compile(r"['’]s$")


def _name_before(figure: Labelled, text: str) -> str | None:
    """The nearest name written before the number in its clause ('Tata Consultancy Services' in 'Tata Consultancy
    Services rose 4.2 percent to Rs 3,893'),
    up to three words; not a month or a day, not a word like 'Singapore-based', and a single word opening the
    sentence only when the text also writes it capitalised inside a sentence or before another capitalised word
    ('Corblake Freight'): 'Group revenue' is no name."""
    left = text[max(0, figure.start - 200):figure.start]
    cut = [m.end() for m in CLAUSE_END.finditer(left)]
    if cut and not left[cut[-1]:].strip() and left[cut[-1] - 1] == ",":
        # the number right after a comma, in a list that names each one's owner first: "Binance must pay $1.35
        # billion, Zhao, $150 million and Lim, $1.5 million": the name that ends the clause before
        owner = _OWNER_LAST.search(left[:cut[-1] - 1])
        if owner is not None and owner.group(1) not in _NOT_NAMES:
            return owner.group(1)
    left = left[cut[-1]:] if cut else left
    for match in reversed(list(_NAME.finditer(left))):
        words = [_POSSESSIVE.sub("", w) for w in match.group().split() if w not in _NOT_NAMES and "-" not in w]
        words = [w for w in words if w and not NUMBER.match(w) and w not in _NOT_NAMES]
        while words and words[-1].lower() in FUNCTION_WORDS:
            words.pop()  # a headline's capitalised preposition before the number: "Brent Crude Under $100"
        if not words:
            continue
        opening = not left[:match.start()].strip()
        if opening and len(words) == 1 and not re.search(
                rf"(?<=[a-z,] ){re.escape(words[0])}\b|\b{re.escape(words[0])} [A-Z][a-z]", text):
            continue  # a name is written capitalised inside a sentence too, or as the first of a name's words
        return " ".join(words[:3])
    return None


def distinct_labels(figures: Sequence[Labelled], text: str) -> list[str]:
    """Each figure's label, qualified from its clause in ``text`` where another figure has the same label.

    Returns one label per figure, in order; a label shared by no other figure comes back unchanged.
    """
    labels = [f.label.strip() for f in figures]
    groups: dict[str, list[int]] = {}
    for index, label in enumerate(labels):
        groups.setdefault(label_key(label), []).append(index)
    for key, members in groups.items():
        if len(members) < 2 or not key:
            continue
        options = {i: _qualifiers(figures[i], text) for i in members}
        entities = {figures[i].entity for i in members}
        if len(entities) > 1:  # "gain" for two companies' debuts: whose it is (a name the article uses)
            for i in members:
                entity = figures[i].entity
                if entity:
                    options[i].insert(1 if options[i][:1] in (["low end"], ["high end"]) else 0, entity)
        if len({figures[i].kind for i in members}) > 1:  # "Nikkei 225 index" for its change and its level
            for i in members:
                if figures[i].kind in _RATES:
                    options[i].append("change" if figures[i].direction else "percent")
        units = {figures[i].unit for i in members}
        if len(units) > 1:  # "21,400 ETH" beside "$19 million": the unit written in the figure tells them apart
            for i in members:
                if figures[i].unit.isalpha() and figures[i].unit.casefold() in figures[i].raw.casefold():
                    options[i].append(figures[i].unit)
        for i in members:  # last: the name written before each number ("market value (Infosys)")
            name = _name_before(figures[i], text)
            if name and (not figures[i].entity or len(entities) == 1):  # (one entity for all sets none apart)
                options[i].append(name)
        for i in members:
            options[i] = [q for q in options[i] if not redundant(q, labels[i])]
        if all("per share" in options[i] for i in members):  # every one is per share: that sets none apart
            for i in members:
                options[i].remove("per share")
        taken: set[str] = set()
        for i in members:
            free = [q for q in options[i] if q not in taken]
            own = [q for q in free if not any(q in options[j] for j in members if j != i)]
            if own or free:
                pick = (own or free)[0]
                taken.add(pick)
                labels[i] = f"{labels[i]} ({pick})"
    return tell_apart(figures, labels, text)


def shared(figures: Sequence[Labelled]) -> list[str]:
    """A warning for each label still shared by different figures, in the words the validator used to give."""
    first: dict[str, str] = {}
    notes = []
    for figure in figures:
        seen = first.setdefault(label_key(figure.label), figure.raw)
        if seen != figure.raw:
            notes.append(f"{seen!r} and {figure.raw!r} have the same label {figure.label!r}")
    return notes
