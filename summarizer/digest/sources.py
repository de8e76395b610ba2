"""Collecting the articles of a digest from folders, files, RSS/Atom feeds and URLs.

Each candidate gets a stable ``key`` so the state file can tell whether it was
already in a digest: a file by its path and content hash, a feed entry by its
id (or link), a URL by itself. Nothing here calls a model.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..fetch import ACCEPTED_TYPES, fetch
from ..inputs import is_article_file, kind

FEED_SUFFIXES = (".xml", ".rss", ".atom")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml")
MIN_ENTRY_WORDS = 40  # a feed entry with less text than this is a teaser: its link is fetched instead
_FEED_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.S)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Candidate:
    """One article to summarize: where it came from and how to read it again on a retry."""

    key: str
    origin: str                  # what to show as the source: a path or a URL
    kind: str                    # "file", "url" or "entry" (text carried by a feed)
    title: str | None = None
    url: str | None = None       # a link to show, http(s) only
    text: str | None = None      # the article text when it came inside a feed
    published: str | None = None  # ISO 8601, when the source says
    path: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Candidate:
        return cls(**{k: data[k] for k in ("key", "origin", "kind", "title", "url", "text", "published", "path")
                      if k in data})


def collect(sources: Iterable[str], since: datetime, *, allow_private: bool = False) -> list[Candidate]:
    """Every candidate article of ``sources``; folder files and dated feed entries older than ``since`` are left out.

    Files and URLs named on their own are always candidates: the state decides whether they were sent already.
    """
    found: dict[str, Candidate] = {}
    for source in sources:
        for candidate in _collect_one(source, since, allow_private):
            found.setdefault(candidate.key, candidate)
    return list(found.values())


def _collect_one(source: str, since: datetime, allow_private: bool) -> Iterator[Candidate]:
    what = kind(source)
    if what == "url":
        fetched = fetch(source, allow_private=allow_private, accepted=ACCEPTED_TYPES + FEED_TYPES)
        if fetched.content_type in FEED_TYPES or _FEED_START.match(fetched.body[:2048]):
            yield from feed_entries(fetched.body, fetched.url, since)
        else:
            yield Candidate(key=f"url:{source}", origin=source, kind="url", url=source)
        return
    path = Path(source)
    if what == "folder":
        yield from _folder(path, since)
    elif path.is_file() and _is_feed_file(path):
        yield from feed_entries(path.read_bytes(), str(path), since)
    elif path.is_file():
        yield _file(path)
    else:
        raise InputError(f"{source}: no such file, folder or URL; check the path")


def _folder(folder: Path, since: datetime) -> Iterator[Candidate]:
    cutoff = since.timestamp()
    for path in sorted(folder.iterdir()):
        if not path.is_file() or path.name.startswith("."):
            continue
        if path.suffix.lower() in FEED_SUFFIXES and _is_feed_file(path):
            yield from feed_entries(path.read_bytes(), str(path), since)
        elif is_article_file(path) and path.stat().st_mtime >= cutoff:
            yield _file(path)


def _file(path: Path) -> Candidate:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    return Candidate(key=f"file:{path.resolve()}:{digest}", origin=str(path), kind="file", path=str(path))


def _is_feed_file(path: Path) -> bool:
    with path.open("rb") as handle:
        return bool(_FEED_START.match(handle.read(2048)))


def feed_entries(data: bytes, origin: str, since: datetime) -> Iterator[Candidate]:
    """The entries of an RSS or Atom feed published after ``since`` (undated entries always)."""
    import feedparser

    parsed = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        raise InputError(f"{origin}: not a readable RSS or Atom feed ({parsed.get('bozo_exception')}); check it")
    for entry in parsed.entries:
        published = _entry_time(entry)
        if published is not None and published < since:
            continue
        link = str(entry.get("link") or "") or None
        link = link if link and link.startswith(("http://", "https://")) else None
        title = _plain(str(entry.get("title") or "")) or None
        text = _entry_text(entry)
        ident = str(entry.get("id") or link or hashlib.sha256((title or "").encode() + text.encode()).hexdigest())
        words = len(text.split())
        if words < MIN_ENTRY_WORDS and link is None:
            text = text or (title or "")
        if words >= MIN_ENTRY_WORDS or link is None:
            body = f"{title}\n\n{text}" if title and not text.startswith(title) else text
            yield Candidate(key=f"entry:{ident}", origin=link or origin, kind="entry", title=title, url=link,
                            text=body, published=published.isoformat() if published else None)
        else:
            yield Candidate(key=f"entry:{ident}", origin=link, kind="url", title=title, url=link,
                            published=published.isoformat() if published else None)


def _entry_time(entry: Any) -> datetime | None:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    if not stamp:
        return None
    year, month, day, hour, minute, second = stamp[:6]
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)  # feedparser gives UTC


def _entry_text(entry: Any) -> str:
    contents = entry.get("content") or []
    best = max((str(c.get("value") or "") for c in contents), key=len, default="")
    summary = str(entry.get("summary") or "")
    return _plain(best if len(best) >= len(summary) else summary)


def _plain(markup: str) -> str:
    """Text of a feed's HTML snippet: block ends become line breaks, tags go, entities are decoded."""
    markup = re.sub(r"(?i)<\s*(?:br|/p|/div|/li|/h\d)\s*/?>", "\n", markup)
    text = html.unescape(_TAG.sub("", markup))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


def as_item(candidate: Candidate) -> dict[str, str]:
    """The batch item (``summarizer.inputs.article_input``) that summarizes ``candidate``, named by its origin."""
    if candidate.kind == "entry":
        item = {"id": candidate.origin, "text": candidate.text or ""}
        return item | ({"url": candidate.url} if candidate.url else {})
    if candidate.kind == "file":
        return {"id": candidate.origin, "path": candidate.path or candidate.origin}
    return {"id": candidate.origin, "source": candidate.url or candidate.origin}
