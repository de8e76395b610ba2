"""Figures the model gives one label get told apart by the article's own words next to each number."""

from __future__ import annotations

from summarizer import Summarizer
from summarizer.testing import ScriptedBackend, answer

ARTICLE = """Corblake Freight cuts its outlook as parcel volumes slow

Corblake Freight now expects adjusted operating profit of $410 million this year, down from the $520 million it \
forecast in July and well below the $560 million analysts had expected.

Revenue for the third quarter fell 6% to $1.9 billion. A year earlier the company reported revenue of $2.1 billion, \
and it kept its full-year revenue forecast of $7.6 billion to $7.9 billion.

The company said 1,200 drivers would move to part-time hours. Its net debt rose to $3.3 billion from $2.8 billion \
a year earlier, and the board held the dividend at 40 cents a share. The group operates 140 depots. It also \
leases 65 warehouses.

Corblake shares fell 4% on Monday. Shares of its rival Haldane Post fell 3%.
"""


def run(figures: list[dict[str, str]]):
    backend = ScriptedBackend([answer(summary=("Corblake Freight cut its profit outlook.",
                                               "Parcel volumes slowed in the third quarter."), figures=figures)])
    with Summarizer(backend=backend, use_cache=False) as summarizer:
        return summarizer.summarize(ARTICLE)


def labels_of(result) -> dict[str, str]:
    return {f.raw: f.label for f in result.key_figures}


def test_forecasts_and_estimates_under_one_label_say_which_is_which():
    amounts = ("$410 million", "$520 million", "$560 million")
    result = run([{"raw": raw, "label": "Operating profit"} for raw in amounts])
    assert labels_of(result) == {
        "$410 million": "Operating profit (new forecast)",
        "$520 million": "Operating profit (previous forecast)",
        "$560 million": "Operating profit (analysts' estimate)",
    }
    assert not any("same label" in w for w in result.meta.warnings)


def test_a_range_is_told_apart_by_its_ends_and_a_change_by_its_year_ago_side():
    figures = [{"raw": raw, "label": "Revenue"} for raw in ("$1.9 billion", "$2.1 billion", "$7.6 billion",
                                                            "$7.9 billion")]
    figures += [{"raw": raw, "label": "net debt"} for raw in ("$3.3 billion", "$2.8 billion")]
    assert labels_of(run(figures)) == {
        "$1.9 billion": "Revenue (third quarter)",
        "$2.1 billion": "Revenue (a year earlier)",
        "$7.6 billion": "Revenue (low end)",
        "$7.9 billion": "Revenue (high end)",
        "$3.3 billion": "net debt",  # the one whose words say nothing else keeps the label
        "$2.8 billion": "net debt (a year earlier)",
    }


def test_a_percentage_before_an_amount_is_not_a_range():
    result = run([{"raw": "6%", "label": "revenue change"}, {"raw": "$1.9 billion", "label": "Revenue change"}])
    # both are the third quarter's: the first takes the period, the other keeps the label
    assert [f.label for f in result.key_figures] == ["revenue change (third quarter)", "Revenue change"]


def test_counts_of_different_things_are_told_apart_by_the_unit_written_in_the_figure():
    result = run([{"raw": "140 depots", "label": "sites"}, {"raw": "65 warehouses", "label": "sites"}])
    assert labels_of(result) == {"140 depots": "sites (depots)", "65 warehouses": "sites (warehouses)"}


def test_a_label_no_other_figure_has_is_left_as_the_model_gave_it():
    result = run([{"raw": "$410 million", "label": "profit outlook"}, {"raw": "1,200 drivers", "label": "drivers"}])
    assert labels_of(result) == {"$410 million": "profit outlook", "1,200 drivers": "drivers"}
    assert not any("same label" in w for w in result.meta.warnings)


def test_figures_whose_words_say_nothing_apart_keep_the_label_and_are_named_in_the_warnings():
    label = "Corblake and rival Haldane Post share price fall"  # (the words before the numbers are the label's own)
    result = run([{"raw": "4%", "label": label}, {"raw": "3%", "label": label.lower()}])
    assert [f.label for f in result.key_figures] == [label, label.lower()]
    assert f"'4%' and '3%' have the same label {label.lower()!r}" in result.meta.warnings


