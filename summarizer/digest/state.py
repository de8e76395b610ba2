"""The digest's memory: which articles went out in which digest, which channel delivered which period, the outbox.

Layout of the state folder::

    state.json     digests (period, articles, failures, one delivery per channel) and articles
    digest.json    the last digest built, so a channel asked for later in its period can still deliver it
    outbox/        built email messages not yet accepted by the SMTP server, one ``.eml`` each
    outbox/webhook built webhook payloads not yet accepted by the receiver, one ``.json`` each
    lock           held (flock) for the whole run, so two runs never interleave

Every write goes to a temporary file, is fsynced, and replaces the old file with
``os.replace``: a crash leaves the previous or the new version, never half of one.

A period's digest is built once; each channel (``smtp``, ``webhook``) delivers it
at most once. Its delivery moves ``queued`` (built, in that channel's outbox) ->
``sent`` (accepted), or -> ``refused`` when the receiver refused that very payload
(set aside in ``outbox/CHANNEL/refused/``). See ``outbox`` for how the outbox makes
delivery idempotent. A version 1 state (email only) is read as version 2.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from .._files import atomic_write
from ..errors import ConfigError
from .errors import DeliveryError
from .sources import Candidate

STATE_VERSION = 2
QUEUED, SENT, REFUSED = "queued", "sent", "refused"
SMTP = "smtp"


def default_state_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_state_dir("summarizer")) / "digest"


class DigestState:
    """The state file and the outbox of one state folder. Use ``DigestState.open(folder)`` (holds the lock)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / "state.json"
        self.outbox = folder / "outbox"
        self.data: dict[str, Any] = {"version": STATE_VERSION, "digests": [], "articles": {}}
        if self.path.exists():
            try:
                self.data = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise ConfigError(f"cannot read the digest state {self.path} ({exc}); restore it from a backup "
                                  "or move it away to start afresh (articles may then be sent again)") from None
            if self.data.get("version") == 1:
                self.data = _from_version_1(self.data)
            if self.data.get("version") != STATE_VERSION:
                raise ConfigError(f"{self.path}: unknown state version {self.data.get('version')!r}; "
                                  "upgrade summarizer")

    @classmethod
    @contextlib.contextmanager
    def open(cls, folder: Path) -> Iterator[DigestState]:
        """The state of ``folder``, locked against a concurrent run for as long as the block lasts."""
        folder.mkdir(parents=True, exist_ok=True)
        with (folder / "lock").open("a") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise DeliveryError(f"another digest run holds {folder / 'lock'}; wait for it to finish") from None
            try:
                yield cls(folder)
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def save(self) -> None:
        atomic_write(self.path, json.dumps(self.data, indent=2, sort_keys=True).encode("utf-8"))

    # --- digests and periods ---------------------------------------------

    @property
    def digests(self) -> list[dict[str, Any]]:
        return self.data["digests"]  # type: ignore[no-any-return]

    def digest_for_period(self, period: str) -> dict[str, Any] | None:
        return next((d for d in self.digests if d["period"] == period), None)

    def last_end(self) -> datetime | None:
        """Where the last recorded digest's period ended: the next one picks up articles from there."""
        ends = [datetime.fromisoformat(d["end"]) for d in self.digests]
        return max(ends) if ends else None

    def record(self, *, period: str, start: datetime, end: datetime, included: list[str],
               failed: list[tuple[Candidate, str]], deliveries: dict[str, dict[str, Any]], now: datetime) -> None:
        """A digest built and queued for each channel in ``deliveries`` (``{channel: {"id": ..., ...}}``):
        its articles belong to it from now on; failures wait for the next one."""
        self.digests.append({
            "period": period, "start": start.isoformat(), "end": end.isoformat(), "built_at": now.isoformat(),
            "articles": included, "failed": [c.key for c, _ in failed],
            "deliveries": {channel: _queued(entry, now) for channel, entry in deliveries.items()},
        })
        articles = self.data["articles"]
        for key in included:
            articles[key] = {"digest": period}
        for candidate, error in failed:
            previous = articles.get(candidate.key, {})
            articles[candidate.key] = {"digest": None, "pending": candidate.to_json(), "error": error,
                                       "attempts": int(previous.get("attempts", 0)) + 1}
        self.save()

    def add_delivery(self, period: str, channel: str, entry: dict[str, Any], now: datetime) -> None:
        """The period's digest queued for one more channel (asked for after the digest was built)."""
        digest = self.digest_for_period(period)
        assert digest is not None, period
        digest["deliveries"][channel] = _queued(entry, now)
        self.save()

    def delivery(self, channel: str, ident: str) -> dict[str, Any] | None:
        """The delivery of ``channel`` whose id (a Message-ID, a webhook delivery id) is ``ident``."""
        for digest in self.digests:
            entry = digest["deliveries"].get(channel)
            if entry is not None and entry["id"] == ident:
                return entry  # type: ignore[no-any-return]
        return None

    def mark(self, channel: str, ident: str, status: str, now: datetime, error: str | None = None) -> None:
        entry = self.delivery(channel, ident)
        if entry is not None:
            entry["status"] = status
            entry["sent_at" if status == SENT else "refused_at"] = now.isoformat()
            if error is not None:
                entry["error"] = error
            self.save()

    # --- articles --------------------------------------------------------

    def is_included(self, key: str) -> bool:
        return bool(self.data["articles"].get(key, {}).get("digest"))

    def pending(self) -> list[Candidate]:
        """Articles that failed in an earlier digest: they are tried again."""
        return [Candidate.from_json(entry["pending"]) for entry in self.data["articles"].values()
                if not entry.get("digest") and entry.get("pending")]

    def attempts(self, key: str) -> int:
        return int(self.data["articles"].get(key, {}).get("attempts", 0))

    # --- the last digest, for a channel that joins in its period -----------

    def keep_digest(self, data: dict[str, Any]) -> None:
        atomic_write(self.folder / "digest.json", json.dumps(data).encode("utf-8"))

    def kept_digest(self, period: str) -> dict[str, Any] | None:
        try:
            data = json.loads((self.folder / "digest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) and data.get("period") == period else None

    # --- outbox ----------------------------------------------------------

    def outbox_of(self, channel: str) -> Path:
        """The email keeps the ``outbox/`` it had before there were channels; another channel has a folder in it."""
        return self.outbox if channel == SMTP else self.outbox / channel

    def put_outbox(self, channel: str, ident: str, data: bytes, now: datetime, suffix: str) -> Path:
        """Keep a built delivery until it is accepted; names sort in the order deliveries were queued."""
        safe = "".join(c if c.isalnum() or c in ".-_@" else "_" for c in ident.strip("<>"))
        path = self.outbox_of(channel) / f"{now.strftime('%Y%m%dT%H%M%S%f')}-{safe}{suffix}"
        atomic_write(path, data)
        return path

    def outbox_files(self, channel: str = SMTP) -> list[Path]:
        folder = self.outbox_of(channel)
        if not folder.is_dir():
            return []
        return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


def _queued(entry: dict[str, Any], now: datetime) -> dict[str, Any]:
    return {**entry, "status": QUEUED, "queued_at": now.isoformat(), "sent_at": None}


def _from_version_1(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 knew one channel, the email: its Message-ID, status and times become the ``smtp`` delivery."""
    for digest in data.get("digests", []):
        digest["deliveries"] = {SMTP: {"id": digest.pop("message_id"), "status": digest.pop("status"),
                                       "queued_at": digest.pop("queued_at"), "sent_at": digest.pop("sent_at"),
                                       "recipients": digest.pop("recipients", [])}}
    return {**data, "version": STATE_VERSION}
