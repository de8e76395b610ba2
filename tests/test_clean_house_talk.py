"""The site speaking as "we" to "you", whatever it sells, and a button's words on a line of their own (issue 14):
shapes seen on real pages from sites with no phrase in common, each with story lines of the same look that must
stay. Original text, invented names."""

from __future__ import annotations

import pytest

from summarizer import clean
from summarizer._noise import line_reason

_LEAD = ("Shares of Corvane Freight rose 4.1% on Monday after the logistics group raised its full-year profit forecast "
         "for the second time this year.")
_MORE = "The company now expects operating profit of 610 million euros, up from 575 million euros."


@pytest.mark.parametrize("line", [
    "We crunch the numbers, you make the call!",
    "We are already picking the next story for you...",
    "Meet us in Lisbon next month to hear how treasurers plan for the next downturn. Reserve your seat for this "
    "invitation-only evening.",
    "...there are plenty of ways you can work with us to put your brand in front of your buyers. Our team can plan a "
    "campaign with you, in print and online.",
    "We can also host an event for you and bring in speakers your customers want to hear",  # cut off by the scrape
])
def test_the_site_speaking_as_we_to_you_goes(line):
    assert line_reason(line) == "reader-notice"


@pytest.mark.parametrize("line", [
    "“We expect you to see the new fares on our routes by June,” the airline's chief executive said.",  # a quotation
    "We expect to tell you more about the plan in May, the company said in a statement.",  # reported speech
    "We raised our dividend by 10% and thank you, our shareholders, for your support.",  # a figure of the story
    "If you hold the bonds, your coupon will be paid in euros.",  # the reader, but no "we"
    "We are not on a pre-set path, and the board will act as the data require.",  # "we", but no reader addressed
    # a story sentence before the pitch keeps the line: which words are the story's is for a reader to judge
    "So the bank is likely to raise rates before the Fed. If you need to buy euros you may want to look at the "
    "contracts we offer.",
    "The US dollar index rose as traders bet you would see fewer cuts, strategists at Harbour Bank wrote.",
    # a letter to shareholders and an explainer's advice: "we" and "you", but no pitch (the review's cases)
    "We delivered another year of steady loan growth while keeping credit quality strong, and we thank you, our "
    "shareholders, for your continued confidence.",
    "We think the answer depends on how long you plan to stay in your home and how much you would pay in closing "
    "costs.",
    "If you plan to sell within two years, we would generally advise you to hold off.",
    "Our analysts think you should hold the stock.",
    "Good morning, and thank you for joining us. Today we will discuss our fourth-quarter results.",
])
def test_story_lines_with_we_or_you_stay(line):
    assert line_reason(line) is None


@pytest.mark.parametrize("line", ["Go to Market Reviews", "Uncover SCENE", "Explore Harbour Markets ›",
                                  "Visit Our Store ›"])
def test_a_buttons_words_alone_go(line):
    assert line_reason(line) == "call-to-action"


@pytest.mark.parametrize("line", [
    "Visit Britain expects record spending by foreign tourists this summer.",  # a sentence
    "Go to market: Corvane weighs a listing in Oslo",  # a headline with more than a name after the verb
    "Explore the full results in the company's filing",  # lower-case words: no button's name
    "Visit Florida CEO Resigns",  # a headline: after "visit" or "explore", a button has its arrow
    "Explore Lithium Shares Surge",
])
def test_lines_that_open_like_a_button_but_say_more_stay(line):
    assert line_reason(line) != "call-to-action"


def test_an_appeal_after_the_story_goes_and_the_story_stays():
    text = (f"{_LEAD}\n\n{_MORE}\n\nSince you're here...\n\nWe do the reporting, you get the edge. Join the readers "
            f"who start their day with us.\n")
    article = clean(text)
    assert _LEAD in article.text and _MORE in article.text
    assert "Since you're here" not in article.text and "you get the edge" not in article.text


def test_a_promotions_heading_above_its_button_is_no_title():
    # h12: once the pitch above it went, a hub's tagline became the first kept line, with its button under it
    text = ("We crunch the numbers, you make the call!\nGo to Market Reviews\nHarbour's Art, Style, and Leisure Hub.\n"
            f"Uncover SCENE\n{_LEAD}\n\n{_MORE}\n")
    article = clean(text)
    assert article.title is None
    assert _LEAD in article.text and _MORE in article.text
