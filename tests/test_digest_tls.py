"""The digest over TLS to real aiosmtpd servers on loopback: STARTTLS and implicit TLS, certificates verified.

The certificates are made for each test session with the ``openssl`` command: a throwaway CA, a server
certificate it signs for 127.0.0.1 and localhost, and a second CA that signed nothing the server presents.
The client trusts the CA the way a user would: ``SUMMARIZER_SMTP_CAFILE`` or ``cafile`` under ``[smtp]``.
"""

from __future__ import annotations

import shutil
import ssl
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.smtp import AuthResult, LoginPassword
from test_digest_smtp import Inbox, Server, run

from summarizer import ConfigError, DeliveryError
from summarizer.digest import DigestState, SmtpSettings

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])


@dataclass(frozen=True)
class Pki:
    ca: Path  # the CA that signed the server's certificate
    other_ca: Path  # a CA that signed nothing the server presents
    cert: Path
    key: Path

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.cert, self.key)
        return context


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


def _make_ca(folder: Path, name: str) -> None:
    _openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
             "-keyout", f"{name}.key", "-out", f"{name}.pem", "-days", "2", "-subj", f"/CN=summarizer test {name}",
             "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
             cwd=folder)


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is needed to make the test certificates")
    folder = tmp_path_factory.mktemp("pki")
    _make_ca(folder, "ca")
    _make_ca(folder, "other-ca")
    (folder / "server.ext").write_text(
        "subjectAltName = IP:127.0.0.1, DNS:localhost\nbasicConstraints = critical, CA:FALSE\n"
        "keyUsage = critical, digitalSignature, keyEncipherment\nextendedKeyUsage = serverAuth\n"
        "subjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid, issuer\n", encoding="utf-8")
    _openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
             "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost", cwd=folder)
    _openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
             "-out", "server.pem", "-days", "2", "-extfile", "server.ext", cwd=folder)
    return Pki(ca=folder / "ca.pem", other_ca=folder / "other-ca.pem", cert=folder / "server.pem",
               key=folder / "server.key")


class TlsInbox(Inbox):
    """The inbox of test_digest_smtp, also noting the TLS version each message came over (None: plain text)."""

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        reply = await super().handle_DATA(server, session, envelope)
        if self.messages and "tls" not in self.messages[-1]:
            tls = server.transport.get_extra_info("ssl_object")
            self.messages[-1]["tls"] = tls.version() if tls is not None else None
        return reply


class TlsServer(Server):
    def __init__(self, **smtp_options: Any) -> None:
        super().__init__(**smtp_options)
        self.inbox = TlsInbox()