def test_with_no_other_cue_the_thing_the_clause_measures_tells_them_apart():
    result = run([{"raw": "4%", "label": "fall"}, {"raw": "6%", "label": "fall"}])
    assert labels_of(result) == {"4%": "fall (shares)", "6%": "fall (third quarter)"}


def test_whose_figure_it_is_and_a_change_beside_a_level_tell_them_apart():
    result = run([{"raw": "4%", "label": "share price fall", "entity": "Corblake"},
                  {"raw": "3%", "label": "share price fall", "entity": "Haldane Post"},
                  {"raw": "6%", "label": "Revenue"}, {"raw": "$1.9 billion", "label": "Revenue"}])
    assert labels_of(result) == {"4%": "share price fall (Corblake)", "3%": "share price fall (Haldane Post)",
                                 "6%": "Revenue (change)", "$1.9 billion": "Revenue (third quarter)"}


def test_share_moves_under_one_label_are_told_apart_by_the_name_before_each():
    result = run([{"raw": raw, "label": "share fall"} for raw in ("4%", "3%")])
    assert labels_of(result) == {"4%": "share fall (Corblake)", "3%": "share fall (Haldane Post)"}


def test_a_word_opening_its_sentence_or_a_day_is_no_name():
    article = ("Halwick Mining raises output as copper prices climb\n\nGroup output rose 12% in the quarter, the "
               "miner said on Tuesday. Copper output rose 9% from a year earlier.\n\nOn Monday's close the shares "
               "were at 412 pence; they ended Tuesday's session at 431 pence.\n")
    backend = ScriptedBackend([answer(summary=("Halwick Mining raised its output.", "Copper prices climbed."),
                                      figures=[{"raw": "12%", "label": "output rise"}, {"raw": "9%", "label":
                                               "output rise"}, {"raw": "412 pence", "label": "share price"},
                                               {"raw": "431 pence", "label": "share price"}])])
    with Summarizer(backend=backend, use_cache=False) as summarizer:
        labels = labels_of(summarizer.summarize(article))
    assert not any(word in label for label in labels.values() for word in ("Group", "Monday", "Tuesday"))


def test_counts_of_stocks_are_told_apart_by_the_way_each_went():
    # h20/tune: "A total of 70 stocks advanced, while 182 declined." gave both "number of stocks"
    article = ("Harbour index slips as banks weigh\n\nThe Harbour All Share index fell 1.4% to 10,851.76 on "
               "Monday, with turnover of 7.3 billion riyals. A total of 70 stocks advanced, while 182 declined.\n")
    backend = ScriptedBackend([answer(summary=("The Harbour index fell on Monday.", "Most stocks declined."),
                                      figures=[{"raw": "70 stocks", "label": "number of stocks"},
                                               {"raw": "182", "label": "number of stocks"}])])
    with Summarizer(backend=backend, use_cache=False) as summarizer:
        labels = labels_of(summarizer.summarize(article))
    assert labels == {"70 stocks": "number of stocks (advanced)", "182": "number of stocks (declined)"}


def test_a_currencys_letter_is_no_name():
    # h21/tune: "US$0.7399" was labelled "loonie (C)" from the "C" of "C$1.3562"
    article = ("Harbour dollar slips\n\nThe Harbour dollar finished at US$0.7374 or US$1=C$1.3562 compared to "
               "Thursday's finish of US$0.7399 or US$1=C$1.3515. Oil rose.\n")
    figures = [{"raw": raw, "label": "harbour dollar"} for raw in ("US$0.7374", "C$1.3562", "US$0.7399", "C$1.3515")]
    backend = ScriptedBackend([answer(summary=("The Harbour dollar slipped.", "Oil rose."), figures=figures)])
    with Summarizer(backend=backend, use_cache=False) as summarizer:
        labels = labels_of(summarizer.summarize(article))
    assert not any(f"({letter})" in label for label in labels.values() for letter in ("C", "U", "US"))


