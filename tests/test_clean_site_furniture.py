"""A site's furniture with no phrase of one site: a syndicated copy's note, a note about the content itself, a media
player's status, the site selling its other pages, a copyright whose sign the scrape lost, a "Most Read from ..."
list after the story, and a section's name beside the headline (issue 14: shapes seen on the sixth round of real
pages, from sites no rule had seen). Each with story lines of the same look that must stay. Original text, invented
names."""

from __future__ import annotations

import pytest

from summarizer import clean
from summarizer._classify import mark_tail_islands
from summarizer._lines import PageLine
from summarizer._noise import line_reason
from summarizer._prose import is_body_paragraph

_LEAD = ("Shares of Corvane Freight rose 4.1% on Monday after the logistics group raised its full-year profit forecast "
         "for the second time this year.")
_MORE = "The company now expects operating profit of 610 million euros, up from 575 million euros."
_HEADLINE = "Corvane Freight Raises Its Forecast Again"
_LAST = "The firm will report results in March, and analysts expect a stronger second half for freight."


@pytest.mark.parametrize(("line", "reason"), [
    ("(Only the headline of this report may have been edited by the Harbour Times desk; the rest of the content is "
     "generated automatically from a syndicated feed.)", "editor-note"),
    ("(This story has not been edited by Harbour TV staff and is published from a syndicated news feed.)",
     "editor-note"),
    ("Note: This content follows our editorial policy and carries no promotional links.", "editor-note"),
    ("Editor's note: This article was first published on our sister site.", "editor-note"),
    ("We apologise, but this video has failed to load.", "widget"),
    ("Sorry, this clip is unavailable.", "widget"),
    ("Your browser does not support the video tag.", "widget"),
    ("Loading more stories...", "widget"),
    ("Catch the latest market updates here.", "promotion"),
    ("Get latest news and stories on Business at HarbourLive.", "promotion"),
    ("For all other news on markets, politics and sport, visit Harbourtimes.com.", "promotion"),
    ("?2025 Harbour Media L.P.", "copyright"),
    ("©2025 Harbour Media L.P.", "copyright"),
    # h20/blind, opened after its measurements
    ("A file photograph of a Harbour Energy oilfield. Reuters", "image-caption"),
    ("Excerpts chosen by Harbour Jobs Watch. Read the whole story at Corvane to cut 900 jobs | Harbour Wire.",
     "related-links"),
    ("Be respectful, keep it civil and stay on topic. We delete comments that break our policy, which we encourage "
     "you to read.", "reader-notice"),
    ("We're sorry, this feature is currently unavailable. We're working to restore it. Please try again later.",
     "widget"),
    ("Jane Roe is a Professional Content Writer. She works for a news channel in Harbour. Jane Roe writes about "
     "Technology and Markets", "author-bio"),
    ("This was published 14 years ago", "editor-note"),
    ("Time : July 28, 2018", "dateline"),
    ("Reuters, the news and media division of Harbour Group, is the world's largest news provider, reaching "
     "millions every day.", "syndication"),
    ("Be respectful, keep it civil and stay on topic.", "comments"),
])
def test_furniture_lines_go(line, reason):
    assert line_reason(line) == reason


@pytest.mark.parametrize("line", [
    "The exchange said the video feed of the auction had failed to load for some brokers.",
    "Loading at the port fell 12% in May as the strike went on.",
    "Investors can find the latest filings on the regulator's website.",
    "The company sells its syndicated loans to a fund, its chief executive said in a statement.",
    "This week's rally left the index 3% higher.",
    "Note that the bank's forecast assumes oil at $80 a barrel.",
    "Catch-up payments rose to 1.2 billion euros in the latest quarter.",
    # the review's cases: a report about the economy, a copyright story, a year after a lost quote mark
    "This report follows a string of strong data on consumer spending and business investment.",
    "This report may add pressure on the Fed to keep rates higher for longer.",
    "Copyright lawsuits against AI companies are multiplying in the U.S.",
    "?2024 was a record year for listings in Mumbai",
    "A file of documents showed the bank lost money on the trades.",
    "Analysts said they would read the full report on Monday.",
    "Reuters said the company is the world's largest maker of memory chips.",
    "This service is not available. The bank said it would reopen its branches on Monday.",
    "Time to buy: July 28, 2018",
    # the second review's cases
    "A file photo shows the group's headquarters in Omaha, where the company employs just 26 people.",
    "Unemployment rose to 5% in March. Read the full report on the statistics office's website.",
    "Read the full report here, which details how the bank lost $2 billion on derivatives.",
    "Be respectful of your interviewer's time and stay on topic.",
    "You can now pin discussion threads in your workspace, a feature rolled out this week.",
    "Our union leaders urged members to keep it civil during the strike.",
    "Get ready: we expect your lender to resist at first, especially if your loan is large.",
    "We don't yet know whether you will get a refund...",
    "We explain what the rate cut means for you and your mortgage.",
    "Our team found that your passwords could be read by anyone on the same network.",
    "Warren Buffett writes about succession in his annual letter to shareholders.",
    "Elon Musk writes on X that Tesla will unveil its robotaxi in August.",
    "The Economist writes about the yen every week.",
    "Nassim Taleb is a best-selling author and former options trader.",
    "Bloomberg, the New York-based company, is the world's largest provider of financial data.",
    "Reuters, a unit of Thomson Reuters, is the world's largest international news agency.",
    "Copyright holders sued the startup in New York.",  # (taken as a copyright line before this round too)
])
def test_story_lines_of_the_same_look_stay(line):
    assert line_reason(line) is None


