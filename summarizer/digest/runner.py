"""One digest run: deliver what each channel's outbox holds, build the period's digest, queue it per channel, deliver.

This is what ``summarize digest`` and the scheduler call. The channels are the
email (``recipients``) and the webhook (``webhook``), one or both; each keeps its
own outbox and delivers each period at most once, and a failure of one never
holds the other back. ``dry_run`` writes what would be delivered to files and
changes no state.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from email.message import EmailMessage
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError
from .build import Digest, build_digest, period_label
from .channels import EmailChannel, WebhookChannel
from .errors import DeliveryError
from .mail import title_of
from .outbox import Channel, Parcel, flush, queue
from .render import render_html
from .send import Sender, SmtpSettings, send_message
from .sources import Candidate, collect
from .state import DigestState, default_state_dir
from .webhook import Poster, WebhookSettings, post_webhook

if TYPE_CHECKING:
    from ..core import Summarizer

log = logging.getLogger("summarizer.digest")

DEFAULT_SINCE = timedelta(hours=24)


@dataclass
class RunResult:
    """What a run did; the CLI reports it."""

    period: str
    digest: Digest | None = None
    message: EmailMessage | None = None  # the email built in this run
    payload: dict[str, Any] | None = None  # the webhook payload built in this run
    eml_path: Path | None = None
    payload_path: Path | None = None
    preview_path: Path | None = None
    delivered: dict[str, list[str]] = field(default_factory=dict)  # per channel, the ids accepted in this run
    skipped: str | None = None  # why no digest was built or queued

    @property
    def sent(self) -> list[str]:
        """The Message-IDs the SMTP server accepted in this run."""
        return self.delivered.get("smtp", [])

    @property
    def posted(self) -> list[str]:
        """The webhook deliveries the receiver accepted in this run."""
        return self.delivered.get("webhook", [])


def run_digest(sources: Sequence[str], *, summarizer: Summarizer, recipients: Sequence[str] = (),
               webhook: WebhookSettings | None = None, sender: str | None = None, subject: str | None = None,
               since: timedelta = DEFAULT_SINCE, state_dir: Path | None = None, smtp: SmtpSettings | None = None,
               dry_run: Path | None = None, preview: Path | None = None, tz: tzinfo | None = None,
               now: Callable[[], datetime] | None = None, send: Sender = send_message,
               post: Poster = post_webhook) -> RunResult:
    """Build and deliver the digest of ``sources`` for the current period, by email and/or webhook.

    Each period is delivered at most once per channel; each article goes into exactly one digest;
    an article that fails to summarize is listed as failed and tried again next time. With ``dry_run``
    the email is written to that ``.eml`` path and the webhook's body beside it (``.webhook.json``);
    nothing is sent or recorded.
    """
    if not recipients and webhook is None:
        raise ConfigError("nothing to deliver to: pass --to ADDRESS, or --webhook with the URL in "
                          "SUMMARIZER_DIGEST_WEBHOOK_URL, or both")
    clock = now or (lambda: datetime.now(tz).astimezone(tz))
    folder = state_dir or default_state_dir()
    channels: list[Channel] = []
    if recipients:
        channels.append(EmailChannel(list(recipients), smtp or SmtpSettings.resolve(), sender, subject, send))
    if webhook is not None:
        channels.append(WebhookChannel(webhook, subject, post))
    if dry_run is not None:
        return _dry_run(DigestState(folder), channels, sources, summarizer, since, clock(), dry_run, preview, subject)
    with DigestState.open(folder) as state:
        return _deliver(state, channels, sources, summarizer, since, clock, preview, subject)


def _deliver(state: DigestState, channels: list[Channel], sources: Sequence[str], summarizer: Summarizer,
             since: timedelta, clock: Callable[[], datetime], preview: Path | None, subject: str | None) -> RunResult:
    errors: dict[str, DeliveryError] = {}
    result = RunResult(period_label(clock(), since))
    _flush_all(state, channels, clock, result, errors)  # what failed before goes first
    record = state.digest_for_period(result.period)
    if record is None:
        result.digest = _build(state, sources, summarizer, since, clock())
        todo = channels if not result.digest.is_empty else []
        if result.digest.is_empty:
            result.skipped = f"no new articles since {result.digest.start:%Y-%m-%d %H:%M}"
    else:
        todo = [c for c in channels if c.name not in record["deliveries"]]
        kept = state.kept_digest(result.period) if todo else None
        result.digest = Digest.from_json(kept) if kept else None
        if not todo:
            result.skipped = f"the digest for {result.period} was already " + "; ".join(
                f"{d['status']} by {name} ({d['sent_at'] or d['queued_at']})" for name, d in
                record["deliveries"].items() if name in {c.name for c in channels})
        elif result.digest is None:
            result.skipped = (f"the digest for {result.period} was built before {', '.join(c.name for c in todo)} "
                              "was asked for, and is no longer kept; it starts with the next period")
            todo = []
    if todo and result.digest is not None:
        parcels = _queue(state, todo, result.digest, clock(), new=record is None)
        _show(result, parcels, preview, subject)
    _flush_all(state, [c for c in channels if c.name not in errors], clock, result, errors)
    if errors:
        raise DeliveryError("; ".join(f"{exc} ({len(state.outbox_files(name))} waiting in "
                                      f"{state.outbox_of(name)})" for name, exc in errors.items()),
                            channel=",".join(errors))
    return result


def _flush_all(state: DigestState, channels: list[Channel], clock: Callable[[], datetime], result: RunResult,
               errors: dict[str, DeliveryError]) -> None:
    for channel in channels:
        try:
            result.delivered.setdefault(channel.name, []).extend(flush(state, channel, clock))
        except DeliveryError as exc:
            errors[channel.name] = exc


def _queue(state: DigestState, channels: list[Channel], digest: Digest, now: datetime, *,
           new: bool) -> dict[str, Parcel]:
    """Each channel's parcel in its outbox, then the state: a new digest with its articles, or one more channel."""
    parcels = {channel.name: channel.build(digest, now) for channel in channels}
    for channel in channels:
        queue(state, channel, parcels[channel.name], now)
    deliveries = {name: {"id": parcel.id, **parcel.record} for name, parcel in parcels.items()}
    if new:
        state.keep_digest(digest.to_json())
        state.record(period=digest.period, start=digest.start, end=digest.end, included=digest.included_keys,
                     failed=[(f.candidate, f.error) for f in digest.failed], deliveries=deliveries, now=now)
    else:
        for name, entry in deliveries.items():
            state.add_delivery(digest.period, name, entry, now)
    return parcels