SEGMENTS = """Fenmoor Bank trims 640 jobs across its units

Fenmoor Bank said on Thursday it would cut 640 jobs, about 3% of its staff. The deepest cuts fall on its wealth \
arm, which cut 310 roles, or about 4.1%, while its card business cut 95 roles, or about 1.2%, and its trading \
desk shed 60 roles.

The bank expects operating profit of 880 million euros this year, up from its previous forecast of 820 million \
euros. Revenue is forecast at 4.1 billion euros, compared with 3.9 billion euros previously.

Spot gold rose 0.6% to $2,410 an ounce. U.S. gold futures were little changed, and settled at $2,415. Energy \
prices fell 1.7%, offset by a 3.4% increase in food prices.
"""


def run_on(article: str, figures: list[dict[str, str]]):
    backend = ScriptedBackend([answer(summary=("Fenmoor Bank is cutting jobs across its units.",
                                               "It raised its profit forecast."), figures=figures)])
    with Summarizer(backend=backend, use_cache=False) as summarizer:
        return summarizer.summarize(article)


def test_counts_for_different_units_are_told_apart_by_whom_each_clause_is_about():
    figures = [{"raw": raw, "label": "number of roles cut"} for raw in ("310 roles", "95 roles")]
    figures += [{"raw": raw, "label": "share of roles cut"} for raw in ("4.1%", "1.2%")]
    assert labels_of(run_on(SEGMENTS, figures)) == {
        "310 roles": "number of roles cut (wealth arm)",  # the clause before 'which'
        "95 roles": "number of roles cut (card business)",  # the words before the verb
        "4.1%": "share of roles cut (wealth arm)",  # a share right after a number is about what it is about
        "1.2%": "share of roles cut (card business)",
    }


def test_what_the_sentence_measures_tells_two_previous_forecasts_apart():
    figures = [{"raw": raw, "label": "previous forecast"} for raw in ("820 million euros", "3.9 billion euros")]
    assert labels_of(run_on(SEGMENTS, figures)) == {"820 million euros": "previous forecast (profit)",
                                                    "3.9 billion euros": "previous forecast (revenue)"}


def test_which_price_it_is_and_the_words_before_a_preposition():
    result = run_on(SEGMENTS, [{"raw": "$2,410", "label": "gold price"}, {"raw": "$2,415", "label": "gold price"},
                               {"raw": "1.7%", "label": "energy prices fell"},
                               {"raw": "3.4%", "label": "energy prices fell"}])
    labels = labels_of(result)
    # the sentence's word for which price, beyond the clause
    assert (labels["$2,410"], labels["$2,415"]) == ("gold price (spot)", "gold price (futures)")
    # 'offset by a 3.4% increase': the word before the preposition is no subject; nothing sets them apart
    assert labels["1.7%"] == labels["3.4%"] == "energy prices fell"


REVIEWED = """Corvane Motors plans a plant and a research centre

Corvane Motors will invest $2 billion in a new plant near Leeds, it said on Tuesday, sending its shares up 4%. It \
will invest a further $500 million in a research centre, lifting its workforce in the region to 12,000.

A bright spot was Mexico, where volumes rose 9%, and Brazil, where they rose 4%. Its chief executive said she sold \
2 million shares in March, after she sold 1.5 million shares in January.

Corvane regained the top spot with a 20% share, while Ostrava Cars was second with 18%. The carmaker said last week \
that sales rose 8% in the quarter ended June.
"""


def test_what_the_review_found_a_word_after_the_number_a_pronoun_or_a_spot_is_no_qualifier():
    backend = ScriptedBackend([answer(summary=("Corvane Motors plans a plant.", "It also plans a research centre."),
                                      figures=[{"raw": "$2 billion", "label": "planned investment"},
                                               {"raw": "$500 million", "label": "planned investment"},
                                               {"raw": "2 million shares", "label": "shares sold"},
                                               {"raw": "1.5 million shares", "label": "shares sold"},
                                               {"raw": "20%", "label": "market share"},
                                               {"raw": "18%", "label": "market share"},
                                               {"raw": "8%", "label": "sales growth"},
                                               {"raw": "9%", "label": "sales growth"}])])
    with Summarizer(backend=backend, use_cache=False) as summarizer:
        labels = labels_of(summarizer.summarize(REVIEWED))
    assert not any(word in label for label in labels.values() for word in ("(shares)", "(workforce)", "(she)",
                                                                           "(spot)", "last week"))
    assert labels["8%"] == "sales growth (June)"  # the period the figure covers, not when it was said


