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
    ("Camera IconGovernor Ana Roe at the bank's head office Picture: Jo Lind © Harbour Post", "image-credit"),
])
def test_whole_lines_of_furniture_go(line, reason):
    assert line_reason(line) == reason


def test_a_credit_glued_after_a_paragraph_goes_and_its_sentences_stay():
    text = (f"{_LEAD}\n\nBrokers expect index funds to buy about 1.9 billion euros of the stock. The chair Lena "
            f"Brask at the opening of the terminal on May 2. Picture: Ola Dunn © Harbour Post\n\n{_MORE}\n")
    article = clean(text)  # only the credit goes: which sentence is the caption's, words cannot tell
    assert "Brokers expect index funds to buy about 1.9 billion euros of the stock." in article.text
    assert "Ola Dunn" not in article.text


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
    article = clean(text)
    assert article.title == "Corvane Freight raises profit forecast on strong demand"
    assert clean(article.text).text == article.text


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


@pytest.mark.parametrize(("line", "reason"), [
    ("Register to continue reading — it's free. Already registered? Sign in.", "paywall"),
    ("Start a trial: four weeks for €1, then €69 a month. Full digital access, cancel whenever you like.", "paywall"),
    ("RELATED TOPICS: banking / economy / interest rates", "navigation"),
    ("Updated with comments from the chief financial officer in paragraph five.", "editor-note"),
    ("Noor is a reporter covering transport and logistics.", "author-bio"),
    ("Live chart: XAU/USD — click to expand", "call-to-action"),
    ("WANT YOUR COMPANY'S NEWS FEATURED HERE? Get started today ›", "call-to-action"),
    ("Comment guidelines: Keep it on topic and civil.", "comments"),
    ("No comments yet...", "comments"),
    ("HLDX ▼ 2.41% $18.72", "price-ticker"),
    ("READ: Asian markets drop as chip fears return", "read-more"),
    ("The Star · 3d ago", "dateline"),
    ("For more updates, follow us on Google News.", "reader-notice"),
    ("Want to keep up to date on Corvane? Add it to your watchlist.", "reader-notice"),
    ("The article Why Corvane Shares Plunged originally appeared on Fooldaily.com.", "syndication"),
    ("The Daily Fool owns shares of Corvane. Daily Fool newsletter services have recommended buying shares of Corvane.",
     "disclaimer"),
    ("This press release contains forward-looking statements within the meaning of the securities laws.", "disclaimer"),
    ("Leveraged CFD trading is high risk: 71.3% of retail client accounts lost money with this broker.", "disclaimer"),
    ("Try Quotewise Pro free for 7 days — AI-powered stock screener, fair value estimates and more.", "advertisement"),
])
def test_more_furniture_lines_go(line, reason):
    assert line_reason(line) == reason


@pytest.mark.parametrize("line", ["Apple is a major contributor to the index.",
                                  "Trade tensions get worse as the two countries trade barbs.",
                                  "Corvane said it would keep you updated, the chief executive told staff."])
def test_sentences_of_the_same_look_stay(line):
    assert line_reason(line) is None


@pytest.mark.parametrize("inline", [" (read more: Grain exports hit a record in May)",
                                    " — also read: What rail contracts are worth —"])
def test_a_read_more_clause_in_brackets_or_dashes_goes_and_the_sentence_stays(inline):
    words = "The board said the deal would lift revenue by about 6% next year"
    article = clean(f"{_LEAD}\n\n{words}{inline} and would need 40 new wagons.\n\n{_MORE}\n")
    assert f"{words} and would need 40 new wagons." in article.text


def test_a_site_name_with_a_dot_is_no_glued_sentence():
    line = "The token is the fourth largest, News.Az reports, citing a market tracker."
    article = clean(f"{_LEAD}\n\n{line}\n\n{_MORE}\n")
    assert "News.Az reports" in article.text


_BOX = "RELATED STORIES\nWhy freight rates are falling again\nCan rail win back the grain trade?\n\n"
_AFTER = ("Shares of Corvane fell 2.4% in afternoon trade as investors weighed the thin margins on the new work.\n\n"
          "Chief financial officer Mara Velt said the deal would lift revenue by about 6% next year.\n")


def test_a_box_of_other_stories_inside_the_body_goes_and_the_story_goes_on():
    article = clean(f"{_LEAD}\n\n{_MORE}\n\n{_BOX}{_AFTER}")
    assert "Shares of Corvane fell 2.4%" in article.text and "Chief financial officer Mara Velt" in article.text
    assert "RELATED STORIES" not in article.text and "Why freight rates" not in article.text


