"""Turn scraped plain-text news into the article body, with an audit of every removal.

The cleaner works line by line. Each line is kept or removed for a named
reason; removed spans keep their offsets in the input so a user can see what
went and why. The rule of thumb is "when in doubt, keep": every rule matches
whole lines of a shape that article prose does not have.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pydantic import BaseModel, Field


class Removed(BaseModel):
    reason: str
    text: str
    start: int = Field(description="Offset in the input text.")
    end: int


class CleanStats(BaseModel):
    chars_in: int
    chars_out: int


class CleanArticle(BaseModel):
    title: str | None = None
    published: str | None = None
    site: str | None = None
    text: str
    removed: list[Removed] = Field(default_factory=list)
    stats: CleanStats


# Headings after which everything is a list of other stories.
_TAIL_HEADINGS = re.compile(
    r"^(you may also like|more for you|related( articles| stories| news| posts)?|read more|"
    r"recommended( for you| stories)?|trending( now| stories)?|more (news|stories) from .{1,40}|"
    r"latest news|popular (posts|stories))\s*:?$",
    re.IGNORECASE,
)
_DISCLAIMER = re.compile(r"^(disclaimer|legal disclaimer|risk warning)\s*[:：]", re.IGNORECASE)
_AD = re.compile(
    r"^(advertisement|sponsored( content)?|ad)$|advertise (in|with) |^get seen where it counts",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"^(?P<date>\d{4}[/-]\d{1,2}[/-]\d{1,2})(?:[ T](?P<time>\d{1,2}:\d{2}(?::\d{2})?))?$"
)
_READ_TIME = re.compile(r"^\d{1,3}\s*(min|mins|minute|minutes)( read)?$", re.IGNORECASE)
_CREDIT = re.compile(
    r"^(.{0,80}\b(image|photo|picture|chart|illustration)s?\b.{0,40}\b(via|by|from|courtesy of)\b.{1,60}"
    r"|(image|photo|chart|source)\s*(credit)?\s*:\s*\S.{0,60})$",
    re.IGNORECASE,
)
_TEASER_MARK = re.compile(r"\s*(\[…\]|\[\.\.\.\]|…\s*$)")
# Lines of price-ticker widgets: a lone price or change, a currency code, or widget captions.
_TICKER_LINE = re.compile(
    r"^([+-]?[$€£¥]?\s?\d[\d,]*(\.\d+)?%?)+$"
    r"|^[A-Z]{3}$"
    r"|^market opportunity$"
    r"|^.{1,40} logo$"
    r"|^.{1,40} price\s*\([A-Z0-9]{1,10}\)$"
    r"|^.{1,40}\([A-Z0-9]{1,10}\) live price chart$",
    re.IGNORECASE,
)
_TITLE_MAX = 160


@dataclass
class _Line:
    start: int
    end: int
    text: str
    reason: str | None = None  # None: kept

    @property
    def stripped(self) -> str:
        return self.text.strip()


@dataclass
class _State:
    lines: list[_Line]
    title: str | None = None
    published: str | None = None
    body_text: str = field(default="")


def _split_lines(text: str) -> list[_Line]:
    lines, pos = [], 0
    for raw in text.splitlines(keepends=True):
        content = raw.rstrip("\r\n")
        lines.append(_Line(pos, pos + len(content), content))
        pos += len(raw)
    return lines


def clean(text: str) -> CleanArticle:
    """Clean one scraped plain-text article."""
    state = _State(_split_lines(text))
    _cut_tail(state)
    _mark_lines(state)
    _drop_teasers(state)
    _drop_repeated_paragraphs(state)
    _take_title(state)
    body = _join_kept(state.lines)
    removed = [
        Removed(reason=line.reason, text=line.text, start=line.start, end=line.end)
        for line in state.lines
        if line.reason and line.stripped
    ]
    return CleanArticle(
        title=state.title,
        published=state.published,
        text=body,
        removed=removed,
        stats=CleanStats(chars_in=len(text), chars_out=len(body)),
    )


def _cut_tail(state: _State) -> None:
    """Everything from a 'You May Also Like' style heading on is other stories."""
    for index, line in enumerate(state.lines):
        if index > 0 and _TAIL_HEADINGS.match(line.stripped):
            for later in state.lines[index:]:
                later.reason = "related-links"
            return


def _mark_lines(state: _State) -> None:
    in_disclaimer = False
    for line in state.lines:
        s = line.stripped
        if line.reason or not s:
            in_disclaimer = in_disclaimer and bool(s)
            continue
        if in_disclaimer or _DISCLAIMER.match(s):
            line.reason, in_disclaimer = "disclaimer", True
        elif _AD.search(s) and len(s) < 200:
            line.reason = "advertisement"
        elif m := _DATELINE.match(s):
            line.reason = "dateline"
            if state.published is None:
                date = m.group("date").replace("/", "-")
                state.published = f"{date} {m.group('time')}" if m.group("time") else date
        elif _READ_TIME.match(s):
            line.reason = "read-time"
        elif _CREDIT.match(s) and len(s) < 140:
            line.reason = "image-credit"
        elif _TICKER_LINE.match(s):
            line.reason = "price-ticker"


def _normalize(text: str) -> str:
    return " ".join(text.split())


def _drop_teasers(state: _State) -> None:
    """A lead paragraph cut off with '[…]' whose text the body repeats is a teaser."""
    kept = [line for line in state.lines if not line.reason and line.stripped]
    for line in kept:
        if not _TEASER_MARK.search(line.stripped):
            continue
        fragments = [f.strip() for f in re.split(r"\[…\]|\[\.\.\.\]", line.stripped) if len(f.strip()) > 40]
        others = " ".join(_normalize(o.text) for o in kept if o is not line)
        if fragments and all(_normalize(f).rstrip("…. ") in others for f in fragments):
            line.reason = "teaser"


def _drop_repeated_paragraphs(state: _State) -> None:
    """Keep the last copy of a paragraph that appears more than once (syndication leads)."""
    seen: dict[str, _Line] = {}
    for line in state.lines:
        if line.reason or len(line.stripped) < 40:
            continue
        key = _normalize(line.stripped)
        if key in seen:
            seen[key].reason = "duplicate"
        seen[key] = line


def _take_title(state: _State) -> None:
    """The first kept line is the title when it is short, unpunctuated and followed by a body."""
    kept = [line for line in state.lines if not line.reason and line.stripped]
    if len(kept) < 2:
        return
    first = kept[0].stripped
    if len(first) <= _TITLE_MAX and not first.endswith((".", "!", "?", ":", ";", ",")):
        state.title = first
        kept[0].reason = "title"


def _join_kept(lines: list[_Line]) -> str:
    """Join kept lines, folding runs of blank lines (and removed lines) into one paragraph break."""
    out: list[str] = []
    pending_break = False
    for line in lines:
        if line.reason or not line.stripped:
            pending_break = pending_break or bool(out)
            continue
        if out:
            out.append("\n\n" if pending_break else "\n")
        out.append(line.text.strip())
        pending_break = False
    return "".join(out)
