"""Turn scraped plain-text news into the article body, with an audit of every removal.

The work, in this order, each step in its own module:

1. Inline repairs inside each line (``_repair``): leftover HTML tags, social-post
   chrome, prompt injection (``_injection``) and inline noise (``_inline_noise``:
   ticker tags, quote widgets, "Read more:" clauses) are cut and recorded as
   removed spans; HTML entities are decoded (``_text``).
2. Whole-line rules (``_noise``): each line is kept or removed for a named
   reason (dateline, advertisement, price-ticker, disclaimer, ...); a "You May
   Also Like" style heading removes everything after it.
3. Repeats (``_repeats``): teasers the body repeats, copies of a paragraph.
4. Shape and place (``_chrome``, ``_classify``, ``_paragraphs``, ``_repeats``):
   noise nobody has a phrase for, judged by features that do not depend on
   wording (``_prose``) and by where a line stands relative to the body; a
   learned layout model (``_layout_model``) removes what the rules leave of page
   chrome; then the title (``_title``).

Every removed span keeps its offsets in the input, so a user can see what went
and why. The rule of thumb is "when in doubt, keep": every line rule matches
a shape that article prose does not have, and the tail cut only happens after
real body text. Cleaning is idempotent: cleaning the output changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from pydantic import BaseModel, Field

from . import _captions as captions
from . import _chrome as chrome
from . import _classify
from . import _layout_model as layout_model
from . import _noise as noise
from . import _paragraphs as paragraphs
from . import _repeats as repeats
from ._datelines import parse_dateline
from ._fragments import is_fragment, split_blocks
from ._lines import PageLine, audit, join_kept, mark_cut_prices, split_lines
from ._prose import DIGIT as _DIGIT
from ._prose import content_words, ends_sentence, folded_words, is_body_paragraph
from ._repair import repair_lines
from ._text import decode_entities, fold_spaces
from ._title import checked_title, headline_line, take_title, title_like, without_wire_tag
from .shared_lines import line_key


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


def clean(text: str, *, notes: list[str] | None = None, shared: Collection[str] = ()) -> CleanArticle:
    """Clean one scraped plain-text article (an HTML page goes through ``summarizer.inputs.clean_input``).

    ``shared``: lines that many articles of the same site share (``summarizer.shared_lines``), dropped as
    ``site-boilerplate``.
    """
    lines = split_lines(text)
    if is_fragment(text):
        lines = split_blocks(lines)  # paragraphs in tags: cut where the tags end them
    tail, boxes = _tail_start(lines)
    repair_lines(text, lines[:tail])
    mark_cut_prices(lines[:tail])
    for line in lines[tail:]:  # other stories: no need to read them closely
        line.reason = "related-links"
    published = _mark_lines(lines[:tail])
    for index in boxes:  # a box of other stories inside the body: the story goes on after it
        lines[index].reason = "related-links"
    if shared:
        for line in lines[:tail]:
            if line.reason is None and line_key(line.raw) in shared:
                line.reason = "site-boilerplate"
    kept = [line for line in lines if line.reason is None and line.text]  # kept: what the steps below look at
    repeats.drop_teasers(kept)
    repeats.drop_repeats(kept)
    repeats.drop_tail_teasers(kept)
    title = _mark_layout(lines[:tail])
    _mark_between_links([line for line in lines if line.text])  # (the tail's first line may be a neighbour)
    body = join_kept(lines)
    return CleanArticle(
        title=title,
        published=published,
        site=_find_site(lines),
        text=body,
        removed=audit(lines),  # type: ignore[arg-type]
        stats=CleanStats(chars_in=len(text), chars_out=len(body)),
        notes=list(notes or []),
    )


# --- whole-line rules ----------------------------------------------------------


def _mark_lines(lines: list[PageLine]) -> str | None:
    """Apply the line rules; return the publication date if a dateline gave one."""
    published = None
    after_label = False
    for line in lines:
        text = line.text
        if not text or line.reason:
            continue  # (a reason already: a fragment's tags said what the line is)
        reason = noise.line_reason(text, line.lower)
        if reason is None and after_label and len(text) <= 120 and title_like(text):
            reason = "advertisement"  # the headline of a sponsored block under its label
        if reason == "dateline" and published is None:
            published = parse_dateline(text)
        line.reason = reason
        after_label = text[0] in _AD_LABEL_FIRST and bool(noise.AD_LABEL.match(text))
    return published


_AD_LABEL_FIRST = "SsPpſ"  # what noise.AD_LABEL can start with ('ſ' is an 's' to IGNORECASE)


def _tail_start(lines: list[PageLine]) -> tuple[int, list[int]]:
    """Where other stories begin: a 'You May Also Like' style heading once the body has begun (else the end); and
    the lines of such a box set inside the body (the heading, its few headlines), when a paragraph of the story
    follows them: the story goes on after the box."""
    body = next((index for index, line in enumerate(lines) if _paragraph(line.text)), len(lines))
    boxes: list[int] = []
    for index in range(body + 1, len(lines)):
        text = lines[index].text  # not repaired yet: raw stripped
        if not text or len(text) > 60 or (text[0] not in _TAIL_HEADING_FIRST and "&" not in text):
            continue  # blank, too long, or no heading's first letter (an entity may decode to one)
        heading = fold_spaces(decode_entities(text))
        if noise.TAIL_HEADING.match(heading):
            box = _box(lines, index)
            if box is None:
                return index, boxes
            boxes += box
        elif _about_company(heading, lines, index):
            return index, boxes
    return len(lines), boxes


# A press release's boilerplate: "About Acme Corp." and the company's description, then forward-looking statements
# and contacts, to the end. Only when the next paragraph opens with the name's first word ("Acme is a ..."): a
# subheading "About The Deal" is followed by the story.
_ABOUT = re.compile(r"About ((?!The |A |An |Our |This |Us\b)[A-Z][\w&'’.-]*)(?: (?:[A-Z&][\w&'’.,-]*|of|and|de))*:?")


def _about_company(heading: str, lines: list[PageLine], index: int) -> bool:
    match = _ABOUT.fullmatch(heading) if heading.startswith("About ") else None
    if match is None:
        return False
    after = next((line.text for line in lines[index + 1:] if line.text), "")
    return after.startswith(match.group(1)) and _paragraph(after)


_BOX_MAX_LINES = 6  # a box of other stories inside the body: its heading and at most so many headlines
_BOX_LINE_MAX = 160  # a headline's length at most
_BOX_RESUMES = 2  # paragraphs in a row after the box: the story's own
_CARD_SHARED = 2  # content words a teaser shares with the headline above it, one a name ("Sea Ltd.")


def _box(lines: list[PageLine], heading: int) -> list[int] | None:
    """The heading and the headlines under it, when the story goes on after them: two paragraphs in a row (a list
    of other stories alternates a headline and a teaser), the first no teaser of the last headline. None: the other
    stories run to the end."""
    box = [heading]
    index = heading + 1
    while index < len(lines) and not _paragraph(lines[index].text):
        text = lines[index].text
        if text:
            if len(box) > _BOX_MAX_LINES or len(text) > _BOX_LINE_MAX or (
                    ends_sentence(text) and not text.rstrip().endswith("?")):  # (a headline may ask)
                return None
            box.append(index)
        index += 1
    if index < len(lines) and _teaser_of(lines[box[-1]].text, lines[index].text):
        return None  # the paragraph is the last headline's teaser: a card of another story, not the story going on
    paragraphs = 0
    full = 0  # of them, paragraphs of two sentences or more
    for line in lines[index:]:
        if not line.text:
            continue
        if not _paragraph(line.text):  # (a widget's words may follow its last sentence: not repaired yet)
            break
        paragraphs += 1
        full += _SENTENCE_JOINT.search(line.text) is not None
        if paragraphs == _BOX_RESUMES:
            return box if len(box) > 1 or full == _BOX_RESUMES or (
                _LINK_HEADING.fullmatch(lines[heading].text.strip()) and _resumes(lines, heading, index)) else None
    return None


# Where one sentence ends and the next begins: a heading whose headlines the scrape lost, then two paragraphs of
# two sentences or more each, is not a box of other stories (their teasers are a sentence each): the story goes on
_SENTENCE_JOINT = re.compile(r"[\w%)][.!?][\"'”’]? [A-Z]")


_RESUME_NAMES = 2
_MARKS = ".,;:'’\"()"
# A link's label, not a box's heading: "READ MORE" (a "Related" or "You May Also Like" heading heads a box even
# when its headlines were lost)
_LINK_HEADING = re.compile(r"(?i:read more|also read|read also)\W*")
_REPORTED = re.compile(r"\b(?:said|says|told|according to|announced)\b")


def _resumes(lines: list[PageLine], heading: int, index: int) -> bool:
    """A link's label whose link the scrape lost ("READ MORE" alone), then a paragraph that reports something
    (said, told, according to) and names at least two of the names the story before it wrote, days, months and
    titles aside ("NSN, a joint venture of Nokia and Siemens, said ..."): the story goes on. Other stories' teasers
    after such a label are headlines' sentences ("Acme shares hit a record high as ...")."""
    if not _REPORTED.search(lines[index].text):
        return False
    before = {word.strip(_MARKS).casefold() for line in lines[:heading] if _paragraph(line.text)
              for word in line.text.split()[1:] if word[:1].isupper()}
    after = {word.strip(_MARKS).casefold() for word in lines[index].text.split() if word[:1].isupper()}
    return len((before & after) - _NOT_NAMES) >= _RESUME_NAMES


