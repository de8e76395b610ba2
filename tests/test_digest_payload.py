"""The webhook payloads as data: Slack's block limits, mrkdwn escaping of article text, the JSON digest.

Over HTTP (what the receiver gets, retries, secrets) is ``test_digest_webhook.py``.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from digest_fakes import EchoBackend
from digest_feeds import SLACK_BAIT, WIRE, deal, feed_file

from summarizer import Summarizer
from summarizer.digest import Candidate, Digest, Story, build_digest, collect, json_payload, slack_payload
from summarizer.digest.build import Failure
from summarizer.digest.payload import MAX_BLOCKS, MAX_HEADER, MAX_TEXT, clip, mrkdwn
from summarizer.digest.stories import Item
from summarizer.models import Meta, Sentiment, Summary

NOW = datetime(2025, 10, 2, 8, 0, tzinfo=UTC)


def texts(payload: dict[str, Any]) -> list[str]:
    """Every text Slack will read in the payload: headers, sections and context elements."""
    found = [payload["text"]]
    for block in payload["blocks"]:
        if "text" in block:
            found.append(block["text"]["text"])
        found += [element["text"] for element in block.get("elements", [])]
    return found


def digest_of(tmp_path: Path) -> Digest:
    news = tmp_path / "news"
    news.mkdir()
    (news / "acme.txt").write_text(SLACK_BAIT, encoding="utf-8")
    feed_file(news / "wire.xml", ("https://wire.example/helio", deal("$21 billion")),
              ("https://daily.example/helio", deal("$2.1 billion")),
              ("https://markets.example/helio", deal("$2.1 billion")),
              ("https://ledger.example/helio", deal("$2.1 billion")), ("https://wire.example/lumora", WIRE))
    with Summarizer(backend=EchoBackend(), use_cache=False) as s:
        return build_digest(s, collect([str(news)], NOW - timedelta(days=1)), period="2025-10-02",
                            start=NOW - timedelta(days=1), end=NOW)


def test_slack_blocks_per_story_title_summary_figures_sentiment_and_a_link_per_source(tmp_path: Path):
    payload = slack_payload(digest_of(tmp_path), title="Morning digest")
    blocks = payload["blocks"]
    assert [b["type"] for b in blocks[:3]] == ["header", "context", "divider"]
    assert blocks[0]["text"] == {"type": "plain_text", "text": "Morning digest"}
    assert "6 article(s) in 3 stories" in blocks[1]["elements"][0]["text"]
    story = [b for b in blocks if b["type"] == "section" and "Helio Grid agrees" in b["text"]["text"]]
    [main] = story
    helio = blocks.index(main)
    figures, sources, divider = blocks[helio + 1:helio + 4]
    assert main["text"]["text"].startswith("*Helio Grid agrees takeover of Vantor Power*\n:large_green_circle: "
                                           "positive +0.5\nHelio Grid will pay $21 billion")
    assert "• *$21 billion* figure 1 :warning: disputed" in figures["text"]["text"]
    assert (":warning: *Sources disagree on* figure 1: $2.1 billion (3 sources: daily.example, markets.example, "
            "ledger.example) vs $21 billion (1 source: wire.example)") in figures["text"]["text"]
    assert sources["type"] == "context" and divider["type"] == "divider"
    assert re.findall(r"<(https://[^|>]+)\|([^>]+)>", sources["elements"][0]["text"]) == [
        (f"https://{site}/helio", site) for site in ("wire.example", "daily.example", "markets.example",
                                                     "ledger.example")]
    assert all(len(text) <= MAX_TEXT for text in texts(payload)) and len(blocks) <= MAX_BLOCKS
    json.dumps(payload)  # plain JSON all through


def test_article_text_cannot_mention_link_or_quote_in_slack(tmp_path: Path):
    payload = slack_payload(digest_of(tmp_path), title="Acme <!here> & co")
    every = "\n".join(texts(payload))
    for raw in ("<!channel>", "<!here>", "<@U0ADMIN>", "<https://evil.example", "<b>", "> supply"):
        assert raw not in every, raw
    assert "Acme &lt;!channel&gt; &amp; &lt;https://evil.example/x|click here&gt; beats &gt; forecasts" in every
    assert "&lt;@U0ADMIN&gt; in the quarter &amp; profit" in every and "demand &gt; supply" in every
    assert payload["blocks"][0]["text"]["text"] == "Acme &lt;!here&gt; &amp; co"
    links = re.findall(r"<([^>]*)>", every)  # what Slack would parse: only our links to the sources
    assert links and all(re.fullmatch(r"https://[a-z.]+\.example/\w+\|[a-z.]+", link) for link in links)
    assert mrkdwn("a & b < c > d") == "a &amp; b &lt; c &gt; d"


def _story(n: int, summary: str = "Something happened.") -> Story:
    url = f"https://site{n}.example/a"
    result = Summary(title=f"Story number {n}", summary=summary, key_figures=[],
                     sentiment=Sentiment(label="neutral", score=0.0, rationale="r"),
                     meta=Meta(model="m", backend="b", prompt_version="1"))
    return Story([Item(Candidate(key=url, origin=url, kind="url", url=url), result)])


def test_slack_limits_stories_that_do_not_fit_are_counted_in_a_note_and_long_text_is_cut():
    long = "Shares & bonds < rallied > again. " * 200  # escaping makes it longer still
    stories = [_story(0, long)] + [_story(n) for n in range(1, 30)]
    failed = [Failure(Candidate(key="k", origin="https://x.example/f", kind="url"), "model failed")]
    digest = Digest("2025-10-02", NOW - timedelta(days=1), NOW, stories, failed)
    payload = slack_payload(digest, title="T" * 400)
    blocks = payload["blocks"]
    assert len(blocks) <= MAX_BLOCKS
    assert len(blocks[0]["text"]["text"]) == MAX_HEADER
    assert all(len(text) <= MAX_TEXT for text in texts(payload))
    first = blocks[3]["text"]["text"]
    assert first.endswith("…") and len(first) == MAX_TEXT and not re.search(r"&[a-z]*…$", first)
    shown = sum(1 for b in blocks if b["type"] == "section" and b["text"]["text"].startswith("*Story number"))
    note, last = blocks[-2]["elements"][0]["text"], blocks[-1]["elements"][0]["text"]
    assert shown < 30 and f"{30 - shown} more stories not shown" in note
    assert "1 article(s) could not be summarized" in last
    assert clip("a &amp; b", 6) == "a …" and clip("short", 10) == "short"


def test_the_json_digest_has_stories_figures_conflicts_sentiment_sources_and_failures(tmp_path: Path):
    digest = digest_of(tmp_path)
    digest.failed.append(Failure(Candidate(key="f", origin="https://gone.example/a", kind="url",
                                           url="https://gone.example/a", title="Gone"), "404 on fetch", 2))
    payload = json_payload(digest, title="Morning", ident="abc123")
    assert {k: payload[k] for k in ("schema", "id", "title", "period", "article_count")} == {
        "schema": "summarizer.digest/1", "id": "abc123", "title": "Morning", "period": "2025-10-02",
        "article_count": 6}
    assert payload["start"] == (NOW - timedelta(days=1)).isoformat() and payload["end"] == NOW.isoformat()
    helio = next(s for s in payload["stories"] if s["title"].startswith("Helio"))
    assert helio["summary"].startswith("Helio Grid will pay $21 billion")
    assert helio["sentiment"] == {"label": "positive", "score": 0.5, "rationale": "the article's tone"}
    assert helio["figures"][0] | {"value": 0} == {"raw": "$21 billion", "label": "figure 1", "value": 0,
                                                  "unit": "USD", "kind": "money", "approximate": False,
                                                  "direction": None, "entity": None, "value_high": None,
                                                  "disputed": True}
    assert helio["conflicts"] == [{"measure": "figure 1", "unit": "USD", "kind": "money", "values": [
        {"raw": "$2.1 billion", "value": 2.1e9, "count": 3,
         "sources": ["daily.example", "markets.example", "ledger.example"]},
        {"raw": "$21 billion", "value": 21e9, "count": 1, "sources": ["wire.example"]}]}]
    assert [s["url"] for s in helio["sources"]] == [f"https://{site}/helio" for site in (
        "wire.example", "daily.example", "markets.example", "ledger.example")]
    acme = next(s for s in payload["stories"] if s["title"].startswith("Acme"))
    assert acme["title"] == "Acme <!channel> & <https://evil.example/x|click here> beats > forecasts"  # JSON: as is
    assert payload["failed"] == [{"source": "https://gone.example/a", "title": "Gone", "error": "404 on fetch",
                                  "attempts": 2}]
    assert json.loads(json.dumps(payload)) == payload