def _show(result: RunResult, parcels: dict[str, Parcel], preview: Path | None, subject: str | None) -> None:
    result.message = parcels["smtp"].built if "smtp" in parcels else None
    result.payload = parcels["webhook"].built if "webhook" in parcels else None
    if preview is not None and result.digest is not None:
        preview.parent.mkdir(parents=True, exist_ok=True)
        preview.write_text(render_html(result.digest, subject=title_of(result.digest, subject)), encoding="utf-8")
        result.preview_path = preview


def _dry_run(state: DigestState, channels: list[Channel], sources: Sequence[str], summarizer: Summarizer,
             since: timedelta, now: datetime, path: Path, preview: Path | None, subject: str | None) -> RunResult:
    """What the next digest would hold, written to files; the state is only read (no lock, no writes)."""
    result = RunResult(period_label(now, since), _build(state, sources, summarizer, since, now))
    assert result.digest is not None
    if result.digest.is_empty:
        result.skipped = f"no new articles since {result.digest.start:%Y-%m-%d %H:%M}"
        return result
    parcels = {channel.name: channel.build(result.digest, now) for channel in channels}
    _show(result, parcels, preview, subject)
    for channel in channels:
        target = path if channel.name == "smtp" else path.with_suffix(".webhook.json")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(channel.content(parcels[channel.name].data))
        if channel.name == "smtp":
            result.eml_path = target
        else:
            result.payload_path = target
    return result


def _build(state: DigestState, sources: Sequence[str], summarizer: Summarizer, since: timedelta,
           now: datetime) -> Digest:
    last_end = state.last_end()
    start = last_end.astimezone(now.tzinfo) if last_end is not None else now - since
    candidates = _with_retries(state, collect(sources, start, allow_private=summarizer.settings.allow_private_urls))
    attempts = {c.key: state.attempts(c.key) for c in candidates}
    return build_digest(summarizer, candidates, period=period_label(now, since), start=start, end=now,
                        attempts=attempts)


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
