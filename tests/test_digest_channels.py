"""Email and webhook side by side, each against its real server on loopback: at most once per period and channel,
what failed goes first next run, one channel's outage never holds the other back, one state file for both."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from digest_fakes import HOSTILE, NORDVALE, QUILLON, EchoBackend, news_folder
from test_digest_smtp import Server
from webhook_receiver import Receiver

from summarizer import DeliveryError, Summarizer
from summarizer.digest import DigestState, WebhookSettings, run_digest
from summarizer.digest.render import story_title

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])
NOW = datetime(2025, 10, 2, 8, 0, tzinfo=UTC)


@pytest.fixture
def hook() -> Iterator[Receiver]:
    with Receiver() as receiver:
        yield receiver


@pytest.fixture
def smtp() -> Iterator[Server]:
    server = Server()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def news(tmp_path: Path) -> Path:
    return news_folder(tmp_path, nordvale=NORDVALE, quillon=QUILLON)


def run(news: Path, state: Path, *, smtp: Server | None = None, hook: Receiver | None = None,
        at: datetime = NOW) -> Any:
    return run_digest([str(news)], summarizer=Summarizer(backend=EchoBackend()), state_dir=state, now=lambda: at,
                      since=timedelta(days=3650), sender="digest@example.net",
                      recipients=["me@example.com"] if smtp else [], smtp=smtp.settings() if smtp else None,
                      webhook=WebhookSettings(url=hook.url, format="json") if hook else None)


def periods(hook: Receiver) -> list[str]:
    return [body["period"] for body in hook.bodies]


def mails(smtp: Server) -> list[str]:
    return [str(m["message"]["X-Digest-Period"]) for m in smtp.inbox.messages]


def test_each_period_goes_out_at_most_once_per_channel(smtp: Server, hook: Receiver, news: Path, tmp_path: Path):
    state = tmp_path / "state"
    first = run(news, state, smtp=smtp, hook=hook)
    assert len(first.sent) == 1 and len(first.posted) == 1
    (news / "acme.txt").write_text(HOSTILE, encoding="utf-8")
    again = run(news, state, smtp=smtp, hook=hook, at=NOW + timedelta(hours=4))  # same day: same period
    assert again.sent == [] and again.posted == []
    assert "already sent by smtp" in again.skipped and "sent by webhook" in again.skipped
    assert run(news, state, hook=hook, at=NOW + timedelta(hours=5)).posted == []
    assert run(news, state, smtp=smtp, at=NOW + timedelta(hours=6)).sent == []
    assert (mails(smtp), periods(hook)) == (["2025-10-02"], ["2025-10-02"])
    tomorrow = run(news, state, smtp=smtp, hook=hook, at=NOW + timedelta(days=1))
    assert len(tomorrow.sent) == 1 and len(tomorrow.posted) == 1
    assert [s["title"] for s in hook.bodies[1]["stories"]] == [story_title(tomorrow.digest.stories[0])]
    [digest, _] = DigestState(state).digests
    assert digest["deliveries"]["smtp"]["id"] == first.sent[0]
    assert digest["deliveries"]["webhook"]["id"] == first.posted[0] == hook.bodies[0]["id"]


def test_one_channel_down_the_other_delivers_and_the_failed_one_goes_first_next_run(
        smtp: Server, hook: Receiver, news: Path, tmp_path: Path):
    state = tmp_path / "state"
    smtp.stop()  # the mail server is down for the first run
    with pytest.raises(DeliveryError, match="cannot reach the SMTP server") as caught:
        run(news, state, smtp=smtp, hook=hook)
    assert caught.value.channel == "smtp"
    assert periods(hook) == ["2025-10-02"]  # the webhook went all the same
    deliveries = DigestState(state).digests[0]["deliveries"]
    assert (deliveries["smtp"]["status"], deliveries["webhook"]["status"]) == ("queued", "sent")

    hook.script = [(503, {}, b"down")] * 4  # next day the receiver is down and the mail server back
    smtp.start()
    (news / "acme.txt").write_text(HOSTILE, encoding="utf-8")
    with pytest.raises(DeliveryError, match="webhook .* kept failing") as caught:
        run(news, state, smtp=smtp, hook=hook, at=NOW + timedelta(days=1))
    assert caught.value.channel == "webhook"
    assert mails(smtp) == ["2025-10-02", "2025-10-03"]  # the kept message first, then the day's

    (news / "later.txt").write_text(NORDVALE.replace("Nordvale", "Brightwater"), encoding="utf-8")
    third = run(news, state, smtp=smtp, hook=hook, at=NOW + timedelta(days=2))
    assert periods(hook)[-2:] == ["2025-10-03", "2025-10-04"]  # again the kept payload first
    assert len(third.posted) == 2 and len(third.sent) == 1
    assert mails(smtp) == ["2025-10-02", "2025-10-03", "2025-10-04"]
    state_now = DigestState(state)
    assert not state_now.outbox_files("smtp") and not state_now.outbox_files("webhook")
    keys = [key for d in state_now.digests for key in d["articles"]]
    assert len(keys) == len(set(keys)) == 4  # each article in one digest, whichever channels carried it


def test_a_channel_asked_for_later_in_the_period_delivers_that_periods_digest(smtp: Server, hook: Receiver,
                                                                              news: Path, tmp_path: Path):
    """Two cron lines, one per channel: the second one delivers the digest the first one built."""
    state = tmp_path / "state"
    morning = run(news, state, smtp=smtp)
    (news / "acme.txt").write_text(HOSTILE, encoding="utf-8")  # arrives after the digest was built
    noon = run(news, state, hook=hook, at=NOW + timedelta(hours=4))
    assert len(noon.posted) == 1 and periods(hook) == ["2025-10-02"]
    titles = [s["title"] for s in hook.bodies[0]["stories"]]
    assert titles == [story_title(s) for s in morning.digest.stories]  # the same digest, not a new one
    assert not any("Acme" in title for title in titles)
    assert set(DigestState(state).digests[0]["deliveries"]) == {"smtp", "webhook"}
    tomorrow = run(news, state, smtp=smtp, hook=hook, at=NOW + timedelta(days=1))
    assert ["Acme" in s.lead.summary.summary for s in tomorrow.digest.stories] == [True]


def test_a_version_1_state_is_read_and_its_queued_message_sent(smtp: Server, news: Path, tmp_path: Path):
    state = tmp_path / "state"
    (state / "outbox").mkdir(parents=True)
    message = (b"Message-ID: <old@example.net>\r\nFrom: d@example.net\r\nTo: me@example.com\r\n"
               b"X-Digest-Period: 2025-10-01\r\nSubject: old\r\n\r\nbody\r\n")
    (state / "outbox" / "20251001T080000000000-old@example.net.eml").write_bytes(message)
    (state / "state.json").write_text(json.dumps({"version": 1, "articles": {"k": {"digest": "<old@example.net>"}},
                                                  "digests": [{
        "period": "2025-10-01", "start": "2025-09-30T08:00:00+00:00", "end": "2025-10-01T08:00:00+00:00",
        "message_id": "<old@example.net>", "recipients": ["me@example.com"], "status": "queued",
        "queued_at": "2025-10-01T08:00:00+00:00", "sent_at": None, "articles": ["k"], "failed": []}]}),
        encoding="utf-8")
    result = run(news, state, smtp=smtp)
    assert result.sent[0] == "<old@example.net>" and mails(smtp) == ["2025-10-01", "2025-10-02"]
    saved = json.loads((state / "state.json").read_text(encoding="utf-8"))
    assert saved["version"] == 2
    assert saved["digests"][0]["deliveries"]["smtp"]["status"] == "sent"
