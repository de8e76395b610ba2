"""The digest's webhook against a real HTTP receiver on loopback: what it gets, retries, refusals, the secret URL.

Waits (Retry-After, backoff) are on the virtual clock (``conftest.virtual_clock``): nothing really waits.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from digest_fakes import NORDVALE, QUILLON, EchoBackend, news_folder
from webhook_receiver import SECRET, Receiver

from summarizer import ConfigError, DeliveryError, Summarizer
from summarizer.cli import cli
from summarizer.digest import DigestState, WebhookSettings, run_digest
from summarizer.digest.webhook import redact
from summarizer.testing import VirtualClock, serving

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])
NOW = datetime(2025, 10, 2, 8, 0, tzinfo=UTC)


@pytest.fixture
def hook() -> Iterator[Receiver]:
    with Receiver() as receiver:
        yield receiver


@pytest.fixture
def news(tmp_path: Path) -> Path:
    return news_folder(tmp_path, nordvale=NORDVALE, quillon=QUILLON)


def run(news: Path, state: Path, webhook: WebhookSettings, at: datetime = NOW, **kwargs: Any) -> Any:
    return run_digest([str(news)], summarizer=Summarizer(backend=EchoBackend()), webhook=webhook, state_dir=state,
                      now=lambda: at, since=timedelta(days=3650), **kwargs)


def test_a_webhook_only_run_posts_slack_blocks_with_an_idempotency_key(hook: Receiver, news: Path, tmp_path: Path):
    result = run(news, tmp_path / "state", WebhookSettings(url=hook.url))
    [request] = hook.requests
    assert request["path"] == f"/services/{SECRET}"
    assert request["headers"]["Content-Type"] == "application/json; charset=utf-8"
    body = request["json"]
    assert body == result.payload and body["blocks"][0]["type"] == "header"
    assert "Nordvale Bank launches a euro stablecoin" in body["text"]
    assert result.posted == [request["headers"]["Idempotency-Key"]] and result.sent == []
    delivery = DigestState(tmp_path / "state").digests[0]["deliveries"]
    assert list(delivery) == ["webhook"]
    assert delivery["webhook"]["status"] == "sent" and delivery["webhook"]["format"] == "slack"
    assert not DigestState(tmp_path / "state").outbox_files("webhook")


def test_the_json_format_posts_the_digest_with_its_delivery_id(hook: Receiver, news: Path, tmp_path: Path):
    run(news, tmp_path / "state", WebhookSettings(url=hook.url, format="json"))
    [request] = hook.requests
    body = request["json"]
    assert body["schema"] == "summarizer.digest/1" and body["id"] == request["headers"]["Idempotency-Key"]
    assert [s["title"] for s in body["stories"]] == ["Nordvale Bank launches a euro stablecoin",
                                                     "Quillon Chips profit fell 12% on weaker demand"]
    quillon = body["stories"][1]
    assert "$310 million" in [f["raw"] for f in quillon["figures"]] and quillon["sentiment"]["label"] == "negative"


def test_429_and_5xx_are_retried_honouring_retry_after(hook: Receiver, news: Path, tmp_path: Path,
                                                       virtual_clock: VirtualClock):
    hook.script = [(429, {"Retry-After": "7"}, b"rate_limited"), (503, {"Retry-After": "2"}, b"busy"),
                   (500, {}, b"oops")]
    result = run(news, tmp_path / "state", WebhookSettings(url=hook.url))
    assert len(hook.requests) == 4 and len(result.posted) == 1
    assert virtual_clock.waits[:2] == [7.0, 2.0]  # as the receiver asked
    assert 4.0 <= virtual_clock.waits[2] <= 8.0  # no Retry-After: backoff (2 s doubled twice, with jitter)
    assert len({r["body"] for r in hook.requests}) == 1  # the same payload each time
    assert len({r["headers"]["Idempotency-Key"] for r in hook.requests}) == 1


def test_retries_are_bounded_and_the_payload_goes_first_next_run(hook: Receiver, news: Path, tmp_path: Path,
                                                                 virtual_clock: VirtualClock):
    hook.script = [(503, {"Retry-After": "3600"}, b"down")] * 3
    state_dir = tmp_path / "state"
    with pytest.raises(DeliveryError, match=r"kept failing \(last answer: 503 down\) \(3 attempt\(s\)\); it waits "
                                            r"in the outbox for the next run \(1 waiting in .*outbox/webhook\)"):
        run(news, state_dir, WebhookSettings(url=hook.url, format="json"))
    # each wait capped at 60 s, and no wait that would end past 120 s after the first request: 3 of 4 attempts
    assert len(hook.requests) == 3 and virtual_clock.waits == [60.0, 60.0]
    first_id = hook.bodies[0]["id"]
    assert DigestState(state_dir).digests[0]["deliveries"]["webhook"]["status"] == "queued"

    (news / "later.txt").write_text(NORDVALE.replace("Nordvale", "Brightwater"), encoding="utf-8")
    result = run(news, state_dir, WebhookSettings(url=hook.url, format="json"), at=NOW + timedelta(days=1))
    kept, new = hook.bodies[3:]
    assert kept["id"] == first_id and kept["period"] == "2025-10-02"  # the kept payload before anything else
    assert new["period"] == "2025-10-03" and [s["title"] for s in new["stories"]] == [
        "Brightwater Bank launches a euro stablecoin"]
    assert result.posted == [first_id, new["id"]]
    assert not DigestState(state_dir).outbox_files("webhook")


def test_an_unreachable_receiver_is_retried_then_waits(news: Path, tmp_path: Path, virtual_clock: VirtualClock):
    closed = Receiver()  # bound, never served: connections are refused
    url = closed.url
    closed.httpd.server_close()
    with pytest.raises(DeliveryError, match=r"the webhook at http://127\.0\.0\.1:\d+ could not be reached .*"
                                            r"\(4 attempt\(s\)\)"):
        run(news, tmp_path / "state", WebhookSettings(url=url))
    assert len(virtual_clock.waits) == 3
    assert len(DigestState(tmp_path / "state").outbox_files("webhook")) == 1


@pytest.mark.parametrize(("status", "said", "fix"), [
    (404, b"no_service", "no such webhook"), (403, b"invalid_token", "the URL is wrong or was revoked"),
    (410, b"channel_is_archived", "no such webhook")])
def test_a_refused_url_is_final_says_how_to_fix_and_keeps_the_payload(hook: Receiver, news: Path, tmp_path: Path,
                                                                      status: int, said: bytes, fix: str):
    hook.script = [(status, {}, said)]
    with pytest.raises(DeliveryError) as caught:
        run(news, tmp_path / "state", WebhookSettings(url=hook.url))
    message = str(caught.value)
    assert len(hook.requests) == 1  # not retried
    assert "\n" not in message and f"answered {status} {said.decode()}: {fix}" in message
    assert "set SUMMARIZER_DIGEST_WEBHOOK_URL (or url under [webhook] in the config file)" in message
    assert len(DigestState(tmp_path / "state").outbox_files("webhook")) == 1
    result = run(news, tmp_path / "state", WebhookSettings(url=hook.url))  # fixed: the kept payload goes
    assert len(result.posted) == 1 and len(hook.requests) == 2 and "already" in (result.skipped or "")


def test_a_refused_payload_is_set_aside_and_does_not_block_the_next_digests(hook: Receiver, news: Path,
                                                                            tmp_path: Path):
    hook.script = [(400, {}, b"invalid_blocks")]
    state_dir = tmp_path / "state"
    with pytest.raises(DeliveryError, match="answered 400 invalid_blocks: it refused the payload; if the receiver "
                                            "is not Slack, use --webhook-format json"):
        run(news, state_dir, WebhookSettings(url=hook.url))
    state = DigestState(state_dir)
    assert state.digests[0]["deliveries"]["webhook"]["status"] == "refused"
    assert not state.outbox_files("webhook") and len(list((state.outbox / "webhook" / "refused").iterdir())) == 1
    (news / "later.txt").write_text(NORDVALE.replace("Nordvale", "Brightwater"), encoding="utf-8")
    result = run(news, state_dir, WebhookSettings(url=hook.url), at=NOW + timedelta(days=1))
    assert len(result.posted) == 1 and len(hook.requests) == 2  # the refused one is not sent again


def test_the_webhook_url_must_be_https_off_this_machine_and_is_shown_as_its_host_only():
    secret = "https://hooks.example.com/services/T0/B0/" + SECRET
    assert redact(secret) == "https://hooks.example.com" and SECRET not in repr(WebhookSettings(url=secret))
    for bad in ("http://hooks.example.com/services/" + SECRET, "ftp://hooks.example.com/" + SECRET,
                "https://hooks.example.com:notaport/" + SECRET, SECRET):
        with pytest.raises(ConfigError) as caught:
            WebhookSettings.resolve({"SUMMARIZER_DIGEST_WEBHOOK_URL": bad})
        assert SECRET not in str(caught.value) and "SUMMARIZER_DIGEST_WEBHOOK_URL" in str(caught.value)
    with pytest.raises(ConfigError, match="no webhook URL: set SUMMARIZER_DIGEST_WEBHOOK_URL.*never takes it"):
        WebhookSettings.resolve({})
    with pytest.raises(ConfigError, match="must use https://"):
        WebhookSettings(url="http://hooks.example.com/" + SECRET)  # built directly: checked all the same


def test_settings_come_from_the_environment_over_the_config_file(tmp_path: Path):
    config = tmp_path / "config.toml"
    config.write_text(f'[webhook]\nurl = "https://hooks.example.com/{SECRET}"\nformat = "json"\ntimeout = 5\n',
                      encoding="utf-8")
    from_file = WebhookSettings.resolve({"SUMMARIZER_CONFIG": str(config)})
    assert (from_file.url, from_file.format, from_file.timeout) == (f"https://hooks.example.com/{SECRET}", "json", 5)
    env = {"SUMMARIZER_CONFIG": str(config), "SUMMARIZER_DIGEST_WEBHOOK_URL": "https://other.example/x",
           "SUMMARIZER_DIGEST_WEBHOOK_FORMAT": "slack"}
    assert (WebhookSettings.resolve(env).url, WebhookSettings.resolve(env, format="json").format) == (
        "https://other.example/x", "json")
    with pytest.raises(ConfigError, match="'teams' is not one of slack, json"):
        WebhookSettings.resolve(env, format="teams")


def _files(folder: Path) -> Iterator[Path]:
    return (path for path in folder.rglob("*") if path.is_file())


def test_the_url_is_in_no_output_log_state_file_or_error(hook: Receiver, news: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch,
                                                         caplog: pytest.LogCaptureFixture):
    """The receiver echoes the URL in its error bodies: still nowhere but in the request line it was sent to."""
    monkeypatch.setenv("SUMMARIZER_DIGEST_WEBHOOK_URL", hook.url)
    echo = f"no route for POST {hook.url} (/services/{SECRET})".encode()
    hook.script = [(503, {}, echo)] * 4 + [(500, {}, echo), (404, {}, echo)]
    state_dir = tmp_path / "state"
    args = ["digest", str(news), "--webhook", "--since", "3650d", "--state-dir", str(state_dir)]
    caplog.set_level(logging.DEBUG)
    with serving(EchoBackend()):
        failed = CliRunner().invoke(cli, args)  # 4 attempts, all 503
        refused = CliRunner().invoke(cli, args)  # the kept payload: 500, then 404
        dry = CliRunner().invoke(cli, [*args[:-1], str(tmp_path / "fresh"), "--dry-run", "--eml",
                                       str(tmp_path / "d.eml")])
    assert (failed.exit_code, refused.exit_code, dry.exit_code) == (1, 1, 0), failed.output + refused.output
    assert "error: the webhook at http://127.0.0.1:" in failed.stderr and "kept failing" in failed.stderr
    assert "answered 404 no route for POST ***" in refused.stderr
    assert [r["path"] for r in hook.requests] == [f"/services/{SECRET}"] * 6  # it was used, where it belongs
    outputs = [failed.stdout, failed.stderr, refused.stdout, refused.stderr, dry.stdout, dry.stderr, caplog.text]
    stored = [path.read_bytes().decode("utf-8", "replace") for path in _files(state_dir)]
    written = [(tmp_path / "d.webhook.json").read_text(encoding="utf-8")]
    for text in [*outputs, *stored, *written]:
        assert SECRET not in text and "/services/" not in text


def test_the_command_line_never_takes_the_url(hook: Receiver, news: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch):
    base = ["digest", str(news), "--since", "3650d", "--state-dir", str(tmp_path / "state")]
    as_value = CliRunner().invoke(cli, [*base, f"--webhook={hook.url}"])
    assert as_value.exit_code == 2 and "does not take a value" in as_value.stderr and SECRET not in as_value.output
    unset = CliRunner().invoke(cli, [*base, "--webhook", hook.url])  # the URL lands among the SOURCES
    assert unset.exit_code == 1 and "no webhook URL: set SUMMARIZER_DIGEST_WEBHOOK_URL" in unset.stderr
    monkeypatch.setenv("SUMMARIZER_DIGEST_WEBHOOK_URL", hook.url)
    both = CliRunner().invoke(cli, [*base, "--webhook", hook.url])
    assert both.exit_code == 2 and "the webhook URL is among the SOURCES" in both.stderr
    for result in (unset, both):
        assert SECRET not in result.output
    nothing = CliRunner().invoke(cli, base)
    assert nothing.exit_code == 2 and "nothing to deliver to" in nothing.stderr
    assert hook.requests == [] and not (tmp_path / "state").exists()  # refused before anything ran


def test_the_help_documents_the_webhook():
    text = CliRunner().invoke(cli, ["digest", "--help"], env={"COLUMNS": "200"}).output
    assert "--webhook " in text and "SUMMARIZER_DIGEST_WEBHOOK_URL" in text and "--webhook-format [slack|json]" in text
