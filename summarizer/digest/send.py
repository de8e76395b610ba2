"""SMTP: its settings and handing one message to the server.

The outbox around it (never lost, not sent twice) is ``outbox``'s, the same for
every channel; ``channels.EmailChannel`` joins the two.

Credentials come from the environment (``SUMMARIZER_SMTP_*``) or the ``[smtp]``
table of the config file, never from the command line. With STARTTLS or implicit
TLS the server's certificate is always verified: against the system's CAs, or the
CA file in ``SUMMARIZER_SMTP_CAFILE`` / ``cafile`` for a server with a private CA.
"""

from __future__ import annotations

import logging
import os
import ssl
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from typing import Any

from ..config import read_section
from ..errors import ConfigError
from .errors import DeliveryError

log = logging.getLogger("summarizer.digest")

SECURITY = ("starttls", "ssl", "none")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
DEFAULT_SMTP_TIMEOUT = 30.0
_ENV = {
    "SUMMARIZER_SMTP_HOST": "host",
    "SUMMARIZER_SMTP_PORT": "port",
    "SUMMARIZER_SMTP_SECURITY": "security",
    "SUMMARIZER_SMTP_USER": "username",
    "SUMMARIZER_SMTP_PASSWORD": "password",
    "SUMMARIZER_SMTP_FROM": "sender",
    "SUMMARIZER_SMTP_TIMEOUT": "timeout",
    "SUMMARIZER_SMTP_CAFILE": "cafile",
}
_KNOWN = {"host", "port", "security", "username", "password", "sender", "timeout", "cafile", "ssl_context"}


@dataclass(frozen=True)
class SmtpSettings:
    host: str = "localhost"
    port: int | None = None
    security: str = "starttls"  # "starttls", "ssl" (implicit TLS) or "none" (plain, for a relay on this machine)
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    sender: str | None = None
    timeout: float = DEFAULT_SMTP_TIMEOUT
    cafile: str | None = None  # PEM file of the CA(s) to trust instead of the system's (a private CA)
    ssl_context: ssl.SSLContext | None = field(default=None, repr=False, compare=False)

    @property
    def effective_port(self) -> int:
        return self.port or DEFAULT_PORTS[self.security]

    @classmethod
    def resolve(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> SmtpSettings:
        """Overrides > ``SUMMARIZER_SMTP_*`` > the config file's ``[smtp]`` table > defaults."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = dict(read_section("smtp", env))
        if "user" in values:
            values["username"] = values.pop("user")
        if "from" in values:
            values["sender"] = values.pop("from")
        values.update({name: env[var] for var, name in _ENV.items() if env.get(var)})
        values.update({k: v for k, v in overrides.items() if v is not None})
        unknown = sorted(set(values) - _KNOWN)
        if unknown:
            raise ConfigError(f"unknown [smtp] setting(s): {', '.join(unknown)}; known: host, port, security, "
                              "user, password, from, timeout, cafile")
        security = str(values.get("security", "starttls")).lower()
        if security not in SECURITY:
            raise ConfigError(f"SMTP security {security!r} is not one of {', '.join(SECURITY)}; "
                              "set SUMMARIZER_SMTP_SECURITY")
        values["security"] = security
        try:
            if values.get("port") is not None:
                values["port"] = int(values["port"])
            if values.get("timeout") is not None:
                values["timeout"] = float(values["timeout"])
        except ValueError:
            raise ConfigError("SMTP port and timeout must be numbers; fix SUMMARIZER_SMTP_PORT/_TIMEOUT") from None
        if bool(values.get("username")) != bool(values.get("password")):
            raise ConfigError("SMTP login needs both a user and a password: set SUMMARIZER_SMTP_USER and "
                              "SUMMARIZER_SMTP_PASSWORD (or user and password under [smtp] in the config file)")
        return cls(**values)


def send_message(data: bytes, settings: SmtpSettings) -> None:
    """Hand one message to the SMTP server; raise DeliveryError when it is not accepted."""
    import smtplib

    message = message_from_bytes(data, policy=policy.SMTP)
    where = f"{settings.host}:{settings.effective_port}"
    context = tls_context(settings) if settings.security != "none" else None
    try:
        client: smtplib.SMTP
        if settings.security == "ssl":
            client = smtplib.SMTP_SSL(settings.host, settings.effective_port, timeout=settings.timeout,
                                      context=context)
        else:
            client = smtplib.SMTP(settings.host, settings.effective_port, timeout=settings.timeout)
        with client:
            if settings.security == "starttls":
                client.ehlo_or_helo_if_needed()
                if not client.has_extn("starttls"):
                    raise DeliveryError(f"the SMTP server {where} does not offer STARTTLS; set "
                                        "SUMMARIZER_SMTP_SECURITY=ssl if it expects TLS from the start (port 465); "
                                        "the message waits in the outbox for the next run")
                client.starttls(context=context)
            if settings.username and settings.password:
                client.login(settings.username, settings.password)
            refused = client.send_message(message)
    except smtplib.SMTPAuthenticationError as exc:
        raise DeliveryError(f"the SMTP server {where} refused the login ({exc.smtp_code}); check "
                            "SUMMARIZER_SMTP_USER and SUMMARIZER_SMTP_PASSWORD") from None
    except smtplib.SMTPRecipientsRefused as exc:
        raise DeliveryError(f"the SMTP server {where} refused every recipient "
                            f"({_codes(exc.recipients)}); check the --to addresses") from None
    except smtplib.SMTPResponseException as exc:
        error = exc.smtp_error.decode(errors="replace") if isinstance(exc.smtp_error, bytes) else exc.smtp_error
        raise DeliveryError(f"the SMTP server {where} refused the message: {exc.smtp_code} {error}; it waits "
                            "in the outbox for the next run") from None
    except ssl.SSLCertVerificationError as exc:
        raise DeliveryError(f"the SMTP server {where} sent a certificate that cannot be verified "
                            f"({exc.verify_message}); if a private CA signed it, set SUMMARIZER_SMTP_CAFILE (or "
                            "cafile under [smtp]) to that CA's certificate; the message waits in the outbox for "
                            "the next run") from None
    except (smtplib.SMTPException, OSError) as exc:
        raise DeliveryError(f"cannot reach the SMTP server {where} ({exc}); check SUMMARIZER_SMTP_HOST/_PORT/"
                            "_SECURITY, the message waits in the outbox for the next run") from None
    if refused:
        log.warning("the SMTP server refused some recipients: %s", _codes(refused))


def tls_context(settings: SmtpSettings) -> ssl.SSLContext:
    """A verifying client context: the system's CAs, or only those in ``settings.cafile``."""
    if settings.ssl_context is not None:
        return settings.ssl_context
    if not settings.cafile:
        return ssl.create_default_context()
    cafile = os.path.expanduser(settings.cafile)
    try:
        return ssl.create_default_context(cafile=cafile)
    except (OSError, ssl.SSLError) as exc:
        raise ConfigError(f"cannot load the SMTP CA file {cafile} ({exc}); point SUMMARIZER_SMTP_CAFILE (or "
                          "cafile under [smtp]) at a PEM file of CA certificates") from None


def _codes(recipients: Mapping[str, tuple[int, bytes]]) -> str:
    return ", ".join(f"{addr}: {code}" for addr, (code, _) in recipients.items())


Sender = Callable[[bytes, SmtpSettings], None]
