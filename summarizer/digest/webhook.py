"""The digest's webhook: where it posts (a secret URL), and posting one payload with bounded retries.

The URL is a secret: a Slack incoming webhook's path is its credential. It comes
from ``SUMMARIZER_DIGEST_WEBHOOK_URL`` or ``url`` under the config file's
``[webhook]`` table, never from the command line; no message, log line, state or
outbox file holds it. They show ``where``: its scheme and host. It must be https,
unless the receiver is on this machine.

One POST of the JSON body; redirects are not followed (the payload goes only
where the URL says). 408, 429 and 5xx answers and failures to connect are
retried through ``summarizer.backends.retry`` (Retry-After honoured and capped;
bounded in attempts and in time), after which the payload waits in the outbox for
the next run. Any other answer is final and its error says what to fix: the URL
(401, 403, 404, 410, a redirect: the payload stays queued until it is fixed) or
the payload (400, 413, 415, 422: ``undeliverable``, set aside, since sending it
again cannot succeed).
"""

from __future__ import annotations

import http.client
import os
import ssl
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from ..backends.retry import RetryPolicy, call_with_retries, parse_retry_after
from ..config import read_section
from ..errors import ConfigError
from .errors import DeliveryError

FORMATS = ("slack", "json")
DEFAULT_FORMAT = "slack"
DEFAULT_WEBHOOK_TIMEOUT = 30.0
URL_VARIABLE = "SUMMARIZER_DIGEST_WEBHOOK_URL"
_ENV = {URL_VARIABLE: "url", "SUMMARIZER_DIGEST_WEBHOOK_FORMAT": "format",
        "SUMMARIZER_DIGEST_WEBHOOK_TIMEOUT": "timeout"}
_KNOWN = {"url", "format", "timeout"}  # what the environment and the config file may set
PAYLOAD_REFUSED = frozenset({400, 413, 415, 422})
LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1"})
MAX_DETAIL = 120
SET_URL = f"set {URL_VARIABLE} (or url under [webhook] in the config file)"


def default_retry() -> RetryPolicy:
    """4 requests at most, none starting later than 2 minutes after the first; a Retry-After up to a minute."""
    return RetryPolicy(attempts=4, max_seconds=120.0, initial_wait=2.0, max_wait=60.0)


@dataclass(frozen=True)
class WebhookSettings:
    url: str = field(repr=False)
    format: str = DEFAULT_FORMAT  # "slack" (Block Kit) or "json" (the digest as JSON)
    timeout: float = DEFAULT_WEBHOOK_TIMEOUT
    retry: RetryPolicy = field(default_factory=default_retry, compare=False)

    def __post_init__(self) -> None:
        check_url(self.url)

    @property
    def where(self) -> str:
        """The URL without what makes it a secret: scheme and host (and port)."""
        return redact(self.url)

    @classmethod
    def resolve(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> WebhookSettings:
        """Overrides > ``SUMMARIZER_DIGEST_WEBHOOK_*`` > the config file's ``[webhook]`` table > defaults."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = dict(read_section("webhook", env))
        unknown = sorted(set(values) - _KNOWN)
        if unknown:
            raise ConfigError(f"unknown [webhook] setting(s): {', '.join(unknown)}; known: url, format, timeout")
        values.update({name: env[var] for var, name in _ENV.items() if env.get(var)})
        values.update({k: v for k, v in overrides.items() if v is not None})  # ``retry`` only from here
        if not values.get("url"):
            raise ConfigError(f"no webhook URL: {SET_URL}; it is a secret, so the command line never takes it")
        values["url"] = str(values["url"]).strip()
        values["format"] = str(values.get("format", DEFAULT_FORMAT)).lower()
        if values["format"] not in FORMATS:
            raise ConfigError(f"webhook format {values['format']!r} is not one of {', '.join(FORMATS)}; "
                              "pass --webhook-format or set SUMMARIZER_DIGEST_WEBHOOK_FORMAT")
        try:
            values["timeout"] = float(values.get("timeout", DEFAULT_WEBHOOK_TIMEOUT))
        except (TypeError, ValueError):
            raise ConfigError("the webhook timeout must be a number of seconds; fix "
                              "SUMMARIZER_DIGEST_WEBHOOK_TIMEOUT") from None
        return cls(**values)


def redact(url: str) -> str:
    """``https://hooks.example.com/services/T0/B0/secret`` -> ``https://hooks.example.com``."""
    try:
        parts = urlsplit(url)
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "the webhook URL"
    host = parts.hostname or ""
    host = f"[{host}]" if ":" in host else host
    return f"{parts.scheme}://{host}{port}" if parts.scheme and host else "the webhook URL"


def check_url(url: str) -> None:
    """A ConfigError, which never repeats the URL, unless it is an https URL (or http to this machine)."""
    try:
        parts = urlsplit(url.strip())
        _ = parts.port
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"the webhook URL is not an http(s) URL with a host; {SET_URL}")
    if parts.scheme == "http" and parts.hostname not in LOOPBACK:
        raise ConfigError(f"the webhook URL must use https:// (it is a secret, and plain http shows it on the "
                          f"network); only a receiver on this machine may use http://; {SET_URL}")


