"""ArticleQuotes: the embedded model's entity evidence starts one of the article's sentences and its names are
the article's (no model needed); and a veto can never leave a step without a token."""

from __future__ import annotations

import numpy as np
from token_pieces import Pieces

from summarizer.backends.greedy_grammar import Vetoes, unrefused
from summarizer.backends.quotes import QUOTE_WORDS, ArticleQuotes
from summarizer.review import ground_quote

ARTICLE = (
    "Marlow Freight said on Tuesday that its quarterly revenue rose to $4.2 billion.\n"
    "The company raised its outlook for the rest of the year, citing demand in Europe.\n"
    "Its shares gained 6% to $31.87 in Oslo, their best day since March."
)


def written(text: str) -> tuple[ArticleQuotes, Pieces]:
    pieces = Pieces()
    veto = ArticleQuotes(ARTICLE, pieces.piece)
    for start in range(0, len(text), 3):
        veto.accept(pieces(text[start:start + 3]))
    return veto, pieces


ANSWER = ('{"summary": ["Revenue rose."], "key_figures": [], "sentiment": {"label": "positive", "score": 0.5, '
          '"rationale": "The article says revenue rose.", "entities": [')


def test_evidence_must_start_one_of_the_article_sentences():
    """The model wrote about the article ("The article mentions ...") instead of quoting it."""
    veto, pieces = written(ANSWER + '{"name": "Marlow Freight", "label": "positive", "evidence": "The')
    assert veto.forbids(pieces(" article"))
    assert not veto.forbids(pieces(" company"))
    veto, pieces = written(ANSWER + '{"name": "Marlow Freight", "label": "positive", "evidence": "')
    assert veto.forbids(pieces("Revenue"))  # in the article, but no sentence starts with it
    assert not veto.forbids(pieces("Its"))


def test_a_quote_closes_once_its_sentence_is_found():
    start = "Its shares gained 6% to $31.87 in Oslo,"
    assert len(start.split()) == QUOTE_WORDS
    veto, pieces = written(ANSWER + '{"name": "Marlow Freight", "label": "positive", "evidence": "' + start)
    assert veto.forbids(pieces(" their"))
    assert not veto.forbids(pieces('"'))
    veto, pieces = written(ANSWER + '{"name": "Marlow Freight", "label": "positive", "evidence": "Its shares')
    assert veto.forbids(pieces('"'))  # two words tell no sentence
    assert not veto.forbids(pieces(" gained"))


def test_the_review_takes_the_whole_sentence_a_quote_starts():
    assert ground_quote("Its shares gained 6% to $31.87 in", ARTICLE) == (
        "Its shares gained 6% to $31.87 in Oslo, their best day since March.")
    assert ground_quote("The company raised its", ARTICLE) == (
        "The company raised its outlook for the rest of the year, citing demand in Europe.")
    assert ground_quote("raised its outlook", ARTICLE) == "raised its outlook"  # verbatim, not a start: as before


def test_a_name_must_be_the_article_s():
    veto, pieces = written(ANSWER + '{"name": "')
    assert veto.forbids(pieces("Oil"))
    assert veto.forbids(pieces("demand"))  # the article's word, but no name
    assert not veto.forbids(pieces("Marlow"))
    first = '{"name": "Marlow Freight", "label": "positive", "evidence": "The company raised its outlook"}, '
    veto, pieces = written(ANSWER + first + '{"name": "Marlow Freight')
    assert not veto.forbids(pieces('"'))  # given twice: refusing it made the model pad the name with junk


def test_a_second_entity_may_not_quote_the_same_sentence():
    """The model once wrote one entity and its quote three times over."""
    first = '{"name": "Marlow Freight", "label": "positive", "evidence": "The company raised its outlook"}, '
    veto, pieces = written(ANSWER + first + '{"name": "Oslo", "label": "positive", "evidence": "')
    assert veto.forbids(pieces("The"))  # the one sentence starting so is quoted already
    assert not veto.forbids(pieces("Its"))


def test_other_strings_are_untouched():
    veto, pieces = written(ANSWER[:ANSWER.index('"rationale"')] + '"rationale": "The article')
    assert not veto.forbids(pieces(" mentions"))
    veto, pieces = written('{"summary": ["The article')
    assert not veto.forbids(pieces(" mentions"))


class RefuseAll:
    def accept(self, token: int) -> None:
        pass

    def forbids(self, token: int) -> bool:
        return True


class RefuseToken:
    def __init__(self, token: int) -> None:
        self.token = token

    def accept(self, token: int) -> None:
        pass

    def forbids(self, token: int) -> bool:
        return token == self.token


