"""Issue 14, twelfth round (tuned on h18/tune only): a pager's link to the previous story run into its headline, a
picture described by a machine in the first person, an author's note whose name was a link, a "Hot this week"
list of other stories, and a wire's credit after the headline. Original text, invented names; story lines of the
same shape stay."""

from __future__ import annotations

import pytest

from summarizer import clean

HEADLINE = "Harbour Bank holds its main rate at 27%"
LEAD = ("The Harbour Bank kept its policy rate at 27 percent on Monday, saying inflation had eased less than it "
        "expected over the summer.\n\n"
        "Governor Ama Mensah told reporters that the bank would keep a close watch on the currency, which has lost "
        "ground against the dollar in recent weeks.\n\n")
END = "The bank's next rate meeting is due in late November, when it will publish new forecasts.\n"


@pytest.mark.parametrize("line", [
    "Previous ArticleHarbour: Papers focus on the bank's decision to hold at 27%",
    "Next Article: Cedar Mining agrees terms with its lenders",
    "Previous Post",
])
def test_a_pagers_link_to_another_story_goes(line):
    cleaned = clean(f"{HEADLINE}\n\n{LEAD}{END}{line}\n")
    assert line not in cleaned.text and END.strip() in cleaned.text


def test_a_story_sentence_about_a_previous_article_stays():
    sentence = "Previous articles in the bank's own bulletin had warned that the currency could weaken further."
    assert sentence in clean(f"{HEADLINE}\n\n{LEAD}{sentence}\n\n{END}").text


def test_a_picture_described_in_the_first_person_goes():
    alt = "In the picture I can see a stack of coins and there is a bank note on the table."
    cleaned = clean(f"{HEADLINE}\n\n{alt}\n{alt}\n\n{LEAD}{END}")
    assert "I can see" not in cleaned.text and cleaned.title == HEADLINE


def test_an_authors_note_whose_name_was_a_link_goes():
    note = ("Is the CEO/Founder of Harbour Markets Daily. A currency research analyst and a published author "
            "on several finance sites. He has over two decades of experience in markets.")
    cleaned = clean(f"{HEADLINE}\n\n{LEAD}{END}\n{note}\n")
    assert "published author" not in cleaned.text and END.strip() in cleaned.text


def test_a_question_in_the_story_that_opens_with_is_stays():
    question = "Is the bank's pause the end of its tightening, or only a break before more increases next year?"
    assert question in clean(f"{HEADLINE}\n\n{LEAD}{question}\n\n{END}").text


def test_a_hot_this_week_list_of_other_stories_goes():
    tail = ("Hot this week\n\nWhat is a mortgage offset account?\n\nAn offset account links your savings to...\n\n"
            "Is it worth buying life cover over 60?\n\nIs it worth buying life cover over 60? As...\n")
    cleaned = clean(f"{HEADLINE}\n\n{LEAD}{END}\n{tail}")
    assert "over 60" not in cleaned.text and "offset" not in cleaned.text and END.strip() in cleaned.text


@pytest.mark.parametrize("after", ["By Reuters", "By Bloomberg", "By AFP", "(UPDATE 1)", "(LEAD)"])
def test_a_wires_credit_or_tag_after_the_headline_is_not_the_title(after):
    cleaned = clean(f"{HEADLINE} {after}\n\n{LEAD}{END}")
    assert cleaned.title == HEADLINE


def test_a_headline_that_ends_on_by_and_a_name_keeps_it():
    headline = "Harbour shares rally after bid by Apex"
    assert clean(f"{headline}\n\n{LEAD}{END}").title == headline


def test_a_breadcrumb_ending_with_the_headline_goes_and_the_headline_is_the_title():
    crumb = f"Home » Economy, Europe » {HEADLINE}"
    cleaned = clean(f"{crumb}\n\n{HEADLINE}\n\n{LEAD}{END}")
    assert cleaned.title == HEADLINE and "Home »" not in cleaned.text and HEADLINE not in cleaned.text


def test_a_paragraph_with_a_video_address_pasted_in_stays_without_it():
    """A scrape ran the whole story into one paragraph, a video's address in the middle: it all went as a footer."""
    sentences = ["Harbour Exchange shares debuted on Friday and traded $3.80 above the offer price.",
                 "It is the exchange's second attempt to list its own stock.", "The first ended within a second.",
                 "https://video.example.com/watch?v=a1B2c3", "Whatever the fault was, it took four years to fix.",
                 "Traders watch the opening print closely.", "Several outlets reported a different opening price.",
                 "The stock then swung around its first print."]
    cleaned = clean(f"{HEADLINE}\n\n{' '.join(sentences)}\nComments\n")
    assert "https://" not in cleaned.text
    for sentence in sentences[:3] + sentences[4:]:
        assert sentence in cleaned.text


@pytest.mark.parametrize("heading", ["Author", "About the author", "About the writer:"])
def test_an_author_box_after_the_story_goes_with_its_note_in_the_third_person(heading):
    """Seen on h17/blind: "Author", the name twice, the outlet, then "Name has nearly 15 years of experience in
    tracking financial markets." (a story's sentence about an executive has that shape, so the box's heading says
    what follows)."""
    box = (f"{heading}\n\nKofi Mensah\n\nHarbour Wire\n\nKofi Mensah has nearly 15 years of experience in tracking "
           "financial markets. With a keen interest in central banks, he follows the news as it breaks.\n")
    cleaned = clean(f"{HEADLINE}\n\n{LEAD}{END}\n{box}")
    assert "15 years" not in cleaned.text and END.strip() in cleaned.text


def test_a_story_sentence_about_an_executives_experience_stays():
    sentence = "Kofi Mensah has nearly 15 years of experience in central banking and led the bank's bond desk."
    assert sentence in clean(f"{HEADLINE}\n\n{LEAD}{sentence}\n\n{END}").text


def test_the_reporters_and_site_credited_at_a_sentences_end_go_and_the_sentence_stays():
    lead = ("Harbour Bank and Kessel Trust have agreed terms of a merger that will create the region's largest "
            "lender, write Ama Mensah and Kofi Boateng on harbourwire.co.uk.")
    text = clean(f"{HEADLINE}\n\n{lead}\n\n{LEAD}{END}").text
    assert "merger that will create the region's largest lender.\n" in text and "harbourwire" not in text


def test_a_story_clause_about_what_someone_writes_stays():
    sentence = ("The chairman said the board would review the offer, writes Ama Mensah, the bank's secretary, in a "
                "letter.")
    assert sentence in clean(f"{HEADLINE}\n\n{LEAD}{sentence}\n\n{END}").text
