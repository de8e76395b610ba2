"""The digest against a real SMTP server (aiosmtpd) on loopback: delivery, refusals, outages, login, no duplicates."""

from __future__ import annotations

import email
import shutil
import socket
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email import policy
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from digest_fakes import HOSTILE, NORDVALE, QUILLON, EchoBackend, news_folder

from summarizer import DeliveryError, Summarizer
from summarizer.digest import DigestState, SmtpSettings, run_digest
from summarizer.digest.send import send_message

pytestmark = [pytest.mark.block_network(allowed_hosts=["127.0.0.1"]),
              pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")]
NOW = datetime(2025, 10, 2, 8, 0, tzinfo=UTC)


class Inbox:
    """An aiosmtpd handler that keeps what it accepts, or refuses with a chosen reply."""

    def __init__(self) -> None:
        self.messages: list[dict[str, Any]] = []
        self.refuse_data: str | None = None
        self.refuse_rcpt: str | None = None

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if self.refuse_rcpt:
            return self.refuse_rcpt
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.refuse_data:
            return self.refuse_data
        self.messages.append({"from": envelope.mail_from, "to": list(envelope.rcpt_tos),
                              "message": email.message_from_bytes(envelope.content, policy=policy.default),
                              "login": getattr(session.auth_data, "login", None)})
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self, **smtp_options: Any) -> None:
        self.inbox = Inbox()
        self.port = free_port()
        self.options = smtp_options
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port, **self.options)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def settings(self, **extra: Any) -> SmtpSettings:
        return SmtpSettings(host="127.0.0.1", port=self.port, security="none", timeout=5, **extra)


@pytest.fixture
def server() -> Iterator[Server]:
    srv = Server()
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture
def news(tmp_path: Path) -> Path:
    return news_folder(tmp_path, nordvale=NORDVALE, quillon=QUILLON)


class Clock:
    def __init__(self, at: datetime = NOW) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at


def run(folder: Path, state: Path, smtp: SmtpSettings, clock: Clock | None = None, **kwargs: Any) -> Any:
    summarizer = Summarizer(backend=EchoBackend())
    kwargs.setdefault("recipients", ["alice@example.com", "Bob Jones <bob@example.org>"])
    return run_digest([str(folder)], summarizer=summarizer, sender="digest@example.net",
                      state_dir=state, smtp=smtp, now=clock or Clock(), since=timedelta(days=3650), **kwargs)


def test_the_digest_arrives_with_both_parts_headers_and_recipients(server: Server, news: Path, tmp_path: Path):
    (news / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    result = run(news, tmp_path / "state", server.settings(), subject="Morning\r\nBcc: victim@example.com news")
    assert len(result.sent) == 1
    [got] = server.inbox.messages
    assert got["from"] == "digest@example.net"
    assert got["to"] == ["alice@example.com", "bob@example.org"]
    message = got["message"]
    assert message["Message-ID"] == result.sent[0] == result.message["Message-ID"]
    assert message["Subject"] == "Morning Bcc: victim@example.com news"  # one line: the break is gone
    assert message["Bcc"] is None and "victim" not in str(message["To"])
    assert message["To"] == "alice@example.com, Bob Jones <bob@example.org>"
    assert message.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in message.iter_parts()] == ["text/plain", "text/html"]
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Nordvale Bank launches a euro stablecoin" in text and "€50 million" in text
    assert "Quillon Chips" in html and "€50 million" in html
    assert "<script" not in html.lower()
    assert 'alert(&#34;x&#34;)' in html or "alert(&quot;x&quot;)" in html  # the title text, escaped
    state = DigestState(tmp_path / "state")
    assert state.digests[0]["deliveries"]["smtp"]["status"] == "sent"
    assert not state.outbox_files()


