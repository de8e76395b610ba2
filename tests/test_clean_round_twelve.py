"""Issue 14, tenth round (tuned on h16/tune only): a wire's version tag before its headline, an image's alt text
between the headline and the story.
Original text, invented names; story lines of the same shape stay."""

from __future__ import annotations

import pytest

from summarizer import clean

BODY = ("Corvane Energy said on Wednesday it swung to a third-quarter profit of 187.7 billion won on strong demand "
        "for its batteries, reversing a loss a year earlier.\n\n"
        "Sales rose 89.9 percent to 7.64 trillion won, the company said in a regulatory filing, while analysts had "
        "expected a profit of 324.2 billion won.\n")


@pytest.mark.parametrize(("headline", "title"), [
    ("(LEAD) Corvane Energy swings to profit in Q3 on battery demand",
     "Corvane Energy swings to profit in Q3 on battery demand"),
    ("(2nd LD) Corvane Energy swings to profit in Q3 on battery demand",
     "Corvane Energy swings to profit in Q3 on battery demand"),
    ("(LEAD)(ATTN: ADDS details) Corvane Energy swings to profit in Q3",
     "Corvane Energy swings to profit in Q3"),
    ("UPDATE 2-Corvane Energy swings to profit in Q3 on battery demand",
     "Corvane Energy swings to profit in Q3 on battery demand"),
])
def test_a_wires_version_tag_is_not_part_of_the_title(headline, title):
    assert clean(f"{headline}\n\n{BODY}").title == title


@pytest.mark.parametrize("headline", [
    "(Almost) Every Battery Maker Swings to Profit in the Third Quarter",  # brackets of the headline's own
    "Update on Corvane Energy: Profit Returns as Battery Demand Grows",
])
def test_a_headline_that_opens_with_its_own_brackets_or_words_keeps_them(headline):
    assert clean(f"{headline}\n\n{BODY}").title == headline


def test_an_images_alt_text_under_the_headline_goes():
    alt = "business people have a meeting about company statistics"
    cleaned = clean(f"Corvane founder questions how tokens are listed\n\n{alt}\n\n{BODY}")
    assert alt not in cleaned.text
    assert cleaned.title == "Corvane founder questions how tokens are listed"


def test_a_lower_case_line_under_the_headline_with_a_figure_stays():
    line = "corvane shares rose 3% in early trade"  # (a figure: a standfirst, not a picture's description)
    assert line in clean(f"Corvane founder questions how tokens are listed\n\n{line}\n\n{BODY}").text
