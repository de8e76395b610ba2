"""Captions: the words under a picture, which the page's text carries between the story's paragraphs.

A caption is found by what stands around it and by how it is written. Around it: an image credit after it
("(Image credit: Agency)", on its own line or cut from the start of the next one), its own copy right before it
(a picture's alt text, then its caption), or, at the top of the page, the story's dateline paragraph right after
it. How it is written: a caption without sentence punctuation, or a sentence in a caption's own language, one
sentence in the present tense describing what the picture shows ("A man looks at his watch as he passes an
electronic board", "A trader using a laptop"), with no figure but a date and nobody saying anything. A story's
sentence reports: it has a past tense, a figure or a source, and stays.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ._credits import PHOTO_CREDIT_IN_BRACKETS, PHOTOGRAPHER_CREDIT
from ._lines import PageLine
from ._prose import MONTHS, ends_sentence
from ._title import headline_line

_CAPTION_MAX_WORDS = 40
_PICTURE_MAX_WORDS = 32
_ALT_TEXT_SHARE = 0.4
_LINE_BREAKS = 4  # "\r\n\r\n": a blank line between two lines

# What a picture shows, in the present: people and things seen doing something. Singular present forms and
# participles only (plural forms are nouns too: "work", "stand").
_PICTURE_VERB = re.compile(
    r"\b(?:(?:looks|walks|passes|stands|sits|speaks|holds|poses|arrives|leaves|enters|gestures|waves|smiles|"
    r"reacts|listens|talks|wears|rides|shops|checks|watches|attends|displays|flashes|shows|works|waits|"
    r"prepares|delivers|addresses|pauses)\b"
    r"|(?:is|are) (?:seen|pictured|displayed|shown|photographed)\b|\bpictured\b"
    r"|(?:using|wearing|displaying|walking|holding|standing|sitting|looking|passing|waiting|showing|posing|"
    r"speaking|gesturing|carrying|riding)\b)",
)
# Someone said something, or a past: a story's sentence, not a picture's.
_REPORTS = re.compile(
    r"\b(?:said|says|told|tells|according|reported|announced|added|estimated|expects|expected|warned|"
    r"[a-z]{3,}ed)\b"
)
_DATE = re.compile(
    rf"\b(?:{MONTHS})[a-z]*\.? \d{{1,2}}(?:, \d{{4}})?\b|\b\d{{1,2}} (?:{MONTHS})[a-z]*\b|\b(?:19|20)\d\d\b"
)
_SAYS = re.compile(r"\b(?:said|says|told|tells|according to)\b|[“”\"]")
_TRAILING_PHOTO_CREDIT = re.compile(rf"{PHOTO_CREDIT_IN_BRACKETS}$", re.IGNORECASE)
# or a photographer's name and agency: "(Jane Roe/The Harbour Press)" (a name of two words or more), or the agency
# in capitals, then the name: "THE HARBOUR PRESS/ Jane Roe"
_TRAILING_NAMED_CREDIT = re.compile(rf"{PHOTOGRAPHER_CREDIT}$"
                                    r"|(?<=[.!?] )(?:THE )?[A-Z]{2,}(?: [A-Z]{2,}){0,3} ?/ ?(?:[A-Z][\w.'’-]+ ?){1,4}$")
_CREDITED_CAPTION_MAX = 800
_CREDIT_TAIL = 60  # a credit at a caption's end is no longer
# A picture agency's caption opens with what the picture shows, then when and where, the date in full and the
# place with its country or state: "City skyline on 10th June 2024 in London, United Kingdom.", "A trader
# works on the floor on June 10, 2024 in New York City." A story names the day, rarely the year and country too.
_WHEN_AND_WHERE = re.compile(
    rf"\bon (?:\d{{1,2}}(?:st|nd|rd|th)? (?:{MONTHS})[a-z]* (?:19|20)\d\d"
    rf"|(?:{MONTHS})[a-z]*\.? \d{{1,2}}(?:st|nd|rd|th)?,? (?:19|20)\d\d),? in [A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)*"
    r"(?:, [A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)*)?\.$"
    rf"|, (?:{MONTHS})[a-z]*\.? \d{{1,2}}, (?:19|20)\d\d\.$"  # or the place, then the date: "..., August 6, 2019."
)
_FULL_DATE = re.compile(rf"\b(?:{MONTHS})[a-z]*\.? \d{{1,2}}(?:st|nd|rd|th)?,? (?:19|20)\d\d\b"
                        rf"|\b\d{{1,2}}(?:st|nd|rd|th)? (?:{MONTHS})[a-z]*,? (?:19|20)\d\d\b")
# A caption's sentence naming what its picture is: "Pictured is ...", "The photo shows ..."
_PICTURED = re.compile(r"(?:^|(?<=[.!?] ))(?:Pictured (?:is|are|here|above|below)\b"
                       r"|(?:The |This )?(?:photo|picture|image) (?:above |below )?shows\b)")
# A picture described by a machine or a photo library: "In this image we can see a board, buildings and sky.",
# "In the picture I can see a coin ...",
# "Investing and stock market concept with faded candlestick charts." (no figure, nobody saying anything)
_DESCRIBED = re.compile(r"^In (?:this|the) (?:image|picture|photo),? (?:(?:I|we|you) can see|there (?:is|are))\b"
                        r"|^(?:Above|Below|Top|Pictured|Left|Right)\s?:\s?[A-Z]"  # a caption's label
                        r"|^[A-Z][^.!?\d]{5,150}\bconcepts?\b[^.!?\d]{0,150}\.?$")
# A picture's alt text: a short description, no sentence's end or figure ("An NAB shop front in Brisbane")
_ALT_TEXT = re.compile(r"^(?:A|An) (?=(?:\S+\s){1,10}\S+$)[^.!?:;\d]+$")
# What a story's sentence has and a caption's opening does not: a verb of its own beyond the present.
_STORY_VERB = re.compile(r"\b(?:will|would|was|were|has|have|had|could|can|may|might|should|must)\b")
_INSIDE_BREAK = re.compile(r"[.!?][\"”’)]?\s+[\"“(]?[A-Z]")
# The story's own dateline opening its first paragraph: "TOKYO -- ", "Tokyo - ", "BERLIN (AP) — ".
_DATELINE_OPENING = re.compile(
    r"^[A-Z][A-Za-z.'’-]+(?: [A-Z][A-Za-z.'’-]+){0,2}(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?(?: \([A-Za-z ]{2,20}\))?"
    r" ?(?:--|[-—–]) "
)


def mark_captions(lines: Sequence[PageLine]) -> None:
    """All lines are given, removed ones too, in order. Two lines are next to each other when only removed lines
    stand between them (as when the output is cleaned again)."""
    previous: PageLine | None = None  # the last line kept (or kept as a duplicate so far)
    datelines = 0  # paragraphs so far that open with a dateline
    credits = []
    top = headline_line(list(lines))  # the page's headline, given twice (its title, then its heading): no caption
    for index, line in enumerate(lines):
        reason = line.reason
        if reason is None or reason == "duplicate":
            opens_dateline = reason is None and _DATELINE_OPENING.match(line.text) is not None
            if previous is not None and previous.text == line.text and previous.reason in (None, "duplicate") \
                    and top is not previous and top is not line \
                    and (_a_caption(line.text) or _ends_with_credit(line)):
                previous.reason = line.reason = "image-caption"  # alt text, then the caption
            elif previous is not None and previous.reason is None and _opens_with_credit(line) \
                    and _next_to(previous, line) and _a_caption(previous.text):
                previous.reason = "image-caption"
            elif previous is not None and previous.reason is None and opens_dateline and not datelines \
                    and picture_sentence(previous.text):
                previous.reason = "image-caption"  # the lead picture's caption, right before the story's dateline
            if reason is None and (_credited_caption(line.text) or _agency_caption(line.text) or _described(line.text)
                                   or (_ends_with_credit(line) and _dated_scene(line.text)) or _pictured(line.text)
                                   or _someone_seen(line.text)):
                line.reason = "image-caption"
            datelines += opens_dateline
            previous = line
        elif reason == "image-credit" and index:
            credits.append(index)
        elif reason == "image-caption" and previous is not None and previous.reason is None \
                and _ALT_TEXT.match(previous.text) and _next_to(previous, line):
            previous.reason = "image-caption"  # the picture's alt text, then its caption: "A bank's shop front"
    headline = headline_line(list(lines)) if credits else None
    for index in credits:  # a caption comes before its credit
        before, credit = lines[index - 1], lines[index]
        if before is headline:
            continue  # the page's headline above a picture with only a credit
        if before.reason is None and (_a_caption(before.text) or _describes_same(before.text, credit.text)
                                      or picture_sentence(_first_sentence(before.text)) or _shows(before.text)):
            before.reason = "image-caption"  # (a caption may go on to say more than what the picture shows)


def _shows(text: str) -> bool:
    """Above a credit: a short line whose first sentence says what is seen, even with participles ("An Acme logo is
    seen on a smartphone placed on a keyboard."), nobody saying anything."""
    return len(text.split()) <= _CAPTION_MAX_WORDS and bool(_PICTURE_VERB.search(_first_sentence(text))) \
        and not _SAYS.search(text)


def picture_sentence(text: str) -> bool:
    """One short sentence in a caption's language: what a picture shows, in the present, with no figure but a
    date and nobody saying anything."""
    if not text or len(text.split()) > _PICTURE_MAX_WORDS or _INSIDE_BREAK.search(text):
        return False
    if not _PICTURE_VERB.search(text) or _REPORTS.search(_PICTURE_VERB.sub("", text)):  # "is pictured" is no past
        return False
    return not any(char.isdigit() for char in _DATE.sub("", text))


def _credited_caption(text: str) -> bool:
    """A caption of any length with its photo credit at the end: it opens with what the picture shows, and no
    one in it says anything ("A sign is pictured at the bank's head office ... on June 6. The bank is expected
    to ... (Photo by Jane Roe / AFP)"). A story's paragraph does not end with a photo credit."""
    if len(text) > _CREDITED_CAPTION_MAX or not (text.endswith(")") or "/" in text[-_CREDIT_TAIL:]) or not (
            _TRAILING_PHOTO_CREDIT.search(text) or _TRAILING_NAMED_CREDIT.search(text)):
        return False
    if _SAYS.search(text):
        return False
    return bool(_PICTURE_VERB.search(_first_sentence(text))) or (  # or a short one, a photographer's name credited
        len(text.split()) <= _NAMED_CAPTION_MAX_WORDS and _TRAILING_NAMED_CREDIT.search(text) is not None)


_NAMED_CAPTION_MAX_WORDS = 40
# A paragraph of one short sentence of what a picture shows, someone unnamed as its subject: "A trader works on the
# floor of the exchange." (a story names who does what, and reports)
_SOMEONE_SEEN_MAX_WORDS = 20
_NARRATES = re.compile(r"\b(?:he|she|they|his|her|their|him|them|as|while|when)\b")  # a story's scene goes on


def _someone_seen(text: str) -> bool:
    """One short sentence of what a picture shows, someone unnamed as its subject, the scene going no further."""
    return text.startswith(("A ", "An ")) and picture_sentence(text) and len(text.split()) <= _SOMEONE_SEEN_MAX_WORDS \
        and not _NARRATES.search(text)


def _tells_nothing(sentence: str, whole: str) -> bool:
    """Nobody in ``whole`` says anything, and ``sentence`` has no verb of a story's beyond what a picture shows."""
    return not (_SAYS.search(whole) or _REPORTS.search(_PICTURE_VERB.sub("", sentence)) or _STORY_VERB.search(sentence))


def _agency_caption(text: str) -> bool:
    """A caption as picture agencies write them: its first sentence says what the picture shows, on which date
    and where, and nobody in the line says anything (a description of the place may follow)."""
    if len(text) > _CREDITED_CAPTION_MAX or not (" 19" in text or " 20" in text):
        return False  # (a year in full: most lines go here)
    first = _first_sentence(text)
    return bool(_WHEN_AND_WHERE.search(first)) and _tells_nothing(first, text)


def _dated_scene(text: str) -> bool:
    """What a credited picture shows, without a verb: one short sentence with its date in full and nobody in it
    saying or doing anything a story reports ("The Acme logo in Hong Kong, China, on Dec 5, 2023.")."""
    if len(text.split()) > _PICTURE_MAX_WORDS or _INSIDE_BREAK.search(text) or not _FULL_DATE.search(text):
        return False
    return _tells_nothing(text, text)


def _pictured(text: str) -> bool:
    """A short caption that says what its picture is in its last sentence ("Stocks fell as banks slid. Pictured is
    the exchange's floor on April 26."), nobody in it saying anything."""
    if "ictured" not in text and "shows" not in text:
        return False  # (most lines)
    found = _PICTURED.search(text)
    return found is not None and len(text.split()) <= _CAPTION_MAX_WORDS and not _SAYS.search(text) \
        and not _INSIDE_BREAK.search(text, found.start() + 1) and text.count(". ", 0, found.start() + 1) <= 1


def _described(text: str) -> bool:
    """A machine's or a photo library's description of a picture (``_DESCRIBED``)."""
    if not (text.startswith(_DESCRIBED_OPENINGS) or "concept" in text):
        return False  # (most lines: two quick tests)
    return bool(_DESCRIBED.match(text)) and not _SAYS.search(text)


_DESCRIBED_OPENINGS = ("In this ", "In the ", "Above", "Below", "Top", "Pictured", "Left", "Right")


def _first_sentence(text: str) -> str:
    opening = _INSIDE_BREAK.search(text)
    return text[:opening.start() + 1] if opening else text


def _opens_with_credit(line: PageLine) -> bool:
    """A line whose first words were an image credit, cut by the inline repairs ("(Image credit: Agency), the
    exchange said ...")."""
    first = line.cuts[0] if line.cuts else None
    return first is not None and first[2] == "image-credit" and not line.raw[:first[0]].strip()


def _ends_with_credit(line: PageLine) -> bool:
    """A line whose last words were an image credit, cut by the inline repairs ("... its workforce. Photograph:
    Jane Roe/Agency"): given twice in a row, a picture's alt text and its caption, whatever their sentences."""
    last = line.cuts[-1] if line.cuts else None
    return last is not None and last[2] == "image-credit" and not line.raw[last[1]:].strip()


def _next_to(line: PageLine, after: PageLine) -> bool:
    """Nothing but line breaks between the two lines in the input (no line the cleaner removed)."""
    return after.start - (line.start + len(line.raw)) <= _LINE_BREAKS


def _describes_same(text: str, caption: str) -> bool:
    """A picture's alt text before its caption: short, and much of its wording is the caption's."""
    words = {word.strip(".,;:()\"'").lower() for word in text.split()}
    if len(words) > _CAPTION_MAX_WORDS or not words:
        return False
    return len(words & {word.strip(".,;:()\"'").lower() for word in caption.split()}) >= _ALT_TEXT_SHARE * len(words)


def _a_caption(text: str) -> bool:
    """Written as a caption: without sentence punctuation, or in a caption's language."""
    return _caption_like(text) or picture_sentence(text)


def _caption_like(text: str) -> bool:
    return bool(text) and not ends_sentence(text) and len(text.split()) <= _CAPTION_MAX_WORDS
