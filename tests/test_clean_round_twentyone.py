"""Issue 14, twenty-first round (what h26 showed once opened): a "Related" heading whose headlines the scrape lost,
with the story going on after it; the headline given twice at the top; a title-case question with emoji after it;
a page's loading message; one sentence given twice in a row; "Read more about ..." on its own line; a name's
abbreviation whose initials skip a small word; exchange tags in square brackets and a listing's number after a
company's name. Original text, invented names; story lines of the same shape stay."""

from __future__ import annotations

import pytest

from summarizer import clean

HEADLINE = "Tarnby Systems and Velora Soft: what the weak March quarter says"
LEAD = ("The first week of results brought numbers from three software exporters, and all of them left investors "
        "wanting more.\n\n")
GOES_ON = ("Software earnings have stayed weak on revenue growth and margins as clients held back spending. Despite "
           "meeting forecasts in the quarter, the group missed on guidance.\n\n"
           "Brokers have cut their target multiples after the results, with downgrades for some names. Upgrades "
           "have stayed rare.\n\n")
END = "Tarnby Systems shares fell 2.4% on Thursday.\n"


def cleaned(text: str) -> tuple[str, str | None, dict[str, str]]:
    article = clean(text)
    return article.text, article.title, {removed.text.strip(): removed.reason for removed in article.removed}


def test_a_related_heading_without_headlines_then_paragraphs_of_several_sentences_does_not_end_the_story():
    text, _, removed = cleaned(f"{HEADLINE}\n\n{LEAD}Related Articles\n\n{GOES_ON}{END}")
    assert "Software earnings have stayed weak" in text and "Upgrades have stayed rare." in text and END.strip() in text
    assert removed["Related Articles"] == "related-links"


def test_a_related_heading_then_one_sentence_teasers_still_ends_the_story():
    teasers = ("Orbel Bank shares hit a record high as lending picks up.\n\n"
               "Kestra Foods names a new chief executive after a year of losses.\n\n")
    text, _, _ = cleaned(f"{HEADLINE}\n\n{LEAD}{GOES_ON}{END}\nRelated Articles\n\n{teasers}")
    assert "Orbel Bank" not in text and "Kestra Foods" not in text


def test_the_headline_given_twice_at_the_top_is_the_title():
    picture = "https://img.example.com/news/2025-04/whatsapp-image-2025-04-17-at-8.39.51-am.jpeg\nMaren Elin Holt\n"
    lead = ("The first week of results brought numbers from three software exporters including Tarnby Systems, Velora "
            "and Orbel, and all of them left investors wanting more. Orbel closed the week on Thursday, ahead of a "
            "market holiday on Friday.\n")
    text, title, _ = cleaned(f"{HEADLINE}\n{HEADLINE}\n{picture}{lead}")
    assert title == HEADLINE
    assert text == lead.strip()


def test_a_caption_given_twice_is_still_a_caption():
    caption = "Tarnby Systems offices in Lund"
    text, _, _ = cleaned(f"{HEADLINE}\n\n{LEAD}{caption}\n{caption}\n\n{GOES_ON}{END}")
    assert caption not in text


def test_a_title_case_question_with_emoji_after_it_is_the_title():
    headline = "Software Stocks Are Back, But Are We Cheering or Bracing? 🤔💸"
    text, title, _ = cleaned(f"{headline}\n\n{LEAD}{GOES_ON}{END}")
    assert title == headline
    assert text.startswith("The first week of results")


def test_a_sentence_with_emoji_after_its_full_stop_is_no_title():
    first = "Software stocks are back and we are cheering. 🎉"
    _, title, _ = cleaned(f"{first}\n\n{LEAD}{GOES_ON}{END}")
    assert title is None


@pytest.mark.parametrize("loader", ["Please wait as we get some fine things ready to preview...",
                                    "Please wait while the page loads…", "Loading the latest prices..."])
def test_a_pages_loading_message_goes_and_the_headline_under_it_is_the_title(loader):
    text, title, removed = cleaned(f"{loader}\n\n{HEADLINE}\n\n{LEAD}{GOES_ON}{END}")
    assert removed[loader] == "navigation"
    assert text.startswith("The first week of results")
    assert title == HEADLINE



