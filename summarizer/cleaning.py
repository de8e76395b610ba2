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
from functools import lru_cache
from itertools import accumulate, chain
from typing import Any

from pydantic import BaseModel, Field

from . import _classify
from . import _injection as injection
from . import _noise as noise
from . import _paragraphs as paragraphs
from ._paragraphs import is_body_paragraph
from ._text import decode_entities, fold_spaces, has_odd_spaces_anywhere


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


@dataclass(slots=True)
class _Line:
    start: int  # offset of the line in the input
    raw: str  # the line as in the input, without its line break
    text: str  # raw stripped; after _repair_lines, with the inline repairs made
    blank_before: bool  # an empty line comes just before this one (empty lines themselves are not kept as lines)
    reason: str | None = None  # None: kept
    cuts: tuple[tuple[int, int, str], ...] = ()  # inline removals, offsets within raw
    normed: str | None = None  # _norm(text), once asked for
    body: bool = False  # a body paragraph (set for the layout rules, once the text is final)

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
    kept = [line for line in lines if line.reason is None and line.text]  # kept: what the steps below look at
    _drop_teasers(kept)
    _drop_repeats(kept)
    title = _mark_layout(lines[:tail])
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
    inline, glued = _inline_lines(body, starts)
    inline |= {index for index, line in enumerate(lines[:_DATE_PREFIX_LINES]) if noise.DATE_PREFIX.match(line.raw)}
    if len(lower) == end:
        inline |= _lines_with(noise.INLINE_WORDS, lower, starts)
    else:  # offsets moved in lower-casing: look at each line
        inline |= {index for index, line in enumerate(lines) if _has_word(line.raw.lower(), noise.INLINE_WORDS)}
    special = hinted | inline | _lines_with(_MARKUP_SEARCH, body, starts)
    if "&" not in body and not has_odd_spaces_anywhere(body):  # no entity or odd space in any line: stripped is
        # repaired
        for index in special:
            _repair(lines[index], index in hinted, index in inline)
    else:
        for index, line in enumerate(lines):
            raw = line.raw
            if index in special:
                _repair(line, index in hinted, index in inline)
            elif raw:  # the common case: nothing to cut
                line.text = fold_spaces(decode_entities(raw) if "&" in raw else raw)
    for index in glued | inline:  # (an inline cut may glue two sentences)
        lines[index].text = noise.GLUED_SENTENCES.sub(r"\g<0> ", lines[index].text)


_DATE_PREFIX_LINES = 3  # a date label glued to a paragraph is a page's first lines' (the scrape's header)


def _inline_lines(text: str, starts: list[int]) -> tuple[set[int], set[int]]:
    """The lines noise.INLINE_HINTS find inline noise in, and those noise.GLUED_HINT finds glued sentences in."""
    inline = {bisect_right(starts, match.start()) - 1 for hint in noise.INLINE_HINTS for match in hint.finditer(text)}
    glued = {bisect_right(starts, match.start()) - 1 for match in noise.GLUED_HINT.finditer(text)}
    return inline, glued


def _has_word(text: str, words: tuple[str, ...]) -> bool:
    for word in words:  # noqa: SIM110 (a plain loop: no generator)
        if word in text:
            return True
    return False


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


def _repair(line: _Line, injection_word: bool, inline: bool = False) -> _Line:
    """Cut tags, social chrome and inline noise (tracking which input characters went), then decode entities.

    injection_word: whether the lower-cased line has one of injection.INJECTION_WORDS;
    inline: whether noise.INLINE_HINT is found in it.
    """
    raw = line.raw
    suspicious_sentence = injection_word and bool(injection.INJECTION_TRIGGER.search(raw))
    rules = [(find, reason) for find, reason, may_match in noise.INLINE_RULES if may_match(raw)] if inline else []
    suspicious = suspicious_sentence or bool(rules)
    if not suspicious and not _has_word(raw, _MARKUP):
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
    patterns: list[tuple[Any, str]] = [(noise.HTML_TAG, "html-tag"), (noise.SOCIAL_INLINE, "social-chrome")]
    patterns += [(injection.INJECTION, "prompt-injection")] if suspicious_sentence else []
    patterns += rules
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
    kept = [line for line in lines if line.reason is None and line.text]  # (line.kept, without the calls)
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
        if line.reason is not None or len(line.text) < _PREFIX:  # not kept (an empty text is short), or short
            continue
        key = line.key
        if key in seen:
            seen[key].reason = "duplicate"
        seen[key] = line


