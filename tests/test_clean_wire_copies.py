"""Issue 14, ninth round, second part (tuned on h13/blind once measured): old wire copies (hard-wrapped lines,
instrument codes whose links were dropped, story numbers, writers' initials), quote tables, kickers, a form's
prompt. Original text, invented names; story sentences of the same words stay."""

from __future__ import annotations

import pytest

from summarizer import clean

WRAPPED = (
    "LONDON, April 16 (Harbour Wire) - Weak miners, dented by easier\n"
    "metal prices on demand worries, outweighed gains by bank\n"
    "stocks to leave the Northland 100 index flat by midsession.\n\n"
    "At 1147 GMT the Northland 100 (.NTH100: ) was down 0.16 points at\n"
    "5,815.71, having retreated from a fresh 22-month intraday peak\n"
    "of 5,833.73 hit earlier in the session. [ID:nN15325702]\n\n"
    "First-quarter results from Corvane Electric (CRV.N: )\n"
    "and Larkspur Bank (LRK.N: ) came in ahead of forecast, giving a\n"
    "slight lift to the market by the middle of the session.\n\n"
    "Mara Holt, analyst at Tidewater, said investors were also\n"
    "wary after a debate between the leaders of the three main\n"
    "parties raised the chance that the coming election may\n"
    "leave no party in overall control.\n\n"
    "\"The market is going into a wait-and-see mode ahead\n"
    "of the vote, and the nervousness has increa"
)


def test_the_last_paragraph_of_a_hard_wrapped_copy_is_kept_whole():
    text = clean(WRAPPED).text
    assert ("Mara Holt, analyst at Tidewater, said investors were also\nwary after a debate between the leaders of "
            "the three main\nparties raised the chance that the coming election may\nleave no party in overall "
            "control.") in text
    assert "nervousness has increa" not in text  # the paragraph the page cut off still goes


def test_instrument_codes_without_their_links_and_story_numbers_go():
    text = clean(WRAPPED).text
    assert "(.NTH100: )" not in text and "(CRV.N: )" not in text and "[ID:" not in text
    assert "the Northland 100 was down 0.16 points at" in text
    assert "from Corvane Electric\nand Larkspur Bank came in ahead" in text


def test_a_code_with_its_name_in_brackets_is_no_bare_code():
    sentence = "The index (ratio: 0.4) was little changed, and traders (mostly: funds) stayed away."
    assert sentence in clean(f"{sentence}\n\nShares of Larkspur Bank rose 2% on the day, their best in a month.").text


QUOTES = ("Symbol Price Change %Change CRVN $105.96 0.55 0.52 LRKS $281.84 -3.92 -1.37 TDWR $162.67 -2.41 -1.46")
LEAD = ("U.S. stocks ended the Monday session mixed as investors awaited the start of big tech earnings, while "
        "Corvane shares fell on worries about its spending plans.")
BODY = "Corvane raised its capital spending forecast for the year, shaving 1.5% off the stock, traders said."


@pytest.mark.parametrize("widget", [
    QUOTES,
    "Symbol Price Change %Change\nCRVN $105.96 0.55 0.52\nLRKS $281.84 -3.92 -1.37",
    "Harbour Composite Index. $ 12037.203686",
])
def test_a_table_of_quotes_goes_with_its_figures(widget):
    article = clean(f"Stocks end mixed ahead of tech earnings\n\n{widget}\n\n{LEAD}\n\n{BODY}\n")
    assert "105.96" not in article.text and "12037" not in article.text and "Symbol" not in article.text
    assert LEAD in article.text and BODY in article.text


def test_a_kicker_before_the_headline_is_no_part_of_the_title():
    article = clean(f" date 2023-04-24 Breaking News Stocks end mixed ahead of tech earnings\n\nBreaking News\n\n"
                    f"{LEAD}\n\n{BODY}\n")
    assert article.title == "Stocks end mixed ahead of tech earnings"
    assert "Breaking" not in article.text and "2023-04-24" not in article.text


