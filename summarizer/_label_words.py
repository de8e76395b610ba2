"""The words around a number, as the labels read them: a clause's tokens and ends, the vocabularies of what a
number measures and which value it is, and the fallback that tells figures apart by their sentence when their
clause says nothing (``labels.distinct_labels`` uses it last)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from .figures import find_numbers
from .quality import FUNCTION_WORDS, label_key, words

CLAUSE_END = re.compile(r"[;:!?]|[.,](?=\s)|\s[-–—]\s|\n")
TOKEN = re.compile(r"[^\W_][\w'’.-]*[^\W_]|[^\W_]", re.UNICODE)
NUMBER = re.compile(r"^[$€£¥₹]?\d")


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# What a number in a news clause measures, when the label does not say: "Shares ... plunged 22%", "sales dropped 9%".
MEASURES = word_set("shares stock sales revenue revenues profit profits earnings margin volumes volume price prices "
                 "inflation deposits assets users customers orders debt loss losses income output production exports "
                 "imports spending capex expenditure jobs workforce valuation dividend index yield rate rates "
                 "inflows outflows bookings subscribers payroll payrolls unemployment wages")
EXTREMES = word_set("high low peak record closing opening intraday futures")
JOINS = word_set("and but while whereas versus against compared")


def nearest(before: list[str], after: list[str], vocabulary: frozenset[str]) -> str | None:
    """The word of ``vocabulary`` closest before the number, else the first one after it."""
    return next((w for w in reversed(before) if w in vocabulary), None) or next(
        (w for w in after if w in vocabulary), None)


def redundant(qualifier: str, label: str) -> bool:
    """A qualifier whose words the label already has says nothing new ('forecast' on 'revenue forecast', 'shares'
    on 'share price')."""
    have = {singular(w) for w in words(label)}
    return {singular(w) for w in words(qualifier)} <= have


def singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


# --- The fallback for figures still sharing a label: their sentence beyond the clause
SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9$€£¥₹])|\n")
_RELATIVE = frozenset(("which", "that", "who", "whose", "where"))
# Verbs that end the words naming who the clause is about ("its unit cut", "the unlock released")
_VERBS = word_set("cut cuts rose rise rises fell fall falls gained gains lost loses added adds posted posts reported "
              "reports recorded records had has have was were is are be been moved moves released releases produced "
              "produces held holds made makes sold sells shed sheds took takes saw sees grew grows jumped climbed "
              "dropped slid slipped eased increased decreased declined surged plunged tumbled said says expects "
              "expected forecast forecasts raised lowered announced plans planned will would could may lent lends "
              "paid pays employs employ laid hired hires bought buys spent spends invested invests borrowed owes "
              "owns won wins")
_STRIPPED = _VERBS | FUNCTION_WORDS  # what goes from the end of the words before a number
_SPOT_GOODS = word_set("gold silver platinum palladium copper oil crude brent price prices rate rates market bitcoin "
                       "ether")
# Pronouns are no names: "where they rose 4%", "she sold 2 million shares"
_PRONOUNS = word_set("i you he she it we they me him her us them his its our their this that these those who")
_PREPOSITIONS = word_set("by with to from of at for in on than into over under against")
_ALONGSIDE = re.compile(r"^\s*,?\s*(?:or|and)?\s*(?:about|around|roughly|nearly|some|approximately|almost|just)?\s*$",
                        re.I)


def _sentence_start(text: str, start: int) -> int:
    """Where the sentence holding ``text[start]`` begins (at most 400 characters before it)."""
    left = max(0, start - 400)
    breaks = [m.end() for m in SENTENCE_BREAK.finditer(text, left, start)]
    return breaks[-1] if breaks else left


def _sentence_word(figure: _Located, text: str) -> str | None:
    """The nearest word of what is measured, or which price it is, in the figure's sentence before it (a word after
    it belongs to what the sentence goes on to: "..., sending its shares up 4%"); "spot" only before a commodity or a
    price ("spot gold", "gold spot", not "the top spot")."""
    begin = _sentence_start(text, figure.start)
    before = [t.casefold() for t in TOKEN.findall(text[begin:figure.start])]
    spot = [i for i, t in enumerate(before) if t == "spot" and (
        (before[i + 1:i + 2] and before[i + 1] in _SPOT_GOODS) or (i and before[i - 1] in _SPOT_GOODS))]
    word = nearest(before, [], EXTREMES | MEASURES)
    if spot and (word is None or max(i for i, t in enumerate(before) if t == word) < spot[-1]):
        return "spot"
    return word


def _named_run(tokens: list[str], label: set[str], *, after_verb: bool) -> list[str]:
    """The last words of ``tokens`` that name something: after dropping the verbs, function words and label words
    at the end, the content words before them (at most three). ``after_verb``: only when a verb was dropped (a
    verb the list lacks would end up in the run: "its retail arm lent")."""
    index, verb = len(tokens), False
    while index and ((low := tokens[index - 1].casefold()) in _STRIPPED or singular(low) in label
                     or low.endswith("ed")):
        if low in _PREPOSITIONS:
            return []  # "offset by a 3.4% increase": the words before a preposition are no subject
        verb = verb or low in _VERBS or low.endswith("ed")
        index -= 1
    if after_verb and not verb:
        return []
    run: list[str] = []
    while index and len(run) < 3:
        token = tokens[index - 1]
        low = token.casefold()
        if not token[:1].isalpha() or low in FUNCTION_WORDS or low in _VERBS or low in _PRONOUNS or singular(
                low) in label or (len(token) < 3 and not token.isupper()):
            break
        run.insert(0, token)
        index -= 1
    return run


def _subject(figure: _Located, text: str, label: str) -> str | None:
    """Who the figure's clause is about, in the article's words: the words before its verb ('its retirement
    services cut 94 positions'); for a clause opened by 'which' or 'who', the end of the clause before it
    ('Fidelity's brokerage unit, which cut 382'); for a share right after a number ('382, or about 3.6%'),
    that number's."""
    have = {singular(w) for w in words(label)}
    begin = _sentence_start(text, figure.start)
    mentions = [m for m in find_numbers(text[begin:figure.start]) if m.end + begin < figure.start]
    if mentions and _ALONGSIDE.match(text[begin + mentions[-1].end:figure.start]):
        return _subject(_Span(begin + mentions[-1].start, begin + mentions[-1].end), text, label)
    left = text[begin:figure.start]
    cuts = list(CLAUSE_END.finditer(left))
    clause_start = cuts[-1].end() if cuts else 0
    tokens = TOKEN.findall(left[clause_start:])
    for index in range(len(tokens) - 1, -1, -1):  # this number's own words: after any other number or join
        if NUMBER.match(tokens[index]) or tokens[index].casefold() in JOINS:
            tokens = tokens[index + 1:]
            break
    run = _named_run(tokens, have, after_verb=True)
    if not run and tokens and tokens[0].casefold() in _RELATIVE and len(cuts) >= 1:
        previous = left[cuts[-2].end() if len(cuts) > 1 else 0:cuts[-1].start()]
        run = _named_run(TOKEN.findall(previous), have, after_verb=False)
    if not run:
        return None
    return " ".join(t.casefold() if t[:1].isupper() and t[1:].islower() and t.casefold() in FUNCTION_WORDS else t
                    for t in run)


@dataclass(frozen=True)
class _Span:
    start: int
    end: int


class _Located(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


class _Labelled(_Located, Protocol):
    @property
    def label(self) -> str: ...


def tell_apart(figures: Sequence[_Labelled], labels: list[str], text: str) -> list[str]:
    """The fallback for figures whose labels are still the same: their sentence's word, then their subject; a
    qualifier two of them would share sets neither apart."""
    def sentence_word(i: int) -> str | None:
        return _sentence_word(figures[i], text)

    def subject(i: int) -> str | None:
        return _subject(figures[i], text, labels[i])

    for find in (sentence_word, subject):
        groups: dict[str, list[int]] = {}
        for index, label in enumerate(labels):
            groups.setdefault(label_key(label), []).append(index)
        for members in groups.values():
            if len(members) < 2:
                continue
            found = {i: find(i) for i in members}
            kept = {i: q for i, q in found.items() if q and not redundant(q, labels[i])}
            counts: dict[str, int] = {}
            for q in kept.values():
                counts[q.casefold()] = counts.get(q.casefold(), 0) + 1
            for i, q in kept.items():
                if counts[q.casefold()] == 1:
                    labels[i] = f"{labels[i]} ({q})"
    return labels
