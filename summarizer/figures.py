"""Deterministic reading of a figure's text: the model picks and labels, this module measures.

``parse_figure("$44 million")`` gives ``(44000000.0, "USD")``. Values computed
here replace the model's own arithmetic, which small models get wrong
(scale words, thousands separators).
"""

from __future__ import annotations

import re
from typing import NamedTuple

_SCALES = {
    "thousand": 1e3, "k": 1e3,
    "million": 1e6, "mn": 1e6, "m": 1e6, "mln": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "bln": 1e9,
    "trillion": 1e12, "tn": 1e12, "t": 1e12,
}
_SYMBOLS = {"$": "USD", "us$": "USD", "hk$": "HKD", "€": "EUR", "£": "GBP", "¥": "CNY", "a$": "AUD", "c$": "CAD"}
_WORDS = {
    "dollar": "USD", "dollars": "USD", "usd": "USD",
    "yuan": "CNY", "renminbi": "CNY", "rmb": "CNY", "cny": "CNY",
    "euro": "EUR", "euros": "EUR", "eur": "EUR",
    "yen": "JPY", "jpy": "JPY",
    "pound": "GBP", "pounds": "GBP", "gbp": "GBP",
    "hkd": "HKD",
    "%": "%", "percent": "%", "per cent": "%",
    "percentage points": "pp", "percentage point": "pp",
    "basis points": "bp", "basis point": "bp", "bps": "bp",
    "eth": "ETH", "ether": "ETH", "ethereum": "ETH",
    "btc": "BTC", "bitcoin": "BTC", "bitcoins": "BTC",
}
_NUMBER = re.compile(
    r"(?P<symbol>US\$|HK\$|A\$|C\$|[$€£¥])?\s?"
    r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<scale>trillion|billion|million|thousand|bln|mln|bn|mn|tn|[kmbt])\b)?"
    r"(?:\s?(?P<unit>percentage points?|basis points?|per cent|percent|%|[A-Za-z]+))?",
    re.IGNORECASE,
)


class ParsedFigure(NamedTuple):
    value: float
    unit: str | None  # None when the text names no unit this module knows


def parse_figure(raw: str) -> ParsedFigure | None:
    """Read the first number in ``raw`` with its scale and unit, or ``None`` if it has no number."""
    match = _NUMBER.search(raw)
    if match is None:
        return None
    value = float(match.group("number").replace(",", ""))
    scale = match.group("scale")
    if scale:
        value *= _SCALES[scale.lower()]
    unit = None
    if match.group("symbol"):
        unit = _SYMBOLS[match.group("symbol").lower()]
    word = match.group("unit")
    if word and word.lower() in _WORDS and unit is None:
        unit = _WORDS[word.lower()]
    return ParsedFigure(value=value, unit=unit)


_CURRENCY_BEFORE = re.compile(r"(US\$|HK\$|A\$|C\$|[$€£¥])\s?$")
_UNIT_AFTER = re.compile(r"^\s?(%|percent\b|per cent\b)|^\s?(trillion|billion|million|bn|mn|[kmbt])\b", re.IGNORECASE)


def widen_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow ``text[start:end]`` to take in an adjacent currency sign before it or a scale or '%' after it.

    The model sometimes copies "35 billion" out of "$35 billion"; the sign is
    part of the figure's meaning, and the span stays verbatim article text.
    """
    before = _CURRENCY_BEFORE.search(text, max(0, start - 4), start)
    if before and not re.match(r"(US\$|HK\$|A\$|C\$|[$€£¥])", text[start:end]):
        start = before.start()
    if end > 0 and text[end - 1].isdigit():
        after = _UNIT_AFTER.match(text[end:end + 12])
        if after:
            end += after.end()
    return start, end
