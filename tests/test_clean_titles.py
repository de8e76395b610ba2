"""Titles on shapes the earlier rules missed (original text, invented companies; patterns seen on real pages):
headlines in sentence case with words the stoplist counts as function words, headlines that ask, a section
label with a separator above the headline, the browser's "Headline — Outlet" line below the headline."""

from __future__ import annotations

import pytest

from summarizer import clean

LEAD = ("MOST shipping firms will not remember this year fondly. Fuel costs, port strikes and weak demand made for "
        "a hard twelve months. Yet in the middle of it several Baltic carriers had their best year on record.\n\n"
        "Orvane Lines, based in Gdansk, said on Monday that its profit rose 41% to $212 million.\n")


@pytest.mark.parametrize("headline", ["Leading carriers defy a year of gloom", "Top lenders have a good year after all",
                                      "Once mighty ports face a long year ahead"])
def test_a_sentence_case_headline_with_stoplist_words_is_the_title(headline):
    """The stoplist (jusText's) counts "leading", "year", "top", "good", "once" as function words: by it these read
    as prose; by grammar words alone (articles, prepositions, auxiliaries) they read as the headlines they are."""
    article = clean(f"{headline}\n\n{LEAD}")
    assert article.title == headline
    assert headline not in article.text
    assert clean(article.text).text == article.text


@pytest.mark.parametrize("line", ["Archive for March, 2026", "News for the year"])
def test_a_short_label_with_function_words_is_still_no_title(line):
    assert clean(f"{line}\n\n{LEAD}").title is None


@pytest.mark.parametrize("headline", ["Did Orvane Just Have Its Best Year?", "Why Orvane? Shares Soared",
                                      "Is The Baltic Boom Over Already?"])
def test_a_headline_that_asks_in_title_case_is_the_title(headline):
    article = clean(f"{headline}\n\n{LEAD}")
    assert article.title == headline
    assert clean(article.text).text == article.text


@pytest.mark.parametrize("line", ["Want to know more about shipping?", "So what happened next? Read on",
                                  "Have you seen our new app?"])
def test_a_question_in_sentence_case_is_no_title(line):
    assert clean(f"{line}\n\n{LEAD}").title is None


def test_a_headline_with_stoplist_words_below_a_section_label_with_a_separator_is_the_title():
    """'DeFi · DAOs' read as three words, enough for a headline; a separator is no word. The headline below it
    has words the stoplist counts ("once", "top", "down")."""
    headline = "Orvane Lines, once a top carrier, is shutting down as bookings evaporate"
    page = ("Harbor Ledger\nMarkets | Tech | Policy | Culture | Opinion | Video | Podcasts | Indices | Events\n"
            "HLI 1,954.10 ▼1.7%   ORV $0.0371 ▼41.2%   Freight Index 24.7 ▼\nDeFi · DAOs\n"
            f"{headline}\nMara Lindqvist\n"
            "Mara is a reporter covering shipping and ports. She does not own shares in any carrier.\n"
            "Published 2:58 p.m. ET  •  Updated 4:11 p.m. ET\nListen · 5:02\n\n"
            "Orvane Lines, a carrier that moved millions of containers during the 2021-2022 boom, said on Wednesday "
            "it will sell its fleet after bookings fell to almost nothing.\n\n"
            "Monthly bookings have fallen 94% from their peak of $1.2 billion in January 2022 to about $71 million "
            "last month, according to port data.\n")
    article = clean(page)
    assert article.title == headline
    assert "DeFi · DAOs" not in article.text


def test_the_headline_comes_before_the_browsers_title_of_the_same_story():
    """Below the headline, the page's own title ("short headline — Outlet"): the lead repeats both; the first is
    the headline."""
    headline = "Baltic carriers extend voluntary capacity cuts into next quarter, sketch gradual unwind"
    page = ("Harbor Ledger\nShipping   Ports   Fuel   Renewables   Geopolitics   Data   Podcast   Subscribe\n"
            "Brent $83.41 ▲1.9%   WTI $79.12 ▲2.0%   Baltic Dry 2,480 ▼0.7%\nHome ›› Shipping ›› Baltic\nMARKETS\n"
            f"{headline}\nBaltic carriers extend cuts, rates rise — Harbor Ledger\n"
            "Written by Mara Lindqvist  ·  June 3, 2026  ·  Reading time: 4 min\n\n"
            "Baltic carriers agreed on Sunday to extend voluntary capacity cuts of 220 sailings a month until the end "
            "of September, in a bid to support freight rates.\n\n"
            "The group said the cuts would then be phased out gradually, with capacity rising in monthly increments "
            "from October.\n")
    assert clean(page).title == headline


def test_a_breadcrumb_ending_in_the_headline_is_no_title():
    """The headline comes first among the candidates now: a breadcrumb above it that ends in the same words is not
    a headline (its separators say so)."""
    headline = "Carrier layoffs as told by chief executives in 48 staff memos"
    page = (f"Home » News » {headline}\n{headline}\nBy Mara Lindqvist\n\n"
            "Chief executives of 48 carriers told their staff about layoffs in memos this year, and the memos show how "
            "the carriers explained the cuts to the staff who stayed.\n\n"
            "Most of the memos blamed weak bookings and high fuel costs.\n")
    assert clean(page).title == headline
