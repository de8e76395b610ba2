"""The digest email: a multipart/alternative message with a text and an HTML part, and a fresh Message-ID.

Article titles are untrusted and may hold line breaks: nothing from an article
reaches a header without control characters removed (no header injection), and
addresses are checked to be one plain address each.
"""

from __future__ import annotations

import re
from datetime import datetime
from email import message_from_bytes
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, getaddresses, make_msgid, parseaddr

from ..errors import ConfigError
from .build import Digest
from .render import render_html, render_text, story_title

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]+")
MAX_SUBJECT = 200


def header_safe(text: str, limit: int = MAX_SUBJECT) -> str:
    """One line of text for a header: control characters (CR, LF, NUL ...) become spaces, length bounded."""
    text = " ".join(_CONTROL.sub(" ", text).split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def check_address(address: str, what: str = "address") -> str:
    """``address`` when it is one plain ``user@domain`` (optionally with a display name); else a ConfigError."""
    if _CONTROL.search(address) or len(getaddresses([address])) != 1:
        raise ConfigError(f"{what} {address!r} is not one email address; pass one address per option")
    name, addr = parseaddr(address)
    local, _, domain = addr.rpartition("@")
    if not local or not domain or " " in addr:
        raise ConfigError(f"{what} {address!r} is not an email address; write it as name@example.com")
    return str(Address(display_name=name, addr_spec=addr)) if name else addr


def default_subject(digest: Digest) -> str:
    stories = len(digest.stories)
    lead = f": {story_title(digest.stories[0])}" if digest.stories else ""
    return f"News digest {digest.period} - {stories} stor{'y' if stories == 1 else 'ies'}{lead}"


def title_of(digest: Digest, subject: str | None = None) -> str:
    """The digest's title, on one line: ``subject``, or the period, the story count and the first story."""
    return header_safe(subject or default_subject(digest))


def message_id_of(data: bytes) -> str:
    return str(message_from_bytes(data, policy=SMTP).get("Message-ID", "")).strip()


def compose(digest: Digest, *, sender: str, recipients: list[str], subject: str | None = None,
            now: datetime | None = None) -> EmailMessage:
    """The email for ``digest``. Its Message-ID is what makes sending idempotent (see ``send``)."""
    if not recipients:
        raise ConfigError("no recipient; pass --to ADDRESS")
    sender = check_address(sender, "sender")
    to = [check_address(r, "recipient") for r in recipients]
    title = title_of(digest, subject)
    message = EmailMessage(policy=SMTP)
    message["Subject"] = title
    message["From"] = sender
    message["To"] = ", ".join(to)
    message["Date"] = format_datetime(now or datetime.now().astimezone())
    domain = parseaddr(sender)[1].rpartition("@")[2] or None
    message["Message-ID"] = make_msgid("digest", domain=domain)
    message["X-Digest-Period"] = header_safe(digest.period)
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(render_text(digest, subject=title))
    message.add_alternative(render_html(digest, subject=title), subtype="html")
    return message
