"""The digest's memory: which articles went out in which digest, which period was sent, and the outbox.

Layout of the state folder::

    state.json     digests (period, Message-ID, status, articles) and articles (digest, failures)
    outbox/        built messages not yet accepted by the SMTP server, one ``.eml`` each
    lock           held (flock) for the whole run, so two runs never interleave

Every write goes to a temporary file, is fsynced, and replaces the old file with
``os.replace``: a crash leaves the previous or the new version, never half of one.

A digest moves ``queued`` (built, in the outbox) -> ``sent`` (the server accepted
it). See ``send.deliver`` for how the outbox makes sending idempotent.
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

STATE_VERSION = 1
QUEUED, SENT = "queued", "sent"


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

    def digest_by_message_id(self, message_id: str) -> dict[str, Any] | None:
        return next((d for d in self.digests if d["message_id"] == message_id), None)

    def last_end(self) -> datetime | None:
        """Where the last recorded digest's period ended: the next one picks up articles from there."""
        ends = [datetime.fromisoformat(d["end"]) for d in self.digests]
        return max(ends) if ends else None

    def record(self, *, period: str, start: datetime, end: datetime, message_id: str, recipients: list[str],
               included: list[str], failed: list[tuple[Candidate, str]], now: datetime) -> None:
        """A digest built and queued: its articles belong to it from now on; failures wait for the next one."""
        self.digests.append({
            "period": period, "start": start.isoformat(), "end": end.isoformat(), "message_id": message_id,
            "recipients": recipients, "status": QUEUED, "queued_at": now.isoformat(), "sent_at": None,
            "articles": included, "failed": [c.key for c, _ in failed],
        })
        articles = self.data["articles"]
        for key in included:
            articles[key] = {"digest": message_id}
        for candidate, error in failed:
            previous = articles.get(candidate.key, {})
            articles[candidate.key] = {"digest": None, "pending": candidate.to_json(), "error": error,
                                       "attempts": int(previous.get("attempts", 0)) + 1}
        self.save()

    def mark_sent(self, message_id: str, now: datetime) -> None:
        digest = self.digest_by_message_id(message_id)
        if digest is not None:
            digest["status"] = SENT
            digest["sent_at"] = now.isoformat()
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

    # --- outbox ----------------------------------------------------------

    def put_outbox(self, message_id: str, data: bytes, now: datetime) -> Path:
        """Keep a built message until the server accepts it; names sort in the order messages were queued."""
        safe = "".join(c if c.isalnum() or c in ".-_@" else "_" for c in message_id.strip("<>"))
        path = self.outbox / f"{now.strftime('%Y%m%dT%H%M%S%f')}-{safe}.eml"
        atomic_write(path, data)
        return path

    def outbox_files(self) -> list[Path]:
        return sorted(self.outbox.glob("*.eml")) if self.outbox.is_dir() else []
