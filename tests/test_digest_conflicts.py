"""Figure conflicts in a merged story: same measure, values that disagree, shown rather than picked.

The fixtures are written for these tests: one takeover reported by four outlets, one of which
slipped a decimal point, and the cases that must not count as a conflict.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from digest_fakes import EchoBackend

from summarizer import Summarizer
from summarizer.digest import Candidate, build_digest, render_html, render_text
from summarizer.digest.conflicts import find_conflicts
from summarizer.digest.stories import Item, Story
from summarizer.models import KeyFigure, Meta, Sentiment, Summary

NOW = datetime(2025, 10, 2, 8, 0, tzinfo=UTC)


def figure(raw: str, label: str, value: float, unit: str = "USD", kind: str = "money",
           entity: str | None = None) -> KeyFigure:
    return KeyFigure(raw=raw, label=label, value=value, unit=unit, kind=kind, start=0, end=len(raw),
                     entity=entity)


def source(site: str, *figures: KeyFigure) -> Item:
    summary = Summary(title="Helio Grid agrees takeover of Vantor Power", summary="Helio Grid will buy Vantor Power.",
                      key_figures=list(figures), sentiment=Sentiment(label="neutral", score=0.0, rationale="deal"),
                      meta=Meta(model="m", backend="b", prompt_version="1"))
    url = f"https://{site}/helio-vantor"
    return Item(Candidate(key=url, origin=url, kind="url", url=url), summary)


PRICE = "takeover price"


def test_a_decimal_slip_in_one_source_is_a_conflict_with_the_majority_first():
    story = Story([source("wire.example", figure("$21 billion", PRICE, 21e9)),
                   source("daily.example", figure("$2.1 billion", "takeover price", 2.1e9)),
                   source("markets.example", figure("$2.1bn", "price of the takeover", 2.1e9)),
                   source("ledger.example", figure("$2.10 billion", "Takeover price", 2.1e9))])
    [conflict] = find_conflicts(story)
    assert (conflict.label, conflict.unit, conflict.kind) == (PRICE, "USD", "money")
    assert [(c.figure.raw, len(c.items)) for c in conflict.claims] == [("$2.1 billion", 3), ("$21 billion", 1)]
    assert conflict.involves(story.summary.key_figures[0])  # the lead's own figure is the odd one out


def test_rounding_and_a_source_giving_an_extra_year_are_not_conflicts():
    story = Story([source("a.example", figure("$2.1 billion", PRICE, 2.1e9)),
                   source("b.example", figure("$2.14 billion", PRICE, 2.14e9)),  # within 5%
                   source("c.example", figure("$2.1 billion", PRICE, 2.1e9),
                          figure("$1.6 billion", PRICE, 1.6e9))])  # also quotes an earlier offer: one value agrees
    assert find_conflicts(story) == []


def test_different_measures_units_and_entities_are_never_compared():
    story = Story([
        source("a.example", figure("$2.1 billion", PRICE, 2.1e9), figure("12%", "share gain", 12, "%", "percent"),
               figure("$310 million", "revenue in 2024", 310e6), figure("$5 billion", "market value", 5e9,
                                                                           entity="Helio Grid")),
        source("b.example", figure("€2.1 billion", PRICE, 2.1e9, "EUR"), figure("12 million", "share gain", 12e6,
                                                                                  "shares", "count"),
               figure("$280 million", "revenue in 2023", 280e6), figure("$1 billion", "market value", 1e9,
                                                                           entity="Vantor Power")),
    ])
    assert find_conflicts(story) == []


def test_percentages_that_disagree_and_a_story_with_one_source():
    drop = [source("a.example", figure("12%", "share price drop", 12, "%", "percent")),
            source("b.example", figure("21%", "drop in share price", 21, "%", "percent"))]
    [conflict] = find_conflicts(Story(drop))
    assert [c.figure.raw for c in conflict.claims] == ["12%", "21%"]  # a tie: the lead's value first
    assert find_conflicts(Story(drop[:1])) == []


def _outlet(site: str, amount: str) -> Candidate:
    text = (f"Helio Grid agrees takeover of Vantor Power\n\nHelio Grid will pay {amount} for Vantor Power, the "
            "utility said on Monday, and expects the deal to close next spring after a review by regulators.")
    url = f"https://{site}/helio"
    return Candidate(key=url, origin=url, kind="entry", url=url, text=text, title="Helio Grid agrees takeover of "
                     "Vantor Power")


def test_the_email_shows_the_conflict_under_the_merged_story():
    candidates = [_outlet("wire.example", "$21 billion"), _outlet("daily.example", "$2.1 billion"),
                  _outlet("markets.example", "$2.1 billion"), _outlet("ledger.example", "$2.1 billion")]
    with Summarizer(backend=EchoBackend()) as s:
        digest = build_digest(s, candidates, period="p", start=NOW - timedelta(days=1), end=NOW)
    [story] = digest.stories
    text = render_text(digest, subject="s")
    assert ("! Sources disagree on figure 1: $2.1 billion (3 sources: daily.example, markets.example, "
            "ledger.example) vs $21 billion (1 source: wire.example)") in text
    assert "- $21 billion: figure 1 [sources disagree]" in text
    html = render_html(digest, subject="s")
    assert "Sources disagree on</strong> figure 1: $2.1 billion (3 sources" in html
    assert "&#9888; disputed" in html
    agreeing = Story([story.items[1], story.items[2]])
    assert find_conflicts(agreeing) == []