def _login(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
    ok = isinstance(data, LoginPassword) and (data.login, data.password) == (b"digest", b"s3cret")
    return AuthResult(success=ok, handled=False, auth_data=data)


@pytest.fixture
def starttls_server(pki: Pki) -> Iterator[TlsServer]:
    """Plain text until STARTTLS, which it requires before anything else; login only over TLS."""
    srv = TlsServer(tls_context=pki.server_context(), require_starttls=True, authenticator=_login,
                    auth_required=True, auth_require_tls=True)
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture
def implicit_tls_server(pki: Pki) -> Iterator[TlsServer]:
    """TLS from the first byte, as on port 465."""
    srv = TlsServer(ssl_context=pki.server_context())
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture
def news(tmp_path: Path) -> Path:
    from digest_fakes import NORDVALE, news_folder

    return news_folder(tmp_path, nordvale=NORDVALE)


@pytest.fixture(autouse=True)
def no_system_ca_override(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever CA the machine running the tests trusts through these must not decide a test."""
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)


def test_starttls_with_login_from_the_environment_and_the_ca_from_cafile(starttls_server: TlsServer, pki: Pki,
                                                                         news: Path, tmp_path: Path, monkeypatch):
    for name, value in {"HOST": "127.0.0.1", "PORT": str(starttls_server.port), "SECURITY": "starttls",
                        "USER": "digest", "PASSWORD": "s3cret", "CAFILE": str(pki.ca), "TIMEOUT": "5"}.items():
        monkeypatch.setenv(f"SUMMARIZER_SMTP_{name}", value)
    result = run(news, tmp_path / "state", SmtpSettings.resolve())
    [got] = starttls_server.inbox.messages
    assert result.sent == [got["message"]["Message-ID"]]
    assert got["login"] == b"digest"  # the server takes a login only after STARTTLS
    assert got["tls"] in {"TLSv1.2", "TLSv1.3"}
    assert not DigestState(tmp_path / "state").outbox_files()


def test_starttls_with_a_wrong_password_is_refused_and_kept(starttls_server: TlsServer, pki: Pki, news: Path,
                                                            tmp_path: Path):
    smtp = SmtpSettings(host="127.0.0.1", port=starttls_server.port, security="starttls", username="digest",
                        password="wrong", cafile=str(pki.ca), timeout=5)
    with pytest.raises(DeliveryError, match="refused the login"):
        run(news, tmp_path / "state", smtp)
    assert starttls_server.inbox.messages == []
    assert len(DigestState(tmp_path / "state").outbox_files()) == 1


def test_implicit_tls_with_the_ca_from_the_config_file(implicit_tls_server: TlsServer, pki: Pki, news: Path,
                                                       tmp_path: Path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text(f'[smtp]\nhost = "127.0.0.1"\nport = {implicit_tls_server.port}\nsecurity = "ssl"\n'
                      f'cafile = "{pki.ca.as_posix()}"\ntimeout = 5\n', encoding="utf-8")
    monkeypatch.setenv("SUMMARIZER_CONFIG", str(config))
    result = run(news, tmp_path / "state", SmtpSettings.resolve())
    [got] = implicit_tls_server.inbox.messages
    assert result.sent == [got["message"]["Message-ID"]]
    assert got["tls"] in {"TLSv1.2", "TLSv1.3"}


@pytest.mark.parametrize("trust", ["system CAs", "another CA"])
@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_an_untrusted_certificate_is_a_one_line_error_and_the_message_is_kept(
        request: pytest.FixtureRequest, pki: Pki, news: Path, tmp_path: Path, security: str, trust: str):
    srv: TlsServer = request.getfixturevalue("starttls_server" if security == "starttls" else "implicit_tls_server")
    cafile = str(pki.other_ca) if trust == "another CA" else None
    smtp = SmtpSettings(host="127.0.0.1", port=srv.port, security=security, cafile=cafile, timeout=5,
                        **({"username": "digest", "password": "s3cret"} if security == "starttls" else {}))
    with pytest.raises(DeliveryError) as caught:
        run(news, tmp_path / "state", smtp)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"the SMTP server 127.0.0.1:{srv.port} sent a certificate that cannot be verified (")
    assert "SUMMARIZER_SMTP_CAFILE" in message and "waits in the outbox" in message
    assert srv.inbox.messages == []
    state = DigestState(tmp_path / "state")
    assert len(state.outbox_files()) == 1 and state.digests[0]["deliveries"]["smtp"]["status"] == "queued"


def test_starttls_to_a_server_without_it_says_what_to_set(news: Path, tmp_path: Path):
    srv = Server()  # plain SMTP only
    srv.start()
    try:
        smtp = SmtpSettings(host="127.0.0.1", port=srv.port, security="starttls", timeout=5)
        with pytest.raises(DeliveryError, match="does not offer STARTTLS; set SUMMARIZER_SMTP_SECURITY=ssl"):
            run(news, tmp_path / "state", smtp)
        assert srv.inbox.messages == []
    finally:
        srv.stop()


def test_a_missing_ca_file_is_a_config_error(tmp_path: Path, monkeypatch):
    from summarizer.digest.send import tls_context

    monkeypatch.setenv("SUMMARIZER_SMTP_CAFILE", str(tmp_path / "nowhere.pem"))
    with pytest.raises(ConfigError, match="cannot load the SMTP CA file .*nowhere.pem.*SUMMARIZER_SMTP_CAFILE"):
        tls_context(SmtpSettings.resolve())


def test_the_client_context_always_verifies(pki: Pki):
    from summarizer.digest.send import tls_context

    for context in (tls_context(SmtpSettings()), tls_context(SmtpSettings(cafile=str(pki.ca)))):
        assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