class _Retryable(Exception):
    """A failure worth another attempt; ``status_code`` and ``retry_after`` are what ``backends.retry`` reads."""

    def __init__(self, reason: str, status_code: int | None = None, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status_code = status_code
        self.retry_after = retry_after


Poster = Callable[[bytes, WebhookSettings, str], None]


def post_webhook(body: bytes, settings: WebhookSettings, key: str = "") -> None:
    """POST ``body`` (JSON) to the webhook, retrying what is transient; DeliveryError when it is not accepted.

    ``key`` goes out as the ``Idempotency-Key`` header: the same on every retry and every run.
    """
    attempts: list[int] = []

    def once() -> None:
        attempts.append(1)
        _post_once(body, settings, key)

    try:
        call_with_retries(settings.retry, once, transient=lambda exc: isinstance(exc, _Retryable))
    except _Retryable as exc:
        raise DeliveryError(f"the webhook at {settings.where} {exc.reason} ({len(attempts)} attempt(s)); it waits "
                            "in the outbox for the next run", channel="webhook") from None


def _post_once(body: bytes, settings: WebhookSettings, key: str) -> None:
    parts = urlsplit(settings.url.strip())
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    connection = (http.client.HTTPSConnection(parts.hostname or "", parts.port, timeout=settings.timeout,
                                              context=ssl.create_default_context())
                  if parts.scheme == "https" else
                  http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=settings.timeout))
    headers = {"Content-Type": "application/json; charset=utf-8", "User-Agent": "summarizer-digest"}
    if key:
        headers["Idempotency-Key"] = key
    try:
        connection.request("POST", target, body=body, headers=headers)
        response = connection.getresponse()
        status, detail = response.status, _detail(response.read(4096), settings.url)
        retry_after = parse_retry_after(response.getheader("Retry-After"))
    except ssl.SSLCertVerificationError as exc:
        raise DeliveryError(f"the webhook at {settings.where} sent a certificate that cannot be verified "
                            f"({exc.verify_message}); check the URL's host; it waits in the outbox for the next run",
                            channel="webhook") from None
    except (OSError, http.client.HTTPException) as exc:
        raise _Retryable(f"could not be reached ({_scrub(str(exc) or type(exc).__name__, settings.url)})") from None
    finally:
        connection.close()
    if 200 <= status < 300:
        return
    if status in (408, 429) or status >= 500:
        raise _Retryable(f"kept failing (last answer: {status}{detail})", status, retry_after)
    raise DeliveryError(_refusal(status, detail, settings.where), channel="webhook",
                        undeliverable=status in PAYLOAD_REFUSED)


def _refusal(status: int, detail: str, where: str) -> str:
    """One line: what the answer means and what to do about it."""
    said = f"the webhook at {where} answered {status}{detail}"
    if status in PAYLOAD_REFUSED:
        return (f"{said}: it refused the payload; if the receiver is not Slack, use --webhook-format json; "
                "this digest is set aside in the outbox's webhook/refused/ folder")
    if status in (401, 403):
        return f"{said}: the URL is wrong or was revoked; {SET_URL} to a current one; the digest waits in the outbox"
    if status in (404, 410):
        return (f"{said}: no such webhook (removed, or the URL is wrong); {SET_URL} to a current one; the digest "
                "waits in the outbox")
    if 300 <= status < 400:
        return (f"{said}, a redirect, which is not followed so the digest goes only where the URL says; {SET_URL} "
                "to the address it points to; the digest waits in the outbox")
    return f"{said}; check the webhook URL and the receiver; the digest waits in the outbox"


def _detail(body: bytes, url: str) -> str:
    """The receiver's own words ("no_service", "invalid_blocks"), short, on one line, with no part of the URL."""
    text = " ".join(body.decode("utf-8", errors="replace").split())
    text = _scrub(text, url)
    if len(text) > MAX_DETAIL:
        text = text[:MAX_DETAIL - 1] + "…"
    return f" {text}" if text else ""


def _scrub(text: str, url: str) -> str:
    """``text`` with the URL and its path and query replaced by ``***``, should a receiver echo them."""
    parts = urlsplit(url.strip())
    for secret in (url.strip(), parts.path, parts.query):
        if secret and secret != "/":
            text = text.replace(secret, "***")
    return text