def test_breaking_as_a_word_of_the_story_stays():
    sentence = "Breaking news of the deal lifted shares of Larkspur Bank 4% in early trade, their best day in a year."
    assert sentence in clean(f"{LEAD}\n\n{sentence}\n\n{BODY}\n").text


def test_a_date_label_then_a_wires_name_both_go_before_the_lead():
    lead = ("Corvane Materials said on Monday it agreed to buy Tidewater Chemicals for $2.3 billion in cash, "
            "expanding its construction chemicals business.")
    article = clean(f" date 2021-12-06 (RTTNews) - {lead}\n\n{BODY}\n")
    assert article.text.startswith(lead)


def test_structured_data_keys_stray_marks_and_writers_initials_go():
    lead = ("The Harbour 30 and the broad index finished lower Friday, giving up early gains after Corvane said it "
            "would close some stores again. All three indices still ended the week higher. jmb/cs")
    article = clean(f"schema:articleBody\n| - {lead}\n")
    assert article.text == lead.removesuffix(" jmb/cs")
    assert clean(f"{LEAD}\n\n{BODY}\n\njmb/cs\n").text == f"{LEAD}\n\n{BODY}"


def test_a_forms_prompt_to_pick_a_mailing_list_goes():
    article = clean(f"{LEAD}\n\n{BODY}\n\nSign up to our free newsletters\nPlease select at least one mailing list.\n")
    assert "mailing list" not in article.text and BODY in article.text


# Tuned on h14/tune (then h14/blind measured unseen).
def test_shortcodes_the_page_printed_instead_of_running_them_go():
    text = (f'[ccpw id="5"]\n\n{LEAD}\n\n[ads1]\n\nCorvane raised its spending forecast, [ad_2] shaving 1.5% off the '
            "stock, traders said.\n")
    article = clean(text)
    assert "[" not in article.text and "ccpw" not in article.text
    assert "Corvane raised its spending forecast, shaving 1.5% off the stock, traders said." in article.text


def test_wire_codes_for_other_pages_go_and_bracketed_words_stay():
    text = (f"{LEAD} U.S. stocks [.N] slipped and oil prices [O/R] rose, while gold [GOL/] held steady.\n\n"
            "\"We are not [selling],\" she said, and the firm [Corvane] agreed.\n")
    article = clean(text)
    assert "U.S. stocks slipped and oil prices rose, while gold held steady." in article.text
    assert "\"We are not [selling],\" she said, and the firm [Corvane] agreed." in article.text


def test_a_caption_with_its_place_then_its_full_date_goes():
    caption = ("A bank employee counts 100-note bundles of Harbour dollars at a counter in Tidewater, Northland's "
               "eastern province, August 6, 2019.")
    article = clean(f"{LEAD}\n\n{caption}\n\n{BODY}\n")
    assert "counts" not in article.text and article.text == f"{LEAD}\n\n{BODY}"
    story = "The bank said it counted 100 billion notes in the year to March, up 6%, August 6, 2019."
    assert story in clean(f"{LEAD}\n\n{story}\n\n{BODY}\n").text  # a report, not a picture


def test_a_read_more_button_and_an_image_slug_go():
    article = clean(f"{LEAD}\n\ncorvane12121\n\n{BODY}\n\nRead more...\n")
    assert article.text == f"{LEAD}\n\n{BODY}"
    glued = clean(f"corvane12121{LEAD}\n\n{BODY}\n")
    assert glued.text.startswith(LEAD)


def test_a_breadcrumb_with_a_mark_run_into_the_headline_is_no_part_of_the_title():
    article = clean("Home.markets news reportCorvane's listing tested the waters and missed the mark\n\n"
                    f"{LEAD}\n\n{BODY}\n")
    assert article.title == "Corvane's listing tested the waters and missed the mark"
