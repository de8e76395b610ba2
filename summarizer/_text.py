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


def fold_spaces(text: str) -> str:
    """Non-breaking and odd spaces (a tab, U+00A0, U+2000 to U+200A, U+202F, U+205F, U+3000) become plain spaces; runs
    fold; ends are stripped. Each odd space is replaced on its own and runs of plain spaces are halved until none is
    left: a pattern with a class of characters is tried at every position, several times slower."""
    if not has_odd_spaces(text):
        return text.strip()  # searching is cheaper than substituting
    for space in _odd_spaces(text):
        if space in text:
            text = text.replace(space, " ")
    while "  " in text:
        text = text.replace("  ", " ")
    return text.strip()


def has_odd_spaces(text: str) -> bool:
    """Whether fold_spaces has more to do than strip: a run of spaces, a tab or an odd space."""
    if "  " in text:
        return True
    for space in _odd_spaces(text):  # noqa: SIM110 (a plain loop: no generator)
        if space in text:
            return True
    return False


def _odd_spaces(text: str) -> str:
    return "\t" if text.isascii() else _ODD_SPACES  # (only the tab is odd in ASCII)


_ODD_SPACES = "\t\u00a0" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"


def repair_marks(text: str) -> tuple[str, ...]:
    """What a line of ``text`` holds when decoding entities and folding spaces changes more than stripping it: an
    entity's "&", a run of spaces, or an odd space (each looked for on its own, as in fold_spaces). Only the tab is
    odd in ASCII text."""
    return _ASCII_MARKS if text.isascii() else _MARKS


_ASCII_MARKS = ("&", "  ", "\t")
_MARKS = ("&", "  ", *_ODD_SPACES)
