"""Delivery through the outbox, for every channel: a digest is never lost, and not delivered twice.

A channel (``channels``: the email over SMTP, the webhook) turns a digest into
one parcel with an id (the email's Message-ID, the webhook's delivery id) and
delivers it. How delivery is made idempotent, the same for each channel:

1. The parcel is written to the channel's outbox and the state records the
   delivery as ``queued`` *before* any connection is made.
2. After the receiver accepts it, the state records ``sent`` at once (fsynced),
   then the outbox file is removed.
3. Every run first delivers what is in each outbox, oldest first. A file whose
   id the state already records as ``sent`` (a crash between 2's two steps) is
   discarded, not delivered again; one the state does not know (a crash between
   writing it and recording it in 1) is set aside in ``unrecorded/``, and its
   articles go into the next digest.

A failure stops that channel's outbox (the receiver is down or refusing, later
parcels would fail the same way) and leaves the other channels alone. Only a
parcel the receiver refuses as such (``DeliveryError.undeliverable``: a webhook's
400) is set aside in ``refused/`` and recorded ``refused``, so one bad parcel
never blocks the digests after it.

Neither SMTP nor HTTP offers exactly-once delivery: a crash after the receiver
accepted a parcel but before the state write means the next run delivers it
again. That window is a few milliseconds; the copy carries the same id (the
Message-ID; the webhook's ``Idempotency-Key`` header and JSON ``id``), which
receivers can use to drop duplicates. We chose this over marking "sent" before
sending, which would lose the digest whenever the send then failed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from .errors import DeliveryError
from .state import REFUSED, SENT, DigestState

if TYPE_CHECKING:
    from .build import Digest

log = logging.getLogger("summarizer.digest")


@dataclass
class Parcel:
    """One channel's delivery of one digest: what goes to the outbox, and what the state records beside its id."""

    id: str
    data: bytes
    built: Any = None  # the EmailMessage, the payload: what a caller may want to look at
    record: dict[str, Any] = field(default_factory=dict)  # recipients, format ...


class Channel(Protocol):
    name: str  # "smtp", "webhook": its key in the state and its outbox
    suffix: str  # of its outbox files

    def where(self) -> str:
        """Where it delivers, safe to show: a host, never a secret."""
        ...

    def build(self, digest: Digest, now: datetime) -> Parcel: ...

    def id_of(self, data: bytes) -> str:
        """The id of an outbox file's parcel ("" when it cannot be read)."""
        ...

    def content(self, data: bytes) -> bytes:
        """What is delivered from an outbox file: the message, the request body (a dry run writes it)."""
        ...

    def deliver(self, data: bytes) -> None:
        """Hand the parcel over; DeliveryError when it is not accepted."""
        ...


def queue(state: DigestState, channel: Channel, parcel: Parcel, now: datetime) -> Path:
    """Put a built parcel in the channel's outbox (before any attempt to deliver it)."""
    return state.put_outbox(channel.name, parcel.id, parcel.data, now, channel.suffix)


def flush(state: DigestState, channel: Channel, now: Callable[[], datetime]) -> list[str]:
    """Deliver every parcel waiting in ``channel``'s outbox, oldest first; the ids delivered.

    Raises DeliveryError at the first failure, leaving it and the later parcels queued; a refused
    parcel is set aside and the others still go, then its error is raised.
    """
    delivered: list[str] = []
    refused: DeliveryError | None = None
    for path in state.outbox_files(channel.name):
        data = path.read_bytes()
        ident = channel.id_of(data)
        entry = state.delivery(channel.name, ident) if ident else None
        if entry is None:
            # Written, then a crash before the state recorded it: its articles were never marked as sent, so
            # the next digest includes them. Set aside rather than sent, so no article is sent twice.
            log.warning("%s: not recorded in the state; moved to %s, not sent", ident or path.name,
                        _set_aside(path, "unrecorded").parent)
            continue
        if entry["status"] == REFUSED:  # a crash between recording the refusal and moving the file
            _set_aside(path, "refused")
            continue
        if entry["status"] == SENT:
            log.info("%s: already sent (%s); removing it from the outbox", ident, entry["sent_at"])
            path.unlink()
            continue
        try:
            channel.deliver(data)
        except DeliveryError as exc:
            if not exc.undeliverable:
                raise
            state.mark(channel.name, ident, REFUSED, now(), error=str(exc))
            log.warning("%s: refused; set aside in %s", ident, _set_aside(path, "refused").parent)
            refused = refused or exc
            continue
        state.mark(channel.name, ident, SENT, now())  # first, and fsynced: the crash window is this line
        path.unlink()
        log.info("%s: sent (%s, %s)", ident, channel.name, channel.where())
        delivered.append(ident)
    if refused is not None:
        raise refused
    return delivered


def _set_aside(path: Path, folder: str) -> Path:
    aside = path.parent / folder
    aside.mkdir(exist_ok=True)
    return path.replace(aside / path.name)
