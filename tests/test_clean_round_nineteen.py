"""Issue 14, nineteenth round (tuned on h22/tune only): a staff photographer's credit with the agency in title case
(taken for the title), and a live blog's last post: the outlet wrapping up its blog, with a pointer to its other
pages and a recap in the same paragraph, and its page offered "for the latest updates". Original text, invented
names; story lines of the same shape stay."""

from __future__ import annotations

import pytest

from summarizer import clean

HEADLINE = "Harbour central bank trims its rate to 4.5% and halves its growth forecast"
LEAD = ("The Harbour Reserve Bank cut its main rate to 4.5% from 4.75% on Thursday, as markets had expected.\n\n"
        "It also halved its forecast for growth this year to 0.75%, and said inflation would peak at 3.7% in the "
        "summer before easing.\n\n")
END = "The bank's next decision is due on March 20.\n"


def cleaned(before: str = "", after: str = "") -> tuple[str, dict[str, str]]:
    article = clean(f"{HEADLINE}\n\n{before}{LEAD}{END}{after}")
    return article.text, {removed.text: removed.reason for removed in article.removed}


@pytest.mark.parametrize("credit", ["Str | Afp | Getty Images", "Jane Roe | Bloomberg | Getty Images",
                                    "Kenji Sato | Reuters"])
def test_a_photographers_credit_under_a_caption_is_no_title(credit):
    caption = ("Governor Ana Ruiz speaks at a news conference at the Harbour Reserve Bank in Porto Alto on March 2, "
               "2025. (Photo by Jane Roe/Kite Press)")
    article = clean(f"{caption}\n{credit}\n{LEAD}{END}")
    assert article.title != credit and credit not in article.text
    assert article.text.startswith("The Harbour Reserve Bank cut its main rate")


def test_a_headline_with_a_bar_and_no_agency_stays_the_title():
    article = clean(f"Harbour Reserve Bank | Rate decision\n\n{LEAD}{END}")
    assert article.title == "Harbour Reserve Bank | Rate decision"


WRAP_UP = ("We’re wrapping up our live blog coverage now, but you can read our full analysis of what the cut means "
           "for your savings here. To recap, the Harbour Reserve Bank has cut its rate to 4.5% and halved its "
           "growth forecast. Keep an eye on The Ledger money page for the latest updates.")


@pytest.mark.parametrize("notice", [
    WRAP_UP,
    "Thanks for following our interest rates live blog",
    "This concludes today's live coverage of the rate decision; our reporters will be back on Friday.",
    "Keep an eye on The Ledger money page for the latest updates.",
    "Stay tuned to our markets blog for more.",
])
def test_a_live_blogs_wrap_up_goes(notice):
    text, removed = cleaned(after=f"\n{notice}\n")
    assert text == f"{LEAD}{END}".strip()
    assert removed[notice] in ("sign-off", "call-to-action")


@pytest.mark.parametrize(("story", "after_the_story"), [
    ("We will close our live events business in Europe by June, the chief executive said.", True),
    ("Thanks for following the guidance, clients saved 12% on their fees, the bank said.", True),
    ("Keep an eye on the bank's next move, analysts said, for the latest data may change it.", True),
    ("We are ending our support for the old tariff next year, the bank's chief said.", True),
    # (inside the story: after it, a footer rule takes "Follow the money ...")
    ("Nassim Roe is a best-selling author and former options trader.", False),
    ("This section of the law was published in 2019 and amended in March.", False),
    ("Follow the money, analysts said, and our coverage of the bank shows where it went.", False),
    ("New rules apply to New Harbour Bank from March.", False),
])
def test_story_sentences_of_the_same_shape_stay(story, after_the_story):
    text, _ = cleaned(after=f"\n{story}\n") if after_the_story else cleaned(before=f"{LEAD}{story}\n\n")
    assert story in text


OPTIONS = "  • Corvane\n  • Harbour Foods\n  • Tidewater Energy Group\n  • Brantley\n"


