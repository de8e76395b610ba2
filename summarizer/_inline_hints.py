"""Where inline noise may be: the quick hints a line must hold before ``_inline_noise``'s rules are tried on it,
and the mark of two sentences glued together."""

from __future__ import annotations

import re

from ._credits import WIRE_AGENCIES
from ._inline_noise import BRIEF_LABELS, CONSENT_VERBS

# Every inline rule's match holds one of these: lines without any skip the rules. Each pattern starts with a
# literal character, which the regex engine finds quickly in a whole text (one pattern of alternatives with
# different first characters is scanned position by position: several times slower than these together);
# the words are found in lower-cased text.
INLINE_HINTS = (
    re.compile(r"\)[ \t]*(?=\n|\Z)"),  # a line that ends with a bracket (TRAILING_SOURCE)
    re.compile(r"\((?:[A-Z]{2,12}\s?:|Nasdaq|Xetra|[A-Z]{1,6}\S{0,3}\s?[+\-−]\d|\^[A-Z]|:[A-Z]|[A-Z.]{1,7},\s?Fortune "
               r"|\.?[A-Z0-9.]{1,11}:\s?\)"
               r"|[A-Z][a-z]+(?: [A-Z][a-z]+){0,3}\s?:\s?[A-Z0-9.]{1,10}-[A-Z]{2}\)|[A-Z0-9]{1,6}\.[A-Z]{1,2}\))"),
    re.compile(r"%(?<=[+\-−]\d\.\d\d%)|%(?<=[+\-−]\d\d\.\d\d%)|%(?<=[+\-−]\d\d\d\.\d\d%)"
               r"|%(?<=\d [+\-−]\d\.\d%)|%(?<=\d [+\-−]\d\d\.\d%)|%(?<=[▲▼]\d\.\d%)|%(?<=[▲▼]\d\d\.\d%)"
               r"|%(?<=[▲▼]\d\d\.\d\d%)|%(?<=[▲▼]\d\.\d\d%)"),
    re.compile(r"/[A-Z]{2,6}\$?\s?\("),
    re.compile(r" \((?=[A-Z]{2,5}\))"),  # a bare symbol after a name (_BareSymbolFinder)
    re.compile(r"\([A-Z][a-z]+(?: [a-z]+)?\)\s?:"),  # a label in brackets before a lead ("(Close):")
    re.compile(rf"\((?:{WIRE_AGENCIES})\)\s?[-—–]"),  # WIRE_LEAD
    re.compile(r"\((?=[A-Z][A-Za-z&. ]{2,40}\)\s?[-—–A-Z])"),  # WIRE_LEAD: another news service's name
    re.compile(r"\.com\s?(?:--|[—–])"),  # WIRE_LEAD: a site's domain
    re.compile(r"\((?=(?i:adds|updates|recasts|corrects|refiles)\b)"),  # WIRE_HEADER_LEAD: its note
    re.compile(r" Of (?=[A-Z]{2})"),  # WIRE_HEADER_LEAD: its writers "Of" the service
    # APPEAL_LEAD and CONSENT_LEAD at a line's start: the words first and the start looked behind them, which finds
    # what "^Your ..." finds with MULTILINE (at the text's start or after a line break), found as fast as the others
    re.compile(r"Your (?<![^\n]Your )(?:support|donation|contribution)"),
    re.compile(rf"By (?<![^\n]By ){CONSENT_VERBS}"),
    re.compile(r"\(\s?[$€£¥₹]\s?1\s?="),  # CONVERSION_INLINE
    re.compile(r"FILE (?:PHOTO|PICTURE|IMAGE)\s?:"),  # FILE_PHOTO_INLINE
    re.compile(r"\[(?:ID:|\.[A-Z]|[A-Z]{1,8}/|[a-z][a-z0-9_-]*(?:\d\]|\s[a-z_-]+=))"),  # WIRE_STORY_ID, SHORTCODE
    re.compile(r"=(?<=[A-Z0-9]=)(?=[A-Z0-9]{0,4}(?:[\s,.;)]|\Z))"),  # RIC_CODE
    re.compile(r"://"),  # BARE_LINK
    re.compile(r"<(?=\.?[A-Z0-9]{1,8}[.=>])"),  # ANGLE_RIC
    re.compile(r"\[(?=(?:[A-Z]{2,12}|Nasdaq)\s?:)"),  # BRACKET_LISTING
    re.compile(r"\((?=\d{4,6}\))"),  # LISTINGS: a listing's number
    re.compile(r"\((?=[^()\n]{0,60}\b(?:symbol|www\.)|\d{1,3}-\s?\d{3}-\d{3})"),  # LISTINGS: a data box
    re.compile(r"\[(?=(?i:continue reading|read more|read the rest))"),  # CONTINUE_LINK
    re.compile(r", ?(?:\(c\)|©) ?\d{4} "),  # SIGNED_COPYRIGHT
    re.compile(r" OFFER\b"),  # OFFER_AD
    re.compile(r" opens new tab| \(search\)"),  # NEW_TAB
    re.compile(r"\$(?<=[.!?\"”’]\$)(?=[A-Z]{2,6}[ \t]*(?:\n|\Z))"),  # TRAILING_CASHTAGS
    re.compile(r"UPDATE ?\d"),  # LEAD_LABEL: an update's time before the lead
    re.compile(":(?:" + "|".join(f"(?<={re.escape(label)}:)" for label in BRIEF_LABELS) + ")"),  # BRIEF_LABEL
    re.compile(r"--(?<=[A-Z]--)"),  # GLUED_SYMBOL (found from the dashes)
    re.compile(r"\{\{"),  # TEMPLATE_LEAD, TEMPLATE_TOKEN
    re.compile(r"\((?=\d{1,4}[.:]?\d{0,2}\s?(?:[ap]\.?m\.?)?\s?(?:[A-Z]{2,4}|local)(?: time)?\))"),  # POSTED_TIME
    # a wire's name signing off a paragraph (TRAILING_END_MARK), found from its dash
    *(re.compile(rf"{dash}(?= ?(?:{WIRE_AGENCIES})[ \t]*(?:\n|\Z))") for dash in "—–"),
    re.compile(r", (?:write|report)"),  # TRAILING_WRITERS
    re.compile(r"/[a-z]{2,4}[ \t]*(?=\n|\Z)"),  # TRAILING_SIGNOFF
    # "Read more:" and the like, found from the colon or the bar (lookbehinds of one width each; one pattern for
    # each mark, as a pattern that starts with a class of characters is scanned position by position)
    *(re.compile(rf"{mark}(?:(?<=(?i:read more|also read|read also){mark})"
                 rf"|(?<=(?i:read more|also read|read also) {mark})"
                 rf"|(?<=(?i:now read|see also){mark})|(?<=(?i:now read|see also) {mark})"
                 rf"|(?<=(?i:related){mark})|(?<=(?i:related) {mark})"
                 rf"|(?<=(?i:recommended){mark})|(?<=(?i:recommended) {mark}))") for mark in (":", r"\|", "→")),
)
GLUED_HINT = re.compile(r"\.[A-Z][a-z]")  # two sentences glued together (see GLUED_SENTENCES)
INLINE_WORDS = ("podcast", "newsletter", "(image", "(pic", "reporting by", "reporting and", "writing by",
                "editing by", "visit ", "go to ", "head to ", "head over to ", "check out ", "log on to ", "learn more",
                "read more", "find out more", "sign up now", "subscribe now", "click here", "picture", "photo",
                "image:", "images:", "image credit", "pic:", "click to", "tap to", "source:", "chart:", "graphic:",
                "illustration:", "enditem", "(end)", "(ends)", "end [copyright",
                "report by", "contact us", "call us", "email us", "(see ", "(read ", "free report)", " pic")
# Two sentences glued together by a scraper: "guidance.The company". A space goes between them.
# (The pattern starts with the punctuation, which the regex engine finds quickly; substitute "\g<0> ".)
# The next sentence's first word has three letters or more, or is a short one that opens sentences: "News.Az
# reports" is a site's name, not two sentences.
GLUED_SENTENCES = re.compile(r"[.!?](?<=(?:[a-z]{2}|\d%|[a-z]\)|[\d ]\d)[.!?])"
                             r"(?=[A-Z][a-z]{2}|(?:It|In|On|At|As|An|He|We|If|So|No|By|To|Of|Is|Or|Up|My)\b)")
