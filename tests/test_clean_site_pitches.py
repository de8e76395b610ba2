"""Issue 14, ninth round, third part (tuned on h14/blind once its unseen figures were taken): the site selling to
its reader inside the story, an author's bio in one paragraph, an update note with its time, a video link with a
quoted headline, a comment form, captions a machine or a photo library wrote, a photographer's credit in brackets,
a wire's codes for rates and its topic slug. Original text, invented names; story sentences of the same words
stay."""

from __future__ import annotations

import pytest

from summarizer import clean

LEAD = ("Harbour Cloud agreed to buy $300 billion of computing power from Corvane over about five years, one of the "
        "largest cloud contracts ever signed, people familiar with the matter said.")
BODY = ("The contract would start in 2027, and Corvane shares rose 4% in early trade after the report, their best "
        "day in a month.")


def kept(*lines: str) -> str:
    return clean("\n\n".join([LEAD, *lines, BODY]) + "\n").text


@pytest.mark.parametrize("pitch", [
    "Register for Harbour Mini-MBA edition 19 (Feb 9 – May 2, 2026): big discounts for early bird.",
    "Harbour AI in Business Masterclass opens registrations.",
    "Join Harbour Capital Syndicate and co-invest in great global startups.",
    "Are you looking for signals from pro-traders? Sign-up to Harbour Signals for FREE. Takes 2 mins.",
    "If you are looking for the best exchange rates, click the link below to send us an enquiry.",
    "With Harbour 7, you can watch Harbour News for free, anywhere, at any time.",
    "With our News Headlines email, you can receive the best local stories every morning.",
])
def test_the_site_selling_to_its_reader_goes(pitch):
    assert kept(pitch) == f"{LEAD}\n\n{BODY}"


@pytest.mark.parametrize("sentence", [
    "Harbour Cloud will register the shares for free trading in Singapore next year, the filing said.",
    "Investors who join the offer get a discount of 5% on the share price, the company said.",
    "With rates this high, you can get more than 5% on savings, the bank's economist said.",
])
def test_story_sentences_with_a_pitchs_words_stay(sentence):
    assert sentence in kept(sentence)


def test_a_call_to_get_in_touch_after_the_last_sentence_goes():
    text = kept("So the euro is likely to struggle, and if you need to buy euros you may want to weigh your options. "
                "Contact us today to discuss this.")
    assert "Contact us" not in text and "weigh your options." in text


def test_an_authors_bio_in_one_paragraph_goes():
    bio = ("Jane Roe joined Harbour Ledger as a news reporter in April 2022. Before joining Harbour Ledger, Roe was "
           "the chief reporter at Coin Tidings for three years. Having graduated with a journalism degree, she "
           "covered markets in London. She does not have any crypto holdings.")
    assert kept(bio) == f"{LEAD}\n\n{BODY}"


def test_an_update_note_with_its_time_goes():
    assert kept("UPDATE (Jan. 11, 14:29 UTC): Adds context throughout.") == f"{LEAD}\n\n{BODY}"
    assert kept("This is breaking news. Please check back for updates.") == f"{LEAD}\n\n{BODY}"


def test_a_video_link_with_a_quoted_headline_goes():
    link = "WATCH: ‘We’re expecting Corvane to guide below the street for Q2,’ says an analyst at Tidewater"
    assert kept(link) == f"{LEAD}\n\n{BODY}"


def test_a_comment_forms_notice_goes():
    text = clean(f"{LEAD}\n\n{BODY}\n\nLeave a Reply\n\nYour email address will not be published. Required fields "
                 "are marked *\n").text
    assert text == f"{LEAD}\n\n{BODY}"


@pytest.mark.parametrize("caption", [
    "In this image we can see the information board, buildings, trees, electric cables and sky with clouds.",
    "Investing and stock market concept gain and profits with faded candlestick charts.",
    "The Harbour Bank logo is seen in Tidewater on Tuesday, April 2. Harbour Bank reported a profit of $3.23 a "
    "share for the quarter. (Jane Roe/The Harbour Press)",
])
def test_captions_a_machine_or_a_photo_library_wrote_go(caption):
    assert kept(caption) == f"{LEAD}\n\n{BODY}"


