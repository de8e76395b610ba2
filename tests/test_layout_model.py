"""The learned layout layer: its features (``_layout_features``) and what it removes in the cleaner.

The page below is invented for this test (no real page's text): a head with an edition strip and a section
trail that no line rule has a phrase for, then five paragraphs of prose.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pytest

from summarizer._layout_features import NAMES, features
from summarizer._layout_model import MODEL, REASON, Model, mark_layout
from summarizer._prose import is_body_paragraph
from summarizer.cleaning import clean

PROSE = [
    "Harbour Mills, the flour and animal-feed producer, cut its interim dividend by a third on Thursday after a "
    "poor harvest pushed up the price of the wheat it buys.",
    "The company said revenue for the six months to June fell 4% to £812 million, while operating profit dropped "
    "to £41 million from £67 million a year earlier.",
    "Chief executive Maren Holt said the board expected costs to ease once the new crop reached its mills in the "
    "autumn, but warned that customers were still resisting higher prices.",
    "Shares in the group fell 9% in early trading, their steepest one-day decline since the spring of 2020.",
    "Analysts at two brokers lowered their profit forecasts for the full year, citing weaker demand from bakery "
    "chains.",
]
HEAD_NOISE = ["Weekend edition | Print subscribers", "Food & Drink · Companies"]
TITLE = "Harbour Mills cuts dividend as grain costs bite"
PAGE = "\n".join([TITLE, *HEAD_NOISE, *PROSE])


def _feature(row: list[float], name: str) -> float:
    return row[NAMES.index(name)]


def test_every_line_gets_one_value_per_feature_name():
    rows = features([TITLE, *HEAD_NOISE, *PROSE])
    assert len(rows) == 1 + len(HEAD_NOISE) + len(PROSE)
    assert all(len(row) == len(NAMES) for row in rows)


def test_shape_features_do_not_depend_on_the_words():
    strip, caps, prose = features(["Markets | World | www.example.com", "MARKETS", PROSE[0]])
    assert _feature(strip, "bar") == 1 and _feature(strip, "link") == 1
    assert _feature(caps, "all_caps") == 1 and _feature(caps, "short") == 1
    assert _feature(strip, "ends_sentence") == 0 and _feature(strip, "prose") == 0
    assert _feature(prose, "ends_sentence") == 1 and _feature(prose, "prose") == 1
    assert _feature(prose, "function_share") > 0.3 > _feature(strip, "function_share")
    assert _feature(prose, "all_caps") == 0 and _feature(prose, "link") == 0 and _feature(prose, "bar") == 0
    assert _feature(strip, "title_share") > _feature(prose, "title_share")


def test_place_and_neighbour_features():
    rows = features(["Menu", PROSE[0], "Share", PROSE[1], "Share", "Contact the desk"])
    menu, first, share, _, repeat, last = rows
    assert _feature(menu, "before_body") == 1 and _feature(menu, "next_prose") == 1
    assert _feature(share, "before_body") == 0 and _feature(share, "after_body") == 0
    assert _feature(share, "prev_prose") == 1 and _feature(share, "next_prose") == 1
    assert _feature(share, "repeated") == 1 and _feature(repeat, "repeated") == 1 and _feature(menu, "repeated") == 0
    assert _feature(last, "after_body") == 1 and _feature(last, "last") == 1 and _feature(menu, "first") == 1
    assert _feature(first, "body_distance") == 0 < _feature(last, "body_distance")
    assert _feature(menu, "position") == 0 and _feature(last, "position") == 1


def test_the_model_removes_head_chrome_no_rule_knows_and_keeps_the_prose():
    article = clean(PAGE)
    removed = {item.text: item.reason for item in article.removed}
    assert all(removed.get(line) == REASON for line in HEAD_NOISE)
    assert all(sentence in article.text for sentence in PROSE)
    assert article.title == TITLE
    assert clean(article.text).text == article.text


@dataclass
class _Line:
    text: str
    reason: str | None = None
    body: bool = False


def test_prose_and_a_fact_of_its_own_are_never_removed_even_when_the_model_says_noise():
    always = Model(weights=MODEL.weights, bias=50.0, threshold=0.5, guard_words=MODEL.guard_words,
                   guard_function=MODEL.guard_function, keep_facts=True)
    fact = "- The sale also includes a £300 million pension surplus"
    lines = [_Line(text) for text in [HEAD_NOISE[0], fact, *PROSE, "Most shared"]]
    for line in lines:
        line.body = is_body_paragraph(line.text)
    assert mark_layout(lines, model=always)
    assert [line.text for line in lines if line.reason is None] == [fact, *PROSE]


@pytest.mark.parametrize("text", ["", "Menu\nShare\nSubscribe", "Just one short line"])
def test_a_page_without_prose_is_left_alone(text):
    lines = [_Line(piece) for piece in text.splitlines()]
    assert not mark_layout(lines, model=Model(MODEL.weights, 50.0, 0.5, 8, 0.2))
    assert all(line.reason is None for line in lines)


ALWAYS = replace(MODEL, bias=50.0, threshold=0.5)  # the guards as shipped, a model that calls every line noise


def _kept(texts: list[str]) -> list[str]:
    lines = [_Line(text, body=is_body_paragraph(text)) for text in texts]
    mark_layout(lines, model=ALWAYS)
    return [line.text for line in lines if line.reason is None]


def test_a_last_paragraph_the_scrape_cut_off_is_kept_but_a_caption_without_a_full_stop_is_not():
    cut = "Brokers at two banks said the company would have to raise its prices again before the"
    caption = "Workers unload sacks of grain at the company's mill outside the city on a wet morning"
    assert _kept([*PROSE, cut]) == [*PROSE, cut]
    assert _kept([PROSE[0], caption, *PROSE[1:]]) == PROSE


def test_a_sentence_wrapped_over_several_lines_is_kept_whole_and_a_heading_is_not_joined_to_it():
    wrapped = ["The board said it would review the dividend again in", "March, when the results of the new",
               "harvest are known."]
    assert _kept([PROSE[0], *wrapped, *PROSE[1:]]) == [PROSE[0], *wrapped, *PROSE[1:]]
    assert _kept([PROSE[0], "Outlook", *PROSE[1:]]) == PROSE


@pytest.mark.parametrize("decoration", [" ⚠️", " 🔻", "👍", " ✅ 🚀"])
def test_a_paragraph_that_ends_in_emoji_after_its_full_stop_is_prose_and_is_kept(decoration):
    emoji = "Profit beat the company's own forecast. However, the board gave a more cautious outlook." + decoration
    assert _kept([PROSE[0], emoji, *PROSE[1:]]) == [PROSE[0], emoji, *PROSE[1:]]
    assert _feature(features([emoji])[0], "ends_sentence") == 1
