"""A summary sentence copied from the article is shortened by deletion, the way an editor would, and only that.

Every sentence here is written for this test; each copies its article word for word, as the embedded model did.
"""

import pytest

from summarizer.review import SummaryReview
from summarizer.trim import trim, without_dateline

CUTS = [
    ("Norvale Foods will cut 1,200 jobs, or 6% of its staff, after sales fell for a third straight quarter, the "
     "grocery group said on Monday.",
     "Norvale Foods will cut 1,200 jobs, or 6% of its staff, after sales fell for a third straight quarter.",
     "attribution"),
    ("Kessel Electronics posted its highest ever operating profit of 17.6 trillion won, up 21 percent from a year "
     "ago, in the third quarter of 2018, the company announced.",
     "Kessel Electronics posted its highest ever operating profit of 17.6 trillion won, up 21 percent from a year "
     "ago, in the third quarter of 2018.",
     "attribution"),
    ("Tarn Mining agreed to buy Pellick Gold for $3.1 billion in cash, the two companies said on Wednesday, in a deal "
     "that would create the largest gold producer in the region.",
     "Tarn Mining agreed to buy Pellick Gold for $3.1 billion in cash, in a deal that would create the largest gold "
     "producer in the region.",
     "attribution"),
    ("Funds holding the Quillon token took in $412 million in the five trading days to Friday, their strongest week "
     "since launch, according to data compiled by fund tracker Birchmoor Research.",
     "Funds holding the Quillon token took in $412 million in the five trading days to Friday, their strongest week "
     "since launch.",
     "attribution"),
    ("The Reserve Bank of Ostland left its main rate at 4.5%, as widely expected, and said that further moves would "
     "depend on what the coming wage data showed.",
     "The Reserve Bank of Ostland left its main rate at 4.5%, and said that further moves would depend on what the "
     "coming wage data showed.",
     "'as expected'"),
    ("The Federation of Coastal Grain Exporters (FCGE) and a group of smaller shippers agreed to cut output by 1.5 "
     "million tonnes to keep prices from falling further.",
     "The Federation of Coastal Grain Exporters and a group of smaller shippers agreed to cut output by 1.5 million "
     "tonnes to keep prices from falling further.",
     "acronym"),
    ("The benchmark index recovered somewhat in the final minutes of trading to close down 6.5 points, or 0.1 per "
     "cent, to 6,665.7 points at 1615 AEST on Tuesday.",
     "The benchmark index recovered somewhat in the final minutes of trading to close down 6.5 points, or 0.1 per "
     "cent, to 6,665.7 points at 1615 AEST.",
     "weekday"),
    ("Copper prices fell on Tuesday as a firmer dollar and worries about demand from builders in the region weighed "
     "on the metal for a third day.",
     "Copper prices fell as a firmer dollar and worries about demand from builders in the region weighed on the metal "
     "for a third day.",
     "weekday"),
    ("Halbrook Engineering cut its annual profit forecast after costs rose on its large building contracts in the "
     "north, sending its shares to their worst day in a decade.",
     "Halbrook Engineering cut its annual profit forecast after costs rose on its large building contracts in the "
     "north.",
     "participle clause"),
    ("Core inflation, which leaves out fuel and fresh food prices, eased to 2.9% from 3.0% in the year to October, "
     "its lowest reading in two years.",
     "Core inflation eased to 2.9% from 3.0% in the year to October, its lowest reading in two years.",
     "which-clause"),
    ("Brindle, a Dublin-based payments and lending startup, has raised $80 million in a funding round led by a group "
     "of growth investors.",
     "Brindle has raised $80 million in a funding round led by a group of growth investors.",
     "appositive"),
    ("Pelham Telecom said it planned to cut up to 2,000 jobs as part of a €1 billion ($1.1 billion) savings drive "
     "meant to lift its profits in a hard market.",
     "Pelham Telecom said it planned to cut up to 2,000 jobs as part of a €1 billion savings drive meant to lift its "
     "profits in a hard market.",
     "currency conversion"),
]


@pytest.mark.parametrize("copied, shortened, cut", CUTS, ids=[case[2] for case in CUTS])
def test_each_cut_shortens_a_copied_sentence_and_says_which(copied, shortened, cut):
    trimmed = trim(copied, f"Some other opening. {copied} Some other ending.")
    assert trimmed.text == shortened and cut in trimmed.cuts


