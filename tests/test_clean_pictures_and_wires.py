"""Issue 14, seventh round: a lead picture's caption written as a sentence, a wire's name left before
the lead, a reporter's e-mail after a paragraph, a copy's "This article is from" note, a teaser whose quotes differ
from the body's, and headlines a page repeats or ends with "!". Original text, invented names; story sentences of
the same words stay."""

from __future__ import annotations

import pytest

from summarizer import clean
from summarizer._captions import picture_sentence
from summarizer._noise import line_reason

LEAD = ("ROTTERDAM -- Harbour Freight cut its full-year profit forecast on Tuesday, blaming weaker shipping rates, "
        "and its shares fell 8% in early trading.")
BODY = ("The company now expects operating profit of 410 million euros, down from an earlier range of 450 million "
        "to 480 million euros.\n\n"
        "Chief executive Lena Vos said volumes in Asia had held up better than expected in the third quarter.\n")


def reasons(text: str) -> dict[str, str]:
    return {item.text.strip(): item.reason for item in clean(text).removed}


def test_the_lead_pictures_caption_before_the_dateline_goes():
    caption = "A worker walks past containers at a port terminal in Rotterdam on March 4."
    article = clean(f"Harbour Freight shares slide after guidance cut\n\n{caption}\n\n{LEAD}\n\n{BODY}")
    assert caption not in article.text
    assert reasons(f"Harbour Freight shares slide after guidance cut\n\n{caption}\n\n{LEAD}\n\n{BODY}")[caption] \
        == "image-caption"
    assert LEAD in article.text and "Lena Vos said" in article.text


def test_a_caption_given_twice_goes_with_its_copy():
    caption = "A trader watches screens on the floor of the exchange in Seoul as he holds a phone."
    text = (f"Chip stocks close higher\n\n{caption}\n\n{caption}\n\nPublished Mar 3, 2024\n\n"
            "Seoul - South Korea's benchmark index rose 1.2 percent on Monday, led by chipmakers after strong "
            "export data, while the won weakened against the dollar.\n\n" + BODY)
    article = clean(text)
    assert caption not in article.text
    assert "benchmark index rose 1.2 percent" in article.text


def test_a_caption_before_a_credit_cut_from_the_next_line_goes():
    caption = "A trader using a laptop while sitting in a dark room."
    text = (f"Exchange halts withdrawals after hack\n\n{caption}\n"
            "(Image credit: Example Photos) Dorvex, a mid-sized crypto exchange, said it had paused withdrawals "
            "after users reported missing funds on Sunday evening.\n\n" + BODY)
    article = clean(text)
    assert caption not in article.text
    assert "Dorvex, a mid-sized crypto exchange, said it had paused withdrawals" in article.text


@pytest.mark.parametrize("sentence", [
    "A man looks at his watch as he passes an electronic board displaying currency rates in Tokyo.",
    "An electronic board flashes the yen-dollar rate outside a brokerage on April 7.",
    "Hacker using a phone while wearing a ski mask.",
    "Visitors are seen at the headquarters of the central bank in Tokyo.",
])
def test_a_caption_language_sentence_is_told(sentence):
    assert picture_sentence(sentence)


@pytest.mark.parametrize("sentence", [
    "The company shows no sign of slowing down, its chief executive said on Tuesday.",  # someone said it
    "The board flashes a warning as shares fell 8% to 412 pence.",  # a figure and a past tense
    "A worker walks past containers. The port reopened on Monday.",  # two sentences
    "Profit is expected to fall for a third quarter as the stronger yen weighs on exporters.",  # no picture
])
def test_a_story_sentence_is_no_caption(sentence):
    assert not picture_sentence(sentence)


def test_a_dateline_paragraph_after_a_story_paragraph_does_not_make_a_caption():
    """Only before the story's first dateline: a sentence of the story that happens to describe a scene stays."""
    scene = "A lone trader watches the screens as he holds a phone to each ear."
    text = (f"Harbour Freight shares slide after guidance cut\n\n{LEAD}\n\n{scene}\n\n"
            "LONDON -- Shares in rival Corvane Shipping also fell, by 3%, as analysts cut their forecasts.\n\n" + BODY)
    assert scene in clean(text).text