def test_a_photographers_credit_on_its_own_line_takes_its_caption_along():
    caption = ("The Harbour Bank logo is seen in Tidewater on Tuesday, April 2. Harbour Bank reported a profit of "
               "$3.23 a share for the quarter.")
    assert kept(caption, "(Jane Roe/The Harbour Press)") == f"{LEAD}\n\n{BODY}"


def test_a_concept_in_a_story_sentence_stays():
    sentence = "Corvane said the concept store in Tidewater lifted sales 12% in its first quarter."
    assert sentence in kept(sentence)


def test_a_wires_codes_for_rates_and_its_topic_slug_go():
    lead = ("HARBOUR RATE - TIDEWATER. Northland's central bank held interest rates unchanged on Wednesday, as "
            "expected, saying the benchmark level kept inflation in check.")
    text = clean(f"{lead}\n\nThe bank kept its 7-day repo rate NTHRR=ECI at 6.25%, while the currency NTD= "
                 "slipped 0.2%.\n").text
    assert text.startswith("Northland's central bank held interest rates unchanged")
    assert "The bank kept its 7-day repo rate at 6.25%, while the currency slipped 0.2%." in text
    assert "a ratio of x=2 in the model" in clean(f"{LEAD}\n\nAnalysts used a ratio of x=2 in the model.\n").text


# Tuned on h15/tune (h15/blind measured unseen).
def test_skip_links_with_marks_and_a_long_you_are_here_breadcrumb_go():
    text = clean("Skip to content. | Skip to navigation\n\nYou are here: Home Breaking news Corvane shares soar after "
                 "$3.4 billion bid by Harbour\n\nCorvane shares soar after $3.4 billion bid by Harbour\n\n"
                 f"{LEAD}\n\n{BODY}\n")
    assert text.title == "Corvane shares soar after $3.4 billion bid by Harbour"
    assert text.text == f"{LEAD}\n\n{BODY}"


@pytest.mark.parametrize("caption", [
    "Above: Taking a heart reading with the Corvane Watch.",
    "The Harbour index screen at the exchange's market centre in Tidewater is photographed on November 11, 2022. "
    "THE HARBOUR PRESS/ Jane Roe",
])
def test_a_labelled_caption_and_one_with_an_agency_credit_in_capitals_go(caption):
    assert kept(caption) == f"{LEAD}\n\n{BODY}"


def test_a_sections_tag_in_brackets_before_the_lead_goes():
    assert clean(f"[THE MARKETS] {LEAD}\n\n{BODY}\n").text == f"{LEAD}\n\n{BODY}"


# Tuned on h15/blind, after its unseen figures were taken.
def test_an_affiliate_sites_disclosure_goes():
    disclosure = ("Harbour Ledger is supported by its audience. When you purchase through links on our site, we may "
                  "earn an affiliate commission. Learn more.")
    assert kept(disclosure) == f"{LEAD}\n\n{BODY}"
    story = "Corvane said its sales staff earn a commission of 2% on each contract, the filing showed."
    assert story in kept(story)


def test_a_photographers_credit_with_a_bar_is_no_title():
    article = clean("Jane Roe | Reuters\nTraders work on the floor of the Harbour Stock Exchange.\nCorvane shares "
                    "dropped as much as 8% in extended trading Tuesday after better-than-expected first-quarter "
                    "earnings and weak guidance. It earned 76 cents a share, beating estimates of 57 cents.\n")
    assert article.title != "Jane Roe | Reuters" and "Jane Roe" not in article.text


def test_a_wires_end_mark_with_its_copyright_and_a_dated_byline_go():
    article = clean(f"by Reuters July 28, 2024\n\n{LEAD}\n\n{BODY} END [Copyright The Harbour Press, Ltd.]\n")
    assert article.text == f"{LEAD}\n\n{BODY}"