@pytest.mark.parametrize("glue", ["", " "])
def test_one_sentence_given_twice_in_a_row_goes(glue):
    teaser = "Velora Soft stock: a broker upgraded the shares to 'Buy' today, with a fair value of Rs 9,400."
    text, _, removed = cleaned(f"{HEADLINE}\n\n{LEAD}{teaser}{glue}{teaser}\n\n{GOES_ON}{END}")
    assert "Velora Soft stock" not in text and "Rs 9,400" not in text
    assert removed[f"{teaser}{glue}{teaser}"] == "image-caption"


def test_a_paragraph_of_two_sentences_given_twice_keeps_its_sentences():
    paragraph = "Velora Soft kept its forecast for the year. Its order book grew 6% in the quarter."
    text, _, _ = cleaned(f"{HEADLINE}\n\n{LEAD}{paragraph} {paragraph}\n\n{GOES_ON}{END}")
    assert "Its order book grew 6% in the quarter." in text


@pytest.mark.parametrize("line", ["Read more about Velora Soft IPO and How subscriptions evolved in the IPO period?",
                                  "Learn more about the software sector's quarter"])
def test_read_more_about_on_its_own_line_goes(line):
    text, _, removed = cleaned(f"{HEADLINE}\n\n{LEAD}{GOES_ON}{line}\n\n{END}")
    assert removed[line] == "related-links"
    assert END.strip() in text


@pytest.mark.parametrize("name", ["The Bank of Japan (BOJ)", "The Reserve Bank of India (RBI)",
                                  "The Bank for International Settlements (BIS)"])
def test_a_names_abbreviation_whose_initials_skip_a_small_word_is_kept(name):
    line = f"{name} kept its rates unchanged on Friday and held off any change to its bond policy.\n\n"
    text, _, _ = cleaned(f"{HEADLINE}\n\n{LEAD}{line}{GOES_ON}{END}")
    assert line.strip() in text


def test_a_symbol_that_is_not_the_names_initials_still_goes():
    line = "Shares of Halvorsen Group (HVGX) rose on Friday after the company raised its guidance for the year.\n\n"
    text, _, removed = cleaned(f"{HEADLINE}\n\n{LEAD}{line}{GOES_ON}{END}")
    assert "Shares of Halvorsen Group rose on Friday" in text
    assert removed["(HVGX)"] == "ticker-tag"


@pytest.mark.parametrize(("line", "kept", "tags"), [
    # exchange tags in square brackets (h26)
    ("Velora Soft [HKG: 2287] finished 4.8 percent higher in Hong Kong today. Its New York-listed stock [NYSE: VLRA] "
     "gained 0.1 percent.", "Velora Soft finished 4.8 percent higher in Hong Kong today. Its New York-listed stock "
     "gained 0.1 percent.", ("[HKG: 2287]", "[NYSE: VLRA]")),
    # a listing's number after a company's name, not a year (h26)
    ("Tarnby Corp. (6721) and Orbel Inc. (2015) both cut their forecasts, while Velora Ltd (0883) kept its own.",
     "Tarnby Corp. and Orbel Inc. (2015) both cut their forecasts, while Velora Ltd kept its own.",
     ("(6721)", "(0883)")),
    # a link's words for screen readers after a wire's instrument code, which goes with them (h28/blind)
    ("The Harbour banks index (.HXBK), opens new tab was down 0.4% by 1310 GMT, while Orbel Bank (ORBLn.DE), opens "
     "new tab bucked the trend.", "The Harbour banks index was down 0.4% by 1310 GMT, while Orbel Bank bucked the "
     "trend.", ("(.HXBK), opens new tab", "(ORBLn.DE), opens new tab")),
])
def test_a_tag_inside_a_sentence_goes_and_the_sentence_stays(line, kept, tags):
    text, _, removed = cleaned(f"{HEADLINE}\n\n{LEAD}{line}\n\n{GOES_ON}{END}")
    assert kept in text
    assert {removed[tag] for tag in tags} == {"ticker-tag"}


