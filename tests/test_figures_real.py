"""The number finder on shapes that real scraped pages carry (invented sentences, real shapes)."""

from __future__ import annotations

import pytest

from summarizer.figures import find_numbers

# (text, raw, value, unit, kind) of the first figure
REAL_SHAPES = [
    # a stray period between the number and its scale word
    ("Orvane said sales reached $4.2. billion in the year", "$4.2. billion", 4.2e9, "USD", "money"),
    # Indian units and grouping
    ("Tarun Mills plans a Rs 2,400-crore expansion", "Rs 2,400-crore", 2.4e10, "INR", "money"),
    ("foreign investors sold ₹65,000 crore of shares", "₹65,000 crore", 6.5e11, "INR", "money"),
    ("a Rs. 1.5 lakh crore package", "Rs. 1.5 lakh crore", 1.5e12, "INR", "money"),
    ("the lender added 1,10,100 accounts", "1,10,100 accounts", 110_100, "accounts", "count"),
    ("a fine of 10,00,000 rupees", "10,00,000 rupees", 1_000_000, "INR", "money"),
    ("a Rs 50 lakh grant", "Rs 50 lakh", 5e6, "INR", "money"),
    # amounts in cents and pence
    ("earned 37 cents a share", "37 cents", 0.37, "USD", "money"),
    ("Brellow shares closed at 418 pence", "418 pence", 4.18, "GBP", "price"),
]

NOT_FIGURES = [
    "as the agency reported.2 The board met",
    "the regulator said so,14 and then",
    "Call the desk on +44 20 7946 0321 for details",
    "reach her at +91-22-6612-3456 or by email",
    "Tel: 020 7946 0321",
    "phone 212-555-0147",
    "years ago",
]


@pytest.mark.parametrize(("text", "raw", "value", "unit", "kind"), REAL_SHAPES)
def test_real_shapes(text, raw, value, unit, kind):
    mention = find_numbers(text)[0]
    assert (mention.raw, mention.unit, mention.kind) == (raw, unit, kind)
    assert mention.value == pytest.approx(value)
    assert text[mention.start:mention.end] == raw


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_not_figures_on_real_pages(text):
    assert [m.raw for m in find_numbers(text)] == []


def test_a_sentence_ending_is_not_a_scale():
    """A period then a capitalised word ends the sentence: 'Billion' starts the next one."""
    assert [m.raw for m in find_numbers("It paid $4.2. Billions more were at stake.")] == ["$4.2"]


def test_footnote_mark_leaves_real_figures_alone():
    assert [m.raw for m in find_numbers("Sales rose 4.5%, the agency reported.2 Profit fell 3%.")] == ["4.5%", "3%"]


def test_rs_inside_a_word_is_not_rupees():
    assert {m.unit for m in find_numbers("Mrs 5 and hrs 24")} == {"count"}
