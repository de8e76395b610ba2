"""The outlet describing itself, audio players, a press release's dial-in details, forum furniture and "Most popular"
boxes (issue 14, sixth round), each with story sentences of the same words that must stay. Original text, invented
names."""

from __future__ import annotations

import pytest

from summarizer import clean
from summarizer._noise import line_reason


@pytest.mark.parametrize(("line", "reason"), [
    ("Since 2014 the leader in news on freight markets, Harbour Ledger is an independent media outlet editorially "
     "separate from its owners. Read our ethics policy.", "reader-notice"),
    ("Corvane Media is an independent media house free from political ties or outside influence. We publish three "
     "weekly titles and a daily paper.", "reader-notice"),
    ("Editorial standards: how Harbour Ledger verifies its reporting.", "reader-notice"),
    ("Audio generated automatically. Pronunciation may differ.", "audio-player"),
    ("This audio is produced by an AI voice and may contain errors.", "audio-player"),
    ("Listen to the story 3:05", "audio-player"),
    ("Narration generated automatically by text-to-speech.", "audio-player"),
    ("Corvane will host a conference call today at 4:30 p.m. Eastern Time. Dial 1-800-555-0123 (U.S.) or "
     "+44 20 7946 0958 (international), conference ID 7731.", "press-release"),
    ("A replay of the webcast will be available on the investor relations website for 90 days; passcode 4402.",
     "press-release"),
    ("Post# of 48213", "comments"),
    ("Mara Lindqvist in Gdansk and Tomas Okafor in London", "byline"),
    ("Ana Roe in New York, Sam Lind in Tokyo and Jo Dunn in Hong Kong", "byline"),
    ("freight_fan · 5h ago — called it after the last results. Reply · 12 likes", "comments"),
])
def test_the_outlet_and_its_widgets_go(line, reason):
    assert line_reason(line) == reason


@pytest.mark.parametrize("line", [
    # a news outlet as the story's subject: a figure, a quotation or reported speech keeps it
    "Harbour Ledger, an independent news outlet, was sold to Corvane Media for $12 million, the companies said.",
    "“We are an independent media house and will stay one,” the editor said.",
    "The paper is an independent news publication with 40,000 readers.",
    # a call without a number to dial or a code to enter is the story's
    "On a conference call with analysts, the chief executive said demand for freight had returned.",
    "Corvane said it would discuss the results on a webcast on Thursday.",
    "The audio company said its sales rose 9% in the quarter.",
    "Listen to the chief executive explain why bookings fell, she told investors.",
    # headlines of a byline's shape: one place, or no names
    "Sales Rise in Europe",
    "Markets Slip in Asia and Rally in Europe",
])
def test_story_sentences_with_the_same_words_stay(line):
    assert line_reason(line) is None


def test_a_most_popular_box_ends_the_story():
    text = ("Shares of Corvane Freight rose 4.1% on Monday after the logistics group raised its full-year profit "
            "forecast for the second time this year.\n\n"
            "The company now expects operating profit of 610 million euros, up from 575 million euros.\n\n"
            "Most Popular\nThis $199 e-reader is the one to beat\n"
            "Leaked renders show the next flagship phone with a new camera bar\n")
    article = clean(text)
    assert article.text.endswith("up from 575 million euros.")
    assert "e-reader" not in article.text


def test_a_byline_without_by_between_headline_and_lead_goes_and_the_headline_is_the_title():
    headline = "Corvane shelves Gdansk listing as market turmoil hits freight valuations"
    page = ("HARBOUR MARKETS DAILY\nSubscribe  |  Sign in  |  Edition: Europe ▾\nCompanies  ›  Transport  ›  Freight\n"
            f"{headline}\nMara Lindqvist in Gdansk and Tomas Okafor in London\n2 hours ago\n\n"
            "Corvane Freight has postponed its planned listing in Gdansk, citing volatile market conditions, in a "
            "setback for the region's efforts to draw freight companies to its exchange.\n\n"
            "The company had been seeking a valuation of between 1.8 billion and 2.1 billion euros.\n")
    article = clean(page)
    assert "Lindqvist" not in article.text
    assert article.title == headline
