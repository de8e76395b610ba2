"""Issue 14, twentieth round (tuned on h24/tune only): a wire's instrument codes in angle brackets, a quote widget's
symbol glued to a name with its price missing, a page template's placeholders before the lead, a space before a
ticker tag's bracket, a quote chart's caption, an agency's name alone under a picture (taken for the title), and a
developing story's marker after a dash. Original text, invented names; story lines of the same shape stay."""

from __future__ import annotations

import pytest

from summarizer import clean

HEADLINE = "Corvane Motors profit beats forecasts as a weak currency lifts exports"
LEAD = ("Corvane Motors posted a 14% rise in quarterly operating profit on Tuesday, beating the average forecast of "
        "analysts, as a weaker currency lifted the value of its exports.\n\n"
        "The carmaker kept its forecast for the full year at 4.1 trillion crowns and said it would buy back up to "
        "2% of its shares.\n\n")
END = "Its shares rose 3.2% in afternoon trading.\n"


def cleaned(before: str = "", after: str = "", lead: str = LEAD) -> tuple[str, dict[str, str]]:
    article = clean(f"{HEADLINE}\n\n{before}{lead}{END}{after}")
    return article.text, {removed.text.strip(): removed.reason for removed in article.removed}


@pytest.mark.parametrize(("tagged", "plain", "tag"), [
    ("Corvane Motors <7311.T> posted", "Corvane Motors posted", "<7311.T>"),
    ("the benchmark index <.KSX50> fell while Corvane Motors posted", "the benchmark index fell while Corvane Motors "
     "posted", "<.KSX50>"),
    ("Corvane Motors posted a 14% rise (the crown <KRW=> fell) in", "Corvane Motors posted a 14% rise (the crown fell) "
     "in", "<KRW=>"),
    ("Corvane Motors (NYSE: $CVM ) posted", "Corvane Motors posted", "(NYSE: $CVM )"),
])
def test_an_instrument_code_inside_a_sentence_goes_and_the_sentence_stays(tagged, plain, tag):
    lead = LEAD.replace("Corvane Motors posted", tagged, 1)
    text, removed = cleaned(lead=lead)
    assert text == f"{LEAD.replace('Corvane Motors posted', plain, 1)}{END}".strip()
    assert removed[tag] == "ticker-tag"


def test_a_comparison_or_a_tag_in_angle_brackets_is_no_instrument_code():
    lead = LEAD.replace("beating the average", "as sales with x<y.z and a ratio of 3 < 5.2 and 7 <8.5 beat the average")
    text, _ = cleaned(lead=lead)
    assert "x<y.z" in text and "3 < 5.2 and 7 <8.5 beat" in text


def test_a_widgets_symbol_glued_to_a_name_goes():
    lead = LEAD.replace("value of its exports", "value of its exports and of spot EtherETH-- funds and BitcoinBTC--")
    text, removed = cleaned(lead=lead)
    assert "of spot Ether funds and Bitcoin." in text
    assert removed["ETH--"] == removed["BTC--"] == "quote-widget"


def test_a_dash_after_a_word_in_capitals_is_kept():
    lead = LEAD.replace("value of its exports", "value of its exports -- the KRW-- fell")
    text, _ = cleaned(lead=lead)
    assert "KRW--" in text


def test_a_templates_placeholders_before_the_lead_go():
    placeholders = '%{{tag.name}} {{post.title}} {{moment(post.date)}} @{{post.owner.replace(" ","")}} comment '
    text, removed = cleaned(lead=placeholders + LEAD, after="{{post.title}}\n")
    assert text == f"{LEAD}{END}".strip()
    assert removed[placeholders.strip()] == removed["{{post.title}}"] == "layout"