def _title_like(text: str) -> bool:
    """Short, and not ending as a sentence does (a closing quote after the mark counts as the mark). A line
    with two commas that reads as prose is a sentence missing its full stop; in headline style (few function
    words: "Prices rose 0.3% in May, annual rate 3.1%, Labor Department") it is a headline."""
    return len(text) <= _TITLE_MAX and not text.rstrip("\"'”’)").endswith(
        (".", "!", "?", ":", ";", ",", "…")) and not (is_body_paragraph(text) and text.count(",") >= 2
                                                      and paragraphs.function_word_share(text) >= _HEADLINE_PROSE)


def _mark_layout(lines: list[_Line]) -> str | None:
    """The shape and place rules (see _paragraphs), then the title; returns the title.

    A removal can put two lines next to each other that were not (a heading now right before a
    paragraph), so the rules run again on what is left until they remove nothing more: what
    cleaning the output again would do is done now (idempotence).
    """
    present = [line for line in lines if line.text]
    for line in present:  # (the count first: most short lines are no paragraph, and it saves the call)
        line.body = line.reason is None and line.text.count(" ") >= 11 and is_body_paragraph(line.text)
    paragraphs.mark_chrome(present)  # page furniture is never a title: these go before the title's candidates
    paragraphs.mark_widget_block(present)
    _classify.mark_general(present)
    kept = [line for line in present if line.reason is None]
    _layout_round(lines, present)
    while _new_neighbours(kept):
        kept = [line for line in kept if line.reason is None]  # what cleaning the output would see
        _adjacency_round(kept)
    title, _ = _take_title(kept)
    return title


def _new_neighbours(kept: list[_Line]) -> bool:
    """Whether a line the last round removed stood next to a kept line that is no paragraph (one the
    neighbour rules may now judge differently)."""
    last = len(kept) - 1
    return any(line.reason is not None and (
        (index > 0 and kept[index - 1].reason is None and not kept[index - 1].body)
        or (index < last and kept[index + 1].reason is None and not kept[index + 1].body))
        for index, line in enumerate(kept))


def _adjacency_round(kept: list[_Line]) -> None:
    """The rules whose answer can change when lines around a line go: the others would find nothing new."""
    paragraphs.mark_captions(kept)
    paragraphs.mark_section_labels(kept)
    paragraphs.mark_subheadings(kept, skip=_headline_line(kept))


def _layout_round(lines: list[_Line], present: list[_Line]) -> None:
    """The layout rules over the lines present (in order, removed ones too: each rule passes over them)."""
    paragraphs.mark_captions(present)
    paragraphs.mark_metadata(present)
    paragraphs.mark_bylines(present)
    paragraphs.mark_section_labels(present)
    end = paragraphs.story_end(present)
    if end is not None:
        for line in lines[lines.index(present[end]):]:
            line.reason = line.reason or "next-story"
    paragraphs.mark_subheadings(present, skip=_headline_line(present))  # a headline is never a subheading
    paragraphs.mark_footer(present)
    paragraphs.mark_near_duplicates(present)
    paragraphs.mark_teaser_bullets(present)


def _headline_line(lines: list[_Line]) -> _Line | None:
    """The first line kept, when it reads as a headline."""
    first = next((line for line in lines if line.reason is None), None)
    return first if first is not None and _headline(first.text) else None


_TITLE_MIN_WORDS = 3
_BODY_WITHIN = 3  # the body starts at most this many kept lines after the title


def _take_title(kept: list[_Line]) -> tuple[str | None, bool]:
    """The first kept line is the title when it reads as a headline and the body follows it closely.

    Returns the title and whether it stays in the text. When the next line looks
    like a heading too (a standfirst), the title stays in the text: cleaning the
    output again must not promote that second line to a title (idempotence).
    """
    if len(kept) < 2 or not _headline(kept[0].text):
        return None, False
    if not any(line.body for line in kept[1:1 + _BODY_WITHIN]):
        return None, False
    if _title_like(kept[1].text):
        return kept[0].text, True
    kept[0].reason = "title"
    return kept[0].text, False


_INNER_SENTENCE_END = re.compile(r"[a-z]{2}[.!?] [A-Z]")


_HEADLINE_PROSE = 0.3  # function words: prose 0.4 and more, headlines with commas 0.15-0.25
_HEADLINE_FUNCTION_WORDS = 0.5  # headlines drop articles and auxiliaries: at most 0.43 on our sets, prose 0.55+


@lru_cache(maxsize=1024)
def _headline(text: str) -> bool:
    """A headline: title-like, at least three words, starting as a sentence does, one sentence at most,
    and in headline style (few function words), so that a body sentence missing its full stop is no title."""
    return (_title_like(text) and len(text.split()) >= _TITLE_MIN_WORDS and not text[0].islower()
            and not _INNER_SENTENCE_END.search(text)
            and paragraphs.function_word_share(text) < _HEADLINE_FUNCTION_WORDS)


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