# What h27/tune showed (h27/blind was measured before and not opened): a news-style caption with its
# photographer's credit, a blog's note on who may comment, and who owns the site, in brackets.

@pytest.mark.parametrize(("caption", "words"), [
    # a short caption in a story's words with a photographer's credit
    ("Shares of Tarnby Systems fell on Wednesday after it reported lower-than-expected revenue. (Maren Holt/Reuters)",
     "lower-than-expected"),
    # (h29/blind) a caption given twice after a site's label
    ("The Harbour Times: Out of the nine members of the rate committee, eight voted for the rise (PA)Out of the nine "
     "members of the rate committee, eight voted for the rise (PA)", "nine members"),
])
def test_a_caption_goes(caption, words):
    text, _, removed = cleaned(f"{HEADLINE}\n\n{LEAD}{caption}\n\n{GOES_ON}{END}")
    assert words not in text
    assert removed[caption] == "image-caption"


@pytest.mark.parametrize(("line", "reason"), [
    ("Note: Only members of this blog can post a comment.", "comments"),  # a blog's note on who may comment
    ("Only members of this site can post comments.", "comments"),
    ("%d bloggers like this:", "layout"),  # (h27/blind) a template's line with its placeholder unfilled
    ("%s comments", "layout"),
])
def test_a_sites_line_after_the_story_goes(line, reason):
    text, _, removed = cleaned(f"{HEADLINE}\n\n{LEAD}{GOES_ON}{END}\nPost a Comment\n\n{line}\n")
    assert removed[line] == reason
    assert text.endswith(END.strip())


def test_who_owns_the_site_in_brackets_after_a_paragraph_goes_and_the_paragraph_stays():
    owner = "(Halvorsen Media is the publisher of Tarnby Daily.)"
    text, _, removed = cleaned(f"{HEADLINE}\n\n{LEAD}{GOES_ON.rstrip()} {owner}\n\n{END}")
    assert "Halvorsen Media" not in text and "Upgrades have stayed rare.\n\nTarnby Systems shares fell" in text
    assert removed[owner] == "disclaimer"



# What h27/blind showed once its figures were recorded and it was opened: a science network's review badge above
# the headline, a link to the rest of a cut story, a writer's name with the wire's copyright after the last
# sentence, and a template's line with its placeholder unfilled.

def test_a_review_badge_above_the_headline_goes_and_the_headline_is_the_title():
    badge = ("This story was reviewed according to Orbel Network's editorial process and policies. Editors have "
             "highlighted the following attributes while checking its credibility:")
    text, title, removed = cleaned(f"{badge}\n\n\nreputable news agency\n\n\n{HEADLINE}\n\n{LEAD}{GOES_ON}{END}")
    assert removed[badge] == "reader-notice"
    assert title == HEADLINE
    assert text.startswith("The first week of results")



@pytest.mark.parametrize("link", ["[continue reading]", "[Read more]", "[Continue reading…]"])
def test_a_link_to_the_rest_of_a_cut_story_goes(link):
    text, _, removed = cleaned(f"{HEADLINE}\n\n{LEAD}{GOES_ON}Tarnby Systems shares fell 2.4% on Thursday, the "
                               f"most since the {link}\n")
    assert text.endswith("the most since the")
    assert removed[link] == "navigation"


def test_a_writers_name_with_the_wires_copyright_goes_after_the_last_sentence_and_alone():
    signed = "— Maren Elin Holt, (c) 2024 Reuters"
    text, _, removed = cleaned(f"{HEADLINE}\n\n{LEAD}{GOES_ON}{END.strip()} {signed}\n\n{signed}\n")
    assert "Maren" not in text and text.endswith(END.strip())
    assert removed[signed] == "copyright"




# What h28/tune showed (h28/blind measured before, never opened): a short "declined to comment" line taken by the
# layout model, a date with an ordinal day, a wire's breaking-news note, and an exchange's sign-up offer in capitals.

