"""A stock's symbol in brackets after its name, which a site's ticker links leave behind ("Tesla (TSLA) Q2 results
are out"), told from an abbreviation the story spells out or goes on using ("Bank of Japan (BOJ)") and from a
crypto asset's symbol, which crypto news writes as part of its sentences ("Bitcoin (BTC)"). One of
``_inline_noise``'s rules (reason ``ticker-tag``)."""

from __future__ import annotations

import re

from ._currencies import CRYPTO

# A symbol alone in brackets after a company's name: "Softbank (SFTBY) confirms ...", "Walgreens (WBA) agreed ..."
_BARE_SYMBOL = re.compile(r" \(([A-Z]{2,5})\)(?=[\s,.;:'’]|$)")
_NAME_WORDS = re.compile(r"[A-Za-z][\w&'’.]*")
_SPELLED_WORDS = frozenset(("of", "and", "the", "for", "de", "&"))
_CRYPTO_WORDS = re.compile(r"coin|token|crypto|blockchain|on-chain|defi|\bnft|\bether\b|\bdex\b", re.IGNORECASE)
# crypto assets' symbols written as words in crypto news, and the metals' codes ("Gold (XAU)")
_ASSET_SYMBOLS = frozenset((
    "AVAX", "DOT", "MATIC", "POL", "LINK", "TRX", "SHIB", "PEPE", "LTC", "BCH", "XLM", "ATOM", "UNI", "NEAR", "APT",
    "ARB", "OP", "SUI", "ICP", "FIL", "HBAR", "VET", "ALGO", "ETC", "XMR", "TON", "WIF", "BONK", "FLOKI", "INJ",
    "SEI", "TIA", "RNDR", "IMX", "MKR", "AAVE", "CRV", "LDO", "SAND", "MANA", "AXS", "EOS", "XTZ", "KAS", "STX",
    "FTM", "GRT", "ORDI", "JUP", "PYTH", "ENA", "ONDO", "WLD", "TAO", "FET", "OCEAN", "HYPE", "CRO", "OKB", "LEO",
    "DAI", "TUSD", "FDUSD", "PYUSD", "XAU", "XAG",
))

# A line of a sentence's eight words at least: a widget's short line ("Moravi (MRV) Price Chart") is the line rules'.
SYMBOL_LINE_SPACES = 7


class BareSymbolFinder:
    """A stock's symbol in brackets right after a name in title case, which a site's ticker links leave behind
    ("Tesla (TSLA) Q2 results are out"). Kept, as a name's abbreviation the story goes on using or spells out:

    - letters that are the name's initials ("Bank of Japan (BOJ)", "Organisation of the Petroleum Exporting
      Countries (OPEC)", "All-Time High (ATH)"), or a symbol the line writes again outside its brackets;
    - a crypto asset's symbol ("Bitcoin (BTC)", "Toncoin (TON)"): crypto news writes its symbols as words;
    - after a name in capitals ("BERLIN (AP)") or a word in lower case ("yield curve control (YCC)")."""

    def search(self, text: str) -> re.Match[str] | None:
        if _CRYPTO_WORDS.search(text):
            return None  # a line about coins or tokens: its symbols are its words
        for match in _BARE_SYMBOL.finditer(text):
            if self._symbol(text, match):
                return match
        return None

    @staticmethod
    def _symbol(text: str, match: re.Match[str]) -> bool:
        code = match.group(1)
        words = _NAME_WORDS.findall(text[max(0, match.start() - 80):match.start()])
        if not words or not words[-1][:1].isupper() or (words[-1].isupper() and len(words[-1]) > 1) \
                or code.lower() in CRYPTO or code in _ASSET_SYMBOLS \
                or re.search(rf"\b{code}\b", text[:match.start()] + text[match.end():]):
            return False
        initials = {""}  # the name's initials so far, each small word's in or out ("Bank of Japan": BJ, BOJ)
        for word in reversed(words[-8:]):
            if word.lower() in _SPELLED_WORDS:
                initials |= {word[:1].upper() + known for known in initials}
                continue
            if not word[:1].isupper():
                break
            initials = {"".join(part[:1] for part in word.split("-")).upper() + known for known in initials}
            if code in initials:
                return False
        return True
