"""One digest run: flush the outbox, build the period's digest, queue it, send it.

This is what ``summarize digest`` and the scheduler call. ``dry_run`` writes the
message to a ``.eml`` file and changes no state.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from email.message import EmailMessage
from pathlib import Path
from typing import TYPE_CHECKING

from .build import Digest, build_digest, period_label
from .errors import DeliveryError
from .mail import compose
from .send import Sender, SmtpSettings, flush_outbox, queue, send_message
from .sources import Candidate, collect
from .state import DigestState, default_state_dir

if TYPE_CHECKING:
    from ..core import Summarizer

log = logging.getLogger("summarizer.digest")

DEFAULT_SINCE = timedelta(hours=24)


@dataclass
class RunResult:
    """What a run did; the CLI reports it."""

    period: str
    digest: Digest | None = None
    message: EmailMessage | None = None
    eml_path: Path | None = None
    preview_path: Path | None = None
    sent: list[str] = field(default_factory=list)  # Message-IDs accepted by the server in this run
    skipped: str | None = None  # why no digest was built


def run_digest(sources: Sequence[str], *, summarizer: Summarizer, recipients: Sequence[str],
               sender: str | None = None, subject: str | None = None, since: timedelta = DEFAULT_SINCE,
               state_dir: Path | None = None, smtp: SmtpSettings | None = None, dry_run: Path | None = None,
               preview: Path | None = None, tz: tzinfo | None = None, now: Callable[[], datetime] | None = None,
               send: Sender = send_message) -> RunResult:
    """Build and deliver the digest of ``sources`` for the current period.

    Each period is sent at most once; each article goes into exactly one digest;
    an article that fails to summarize is listed as failed and tried again next time.
    With ``dry_run`` the message is written to that ``.eml`` path and nothing is sent or recorded.
    """
    clock = now or (lambda: datetime.now(tz).astimezone(tz))
    folder = state_dir or default_state_dir()
    allow_private = summarizer.settings.allow_private_urls
    if dry_run is not None:
        state = DigestState(folder)  # read only: no lock, no writes; shows what the next digest would hold
        result = _build(state, sources, summarizer, since, clock(), allow_private, recipients, sender, subject,
                        smtp, preview, check_period=False)
        if result.message is not None and dry_run is not None:
            dry_run.parent.mkdir(parents=True, exist_ok=True)
            dry_run.write_bytes(result.message.as_bytes())
            result.eml_path = dry_run
        return result
    smtp = smtp or SmtpSettings.resolve()
    with DigestState.open(folder) as state:
        pending_error: DeliveryError | None = None
        sent: list[str] = []
        try:
            sent = flush_outbox(state, smtp, clock, send)
        except DeliveryError as exc:
            pending_error = exc
        result = _build(state, sources, summarizer, since, clock(), allow_private, recipients, sender, subject,
                        smtp, preview)
        result.sent = sent
        if result.message is not None and result.digest is not None:
            message_id = str(result.message["Message-ID"])
            queue(state, result.message, clock())
            state.record(period=result.period, start=result.digest.start, end=result.digest.end,
                         message_id=message_id, recipients=list(recipients),
                         included=result.digest.included_keys,
                         failed=[(f.candidate, f.error) for f in result.digest.failed], now=clock())
        if pending_error is not None:
            raise DeliveryError(f"{pending_error} ({len(state.outbox_files())} message(s) wait in "
                                f"{state.outbox})")
        result.sent += flush_outbox(state, smtp, clock, send)
    return result


def _build(state: DigestState, sources: Sequence[str], summarizer: Summarizer, since: timedelta, now: datetime,
           allow_private: bool, recipients: Sequence[str], sender: str | None, subject: str | None,
           smtp: SmtpSettings | None, preview: Path | None, check_period: bool = True) -> RunResult:
    period = period_label(now, since)
    done = state.digest_for_period(period)
    if done is not None and check_period:
        return RunResult(period, skipped=f"the digest for {period} was already {done['status']} "
                                         f"({done['sent_at'] or done['queued_at']})")
    last_end = state.last_end()
    start = last_end.astimezone(now.tzinfo) if last_end is not None else now - since
    candidates = _with_retries(state, collect(sources, start, allow_private=allow_private))
    attempts = {c.key: state.attempts(c.key) for c in candidates}
    digest = build_digest(summarizer, candidates, period=period, start=start, end=now,
                          attempts=attempts)
    if digest.is_empty:
        return RunResult(period, digest, skipped=f"no new articles since {start:%Y-%m-%d %H:%M}")
    from_address = sender or (smtp.sender if smtp else None) or f"summarizer@{socket.gethostname() or 'localhost'}"
    message = compose(digest, sender=from_address, recipients=list(recipients), subject=subject, now=now)
    result = RunResult(period, digest, message)
    if preview is not None:
        preview.parent.mkdir(parents=True, exist_ok=True)
        html_part = message.get_body(("html",))
        assert html_part is not None
        preview.write_text(html_part.get_content(), encoding="utf-8")
        result.preview_path = preview
    return result


def _with_retries(state: DigestState, found: list[Candidate]) -> list[Candidate]:
    """Articles that failed before come first; then what was found and has not been in a digest."""
    seen: set[str] = set()
    ordered: list[Candidate] = []
    for candidate in [*state.pending(), *found]:
        if candidate.key in seen or state.is_included(candidate.key):
            continue
        seen.add(candidate.key)
        ordered.append(candidate)
    return ordered
