"""Secrets: a planted API key and SMTP password appear in no output, log, cache entry, message or cassette.

The CLI runs in a subprocess, as a user runs it, with ``--verbose``, against a
stub server that is hostile on purpose: it echoes the Authorization header back
in its error bodies. Every file the run leaves behind is then scanned. The
servers check that they did receive the secret, so the scan is not vacuous.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openai_stub import StubHandler, StubServer, status

from summarizer import Settings, Summarizer
from summarizer.errors import ModelUnavailableError

pytestmark = [pytest.mark.block_network(allowed_hosts=["127.0.0.1"]),
              pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")]

KEY = "sk-test-PLANTED-0123456789"
PASSWORD = "smtp-PLANTED-pw-9876543210"
CASSETTES = Path(__file__).parent.parent / "cassettes"


def article(n: int) -> str:
    return (f"Shares rose {n + 1}% on Tuesday at Example Corp unit {n} after quarterly revenue of "
            f"${n + 2} billion.\n\nThe chief executive said demand stayed strong and hiring would continue.")


def echoing(handler: StubHandler, request: dict[str, Any], number: int) -> bool:
    """Sound answers, except for units 4 (503) and 5 (400), whose error bodies quote the request's key."""
    text = str(request["messages"])
    echoed = f"your request had Authorization: {handler.headers.get('Authorization')}"
    if "unit 4 " in text:
        status(handler, 503, {"Retry-After": "0"}, echoed)
        return True
    if "unit 5 " in text:
        status(handler, 400, message=echoed)
        return True
    return False


def rejecting(handler: StubHandler, request: dict[str, Any], number: int) -> bool:
    status(handler, 401, message=f"Incorrect API key provided: {handler.headers.get('Authorization')}")
    return True


def run_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    code = "from summarizer.cli import main; main()"
    return subprocess.run([sys.executable, "-c", code, *args], env=env, text=True, capture_output=True, timeout=120)


def files_under(*folders: Path) -> Iterator[Path]:
    for folder in folders:
        yield from (path for path in folder.rglob("*") if path.is_file())


def assert_absent(secret: str, texts: dict[str, str], folders: list[Path]) -> int:
    """``secret`` is in none of ``texts`` nor any file under ``folders``; returns how many places were scanned."""
    for name, text in texts.items():
        assert secret not in text, f"the secret is in {name}"
    scanned = len(texts)
    for path in files_under(*folders):
        assert secret.encode() not in path.read_bytes(), f"the secret is in {path}"
        scanned += 1
    return scanned


@pytest.fixture
def stub_env(isolated: Path, tmp_path: Path) -> dict[str, str]:
    config = tmp_path / "config.toml"
    config.write_text("retry_attempts = 2\n", encoding="utf-8")
    return {**os.environ, "OPENAI_API_KEY": KEY, "SUMMARIZER_MODEL": "stub-model", "SUMMARIZER_BACKEND": "openai",
            "SUMMARIZER_CONFIG": str(config)}