def test_login_comes_from_the_environment_and_is_checked(news: Path, tmp_path: Path, monkeypatch):
    def authenticator(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        ok = isinstance(data, LoginPassword) and (data.login, data.password) == (b"digest", b"s3cret")
        return AuthResult(success=ok, handled=False, auth_data=data)

    srv = Server(authenticator=authenticator, auth_required=True, auth_require_tls=False)
    srv.start()
    try:
        monkeypatch.setenv("SUMMARIZER_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("SUMMARIZER_SMTP_PORT", str(srv.port))
        monkeypatch.setenv("SUMMARIZER_SMTP_SECURITY", "none")
        monkeypatch.setenv("SUMMARIZER_SMTP_USER", "digest")
        monkeypatch.setenv("SUMMARIZER_SMTP_PASSWORD", "wrong")
        with pytest.raises(DeliveryError, match="refused the login.*SUMMARIZER_SMTP_PASSWORD"):
            run(news, tmp_path / "state", SmtpSettings.resolve())
        assert srv.inbox.messages == []
        assert len(DigestState(tmp_path / "state").outbox_files()) == 1
        monkeypatch.setenv("SUMMARIZER_SMTP_PASSWORD", "s3cret")
        result = run(news, tmp_path / "state", SmtpSettings.resolve())
        assert len(result.sent) == 1 and len(srv.inbox.messages) == 1
        assert srv.inbox.messages[0]["login"] == b"digest"
    finally:
        srv.stop()


def test_smtp_settings_never_show_the_password_and_need_both_user_and_password(monkeypatch):
    monkeypatch.setenv("SUMMARIZER_SMTP_USER", "digest")
    with pytest.raises(Exception, match="needs both a user and a password"):
        SmtpSettings.resolve()
    monkeypatch.setenv("SUMMARIZER_SMTP_PASSWORD", "s3cret")
    assert "s3cret" not in repr(SmtpSettings.resolve())


def test_smtp_settings_from_the_config_file(tmp_path: Path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text('backend = "local"\n[smtp]\nhost = "mail.example.com"\nsecurity = "ssl"\nuser = "me"\n'
                      'password = "pw"\nfrom = "me@example.com"\n', encoding="utf-8")
    monkeypatch.setenv("SUMMARIZER_CONFIG", str(config))
    smtp = SmtpSettings.resolve()
    assert (smtp.host, smtp.effective_port, smtp.username, smtp.sender) == ("mail.example.com", 465, "me",
                                                                            "me@example.com")
    from summarizer import Settings

    assert Settings.resolve().backend == "local"  # the [smtp] table does not upset the model settings


def test_server_down_then_up_sends_the_kept_message_first_and_once(news: Path, tmp_path: Path):
    srv = Server()  # not started: nothing listens on its port
    state_dir = tmp_path / "state"
    with pytest.raises(DeliveryError, match="cannot reach the SMTP server.*outbox"):
        run(news, state_dir, srv.settings())
    state = DigestState(state_dir)
    [queued] = state.outbox_files()
    assert state.digests[0]["deliveries"]["smtp"]["status"] == "queued"
    message_id = state.digests[0]["deliveries"]["smtp"]["id"]

    (news / "later.txt").write_text(HOSTILE, encoding="utf-8")
    srv.start()
    try:
        tomorrow = Clock(NOW + timedelta(days=1))
        result = run(news, state_dir, srv.settings(), clock=tomorrow)
        ids = [m["message"]["Message-ID"] for m in srv.inbox.messages]
        assert ids[0] == message_id  # the kept message goes before anything else
        assert ids == result.sent and len(ids) == 2
        assert "Acme Corp" in srv.inbox.messages[1]["message"].get_body(("plain",)).get_content()
        assert "Acme Corp" not in srv.inbox.messages[0]["message"].get_body(("plain",)).get_content()
        assert not queued.exists()
        again = run(news, state_dir, srv.settings(), clock=tomorrow)  # same period: nothing more
        assert again.sent == [] and "already sent" in (again.skipped or "")
        assert len(srv.inbox.messages) == 2
    finally:
        srv.stop()


@pytest.mark.parametrize("reply", ["554 5.7.1 Message rejected as spam", "451 4.3.0 Try again later"])
def test_a_refused_message_stays_in_the_outbox(server: Server, news: Path, tmp_path: Path, reply: str):
    server.inbox.refuse_data = reply
    with pytest.raises(DeliveryError, match=reply.split()[0]):
        run(news, tmp_path / "state", server.settings())
    assert len(DigestState(tmp_path / "state").outbox_files()) == 1
    server.inbox.refuse_data = None
    result = run(news, tmp_path / "state", server.settings())
    assert len(result.sent) == 1 and len(server.inbox.messages) == 1
    assert result.skipped and "already sent" in result.skipped  # the period was built once, sent from the outbox


def test_refused_recipients_are_reported(server: Server, news: Path, tmp_path: Path):
    server.inbox.refuse_rcpt = "550 5.1.1 No such user"
    with pytest.raises(DeliveryError, match="refused every recipient.*550"):
        run(news, tmp_path / "state", server.settings())


def test_crash_after_recording_sent_does_not_send_again(server: Server, news: Path, tmp_path: Path):
    kept = tmp_path / "kept"
    kept.mkdir()

    def send_and_keep_a_copy(data: bytes, smtp: SmtpSettings) -> None:
        for path in DigestState(tmp_path / "state").outbox_files():
            shutil.copy(path, kept / path.name)
        send_message(data, smtp)

    run(news, tmp_path / "state", server.settings(), send=send_and_keep_a_copy)
    # as if the process died after the state said "sent" but before the outbox file was removed
    [copy] = kept.iterdir()
    shutil.copy(copy, tmp_path / "state" / "outbox" / copy.name)
    result = run(news, tmp_path / "state", server.settings(), clock=Clock(NOW + timedelta(days=1)))
    assert result.sent == []
    assert len(server.inbox.messages) == 1
    assert not DigestState(tmp_path / "state").outbox_files()


class Crash(BaseException):
    pass


def test_crash_after_the_server_accepted_resends_with_the_same_message_id(server: Server, news: Path,
                                                                          tmp_path: Path):
    """The documented window: at-least-once, and the copy keeps its Message-ID so mail systems can drop it."""

    def send_then_die(data: bytes, smtp: SmtpSettings) -> None:
        send_message(data, smtp)
        raise Crash

    with pytest.raises(Crash):
        run(news, tmp_path / "state", server.settings(), send=send_then_die)
    assert DigestState(tmp_path / "state").digests[0]["deliveries"]["smtp"]["status"] == "queued"
    run(news, tmp_path / "state", server.settings())
    ids = [m["message"]["Message-ID"] for m in server.inbox.messages]
    assert len(ids) == 2 and ids[0] == ids[1]
    assert DigestState(tmp_path / "state").digests[0]["deliveries"]["smtp"]["status"] == "sent"


def test_a_message_the_state_never_recorded_is_set_aside_and_its_articles_go_out_next(server: Server, news: Path,
                                                                                    tmp_path: Path):
    orphan = tmp_path / "state" / "outbox" / "20251001T000000000000-orphan@example.net.eml"
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(b"Message-ID: <orphan@example.net>\r\nSubject: x\r\n\r\nbody\r\n")
    result = run(news, tmp_path / "state", server.settings())
    assert [m["message"]["Message-ID"] for m in server.inbox.messages] == result.sent
    assert "<orphan@example.net>" not in result.sent
    assert (tmp_path / "state" / "outbox" / "unrecorded" / orphan.name).exists()


def test_two_runs_at_once_are_refused(server: Server, news: Path, tmp_path: Path):
    with DigestState.open(tmp_path / "state"), pytest.raises(DeliveryError, match="another digest run"):
        run(news, tmp_path / "state", server.settings())
    assert server.inbox.messages == []
