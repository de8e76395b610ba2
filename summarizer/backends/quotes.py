"""The embedded model quotes the article for its entities' evidence, and names what the article names.

Each entity of the sentiment comes with a quote from the article as evidence. The
embedded model often wrote about the article instead ("The article mentions the
Kestrel token and its ETFs") or named something the article does not ("oil"):
such an entity is dropped (``drafts.EntityDraft``), and on 136 of 200 recorded
runs at least one was, its tokens written for nothing.

``ArticleQuotes`` is a veto for ``GreedyGrammar``, on the entities' strings only:

* ``evidence`` is the start of one of the article's sentences
  (``review.article_sentences``, compared as ``review.fold`` compares quotes:
  case, spacing and typographic quotes aside). A token that would make it
  anything else is refused, and greedy decoding takes the best token that keeps
  it one. After ``QUOTE_WORDS`` words the sentence is found and only the closing
  quote may follow; it may not close before ``review.QUOTE_START_WORDS`` words
  unless the sentence is whole. The review then takes the whole sentence for the
  quote (``review.ground_quote``): the model picks the sentence, the code copies it.
* ``name`` is a piece of the article, and starts as a name does (not "stablecoins").

Evidence may not start a sentence an earlier entity quoted: the model once wrote
one entity and its quote three times over. (A name given twice is let through,
the result keeps one entity per name: refusing to close it made the model pad
the name with junk, "Newcrest Mining ① ② ③".)

Since the entities are the answer's last part, the summary, the figures and the
sentiment's label are written exactly as without the veto. If no token near the
top keeps the string the article's (the veto gives up after ``greedy_grammar``'s
limit of refusals), the string is left alone from there on and the review judges
it as before.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable

from ..review import QUOTE_START_WORDS, article_sentences, fold

QUOTE_WORDS = 8  # words enough to tell the quoted sentence: the rest is copied by the review, not written
# The string being written, when it is an entity's name or evidence: the grammar's strings have no escapes, so the
# answer's last quote opens it.
_OPEN = re.compile(r'"(name|evidence)"\s*:\s*"([^"]*)$')
_QUOTE_EDGES = ' ."\''  # what ``review.ground_quote`` strips from a quote's ends
_SPACES = re.compile(r"\s\s")
_TAIL = 400  # characters of the answer to search for that string: more than the grammar lets either hold


class ArticleQuotes:
    """Refuses the tokens that would make an entity's evidence something other than the start of one of the
    article's sentences, or its name something the article does not say.

    ``piece`` gives a token's bytes (``Llama.detokenize([token])``); ``accept`` is told every token written.
    """

    def __init__(self, article: str, piece: Callable[[int], bytes]) -> None:
        self._article = fold(article)
        self._sentences = [fold(sentence) for sentence in article_sentences(article)]
        self._whole = {sentence.strip(_QUOTE_EDGES) for sentence in self._sentences}  # to close a short quote on
        self._piece = piece
        self._pieces: dict[int, bytes] = {}
        # the bytes that can begin one of the article's characters and do not make it whole (the first one or two
        # of "é" or "€"): a token may end inside a character, the next one completes it
        self._partial: dict[bytes, set[str]] = {}  # -> the characters they begin
        for char in set(article):
            for end in range(1, len(char.encode("utf-8"))):
                self._partial.setdefault(char.encode("utf-8")[:end], set()).add(char)
        self._pending = b""  # the bytes of a character written but not whole yet
        self._written = ""
        self._key: str | None = None  # "name" or "evidence", while its string is being written
        self._text = ""  # that string so far
        self._given_up = False  # the string stopped being the article's: left alone until it closes
        self._quoted: set[int] = set()  # the sentences earlier evidence quoted (by index)
        self.refused = 0

    def accept(self, token: int) -> None:
        text, self._pending = _decoded(self._pending + self._bytes_of(token), errors="replace")
        self._written = (self._written + text)[-_TAIL:]
        opened = _OPEN.search(self._written)
        if opened is None:
            if self._key is not None:  # the string just closed
                self._closed(fold(self._text))
            self._key, self._text, self._given_up = None, "", False
            return
        self._key, self._text = opened.group(1), opened.group(2)
        if not self._given_up and self._text.strip() and not self._fits(fold(self._text)):
            self._given_up = True

    def forbids(self, token: int) -> bool:
        if self._key is None or self._given_up:
            return False
        try:  # the token's bytes after those of a character not whole yet
            text, pending = _decoded(self._pending + self._bytes_of(token))
        except UnicodeDecodeError:
            text, pending = "", b"?"  # bytes no text has: refused below
        # A piece of a character is refused unless the character it begins could go on the string: read as
        # nothing, such pieces had passed, and the model wrote a string of them ("The OⅠⅠⅠⅠ...") until the token
        # limit cut the answer off.
        if pending:
            refused = all(self._refuses(text + char) for char in self._partial.get(pending, ()))
        else:
            refused = self._refuses(text)
        self.refused += refused
        return refused

    def _closed(self, folded: str) -> None:
        if self._key == "evidence" and folded:
            self._quoted.update(self._starting(folded))

    def _starting(self, folded: str) -> list[int]:
        """The sentences not quoted yet that start with ``folded``."""
        return [index for index, sentence in enumerate(self._sentences)
                if index not in self._quoted and sentence.startswith(folded)]

    def _fits(self, folded: str) -> bool:
        if self._key == "evidence":  # a sentence no earlier entity quoted: the model wrote one quote thrice
            return bool(self._starting(folded))
        return folded in self._article

    def _refuses(self, piece: str) -> bool:
        closing = piece.find('"')
        added = piece if closing < 0 else piece[:closing]
        text = self._text + added
        if self._key == "evidence":
            if closing < 0 and len(self._text.split()) >= QUOTE_WORDS:
                return True  # the sentence is found: close the quote
            if closing >= 0 and len(text.split()) < QUOTE_START_WORDS and \
                    fold(text).strip(_QUOTE_EDGES) not in self._whole:
                return True  # too short to tell the sentence, and not a whole one
        elif not self._text and added[:1].islower():
            return True  # a name, not a common noun ("stablecoins": the review drops it)
        if _SPACES.search(text, max(0, len(self._text) - 1)):
            return True  # spaces the quote compares as one: the model padded a quote it could not go on with
        if not added or not text.strip():
            return False
        # (a space written ends a word: "The O " starts no sentence that goes on "The Organisation")
        return not self._fits(fold(text) + " " if text[-1].isspace() else fold(text))

    def _bytes_of(self, token: int) -> bytes:
        data = self._pieces.get(token)
        if data is None:
            data = self._pieces[token] = self._piece(token)
        return data


def _decoded(data: bytes, errors: str = "strict") -> tuple[str, bytes]:
    """``data`` as text, up to a character not whole at its end, and that character's bytes."""
    decoder = codecs.getincrementaldecoder("utf-8")(errors)
    text = decoder.decode(data)  # (not final: the bytes of a character not whole stay in the decoder)
    return text, decoder.getstate()[0]