KEPT = [
    # a weekday that bounds a span is part of the fact
    "Shares of Orland Rail have fallen 14% since Friday, when the operator warned that its freight volumes and its "
    "margins would both shrink.",
    # ... or what it is set for, or a participle it follows before the verb
    "Tessara Bank and Ulvik Cloud report results for the quarter, with Tessara set for Tuesday after the bell and "
    "Ulvik later in the week.",
    "The takeover announced on Tuesday marks the latest foreign bid for a listed grocer, whose shares have lagged "
    "their rivals.",
    # a weekday in a name, or one of two days
    "Online spending on Cyber Monday rose to a record as shoppers bought discounted electronics, toys and clothes "
    "from the largest retailers in the country.",
    "The chief executive told the Mail on Sunday that the group would not abandon its plan to cut output by the end "
    "of the decade.",
    "Shares of Tessara Payments fell sharply on Monday and Tuesday after the central bank ordered its payments arm "
    "to stop taking new deposits.",
    "Stock markets will be closed for the holiday, and the bond market will close early on Thursday ahead of the long "
    "weekend break for traders.",
    # a third party's claim keeps its source: without it the claim reads as fact
    "Harbour Group companies engaged in brazen stock manipulation and accounting fraud over several decades, "
    "Birchmoor Research said in a report.",
    "The bank knowingly helped clients evade taxes and misled regulators about the scale of its wrongdoing over many "
    "years, according to a lawsuit filed by the state.",
    # "as expected" in a comparison, a clause after the verb, a "but" after a participle
    "Retail sales fell in December, but not as much as expected, suggesting that consumers were holding up better "
    "than feared despite high rates.",
    "The Reserve Bank of Ostland raised its main rate, which will make home and car loans more expensive, as inflation "
    "stayed above its upper limit for a third month.",
    "The central bank kept rates unchanged, reflecting concern that inflation remains sticky, but did not rule out a "
    "cut at its next meeting if price pressures eased.",
    # a clause with a number in it is a fact, not an aside
    "Halbrook Engineering cut its annual profit forecast after costs rose on its large building contracts in the "
    "north, sending its shares down 18% in early trading.",
    # a short name the sentence uses again stays where it is explained
    "The Federation of Coastal Grain Exporters (FCGE) agreed to cut output, and FCGE members will meet again to "
    "review the cut at the end of the year.",
    # a which-clause with a list in it would leave a broken sentence if cut at its first comma
    "Core inflation, which leaves out fuel, food, alcohol and tobacco, held at its lowest reading in two years, the "
    "statistics office figures for the month showed.",
]


@pytest.mark.parametrize("copied", KEPT)
def test_what_carries_the_fact_stays(copied):
    assert trim(copied, copied).text == copied


def test_a_sentence_is_left_alone_unless_it_copies_more_than_twenty_words():
    short = "Copper prices fell on Tuesday as the dollar firmed."
    assert trim(short, short).text == short and trim(short, short).cuts == ()
    own_words = ("Copper slipped on Tuesday for a third day running as traders worried that builders in the region "
                 "would need far less of the metal.")
    article = ("Copper prices fell on Tuesday as a firmer dollar and worries about demand from builders in the region "
               "weighed on the metal for a third day.")
    assert trim(own_words, article).text == own_words


def test_cuts_stop_once_the_copy_is_short_enough():
    copied = ("Tarn Mining agreed on Monday to buy Pellick Gold for $3.1 billion in cash, the two companies said, in "
              "a deal that would create the largest gold producer in the region.")
    trimmed = trim(copied, copied)
    assert trimmed.cuts == ("attribution",) and "on Monday" in trimmed.text
    assert trim(copied, copied, longest=12).cuts == ("attribution", "weekday")


@pytest.mark.parametrize("dated, undated", [
    ("SINGAPORE - Singapore shares ended higher.", "Singapore shares ended higher."),
    ("Jan 23 (Reuters) - Halbrook Engineering cut its forecast.", "Halbrook Engineering cut its forecast."),
    ("LONDON, April 16 (Wire) – Weak miners offset bank gains.", "Weak miners offset bank gains."),
    ("IBM - the tech group - said it would hire.", "IBM - the tech group - said it would hire."),
    ("U.S.-China trade talks resumed in Geneva.", "U.S.-China trade talks resumed in Geneva."),
    ("OPEC-Russia talks on output cuts stalled again.", "OPEC-Russia talks on output cuts stalled again."),
    ("Halbrook shares fell 4% - their worst day.", "Halbrook shares fell 4% - their worst day."),
])
def test_a_wires_dateline_leaves_a_summary_sentence(dated, undated):
    assert without_dateline(dated) == undated


def test_the_review_drops_a_dateline_and_the_telling_of_a_fact_with_fewer_numbers():
    article = ("SINGAPORE - Kessel Electronics has posted its highest ever operating profits of 17.6 trillion won, up "
               "21 percent from a year ago, in the third quarter of 2018. Its chip unit earned 13.7 trillion won.")
    review = SummaryReview(article, {"article": article})
    first = ("Kessel Electronics has reported record operating profits of 17.6 trillion won, up 21 percent from a "
             "year ago, its highest ever.")
    kept = review.whole(review.sentences([first, article.split(". ")[0] + "."]))
    assert kept == [article.split(". ")[0].removeprefix("SINGAPORE - ") + "."]
    assert any("dropped a dateline" in warning for warning in review.warnings)
    assert any("twice" in reason for reason in review.reasons)


def test_a_which_clause_that_ends_on_announced_is_no_attribution():
    copied = ("The acquisition, which was announced in March, is expected to close by the end of the year, subject to "
              "approval from regulators in two countries.")
    assert trim(copied, copied).text == ("The acquisition is expected to close by the end of the year, subject to "
                                         "approval from regulators in two countries.")
