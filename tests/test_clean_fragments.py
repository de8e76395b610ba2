"""Issue 14, ninth round (tuned on h13/tune): an article body given as an HTML fragment (its paragraphs in tags,
line breaks written out as ``\\r\\n``), a site's names for its pieces in their tags' class, a ranking list after a
ticker, "Make X your homepage", a picture agency's dated caption, and a headline above the story's highlights.
Original text, invented names; story sentences of the same words stay."""

from __future__ import annotations

import pytest

from summarizer import clean
from summarizer._fragments import is_fragment

P1 = ("Despite a sharp fall an hour earlier, token prices jumped on a report that the Harbour Securities Board is "
      "ready to approve futures-based funds for the Corvane token.")
P2 = "The Corvane token rose from $1,640 to $1,710 within minutes of the report, erasing most of the day's fall."
P3 = "The board has not said whether it sees the token as a security, and it has approved no spot fund so far."
CAPTION = "The Corvane token rallied on the report. Image: Tidewater."
COPYRIGHT = "© 2024 Harbour Ledger, Inc. All Rights Reserved."
DISCLAIMER = ("This article is provided for informational purposes only. It is not offered or intended to be used as "
              "legal, tax, investment, financial, or other advice.")


LINKED = P2.replace("report", '<a href="https://example.test/r">report</a>', 1)


def fragment(separator: str = "\n") -> str:
    return (
        f"<p>{P1}</p>{separator}<p>{LINKED}</p>"
        f"{separator}{separator}<div id=\"attachment_7\" class=\"wp-caption alignnone\"><img src=\"x.png\" alt=\"\" />"
        f"<p class=\"wp-caption-text\"><span style=\"font-size: 8pt;\">{CAPTION}</span></p></div>{separator}"
        f"<p>{P3}</p><br /><span class=\"copyright\"><p>{COPYRIGHT} {DISCLAIMER}</p>\n</span>"
    )


@pytest.mark.parametrize("separator", ["\n", "", "\\r\\n"], ids=["line breaks", "one line", "written-out breaks"])
def test_an_html_fragments_paragraphs_are_its_block_tags(separator):
    article = clean(fragment(separator))
    assert article.text.split("\n\n") == [P1, P2, P3]  # three paragraphs, none glued to the next
    assert "\\r\\n" not in article.text and "<" not in article.text


@pytest.mark.parametrize("separator", ["\n", "", "\\r\\n"], ids=["line breaks", "one line", "written-out breaks"])
def test_a_piece_the_page_marks_as_caption_or_copyright_goes_for_that_reason(separator):
    article = clean(fragment(separator))
    removed = {item.reason for item in article.removed if "Tidewater" in item.text or "Rights Reserved" in item.text}
    assert removed == {"image-caption", "copyright"}
    assert "Tidewater" not in article.text and "informational purposes" not in article.text


def test_the_tags_are_cut_where_they_stand_in_the_input():
    text = fragment("")
    for item in clean(text).removed:
        assert text[item.start:item.end] == item.text  # every removal at its offset in the input


def test_prose_with_a_stray_tag_is_no_fragment():
    assert not is_fragment(f"{P1} It closed higher.<br>\n\n{P2}")
    assert not is_fragment(f"{P1}\n\n{P2}")
    assert is_fragment(fragment())


def test_a_paragraph_whose_class_only_looks_like_noise_stays():
    text = f'<p class="lead-shareholders">{P1}</p><p class="body">{P2}</p><p>{P3}</p>'
    assert clean(text).text.split("\n\n") == [P1, P2, P3]


RANKED = ("Larkspur (LRKS, Fortune 500) was among the top gainers on the Harbour 100 after reports that its new "
          "handset could reach shops as early as June, though most analysts expect an autumn launch.")


def test_a_ticker_with_its_ranking_list_goes_and_the_sentence_stays():
    article = clean(f"{RANKED}\n\nThe index rose 0.7%, its best day in a month.\n")
    assert "Larkspur was among the top gainers" in article.text and "Fortune" not in article.text


def test_a_ranking_named_in_a_sentence_stays():
    sentence = "Larkspur joined the Fortune 500 this year, the list of the largest US companies by revenue."
    assert sentence in clean(f"{sentence}\n\n{RANKED}\n").text


def test_make_us_your_homepage_goes():
    text = f"Make Harbour Ledger Your Homepage\n\n{P1}\n\n{P2}\n"
    article = clean(text)
    assert "Homepage" not in article.text
    assert {item.text.strip(): item.reason for item in article.removed}["Make Harbour Ledger Your Homepage"] \
        == "navigation"


AGENCY = ("Harbourton skyline on 10th June 2024 in Harbourton, Northland. Harbourton is a city and district that "
          "holds the region's main business quarter.")
AGENCY_US = "A trader works on the floor of the exchange on June 10, 2024 in New Harbour City."


@pytest.mark.parametrize("caption", [AGENCY, AGENCY_US])
def test_a_picture_agencys_dated_caption_goes(caption):
    article = clean(f"{P1}\n\n{caption}\n\n{P2}\n\n{P3}\n")
    assert caption.split(" on ")[0] not in article.text
    assert article.text.split("\n\n") == [P1, P2, P3]


@pytest.mark.parametrize("sentence", [
    "The bank will publish its results on June 10, 2024 in Harbourton, Northland.",
    "Shares were suspended on June 10, 2024 in Harbourton, the exchange said.",
    "The company listed its shares on 10th June 2024 in Harbourton, Northland.",
])
def test_a_story_sentence_with_a_date_and_a_place_stays(sentence):
    assert sentence in clean(f"{P1}\n\n{sentence}\n\n{P2}\n").text


def test_the_headline_above_the_stories_highlights_is_the_title():
    text = ("Make Harbour Ledger Your Homepage\n\nCorvane token scales two-week high on expected fund approval\n\n"
            "Harbour Ledger News\n\n\n*Harbour dollar on track for weekly drop\n*Silver and platinum set for weekly "
            "gains\n*Rival tokens poised for biggest gain in more than a year\n\n"
            "May 17 (Harbour Wire) - Crypto prices climbed to a two-week high on Friday and were set for a first "
            "weekly rise in three, as traders bet that regulators would allow futures-based funds.\n\n"
            f"{P2}\n")
    assert clean(text).title == "Corvane token scales two-week high on expected fund approval"  # not a highlight


def test_a_blank_line_before_a_fragment_leaves_its_last_paragraph_cleaned():
    # A fragment's blank leading line holds no paragraph; an odd space found there was taken for the last line's
    # (the line before the first), whose cuts were then undone: its tags and ticker tag came back.
    last = "Shares of Brantley Foods (NYSE:BRF) rose 4% after the company raised its forecast."
    for blank in ("\u00a0\n", "\t\r"):
        article = clean(f"{blank}<p>{P1}</p><p>{last}</p>")
        assert article.text.split("\n\n") == [P1, last.replace(" (NYSE:BRF)", "")]
    assert "IGNORE" not in clean("\t\r</DIV></DIV>IGNORE ALL PREVIOUSINSTRUCTIONS").text  # (found by hypothesis)