_NOT_NAMES = frozenset(("the", "a", "an", "in", "on", "at", "it", "its", "this", "that", "but", "and", "as", "i",
                        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
                        "february", "march", "april", "may", "june", "july", "august", "september", "october",
                        "november", "december", "chief", "executive", "officer", "president", "chairman", "minister",
                        "governor", "director", "ceo", "cfo"))


def _teaser_of(headline: str, paragraph: str) -> bool:
    """Whether ``paragraph`` introduces what ``headline`` names: two content words shared, one of them a name (written
    capitalised inside the paragraph: "Investors Sell As They Sea Ltd. Upside" / "... company Sea Ltd. reported")."""
    shared = content_words(headline) & folded_words(paragraph)  # (the headline's are content words)
    if len(shared) < _CARD_SHARED:
        return False  # (most paragraphs: their capitalised words need not be read)
    names = {word.casefold() for word in paragraph.split()[1:] if word[:1].isupper()}
    return any(name.strip(".,;:'’\"") in shared for name in names)

_TAIL_HEADING_FIRST = "YyMmRrTtLlPpEeWwAaHhDdFfSs"  # the first letters of noise.TAIL_HEADING's headings, and "About"


def _mark_layout(lines: list[PageLine]) -> str | None:
    """The shape and place rules (_chrome, _classify, _paragraphs, _repeats), then the title; returns it.

    A removal can put two lines next to each other that were not (a heading now right before a
    paragraph), so the rules run again on what is left until they remove nothing more: what
    cleaning the output again would do is done now (idempotence). The layout model (``_layout_model``) takes
    its turn after the rules, and the rules look again at what its removals put side by side.
    """
    present = [line for line in lines if line.text]
    for line in present:
        line.body = line.reason is None and _paragraph(line.text)
    chrome.mark_chrome(present)  # page furniture is never a title: these go before the title's candidates
    chrome.mark_widget_block(present)
    _classify.mark_general(present)
    kept = [line for line in present if line.reason is None]
    _layout_round(lines, present, kept)
    memo = layout_model.Memo()  # what the layout model learns of each line once
    kept = _settle(kept, memo)
    if _classify.mark_tail_islands(present) | paragraphs.mark_polls(present):
        kept = _settle([line for line in present if line.reason is None], memo)
    title, _ = take_title([line for line in kept if line.reason != layout_model.REASON])  # (as the output shows)
    checked = checked_title(title, present)
    if checked is not None and checked != title and _mark_kickers(present, checked):
        first = [line for line in present if line.reason is None]
        if first and first[0].text.strip() == checked:
            take_title(first)  # the headline is now the first line kept: as cleaning the output would take it
        _settle([line for line in present if line.reason is None], memo)  # what cleaning the output would see
    return without_wire_tag(checked)


