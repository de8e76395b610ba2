"""Who wrote the story, whose it is and whose its pictures are, on lines of its own: bylines, reporters named with
their cities, reporters' bios, copyright and syndication lines (which also name the site), image credits.

Whole-line patterns for ``_noise``'s rules (which name the reason and the pre-filter words).
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

# The wire services whose name stands in brackets in a dateline ("BERLIN (AP) — ") or before a lead ("(Reuters) – ").
WIRE_AGENCIES = "AP|Reuters|AFP|Bloomberg|dpa|IANS|PTI|ANI|UPI|Xinhua|Kyodo|Yonhap|RTTNews"
# A wire's note of the exchange rate it used, in brackets: "($1 = 73.9750 Indian rupees)", "(£1 = $1.2710)".
CONVERSION_NOTE_TEXT = r"\(\s?[$€£¥₹]\s?1\s?=\s?[$€£¥₹]?\s?[\d.,]+(?:\s[A-Za-z. ]{2,40})?\)"

AUTHOR_BIO = re.compile(
    # "Jane Roe is a Professional Content Writer.", "Jane Roe writes about technology, education and ..."
    r"^(?!.*\d)(?!.*\b(who|whose|that|in (his|her|their|its))\b)(?!The\b)[A-Z][\w.'-]+( [A-Z][\w.'-]+){1,2} (is an? "
    r"((?i:professional|freelance|content|staff|guest|senior|contributing|independent|tech|technology|finance|crypto) )"
    r"{1,3}(?i:writer|blogger|author)\b[^!?]{0,300}|writes (about|on) [^.!?]{3,120}\.?)$|"
    r"^((?i:about the author)\b.*|[A-Z][\w.'-]+ is an? ((?i:part|full)-time )?(\w+ ){0,2}"
    r"(reporter|writer|editor|journalist|correspondent"
    r"|columnist) (covering|for|at|based|with)\b(?!.*\bwho (was|is|has)\b).{0,300}"
    r"|[A-Z][\w.'-]+( [A-Z][\w.'-]+){1,3} is an? ((?i:part|full)-time )?(\w+ ){0,4}"  # "a part-time freelance writer"
    r"(reporter|writer|editor|journalist|correspondent|columnist|contributor|analyst at|author)\b.{0,300}"
    # a title in capitals: "Jane Roe is the Business Editor at Ledger. She is an avid watcher of markets ..."
    r"|[A-Z][\w.'-]+( [A-Z][\w.'-]+){1,3} is the ([A-Z][\w-]+ ){0,3}(Editor|Reporter|Correspondent|Writer|Columnist)"
    r"\b.{0,300}"
    # "Jane Roe joined Ledger as a news reporter in 2022.", "Before joining Ledger, Roe was ...", and her holdings
    r"|[A-Z][\w.'-]+( [A-Z][\w.'-]+){0,2} joined [A-Z][\w&.' -]{1,40} as an? (\w+ ){0,2}"
    r"(reporter|writer|editor|journalist|correspondent|columnist)\b.{0,700}"
    r"|(?i:before joining) [A-Z][\w&.' -]{1,40}, [A-Z][\w.'-]+ (was|worked)\b.{0,700}"
    # its name a link the scrape lost: "Is the founder of Harbour Markets Daily. A published author on ..." (a
    # statement: a story's question "Is the bank's pause ...?" ends with a question mark)
    r"|Is (?:a|an|the) [^.?]{0,60}\b(?i:founder|author|analyst|editor|writer|journalist|reporter|contributor"
    r"|columnist)\b[^?]{0,700}"
    # in the first person: "I am a senior writer with a passion for markets ..."
    r"|I am an? (\w+,? ){0,4}(and )?(reporter|writer|editor|journalist|correspondent|columnist)\b.{0,700}"
    r"|(?i:(he|she|they) (does|do) not (have|hold|own) any) (?i:crypto|cryptocurrency|digital asset|bitcoin)\w*"
    r"( (?i:holdings))?\.?)$",
)
BYLINE = re.compile(r"^(?i:by|written by|reporting by|edited by)\s+[A-Z][\w.'-]+( (and )?[A-Z][\w.'-]+){0,4}"
                    r"( (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2},? \d{4})?$"  # and a date
                    # a wire's credits on a line of their own: "Reporting by Jane Roe in Bengaluru; Editing by Sam Li"
                    r"|^(?i:(?:reporting|report|reported|additional reporting) by) [A-Z][^;]{2,120};"
                    r" ?(?i:(?:editing|edited|writing) by)\b.{0,120}$")
# Reporters named with where they write from, without "By": "Helena Brouwer in Amsterdam and Piers Okeke in London"
# (two of them at least: one alone has a headline's shape, "Markets Slip in Asia").
_REPORTER_IN = r"[A-Z][a-z'’-]+(?: [A-Z][a-z'’.-]+){1,2} in [A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+)?"
REPORTERS_IN = re.compile(rf"^{_REPORTER_IN}(?:, {_REPORTER_IN})*,? and {_REPORTER_IN}$")
# (a "?" before the year and a name: the scrape lost the "©"; after a year, the owner may end in initials: "Bloomberg
# L.P."; "Copyright holders sued ..." is a sentence)
COPYRIGHT = re.compile(r"^(?!copyright\s+(?-i:[a-z]))(©|\(c\)|copyright|\?(?=\s?\d{4}\s(?-i:[A-Z])))\s*"
                       r"(?P<year>\d{4}\s*)?"
                       r"(?P<site>[^.|]{2,60}?(?(year)( (?-i:[A-Z]\.){1,3})?))\.?(\s*all rights reserved\.?)?$", _I)
# "The post ... appeared first on Site.", "This article is from the Site website. © Owner, ..." (a copy's note)
SYNDICATION = re.compile(
    r"^the (post|article|story) .{1,300} (originally |first )?appeared (first )?on [\w.-]{3,80}\.?$"
    r"|^this (article|story|post) (is|was|comes) (taken |reproduced )?from (the )?[\w .'’&-]{2,60} (website|site)\."
    r"(\s.{0,300})?$"
    # whose the copy is, after a bullet at most: "• This article appeared on City Brief, an app that ...",
    # "This content was created by Harbour Weekly, which is operated by ... ."
    r"|^([•·*]\s?)?this (article|story|post|content|piece) (originally |first )?(appeared|was (originally |first )?"
    r"(published|created|produced)) (first )?(on|in|by) (?-i:[A-Z])[^.!?]{1,80}[.!]?(\s.{0,300})?$"
    # a wire's note about itself under its copy: "Reuters, the news and media division of Thomson Reuters, is the
    # world's largest multimedia news provider, reaching ..."
    rf"|^(?!.*\b(said|says|according)\b)(?=.*\breaching (billions|millions|more than)\b)({WIRE_AGENCIES}), (the|a|an) "
    r"[^,.!?]{3,80}, is the world['’]s (largest|leading|biggest)\b[^!?]{0,300}$", _I)
APPEARED_ON = re.compile(r"\bappeared (first )?on (?P<site>[A-Z][\w.-]{2,60}?)\.?$")

# A photographer's name, two words or more, and the agency, in brackets: "(Jane Roe/The Harbour Press)"
PHOTOGRAPHER_CREDIT = r"\((?:[A-Z][\w.'’-]+ ){1,3}[A-Z][\w.'’-]+ ?/ ?[A-Z][\w .&'’-]{1,40}\)"
# A caption that ends with its photo credit in brackets: "A crane unloads containers ... (AP Photo/Jane Roe, File)"
# A caption with no sentence punctuation and its photographer's credit in brackets: "Traders on the floor as the
# pound slumped (Jane Roe/PA)" (a name of two words or more: "(Reuters/Ipsos)" after a poll is no credit).
NAMED_CREDIT_CAPTION = re.compile(
    r"^[^.!?]{10,300}[^.!?\s] ?\([A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3} ?/ ?[A-Z][\w .&'’-]{1,30}\)$")
PHOTO_CREDIT_IN_BRACKETS = r"\((?:[A-Z][\w.]*\s)?(?:photo|photograph|image|picture|video)s?\s?(?:/|by\b|:)[^()]{1,80}\)"
# ... or after a dash, as a Malaysian site credits its pictures: "... outside the mall, March 15, 2014. — Reuters pic"
CAPTION_CREDIT = re.compile(rf"^.{{0,300}}(?:{PHOTO_CREDIT_IN_BRACKETS}"
                            r"|[.!?]\s[—–-]\s?(?-i:[A-Z][\w.]*(?: [A-Z][\w.]*)? (?:pic|photo)))$", _I)
CREDIT = re.compile(
    r"^(.{0,160}[.)]\s*(image|photo|chart|source|graphic|illustration)s?\s*(credit|source)?\s*:\s*[A-Z][\w .&'/-]{1,40}"
    r"|.{0,80}\b(image|images|photo|photos|picture|chart|illustration|graphic)s?\b.{0,40}"
    r"\b(via|by|from|courtesy of)\b.{1,60}"
    r"|(image|photo|chart|source|graphic|illustration|featured image|cover image|header image)"
    r"\s*(credit|source)?\s*:\s*\S.{0,80}"
    r"|featured image (from|via|by) .{1,80}"
    r"|photo by .{1,60} on (unsplash|pexels|pixabay)"
    r"|(photo|image|picture|thumbnail|illustration) (for|of|from) (the|this) (article|story|post)\b(?!['’]).{0,120}"
    r"|\((image|photo|chart)s?:? .{1,60}\))$",
    _I,
)

# A caption or a credit line that ends with a labelled credit: "... at the head office in Pretoria. Picture: Jane Roe
# © Business Day", "Camera IconNot Supplied Credit: NewsWire" (the label, then a name in capitals: a sentence
# that mentions a picture goes on in lower case).
LABELLED_CREDIT = re.compile(
    r"^(?:.{0,100}[^.!?\s]\s?)?(?-i:Picture|Pic|Photo|Photograph|Image)s?(?: credit)?\s?:\s?"
    r"(?-i:[A-Z][\w.'’-]*(?: (?:[A-Z&][\w.'’&-]*|van|de|von))*(?:\s?[©/]\s?[A-Z][\w.'’&-]*(?: [A-Z&][\w.'’&-]*)*)?)$"
    r"|^.{0,100}\b(?-i:Credit)\s?:\s?(?-i:[A-Z][\w.'’-]*(?: [A-Z&][\w.'’&-]*){0,3})$",
    _I,
)
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’]?\s+(?=[\"“]?[A-Z])")


def labelled_credit(text: str) -> bool:
    """LABELLED_CREDIT for a whole line: a short caption not ending as a sentence right before its credit, and at
    most one sentence end in the line. A credit right after a sentence is cut alone (``_inline_noise``): which
    sentence is the caption's, words cannot tell."""
    return bool(LABELLED_CREDIT.match(text)) and len(_SENTENCE_BREAK.findall(text)) <= 1


