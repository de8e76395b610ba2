"""The digest as text and as HTML, from Jinja2 templates shipped in ``templates/``.

The HTML template is autoescaped: titles, summaries and figures come from
untrusted articles and reach the page only as text. Links are kept only for
http(s) URLs. The page uses inline styles and tables only (no scripts, no
stylesheets, no images or fonts from elsewhere) so mail clients show it as meant.

A story whose sources disagree on a figure (``conflicts``) shows the
disagreement under its figures, and the lead's disputed figures are flagged,
here and in the key figures at the top: no value is picked silently.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import PurePath
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .conflicts import Conflict, find_conflicts

if TYPE_CHECKING:
    import jinja2

    from .build import Digest
    from .stories import Item, Story

BADGE = {  # text colour, background
    "positive": ("#116329", "#dafbe1"),
    "negative": ("#a40e26", "#ffebe9"),
    "neutral": ("#424a53", "#eaeef2"),
    "mixed": ("#7d4e00", "#fff8c5"),
}


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("summarizer.digest", "templates"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_url"] = safe_url
    env.filters["number"] = _number
    return env


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) link, else None (no ``javascript:``, ``data:``, or file paths as links)."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def _number(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


def story_title(story: Story) -> str:
    for item in story.items:
        title = item.summary.title or item.candidate.title
        if title and title.strip():
            return " ".join(title.split())
    first = story.summary.summary.split(". ")[0].rstrip(".")
    return first if len(first) <= 90 else first[:87].rsplit(" ", 1)[0] + "…"


def source_name(item: Item) -> str:
    """A short name for a source: the site of a URL, else the file name."""
    link = safe_url(item.candidate.url) or safe_url(item.candidate.origin)
    if link:
        return urlsplit(link).netloc.removeprefix("www.")
    if "://" in item.candidate.origin or item.candidate.origin.lower().startswith(("javascript:", "data:")):
        return "link withheld (not http or https)"
    return PurePath(item.candidate.origin).name or item.candidate.origin


def conflict_text(conflict: Conflict) -> str:
    """``quarterly revenue: $2.1 billion (3 sources: a.com, b.com, c.com) vs $21 billion (1 source: d.com)``."""
    claims = []
    for claim in conflict.claims:
        names = ", ".join(dict.fromkeys(source_name(item) for item in claim.items))
        count = len(claim.items)
        claims.append(f"{claim.figure.raw} ({count} source{'s' if count != 1 else ''}: {names})")
    return f"{conflict.label}: {' vs '.join(claims)}"


def story_view(story: Story) -> dict[str, Any]:
    """What one story shows, the same in the email and in the webhook payloads."""
    conflicts = find_conflicts(story)
    return {
        "title": story_title(story),
        "link": next((safe_url(item.candidate.url) for item in story.items if safe_url(item.candidate.url)), None),
        "summary": story.summary.summary,
        "figures": [{"raw": f.raw, "label": f.label, "entity": f.entity,
                     "disputed": any(c.involves(f) for c in conflicts)} for f in story.summary.key_figures],
        "conflicts": [conflict_text(c) for c in conflicts],
        "sentiment": story.summary.sentiment,
        "badge": BADGE[story.summary.sentiment.label],
        "sources": [{"name": source_name(item), "url": safe_url(item.candidate.url)} for item in story.items],
    }


def context(digest: Digest, *, subject: str) -> dict[str, Any]:
    stories = [story_view(story) for story in digest.stories]
    disputed = {id(f) for story in digest.stories for c in find_conflicts(story) for f in c.figures}
    return {
        "subject": subject,
        "headline": f"{len(stories)} stor{'y' if len(stories) == 1 else 'ies'}" + (
            f", led by {stories[0]['title']}" if stories else ""),
        "digest": digest,
        "stories": stories,
        "failed": digest.failed,
        "counts": digest.sentiment_counts(),
        "badges": BADGE,
        "top_figures": [(figure, story_title(story), id(figure) in disputed) for figure, story in digest.top_figures()],
        "start": digest.start.strftime("%Y-%m-%d %H:%M"),
        "end": digest.end.strftime("%Y-%m-%d %H:%M %Z").strip(),
    }


def render_html(digest: Digest, *, subject: str) -> str:
    return _environment().get_template("digest.html.j2").render(context(digest, subject=subject))


def render_text(digest: Digest, *, subject: str) -> str:
    return _environment().get_template("digest.txt.j2").render(context(digest, subject=subject))
