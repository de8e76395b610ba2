"""Building the digest: sources, same-story merging, escaping, headers, state, failures retried, the CLI dry run."""

from __future__ import annotations

import email
import os
import re
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email import policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
from click.testing import CliRunner
from digest_fakes import HOSTILE, NORDVALE, QUILLON, EchoBackend

from summarizer import ConfigError, Summarizer
from summarizer.backends import ExtractionOutcome, ExtractionRequest
from summarizer.cli import cli
from summarizer.digest import (
    Candidate,
    Digest,
    DigestState,
    build_digest,
    collect,
    compose,
    header_safe,
    parse_since,
    period_label,
    render_html,
    run_digest,
)
from summarizer.testing import serving

LOOPBACK = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])
NOW = datetime(2025, 10, 2, 8, 0, tzinfo=UTC)
LONG_ENTRY = ("Lumora, a decentralised exchange, said an attacker drained $44 million from its lending pools on "
              "Monday. The team paused all contracts and offered the attacker a 10% bounty to return the funds. "
              "Lumora's token fell 31% after the news, and rival exchanges said they were checking their own "
              "code for the same flaw.")


def feed(base: str = "http://127.0.0.1") -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Test wire</title><link>{base}/</link><description>t</description>
<item><title>Lumora exchange drained of $44 million</title><link>{base}/lumora</link>
  <guid>lumora-1</guid><pubDate>Thu, 02 Oct 2025 06:00:00 GMT</pubDate>
  <description><![CDATA[<p>{LONG_ENTRY}</p>]]></description></item>
<item><title>Quillon profit falls</title><link>{base}/quillon.txt</link><guid>quillon-1</guid>
  <pubDate>Thu, 02 Oct 2025 05:00:00 GMT</pubDate><description>Short teaser.</description></item>
<item><title>Old news</title><link>{base}/old</link><guid>old-1</guid>
  <pubDate>Mon, 01 Sep 2025 05:00:00 GMT</pubDate><description>{LONG_ENTRY}</description></item>