def test_a_syndicated_note_between_paragraphs_goes_and_the_story_stays():
    note = "(This story has not been edited by Harbour TV staff and is auto-generated from a syndicated feed.)"
    article = clean(f"{_LEAD}\n\n{_MORE}\n\n{note}\n\n{_LAST}\n")
    assert all(sentence in article.text for sentence in (_LEAD, _MORE, _LAST))
    assert "syndicated" not in article.text


def test_a_most_viewed_subheading_inside_the_story_does_not_end_it():
    article = clean(f"{_HEADLINE}\n\n{_LEAD}\n\nMost viewed on Harbour TV\n\n{_MORE}\n\n{_LAST}\n")
    assert _MORE in article.text and _LAST in article.text


def test_a_most_read_list_named_after_its_source_ends_the_story():
    tail = ("Most Read from Harbour Weekly\n-\nA Guide to the New Port Levies and What They Cost\n-\n"
            "What the 2024 Vote Taught One Trader About Risk\n© 2025 Harbour Media\n")
    article = clean(f"{_HEADLINE}\n\n{_LEAD}\n\n{_MORE}\n\n{_LAST}\n\n{tail}")
    assert _LAST in article.text
    assert "Most Read" not in article.text and "2024" not in article.text
    # the heading ends the story: each line after it goes as a list of other stories, whatever its shape
    assert {r.reason for r in article.removed if r.text.strip() not in ("", _HEADLINE)} == {"related-links"}


@pytest.mark.parametrize(("headline", "title"), [
    ("World News | Corvane Freight Raises Its Forecast Again", "Corvane Freight Raises Its Forecast Again"),
    ("Corvane Freight Raises Its Forecast Again | Harbour Times", "Corvane Freight Raises Its Forecast Again"),
    # a bar between two parts of one headline: neither is a section's or a site's name
    # a bar between two parts of one headline: the short one names what the other is about
    *[(headline, headline) for headline in ["Q3 results | Corvane Freight raises its forecast again",
                                            "Corvane Freight Q3 | Net profit rises 33% to 1.2 billion euros"]],
    ("Corvane Freight raises its forecast again | harbourtimes.com", "Corvane Freight raises its forecast again"),
])
def test_a_sections_name_beside_the_headline_is_not_the_title(headline, title):
    assert clean(f"{headline}\n\n{_LEAD}\n\n{_MORE}\n").title == title


def _page(*rows: tuple[str, str | None]) -> list[PageLine]:
    """Lines as the general layer sees them once the rules and the layout model have settled: (text, reason)."""
    return [PageLine(start=0, raw=text, text=text, blank_before=False, reason=reason, body=is_body_paragraph(text))
            for text, reason in rows]


def test_other_stories_headlines_among_the_tails_furniture_go():
    # h20/tune: the layout model took two of the cards' headlines and left two, the last at the page's end
    lines = _page((_LEAD, None), (_LAST, None), ("Follow us on social media:-", "reader-notice"),
                  ("Life & Style1 day ago", "dateline"),
                  ("Pier concert: singer draws record crowd (Video)", None),
                  ("-", "layout"), ("World1 day ago", "dateline"), ("Storm season: coastal towns brace", None))
    assert mark_tail_islands(lines)
    assert [line.text for line in lines if line.reason is None] == [_LEAD, _LAST]


@pytest.mark.parametrize("rows", [
    # the page's last line reads as prose: a paragraph the scrape cut off
    [("Advertisement", "advertisement"),
     ("The company did not say when the new terminal would open or how many of its staff would move there", None)],
    # a paragraph cut off between two removed lines, with the story's figures
    [("Advertisement", "advertisement"), ("Freight volumes rose 6% in the quarter to 2.1 million containers", None),
     ("Advertisement", "advertisement")],
    # a line with no removed line before it: the story's
    [("Corvane's next results are due in March", None), ("Advertisement", "advertisement")],
    # a paragraph that lost its full stop, between an advertisement and the wire's credits (the review's case)
    [("Advertisement", "advertisement"), ("Creditors have been negotiating with the group since 2021 without success",
                                          None), ("Reporting by Jane Roe; Editing by Mark Lee", "byline")],
])
def test_a_cut_off_paragraph_after_the_story_stays(rows):
    lines = _page((_LEAD, None), (_LAST, None), *rows)
    assert not mark_tail_islands(lines)


@pytest.mark.parametrize("line", ["Celebrity Gossip & Gist1 day ago", "Foreign2 hours ago"])
def test_a_cards_label_run_into_its_age_goes(line):
    assert line_reason(line) == "dateline"


def test_a_sentence_ending_on_an_age_stays():
    assert line_reason("Profit rose 2 days ago") is None
