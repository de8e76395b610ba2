"""Which item of a list a number belongs to, when the sentence pairs two lists with "respectively".

"The rates on the main refinancing operations, the marginal lending facility and the deposit facility will rise
to 2.00%, 2.25% and 1.50% respectively": each rate is named by the list item in its place. ``labels`` uses the
item to tell apart figures the model gave one label ("interest rate" three times).

Only a plain pairing is read: the numbers one after the other, joined by commas and "and", with "respectively" right
after them; the names before them, as many as there are numbers, joined the same way. Anything else gives
nothing, and the figure keeps what its own clause says.
"""

from __future__ import annotations

import re

from ._label_words import SENTENCE_BREAK, word_set
from .figures import find_numbers
from .quality import FUNCTION_WORDS

_NUMBER_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)")
# between the last number and "respectively": a few words, but no second list ("on Monday and Tuesday")
_TO_RESPECTIVELY = re.compile(r"(?:(?!\band\b)[^\d.,;:!?\n]){0,40}?,?\s*respectively\b", re.IGNORECASE)
_ITEM_JOIN = re.compile(r",\s*(?:and\s+)?|\s+and\s+")
_WORD = re.compile(r"[^\W_][\w'’.&-]*[^\W_.]|[^\W_]")
# Where a list's last name ends and the sentence goes on: its verb, or a preposition after the name
_ENDS_NAME = word_set("""will would could may might can is are was were be been being has have had to at from by with
    for in on of into than rose rise rises fell fall falls grew grow grows stood stand stands came come comes jumped
    climbed dropped declined increased decreased gained lost slid slipped eased reached reach reaches totalled totaled
    amounted amount amounts advanced ended closed finished hit set were respectively""")
_MAX_NAME_WORDS = 4


def respective(start: int, text: str) -> str | None:
    """The name that the number at ``text[start]`` stands for in a "respectively" sentence, or None."""
    begin = max(0, start - 600)
    breaks = [m.end() for m in SENTENCE_BREAK.finditer(text, begin, start)]
    begin = breaks[-1] if breaks else begin
    stop = SENTENCE_BREAK.search(text, start)
    sentence = text[begin:stop.start() if stop else len(text)]
    mentions = find_numbers(sentence)
    here = next((i for i, m in enumerate(mentions) if m.start + begin == start), None)
    if here is None:
        return None
    first = last = here
    while first > 0 and _NUMBER_JOIN.fullmatch(sentence[mentions[first - 1].end:mentions[first].start]):
        first -= 1
    while last + 1 < len(mentions) and _NUMBER_JOIN.fullmatch(sentence[mentions[last].end:mentions[last + 1].start]):
        last += 1
    count = last - first + 1
    if count < 2 or not _TO_RESPECTIVELY.match(sentence, mentions[last].end):
        return None
    names = _names(sentence[:mentions[first].start], count)
    return names[here - first] if names else None


def _names(prefix: str, count: int) -> list[str] | None:
    """The ``count`` names of the list that ends ``prefix`` ("A, B and C rose"), or None."""
    joins = list(_ITEM_JOIN.finditer(prefix))
    if len(joins) < count - 1:
        return None
    joins = joins[-(count - 1):]
    if not re.search(r"\band\s*$", joins[-1].group()):  # the list's last join is its "and"
        return None
    bounds = [0, *(m.start() for m in joins), len(prefix)]
    starts = [0, *(m.end() for m in joins)]
    pieces = [prefix[starts[i]:bounds[i + 1]] for i in range(count)]
    names = [_name(piece, first=i == 0, last=i == count - 1) for i, piece in enumerate(pieces)]
    if any(not name for name in names) or len({n.casefold() for n in names if n}) < count:
        return None
    return [n for n in names if n]


def _participle(tokens: list[str], index: int) -> bool:
    """'held' in 'the deposits held at the bank': a participle, then a preposition."""
    word = tokens[index].casefold()
    following = tokens[index + 1].casefold() if index + 1 < len(tokens) else ""
    return (word.endswith("ed") or word in _IRREGULAR) and following in _ENDS_NAME


_IRREGULAR = frozenset(("held", "kept", "made", "paid", "sold", "bought", "won", "lent", "owned", "set", "put"))


def _name(piece: str, *, first: bool, last: bool) -> str | None:
    tokens = _WORD.findall(piece)
    if first:  # "the rates on the main refinancing operations": what follows the head's preposition
        cut = max((i for i, t in enumerate(tokens) if t.casefold() in ("on", "of", "for", "in", "at")), default=-1)
        tokens = tokens[cut + 1:]
    if last:  # "the deposit facility will rise to": up to where the sentence goes on
        end = next((i for i, t in enumerate(tokens) if i and (t.casefold() in _ENDS_NAME or _participle(tokens, i))),
                   len(tokens))
        tokens = tokens[:end]
    while tokens and tokens[0].casefold() in FUNCTION_WORDS:
        tokens = tokens[1:]
    if not tokens or len(tokens) > _MAX_NAME_WORDS or not tokens[0][:1].isalpha():
        return None
    if any(t.casefold() in _ENDS_NAME for t in tokens):
        return None  # a verb inside an item: this is no list of names
    return " ".join(tokens)
