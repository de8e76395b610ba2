"""CopyLimit: the embedded model's summary may not copy a long run of the article's words (no model needed)."""

from __future__ import annotations

import pytest
from token_pieces import Pieces

from summarizer import Settings, quality
from summarizer.backends.copy_limit import CopyLimit
from summarizer.errors import ConfigError

ARTICLE = (
    "Marlow Freight said on Tuesday that its quarterly revenue rose to $4.2 billion as shipping volumes "
    "recovered across its European routes and the company raised its outlook for the rest of the year. "
    "The chief executive, Ada Lindqvist, said demand for regional delivery had returned faster than expected."
)


def written(limit: int, text: str, pieces: Pieces | None = None) -> tuple[CopyLimit, Pieces]:
    """A CopyLimit told that the model wrote ``text``, word by word."""
    pieces = pieces or Pieces()
    guard = CopyLimit(ARTICLE, limit, pieces.piece)
    for part in _split(text):
        guard.accept(pieces(part))
    return guard, pieces


def _split(text: str) -> list[str]:
    parts, current = [], ""
    for char in text:
        if char == " " and current:
            parts.append(current)
            current = ""
        current += char
    return [*parts, current] if current else parts


OPENING = '{"summary": ["'
COPIED = "Marlow Freight said on Tuesday that its quarterly revenue rose to"  # 11 words of the article


def test_the_word_that_would_make_the_run_too_long_is_refused() -> None:
    guard, pieces = written(11, OPENING + COPIED)
    assert not guard.forbids(pieces(" $4.2"))  # a number is never refused, nor the word right after it
    guard, pieces = written(11, OPENING + COPIED + " $4.2 billion")
    assert guard.forbids(pieces(" as"))  # the article's next word, after a 13-word run
    assert not guard.forbids(pieces(" while"))  # any other word goes
    assert guard.refused == 1


def test_a_sentence_cannot_end_where_its_copy_was_refused():
    """The model stopped a copied sentence wherever the copy was refused: "The company's." Once a token is refused
    at a step, ending the sentence (or the string) is refused at that step too; the step after, it may end."""
    guard, pieces = written(11, OPENING + COPIED + " $4.2 billion")
    assert not guard.forbids(pieces("."))  # nothing refused yet: the model may end its sentence
    assert guard.forbids(pieces(" as"))
    assert guard.forbids(pieces("."))
    assert guard.forbids(pieces('"'))
    assert not guard.forbids(pieces(","))
    guard.accept(pieces(" while"))
    assert not guard.forbids(pieces("."))


def test_a_capital_letter_does_not_get_a_copy_through():
    """A name of the article is never refused; a lower-case word of the article written with a capital is."""
    guard, pieces = written(11, OPENING + COPIED + " $4.2 billion")
    assert guard.forbids(pieces(" As"))
    guard, pieces = written(3, OPENING + "The chief executive,")
    assert not guard.forbids(pieces(" Ada"))


def test_the_next_word_cannot_be_glued_onto_the_run() -> None:
    guard, pieces = written(4, OPENING + "its quarterly revenue rose")
    assert guard.forbids(pieces("to"))  # "roseto"
    assert guard.forbids(pieces("-to"))
    assert not guard.forbids(pieces(","))
    guard, pieces = written(4, OPENING + "its quarterly reven")  # a word still being written goes on
    assert not guard.forbids(pieces("ue"))
    guard, pieces = written(4, OPENING + "revenue rose to $4")
    assert not guard.forbids(pieces(".2"))  # a number is never cut short


def test_numbers_and_names_are_never_refused() -> None:
    text = "The chief executive, Ada Lindqvist, said demand for regional delivery had returned faster"
    guard, pieces = written(3, OPENING + "The chief executive,")
    assert not guard.forbids(pieces(" Ada"))  # a name goes on even past the limit
    guard, pieces = written(3, OPENING + text)
    assert guard.forbids(pieces(" than"))


def test_a_token_that_only_starts_the_copied_word_is_refused_too() -> None:
    guard, pieces = written(4, OPENING + "its quarterly revenue rose")
    assert guard.forbids(pieces(" t"))  # "to", one token at a time
    assert guard.forbids(pieces(" to"))
    assert not guard.forbids(pieces(" by"))


def test_the_run_is_counted_across_the_summary_sentences() -> None:
    # The article's "...rest of the year. The chief executive..." copied as two summary items.
    guard, pieces = written(6, OPENING + 'raised its outlook for the rest of the year.", "The chief')
    assert guard.forbids(pieces(" executive"))


def test_nothing_is_refused_outside_the_summary() -> None:
    guard, pieces = written(3, '{"summary": ["Volumes recovered."], "key_figures": [{"label": "' + COPIED)
    assert not guard.forbids(pieces(" $4.2"))
    assert not guard.forbids(pieces(" billion"))
    guard, pieces = written(3, '{"key_figures": ["' + COPIED)  # not an answer that opens with the summary
    assert not guard.forbids(pieces(" $4.2"))


def test_a_run_shorter_than_the_limit_is_free() -> None:
    guard, pieces = written(14, OPENING + COPIED + " $4.2 billion")
    assert not guard.forbids(pieces(" as"))  # 13 words copied so far: the 14th may follow
    assert guard.forbids(pieces(" as")) is False and guard.refused == 0


def test_what_the_guard_lets_through_is_a_summary_with_no_long_copy() -> None:
    """Greedy writing of the article itself, refused tokens replaced by a paraphrase word: the copy measure
    ``summarize eval`` uses never sees a run longer than the limit plus the names and numbers let through."""
    guard, pieces = written(8, OPENING)
    out = ""
    for word in _split(ARTICLE):
        token = pieces(word)
        if guard.forbids(token):
            token = pieces(" also")
        guard.accept(token)
        out += pieces.piece(token).decode()
    assert "$4.2 billion" in out and "Ada Lindqvist" in out  # facts and names as written
    assert quality.fragments(out, ARTICLE).longest <= 8 + 3  # names and "$4.2 billion" let through
    assert quality.fragments(ARTICLE, ARTICLE).longest > 40


def test_the_limit_is_a_setting() -> None:
    assert Settings.resolve(environ={}).copy_limit == 0  # off unless asked for (docs/evaluation.md)
    assert Settings.resolve(environ={"SUMMARIZER_COPY_LIMIT": "14"}).copy_limit == 14
    with pytest.raises(ConfigError, match="copy_limit"):
        Settings.resolve(environ={"SUMMARIZER_COPY_LIMIT": "-1"})
    with pytest.raises(ValueError, match="at least 1"):
        CopyLimit(ARTICLE, 0, lambda token: b"")