def test_a_wires_name_before_the_lead_goes_and_the_lead_stays():
    text = ("(Reuters) – Inflows into the nine listed bitcoin funds resumed this week after the token's price "
            "bounced back from its dip.\n\n" + BODY)
    article = clean(text)
    assert article.text.startswith("Inflows into the nine listed bitcoin funds resumed")
    assert reasons(text)["(Reuters) –"] == "dateline"


def test_a_wire_named_inside_a_sentence_stays():
    text = ("Harbour Freight said (Reuters) – the agency – had reported the cut first.\n\n"
            "(Reuters) said the forecast was cut.\n\n" + BODY)
    article = clean(text)
    assert "Harbour Freight said (Reuters) – the agency – had reported the cut first." in article.text
    assert "(Reuters) said the forecast was cut." in article.text


def test_a_reporters_email_after_the_last_sentence_goes():
    paragraph = "Silver miners led the gainers as the metal rose 4.8% after weak factory data."
    article = clean(f"{LEAD}\n\n{paragraph} (jane.roe@example-news.com)\n\n{BODY}")
    assert f"{paragraph}\n" in article.text + "\n" and "@" not in article.text
    kept = clean(f"{LEAD}\n\nWrite to the desk (desk@example-news.com) with tips, the editor said.\n\n{BODY}")
    assert "desk@example-news.com" in kept.text  # an address inside a sentence is the sentence's


@pytest.mark.parametrize("line", [
    "This article is from the Harbour Ledger website. © Harbour Ledger Media, Harbour Ledger is not responsible for "
    "the content of external internet sites.",
    "This story was reproduced from the Corvane Daily website.",
])
def test_a_copys_note_goes(line):
    assert line_reason(line) == "syndication"


@pytest.mark.parametrize("line", [
    "This figure comes from the Harbour Ledger website. Analysts disputed it.",
    "The figures in this story are from the company's website. They show a loss.",
])
def test_a_sentence_about_a_website_stays(line):
    assert line_reason(line) is None


def test_a_teaser_cut_with_dots_goes_when_only_its_quotes_differ():
    teaser = "With markets unaffected by the chair's remarks and still betting on a cut in June, the index..."
    body_copy = ("With markets unaffected by the chair’s remarks and still betting on a cut in June, the index held "
                 "above 49,000 as the central bank kept rates unchanged.")
    text = (f"No Rate Cuts Until the Chair Leaves, the Index Holds Firm!\n\n{teaser}\n\n"
            "Markets Steady as the Bank Stays Put\n\nQuick overview\n\n"
            "  • The index stayed above 49,000 as the central bank kept rates unchanged.\n"
            "  • Investors still expect a cut in June.\n\n"
            f"{body_copy}\n\nThe decision was widely expected and did not move markets much, traders said.\n")
    article = clean(text)
    assert teaser not in article.text and body_copy in article.text


def test_a_headline_given_twice_is_the_title_not_the_standfirst_below_it():
    headline = "Why Is the Dorvex Token Falling? Liquidations Top $93M"
    standfirst = "The token has failed to recover as it struggles to reclaim the $4 mark with liquidations growing"
    text = (f"News\n\n{headline}\n\n{standfirst}\nPublished by\n{headline}\n\n"
            "The price of the Dorvex token is under heavy pressure, a trend that is dragging other tokens to new "
            "lows, and liquidations have passed $93 million.\n\n" + BODY)
    assert clean(text).title == headline


def test_a_headline_that_exclaims_in_title_case_is_the_title():
    headline = "No Rate Cuts Until the Chair Leaves, Dow Holds the Uptrend Firm!"
    text = f"{headline}\n\n{LEAD}\n\n{BODY}"
    assert clean(text).title == headline
    assert clean(f"Sign up now!\n\n{LEAD}\n\n{BODY}").title is None  # a call, not a headline


WIRE_LEAD_1 = "NEW YORK (AP) — Positive surprises are dominating company results so far this quarter."
WIRE_LEAD_2 = ("Profit has topped estimates at 79 percent of the 96 companies in the index that have reported, the "
               "most since at least 1993, data from the exchange show.")