@pytest.mark.parametrize("line", ["Velora declined to comment.", "Orbel did not immediately respond to a request for "
                                  "comment.", "Tarnby could not be reached for comment."])
def test_a_short_line_saying_someone_would_not_comment_is_kept(line):
    lead = ("Velora Soft, the parent of the payments app Orbel, will file a draft prospectus as early as July 12 for "
            "a share sale of up to $2.3 billion, two people with direct knowledge of the matter said on Tuesday.")
    text, _, _ = cleaned(f"{lead}\n{line}")
    assert lead in text and text.endswith(line)


@pytest.mark.parametrize("stamp", ["May 21st, 2012 at 5:44 pm", "August 3rd 2020", "March 1st, 2024"])
def test_a_date_with_an_ordinal_day_on_its_own_line_goes(stamp):
    text, _, removed = cleaned(f"{HEADLINE}\n\n{stamp}\n\n{LEAD}{GOES_ON}{END}")
    assert removed[stamp] == "dateline"
    assert stamp not in text


@pytest.mark.parametrize("note", ["THIS IS A BREAKING NEWS UPDATE. The wire’s earlier story follows below.",
                                  "This is a breaking news update."])
def test_a_wires_breaking_news_note_goes(note):
    text, _, removed = cleaned(f"{HEADLINE}\n\n{note}\n\n{LEAD}{GOES_ON}{END}")
    assert removed[note] == "editor-note"
    assert text.startswith("The first week of results")


def test_an_exchanges_offer_in_capitals_goes_alone_and_after_a_caption():
    offer = ("LIMITED OFFER for Tarnby Daily readers on Kestrex – sign up here and get a FREE $500 position in any "
             "coin!")
    caption = "Liquidation heat map. Source: Chartwell"
    special = "SPECIAL OFFER (Sponsored) Kestrex bonus of $600: sign up through this link for a new account."
    text, _, removed = cleaned(f"{HEADLINE}\n\n{LEAD}{GOES_ON}{caption} {special}\n{offer}\n{END}")
    assert "$500" not in text and "$600" not in text and "Chartwell" not in text
    assert removed[offer] == "advertisement"
    assert END.strip() in text


# What h28/blind showed once its figures were recorded and it was opened: a link's words for screen readers after a
# wire's instrument code, a picture's address run on before a note, who supplies a site's prices, a rating widget.

def test_a_pictures_address_and_who_supplies_the_prices_go():
    top = ("https://img.example.com/uploads/2023/06/Harbour-Markets-20.jpg?w=2048(Some Tarnby Daily pricing data is "
           "provided by Kestrex.)\n")
    text, _, removed = cleaned(f"{top}{LEAD}{GOES_ON}{END}")
    assert "http" not in text and "Kestrex" not in text and "2048" not in text
    assert text.startswith("The first week of results")
    assert removed[top.strip()] == "source-credit"  # (the address cut, what is left is the note: one line goes)


@pytest.mark.parametrize("line", ["How informative is this news?", "How useful was this article?"])
def test_a_rating_widgets_question_goes(line):
    text, title, removed = cleaned(f"{HEADLINE}\n{line}\n\n{LEAD}{GOES_ON}{END}")
    assert removed[line] == "widget"
    assert title == HEADLINE and text.startswith("The first week of results")


# What h29/tune showed (h29/blind measured, never opened): an update's time before the lead, a print button with
# text-size buttons, a pitch for the site's own analysis, and a headline whose first word is a brand in lower case.

def test_an_updates_time_before_the_lead_goes_and_the_lead_stays():
    lead = ("UPDATE 1.55pm: Shares in Tarnby Systems jumped 6 per cent after the software maker posted a better than "
            "expected 19 per cent rise in first-half profit.\n")
    text, _, removed = cleaned(f"{HEADLINE}\n{lead}{GOES_ON}{END}")
    assert text.startswith("Shares in Tarnby Systems jumped 6 per cent")
    assert removed["UPDATE 1.55pm:"] == "section-label"