def test_a_veto_that_refuses_every_token_left_is_set_aside():
    """After the grammar's mask only a few tokens are left; refusing them all used to leave token 0, which ended
    the process inside llama.cpp ("Unexpected empty grammar stack")."""
    masked = np.full(10, -np.inf, dtype=np.single)
    masked[[3, 7]] = [1.0, 2.0]
    scores, best = unrefused(masked, RefuseAll())
    assert best == 7 and scores[best] == 2.0
    scores, best = unrefused(masked, RefuseToken(7))
    assert best == 3 and scores[7] == -np.inf
    assert masked[7] == 2.0  # the logits given are never changed
    assert unrefused(masked, Vetoes(RefuseToken(1), RefuseToken(7)))[1] == 3


def test_a_veto_that_refuses_too_many_tokens_is_set_aside():
    """Past 256 refusals in one step the veto is refusing everything: taking the 257th token wrote junk into a
    name ("Newcrest Mining ① ② ③"); the step takes the best token instead."""
    scores = np.linspace(1.0, 0.0, 1000, dtype=np.single)
    scores, best = unrefused(scores, RefuseAll())
    assert best == 0 and scores[0] == 1.0
    refuse_first = Vetoes(*(RefuseToken(token) for token in range(100)))
    assert unrefused(np.linspace(1.0, 0.0, 1000, dtype=np.single), refuse_first)[1] == 100


def test_pieces_of_a_character_the_article_lacks_are_refused():
    """Refused "rganization" (the article writes "Organisation"), the model took byte tokens, which read as nothing
    had passed: it wrote "The OⅠⅠⅠⅠ..." until the token limit cut the whole answer off (a real page, h22/tune)."""
    numeral = "Ⅰ".encode()  # three bytes, each a token of its own
    veto, pieces = written(ANSWER + '{"name": "Marlow Freight", "label": "positive", "evidence": "The c')
    assert veto.forbids(pieces.raw(numeral[:1]))
    assert veto.forbids(pieces.raw(numeral[:2]))
    assert veto.forbids(pieces.raw(b"\xff"))  # no text at all
    assert not veto.forbids(pieces("ompany"))


def test_a_character_of_the_article_may_come_in_pieces():
    article = "Harbour Freight lifted its dividend to €1.20 a share.\nIts profit rose by 12%."
    pieces = Pieces()
    veto = ArticleQuotes(article, pieces.piece)
    answer = ANSWER + ('{"name": "Harbour Freight", "label": "positive", "evidence": "Harbour Freight lifted its '
                       'dividend to ')
    for start in range(0, len(answer), 3):
        veto.accept(pieces(answer[start:start + 3]))
    euro = "€".encode()  # E2 82 AC
    assert not veto.forbids(pieces.raw(euro[:1]))  # the first byte of the article's "€"
    veto.accept(pieces.raw(euro[:1]))
    assert veto.forbids(pieces.raw(b"\xa5"))  # E2 A5 starts no character of the article
    assert not veto.forbids(pieces.raw(euro[1:]))  # completes the "€"
    veto.accept(pieces.raw(euro[1:]))
    assert not veto.forbids(pieces("1.20"))
    assert veto.forbids(pieces("3.40"))


def test_a_quote_is_not_padded_with_spaces():
    """Refused its next word, the model padded the quote with spaces, which the comparison reads as one
    ("The O         ", a real page, h22/tune)."""
    veto, pieces = written(ANSWER + '{"name": "Marlow Freight", "label": "positive", "evidence": "The c')
    assert veto.forbids(pieces("   "))
    veto, pieces = written(ANSWER + '{"name": "Marlow Freight", "label": "positive", "evidence": "The ')
    assert veto.forbids(pieces(" "))
    assert veto.forbids(pieces("  company"))
    assert not veto.forbids(pieces("company"))
    veto, pieces = written(ANSWER + '{"name": "Marlow Freight", "label": "positive", "evidence": "The comp')
    assert veto.forbids(pieces(" "))  # a space ends the word: "The comp " starts no sentence
    assert not veto.forbids(pieces("any"))


def test_a_piece_of_an_article_character_must_fit_where_it_is_written():
    """The article's curly quotes and dashes share their first byte with many characters: that byte passed after
    "The O" although no sentence goes on with a quote there, and the model's next byte made junk ("The O‧")."""
    article = "The Organisation said output would fall.\nIt called the cut “historic” on Sunday."
    pieces = Pieces()
    veto = ArticleQuotes(article, pieces.piece)
    answer = ANSWER + '{"name": "Organisation", "label": "neutral", "evidence": "The O'
    for start in range(0, len(answer), 3):
        veto.accept(pieces(answer[start:start + 3]))
    assert veto.forbids(pieces.raw("“".encode()[:1]))  # "The O“" starts no sentence
    assert not veto.forbids(pieces("rganisation"))