def test_a_reader_polls_question_goes_with_its_options():
    question = "The Harbour 100 list comes out on Monday. Which big company would you most like to work for?"
    text, removed = cleaned(before=f"{question}\n{OPTIONS}\n")
    assert text == f"{LEAD}{END}".strip()
    assert removed[question] == "poll"


def test_a_question_the_story_asks_stays():
    question = "Will the bank cut again before the summer?"
    story = ("Most economists polled by the Harbour Ledger expect one more cut in May, while two see the rate held "
             "until the autumn.")
    text, _ = cleaned(after=f"\n{question}\n\n{story}\n")  # a question, then a paragraph: no options
    assert question in text and story in text
    options = "  • Cut by a quarter point in May\n  • Hold until the autumn\n  • Cut by half a point\n"
    text, _ = cleaned(after=f"\n{question}\n{options}\n{story}\n")  # a story's own list stays, and so its question
    assert question in text


# Tuned on h23/tune only.

SENTENCE = "The revised offer of $115 a share in cash is a premium of about 33% to Brantley's last closing price."


def test_a_highlight_the_body_says_word_for_word_goes_and_the_body_keeps_it():
    # (the near-duplicate rule had kept the highlight, the first copy, and dropped the body's)
    page = (f"Brantley accepts Corvane's higher offer of $4.5 billion\n- {SENTENCE}\n"
            f"Brantley Optics on Thursday accepted Corvane Systems' raised offer of $4.5 billion, days after Corvane "
            f"sued to enforce an earlier deal.\n{SENTENCE}\nShares of Brantley jumped 31.5%, while Corvane slipped "
            f"0.5%.\n")
    article = clean(page)
    assert f"- {SENTENCE}" not in article.text and article.text.count(SENTENCE) == 1
    assert "Brantley Optics on Thursday accepted" in article.text.split("\n")[0]


@pytest.mark.parametrize(("highlight", "goes"), [
    ("Liquidations across the crypto market topped $94 million in a day", True),  # the body's $93.68 rounded
    ("Liquidations across the crypto market topped $93 million in a day", True),  # or cut
    ("Liquidations across the crypto market topped $12 million in a day", False),  # a figure the body lacks
])
def test_a_highlight_that_rounds_the_bodys_figure_is_a_repeat(highlight, goes):
    body = ("Liquidations across the crypto market topped $93.68 million in a day, as bitcoin slipped 0.3% to "
            "$69,670 and a total of 51,090 traders were caught out.\n\n"
            "Ether fell 1.2% to $3,670, while the token of the Harbour exchange dropped 7.45%.\n")
    article = clean(f"Why is bitcoin falling? Liquidations top $93 million\n\nHighlights\n\n  • {highlight}\n\n{body}")
    assert (highlight not in article.text) is goes


@pytest.mark.parametrize("line", [
    "Jane Roe is a part-time freelance writer based in Harbourtown. She earned her degree in economics at Elm "
    "College…",
    "This section below was published at 13:15 GMT to cover the Harbour Reserve Bank's decision and the market "
    "reaction.",
    "Follow our live coverage of the rate decision and the market reaction.",
    "Related News:   Landlords raise rents on more than half of homes in the north: statistics office",
    "Harbour Ledger Service Harbour Ledger Service",
])
def test_notes_about_the_page_and_its_furniture_go(line):
    text, _ = cleaned(before=f"{line}\n\n")  # above the story, where no footer rule reaches
    assert text == f"{LEAD}{END}".strip()


@pytest.mark.parametrize("heading", ["Editors' Recommendations", "Editor’s Recommendations", "Further reading",
                                     "Suggested reading",
                                     "You may be interested in:"])
