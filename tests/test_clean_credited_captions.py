"""Issue 14, eighth round (tuned on h12/tune): a long caption that ends with its photo credit, AP's file-photo
captions, menu items run together into one line, and a breadcrumb run into the headline. Original text, invented
names; story sentences of the same words stay."""

from __future__ import annotations

import pytest

from summarizer import clean
from summarizer._captions import picture_sentence
from summarizer._noise import line_reason

LEAD = ("The Northwind Central Bank cut its deposit rate by a quarter point to 3.5% on Thursday, its second cut this "
        "year, as growth across the region stayed weak.")
BODY = ("Markets now expect the bank to pause in October before a further cut in December, traders said.\n\n"
        "The bank's president, Mara Holt, said inflation was on course to return to the 2% target next year.\n")


def reasons(text: str) -> dict[str, str]:
    return {item.text.strip(): item.reason for item in clean(text).removed}


CREDITED = ("A currency sign is pictured inside the Northwind Central Bank's head office as a man walks by before a "
            "news conference after the meeting of its governing council in Harbourton, on the east coast, on June 6, "
            "2024. The bank is expected to keep cutting rates from record highs, but uneven price growth makes the "
            "path ahead unclear. (Photo by Jane Roe / AFP)")
assert len(CREDITED) > 320  # longer than the rule for a caption with its credit in brackets takes


def test_a_long_caption_that_ends_with_its_photo_credit_goes():
    text = f"PHOTO\n{CREDITED}\n{LEAD}\n{BODY}"
    article = clean(text)
    assert "currency sign" not in article.text and "Jane Roe" not in article.text
    assert reasons(text)[CREDITED] == "image-caption"
    assert LEAD in article.text and "Mara Holt, said" in article.text


@pytest.mark.parametrize("paragraph", [
    # a story's paragraph run into a credit, but opening with no picture: kept
    "The bank cut its deposit rate to 3.5% on Thursday and signalled more cuts to come as growth stayed weak across "
    "the region this summer, with factory output down for a fourth month and hiring slowing in every member state, "
    "the bank's own survey of firms showed, and the euro slipped 0.4% against the dollar. (Photo by Jane Roe / AFP)",
    # a picture described, but someone in it speaks: a story's paragraph
    "A currency sign is pictured at the bank, where Mara Holt said rates would fall again in October and in December "
    "if price growth kept slowing, and that wages, not energy, were now the main risk to the outlook for the region "
    "this year and next, when she expects growth to pick up as lower borrowing costs reach households and firms. "
    "(Photo by Jane Roe / AFP)",
])
def test_a_paragraph_with_a_credit_but_not_a_pictures_words_stays(paragraph):
    assert len(paragraph.split(" (Photo")[0]) > 300  # longer than a caption with its credit in brackets
    assert paragraph.split(" (Photo")[0] in clean(f"{LEAD}\n\n{paragraph}\n\n{BODY}").text


def test_is_pictured_is_a_pictures_present_not_a_reported_past():
    assert picture_sentence("A currency sign is pictured outside the bank's head office in Harbourton.")
    assert not picture_sentence("The currency sign pictured outside the bank was removed last year.")


MENU = ("FinancialGovernment SolutionsLegalHarbour News AgencyRisk Management SolutionsTax & AccountingBlog: Answers "
        "OnInnovation @ Harbour Media")


def test_menu_items_run_together_go_even_when_long_enough_for_body():
    text = f"{MENU}\n\nBank cuts rates again as growth stays weak\n\n{LEAD}\n\n{BODY}"
    article = clean(text)
    assert "AccountingBlog" not in article.text
    assert reasons(text)[MENU] == "navigation"


@pytest.mark.parametrize("line", [
    "BlackRock, PayPal and JPMorgan shares rose after the iPhone maker's results.",
    "Shares of BlackRock and PayPal rose",  # a headline: two brands, no sentence end
])
def test_brands_with_capitals_inside_are_no_menu(line):
    assert line_reason(line) is None
    assert "PayPal" in clean(f"{line}\n\n{LEAD}\n\n{BODY}").text or clean(f"{line}\n\n{LEAD}\n\n{BODY}").title == line


def test_a_breadcrumb_run_into_the_headline_is_not_part_of_the_title():
    headline = "Closing Bell: Indices end higher; Sensex up 562 points, Nifty above 18000"
    article = clean(f"HomeBusiness{headline}\n\n{LEAD}\n\n{BODY}")
    assert article.title == headline


def test_a_headline_opening_with_home_stays_whole():
    headline = "Home prices rise 3% as mortgage rates ease"
    assert clean(f"{headline}\n\n{LEAD}\n\n{BODY}").title == headline


# --- h12/blind, opened after its figures were taken -----------------------------------------------------------

@pytest.mark.parametrize(("line", "reason"), [
    ("Skip to main contentSkip to navigation", "navigation"),  # two skip links run together
    ("Sign up to The Harbour Ledger's newsletters.", "newsletter"),  # the plural
    ("More to come . . .", "editor-note"),
    ("More to follow.", "editor-note"),
    ("This is a developing story.", "editor-note"),
    ("The City’s exporters gained as the pound slid against the dollar (Jane O’Neill/PA)", "image-caption"),
])
def test_more_of_the_pages_furniture_goes(line, reason):
    assert line_reason(line) == reason


@pytest.mark.parametrize("line", [
    "More to come for shareholders as profit rises, the chairman said.",
    "Support for the plan fell to 38% in the latest survey (Harbour/Ipsos)",  # a poll's credit: one word each side
    "Exporters gained as the pound slid. (Jane O’Neill/PA)",  # a sentence before it: not a bare caption
    "Developing story: Northwind Bank cuts its rate",
])
def test_story_lines_with_the_same_words_stay(line):
    assert line_reason(line) is None


def test_a_sign_up_forms_consent_run_into_a_paragraph_goes_and_the_paragraph_stays():
    paragraph = "Underlying earnings from its copper mines rose by $1.5 billion to $5 billion in the half."
    text = f"{LEAD}\n\nBy continuing you agree to our Terms and Privacy Policy.{paragraph}\n\n{BODY}"
    article = clean(text)
    assert paragraph in article.text and "By continuing" not in article.text
    assert reasons(text)["By continuing you agree to our Terms and Privacy Policy."] == "reader-notice"


def test_a_caption_given_twice_with_its_credit_cut_goes_even_as_two_sentences():
    caption = "Northwind Bank's president Mara Holt. The bank has cut its deposit rate twice this year."
    headline = "Northwind Bank cuts rates again as growth stays weak"
    text = (f"{caption} Photograph: Jane Roe/Agency\n{caption} Photograph: Jane Roe/Agency\n\n{headline}\n\n"
            f"{LEAD}\n\n{BODY}")
    article = clean(text)
    assert caption not in article.text
    assert article.title == headline
