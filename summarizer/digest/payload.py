"""The digest as a webhook payload: Slack Block Kit, or the digest as JSON for any other receiver.

Each story shows what the email shows (``render.story_view``): title, sentiment,
summary, figures with the sources' disagreements (``conflicts``), and a link per
source.

Slack: a header, then per story a section (title, sentiment, summary), a section
of figures and conflicts, a context of source links and a divider. Slack takes at
most ``MAX_BLOCKS`` blocks and ``MAX_TEXT`` characters per section: a longer text is
cut with an ellipsis, and stories that do not fit are left out with a note saying
how many (one message, so a delivery is all or nothing). Article text is untrusted
and Slack reads ``<...>`` in its text objects as links and mentions (``<!channel>``):
every ``&``, ``<`` and ``>`` from an article is escaped (the header too), and only
http(s) links are made.

Nothing here sends anything or reads the environment.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .conflicts import find_conflicts
from .render import safe_url, source_name, story_view

if TYPE_CHECKING:
    from .build import Digest
    from .stories import Story

MAX_BLOCKS = 50
MAX_TEXT = 3000
MAX_HEADER = 150
JSON_SCHEMA = "summarizer.digest/1"
EMOJI = {"positive": ":large_green_circle:", "negative": ":red_circle:", "neutral": ":white_circle:",
         "mixed": ":large_yellow_circle:"}
FIGURE_FIELDS = {"raw", "label", "value", "unit", "kind", "approximate", "direction", "entity", "value_high"}


def mrkdwn(text: str) -> str:
    """``text`` shown as written in Slack's mrkdwn: no link, mention or markup can come out of it."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clip(text: str, limit: int) -> str:
    """At most ``limit`` characters, cut with an ellipsis and never inside an ``&amp;``-style escape."""
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    amp = cut.rfind("&")
    if amp != -1 and ";" not in cut[amp:]:
        cut = cut[:amp]
    return cut + "…"


def _link(url: str, name: str) -> str:
    for char, code in (("|", "%7C"), ("<", "%3C"), (">", "%3E"), (" ", "%20")):
        url = url.replace(char, code)
    return f"<{url}|{mrkdwn(name)}>"


def _lines(lines: list[str], limit: int = MAX_TEXT) -> str:
    """Whole lines while they fit, then how many were left out."""
    kept: list[str] = []
    for n, line in enumerate(lines):
        more = f"\n…and {len(lines) - n} more"
        if len("\n".join([*kept, line])) + len(more) > limit:
            return clip("\n".join(kept) + more, limit)
        kept.append(line)
    return "\n".join(kept)


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": clip(text, MAX_TEXT)}}


def _context(text: str) -> dict[str, Any]:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": clip(text, MAX_TEXT)}]}


def story_blocks(story: Story) -> list[dict[str, Any]]:
    view = story_view(story)
    sentiment = view["sentiment"]
    blocks = [_section(f"*{mrkdwn(view['title'])}*\n{EMOJI[sentiment.label]} {sentiment.label} "
                       f"{sentiment.score:+.1f}\n{mrkdwn(view['summary'])}")]
    lines = [f"• *{mrkdwn(f['raw'])}* {mrkdwn(f['label'])}" + (f" ({mrkdwn(f['entity'])})" if f["entity"] else "")
             + (" :warning: disputed" if f["disputed"] else "") for f in view["figures"]]
    lines += [f":warning: *Sources disagree on* {mrkdwn(text)}" for text in view["conflicts"]]
    if lines:
        blocks.append(_section(_lines(lines)))
    sources = [_link(s["url"], s["name"]) if s["url"] else mrkdwn(s["name"]) for s in view["sources"]]
    blocks.append(_context(_lines([f"Source{'s' if len(sources) > 1 else ''}: " + " · ".join(sources)])))
    blocks.append({"type": "divider"})
    return blocks


def slack_payload(digest: Digest, *, title: str) -> dict[str, Any]:
    """A Slack incoming-webhook message: at most ``MAX_BLOCKS`` blocks, the stories that fit, a note for the rest."""
    counts = ", ".join(f"{n} {label}" for label, n in digest.sentiment_counts().items() if n)
    head: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": clip(mrkdwn(" ".join(title.split())), MAX_HEADER)}},
        _context(f"{digest.article_count} article(s) in {len(digest.stories)} stor"
                 f"{'y' if len(digest.stories) == 1 else 'ies'} · {digest.start:%Y-%m-%d %H:%M} to "
                 f"{digest.end:%Y-%m-%d %H:%M} · {counts or 'no stories'}"),
        {"type": "divider"},
    ]
    tail = [_context(f":x: {len(digest.failed)} article(s) could not be summarized; they are tried again in the "
                     "next digest")] if digest.failed else []
    room = MAX_BLOCKS - len(head) - len(tail) - 1  # one left for the note
    body: list[dict[str, Any]] = []
    shown = 0
    for story in digest.stories:
        blocks = story_blocks(story)
        if len(body) + len(blocks) > room:
            break
        body += blocks
        shown += 1
    hidden = len(digest.stories) - shown
    note = [_context(f":information_source: {hidden} more stor{'y' if hidden == 1 else 'ies'} not shown: Slack "
                     f"takes {MAX_BLOCKS} blocks per message; the email and --webhook-format json carry every "
                     "story")] if hidden else []
    return {"text": clip(mrkdwn(title), MAX_TEXT), "blocks": head + body + note + tail}


def json_payload(digest: Digest, *, title: str, ident: str) -> dict[str, Any]:
    """The digest as JSON: every story with its summary, figures, conflicts, sentiment and sources; the failures."""
    return {
        "schema": JSON_SCHEMA, "id": ident, "title": title, "period": digest.period,
        "start": digest.start.isoformat(), "end": digest.end.isoformat(), "article_count": digest.article_count,
        "sentiment_counts": digest.sentiment_counts(),
        "stories": [_json_story(story) for story in digest.stories],
        "failed": [{"source": safe_url(f.candidate.url) or f.candidate.origin, "title": f.candidate.title,
                    "error": f.error, "attempts": f.attempts} for f in digest.failed],
    }


def _json_story(story: Story) -> dict[str, Any]:
    view = story_view(story)
    conflicts = find_conflicts(story)
    return {
        "title": view["title"], "link": view["link"], "summary": view["summary"],
        "sentiment": story.summary.sentiment.model_dump(mode="json", include={"label", "score", "rationale"}),
        "figures": [{**f.model_dump(mode="json", include=FIGURE_FIELDS), "disputed": shown["disputed"]}
                    for f, shown in zip(story.summary.key_figures, view["figures"], strict=True)],
        "conflicts": [{"measure": c.label, "unit": c.unit, "kind": c.kind,
                       "values": [{"raw": claim.figure.raw, "value": claim.figure.value, "count": len(claim.items),
                                   "sources": list(dict.fromkeys(source_name(item) for item in claim.items))}
                                  for claim in c.claims]} for c in conflicts],
        "sources": view["sources"],
    }
