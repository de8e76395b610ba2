"""Text-level repairs the cleaner applies to every line: HTML entities decoded, odd spaces folded."""

from __future__ import annotations

import html
import re

_ENTITY = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def decode_entities(text: str) -> str:
    """Decode HTML entities until none is left, except those that would make '<' or '>'."""

    def one(match: re.Match[str]) -> str:
        decoded = html.unescape(match.group(0))
        return match.group(0) if decoded in ("<", ">") else decoded

    while True:
        decoded = _ENTITY.sub(one, text)
        if decoded == text:
            return text
        text = decoded


_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ODD_SPACE = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")  # _SPACES but the plain space


def fold_spaces(text: str) -> str:
    """Non-breaking and odd spaces become plain spaces; runs fold; ends are stripped."""
    if not has_odd_spaces(text):
        return text.strip()  # searching is cheaper than substituting
    return _SPACES.sub(" ", text).strip()


def has_odd_spaces(text: str) -> bool:
    """Whether fold_spaces has more to do than strip: a run of spaces, a tab or an odd space."""
    return "  " in text or ("\t" in text if text.isascii() else bool(_ODD_SPACE.search(text)))


_ODD_SPACES = "\t\u00a0" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"  # _ODD_SPACE's


def repair_marks(text: str) -> tuple[str, ...]:
    """What a line of ``text`` holds when decoding entities and folding spaces changes more than stripping it: an
    entity's "&", a run of spaces, or an odd space (each looked for on its own: _ODD_SPACE, a class of characters,
    is tried at every position of a long text, several times slower). Only the tab is odd in ASCII text."""
    return _ASCII_MARKS if text.isascii() else _MARKS


_ASCII_MARKS = ("&", "  ", "\t")
_MARKS = ("&", "  ", *_ODD_SPACES)