def test_a_list_of_other_stories_under_its_heading_goes(heading):
    tail = (f"{heading}\n\nJane Roe\nJane Roe covers markets for the site.\n"
            "Everything the regulator gets wrong about the bank's merger\nThe bank's logo on its tower.\n\n"
            "The merger season is in full ")
    text, _ = cleaned(after=f"\n{tail}")
    assert text == f"{LEAD}{END}".strip()


# Opened after h22/blind's and h23/blind's unseen figures were taken.

DEAL = (
    "Corvane to buy Brantley Optics for £24.3 billion in cash\n\n"
    "The boards of Corvane Group and Brantley Optics said on Monday they had agreed the terms of a recommended cash "
    "offer for the whole of Brantley by Corvane.\n"
    "Under the terms of the offer\n"
    "- Each Brantley shareholder will be entitled to receive: for each Brantley share: 1,700 pence in cash\n"
    "- The price of 1,700 pence per Brantley share represents a premium of:\n"
    "- ~43.0% to the closing price of 1,189 pence per Brantley share\n"
    "- ~42.9 % to the closing price per Brantley ADR of $47.08, on 15 July (the last business day before the "
    "offer);\n"
    "- The offer values the whole of Brantley's share capital at about £24.3 billion (or $31.4 billion).\n"
)


def test_the_items_of_a_list_with_a_paragraph_of_the_story_among_them_stay():
    """A deal's terms as a list, its items without full stops, one introducing the items under it: the layout
    model had dropped the price each shareholder gets and the premium (a body sentence lost, h23/blind)."""
    text = clean(DEAL).text
    assert "- Each Brantley shareholder will be entitled to receive: for each Brantley share: 1,700 pence in cash" \
        in text
    assert "- ~43.0% to the closing price of 1,189 pence per Brantley share" in text


def test_a_list_of_other_stories_in_headline_case_still_goes():
    related = ("- The Deal Is Expected To Close In November, Brantley Says In A Statement.\n"
               "- Corvane Shares Slide As Investors Weigh Debt Load\n"
               "- Brantley Rivals Rally On Takeover Talk\n")
    text = clean(DEAL + related).text  # (the same run of items: no heading ends the story)
    assert "Corvane Shares Slide" not in text and "Brantley Rivals Rally" not in text


@pytest.mark.parametrize(("sentence", "tags"), [
    ("Tesla (TSLA) second-quarter results are out and the numbers look a little light, with revenue of $1.56 "
     "billion.", ["(TSLA)"]),
    ("The boards of Corvane Group (CRVGY) and Brantley Holdings (BRTH) said they had agreed a cash offer.",
     ["(CRVGY)", "(BRTH)"]),
    ("Retail bellwether Next (NXT) dipped 4.3% to £41.51 as investors weighed the warning.", ["(NXT)"]),
])
def test_a_stocks_symbol_in_brackets_after_its_name_goes(sentence, tags):
    text, removed = cleaned(before=f"{sentence}\n\n")
    for tag in tags:
        assert tag not in text and removed[f" {tag}"] == "ticker-tag"
    assert sentence.replace(" (TSLA)", "").replace(" (CRVGY)", "").replace(" (BRTH)", "").replace(" (NXT)", "") \
        in text


@pytest.mark.parametrize("sentence", [
    "The Bank of Japan (BOJ) kept its rate at -0.1% on Tuesday, as the BOJ had signalled.",
    "The Organisation of the Petroleum Exporting Countries (OPEC) agreed to cut output by 9.7 million barrels.",
    "The Securities and Exchange Commission (SEC) fined the firm $4 million on Friday, its filing showed.",
    "Toncoin (TON) rose 1.28% to $7.176 on Tuesday, bucking the trend of the wider market.",
    "Harbour Coin (HBC) dropped 7.45% to $622.28 after setting a new All-Time High (ATH) last week.",
    "Solana (SOL) and Avalanche (AVAX) both fell more than 5% in the day's trading session.",
    "The bank kept its yield curve control (YCC) targets unchanged at the end of its two-day meeting.",
    "BERLIN (AP) — Germany's economy shrank by 0.3% in the third quarter, the statistics office said.",
    "Walgreens Boots Alliance (WBA) agreed to be taken private in a deal worth about $10 billion.",
    # and story sentences near the shapes of the notes below
    "(ECB) officials said on Thursday they would keep rates on hold for longer than markets expect.",
    "The value of investments held by the fund fell 3% in the quarter, its report showed.",
    "Stay up to date with the rules, the regulator told banks in a letter on Monday.",
    "Subscribers to the bank's savings app can read the full terms on its website, the bank said.",
])
def test_an_abbreviation_a_crypto_symbol_or_a_wires_name_in_brackets_stays(sentence):
    text, _ = cleaned(before=f"{sentence}\n\n")
    assert sentence in text


