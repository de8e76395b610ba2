"""Issue 14, seventh round (second part, tuned on h11/tune): the site asking for support, its cookie heading, a
market's clock, a wire's exchange-rate note, its photo caption and its credits run into paragraphs, listings named
by a market and a country, and a page's time stamp taken for a title. Original text, invented names; story
sentences of the same words stay."""

from __future__ import annotations

import pytest

from summarizer import clean
from summarizer._noise import line_reason

LEAD = ("BENGALURU (Reuters) – Harbour Industries said on Friday that its quarterly profit doubled, helped by a "
        "rebound in its chemicals business, but fell short of analysts' estimates as costs jumped 10%.")
BODY = ("Revenue edged up 11% to 1.55 trillion rupees, while spending rose 9.8% to 1.43 trillion rupees.\n\n"
        "Shares of the group closed 1.2% higher ahead of the results, the company said.\n")


@pytest.mark.parametrize(("line", "reason"), [
    ("Your support helps us to tell the story", "reader-notice"),
    ("At such a moment, we need reporters on the ground. Your donation allows us to keep sending journalists to "
     "hear both sides.", "reader-notice"),
    ("Cookies on the Harbour Ledger website", "cookie-banner"),
    ("Harbour Ledger has updated its Privacy and Cookie policy. We use cookies to ensure that we give you the best "
     "experience on our website. If you continue without changing your settings, we will assume that you are happy "
     "to receive all cookies on the Harbour Ledger website. However, you can change your cookie settings at any time "
     "by clicking on our Cookie Policy. You can also read our Privacy Policy.", "cookie-banner"),
    ("Australia Markets open in 5 hrs 18 mins", "price-ticker"),
    ("Markets close in 2 hours 5 minutes", "price-ticker"),
    ("($ 1 = 73.9750 Indian rupees)", "editor-note"),
    ("(£1 = $1.2710)", "editor-note"),
    ("FILE PHOTO: Workers rest in front of a Harbour Industries billboard in Mumbai, March 2, 2016. REUTERS/Jane Roe",
     "image-caption"),
    ("Reporting by Jane Roe in Bengaluru; Editing by Sam Li", "byline"),
    # AP's file-photo caption: two sentences and the credit, longer than any caption rule took (seen on h11/blind)
    ("FILE - A man with a briefcase walks past the Northwind Bank's head office in the city's financial district, "
     "Tuesday, Oct. 4, 2022. Northwind Bank is expected to raise its main interest rate for the sixth time in a row "
     "on Thursday, Dec. 8, though the rise will likely be smaller than the last as price growth cools and the "
     "housing market slows. (AP Photo/Jane Roe, File)", "image-caption"),
    ("FILE — Shoppers queue outside a store in Leeds on Saturday, Jan. 7, 2023.", "image-caption"),
    ("Corvane Coin News, also known as \u201cCCN\u201d, is an independent media entity - we are not affiliated with "
     "any company in the industry.", "reader-notice"),
])
def test_the_sites_and_the_wires_notes_go(line, reason):
    assert line_reason(line) == reason


@pytest.mark.parametrize("line", [
    "\u201cYour support made all the difference,\u201d the chief executive told shareholders.",
    "The company said its reporters' union had asked members for donations to a strike fund.",
    "Markets open in Asia were calm after the decision, traders said.",
    "Harbour Industries said it used an exchange rate of $1 = 73.9750 rupees in its accounts.",
    "Reporting by the company showed sales in India rose 12%; analysts had expected 9%.",
    "Filecoin - the storage network's token - rose 5% on Monday after the upgrade.",
])
def test_story_sentences_with_the_same_words_stay(line):
    assert line_reason(line) is None


def test_a_wires_caption_note_and_credits_run_into_paragraphs_go():
    text = (f"{LEAD} FILE PHOTO: Workers rest in front of a Harbour Industries billboard at a site in Mumbai, India, "
            "March 2, 2016. REUTERS / Jane Roe The chemicals and retail group, led by its founder's son, reported "
            "a net profit of 95.16 billion rupees for the quarter.\n\n"
            "Revenue edged up 11% to 1.55 trillion rupees. Spending rose 9.8% to 1.43 trillion rupees. ($ 1 = 73.9750 "
            "Indian rupees) Reporting by Jane Roe in Bengaluru; Editing by Sam Li\n")
    article = clean(text)
    assert "FILE PHOTO" not in article.text and "REUTERS / Jane Roe" not in article.text
    assert "73.9750" not in article.text and "Editing by" not in article.text
    assert "costs jumped 10%. The chemicals and retail group, led by its founder's son" in article.text
    assert article.text.rstrip().endswith("Spending rose 9.8% to 1.43 trillion rupees.")


def test_the_sites_appeal_glued_before_the_lead_goes():
    text = ("Your support makes all the difference.The FTSE 100 treaded water on Tuesday as sterling hit its lowest "
            "point against the dollar in two months.\n\n" + BODY)
    article = clean(text)
    assert article.text.startswith("The FTSE 100 treaded water on Tuesday")


@pytest.mark.parametrize("tag", ["(London Stock Exchange: VOD-GB)", "(Euronext Paris: FR-FR)", "(:METSO-FI)",
                                 "(^STOXX)"])
def test_listings_named_by_market_and_country_go(tag):
    sentence = f"Shares in Harbour Telecom {tag} rose 2.1% after the results, while the regional index closed flat."
    article = clean(f"{sentence}\n\n{BODY}")
    assert tag not in article.text
    assert "Shares in Harbour Telecom rose 2.1% after the results" in article.text


@pytest.mark.parametrize("tag", ["(7203.T)", "(VOD.L)", "(RELI.NS)"])
def test_reuters_instrument_codes_go(tag):
    sentence = f"Harbour Motor Corp {tag} forecast a 35 percent fall in net profit for the current year."
    article = clean(f"{sentence}\n\n{BODY}")
    assert tag not in article.text
    assert "Harbour Motor Corp forecast a 35 percent fall in net profit" in article.text


def test_abbreviations_in_brackets_are_no_instrument_codes():
    sentence = "Exports to the United States (U.S.) rose 4.1% in the year (Q3), officials said."
    assert sentence in clean(f"{sentence}\n\n{BODY}").text


def test_a_source_in_brackets_is_no_listing():
    sentence = "The index rose 0.4% on Friday (Source: Harbour Ledger), its third gain in a row, traders said."
    assert sentence in clean(f"{sentence}\n\n{BODY}").text


def test_a_pages_time_stamp_is_no_title():
    text = ("24th Apr 2018 12:43\n\nHarbour Pharma agreed on Tuesday to buy Corvane Biotech for 46 billion pounds in "
            "cash and shares, the largest deal in the industry this year.\n\n" + BODY)
    assert clean(text).title is None
    assert clean("Oil Tops $90 as Supply Fears Grow\n\n" + LEAD + "\n\n" + BODY).title == \
        "Oil Tops $90 as Supply Fears Grow"
