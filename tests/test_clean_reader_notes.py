"""The page talking to its reader, credits, widgets and headlines: the shapes the fifth round of real pages showed
(issue 14), each with sentences of the same look that must stay. Original text, invented names."""

from __future__ import annotations

import pytest

from summarizer import clean
from summarizer._noise import line_reason

_LEAD = ("Shares of Corvane Freight rose 4.1% on Monday after the logistics group raised its full-year profit forecast "
         "for the second time this year.")
_MORE = "The company now expects operating profit of 610 million euros, up from 575 million euros."


@pytest.mark.parametrize("line", [
    "Comments must be in English and on topic. Please respect our community guidelines when posting your comments.",
    "We have moved to a new commenting platform. If you already have an account, you can log in as before.",
    "By subscribing, you agree to Harbour Daily's terms of service and privacy policy.",
    "Support our award-winning journalism for 9 euros a month (digital access only).",
    "There has never been a better time to back local journalism. Our subscription gives readers an ad-free site.",
    "Would you like to comment on this article?",
    "This site uses a filter to reduce spam. Learn how your comment data is processed.",
    "Join our Telegram channel to get every market story as it breaks",
    "For the governor's press conference live stream, please follow here",
    "Learn more about margin calls and how they work in our detailed article.",
])
def test_the_site_talking_to_its_reader_goes(line):
    assert line_reason(line) == "reader-notice"


@pytest.mark.parametrize("line", [
    "Netflix said its ad-free plan now has 40 million subscribers.",  # a figure of the story
    "The US subscription market grew 8% last year, the report said.",  # "US" is no "us"
    "“We will keep investing in our journalism,” the chief executive said.",  # a quotation
    "If you hold a variable-rate mortgage, your repayments will rise next month.",  # the reader, but no site talk
    "Telegram said its users sent more messages than ever in the quarter.",  # a site's name, no reader addressed
    "He will join 50 other members of the board in June.",
    "Analysts expect more.",
])
def test_story_sentences_that_share_its_words_stay(line):
    assert line_reason(line) is None


@pytest.mark.parametrize(("line", "reason"), [
    ("This article is more than 10 years old", "editor-note"),
    ("Start here. Join 2.9M Tradeway users around the world!", "advertisement"),
    ("Curious what the rate decision means for you? LEARN MORE", "call-to-action"),
    ("Share current article via Email Share current article via Facebook Share current article via Twitter "
     "Share current article via LinkedIn", "share-buttons"),
    ("Camera IconNot Supplied Credit: Harbour Wire", "image-credit"),
    ("March 3, 2026.Governor Ana Roe at the bank's head office in Harbour City. Picture: Jo Lind © Harbour Post",
     "image-credit"),
])
def test_whole_lines_of_furniture_go(line, reason):
    assert line_reason(line) == reason


def test_a_paragraph_with_a_caption_glued_keeps_its_sentence():
    text = (f"{_LEAD}\n\nBrokers expect index funds to buy about 1.9 billion euros of the stock. The chair Lena "
            f"Brask at the opening of the terminal on May 2. Picture: Ola Dunn © Harbour Post\n\n{_MORE}\n")
    article = clean(text)
    assert "Brokers expect index funds to buy about 1.9 billion euros of the stock." in article.text
    assert "Lena Brask" not in article.text and "Ola Dunn" not in article.text


@pytest.mark.parametrize(("inline", "reason"), [
    (" (Harrow Wire)", "source-credit"),
    (" (Reporting by Tom Aske; Editing by Pia Lund)", "byline"),
    (" Visit Harbourmarkets.com for more information on this story.", "call-to-action"),
    (" Curious what the forecast tells us about the sector? LEARN MORE", "call-to-action"),
])
def test_credits_and_calls_after_a_paragraph_go_and_the_paragraph_stays(inline, reason):
    article = clean(f"{_LEAD}{inline}\n\n{_MORE}\n")
    assert _LEAD in article.text and inline.strip() not in article.text
    assert [r.reason for r in article.removed if r.text.strip() == inline.strip()] == [reason]


def test_a_bracket_inside_a_sentence_is_no_source():
    line = "Corvane Freight (Corvane) and its rival Halden Logistics (Halden) both gained."
    assert "(Halden)" in clean(f"{_LEAD}\n\n{line}\n\n{_MORE}\n").text


def test_an_image_credit_glued_before_a_sentence_goes():
    article = clean(f"{_LEAD}\n\n(Image credit: Larch Images- Fen_Photo), the group said volumes rose 6%.\n\n{_MORE}\n")
    assert "(Image credit" not in article.text and ", the group said volumes rose 6%." in article.text


def test_a_quote_widget_whose_symbol_has_digits_goes():
    note = "The yield on the 10-year note QMBND10Y, +0.52% rose 4 basis points to 3.86%."
    article = clean(f"{_LEAD}\n\n{note}\n\n{_MORE}\n")
    assert "The yield on the 10-year note rose 4 basis points to 3.86%." in article.text


def test_a_kicker_above_the_headline_goes_and_the_headline_is_the_title():
    article = clean(f"Business Headline News\nCorvane Freight raises profit forecast again\n{_LEAD}\n{_MORE}\n")
    assert article.title == "Corvane Freight raises profit forecast again"
    assert "Business Headline News" not in article.text
    assert clean(article.text).text == article.text


def test_a_headline_the_layout_removed_above_the_lead_is_the_title():
    text = (f"Stockwire\nYou are here: Home\nCorvane Freight raises profit forecast on strong demand\n"
            f"Harbour Wire, March 3, 2026 Adjust font size:\n{_LEAD}\n{_MORE}\n")
    assert clean(text).title == "Corvane Freight raises profit forecast on strong demand"


def test_a_wrapped_lead_line_of_headline_shape_is_no_headline():
    text = ("Corvane raises forecast, shares jump\n\nBERLIN, March 3 (Harbour Wire) - Corvane Freight's shares\n"
            "rose 4.1% on Monday after the logistics group raised its full-year profit\n"
            "forecast for the second time.\n")
    assert clean(text).title == "Corvane raises forecast, shares jump"


@pytest.mark.parametrize("line", ["Visitors are seen at the headquarters of the central bank in Harbour City",
                                  "A trader walks past a screen showing share prices in Harbour City"])
def test_a_photo_caption_between_headline_and_lead_goes(line):
    article = clean(f"Corvane Freight raises profit forecast again\n{line}\n{_LEAD}\n{_MORE}\n")
    assert line not in article.text and _LEAD in article.text


def test_a_headline_that_says_seen_stays():
    article = clean(f"Corvane Freight seen raising profit forecast again\n{_LEAD}\n{_MORE}\n")
    assert article.title == "Corvane Freight seen raising profit forecast again"
