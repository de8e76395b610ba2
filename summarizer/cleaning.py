"""Turn scraped plain-text news into the article body, with an audit of every removal.

Two kinds of work, in this order:

1. Inline repairs inside each line: leftover HTML tags and social-post chrome
   are cut (recorded as removed spans), HTML entities are decoded.
2. Whole-line decisions: each line is kept or removed for a named reason
   (teaser, dateline, advertisement, price-ticker, disclaimer, ...); a
   "You May Also Like" style heading removes everything after it.

Every removed span keeps its offsets in the input, so a user can see what went
and why. The rule of thumb is "when in doubt, keep": every line rule matches
a shape that article prose does not have, and the tail cut only happens after
real body text. Cleaning is idempotent: cleaning the output changes nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate, chain
from typing import Any

from pydantic import BaseModel, Field

from . import _injection as injection
from . import _noise as noise
from ._text import decode_entities, fold_spaces, has_odd_spaces


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
    notes: list[str] = Field(default_factory=list, description="How the input was read, e.g. an encoding fallback.")


_TITLE_MAX = 160
_BODY_MIN_WORDS = 12


@dataclass(slots=True)
class _Line:
    start: int  # offset of the line in the input
    raw: str  # the line as in the input, without its line break
    text: str  # raw stripped; after _repair_lines, with the inline repairs made
    blank_before: bool  # an empty line comes just before this one (empty lines themselves are not kept as lines)
    reason: str | None = None  # None: kept
    cuts: tuple[tuple[int, int, str], ...] = ()  # inline removals, offsets within raw
    normed: str | None = None  # _norm(text), once asked for

    @property
    def kept(self) -> bool:
        return self.reason is None and bool(self.text)

    @property
    def key(self) -> str:
        """The text as teasers and repeats compare it (computed once: both ask)."""
        if self.normed is None:
            self.normed = _norm(self.text)
        return self.normed


def clean(text: str, *, notes: list[str] | None = None) -> CleanArticle:
    """Clean one scraped plain-text article (an HTML page goes through ``summarizer.inputs.clean_input``)."""
    lines = _split_lines(text)
    tail = _tail_start(lines)
    _repair_lines(text, lines[:tail])
    for line in lines[tail:]:  # other stories: no need to read them closely
        line.reason = "related-links"
    published = _mark_lines(lines[:tail])
    kept = [line for line in lines if line.kept]  # what the steps below look at (they only remove more)
    _drop_teasers(kept)
    _drop_repeats(kept)
    title = _take_title(kept)
    body = _join_kept(lines)
    return CleanArticle(
        title=title,
        published=published,
        site=_find_site(lines),
        text=body,
        removed=_audit(lines),  # type: ignore[arg-type]
        stats=CleanStats(chars_in=len(text), chars_out=len(body)),
        notes=list(notes or []),
    )


def _split_lines(text: str) -> list[_Line]:
    """The lines that are not empty: an empty line only separates paragraphs, so the next line notes it."""
    pieces = text.splitlines(keepends=True)
    starts = accumulate(map(len, pieces), initial=0)  # one more than pieces: the end of the text
    raws = [piece.rstrip("\r\n") for piece in pieces]
    return [_Line(start, raw, raw.strip(), index > 0 and not raws[index - 1])
            for index, (start, raw) in enumerate(zip(starts, raws, strict=False)) if raw]


# --- inline repairs ------------------------------------------------------------


_MARKUP = ("<", "pic.twitter.com", "t.co/", "(@")  # every tag ("<") or piece of social chrome has one of these
_MARKUP_SEARCH = ("<", "pic.twitter.com", "t.co/", "@")  # the same, but "@" is found faster than "(@"


def _repair_lines(text: str, lines: list[_Line]) -> None:
    """Inline repairs for each line: searches over the whole text first find the few lines with work to do."""
    end = lines[-1].start + len(lines[-1].raw) if lines else 0
    body, starts = text[:end], [line.start for line in lines]
    lower = body.lower()
    # lower-casing may move the offsets (it turns 'İ' into two characters): then look at every line
    maybe = _lines_with(injection.INJECTION_PIECES, lower, starts) if len(lower) == end else range(len(lines))
    hinted = {index for index in maybe if injection.INJECTION_HINT.search(lines[index].raw.lower())}
    special = hinted | _lines_with(_MARKUP_SEARCH, body, starts)
    if "&" not in body and not has_odd_spaces(body):  # no line has an entity or spaces to fold: stripped is repaired
        for index in special:
            _repair(lines[index], index in hinted)
        return
    for index, line in enumerate(lines):
        raw = line.raw
        if index in special:
            _repair(line, index in hinted)
        elif raw:  # the common case: nothing to cut
            line.text = fold_spaces(decode_entities(raw) if "&" in raw else raw)


def _lines_with(words: tuple[str, ...], text: str, starts: list[int]) -> set[int]:
    """Indices of the lines (starting at starts) in which one of the words occurs (no word spans a line break)."""
    found = set()
    for word in words:
        at = text.find(word)
        while at >= 0:
            index = bisect_right(starts, at)  # the line after the one found
            found.add(index - 1)
            at = text.find(word, starts[index]) if index < len(starts) else -1
    return found


def _repair(line: _Line, injection_word: bool) -> _Line:
    """Cut tags and social chrome (tracking which input characters went), then decode entities.

    injection_word: whether the lower-cased line has one of injection.INJECTION_WORDS.
    """
    raw = line.raw
    suspicious = injection_word and bool(injection.INJECTION_TRIGGER.search(raw))
    if not suspicious and not any(mark in raw for mark in _MARKUP):
        line.text = fold_spaces(decode_entities(raw) if "&" in raw else raw)  # nothing to cut
        return line
    spans = [(m.start(), m.end()) for m in noise.HTML_TAG.finditer(raw)]
    rest = "".join(raw[a:b] for a, b in zip([0] + [e for _, e in spans], [s for s, _ in spans] + [len(raw)],
                                            strict=True))
    if not suspicious and not _markup_left(rest):
        line.cuts = tuple((start, end, "html-tag") for start, end in spans)  # one pass was enough
        line.text = fold_spaces(decode_entities(rest) if "&" in rest else rest)
        return line
    keep = list(range(len(raw)))  # cuts that expose new tags, or social chrome: track every character
    patterns: tuple[tuple[Any, str], ...] = ((noise.HTML_TAG, "html-tag"), (noise.SOCIAL_INLINE, "social-chrome"),
                                             (injection.INJECTION, "prompt-injection"))
    current = raw  # the characters of raw at keep
    cuts: list[tuple[int, int, str]] = []
    for pattern, reason in patterns:
        while True:
            match = pattern.search(current)
            if match is None or match.end() == match.start():
                break
            start, end = match.start(), match.end()
            cuts.extend(_runs(keep[start:end], reason))
            del keep[start:end]
            current = current[:start] + current[end:]
    line.cuts = tuple(cuts)
    line.text = fold_spaces(decode_entities(current))
    return line


def _markup_left(text: str) -> bool:
    """Whether a tag or social chrome is in the text (each pattern only searched where its marks are)."""
    return ("<" in text and bool(noise.HTML_TAG.search(text))) or (
        any(mark in text for mark in _MARKUP[1:]) and bool(noise.SOCIAL_INLINE.search(text)))


def _runs(indices: list[int], reason: str) -> list[tuple[int, int, str]]:
    runs: list[tuple[int, int, str]] = []
    for index in indices:
        if runs and runs[-1][1] == index:
            runs[-1] = (runs[-1][0], index + 1, reason)
        else:
            runs.append((index, index + 1, reason))
    return runs


# --- whole-line rules ----------------------------------------------------------


def _mark_lines(lines: list[_Line]) -> str | None:
    """Apply the line rules; return the publication date if a dateline gave one."""
    published = None
    after_label = False
    for line in lines:
        text = line.text
        if not text:
            continue
        reason = noise.line_reason(text)
        if reason is None and after_label and len(text) <= 120 and _title_like(text):
            reason = "advertisement"  # the headline of a sponsored block under its label
        if reason == "dateline" and published is None:
            published = noise.parse_dateline(text)
        line.reason = reason
        after_label = text[0] in _AD_LABEL_FIRST and bool(noise.AD_LABEL.match(text))
    return published


_AD_LABEL_FIRST = "SsPpſ"  # what noise.AD_LABEL can start with ('ſ' is an 's' to IGNORECASE)


def is_body_paragraph(text: str) -> bool:
    """Prose: enough words, lower-case letters, and sentence punctuation."""
    words = text.split()
    return len(words) >= _BODY_MIN_WORDS and any(c.islower() for c in text) and bool(re.search(r"[.!?…:;,]", text))


def _tail_start(lines: list[_Line]) -> int:
    """Where other stories begin: a 'You May Also Like' style heading once the body has begun (else the end)."""
    body = next((index for index, line in enumerate(lines) if is_body_paragraph(line.text)), len(lines))
    for index in range(body + 1, len(lines)):
        text = lines[index].text  # not repaired yet: raw stripped
        if not text or len(text) > 60 or (text[0] not in _TAIL_HEADING_FIRST and "&" not in text):
            continue  # blank, too long, or no heading's first letter (an entity may decode to one)
        if noise.TAIL_HEADING.match(fold_spaces(decode_entities(text))):
            return index
    return len(lines)


_TAIL_HEADING_FIRST = "YyMmRrTtLlPpEeWw"  # the first letters of noise.TAIL_HEADING's headings


def _norm(text: str) -> str:
    if text.isprintable() and "  " not in text and not text.startswith(" ") and not text.endswith(" "):
        return text.casefold()  # its only spaces are single plain ones between words (the common case)
    return " ".join(text.split()).casefold()


_PREFIX = 40


def _drop_teasers(lines: list[_Line]) -> None:
    """A lead cut off with '[…]' or '…' whose text the body repeats from a paragraph start is a teaser."""
    kept = [line for line in lines if line.kept]
    cut_off = []  # (index in kept, line, its fragments long enough to compare)
    for index, line in enumerate(kept):
        text = line.text
        if ("…" in text or "..." in text) and noise.TEASER_MARK.search(text):  # what TEASER_MARK finds has one
            fragments = [_norm(f).rstrip(".… ") for f in noise.TEASER_SPLIT.split(text)]
            fragments = [f for f in fragments if len(f) >= _PREFIX]
            if fragments:
                cut_off.append((index, line, fragments))
    if not cut_off:
        return
    normed = [line.key for line in kept]
    by_prefix: dict[str, list[int]] = {f[:_PREFIX]: [] for _, _, fragments in cut_off for f in fragments}
    for index, text in enumerate(normed):  # where each paragraph a fragment may begin starts
        starts = by_prefix.get(text[:_PREFIX])
        if starts is not None:
            starts.append(index)

    def body_repeats(fragment: str, teaser: int) -> bool:
        starts = by_prefix.get(fragment[:_PREFIX], [])
        after = bisect_right(starts, teaser)
        for start in chain(starts[after:], reversed(starts[:after])):  # the body mostly follows: look there first
            if start == teaser:
                continue
            joined, end = normed[start], start + 1
            while len(joined) < len(fragment) and end < len(normed):  # a lead may span paragraphs
                joined, end = f"{joined} {normed[end]}", end + 1
            if joined.startswith(fragment):
                return True
        return False

    for index, line, fragments in cut_off:
        if all(body_repeats(f, index) for f in fragments):
            line.reason = "teaser"


def _drop_repeats(lines: list[_Line]) -> None:
    """Keep the last copy of a paragraph that appears more than once (syndicated leads)."""
    seen: dict[str, _Line] = {}
    for line in lines:
        if not line.kept or len(line.text) < _PREFIX:
            continue
        key = line.key
        if key in seen:
            seen[key].reason = "duplicate"
        seen[key] = line


def _title_like(text: str) -> bool:
    return len(text) <= _TITLE_MAX and not text.endswith((".", "!", "?", ":", ";", ",", "…")) and not (
        is_body_paragraph(text) and text.count(",") >= 2
    )


def _take_title(lines: list[_Line]) -> str | None:
    """The first kept line is the title when it is short and unpunctuated and the body follows it.

    When the next line looks like a heading too, neither is taken: cleaning the
    output again must not promote that second line to a title (idempotence).
    """
    kept = [line for line in lines if line.kept]
    if len(kept) < 2 or not _title_like(kept[0].text) or _title_like(kept[1].text):
        return None
    kept[0].reason = "title"
    return kept[0].text


def _find_site(lines: list[_Line]) -> str | None:
    for line in lines:
        text = line.text
        if not text or ("appeared" not in text and text[0] not in "©(cC"):
            continue  # what noise.site_from looks at first: skipped here without a call for every line
        site = noise.site_from(text)
        if site:
            return site
    return None


def _join_kept(lines: list[_Line]) -> str:
    """Join kept lines; blank lines and removed lines become one paragraph break."""
    out: list[str] = []
    pending_break = False
    for line in lines:
        if line.blank_before:
            pending_break = pending_break or bool(out)
        if line.reason is not None or not line.text:  # not kept (line.kept, without a call for every line)
            pending_break = pending_break or bool(out)
            continue
        if out:
            out.append("\n\n" if pending_break else "\n")
        out.append(line.text)
        pending_break = False
    return "".join(out)


def _audit(lines: list[_Line]) -> list[dict[str, object]]:
    """Removed spans as plain dicts: pydantic validates them in one go when the result is built."""
    removed: list[dict[str, object]] = []
    for line in lines:
        if line.reason and line.raw.strip():
            removed.append({"reason": line.reason, "text": line.raw, "start": line.start,
                            "end": line.start + len(line.raw)})
            continue
        for start, end, reason in sorted(line.cuts) if line.cuts else ():
            removed.append({"reason": reason, "text": line.raw[start:end], "start": line.start + start,
                            "end": line.start + end})
    return removed