# A news agency's name alone on a line: the credit under a picture ("The Associated Press", "Reuters").
AGENCY_ALONE = re.compile(r"^(?:the )?(?:associated press|reuters|agence france-presse|afp|bloomberg(?: news)?"
                          r"|dow jones newswires|press trust of india|kyodo news|xinhua(?: news agency)?)\.?$", _I)
# A quote chart's caption: "Acme stock, dollars per share, 1 day; delayed 15 mins.", "Quotes delayed at least 15
# minutes."
DELAYED_QUOTE = re.compile(r"^.{0,80}\b(?:quotes?|data|prices?|stock|shares?)\b.{0,60}\bdelayed(?: by)?(?: at least)?"
                           r" \d{1,2} ?(?:mins?|minutes)\b.{0,40}$", _I)
# A caption ending in its outlet's and photographer's names: "... slightly weaker than expected. (ABC News: Jane Roe)"
_PICTURE_DESK = r"(?:[A-Z][\w.]*(?: [A-Z][\w.]*){0,2} (?:News|TV|Photos?|Images|Pictures))"
OUTLET_PHOTOGRAPHER = re.compile(rf"^.{{10,300}}\((?-i:{_PICTURE_DESK}|Reuters|AP|AFP|Getty Images|Bloomberg|Supplied)"
                                 r": (?-i:[A-Z][a-z'’-]+(?: (?:[A-Z][\w'’-]+|van|de|von)){1,2})\)$", _I)
OUTLET_PHOTOGRAPHER_WORDS = ("news:", "tv:", "photo:", "photos:", "images:", "pictures:", "reuters:", "ap:", "afp:",
                             "bloomberg:", "supplied:")