WIRE_REST = ("Machine makers and chip designers are among the companies beating forecasts as the "
             "economy recovers from a long slump.\n\n"
             "Dorvex Machines posted a 53 percent fall in profit to $404 million, or 64 cents a share, the company "
             "said on Tuesday.\n")


def test_a_lead_given_as_one_block_then_as_the_story_keeps_the_story():
    """The page ran the lead's two paragraphs together as a summary, then gave the story: the second dateline is the
    same story, not the next one, and the block is a copy."""
    text = (f"Stronger results surprise markets\n\n{WIRE_LEAD_1}{WIRE_LEAD_2}\n\n{WIRE_LEAD_1}\n\n{WIRE_LEAD_2}\n\n"
            f"{WIRE_REST}")
    article = clean(text)
    assert article.text.count("Positive surprises are dominating") == 1
    assert "Dorvex Machines posted a 53 percent fall in profit" in article.text
    assert "Machine makers" in article.text


def test_a_shorter_lead_before_the_same_dateline_does_not_end_the_story():
    summary = WIRE_LEAD_1.replace(" so far this quarter.", " so far this quarter, with profit beating estimates.")
    text = f"Stronger results surprise markets\n\n{summary}\n\n{WIRE_LEAD_1}\n\n{WIRE_LEAD_2}\n\n{WIRE_REST}"
    assert "Dorvex Machines posted a 53 percent fall in profit" in clean(text).text


def test_another_storys_dateline_still_ends_the_story():
    text = (f"Stronger results surprise markets\n\n{WIRE_LEAD_1}\n\n{WIRE_LEAD_2}\n\n{WIRE_REST}\n"
            "BERLIN (AP) — Germany's factory orders fell for a third month in October, the statistics office said.\n")
    assert "factory orders" not in clean(text).text


def test_a_headline_above_a_picture_with_only_a_credit_is_the_title():
    headline = "Strong results lift European shares"
    text = (f"{headline}\n\nPicture: Jane Roe\n\nPicture: Jane Roe\n\nPublished Apr 26, 2016\n\nShare\n\n"
            "London - European shares rose on Tuesday after encouraging company results, with a paper maker climbing "
            "after better-than-expected quarterly profit while an oil major also rose.\n\n"
            "The pan-European index, which closed 0.6 percent lower in the previous session, was up 0.5 percent in "
            "early dealings.\n\nThe company now expects operating profit of 410 million euros, down from an earlier "
            "range.\n\nREUTERS\n\nRelated Topics:\n")
    assert clean(text).title == headline


def test_other_stories_headlines_in_a_row_above_the_story_go():
    row = ("Airline makes forced landing after engine warning light  • Feature: Phone shopping set to boom in "
           "Vietnam this year  • Fans scramble for the last major batch of match tickets  • Oil output in Russia "
           "passes Saudi Arabia in May  ")
    article = clean(f"Off the wire\n{row}\nTokyo shares close lower on rising yen\n\n{LEAD}\n\n{BODY}")
    assert "Fans scramble" not in article.text
    assert LEAD in article.text


def test_a_byline_split_by_dots_is_no_row_of_headlines():
    byline = "By Kenji Mori · Markets desk · Tokyo bureau"
    removed = reasons(f"Tokyo shares close lower on rising yen\n\n{byline}\n\n{LEAD}\n\n{BODY}")
    assert removed.get(byline) != "general-related-links"


@pytest.mark.parametrize("mark", ["Enditem", "(END)"])
def test_a_wires_end_mark_after_the_last_sentence_goes(mark):
    last = "The day's turnover was about 2,428.9 billion yen (around 22.95 billion dollars)."
    article = clean(f"{LEAD}\n\n{BODY}\n{last} {mark}\n")
    assert article.text.rstrip().endswith(last)


def test_article_sources_end_the_story():
    text = (f"{LEAD}\n\n{BODY}\nArticle Sources\nHarbour Ledger requires writers to use primary sources to support "
            "their work, including filings and interviews with the company's managers.\n")
    article = clean(text)
    assert "primary sources" not in article.text and "Lena Vos said" in article.text
