"""The daily digest: the period's articles, summarized, merged by story, sent as one email and/or to a webhook.

    >>> from summarizer import Summarizer
    >>> from summarizer.digest import WebhookSettings, run_digest
    >>> with Summarizer() as s:
    ...     run_digest(["news/", "https://example.com/feed.xml"], summarizer=s, recipients=["me@example.com"],
    ...                webhook=WebhookSettings.resolve())  # the URL from SUMMARIZER_DIGEST_WEBHOOK_URL

One module per concern: ``sources`` (folders, files, feeds, URLs), ``build``
(summaries through ``Summarizer`` and the shared cache), ``stories`` (same story,
one entry), ``conflicts`` (sources of a story that disagree on a figure),
``render`` and ``templates/`` (text and HTML), ``mail`` (the email), ``payload``
(Slack blocks, JSON), ``state`` (state file, lock), ``outbox`` (delivery at most
once per period and channel), ``channels`` (email, webhook), ``send`` (SMTP
settings, read from ``SUMMARIZER_SMTP_*`` and the config file's ``[smtp]`` table,
and sending), ``webhook`` (its secret URL, from ``SUMMARIZER_DIGEST_WEBHOOK_URL``
or ``[webhook]``, and posting), ``errors`` (``DeliveryError``), ``schedule``
(``--every``), ``runner`` (one run). Its command is ``summarizer.cli.digest``.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .build import Digest, Failure, build_digest, parse_since, period_label
    from .conflicts import Conflict, find_conflicts
    from .errors import DeliveryError
    from .mail import compose, header_safe
    from .payload import json_payload, slack_payload
    from .render import render_html, render_text
    from .runner import RunResult, run_digest
    from .send import SmtpSettings, send_message
    from .sources import Candidate, collect
    from .state import DigestState
    from .stories import Story, merge
    from .webhook import WebhookSettings, post_webhook

# Loaded on first use: ``import summarizer.digest`` must not pull in the rest.
_HOMES = {
    "Digest": "build", "Failure": "build", "build_digest": "build", "parse_since": "build",
    "period_label": "build", "compose": "mail", "header_safe": "mail", "Story": "stories", "merge": "stories",
    "render_html": "render", "render_text": "render", "RunResult": "runner", "run_digest": "runner",
    "SmtpSettings": "send", "send_message": "send", "Candidate": "sources", "collect": "sources",
    "DigestState": "state", "DeliveryError": "errors", "Conflict": "conflicts", "find_conflicts": "conflicts",
    "json_payload": "payload", "slack_payload": "payload", "WebhookSettings": "webhook", "post_webhook": "webhook",
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(import_module(f".{_HOMES[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Candidate",
    "Conflict",
    "DeliveryError",
    "Digest",
    "DigestState",
    "Failure",
    "RunResult",
    "SmtpSettings",
    "Story",
    "WebhookSettings",
    "build_digest",
    "collect",
    "compose",
    "find_conflicts",
    "header_safe",
    "json_payload",
    "merge",
    "parse_since",
    "period_label",
    "post_webhook",
    "render_html",
    "render_text",
    "run_digest",
    "send_message",
    "slack_payload",
]
