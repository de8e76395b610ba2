"""The daily digest: the period's articles, summarized, merged by story, sent as one email.

    >>> from summarizer import Summarizer
    >>> from summarizer.digest import run_digest
    >>> with Summarizer() as s:
    ...     run_digest(["news/", "https://example.com/feed.xml"], summarizer=s, recipients=["me@example.com"])

One module per concern: ``sources`` (folders, files, feeds, URLs), ``build``
(summaries through ``Summarizer`` and the shared cache), ``stories`` (same story,
one entry), ``render`` and ``templates/`` (text and HTML), ``mail`` (the
email), ``state`` (state file, outbox, lock), ``send`` (SMTP settings, read from
``SUMMARIZER_SMTP_*`` and the config file's ``[smtp]`` table, and sending),
``errors`` (``DeliveryError``), ``schedule`` (``--every``), ``runner`` (one
run). Its command is ``summarizer.cli.digest``.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .build import Digest, Failure, build_digest, parse_since, period_label
    from .errors import DeliveryError
    from .mail import compose, header_safe
    from .render import render_html, render_text
    from .runner import RunResult, run_digest
    from .send import SmtpSettings, send_message
    from .sources import Candidate, collect
    from .state import DigestState
    from .stories import Story, merge

# Loaded on first use: ``import summarizer.digest`` must not pull in the rest.
_HOMES = {
    "Digest": "build", "Failure": "build", "build_digest": "build", "parse_since": "build",
    "period_label": "build", "compose": "mail", "header_safe": "mail", "Story": "stories", "merge": "stories",
    "render_html": "render", "render_text": "render", "RunResult": "runner", "run_digest": "runner",
    "SmtpSettings": "send", "send_message": "send", "Candidate": "sources", "collect": "sources",
    "DigestState": "state", "DeliveryError": "errors",
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(import_module(f".{_HOMES[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Candidate",
    "DeliveryError",
    "Digest",
    "DigestState",
    "Failure",
    "RunResult",
    "SmtpSettings",
    "Story",
    "build_digest",
    "collect",
    "compose",
    "header_safe",
    "merge",
    "parse_since",
    "period_label",
    "render_html",
    "render_text",
    "run_digest",
    "send_message",
]
