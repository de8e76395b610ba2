"""The number finder: every numeric mention in a text, normalized, with its offsets.

It is used three ways:

1. its mentions are the only figures the model may pick (offered in the prompt; for the local model the schema's
   ``raw`` is an enum of them);
2. values, units, kinds and offsets come from here, never from the model's arithmetic, so "$44 million" is always
   44000000 USD at the right span;
3. a figure that occurs only in text the cleaner removed is rejected with that reason.

Not figures: years and dates, times, quarters ("Q2"), durations written as "24h", split ratios ("3-for-1"), index
names ("S&P 500"), phone numbers (with a country code or after "Tel:"), footnote marks glued to a sentence end
("reported.2"), and digits glued to letters (tickers and model names such as "Qwen3" or "GPT-4").

Real pages write amounts loosely, and these are read as written: a stray period before the scale ("$4.2. billion"),
Indian units and grouping ("Rs 2,400-crore", "₹65,000 crore", "1,10,100"), and hundredths of a currency ("37 cents"
is 0.37 USD, "418 pence" 4.18 GBP).

A paired amount such as "33.4 billion yuan ($4.7 billion)" is one figure: the first amount is its value and unit,
the bracketed one its ``converted`` amount.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple, Protocol

from ._currencies import CODES, CRYPTO, CURRENCY_OF, CURRENCY_WORDS, SUBUNITS, SYMBOLS

_SCALES = {
    "thousand": 1e3, "k": 1e3,
    "million": 1e6, "mn": 1e6, "m": 1e6, "mln": 1e6, "mio": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "bln": 1e9,
    "trillion": 1e12, "tn": 1e12, "t": 1e12, "trn": 1e12,
    "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7, "cr": 1e7, "lakh crore": 1e12,
}
_UP = {"rose", "rise", "rises", "rising", "up", "gained", "gain", "gains", "increased", "increase", "jumped",
       "jump", "surged", "surge", "climbed", "climb", "grew", "growth", "soared", "rallied", "added", "higher",
       "advanced", "boosted", "raised", "lifted", "spiked", "topped", "beat", "expanded", "doubled"}
_DOWN = {"fell", "fall", "falls", "falling", "down", "dropped", "drop", "declined", "decline", "lost", "slid",
         "plunged", "plunge", "decreased", "decrease", "shrank", "tumbled", "sank", "slumped", "slipped", "cut",
         "lower", "lowered", "eased", "dipped", "sliding", "shed", "contracted", "reduced", "crashed", "halved"}
_APPROX = ("about", "around", "approximately", "roughly", "nearly", "almost", "over", "more than", "less than",
           "some", "up to", "at least", "an estimated", "close to", "just under", "just over", "estimated",
           "upwards of", "as much as", "as many as", "more", "under")
_PRICE_CUES = re.compile(r"\b(at|to|price of|priced at|traded at|trading at|trades at|hit|reached|above|below|"
                         r"per share|a share|each)\s*$", re.I)
_STOP_UNIT_WORDS = {"a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "from", "by", "with",
                    "as", "is", "was", "were", "are", "be", "that", "this", "its", "it", "than", "year", "years",
                    "since", "after", "before", "per", "last", "next", "while", "but", "up", "down",
                    "over", "more", "less", "higher", "lower", "percent", "percentage", "basis", "times",
                    "compared", "between", "against", "versus", "vs", "during", "into", "which", "who", "when", "till",
                    "until", "amid", "apiece", "each", "million", "billion", "trillion", "thousand"}
# Verbs that follow an index's or a company's number are not what it counts ("the Nifty Midcap 100 rose 2%")
_NOT_UNITS = _UP | _DOWN | {"said", "says", "closed", "ended", "opened", "finished", "traded", "stood", "reported"}

_NOT_NAMED_UNITS = _NOT_UNITS | {"won"}  # after a name: a verb, or "won" ("5 Korean won gold medals")
_NOUN = re.compile(r"(?![a-z]+(?:ed|ing|ly)$)(?!morning$|afternoon$|evening$|night$)[a-z]+")  # not "Americans directly"
_ADJECTIVES = {"active", "new", "monthly", "daily", "weekly", "total", "additional", "unique", "paying",
               "registered", "retail", "institutional", "full-time", "part-time", "former", "current", "existing",
               "individual", "corporate", "small", "large", "outstanding", "public", "private", "local", "global",
               "american", "chinese", "european"}
# Western grouping (1,234,567), Indian grouping (1,10,100 and 12,34,56,789), grouping by spaces as South African
# and European outlets write it (12 698, 17 288.75, also with a no-break or a narrow space), or plain digits.
# (Spaces group a number only when no digit or capital follows: "50 737 MAX jets" and "20 787 Dreamliners" are
# two, as are a table's "120 145 21%".)
_NUM = (r"(?:\d{1,3}(?:,\d{3})+|\d{1,2}(?:,\d{2})+,\d{3}|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,]|\s+\d|\s+(?-i:[A-Z]))"
        r"|\d+)(?:\.\d+)?")
_GROUPING = str.maketrans("", "", ", \u00a0\u202f")
_WORD_SCALE = r"(?:trillion|billion|million|thousand|lakh crore|crores?|lakhs?)\b"
# A scale letter: "$1.2t", "€25 m"; but a "t" after a space is tonnes ("12 698 t") unless a currency's symbol
# came first ("$3.5 t"). (Used in _MENTION only, after its symbol group.)
_SCALE = rf"(?:{_WORD_SCALE}|bln|mln|mio|trn|bn|mn|tn|cr\b|(?<=\d)[kmbt]|[kmb]|(?(symbol)t|(?!)))\b"
# Before a scale: a space; a hyphen before a scale word ("Rs 2,400-crore"); or a stray period before a
# lower-case scale word, as scraped text has it ("$4.2. billion").
_SCALE_GAP = rf"(?:[^\S\n]|-(?={_WORD_SCALE})|\.[^\S\n](?=(?-i:{_WORD_SCALE})))?"
_SYMBOL = r"(?:US\$|HK\$|NZ\$|A\$|C\$|S\$|R\$|(?<![A-Za-z])(?-i:Rs)\.?(?=\s?\d)|[$€£¥₹₩₿])"
_UNIT = (r"(?:percentage points?|basis points?|per cent|percent|pct|bps|bp|pp|%|x\b|times\b|"
         r"[A-Za-z][A-Za-z-]{0,24})")
_MENTION = re.compile(
    rf"(?P<sign>[+\-−–])?(?P<symbol>{_SYMBOL})?[^\S\n]?(?P<number>{_NUM})"
    rf"(?:[^\S\n]?(?:-|–|to)[^\S\n]?(?P<high>{_NUM}))?"
    rf"(?:{_SCALE_GAP}(?P<scale>{_SCALE}))?"
    rf"(?:[^\S\n]?(?P<unit>{_UNIT}))?",  # (on the number's line: "at 2,797.48" / "Stock markets in China ...")
    re.I,
)
_PAIR = re.compile(r"\s?\(\s?(?:about |around |approximately |roughly |~)?$")
_MONTHS = (r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?")
_DATEISH = re.compile(
    rf"{_MONTHS}\s*$|^\s*(?:st|nd|rd|th)\b|^\s*,?\s*(?:19|20)\d\d\b", re.I
)
# An index's name before its number, with up to two of the words indices put between ("Stoxx Europe 600", "Nifty
# Midcap 100", "MSCI World 1500" is not one, so only these words)
_INDEX_NAMES = re.compile(r"(S&P|Nasdaq|FTSE|Russell|Stoxx|Euro Stoxx|Nikkei|DAX|CAC|Hang Seng|Dow Jones|"
                          r"Topix|ASX|Sensex|Nifty|MSCI|Kospi)(?:\s+(?:Europe|Global|World|All-Share|"
                          r"Midcap|Smallcap|Largecap|Mid-Cap|Small-Cap|Large-Cap)){0,2}\s*$", re.I)
_NAME_BEFORE = re.compile(r"[a-z,]\s[A-Z][\w-]*\s$")  # a name inside a sentence, right before
# A time of day: "1510 GMT" (four digits before a zone: not "150 CT scans", "1200 GST officers"), "10 a.m.", "4pm"
_ZONE_AFTER = re.compile(r"^\s?(?-i:GMT|UTC|BST|CET|CEST|EST|EDT|ET|PST|PDT|IST|JST|KST|HKT|SGT|AEST|AEDT|"
                         r"AWST|SAST|WAT|EAT)\b")
_MERIDIEM_AFTER = re.compile(r"\s?[ap]\.?m\b\.?", re.I)  # matched at the number's end
_CLOCK = re.compile(r"(?:[1-9]|1[0-2])(?:\.[0-5]\d)?")  # before a.m./p.m.: "10", "3.50" (p.m.)


class Converted(NamedTuple):
    value: float
    unit: str


class NumberMention(NamedTuple):
    raw: str
    start: int
    end: int
    value: float
    unit: str
    kind: str
    approximate: bool = False
    direction: str | None = None
    value_high: float | None = None
    converted: Converted | None = None


def _number(text: str) -> float:
    return float(text.translate(_GROUPING))


def _is_noise_number(text: str, match: re.Match[str], start: int) -> bool:
    """Years, dates, times, quarters, '24h', '3-for-1', index names, phone numbers, model names."""
    number = match.group("number")
    head = text[max(0, start - 25):start]
    after = text[match.end("number"):match.end("number") + 12]
    unit = (match.group("unit") or "").lower()
    if re.search(r"[A-Za-z0-9]-$|[A-Za-z_#@/]$", head):  # GPT-4, Qwen3, #1, @2
        return True
    if re.match(r"^\s?-?(?:for)-\d", after):  # 3-for-1
        return True
    if re.match(r"^[:/]\d", after) or re.search(r"\d[:/.]$", head):  # 05:02, 24/7, 2025/09/25
        return True
    if re.match(r"^\.\d", after):  # 1.2.3 versions and dotted dates
        return True
    if re.match(r"^-[A-Za-z]", after) and not match.group("symbol") and not match.group("scale"):
        # 10-year, 60-strong, 3-month (but "500-crore" is an amount)
        return True
    if re.search(r"\b(?:Q|H|FY)$", head, re.I):  # Q2, H1, FY2025
        return True
    if not match.group("symbol") and re.match(r"^\s?(?:h|hr|hrs|hours?)\b", after, re.I) and \
            re.match(r"^h\b", after, re.I):  # 24h (but "24 hours" stays a count)
        return True
    if _FOOTNOTE.search(head) and len(number) <= 2 and not (match.group("symbol") or match.group("scale")) \
            and unit not in _PERCENT_UNITS:
        return True  # a footnote mark glued to the end of a sentence: "Reuters reported.2"
    if _INDEX_NAMES.search(head):
        return True
    if not number.replace(".", "").replace(",", "").isdecimal() and _NAME_BEFORE.search(head):
        return True  # spaces after a name's number: "Windows 11 400 million users" is no 11,400 million
    if not match.group("symbol") and ((_CLOCK.fullmatch(number) and _MERIDIEM_AFTER.match(text, match.end("number")))
                                      or (number.isdecimal() and len(number) == 4 and int(number[:2]) < 24
                                          and int(number[-2:]) < 60 and _ZONE_AFTER.match(after))):
        return True  # a time of day
    if re.search(r"\+?\(?\d{2,4}\)?[ .-]$", head) or re.match(r"^[ .-]\(?\d{3}\)?[ .-]\d{3,4}\b", after):
        return True  # phone numbers
    digits = number.translate(_GROUPING).replace(".", "")
    if not match.group("symbol") and not match.group("scale") and len(digits) == 4 and number.isdecimal() \
            and 1900 <= float(number) <= 2100 \
            and unit not in ("%", "percent", "per cent", "bp", "bps", "basis points") and unit not in CRYPTO:
        return True  # a year
    if _DATEISH.search(head) and not match.group("symbol") and not match.group("scale") and unit not in (
            "%", "percent", "per cent"):
        return True  # "Sept. 17", "September 2,"
    return unit in ("st", "nd", "rd", "th") or bool(re.match(r"^(?:st|nd|rd|th)\b", after))  # ordinals


def _unit_and_kind(match: re.Match[str], text: str, end: int) -> tuple[str, str, int]:
    """Unit, kind, and where the mention really ends (a unit word not kept is not part of it)."""
    symbol = (match.group("symbol") or "").lower()
    word = match.group("unit") or ""
    lower = word.lower()
    unit_end = match.end("unit") if word else end
    bare_end = match.end("scale") if match.group("scale") else match.end("high") if match.group("high") \
        else match.end("number")
    if symbol:
        unit = SYMBOLS[symbol]
        if lower in ("%", "percent", "per cent"):
            return "%", "percent", unit_end
        return unit, "money", bare_end if not (lower in CODES or lower in CURRENCY_WORDS) else unit_end
    if lower in ("%", "percent", "per cent", "pct"):
        return "%", "percent", unit_end
    if lower in ("percentage point", "percentage points", "pp"):
        return "pp", "percentage_points", unit_end
    if lower in ("basis point", "basis points", "bp", "bps"):
        return "bp", "basis_points", unit_end
    if lower in ("x", "times"):
        return "x", "multiple", unit_end
    if lower in CODES:
        return ("CNY" if lower == "rmb" else lower.upper()), "money", unit_end
    if lower in CURRENCY_WORDS:
        return CURRENCY_WORDS[lower], "money", unit_end
    if lower in SUBUNITS and not match.group("scale"):
        return SUBUNITS[lower], "money", unit_end
    if lower in CRYPTO:
        return CRYPTO[lower], "count", unit_end
    if word and word.isalpha() and lower not in _STOP_UNIT_WORDS and lower not in _NOT_UNITS and len(word) > 1:
        # the unit is the first noun after the number: "800 million active users" -> users; a name counts nothing
        # ("12 Ford cars" -> cars), nor is a currency it cannot tell its own ("5 Korean won gold medals")
        following = re.match(r"[^\S\n]([A-Za-z]+)", text[unit_end:unit_end + 30])
        if following is None:
            return lower, "count", unit_end
        noun, noun_end = following.group(1), following.end() + unit_end
        currency = CURRENCY_OF.get((lower, noun.lower()))
        if currency and text[noun_end:noun_end + 1] != "-" and (currency != "KRW" or match.group("scale")):
            return currency, "money", noun_end  # not "US dollar-denominated bonds"
        named = word[0].isupper() and word[-1] != "s" and bool(_NOUN.fullmatch(noun)) and noun not in _NOT_NAMED_UNITS
        if (lower in _ADJECTIVES or named) and noun.lower() not in _STOP_UNIT_WORDS:
            return noun.lower(), "count", noun_end
        return lower, "count", unit_end
    return "count", "count", bare_end


def _direction(text: str, start: int, raw: str) -> str | None:
    if raw[:1] in "+":
        return "up"
    if (raw[:1] in "-−–" and raw[1:2].isdigit()) or raw[:2] in ("-$", "−$", "–$"):
        return "down"
    words = re.findall(r"[A-Za-z]+", text[max(0, start - 40):start].lower())[-3:]
    for word in reversed(words):
        if word in _UP:
            return "up"
        if word in _DOWN:
            return "down"
    return None


def _approximate(text: str, start: int) -> bool:
    head = text[max(0, start - 25):start].lower().rstrip()
    return head.endswith("~") or _APPROX_AT_END.search(head) is not None


_APPROX_AT_END = re.compile(r"\b(?:" + "|".join(re.escape(cue) for cue in _APPROX) + r")$")
_ATTACHED_OK = re.compile(r"^(?:%|x|bn|mn|tn|[kmbt]|bln|mln|trn|pp|bps?)$", re.I)


_PERCENT_UNITS = ("%", "percent", "per cent", "pct", "bp", "bps", "pp", "x")
_FOOTNOTE = re.compile(r"[A-Za-z]{2}[.,;:!?”\"')]$")
_PHONE = re.compile(r"(?<![\w$])\+?\d{1,3}[ .-]?\(\d{3}\)[ .-]?\d{3}[ .-]\d{4}\b"
                    r"|(?<![\w$])\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}\b"
                    # international, as reporters' contacts give them: +44 20 7542 1234, +91-22-6612-3456
                    r"|(?<![\w$.,])\+\d{1,3}(?:[ -]\(?\d{1,5}\)?){2,5}(?![\d%.,]\d)"
                    # after a cue: Tel: 020 7542 1234, phone 212-555-0100
                    r"|\b(?i:tel|phone|telephone|mobile|fax|call)\b\.?:?\s?\+?\(?\d[\d ()-]{6,16}\d")


_DIGIT = re.compile(r"\d")
_LEAD = 5  # at most this many characters before a mention's first digit: a sign, a 3-character symbol, a space


def _mentions(text: str) -> Iterator[re.Match[str]]:
    """``_MENTION.finditer(text)``, the same matches, about three times faster.

    finditer tries the pattern at every position; a match can only start
    within ``_LEAD`` characters before a digit, so only those positions are tried.
    """
    pos = 0
    while (digit := _DIGIT.search(text, pos)) is not None:
        at = digit.start()
        for start in range(max(pos, at - _LEAD), at + 1):
            match = _MENTION.match(text, start)
            if match is not None:
                yield match
                pos = match.end()
                break
        else:
            pos = at + 1


def find_numbers(text: str) -> list[NumberMention]:
    """Every figure mentioned in ``text``, in order, with value, unit, kind and offsets."""
    return list(_find_numbers(text))


@lru_cache(maxsize=256)
def _find_numbers(text: str) -> tuple[NumberMention, ...]:
    """Memoized: the prompt, the validators and the result all ask about the same texts."""
    mentions: list[NumberMention] = []
    phones = [m.span() for m in _PHONE.finditer(text)]
    for match in _mentions(text):
        if any(a <= match.start("number") < b for a, b in phones):
            continue
        start = match.start("symbol") if match.group("symbol") else match.start("number")
        sign_at = match.start("sign")
        if match.group("sign") and sign_at + 1 == start and (sign_at == 0 or not text[sign_at - 1].isalnum()):
            start = sign_at
        if _is_noise_number(text, match, match.start("symbol") if match.group("symbol") else match.start("number")):
            continue
        unit_word = match.group("unit") or ""
        if unit_word and match.start("unit") == (match.end("scale") if match.group("scale") else match.end("number")) \
                and not _ATTACHED_OK.match(unit_word):
            continue  # glued to letters: 5G, 2FA, 3rd
        unit, kind, end = _unit_and_kind(match, text, match.end())
        raw = text[start:end].rstrip()
        end = start + len(raw)
        if end < len(text) and text[end].isalnum() and not text[end - 1].isspace():
            continue
        scale = _SCALES.get((match.group("scale") or "").lower(), 1.0)
        if unit_word.lower() in SUBUNITS and kind == "money" and not match.group("symbol"):
            scale /= 100  # cents and pence
        value = _number(match.group("number")) * scale
        high = _number(match.group("high")) * scale if match.group("high") else None
        if raw[:1] in "-−–":
            value = -value
        if kind == "money" and _PRICE_CUES.search(text[max(0, start - 20):start]) and value < 1e6:
            kind = "price"
        mention = NumberMention(raw, start, end, value, unit, kind, _approximate(text, start),
                                _direction(text, start, raw), high)
        paired = _pair_with_previous(mentions, mention, text)
        if paired is not None:
            mentions[-1] = paired
            continue
        mentions.append(mention)
    return tuple(mentions)


def _pair_with_previous(mentions: list[NumberMention], mention: NumberMention, text: str) -> NumberMention | None:
    """'33.4 billion yuan ($4.7 billion)': the bracketed amount converts the one before it."""
    if not mentions or mention.kind not in ("money", "price"):
        return None
    previous = mentions[-1]
    if previous.kind not in ("money", "price") or previous.converted is not None:
        return None
    between = text[previous.end:mention.start]
    close = text[mention.end:mention.end + 2]
    if not _PAIR.fullmatch(between) or not close.lstrip().startswith(")"):
        return None
    end = text.index(")", mention.end) + 1
    return previous._replace(raw=text[previous.start:end], end=end,
                             converted=Converted(mention.value, mention.unit))


class Amount(Protocol):
    """Anything with a finder's value, unit and kind: a ``NumberMention`` or a reported ``KeyFigure``."""

    @property
    def value(self) -> float: ...
    @property
    def unit(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def raw(self) -> str: ...


SAME_COUNT_MIN = 100  # below this, equal counts (3 banks, 3 years) coincide too often to be one figure


def same_amount(a: Amount, b: Amount) -> bool:
    """The same amount reported again: equal value and unit, or equal counts whatever they count ('2,300 jobs'
    and '2,300 employees'), or the same amount of money or count written with another scale word to fewer digits
    ('Rs 5,244.28 crore or Rs 52.44 billion')."""
    if a.value != b.value:
        return a.unit == b.unit and a.kind == b.kind and a.kind in ("money", "count") and _rescaled(a, b)
    return a.unit == b.unit or (a.kind == b.kind == "count" and abs(a.value) >= SAME_COUNT_MIN)


_SHOWN = re.compile(r"\d(?:[\d,]|[ \u00a0\u202f](?=\d{3}))*(?:\.(\d+))?")
_RESCALED_DIGITS = 3  # "$1.1 billion" and "$1,149 million" may be two amounts; "52.44 billion" is one


def _rescaled(a: Amount, b: Amount) -> bool:
    """Whether ``a`` and ``b`` use different scale words ('crore', 'billion') and agree to the coarser one's last
    digit: 52,442,800,000 shown as 5,244.28 crore and as 52.44 billion. Two amounts under one scale word ('$56.13',
    '$56.02') are two amounts."""
    steps = []
    for amount in (a, b):
        shown = _SHOWN.search(amount.raw)
        if shown is None or not _number(shown.group(0)):
            return False
        scale = amount.value / _number(shown.group(0))
        digits = len(shown.group(0).translate(_GROUPING).replace(".", "").lstrip("0"))
        steps.append((scale, scale * 10.0 ** -len(shown.group(1) or ""), digits))
    (scale_a, step_a, digits_a), (scale_b, step_b, digits_b) = steps
    if math.isclose(scale_a, scale_b, rel_tol=1e-9):
        return False
    step, digits = max((step_a, digits_a), (step_b, digits_b))  # the coarser writing, and its digits
    return digits >= _RESCALED_DIGITS and round(a.value / step) == round(b.value / step)


def parse_figure(raw: str) -> NumberMention | None:
    """The first figure in ``raw``, or ``None`` if it names none."""
    found = find_numbers(raw)
    return found[0] if found else None