def test_other_stories_cards_to_the_end_still_go():
    cards = ("RELATED STORIES\nHalden Post Sell As Halden Post Misses\n\nLogistics group Halden Post reported weak "
             "results today, sending its shares down 9% in early trade on Monday.\n\nThe company's adjusted earnings "
             "per share of $0.15 missed the $0.40 that analysts had expected for the quarter.\n")
    article = clean(f"{_LEAD}\n\n{_MORE}\n\n{cards}")
    assert "Halden Post" not in article.text


def test_a_press_releases_boilerplate_goes_from_about_the_company():
    tail = ("About Corvane Freight\nCorvane Freight is a rail and road logistics group with 3,100 employees.\n"
            "Media contact: press@corvane.example\n")
    article = clean(f"{_LEAD}\n\n{_MORE}\n\n{tail}")
    assert "About Corvane" not in article.text and "3,100 employees" not in article.text and _MORE in article.text


def test_an_about_subheading_followed_by_the_story_stays():
    tail = ("About The Deal\nThe deal values the freight unit at 2.1 billion euros, about 11 times its operating "
            "profit last year.\n")
    article = clean(f"{_LEAD}\n\n{_MORE}\n\n{tail}")
    assert "2.1 billion euros" in article.text


@pytest.mark.parametrize("line", [
    "The central bank left rates unchanged on Thursday and signalled no cut before autumn. Follow us on Google News "
    "for more updates.",
    "Our app lets customers trade stocks without fees, the founder told reporters at the launch.",
    "We will keep you informed as talks progress, the union told members on Monday.",
    "Our site in Texas will double output next year.",
    "Shares of Acme Corp rose 3% after the company said it would cancel any time-consuming reviews.",
    "The company has a disclosure policy requiring insiders to report their trades within two days.",
    "This article is part of our series on pensions. Workers who retire this year face the biggest fall in annuity "
    "rates since the crisis.",
    "Updated with comments from the chief executive, shares of the company rose to a record in afternoon trade.",
    "Read-across to other European lenders was limited, analysts at the bank wrote in a note to clients on Monday.",
    "The minister summed up the big picture: Higher For Longer",
    "Gershkovich is a reporter for The Wall Street Journal who was detained in Russia in March.",
    "Tags: the regulator said the label rules would apply from June",
])
def test_news_sentences_a_first_draft_took_stay(line):
    assert line_reason(line) is None


@pytest.mark.parametrize(("line", "kept"), [
    ("Prices rose in May. (Reporting and analysis by the bank's research team showed a wider gap.) Wages lagged.",
     "(Reporting and analysis by the bank's research team showed a wider gap.)"),
    ("The index (compiled by S&P Dow Jones Indices) rose 2% over the month, led by energy and bank shares.",
     "(compiled by S&P Dow Jones Indices)"),
    ("Demand for the stock was high. Visit Amazon.com and you will see the new pricing already, one analyst said.",
     "Visit Amazon.com and you will see the new pricing already, one analyst said."),
])
def test_brackets_and_calls_that_are_the_story_stay(line, kept):
    assert kept in clean(f"{_LEAD}\n\n{line}\n\n{_MORE}\n").text


@pytest.mark.parametrize("headline", ["Powell speaks as markets await rate decision",
                                      "Inflation is seen easing as energy prices fall in Europe",
                                      "Dow 40,000 S&P 5,000 NASDAQ 16,000 records"])
def test_headlines_that_look_like_captions_or_quotes_stay_titles(headline):
    assert clean(f"{headline}\n{_LEAD}\n{_MORE}\n").title == headline


def test_a_lead_missing_its_full_stop_is_no_headline():
    text = ("Corvane lifts outlook\n\nCorvane Freight shares jump 4% after the logistics group lifts its full-year "
            f"profit outlook again on Monday\n\n{_MORE}\n\nAnalysts said the upgrade was larger than expected and "
            "the shares could rise further.\n")
    article = clean(text)
    assert article.title == "Corvane lifts outlook" and "Corvane Freight shares jump 4%" in article.text


def test_the_layout_model_never_empties_a_page_of_its_prose():
    text = "a\nThe revenue revenue revenue revenue revenue revenue revenue revenue revenue revenue revenue the."
    assert "The revenue revenue" in clean(text).text


def test_a_comment_policy_with_a_short_aside_between_its_sentences_goes():
    line = ("Comments must be in English and on topic. They cannot be abusive or personal. Please respect our "
            "community guidelines.")
    assert line_reason(line) == "reader-notice"
    assert line_reason("Please read our comment policy. Rates rose sharply. Follow us on Google News.") is None