def test_a_year_ago_amount_after_its_per_share_value_and_the_streets_estimate():
    # seen on h19/tune: "compared with $452 million, or 48 cents per share, a year earlier"; "Wall Street's call"
    article = ("Corvane Chemicals misses as sales slide\n\nCorvane Chemicals posted net income of $10 million, or 2 "
               "cents per share, compared with $452 million, or 48 cents per share, a year earlier. Revenue totaled "
               "$2.62 billion, narrowly above Wall Street's call for $2.61 billion.\n")
    backend = ScriptedBackend([answer(summary=("Corvane Chemicals missed estimates.", "Its sales slid."),
                                      figures=[{"raw": raw, "label": label} for raw, label in (
                                          ("$10 million", "net income"), ("$452 million", "net income"),
                                          ("2 cents", "earnings per share"), ("48 cents", "earnings per share"),
                                          ("$2.62 billion", "revenue"), ("$2.61 billion", "revenue"))])])
    with Summarizer(backend=backend, use_cache=False) as summarizer:
        labels = labels_of(summarizer.summarize(article))
    assert labels["$452 million"] == "net income (a year earlier)"
    assert labels["48 cents"] == "earnings per share (a year earlier)"
    assert labels["$2.61 billion"] == "revenue (estimate)"


def test_a_per_share_value_under_the_totals_label_says_per_share():
    article = ("Corvane Chemicals misses as sales slide\n\nCorvane Chemicals posted net income of $10 million, "
               "compared with $452 million, or 48 cents per share, a year earlier.\n")
    backend = ScriptedBackend([answer(summary=("Corvane Chemicals missed estimates.", "Its profit slid."),
                                      figures=[{"raw": raw, "label": "net income"} for raw in (
                                          "$10 million", "$452 million", "48 cents")])])
    with Summarizer(backend=backend, use_cache=False) as summarizer:
        labels = labels_of(summarizer.summarize(article))
    assert labels == {"$10 million": "net income (Corvane Chemicals)", "$452 million": "net income (a year earlier)",
                      "48 cents": "net income (per share)"}


def test_what_a_second_review_found_in_the_year_ago_per_share_and_street_cues():
    article = ("Harbour Bank's profit falls\n\nHarbour Bank posted net income of $10 million, compared with $452 "
               "million, or 48.5 cents per share, a year earlier. Its return on equity reached 11%, a year earlier "
               "than planned, after 9% in 2023. Dalal Street's benchmark index closed at 72,100, while the broader "
               "index closed at 21,950. It offered 250 pence a share on Monday and 275 pence a share on Friday.\n")
    figures = [("$10 million", "net income"), ("$452 million", "net income"), ("11%", "return on equity"),
               ("9%", "return on equity"), ("72,100", "index close"), ("21,950", "index close"),
               ("250 pence", "offer price"), ("275 pence", "offer price")]
    backend = ScriptedBackend([answer(summary=("Harbour Bank's profit fell.", "Its return on equity rose."),
                                      figures=[{"raw": raw, "label": label} for raw, label in figures])])
    with Summarizer(backend=backend, use_cache=False) as summarizer:
        labels = labels_of(summarizer.summarize(article))
    assert labels["$452 million"] == "net income (a year earlier)"  # (the per-share value has decimals)
    assert "a year earlier" not in labels["11%"]  # "a year earlier than planned" is no year-ago value
    assert "estimate" not in labels["72,100"]  # "Dalal Street's" without a call or a forecast
    assert "per share" not in labels["250 pence"] + labels["275 pence"]  # a price, every one per share


