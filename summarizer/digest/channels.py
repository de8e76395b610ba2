"""The digest's channels: how each turns a digest into one parcel and delivers it (``outbox.Channel``).

``EmailChannel`` composes the message (``mail``) and hands it to the SMTP server
(``send``); ``WebhookChannel`` builds the Slack or JSON payload (``payload``) and
posts it (``webhook``). What they share, the outbox and the state, is ``outbox``'s.
A webhook parcel in the outbox is ``{"id", "format", "body"}``: the body is what is
posted, the id goes out as ``Idempotency-Key`` (and as ``id`` in the JSON format).
"""

from __future__ import annotations

import json
import socket
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from .mail import compose, message_id_of, title_of
from .outbox import Parcel
from .payload import json_payload, slack_payload
from .send import Sender, SmtpSettings, send_message
from .webhook import Poster, WebhookSettings, post_webhook

if TYPE_CHECKING:
    from .build import Digest


@dataclass
class EmailChannel:
    recipients: list[str]
    smtp: SmtpSettings
    sender: str | None = None
    subject: str | None = None
    send: Sender = send_message

    name = "smtp"
    suffix = ".eml"

    def where(self) -> str:
        return f"{self.smtp.host}:{self.smtp.effective_port}"

    def build(self, digest: Digest, now: datetime) -> Parcel:
        sender = self.sender or self.smtp.sender or f"summarizer@{socket.gethostname() or 'localhost'}"
        message = compose(digest, sender=sender, recipients=self.recipients, subject=self.subject, now=now)
        return Parcel(str(message["Message-ID"]), message.as_bytes(), message, {"recipients": self.recipients})

    def id_of(self, data: bytes) -> str:
        return message_id_of(data)

    def content(self, data: bytes) -> bytes:
        return data

    def deliver(self, data: bytes) -> None:
        self.send(data, self.smtp)


@dataclass
class WebhookChannel:
    settings: WebhookSettings
    subject: str | None = None
    post: Poster = post_webhook

    name = "webhook"
    suffix = ".json"

    def where(self) -> str:
        return self.settings.where

    def build(self, digest: Digest, now: datetime) -> Parcel:
        ident = uuid.uuid4().hex
        title = title_of(digest, self.subject)
        body = (slack_payload(digest, title=title) if self.settings.format == "slack"
                else json_payload(digest, title=title, ident=ident))
        envelope = {"id": ident, "format": self.settings.format, "body": body}
        return Parcel(ident, json.dumps(envelope, ensure_ascii=False).encode("utf-8"), body,
                      {"format": self.settings.format})

    def id_of(self, data: bytes) -> str:
        envelope = _envelope(data)
        return str(envelope.get("id") or "")

    def content(self, data: bytes) -> bytes:
        return json.dumps(_envelope(data).get("body"), ensure_ascii=False).encode("utf-8")

    def deliver(self, data: bytes) -> None:
        self.post(self.content(data), self.settings, self.id_of(data))


def _envelope(data: bytes) -> dict[str, Any]:
    try:
        envelope = json.loads(data)
    except ValueError:
        return {}
    return envelope if isinstance(envelope, dict) else {}
