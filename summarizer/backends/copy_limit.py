"""A summary in the model's own words: the embedded model may not copy a long run of words from the article.

Asked for a summary "in your own words", the small embedded model copies the
article's first sentences whole (runs of 50 to 77 words on real pages), and
asking again brings the same copy back. So the constraint goes where the words
are chosen: while the model writes the ``summary`` array, a token is refused
when it would make the last ``limit + 1`` words of the summary a run that the
article has word for word (the words as ``quality.words`` reads them, across
the summary's sentences, as ``summarize eval`` measures copying). The model
then takes its next best token: it closes the sentence, or goes on in other
words. A token glued onto the run's last word ("sales" + "beat") is refused
too: it would hide the copy in a word that is not one.

What is never refused, so that a fact cannot be bent to get around a copy:
the article's numbers, the word right after a number ("$4.2 billion", "12
percent") and its capitalised words (names). A run can therefore go on past
``limit`` through a number or a name, and ends at the next lower-case word of
the article, however the model writes it ("Times" for "times" is refused too).
At a step where a token is refused, ending the sentence is refused as well: the
model stopped a copied sentence wherever its copy was refused ("The company's."). Everything outside the summary
(figures, labels, the sentiment's evidence quotes) is untouched.

Used with greedy decoding (``GreedyGrammar``), where the refused token's place
goes to the best token left: the answer is what greedy decoding writes when
those tokens do not exist.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .. import quality

# What ends a summary sentence: a stop, or the string's closing quote.
_ENDS = frozenset('.!?…"')
# Characters that join two runs of letters into one word, as ``quality.WORD`` reads words.
_JOINERS = "'’.,-"
# The answer's opening up to the summary array: the schema puts ``summary`` first.
_SUMMARY_OPENING = re.compile(r'\s*\{\s*"summary"\s*:\s*\[')


class CopyLimit:
    """Refuses the tokens that would copy more than ``limit`` words in a row from ``article`` into the summary.

    ``piece`` gives a token's bytes (``Llama.detokenize([token])``). ``accept`` is told every token the model
    writes; ``forbids`` is asked about a candidate before it is written.
    """

    def __init__(self, article: str, limit: int, piece: Callable[[int], bytes]) -> None:
        if limit < 1:
            raise ValueError(f"the copy limit must be at least 1 word, got {limit}")
        self.limit = limit
        self._piece = piece
        self._pieces: dict[int, str] = {}
        words = quality.WORD.findall(article)
        found = [word.casefold() for word in words]
        # each run of ``limit`` article words -> the words after it that may not follow it in the summary: not a
        # name or a number, nor the word right after a number ("billion"), which are never refused (see above)
        self._next: dict[tuple[str, ...], set[str]] = {}
        for start in range(len(found) - limit):
            after = start + limit
            if words[after][0].islower() and words[after - 1][0].isalpha():
                self._next.setdefault(tuple(found[start:after]), set()).add(found[after])
        self._written = bytearray()
        self._summary: str | None = None  # the summary array's text so far, while the model is inside it
        self._at_limit = False  # the summary ends on a word that ends a copied run of ``limit`` words
        self._refusing = False  # a token was refused at this step: the sentence may not end here either
        self._done = False  # the summary array is closed: nothing more to watch
        self.refused = 0  # tokens refused over the generation

    def accept(self, token: int) -> None:
        self._refusing = False
        if self._done:
            return
        self._written += self._piece(token)
        written = self._written.decode("utf-8", errors="ignore")
        self._summary = _inside_summary(written)
        self._done = self._summary is None and _SUMMARY_OPENING.match(written) is not None
        if self._summary is not None:
            found = quality.WORD.findall(self._summary)
            self._at_limit = (len(found) >= self.limit and found[-1][0].isalpha() and self._summary[-1].isalnum()
                              and tuple(w.casefold() for w in found[-self.limit:]) in self._next)

    def forbids(self, token: int) -> bool:
        refused = self._summary is not None and bool(self._next) and self._copies(self._text(token))
        if refused:
            self.refused += 1
            self._refusing = True
        return refused

    def _copies(self, piece: str) -> bool:
        """Whether ``piece`` written next goes on with a copy: the run's next word (or a start of it), the next word
        glued onto the run's last one ("sales" + "beat"), or, once such a token was refused at this step, the
        sentence's end (a sentence stopped where its copy was refused is cut off: "The company's.")."""
        assert self._summary is not None
        if self._refusing and piece.lstrip()[:1] in _ENDS:
            return True
        if self._at_limit and (piece[:1].isalnum() or (piece[:1] in _JOINERS and piece[1:2].isalnum())):
            return True
        if not any(c.isalpha() for c in piece):
            return False
        text = self._summary + piece
        found = list(quality.WORD.finditer(text))
        start = len(self._summary)
        for index in range(len(found) - 1, self.limit - 1, -1):
            match = found[index]
            if match.end() <= start:
                break  # words written before this token were judged when they were written
            after = self._next.get(tuple(w.group().casefold() for w in found[index - self.limit:index]))
            if not after:
                continue
            folded = match.group().casefold()
            going_on = match.end() == len(text)  # the next token may still lengthen this word
            if any(w.startswith(folded) for w in after) if going_on else folded in after:
                return True
        return False

    def _text(self, token: int) -> str:
        text = self._pieces.get(token)
        if text is None:
            text = self._pieces[token] = self._piece(token).decode("utf-8", errors="ignore")
        return text


def _inside_summary(written: str) -> str | None:
    """The summary array's text written so far, or None once it is closed (or before it opens). The grammar's
    strings have no escapes, so the first ``]`` outside a string closes the array."""
    opening = _SUMMARY_OPENING.match(written)
    if opening is None:
        return None
    text = written[opening.end():]
    inside = False
    for char in text:
        if char == '"':
            inside = not inside
        elif char == "]" and not inside:
            return None
    return text