def test_a_conjunction_opening_a_clause_is_not_part_of_the_name_after_it():
    """Seen on h19/blind: '8%: percentage (While Bitcoin)'."""
    article = ("Crypto prices slide as liquidations mount\n\nWhile Bitcoin fell by just under 8% on the day, Ether "
               "dropped by as much as 12%. Although Solana lost 15% over the week, its fees rose.\n")
    backend = ScriptedBackend([answer(summary=("Bitcoin and Ether fell.", "Liquidations mounted."),
                                      figures=[{"raw": raw, "label": "percentage"} for raw in ("8%", "12%", "15%")])])
    with Summarizer(backend=backend, use_cache=False) as summarizer:
        labels = labels_of(summarizer.summarize(article))
    assert labels["8%"] == "percentage (Bitcoin)" and labels["15%"] == "percentage (Solana)"


def test_a_value_the_article_says_is_current_is_told_apart_from_an_earlier_one():
    """Seen on h19/blind: '$67,400: price' beside other prices, after 'is currently trading at around'."""
    article = ("Bitcoin slides below $66,000\n\nBitcoin fell as low as $65,300 on Monday. It has since recovered and "
               "is currently trading at around $67,400. Ether dropped to $3,100.\n")
    backend = ScriptedBackend([answer(summary=("Bitcoin fell and recovered.", "Ether dropped."),
                                      figures=[{"raw": raw, "label": "price"} for raw in ("$65,300", "$67,400")])])
    with Summarizer(backend=backend, use_cache=False) as summarizer:
        labels = labels_of(summarizer.summarize(article))
    assert labels["$67,400"] == "price (current)" and labels["$65,300"] != labels["$67,400"]


FINES = """Harbour regulator fines Corvane Exchange and its founders

The orders mandate steep fines for Corvane, Ada Brook and Sam Lim: Corvane must pay $1.35 billion, Brook, \
$150 million and Lim, $1.5 million. The exchange handled an estimated $15 billion in trades in the past day.

On Tuesday, $3 billion left the exchange, its data showed, and on Wednesday, $2 billion more.
"""


def test_a_list_that_names_each_numbers_owner_first_tells_them_apart():
    """Seen on a real page (h23/tune): "Binance must pay $1.35 billion, Zhao, $150 million and Lim, $1.5 million",
    all three labelled "fine", with the exchange as the entity of each."""
    fines = [{"raw": raw, "label": "fine", "entity": "Corvane"} for raw in ("$1.35 billion", "$150 million",
                                                                          "$1.5 million")]
    assert labels_of(run_on(FINES, fines)) == {"$1.35 billion": "fine (Corvane)", "$150 million": "fine (Brook)",
                                               "$1.5 million": "fine (Lim)"}


def test_a_day_before_the_comma_is_no_owner():
    flows = [{"raw": raw, "label": "outflows"} for raw in ("$3 billion", "$2 billion")]
    labels = labels_of(run_on(FINES, flows))
    assert "Tuesday" not in labels["$3 billion"] and "Wednesday" not in labels["$2 billion"]


RATES = """Varnholt central bank lifts its three key rates

The Varnholt central bank raised its key rates by 50 basis points on Thursday. The rates on the main lending \
window, the overnight facility and the reserve deposits held at the bank will rise to 3.25%, 3.75% and 2.75% \
respectively from next week.

Operating income and net profit at its largest lender grew 4% and 9%, respectively, in the first half. Wheat \
and barley rose 2% and 1% on Monday and Tuesday respectively.
"""


def test_a_respectively_sentence_names_each_number_by_its_list_item():
    """Seen on a real page (h22/blind): three central bank rates "raised to 2.00%, 2.25% and 1.50% respectively",
    all three labelled "interest rate", each left the same."""
    rates = [{"raw": raw, "label": "interest rate"} for raw in ("3.25%", "3.75%", "2.75%")]
    assert labels_of(run_on(RATES, rates)) == {"3.25%": "interest rate (main lending window)",
                                               "3.75%": "interest rate (overnight facility)",
                                               "2.75%": "interest rate (reserve deposits)"}
    growth = [{"raw": raw, "label": "growth"} for raw in ("4%", "9%")]
    assert labels_of(run_on(RATES, growth)) == {"4%": "growth (Operating income)", "9%": "growth (net profit)"}