@pytest.mark.parametrize("agency", ["The Associated Press", "Reuters", "Agence France-Presse"])
def test_an_agencys_name_alone_under_a_picture_is_a_credit_not_the_title(agency):
    caption = ("Corvane chief executive Ana Ruiz, right, poses with the board before the opening bell ceremony, "
               "Thursday, Nov. 19, 2015.")
    article = clean(f"{caption}\n{agency}\n{LEAD}{END}")
    assert article.title is None and agency not in article.text
    assert article.text.startswith("Corvane Motors posted")


# --- After h24/blind was measured and opened ---------------------------------------------------------------------


@pytest.mark.parametrize("code", ["GBP=D3", "EURGBP=D3", "US10YT=RR"])
def test_a_wires_rate_code_ending_a_paragraph_goes_and_the_paragraph_stays(code):
    """Seen on h24/blind: two body sentences ending in a rate's code lost (the line read as no sentence)."""
    line = "By 0915 GMT, the crown was down 0.4% against the stronger dollar at 11.2045."
    text, removed = cleaned(after=f"\n{line} {code}\n")
    assert text.endswith(line)
    assert removed[code] == "wire-code"


def test_a_captions_outlet_and_photographer_and_the_alt_text_before_it_go():
    alt = "A Corvane showroom in Seoul"
    caption = "Corvane reports a first-half profit of $2.5 billion, a little below forecasts. (KTV News: Min-jun Park)"
    text, removed = cleaned(before=f"{alt}\n\n{caption}\n\n")
    assert text == f"{LEAD}{END}".strip()
    assert removed[alt] == removed[caption] == "image-caption"


def test_a_short_line_opening_with_an_article_before_a_paragraph_stays():
    line = "A note on the carmaker's outlook"
    text, _ = cleaned(before=f"{line}\n\n")
    assert line in text


@pytest.mark.parametrize(("lead", "gone", "reason"), [
    ("Investing.com-- ", "Investing.com-- ", "dateline"),
    ("(Adds detail.) By Ana Ruiz and Sam Li Of DOW JONES NEWSWIRES ", "(Adds detail.) By Ana Ruiz and Sam Li Of DOW "
     "JONES NEWSWIRES ", "byline"),
    ("(Updates with shares) ", "(Updates with shares) ", "byline"),
])
def test_a_wires_header_run_into_the_lead_goes(lead, gone, reason):
    text, removed = cleaned(lead=lead + LEAD)
    assert text == f"{LEAD}{END}".strip()
    assert removed[gone.strip()] == reason


def test_a_lead_opening_with_by_and_a_year_stays():
    lead = "By 2030 Corvane Motors expects half of its sales to be electric, it said on Tuesday in Seoul.\n\n"
    text, _ = cleaned(lead=lead + LEAD)
    assert text.startswith(lead.strip())


def test_a_stocks_symbol_after_the_headline_is_not_part_of_the_title():
    article = clean(f"{HEADLINE} (CVM)\n\n{LEAD}{END}")
    assert article.title == HEADLINE
    assert clean(f"Exports slow as the currency climbs (UK)\n\n{LEAD}{END}").title == (
        "Exports slow as the currency climbs (UK)")


# --- Tuned on h25/tune (h25/blind kept unseen) --------------------------------------------------------------------


def test_a_templates_placeholders_inside_and_after_paragraphs_go():
    lead = LEAD.replace("value of its exports.", "value of its exports. {{^adFree}} {{/adFree}}")
    text, removed = cleaned(lead=lead, after="\n{{^adFree}} {{/adFree}}\n")
    assert text == f"{LEAD}{END}".strip()
    assert removed["{{^adFree}}"] == "layout"


@pytest.mark.parametrize("stamp", ["(7.47am UAE time)", "(10:30 GMT)", "(0830 GMT)", "(9.15 am local time)"])
def test_the_time_a_story_was_posted_in_brackets_goes(stamp):
    lead = LEAD.replace("on Tuesday,", f"on Tuesday {stamp},", 1)
    text, removed = cleaned(lead=lead)
    assert text == f"{LEAD}{END}".strip()
    assert removed[stamp] == "dateline"