def test_the_api_key_is_in_no_output_log_cache_entry_or_message(stub_env: dict[str, str], isolated: Path,
                                                                tmp_path: Path):
    folder = tmp_path / "news"
    folder.mkdir()
    for n in range(6):
        (folder / f"a{n}.txt").write_text(article(n), encoding="utf-8")
    out = tmp_path / "results.jsonl"
    with StubServer(behaviour=echoing) as server:
        env = {**stub_env, "OPENAI_BASE_URL": server.base_url}
        batch = run_cli(str(folder), "-f", "jsonl", "-o", str(out), "--verbose", "--usage", env=env)
        seen = [h.get("authorization") for h in server.headers]
    with StubServer(behaviour=rejecting) as server:
        rejected = run_cli(str(folder / "a0.txt"), "--no-cache", "--verbose", env={**env, "OPENAI_BASE_URL":
                                                                                     server.base_url})
    assert seen and all(value == f"Bearer {KEY}" for value in seen)  # the key was really sent, every time
    assert batch.returncode == 1 and "2 of 6 article(s) failed" in batch.stderr
    assert "request 1 to http://127.0.0.1" in batch.stderr  # the verbose log is on
    assert "HTTP 503" in batch.stderr and "HTTP 400" in batch.stderr
    assert "Authorization: Bearer ***" in batch.stderr  # the server's echo, redacted
    assert rejected.returncode == 1 and "rejected the API key (401); check OPENAI_API_KEY" in rejected.stderr
    for run in (batch, rejected):
        assert "Traceback" not in run.stderr and "API call failed" not in run.stderr
    results = out.read_text(encoding="utf-8")
    assert len(results.splitlines()) == 6 and "Bearer ***" in results  # errors are results too
    texts = {"batch stdout": batch.stdout, "batch stderr": batch.stderr, "results.jsonl": results,
             "401 stdout": rejected.stdout, "401 stderr": rejected.stderr}
    for secret in (KEY, KEY[-12:]):  # whole, or the tail a masked key shows
        scanned = assert_absent(secret, texts, [isolated / "cache", CASSETTES])
    assert scanned > len(texts) + 1  # the cache database and the cassettes were read


def test_cassettes_hold_no_key_and_no_authorization_header():
    files = sorted(CASSETTES.glob("*.yaml"))
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert "authorization" not in text.lower() and "Bearer" not in text
        assert "sk-" not in text.replace("sk-recording-placeholder", "")  # no OpenAI-style key of any kind


def test_a_password_in_the_base_url_is_in_no_message_or_log(caplog: pytest.LogCaptureFixture):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://user:{PASSWORD}@127.0.0.1:{port}/v1"
    caplog.set_level("DEBUG", logger="summarizer")
    settings = Settings.resolve(backend="openai", base_url=url, api_key=KEY, model="m", retry_attempts=2,
                                use_cache=False)
    with Summarizer(settings) as summarizer, pytest.raises(ModelUnavailableError) as caught:
        summarizer.summarize(article(0))
    assert "cannot reach http://***@127.0.0.1" in str(caught.value)
    assert "request 1 to http://***@127.0.0.1" in caplog.text
    for text in (str(caught.value), caplog.text, repr(settings)):
        assert PASSWORD not in text and KEY not in text


def test_the_smtp_password_is_in_no_output_state_or_message(stub_env: dict[str, str], isolated: Path,
                                                            tmp_path: Path):
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    tried: list[bytes] = []

    def authenticator(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        if isinstance(data, LoginPassword):
            tried.append(data.password)
        return AuthResult(success=False, handled=False)  # refused: the error path must not quote it either

    class Inbox:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            return "250 OK"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    smtp = Controller(Inbox(), hostname="127.0.0.1", port=port, authenticator=authenticator, auth_required=True,
                      auth_require_tls=False)
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a0.txt").write_text(article(0), encoding="utf-8")
    state = tmp_path / "state"
    smtp.start()
    try:
        with StubServer() as server:
            env = {**stub_env, "OPENAI_BASE_URL": server.base_url, "SUMMARIZER_SMTP_HOST": "127.0.0.1",
                   "SUMMARIZER_SMTP_PORT": str(port), "SUMMARIZER_SMTP_SECURITY": "none",
                   "SUMMARIZER_SMTP_USER": "digest", "SUMMARIZER_SMTP_PASSWORD": PASSWORD}
            run = run_cli("digest", str(folder), "--to", "me@example.com", "--state-dir", str(state), "--since",
                          "3650d", env=env)
    finally:
        smtp.stop()
    assert tried and set(tried) == {PASSWORD.encode()}  # the password was really used (PLAIN, then LOGIN)
    assert run.returncode == 1 and "refused the login" in run.stderr and "SUMMARIZER_SMTP_PASSWORD" in run.stderr
    assert list(state.rglob("*.eml"))  # the message waits in the outbox, and holds no password
    scanned = assert_absent(PASSWORD, {"stdout": run.stdout, "stderr": run.stderr}, [state, isolated / "cache"])
    assert scanned >= 4