def test_a_second_list_between_the_numbers_and_respectively_names_nothing():
    moves = [{"raw": raw, "label": "share move"} for raw in ("2%", "1%")]
    labels = labels_of(run_on(RATES, moves))
    assert labels == {"2%": "share move", "1%": "share move"}  # the days are paired with them, not the crops


def test_rates_of_different_terms_are_told_apart_by_their_terms():
    # h27/blind: a central bank's one-year and five-year loan rates, both labelled "LPR" (the terms are more than
    # seven words before each number)
    article = ("Harbour central bank trims lending rates\n\nThe Harbour central bank lowered the one-year loan prime "
               "rate (LPR) by 5 basis points to 3.65 percent, and the five-year LPR rate by 15 basis points to 4.30 "
               "percent. Banks will price new loans off the lower rates from Monday.\n")
    labels = labels_of(run_on(article, [{"raw": raw, "label": "LPR"} for raw in ("3.65 percent", "4.30 percent")]))
    assert labels == {"3.65 percent": "LPR (one-year)", "4.30 percent": "LPR (five-year)"}


def test_a_range_in_hong_kong_dollars_with_the_high_ends_dollar_sign_alone_is_a_range():
    # h27/blind: "priced at HK$2.67 per share, at the top of its marketed range of HK$2.28-$2.67", both "price"
    article = ("Harbour Dairy slips on debut\n\nThe offering was priced last week at HK$2.67 per share, at the top of "
               "its marketed range of HK$2.28-$2.67. The shares opened lower on Friday.\n")
    labels = labels_of(run_on(article, [{"raw": raw, "label": "price"} for raw in ("HK$2.67", "HK$2.28")]))
    assert labels["HK$2.28"] == "price (low end)" and labels["HK$2.67"] != labels["HK$2.28"]


def test_a_headlines_capitalised_preposition_is_not_part_of_the_name():
    # h32/tune: "Brent Crude Under $100" in a headline gave "price (Brent Crude Under)"
    article = ("Oil Slides Further, Tarn Crude Under $100\nTraders fear a recession\n\nOil prices fell on Wednesday on "
               "fears of a recession. "
               "The Tarn Crude contract dropped 3.3 percent to $99.39 per barrel, while Velora oil fell to $96.12."
               "\n")
    labels = labels_of(run_on(article, [{"raw": raw, "label": "price"} for raw in ("$100", "$99.39", "$96.12")]))
    assert not any(label.endswith("Under)") for label in labels.values()), labels


def test_a_rate_range_moved_from_one_range_to_another_is_told_apart():
    # h31/blind: "from a range of 0.25 to 0.5 percent to a range of 0.5 to 0.75 percent" gave both "interest rate"
    article = ("Harbour central bank lifts its rate\n\nThe Harbour central bank raised its key interest rate by a "
               "quarter point, from a range of 0.25 to 0.5 percent to a range of 0.5 to 0.75 percent, on Wednesday."
               "\n")
    labels = labels_of(run_on(article, [{"raw": raw, "label": "interest rate"}
                                        for raw in ("0.25 to 0.5 percent", "0.5 to 0.75 percent")]))
    assert labels["0.25 to 0.5 percent"] == "interest rate (previous)"
    assert labels["0.5 to 0.75 percent"] != labels["0.25 to 0.5 percent"]


def test_the_price_a_coin_is_trading_at_is_the_current_one():
    article = ("Kestrel token steadies after its upgrade\n\nOn the day of the upgrade the Kestrel token held above "
               "$63. It reached $64.12 at the time of the upgrade before dipping.\n\nAt the time of writing, the "
               "token is trading at around $63.70, up 6% in the last 24 hours.\n")
    labels = labels_of(run_on(article, [{"raw": raw, "label": "price"} for raw in ("$64.12", "$63.70")]))
    assert labels["$63.70"] == "price (current)"