# --- Lines of a page after the story, each with its reason, and story lines of the same shape that stay ---------

AFTER_THE_STORY = [
    ("Corvane stock, dollars per share, 1 day; delayed 15 mins.", "quote-widget"),  # a quote chart's caption
    ("Quotes delayed at least 20 minutes.", "quote-widget"),
    ("- Developing… check back for updates.", "editor-note"),  # a developing story's marker after a dash
    ("— Developing story", "editor-note"),
    ("– This is a developing story. Please check back for updates.", "editor-note"),
    ("More details to follow.", "editor-note"),
    ("Read the rest of this post on the original site", "related-links"),
    # a writer's bio naming the title in capitals
    ("Jane Roe is the Business Editor at The Ledger. She is an avid watcher of markets and a fan of businesses that "
     "use technology in new ways.", "author-bio"),
]


@pytest.mark.parametrize(("line", "reason"), AFTER_THE_STORY)
def test_a_pages_line_after_the_story_goes(line, reason):
    text, removed = cleaned(after=f"\n{line}\n")
    assert text == f"{LEAD}{END}".strip()
    assert removed[line] == reason


@pytest.mark.parametrize("story", [
    "Corvane said its shares were delayed 15 minutes from trading while the stock exchange fixed a fault.",
    "Analysts use the rule P=E3 to price the shares, the note said, and expect a 4.5% rise this year.",
    "The rules took effect in the bloc last year (2024 EU) and apply to every carmaker.",
    "Its shares rose 4% (3.5 points) to close at 41,200 won on the Seoul exchange.",
    "Jane Roe is the editor of the trade journal that first reported the recall, the company said on Monday.",
    "A reader wrote {{ name }} and {% if x %} in the comments, the company's forum showed on Tuesday.",
])
def test_a_story_line_of_the_same_shape_stays(story):
    text, _ = cleaned(after=f"\n{story}\n")
    assert text.endswith(story)


# --- After h25/blind was measured (unseen: 100% kept, 85.9% dropped) and opened ------------------------------------


def test_a_cut_off_copy_of_the_lead_above_its_dateline_goes():
    lead = LEAD.replace("Corvane Motors posted", "SEOUL — Corvane Motors posted", 1)
    teaser = "Corvane Motors posted a 14% rise in quarterly operating profit on Tuesday, beating the average..."
    text, removed = cleaned(lead=f"{teaser}\n\n{lead}")
    assert text == f"{lead}{END}".strip()
    assert removed[teaser] == "teaser"


@pytest.mark.parametrize("caption", [
    "Image used for illustrative purposes. A worker walks past a row of new cars at a port in Ulsan, South Korea.",
    "A file picture dated March 3, 2019 shows cars at a port in Ulsan, South Korea.JANE ROE / EPA file",
])
def test_a_pictures_caption_with_its_label_or_its_photographers_credit_goes(caption):
    text, removed = cleaned(before=f"{caption}\n\n")
    assert text == f"{LEAD}{END}".strip()
    assert removed[caption] == "image-caption"


def test_a_news_alerts_pitch_goes():
    pitch = ("Get breaking news alerts and special reports. The news and stories that matter, delivered weekday "
             "mornings.")
    text, removed = cleaned(after=f"\n{pitch}\n")
    assert text == f"{LEAD}{END}".strip()
    assert removed[pitch] == "promotion"


def test_a_sentence_about_illustrations_stays():
    story = "Images for illustrative purposes are used in the carmaker's brochures, its design chief said on Tuesday."
    text, _ = cleaned(after=f"\n{story}\n")
    assert text.endswith(story)


def test_the_labels_left_of_a_pages_dates_go_and_are_no_title():
    article = clean(f" / Updated  / Source: Wirehouse\nBy Wirehouse\n{HEADLINE}\n\n{LEAD}{END}")
    assert article.title == HEADLINE
    assert "Updated" not in article.text
