"""The cleaner's lines: where each is in the input, its text, and the verdict on it; the page split into
them, the kept ones joined back, and the removed ones as the audit."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate, pairwise


@dataclass(slots=True)
class PageLine:
    start: int  # offset of the line in the input
    raw: str  # the line as in the input, without its line break
    text: str  # raw stripped; after repair_lines, with the inline repairs made
    blank_before: bool  # an empty line comes just before this one (empty lines themselves are not kept as lines)
    reason: str | None = None  # None: kept
    cuts: tuple[tuple[int, int, str], ...] = ()  # inline removals, offsets within raw
    normed: str | None = None  # norm(text), once asked for
    lower: str | None = None  # text.lower(), when the inline repairs had it from the whole text's (then it is free)
    body: bool = False  # a body paragraph (set for the layout rules, once the text is final)
    glued: bool = False  # goes on the kept line before it, without a break (a price the scrape cut: mark_cut_prices)

    @property
    def kept(self) -> bool:
        return self.reason is None and bool(self.text)

    @property
    def key(self) -> str:
        """The text as teasers and repeats compare it (computed once: both ask)."""
        if self.normed is None:
            self.normed = norm(self.text)
        return self.normed


def split_lines(text: str) -> list[PageLine]:
    """The lines that are not empty: an empty line only separates paragraphs, so the next line notes it."""
    pieces = text.splitlines(keepends=True)
    starts = accumulate(map(len, pieces), initial=0)  # one more than pieces: the end of the text
    raws = [piece.rstrip("\r\n") for piece in pieces]
    return [PageLine(start, raw, raw.strip(), index > 0 and not raws[index - 1])
            for index, (start, raw) in enumerate(zip(starts, raws, strict=False)) if raw]


def norm(text: str) -> str:
    if text.isprintable() and "  " not in text and not text.startswith(" ") and not text.endswith(" "):
        return text.casefold()  # its only spaces are single plain ones between words (the common case)
    return " ".join(text.split()).casefold()


# A price the scrape cut at its decimal point, the rest starting the next paragraph: "... fell 3.3 percent to $99." /
# "39 per barrel in mid-afternoon deals, ..." (a paragraph opens with two decimals and a unit's or a rate's word)
_CUT_PRICE = re.compile(r"(?:^|[\s(])[$€£¥]\d{1,3}(?:,\d{3})*\.$")
_DECIMALS_GO_ON = re.compile(r"\d\d? (?:per|a|an|cents?|percent|per cent|million|billion|trillion|points?)\b")


def mark_cut_prices(lines: list[PageLine]) -> None:
    """Mark a paragraph that holds the decimals of a price cut at the end of the one before (``glued``)."""
    for before, line in pairwise(lines):
        if line.text[:1].isdigit() and before.text.endswith(".") and _DECIMALS_GO_ON.match(line.text) \
                and _CUT_PRICE.search(before.text):
            line.glued = True


def join_kept(lines: list[PageLine]) -> str:
    """Join kept lines; blank lines and removed lines become one paragraph break (a ``glued`` line none, when the
    line before it is kept)."""
    out: list[str] = []
    pending_break = False
    after_kept = False  # the line before this one is kept
    for line in lines:
        if line.blank_before:
            pending_break = pending_break or bool(out)
        if line.reason is not None or not line.text:  # not kept (line.kept, without a call for every line)
            pending_break = pending_break or bool(out)
            after_kept = False
            continue
        if line.glued and after_kept:
            out.append(line.text)
            pending_break = False
            continue
        after_kept = True
        if out:
            out.append("\n\n" if pending_break else "\n")
        out.append(line.text)
        pending_break = False
    return "".join(out)


def audit(lines: list[PageLine]) -> list[dict[str, object]]:
    """Removed spans as plain dicts: pydantic validates them in one go when the result is built."""
    removed: list[dict[str, object]] = []
    for line in lines:
        blank = not line.raw or line.raw.isspace()  # (what raw.strip() tells, without a copy)
        if not line.cuts and (not line.reason or blank):
            continue  # kept whole, or blank: nothing to show (the common case, without the steps below)
        if line.reason and not blank and not (line.cuts and line.reason in KEEP_CUTS):
            removed.append({"reason": line.reason, "text": line.raw, "start": line.start,
                            "end": line.start + len(line.raw)})
            continue
        cuts = [{"reason": reason, "text": line.raw[start:end], "start": line.start + start, "end": line.start + end}
                for start, end, reason in (sorted(line.cuts) if line.cuts else ())]
        if line.reason:  # what the inline cuts left of the line went for the line's reason; the cuts keep theirs
            cuts = sorted([*cuts, *_rest(line)], key=lambda span: span["start"])  # type: ignore[arg-type,return-value]
        removed.extend(cuts)
    return removed


KEEP_CUTS = frozenset(("layout-model",))  # line reasons under which a removed line's inline cuts keep their own


def _rest(line: PageLine) -> list[dict[str, object]]:
    """The pieces of a removed line between its inline cuts (those that are not blank), under the line's reason."""
    out: list[dict[str, object]] = []
    position = 0
    for start, end, _ in [*sorted(line.cuts), (len(line.raw), len(line.raw), "")]:
        if start > position and line.raw[position:start].strip():
            out.append({"reason": line.reason, "text": line.raw[position:start], "start": line.start + position,
                        "end": line.start + start})
        position = max(position, end)
    return out