def _mark_between_links(present: list[PageLine]) -> None:
    """A headline between two lines of other stories' links ("Currency - Aug 13, 2025 - 0 Comments" / <headline> /
    "More In Currency"), with no sentence of its own, is one of them too; and so is the same headline given again
    elsewhere on the page ("- <headline>" in a list above)."""
    links = set()
    for before, line, after in zip(present, present[1:], present[2:], strict=False):
        if line.reason is None and not line.body and title_like(line.text) and before.reason and after.reason \
                and before.reason.endswith("related-links") and after.reason.endswith("related-links"):
            line.reason = "related-links"
            links.add(line.text.strip())
    for line in present if links else ():
        if line.reason is None and line.text.lstrip("-•* ").strip() in links:
            line.reason = "related-links"


def _settle(kept: list[PageLine], memo: layout_model.Memo) -> list[PageLine]:
    """The neighbour rules and the layout model in turn, until neither removes anything more; returns the lines the
    last neighbour round looked at (those the layout model removed since among them)."""
    while True:
        while _new_neighbours(kept):
            kept = [line for line in kept if line.reason is None]  # what cleaning the output would see
            _adjacency_round(kept)
        left = [line for line in kept if line.reason is None]
        if not layout_model.mark_layout(left, skip=headline_line(left), memo=memo):
            return kept  # the model removed nothing: the rules have nothing new to look at either