@pytest.mark.parametrize("line", [
    "Important information: The value of investments can go down as well as up so you may get back less than you "
    "invest. Investors should note that the views expressed may no longer be current. This is a third-party news "
    "feed and may not reflect Harbour Invest’s views.",
    "This is premium stuff. Subscribe to read the entire article.",
    "— This story will be updated with the bank’s closing price later today.",
    "Want to see how this story relates to your watchlist?",
    "Just add items to create a watchlist now:",
    "or Cancel Already have a watchlist? Log In",
    "Stay up to date with recent rate decisions, bond auctions, and more with the Ledger Daily.",
    "Stay up to date with recent funding rounds, acquisitions, and more with the Ledg",  # cut off by the scrape
])
def test_a_brokers_risk_warning_a_paywall_a_watchlist_box_and_notes_go(line):
    text, _ = cleaned(before=f"{line}\n\n")
    assert text == f"{LEAD}{END}".strip()


@pytest.mark.parametrize(("lead", "tag"), [
    ("(Kite News) - The Harbour Reserve Bank cut its main rate to 4.5% on Thursday, as markets had expected.",
     "(Kite News) - "),
    ("(HARBNEWS) The Harbour Reserve Bank cut its main rate to 4.5% on Thursday, as markets had expected.",
     "(HARBNEWS) "),
])
def test_a_news_services_name_opening_the_lead_goes(lead, tag):
    article = clean(f"{HEADLINE}\n\n{lead}\n\n{END}")
    assert article.text.startswith(lead.removeprefix(tag))
    assert any(removed.text == tag for removed in article.removed)


def test_a_quote_links_address_before_its_symbol_goes():
    lead = ("Corvane’s stock /quotes/q/204685760/composite CRV +2.44%   /quotes/q/205449809/delayed UK:CRVL +0.34%   "
            "ticked up 1.2% on Thursday despite missing sales estimates.")
    text, _ = cleaned(before=f"{lead}\n\n")
    assert text.startswith("Corvane’s stock ticked up 1.2% on Thursday despite missing sales estimates.")




@pytest.mark.parametrize("side", ["News, Sports, Jobs", "File/ Representative image"])
def test_a_sites_sections_or_a_pictures_credit_after_the_headline_is_not_the_titles(side):
    article = clean(f"{HEADLINE} | {side}\n\n{LEAD}{END}")
    assert article.title == HEADLINE


def test_a_highlight_in_other_forms_of_the_bodys_words_is_a_repeat():
    body = ("The Harbex index rose 712.44 points, or 0.92%, to 78,053.52, and the broader index hit a record "
            "high of 23,710.45 during the day.\n\nBanks led the rally, while energy stocks lagged.\n")
    article = clean(f"Harbour stocks close at record highs\n\nIn Short\n- Harbex hits record high at 78,053.52\n\n"
                    f"{body}")
    assert "hits record high" not in article.text and article.text.startswith("The Harbex index rose")
    kept = clean(f"Harbour stocks close at record highs\n\nIn Short\n- Harbex hits record high at 79,100\n\n{body}")
    assert "- Harbex hits record high at 79,100" in kept.text  # a figure the body does not give