</channel></rss>
"""


class _Handler(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[str, bytes]]] = {}

    def do_GET(self) -> None:
        content_type, body = self.routes.get(self.path, ("text/plain", b""))
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def web() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    _Handler.routes = {
        "/feed.xml": ("application/rss+xml", feed(base).encode()),
        "/quillon.txt": ("text/plain; charset=utf-8", QUILLON.encode()),
        "/nordvale.html": ("text/html; charset=utf-8",
                           f"<html><head><title>x</title></head><body><article><p>{NORDVALE}</p></article></body>"
                           "</html>".encode()),
    }
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield base
    httpd.shutdown()
    httpd.server_close()


def summarizer(**kwargs: Any) -> Summarizer:
    return Summarizer(backend=EchoBackend(**kwargs), allow_private_urls=True)


def digest_of(candidates: list[Candidate], backend: EchoBackend | None = None) -> Digest:
    s = Summarizer(backend=backend or EchoBackend())
    return build_digest(s, candidates, period="2025-10-02", start=NOW - timedelta(days=1), end=NOW)


def entry(key: str, text: str, title: str | None = None, url: str | None = None) -> Candidate:
    return Candidate(key=key, origin=url or key, kind="entry", title=title, url=url, text=text)


# --- sources ------------------------------------------------------------------

@LOOPBACK
def test_a_feed_by_url_gives_its_recent_entries_and_fetches_teasers_links(web: str):
    found = collect([f"{web}/feed.xml"], NOW - timedelta(days=1), allow_private=True)
    assert [c.key for c in found] == ["entry:lumora-1", "entry:quillon-1"]  # the September item is too old
    lumora, quillon = found
    assert lumora.kind == "entry" and "$44 million" in (lumora.text or "") and "<p>" not in (lumora.text or "")
    assert quillon.kind == "url" and quillon.url == f"{web}/quillon.txt"  # a teaser: the article is fetched
    result = build_digest(summarizer(), found, period="p", start=NOW, end=NOW)
    assert [s.summary.summary.split()[0].strip(",") for s in result.stories] == ["Lumora", "Quillon"]
    assert result.stories[1].lead.candidate.url == f"{web}/quillon.txt"


@LOOPBACK
def test_feeds_on_loopback_are_refused_unless_private_urls_are_allowed(web: str):
    with pytest.raises(Exception, match="SUMMARIZER_ALLOW_PRIVATE_URLS"):
        collect([f"{web}/feed.xml"], NOW)


@LOOPBACK
def test_an_article_url_is_a_candidate_and_is_summarized_from_the_page(web: str):
    [found] = collect([f"{web}/nordvale.html"], NOW, allow_private=True)
    assert found.kind == "url"
    result = build_digest(summarizer(), [found], period="p", start=NOW, end=NOW)
    assert "Nordvale Bank" in result.stories[0].summary.summary


def test_folders_give_new_files_and_feed_files(tmp_path: Path):
    (tmp_path / "old.txt").write_text(QUILLON, encoding="utf-8")
    os.utime(tmp_path / "old.txt", (NOW.timestamp() - 3 * 86400,) * 2)
    (tmp_path / "new.txt").write_text(NORDVALE, encoding="utf-8")
    os.utime(tmp_path / "new.txt", (NOW.timestamp() - 3600,) * 2)
    (tmp_path / "wire.rss").write_text(feed(), encoding="utf-8")
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")
    found = collect([str(tmp_path)], NOW - timedelta(days=1))
    assert sorted(c.origin.rsplit("/", 1)[-1] for c in found) == ["lumora", "new.txt", "quillon.txt"]
    with pytest.raises(Exception, match="no such file, folder or URL"):
        collect([str(tmp_path / "missing")], NOW)


def test_a_file_that_is_not_a_feed_is_an_article(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text(NORDVALE, encoding="utf-8")
    [found] = collect([str(path)], NOW + timedelta(days=9))  # a named file is a candidate whatever its age
    assert found.kind == "file" and found.key.startswith("file:")


# --- merging ------------------------------------------------------------------

def test_syndicated_copies_and_two_outlets_on_one_event_are_one_story():
    syndicated = NORDVALE.replace("Regulators", "Advertisement\n\nRegulators")
    other_outlet = ("Stablecoin from Nordvale Bank gets approval\n\nSwedish lender Nordvale Bank will put €50 million "
                    "into reserves for a new euro stablecoin, and expects 20,000 business clients in year one.")
    quillon_copy = QUILLON.replace("Quillon Chips profit fell 12% on weaker demand", "Quillon's profit drops 12%")
    result = digest_of([
        entry("a", NORDVALE, url="https://wire.example/a"), entry("b", QUILLON),
        entry("c", syndicated, url="https://partner.example/c"), entry("d", other_outlet),
        entry("e", quillon_copy), entry("f", HOSTILE),
    ])
    groups = [[item.candidate.key for item in story.items] for story in result.stories]
    assert groups == [["a", "c", "d"], ["b", "e"], ["f"]]
    assert result.article_count == 6
    html = render_html(result, subject="s")
    assert "wire.example" in html and "partner.example" in html  # every source is listed


class _Slow(EchoBackend):
    """Answers on the async path after a pause, counting the requests in flight at once."""

    def __init__(self) -> None:
        super().__init__()
        self.in_flight = self.most = 0

    async def aextract(self, request: ExtractionRequest) -> ExtractionOutcome:
        import asyncio

        self.in_flight += 1
        self.most = max(self.most, self.in_flight)
        await asyncio.sleep(0.05)
        self.in_flight -= 1
        return self.extract(request)


def test_the_digest_summarizes_jobs_articles_at_a_time_and_keeps_their_order():
    backend = _Slow()
    candidates = [entry("n", NORDVALE), entry("q", QUILLON), entry("h", HOSTILE)]
    with Summarizer(backend=backend, jobs=3, use_cache=False) as s:
        digest = build_digest(s, candidates, period="p", start=NOW, end=NOW)
    assert backend.most == 3  # one request per article here, all in flight together
    assert len(backend.calls) == 3  # each article cleaned and summarized once
    assert [item.candidate.key for story in digest.stories for item in story.items] == ["n", "q", "h"]


def test_different_stories_sharing_one_number_stay_apart():
    a = "Orbex Labs raised $20 million in a funding round led by Tiber Capital to build satellite chips."
    b = "Pellwood Foods recalled frozen meals after 20 million packs were found mislabelled in two states."
    assert len(digest_of([entry("a", a), entry("b", b)]).stories) == 2


# --- escaping and headers -----------------------------------------------------

def test_markup_and_links_from_articles_are_escaped_in_the_html():
    text = ('Orbex <img src=x onerror=alert(1)> Labs raised $20 million in a round led by Tiber Capital. '
            'It plans <script>steal()</script> to hire 40 engineers this year.')
    result = digest_of([entry("x", text, title='<b onmouseover="x()">Orbex</b>',
                              url="javascript:alert(document.cookie)")])
    html = render_html(result, subject="Digest <i>today</i>")
    assert "<script" not in html.lower() and "<img" not in html.lower() and "<b " not in html
    assert "&lt;b onmouseover=&#34;x()&#34;&gt;Orbex&lt;/b&gt;" in html
    assert "Digest &lt;i&gt;today&lt;/i&gt;" in html
    assert "javascript:" not in html  # not a link, and not shown as one
    assert "http://" not in html.replace("http://www.w3.org", "") and "src=" not in html  # no external assets


def test_titles_with_line_breaks_cannot_inject_headers():
    title = "Big news\r\nBcc: everyone@example.com\r\n\r\n<html>spoofed body"
    result = digest_of([entry("x", NORDVALE, title=title)])
    result.stories[0].lead.summary.title = title  # as if the cleaner had kept it verbatim
    message = compose(result, sender="digest@example.net", recipients=["me@example.com"], now=NOW)
    raw = message.as_bytes()
    parsed = email.message_from_bytes(raw, policy=policy.default)
    assert parsed["Bcc"] is None
    assert "\n" not in parsed["Subject"] and "Bcc: everyone@example.com" in parsed["Subject"]
    assert raw.count(b"\r\n\r\n<html>spoofed") == 0
    assert header_safe("a\x00b\u2028c\rd") == "a b c d"


@pytest.mark.parametrize("bad", ["me@example.com\r\nBcc: x@example.com", "a@example.com, b@example.com", "nobody"])
def test_addresses_must_be_one_plain_address(bad: str):
    result = digest_of([entry("x", NORDVALE)])
    with pytest.raises(ConfigError, match="address"):
        compose(result, sender="digest@example.net", recipients=[bad])


# --- periods, state and failures ----------------------------------------------

def test_since_and_periods():
    assert parse_since("24h") == timedelta(hours=24) and parse_since("2d") == timedelta(days=2)
    with pytest.raises(ConfigError, match="24h, 90m"):
        parse_since("yesterday")
    assert period_label(NOW, timedelta(hours=24)) == "2025-10-02"
    assert period_label(NOW.replace(hour=13, minute=20), timedelta(hours=6)) == "2025-10-02T12:00"


class Outbox:
    def __init__(self) -> None:
        self.sent: list[bytes] = []

    def __call__(self, data: bytes, smtp: Any) -> None:
        self.sent.append(data)


def _run(tmp_path: Path, sources: list[str], at: datetime, backend: EchoBackend, outbox: Outbox) -> Any:
    return run_digest(sources, summarizer=Summarizer(backend=backend), recipients=["me@example.com"],
                      sender="d@example.net", state_dir=tmp_path / "state", now=lambda: at, send=outbox,
                      since=timedelta(days=3650), smtp=_smtp())


def _smtp() -> Any:
    from summarizer.digest import SmtpSettings

    return SmtpSettings(host="127.0.0.1", port=9, security="none")


def test_each_article_goes_out_once_and_a_failed_one_is_retried_next_time(tmp_path: Path):
    news = tmp_path / "news"
    news.mkdir()
    (news / "nordvale.txt").write_text(NORDVALE, encoding="utf-8")
    (news / "quillon.txt").write_text(QUILLON, encoding="utf-8")
    outbox = Outbox()
    first = _run(tmp_path, [str(news)], NOW, EchoBackend(fail_on=("Quillon",)), outbox)
    assert [s.lead.candidate.origin.endswith("nordvale.txt") for s in first.digest.stories] == [True]
    assert [f.candidate.origin.endswith("quillon.txt") for f in first.digest.failed] == [True]
    text = email.message_from_bytes(outbox.sent[0], policy=policy.default).get_body(("plain",)).get_content()
    assert "Not summarized" in text and "quillon.txt" in text and "re-asks" in text

    (news / "quillon.txt").unlink()  # gone from the folder: the state still remembers it must be retried
    (news / "acme.txt").write_text(HOSTILE, encoding="utf-8")
    second = _run(tmp_path, [str(news)], NOW + timedelta(days=1), EchoBackend(fail_on=("Quillon",)), outbox)
    assert [f.attempts for f in second.digest.failed] == [2]
    assert [s.lead.candidate.origin.rsplit("/", 1)[-1] for s in second.digest.stories] == ["acme.txt"]

    (news / "quillon.txt").write_text(QUILLON, encoding="utf-8")  # the same file again, and the model recovers
    third = _run(tmp_path, [str(news)], NOW + timedelta(days=2), EchoBackend(), outbox)
    assert [s.lead.candidate.origin.rsplit("/", 1)[-1] for s in third.digest.stories] == ["quillon.txt"]
    assert third.digest.failed == []
    assert len(outbox.sent) == 3
    state = DigestState(tmp_path / "state")
    keys = [key for d in state.digests for key in d["articles"]]
    assert len(keys) == len(set(keys)) == 3  # each article in exactly one digest
    assert [d["deliveries"]["smtp"]["status"] for d in state.digests] == ["sent"] * 3

    fourth = _run(tmp_path, [str(news)], NOW + timedelta(days=3), EchoBackend(), outbox)
    assert fourth.skipped and "no new articles" in fourth.skipped and len(outbox.sent) == 3


def test_a_period_is_sent_at_most_once(tmp_path: Path):
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text(NORDVALE, encoding="utf-8")
    outbox = Outbox()
    _run(tmp_path, [str(news)], NOW, EchoBackend(), outbox)
    (news / "b.txt").write_text(QUILLON, encoding="utf-8")
    again = _run(tmp_path, [str(news)], NOW + timedelta(hours=3), EchoBackend(), outbox)
    assert "already sent" in again.skipped and len(outbox.sent) == 1
    tomorrow = _run(tmp_path, [str(news)], NOW + timedelta(days=1), EchoBackend(), outbox)
    assert tomorrow.sent and len(outbox.sent) == 2


def test_a_corrupt_state_file_is_an_error_that_says_what_to_do(tmp_path: Path):
    (tmp_path / "state").mkdir()
    (tmp_path / "state" / "state.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError, match="move it away"):
        DigestState(tmp_path / "state")


# --- the command ----------------------------------------------------------------

def test_cli_dry_run_writes_the_eml_and_the_preview_and_sends_nothing(tmp_path: Path, monkeypatch):
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text(NORDVALE, encoding="utf-8")
    (tmp_path / "wire.xml").write_text(feed(), encoding="utf-8")
    eml, preview = tmp_path / "out" / "d.eml", tmp_path / "out" / "d.html"
    with serving(EchoBackend()):
        result = CliRunner().invoke(cli, ["digest", str(news), str(tmp_path / "wire.xml"), "--to", "me@example.com",
                                          "--since", "3650d", "--dry-run", "--eml", str(eml), "--preview",
                                          str(preview), "--state-dir", str(tmp_path / "state")])
    assert result.exit_code == 0, result.output
    assert f"dry run: message written to {eml}" in result.stdout
    message = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert message["To"] == "me@example.com" and message["Message-ID"]
    html = preview.read_text(encoding="utf-8")
    assert "Nordvale Bank" in html and "Lumora" in html
    assert html.splitlines() == message.get_body(("html",)).get_content().splitlines()
    assert not (tmp_path / "state" / "state.json").exists()  # a dry run records nothing


def test_cli_errors_are_one_line_with_a_fix(tmp_path: Path):
    result = CliRunner().invoke(cli, ["digest", str(tmp_path), "--to", "me@example.com", "--since", "soon",
                                      "--dry-run"])
    assert result.exit_code == 1
    assert result.stderr.strip() == ("error: --since 'soon' is not a duration; write a number and a unit such as "
                                     "24h, 90m, 2d, 1w")


def test_the_digest_api_is_lazy_and_the_cli_help_stays_light():
    import subprocess
    import sys

    import summarizer.digest as digest

    assert all(callable(getattr(digest, name)) for name in digest.__all__)
    code = ("import sys, summarizer.cli; print(sorted(m for m in ('jinja2', 'feedparser', 'croniter', 'smtplib', "
            "'aiosmtpd', 'summarizer.digest.runner') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@LOOPBACK
def test_cli_stderr_holds_our_digest_lines_not_the_libraries_logs(tmp_path: Path):
    """instructor logs "API call failed on attempt N" and httpx every request: none of it may reach stderr."""
    import subprocess
    import sys

    from openai_stub import StubServer, status

    def quillon_fails(handler: Any, request: dict[str, Any], number: int) -> bool:
        if "Quillon" in str(request["messages"]) or number == 1:  # a.txt's first answer fails, b.txt's all do
            status(handler, 503, {"Retry-After": "0"}, "overloaded")
            return True
        return False

    (tmp_path / "a.txt").write_text(NORDVALE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(QUILLON, encoding="utf-8")
    config = tmp_path / "config.toml"
    config.write_text("retry_attempts = 2\n", encoding="utf-8")
    eml = tmp_path / "d.eml"
    with StubServer(behaviour=quillon_fails) as server:
        env = {**os.environ, "OPENAI_API_KEY": "sk-test", "OPENAI_BASE_URL": server.base_url,
               "SUMMARIZER_BACKEND": "openai", "SUMMARIZER_MODEL": "stub-model", "SUMMARIZER_CONFIG": str(config),
               "SUMMARIZER_JOBS": "1"}  # one at a time: a.txt's request is the first one
        run = subprocess.run([sys.executable, "-c", "from summarizer.cli import main; main()", "digest",
                              str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--to", "me@example.com",
                              "--dry-run", "--eml", str(eml), "--state-dir", str(tmp_path / "state")],
                             env=env, text=True, capture_output=True, timeout=120)
        requests = len(server.requests)
    assert run.returncode == 0, run.stderr
    assert requests == 4  # failed answers: there was something for instructor and httpx to log
    a, b = (re.escape(str(tmp_path / name)) for name in ("a.txt", "b.txt"))
    expected = [r"INFO summarizing 2 article\(s\), 1 at a time", rf"INFO {a}: done in [\d.]+s \(stub-model\)",
                rf"WARNING {b}: not summarized: \S+ kept failing with HTTP 503 after retries \(overloaded\); "
                "try again later"]
    lines = run.stderr.splitlines()
    assert len(lines) == 4, run.stderr
    for pattern, line in zip(expected, lines, strict=False):
        assert re.fullmatch(rf"\S+ \S+ {pattern}", line), line
    assert lines[-1] == "1 article(s) not summarized; they are retried in the next digest"
    assert run.stdout.strip() == f"dry run: message written to {eml}"