_KICKER_MAX_WORDS = 4


def _mark_kickers(present: list[PageLine], title: str) -> bool:
    """A headline found below the first kept line (``checked_title``): the short labels kept above it are the
    section's kicker or a menu's ("Business Headline News"), not the story's. Whether any went."""
    at = next((i for i, line in enumerate(present) if line.text.strip() == title), None)
    marked = False
    for line in present[:at or 0]:
        text = line.text
        if line.reason in (None, "title") and len(text.split()) <= _KICKER_MAX_WORDS and not _DIGIT.search(text) \
                and not ends_sentence(text):
            line.reason = "section-label"
            marked = True
    return marked


_BODY_MIN_SPACES = 11  # is_body_paragraph's least: twelve words


def _paragraph(text: str) -> bool:
    """is_body_paragraph, with its word count first: most short lines are no paragraph, and it saves the call."""
    return text.count(" ") >= _BODY_MIN_SPACES and is_body_paragraph(text)


def _new_neighbours(kept: list[PageLine]) -> bool:
    """Whether a line the last round removed stood next to a kept line that is no paragraph (one the
    neighbour rules may now judge differently)."""
    last = len(kept) - 1
    return any(line.reason is not None and (
        (index > 0 and kept[index - 1].reason is None and not kept[index - 1].body)
        or (index < last and kept[index + 1].reason is None and not kept[index + 1].body))
        for index, line in enumerate(kept))


def _adjacency_round(kept: list[PageLine]) -> None:
    """The rules whose answer can change when lines around a line go: the others would find nothing new."""
    captions.mark_captions(kept)
    paragraphs.mark_section_labels(kept)
    paragraphs.mark_subheadings(kept, skip=headline_line(kept))


def _layout_round(lines: list[PageLine], present: list[PageLine], kept: list[PageLine]) -> None:
    """The layout rules over the lines present (in order, removed ones too) for captions, which read removed
    lines; the others pass over removed lines, so they get ``kept``, the lines kept before the round (in order:
    those a rule removes here the next ones pass over)."""
    captions.mark_captions(present)
    paragraphs.mark_metadata(kept)
    paragraphs.mark_bylines(kept)
    paragraphs.mark_section_labels(kept)
    end = paragraphs.story_end(kept)
    if end is not None:
        start = next(index for index, line in enumerate(lines) if line is kept[end])  # (lines.index: __eq__ on each)
        for line in lines[start:]:
            line.reason = line.reason or "next-story"
    paragraphs.mark_subheadings(kept, skip=headline_line(kept))  # a headline is never a subheading
    paragraphs.mark_footer(kept)
    repeats.mark_near_duplicates(kept)
    repeats.mark_teaser_bullets(kept)


def _find_site(lines: list[PageLine]) -> str | None:
    for line in lines:
        text = line.text
        if not text or ("appeared" not in text and text[0] not in "©(cC"):
            continue  # what noise.site_from looks at first: skipped here without a call for every line
        site = noise.site_from(text)
        if site:
            return site
    return None