@pytest.mark.parametrize("line", ["Print This Post A A A", "Print this article", "A+ A-"])
def test_a_print_button_and_text_size_buttons_go(line):
    text, _, removed = cleaned(f"{HEADLINE}\n\n{line}\n\n{LEAD}{GOES_ON}{END}")
    assert removed[line] == "navigation"
    assert text.startswith("The first week of results")


def test_a_pitch_for_the_sites_own_analysis_goes():
    pitch = "For a more detailed Tarnby price prediction 2030, check out our full analysis!"
    text, _, removed = cleaned(f"{HEADLINE}\n\n{LEAD}{pitch}\n\n{GOES_ON}{END}")
    assert removed[pitch] == "reader-notice" and "2030" not in text


@pytest.mark.parametrize("headline", ["iiNet beats expectations, shares jump",
                                      "eBay profit tops forecasts as fees rise"])
def test_a_headline_opening_with_a_brand_in_lower_case_is_the_title(headline):
    _, title, _ = cleaned(f"{headline}\n{LEAD}{GOES_ON}{END}")
    assert title == headline


def test_a_first_line_in_lower_case_is_no_title():
    first = "shares of software makers fell on tuesday after results"
    _, title, _ = cleaned(f"{first}\n{LEAD}{GOES_ON}{END}")
    assert title is None


# What h29/blind showed once its figures were recorded and it was opened: a headline between two lines of other
# stories' links, a newsletter's data box on the stock in brackets, a caption given twice after a site's label.

def test_a_headline_between_two_lines_of_other_stories_links_goes():
    cards = ("- Kestra Foods Holds Near $120 as Buyers Return\n- Orbel Bank Climbs on Rate Hopes\n"
             "Markets Articles - Aug 13, 2025 1:07 - 0 Comments\nKestra Foods Holds Near $120 as Buyers Return\n"
             "More In Markets Articles\nBanks - Feb 12, 2026 15:35 - 0 Comments\nOrbel Bank Climbs on Rate Hopes\n")
    text, _, _ = cleaned(f"{HEADLINE}\n\n{LEAD}{GOES_ON}{END}{cards}")
    assert "$120" not in text and "Orbel Bank Climbs" not in text
    assert text.endswith(END.strip())


def test_a_newsletters_data_box_on_the_stock_goes_and_the_sentence_stays():
    lead = ("TARNBY MINING $11.01 (Toronto symbol TMG; Harbour Rating: Speculative) (1-800- 555-0199; "
            "www.tarnby.example; Shares outstanding: 79.1 million; Market cap: $870.9 million; Dividend yield: 1.8%) "
            "has raised its dividend and reported record quarterly revenue and earnings.\n\n")
    text, _, _ = cleaned(f"{HEADLINE}\n\n{lead}{GOES_ON}{END}")
    assert ("TARNBY MINING $11.01 has raised its dividend and reported record quarterly revenue and earnings."
            in text)
    assert "79.1 million" not in text and "555-0199" not in text


# Story lines of the same shape as the noise above stay (each rule's guard).
@pytest.mark.parametrize("line", [
    "Loading of the new servers began in May, the company said, and will finish by the end of the year.",
    "Halvorsen Media is the owner of Tarnby Daily, which it bought in 2019 for $40 million.",
    "Orbel Network's editorial process was reviewed by regulators, according to two people familiar with the "
    "matter, after a complaint last year.",
    "The deal was signed by its chair — Maren Holt, in 2024 Reuters reported.",
    "Margins rose 5% d/d on the quarter and 2% s/s on the year, the chief financial officer said.",
    "Limited offers of new shares drew strong demand, and Tarnby said the offer was covered 4 times.",
    "How informative the new disclosures are is for investors to judge, the regulator said on Monday.",
    "The data is provided by Kestrex, which Tarnby bought for $12 million (its third deal this year).",
    "Tarnby (whose symbol on the exchange is TMG; it listed in 2019) rose 4% after the results on Friday.",
])
def test_a_story_line_of_the_same_shape_is_kept(line):
    text, _, _ = cleaned(f"{HEADLINE}\n\n{LEAD}{line}\n\n{GOES_ON}{END}")
    assert line in text
