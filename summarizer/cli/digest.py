"""``summarize digest``: a thin layer over ``summarizer.digest.run_digest``. Imports only click until it runs."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from .group import handle_errors
from .options import model_options, model_overrides, no_cache_option, no_log_option


@click.command(name="digest")
@click.argument("sources", nargs=-1, required=True)
@click.option("--to", "recipients", multiple=True, metavar="ADDR",
              help="Email the digest to ADDR; repeat for several.")
@click.option("--webhook", "use_webhook", is_flag=True,
              help="Also post the digest to the webhook whose URL is in SUMMARIZER_DIGEST_WEBHOOK_URL (or url under "
                   "[webhook] in the config file). The URL is a secret, so this flag takes no value.")
@click.option("--webhook-format", type=click.Choice(["slack", "json"], case_sensitive=False),
              help="With --webhook: Slack blocks, or the digest as JSON for any other receiver "
                   "[env: SUMMARIZER_DIGEST_WEBHOOK_FORMAT; config: [webhook] format; default: slack].")
@click.option("--from", "sender", metavar="ADDR", help="Sender [env: SUMMARIZER_SMTP_FROM; config: [smtp] from].")
@click.option("--subject", help="Subject line (default: the period, the story count and the first story).")
@click.option("--since", default="24h", show_default=True,
              help="How far back the first digest looks (later ones start where the last ended): 24h, 90m, 2d, 1w.")
@click.option("--dry-run", is_flag=True,
              help="Write the message to a .eml file (the webhook's body to .webhook.json) instead of sending; "
                   "record nothing.")
@click.option("--eml", "eml_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Where --dry-run writes (default: digest-PERIOD.eml here; the body beside it).")
@click.option("--preview", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE.html",
              help="Also write the HTML part to this file.")
@click.option("--every", metavar="CRON", help='Stay running and send at these times, e.g. "0 8 * * *".')
@click.option("--runs", type=click.IntRange(min=1), metavar="N",
              help="With --every: stop after N scheduled runs (default: run until stopped).")
@click.option("--tz", metavar="ZONE", help="Time zone for --every and the period, e.g. Europe/Paris (default: local).")
@click.option("--state-dir", type=click.Path(file_okay=False, path_type=Path), envvar="SUMMARIZER_DIGEST_DIR",
              help="State file and outbox [env: SUMMARIZER_DIGEST_DIR; default: the user state folder].")
@model_options()
@no_cache_option()
@no_log_option()
@handle_errors
def digest(sources: tuple[str, ...], recipients: tuple[str, ...], use_webhook: bool, webhook_format: str | None,
           sender: str | None, subject: str | None, since: str, dry_run: bool, eml_path: Path | None,
           preview: Path | None, every: str | None, runs: int | None, tz: str | None, state_dir: Path | None,
           backend: str | None, model: str | None, no_cache: bool, no_log: bool) -> None:
    """Email a digest of SOURCES (--to) and/or post it to a webhook (--webhook).

    SOURCES: folders (new files), files, RSS/Atom feeds (URL or file) and article URLs.

    \b
    SMTP settings come from SUMMARIZER_SMTP_HOST, _PORT, _SECURITY (starttls, ssl, none),
    _USER, _PASSWORD, _FROM, _CAFILE (a private CA), or the [smtp] table of the config
    file; never from options.
    The webhook URL (Slack incoming webhook, or any receiver of JSON) is a secret too:
    SUMMARIZER_DIGEST_WEBHOOK_URL or url under [webhook]; never an option, never logged.
    Each period is delivered once per channel; what a receiver did not accept waits
    in that channel's outbox and goes first next run.
    """
    from datetime import datetime

    from ..core import Summarizer
    from ..digest.build import parse_since, period_label
    from ..digest.runner import RunResult, run_digest
    from ..digest.schedule import resolve_tz, run_forever

    if runs is not None and not every:
        raise click.UsageError("--runs counts scheduled runs; use it with --every")
    if webhook_format and not use_webhook:
        raise click.UsageError("--webhook-format chooses the webhook's payload; add --webhook")
    if not recipients and not use_webhook:
        raise click.UsageError("nothing to deliver to: pass --to ADDRESS, --webhook (the URL in "
                               "SUMMARIZER_DIGEST_WEBHOOK_URL), or both")
    webhook = _webhook(sources, webhook_format) if use_webhook else None
    window = parse_since(since)
    zone = resolve_tz(tz)
    overrides = model_overrides(backend, model, no_cache, log_runs=False if no_log else None)

    def once(summarizer: Summarizer) -> RunResult:
        eml = None
        if dry_run:
            label = period_label(datetime.now(zone).astimezone(zone), window).replace(":", "")
            eml = eml_path or Path(f"digest-{label}.eml")
        result = run_digest(list(sources), summarizer=summarizer, recipients=list(recipients), webhook=webhook,
                            sender=sender, subject=subject, since=window, state_dir=state_dir, dry_run=eml,
                            preview=preview, tz=zone)
        _report(result)
        return result

    with _digest_log(), Summarizer(**overrides) as summarizer:
        if every:
            until = f"for {runs} run(s)" if runs else "stop with Ctrl-C"
            click.echo(f"digest scheduler: {every!r} ({tz or 'local time'}); {until}", err=True)
            run_forever(every, lambda: _describe(once(summarizer)), tz=zone, max_runs=runs)
        else:
            once(summarizer)


def _webhook(sources: tuple[str, ...], webhook_format: str | None) -> Any:
    """The webhook's settings, read before anything is fetched; a source that is the webhook URL is refused
    (``--webhook URL`` would otherwise make the secret a source to fetch, and show it in messages)."""
    from ..digest.webhook import URL_VARIABLE, WebhookSettings

    settings = WebhookSettings.resolve(format=webhook_format.lower() if webhook_format else None)
    if any(source.strip().rstrip("/") == settings.url.strip().rstrip("/") for source in sources):
        raise click.UsageError(f"the webhook URL is among the SOURCES; --webhook takes no value: keep the URL in "
                               f"{URL_VARIABLE} only, and remove it from the command line (and your shell history)")
    return settings


@contextmanager
def _digest_log() -> Iterator[None]:
    """The digest's progress and every run on stderr; from the rest of summarizer only warnings and errors.

    The handler sits on the ``summarizer`` logger, not the root logger: what libraries log (instructor's
    "API call failed on attempt N", httpx's requests) stays out of the way of our one-line errors.
    """
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    package, ours = logging.getLogger("summarizer"), logging.getLogger("summarizer.digest")
    levels = package.level, ours.level
    package.addHandler(handler)
    package.setLevel(logging.WARNING)
    ours.setLevel(logging.INFO)
    try:
        yield
    finally:
        package.removeHandler(handler)
        package.setLevel(levels[0])
        ours.setLevel(levels[1])


def _describe(result: Any) -> str:
    if result.skipped:
        return f"nothing sent: {result.skipped}"
    digest = result.digest
    stories = len(digest.stories) if digest else 0
    failed = len(digest.failed) if digest else 0
    built = f"digest {result.period}: {stories} stories, {failed} failed"
    if result.eml_path is not None or result.payload_path is not None:
        written = ", ".join(str(p) for p in (result.eml_path, result.payload_path) if p is not None)
        return f"dry run, nothing sent; {built}; written to {written}"
    posted = f", {len(result.posted)} webhook post(s)" if result.posted else ""
    return f"{len(result.sent)} message(s) sent{posted}; {built}"


def _report(result: Any) -> None:
    for message_id in result.sent:
        click.echo(f"sent {message_id}", err=True)
    for delivery in result.posted:
        click.echo(f"posted webhook delivery {delivery}", err=True)
    if result.skipped:
        click.echo(f"no digest: {result.skipped}", err=True)
    if result.digest is not None and result.digest.failed:
        click.echo(f"{len(result.digest.failed)} article(s) not summarized; they are retried in the next digest",
                   err=True)
    if result.eml_path is not None:
        click.echo(f"dry run: message written to {result.eml_path}")
    if result.payload_path is not None:
        click.echo(f"dry run: webhook body written to {result.payload_path}")
    if result.preview_path is not None:
        click.echo(f"preview written to {result.preview_path}")
