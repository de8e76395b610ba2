"""Building a digest: collect the period's articles, summarize each through ``Summarizer``, merge same stories.

A failure to summarize one article never stops the digest: the article is
listed as failed and tried again in the next digest.
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from ..models import KeyFigure, Summary
from .sources import Candidate, as_item
from .stories import Item, Story, merge

if TYPE_CHECKING:
    from ..core import Summarizer

log = logging.getLogger("summarizer.digest")

SENTIMENTS = ("positive", "negative", "neutral", "mixed")
TOP_FIGURES = 6


@dataclass
class Failure:
    candidate: Candidate
    error: str
    attempts: int = 1


@dataclass
class Digest:
    """Everything one digest email shows; rendering and sending read it, nothing recomputes it."""

    period: str
    start: datetime
    end: datetime
    stories: list[Story] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)

    @property
    def article_count(self) -> int:
        return sum(len(story.items) for story in self.stories)

    @property
    def is_empty(self) -> bool:
        return not self.stories and not self.failed

    @property
    def included_keys(self) -> list[str]:
        return [item.candidate.key for story in self.stories for item in story.items]

    def to_json(self) -> dict[str, Any]:
        """Everything needed to render this digest again (``from_json``): the state keeps the last one."""
        return {
            "period": self.period, "start": self.start.isoformat(), "end": self.end.isoformat(),
            "stories": [[{"candidate": item.candidate.to_json(), "summary": item.summary.model_dump(mode="json"),
                          "text_hash": item.text_hash} for item in story.items] for story in self.stories],
            "failed": [{"candidate": f.candidate.to_json(), "error": f.error, "attempts": f.attempts}
                       for f in self.failed],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Digest:
        stories = [Story([Item(Candidate.from_json(i["candidate"]), Summary.model_validate(i["summary"]),
                               i["text_hash"]) for i in items]) for items in data["stories"]]
        failed = [Failure(Candidate.from_json(f["candidate"]), f["error"], f["attempts"]) for f in data["failed"]]
        return cls(data["period"], datetime.fromisoformat(data["start"]), datetime.fromisoformat(data["end"]),
                   stories, failed)

    def sentiment_counts(self) -> dict[str, int]:
        counts: Counter[str] = Counter(story.summary.sentiment.label for story in self.stories)
        return {label: counts[label] for label in SENTIMENTS}

    def top_figures(self, limit: int = TOP_FIGURES) -> list[tuple[KeyFigure, Story]]:
        """The first figure of each story, then the second ...: the model lists figures by importance."""
        picked: list[tuple[KeyFigure, Story]] = []
        rank = 0
        while len(picked) < limit and any(rank < len(s.summary.key_figures) for s in self.stories):
            for story in self.stories:
                if rank < len(story.summary.key_figures) and len(picked) < limit:
                    picked.append((story.summary.key_figures[rank], story))
            rank += 1
        return picked


def parse_since(text: str) -> timedelta:
    """``24h``, ``90m``, ``2d``, ``1w`` as a duration."""
    from ..errors import ConfigError

    units = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
    text = text.strip().lower()
    number, unit = text[:-1], text[-1:]
    if unit not in units or not number.isdigit() or int(number) == 0:
        raise ConfigError(f"--since {text!r} is not a duration; write a number and a unit such as 24h, 90m, 2d, 1w")
    return timedelta(**{units[unit]: int(number)})


def period_label(end: datetime, since: timedelta) -> str:
    """The slot a run belongs to: the local date for daily digests, else the start of the ``since``-long slot.

    Two runs in the same slot (cron fired twice, a manual re-run) share the label,
    so the state sends that period once.
    """
    if since >= timedelta(days=1) and since % timedelta(days=1) == timedelta(0):
        return end.date().isoformat()
    midnight = end.replace(hour=0, minute=0, second=0, microsecond=0)
    step = since if timedelta(days=1) % since == timedelta(0) else timedelta(minutes=1)
    slot = midnight + ((end - midnight) // step) * step
    return slot.strftime("%Y-%m-%dT%H:%M")


def summarize_all(summarizer: Summarizer, candidates: list[Candidate], *,
                  attempts: dict[str, int] | None = None) -> tuple[list[Item], list[Failure]]:
    """Summaries of every candidate, in order, through ``Summarizer.summarize_many`` (``jobs`` at a time);
    each failure is recorded with its reason, never raised."""
    done: dict[int, Item | Failure] = {}
    if candidates:
        log.info("summarizing %d article(s), %d at a time", len(candidates),
                 min(summarizer.settings.jobs, len(candidates)))
    for result in summarizer.summarize_many([as_item(candidate) for candidate in candidates]):
        candidate = candidates[result.index]
        if result.summary is None or result.article is None:
            log.warning("%s: not summarized: %s", candidate.origin, result.error)
            done[result.index] = Failure(candidate, str(result.error), (attempts or {}).get(candidate.key, 0) + 1)
            continue
        summary = result.summary
        log.info("%s: done in %.1fs (%s)", candidate.origin, summary.meta.seconds,
                 "cache" if summary.meta.cached else summary.meta.model)
        # a syndicated copy differs only in what the cleaner drops
        text_hash = hashlib.sha256(" ".join(result.article.text.split()).encode()).hexdigest()
        done[result.index] = Item(candidate, summary, text_hash)
    ordered = [done[index] for index in sorted(done)]
    return [d for d in ordered if isinstance(d, Item)], [d for d in ordered if isinstance(d, Failure)]


def build_digest(summarizer: Summarizer, candidates: list[Candidate], *, period: str, start: datetime,
                 end: datetime, attempts: dict[str, int] | None = None) -> Digest:
    """Summarize ``candidates`` and merge the ones telling the same story into one entry."""
    items, failures = summarize_all(summarizer, candidates, attempts=attempts)
    return Digest(period=period, start=start, end=end, stories=merge(items), failed=failures)
