"""Inline noise: pieces cut out of a line whose sentence stays.

Publishing tools put exchange tags and quote widgets inside sentences ("Vanguard (NYSE:VGD)",
"The Solana SOL -1.20% network"), pages glue "Read more: <headline>" clauses, date labels and podcast
promotions into paragraphs, and scrapers glue sentences together ("guidance.The company"). The line
stays; the piece goes, with its reason (the cleaner's inline repairs, ``_repair``, apply these).
Whole noise lines are ``_noise``'s.
"""

from __future__ import annotations

import re

from ._credits import CONVERSION_NOTE_TEXT, CREDIT, WIRE_AGENCIES
from ._injection import Span

# An exchange tag put after a company's name by a publishing tool: "Vanguard (NYSE:VGD)", "(Nasdaq: ACME, TSX: AC)".
# (Asian exchanges' codes are numbers: "(BSE: 500209)")
_LISTING = (r"(?:[A-Z]{2,12}|Nasdaq(?:GS|GM|CM)?|Xetra)\s?:\s?\$?[A-Z][A-Za-z0-9.-]{0,9}"
            r"|(?:BSE|NSE|HKEX|SEHK|HKG|TSE|TYO|SGX|KRX|KOSDAQ|SZSE|SSE|TWSE)\s?:\s?\d{3,6}(?:\.[A-Z]{1,2})?")
# A listing named by a market's name and a symbol with its country ("(London Stock Exchange: VOD-GB)", "(:METSO-FI)"),
# or an index's symbol ("(^STOXX)").
_COUNTRY_LISTING = r"(?:[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+){0,3})?\s?:\s?[A-Z0-9.]{1,10}-[A-Z]{2}"
# A Reuters instrument code: "(7203.T)", "(VOD.L)", "(RELI.NS)".
_RIC = r"[A-Z0-9]{1,6}\.[A-Z]{1,2}"
# A symbol with the list the company is on, as one news site tags names: "Apple (AAPL, Fortune 500)".
_RANKED = r"[A-Z]{1,5}(?:\.[A-Z])?,\s?Fortune (?:500|1000)"
# A research site's symbol and its link to a report: "MercadoLibre (MELI - Free Report)"
_FREE_REPORT = r"[A-Z]{1,5}(?:\.[A-Z])?\s?[-–]\s?Free Report"
# A wire's instrument code whose links the scrape dropped: "General Electric (GE.N: )", "the FTSE 100 (.FTSE: )".
_BARE_CODE = r"\.?[A-Z0-9]{1,8}(?:\.[A-Z]{1,2})?:\s?"
# The same tag with the quote's change after it: "Volkswagen AG (DE:VOW3) -3.72% dropping 2.7%" (the change goes
# too, and the space after it, or none when the scrape glued the next word on: "-3.72%dropping")
LISTING_CHANGE = re.compile(rf"\((?:{_LISTING})\)\s?[+\-−]\d{{1,3}}\.\d{{2}}%\s?")
TICKER_TAG = re.compile(
    rf"\s?\((?:{_LISTING}(?:\s?[,;]\s?{_LISTING})*|{_COUNTRY_LISTING}|\^[A-Z0-9]{{2,10}}|{_RIC}|{_RANKED}"
    rf"|{_BARE_CODE}|{_FREE_REPORT})\s?\)")  # (a space before the bracket: "(NYSE: $C )")
# The time a story was posted, in brackets after its first sentence: "... on Friday (7.47am UAE time)."
POSTED_TIME = re.compile(r"\s?\((?:\d{1,2}[.:]\d{2}\s?(?:[ap]\.?m\.?)?\s?(?:[A-Z]{2,4}|local)|\d{4}\s?(?:GMT|UTC))"
                         r"(?: time)?\)")
# A wire's story number after a sentence ("... jobless claims. [ID:nN15325702]"), and its codes for other pages
# ("U.S. stocks [.N]", "oil prices [O/R]", "[GOL/]")
WIRE_STORY_ID = re.compile(r"\s?\[(?:ID:\s?n[A-Z0-9]{6,14}|\.[A-Z]{1,6}|[A-Z]{1,8}/[A-Z]{0,8})\]")
# A wire's code for a rate or a currency inside a sentence: "the 7-day repo rate IDCBRR=ECI at 6.25%", "rupiah IDR="
# (at a line's end too, and with digits: "... at $1.2095. GBP=D3", "the 10-year yield US10YT=RR")
RIC_CODE = re.compile(r" [A-Z][A-Z0-9]{1,9}=(?:[A-Z0-9]{1,4})?(?=[\s,.;)]|$)")
# A call to get in touch after a paragraph's last sentence: "... the different options. Contact us today to discuss
# this."
TRAILING_CONTACT = re.compile(r"(?<=[.!?\"”’])\s+(?:Contact|Call|Email) us (?:today|now)\b[^.!?]{0,60}[.!]\s*$")
# A publishing tool's shortcode the page printed instead of running: "[ads1]", "[ad_2]", '[ccpw id="5"]'
SHORTCODE = re.compile(r"\s?\[(?:[a-z]+_?\d+|[a-z][a-z0-9_-]*(?:\s+[a-z_-]+=(?:\"[^\"\]]*\"|\d+))+)\]")
# A quote widget inside a sentence: "iRobot (IRBT -3.50%)", "The Solana SOL -1.20% network", "MSFT, +0.31% said",
# "BTC/USDT$ (0.00%)". The widget's number has two decimals and a sign; the sentence goes on after it, or the next
# one begins (a widget at a sentence's end often took the full stop's place: "... Average DJIA, -0.53% The firm").
QUOTE_WIDGET = re.compile(
    r"\s?\(\s?[A-Z]{1,6}(?:\.[A-Z]{1,2})?,?\s?[+\-−]\d+\.\d{2}%\s?\)"
    r"|\s(?<=[A-Za-z.,)]\s)(?:[A-Z]{2,6}(?:\.[A-Z])?|[A-Z]{3,10}\d{1,3}[A-Z]?),?\s[+\-−]\d+\.\d{2}%"
    r"(?=,?\s[a-z]|\s[A-Z][a-z])"
    r"|\s?\b[A-Z]{2,6}/[A-Z]{2,6}\$?\s?\(\s?[+\-−]?\d+\.\d{2}%\s?\)"
    # a quote link's address left before its symbol: "Unilever's stock /zigman2/quotes/204685760/composite UL +2.44%"
    r"|\s?/[\w-]+(?:/[\w-]+)*/\d{5,}/[a-z]+\s+(?:[A-Z]{2}:)?[A-Z0-9.]{1,8}\s+[+\-−]\d+\.\d{2}%"
    # a symbol or a pair with its price and change, or an arrow and change, inside a sentence: "Acme ACME 212.40 -8.7%
    # fell", "closed at $14.62 ACME ▼14.00% , giving", "The dollar AUD/USD 0.6488 ▼0.6% slipped"
    r"|(?<=[\w.,)])\s(?:[A-Z]{2,6}|[A-Z]{3}/[A-Z]{3})\s(?:[$€£¥]?\d[\d,]*\.\d+\s)?(?:[+\-−]|[▲▼]\s?)\d+\.\d\d?%"
    r"(?:\s+(?=[,;])|(?=\s+[a-z]))"  # (inside a sentence: not a strip of such quotes, "... -1.84% · NASDAQ ...")
)
# A credit in brackets inside or after a paragraph: "(Image credit: Getty Images)", "(Reporting and editing by Jane
# Roe)", "(Additional reporting by ...; Editing by ...)". The paragraph stays.
BRACKET_CREDIT = re.compile(r"\s?\((?i:(?:image|photo|picture|pic)s?(?: credit)?\s?:)[^()]{1,200}\)")
BRACKET_BYLINE = re.compile(
    r"\s?\((?i:(?:additional )?reporting (?:by|and (?:editing|writing) by)|writing by|editing by)[^()]{1,200}\)")
# The source of a paragraph in brackets after its last sentence: "... rose 0.4%. (Indo Premier)", "... it said. (AFP)"
# (up to four words in capitals, nothing after them on the line), or a wire's name and a partner's initials after a
# slash: "(Reuters/NAN)" (a photographer's "(Jane Roe/The Press)" is a caption's credit: the caption goes whole).
TRAILING_SOURCE = re.compile(r"(?<=[.!?\"”’])\s\((?:(?:[A-Z][\w&'’.-]*)(?: (?:[A-Z&][\w&'’.-]*|of|de))*"
                             rf"|(?:{WIRE_AGENCIES}) ?/ ?[A-Z]{{2,8}})\)\s*$")
# A web address alone between two sentences, pasted where a video was embedded: "... wanted to have.
# https://www.example.com/watch?v=abc Whether or not ..." (the sentences stay).
BARE_LINK = re.compile(r"(?<=[.!?\"”’])\s+https?://[^\s<>\"]+(?=\s+[\"“]?[A-Z]|\s*$)")
# A call to visit a site after a paragraph's last sentence: "... over the past year. Visit MarketWatch.com for more
# information on this news."
TRAILING_VISIT = re.compile(
    r"(?<=[.!?\"”’])\s+(?i:please )?(?i:visit|go to|head (?:over )?to|check out|log on to)\s+(?:https?://|www\.)?"
    r"[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|co\.uk|co|io|in|news)\b[^.!?,]{0,120}[.!]?\s*$"  # (a comma: a quote)
)
# A button after a paragraph's last sentence, with the question that leads to it: "... Curious to dive deeper into
# the decision? LEARN MORE" (a button's words in capitals).
TRAILING_BUTTON = re.compile(
    r"(?<=[.!?\"”’])\s+(?:[A-Z][^.!]{0,200}?\s)?(?:LEARN MORE|READ MORE|FIND OUT MORE|SIGN UP NOW|SUBSCRIBE NOW"
    r"|CLICK HERE)\s*[>»]?\s*$"
    r"|(?<=[.!?\"”’])\s+[^.!?]{0,80}\b(?i:click|tap) to (?i:expand|enlarge|zoom|view|play)\W*$")  # "Live chart: ..."
# A labelled credit after a paragraph's last sentence: "... on May 2. Picture: Jane Roe © Harbour Post", "... Source:
# TradingView". Only the credit goes: which sentence before it is the caption's, words cannot tell.
TRAILING_CREDIT = re.compile(
    r"(?<=[.!?\"”’])\s*(?:Picture|Pic|Photo|Photograph|Image|Source|Chart|Graphic|Illustration)s?(?: credit)?\s?:\s?"
    r"[A-Z][\w.'’-]*(?: [A-Z&][\w.'’&-]*)*(?:\s?[©/]\s?[A-Z][\w.'’&-]*(?: [A-Z&][\w.'’&-]*)*)?\s*$")
# A "Read more" clause set in brackets or between dashes inside a sentence: "... (read more: US prices cool in June)",
# "The committee voted 5-1 — also read: What a rate pause means for you — to hold the rate" (the sentence stays whole).
READ_MORE_ENCLOSED = re.compile(
    r"\s?\((?i:see|read) (?:the |our )?(?:related|full) (?:story|stories|article|report)(?: here)?\.?\)|"
    r"\s?\((?i:read more|also read|read also|see also|related)\s?:[^()]{1,150}\)"
    r"|\s[—–]\s?(?i:read more|also read|read also|see also|related)\s?:[^—–\n]{1,150}?\s?[—–](?=\s)"
)
SEE_OR_READ = re.compile(r"\((?:see|read) ", re.IGNORECASE)  # READ_MORE_ENCLOSED's note, in any case: its pre-check
# What follows a note glued before a paragraph: the paragraph, eight words at least (a short rest is a label).
_PARAGRAPH_FOLLOWS = r"(?=[A-Z\"“](?:\S*\s+){7}\S)"
# A date label glued to the start of a paragraph ("date 2023-05-02 Stocks closed lower ..."), a wire's name opening
# it ("(Reuters) - "), or a short headline in words alone ("Fed Lifts Rates a Quarter Point"; a label is shorter)
DATE_PREFIX = re.compile(
    r"^\s*(?:(?:(?i:date|published|updated|posted)\s*:?\s*)?\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?"
    r"|(?i:date)\s*:?\s*\d{4}-\d{2})\s+"  # (the scrape's label, at times with its day left out: "date 2018-11 ")
    + "(?:" + _PARAGRAPH_FOLLOWS.replace("[A-Z", "[(A-Z", 1) + r"|(?=[A-Z][\w'’$%-]*(?: [\w'’$%.-]+){3,7}$))"
)
WIRE_LEAD_REACH = 40
SIGNOFF_REACH = 16
# A wire story's sign-off in its writers' initials after the last sentence: "... ended the week higher. jmb/cs"
TRAILING_SIGNOFF = re.compile(r"(?<=[.!?\"”’])\s+(?:bur-)?[a-z]{2,4}(?:/[a-z]{2,4}){1,3}\s*$")
# A kicker glued before a headline or a lead: "Breaking News Stocks end mixed ...", "BREAKING: ..."; and stray
# marks before a paragraph: "| - The Dow finished lower ...", ": Acme shares jump ..." (a site's name lost before it)
KICKER_LEAD = re.compile(r"^\s*(?:(?i:breaking news)\s?[:|–-]?|(?:BREAKING|JUST IN)\s?[:|–-])\s+(?=[A-Z])")
# a section's tag: "[THE MARKETS] Shares closed lower ..."
# A briefing's label before a paragraph, in the newsletters' short style: "Why it matters: ...", "Driving the news:
# ...", "What we don't know: ...", "Background: ..." (the sentence stays; a speaker's name before a colon is no label)
BRIEF_LABELS = ("Why it matters", "Driving the news", "The big picture", "Between the lines", "The bottom line",
                "Bottom line", "What we know", "What we don't know", "What we don’t know", "What's next", "What’s next",
                "What they're saying", "What they’re saying", "Background", "The backstory", "By the numbers",
                "State of play", "Zoom in", "Zoom out", "Yes, but", "Flashback", "Reality check", "The other side",
                "The intrigue", "What to watch", "Catch up quick", "Go deeper", "Our thought bubble", "Be smart")
BRIEF_LABEL = re.compile(rf"^\s*(?:{'|'.join(map(re.escape, BRIEF_LABELS))}):\s+(?=[A-Z\"“])")
TAG_LEAD = re.compile(r"^\s*\[[A-Z][A-Z &'-]{2,20}\]\s" + _PARAGRAPH_FOLLOWS)
MARKS_LEAD = re.compile(r"^\s*[|:]\s?[-–—]?\s" + _PARAGRAPH_FOLLOWS)
# An image's slug glued before the lead: "microsoft12121Microsoft posted strong results ..."
SLUG_LEAD = re.compile(r"^\s*[a-z]+[-_]?\d{4,}" + _PARAGRAPH_FOLLOWS)
# A wire's topic slug and dateline before the lead: "BI RATE - JAKARTA. Indonesia's central bank held ..."
WIRE_SLUG_LEAD = re.compile(r"^\s*[A-Z][A-Z0-9&' ]{1,30} - [A-Z][A-Z ]{2,30}\.\s+" + _PARAGRAPH_FOLLOWS)


def may_open(text: str, raw: str) -> bool:
    """Whether one of the opening rules (kicker, tag, marks, image slug, wire slug) may take the start of a line
    (``text``: the line stripped): looked for only in a page's first lines, not in the whole text."""
    first = text[:1]
    if first in "|[:":
        return True
    if first.islower():
        return SLUG_LEAD.match(raw) is not None
    return first.isupper() and (text.startswith(("Breaking", "BREAKING", "JUST IN")) or
                                (" - " in text[:_WIRE_SLUG_REACH] and WIRE_SLUG_LEAD.match(raw) is not None))


_WIRE_SLUG_REACH = 36
# An editor's note glued before the lead: "This story has been updated with the chair's remarks. The central bank ..."
# (only "This story/article ...": "The report was updated in March ..." is news about another text)
EDITOR_NOTE_LEAD = re.compile(
    r"^\s*This (?:story|article|report|post|piece) (?:has been|had been|was|is being) "
    r"(?:updated|corrected|amended)\b[^.!?]{0,150}[.!]\s+" + _PARAGRAPH_FOLLOWS
)
# A section label glued before the lead: "(Close): Shares ended ...", "Earnings ReportACME CORP said ..." (a label
# in title case run into a name in capitals: the break between them lost). A long sentence must follow. A label of
# one word counts only before a name of two words in capitals: one word and capitals is a name of its own
# ("CoinFLEX is the latest ...", "CoinDCX said ...").
LEAD_LABEL = re.compile(
    r"^\s*(?:\([A-Z][a-z]+(?: [a-z]+)?\)\s?:\s?|(?:[A-Z][a-z]{2,} ){1,2}[A-Z][a-z]{3,}(?=[A-Z]{3,}[\s,.'’])"
    r"|[A-Z][a-z]{3,}(?=[A-Z]{3,} [A-Z])|UPDATE ?\d{1,2}[.:]\d\d ?(?:[ap]\.?m\.?)? ?: ?)"  # ("UPDATE 1.55pm: ...")
    r"(?=[A-Z\"“](?:\S*\s+){10}.*[.!?][\"”’)]?$)"
)
# A wire's name left at the start of the lead when the page dropped the city before it: "(Reuters) – Inflows into
# ..." (a long sentence must follow).
WIRE_LEAD = re.compile(
    rf"^\s*\((?:{WIRE_AGENCIES})\)\s?[-—–]{{1,2}}\s?{_PARAGRAPH_FOLLOWS}"
    # or a news service's name, with a dash ("(Sharecast News) - UK electrical retailer ...") or, in capitals, without
    # ("(MENAFN) Japanese equities closed ...")
    rf"|^\s*\((?:[A-Z][A-Za-z&.]*(?: [A-Z][A-Za-z&.]*){{0,2}} (?:News|Newswire|Wire|Press)|[A-Z]{{3,8}})\)\s?"
    rf"[-—–]{{1,2}}\s?{_PARAGRAPH_FOLLOWS}"
    rf"|^\s*\([A-Z]{{4,8}}\)\s{_PARAGRAPH_FOLLOWS}"
    # a site's name ending in its domain, with a dash: "Investing.com-- Japan's Nikkei ..."
    rf"|^\s*[A-Z][A-Za-z]+\.com\s?(?:--|[—–])\s?{_PARAGRAPH_FOLLOWS}"
)
# A wire's header run into the lead: its note on the version ("(Adds detail.) "), its writers "Of" the service ("By
# Jane Roe and Sam Li Of DOW JONES NEWSWIRES "); the dateline after them stays, as a dateline does
_WIRE_NOTE = r"\((?i:adds|updates|recasts|corrects|refiles)\b[^()]{0,60}\)\s+"
_WIRE_WRITERS = (r"By [A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,2}(?:,? and [A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,2})?"
                 r" Of (?:[A-Z][A-Z&]+ ){0,3}(?:NEWSWIRES?|NEWS|WIRE)\s+")
WIRE_HEADER_LEAD = re.compile(rf"^\s*(?:{_WIRE_NOTE}(?:{_WIRE_WRITERS})?|{_WIRE_WRITERS})"
                              + _PARAGRAPH_FOLLOWS.replace("[A-Z", "[(A-Z", 1))
# A reporter's e-mail address in brackets after a paragraph's last sentence: "... after weak data. (jane@example.com)"
TRAILING_EMAIL = re.compile(r"(?<=[.!?\"”’])\s\(\s?[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s?\)\s*$")
# The site's appeal glued before the lead: "Your support makes all the difference.The FTSE 100 ..." (a long sentence
# must follow).
APPEAL_LEAD = re.compile(
    rf"^\s*Your (?:support|donations?|contributions?)\b[^.!?\"“]{{0,80}}[.!]\s*{_PARAGRAPH_FOLLOWS}")
# A sign-up form's consent run into the next paragraph: "By continuing you agree to our Terms and Privacy
# Policy.Underlying earnings rose ..." (a long sentence must follow).
CONSENT_VERBS = r"(?:continuing|signing up|subscribing|clicking|registering)"
_CONSENT = rf"By {CONSENT_VERBS}"
CONSENT_LEAD = re.compile(
    rf"^\s*{_CONSENT}\b[^.!?]{{0,120}}\b(?:[Tt]erms|[Pp]rivacy)\b[^.!?]{{0,60}}\.\s*{_PARAGRAPH_FOLLOWS}")
# A wire's photo caption run into a paragraph: "... costs jumped 10%. FILE PHOTO: Workers rest in front of ...
# March 2, 2016. REUTERS / Jane Roe The conglomerate ..." (up to the agency's credit).
FILE_PHOTO_INLINE = re.compile(
    r"(?:(?<=[.!?\"”’)])\s+|^\s*)FILE (?:PHOTO|PICTURE|IMAGE)\s?:\s.{10,300}?"
    r"\b(?:REUTERS|Reuters|AFP|AP|Bloomberg)\s?/\s?[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,2}(?=\s+[A-Z\"“]|\s*$)")
# A caption credited after a dash, as a Malaysian site prints it, run into the story's lead: "People walk past the
# mall, March 15, 2014. — Reuters picABU DHABI, Jan 8 — Dubai stocks ..." (up to the credit).
PIC_CREDIT_LEAD = re.compile(r"^\s*[A-Z][^.!?]{10,300}[.!?]\s[—–-]\s?[A-Z][\w.]*(?: [A-Z][\w.]*)? "
                             r"(?:pic|photo)(?=[A-Z]|\s+[A-Z\"“])")
# A wire's exchange-rate note inside or after a paragraph: "... 1.43 trillion rupees. ($ 1 = 73.9750 Indian rupees)"
CONVERSION_INLINE = re.compile(rf"(?<=[.!?\"”’)])\s?{CONVERSION_NOTE_TEXT}")
# A wire's credits after the last sentence: "... rose 9.8%. Reporting by Jane Roe in Bengaluru; Editing by Sam Li"
TRAILING_WIRE_CREDITS = re.compile(
    r"(?<=[.!?\"”’)])\s+(?:Reporting|Report|Additional reporting) by [A-Z][^;.!?]{2,120};\s?"
    r"(?:Editing|Edited|Writing) by\b[^.!?]{0,120}$")
# The reporters and the site credited in a clause at a sentence's end: "..., write Jane Roe and Sam Li on
# site.co.uk." (the sentence keeps its stop).
_NAME = r"[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,2}"
TRAILING_WRITERS = re.compile(rf",\s(?:writes?|reports?) {_NAME}(?:(?:,| and) {_NAME})* (?:on|for|at|in) "
                              r"(?:[\w-]+\.)+(?:com|co\.uk|net|org|co|io)(?=\.?\s*$)")
# A wire's end mark after the story's last sentence: "... 22.95 billion U.S. dollars). Enditem", "... said. (END)"
END_MARKS = ("Enditem", "ENDITEM", "EndItem", "(END)", "(Ends)")
# ... or the wire's name after a dash: "... are overvalued. — Reuters"
WIRE_NAMES = tuple(WIRE_AGENCIES.split("|"))
TRAILING_END_MARK = re.compile(rf"(?<=[.!?\"”’)])\s+(?:{'|'.join(map(re.escape, END_MARKS))}"
                               r"|END \[(?:Copyright|©)[^\[\]]{2,80}\]"  # "... yen. END [Copyright Jiji]"
                               rf"|[—–] ?(?:{WIRE_AGENCIES}))\s*$")
# "X is <Outlet>'s podcast ..." with the one-word teaser sentences before it: a promotion inside the lead.
PROMO_SENTENCE = re.compile(
    r"(?:\b[A-Z][a-z]+\.\s){0,4}[A-Z][^.!?]{0,80}\b(?:is|are) (?:our|[A-Z][\w’']{0,30}['’]s) "
    r"(?:podcast|newsletter)\b[^.!?]{0,150}[.!?]"
)
_READ_MORE_MARK = re.compile(r"(?i:read more|also read|read also|now read|see also|related|recommended)\s?[:|→]\s?")
# Whether _READ_MORE_MARK is in a line, found from the colon or the bar (a pattern that starts with words is tried
# at every position: the mark is looked for only in a line that has one)
_READ_MORE_AT_MARK = re.compile(
    r"[:|→](?:(?<=(?i:read more|also read|read also)[:|→])|(?<=(?i:read more|also read|read also)\s[:|→])"
    r"|(?<=(?i:recommended)[:|→])|(?<=(?i:recommended)\s[:|→])"
    r"|(?<=(?i:now read|see also)[:|])|(?<=(?i:now read|see also)\s[:|])"
    r"|(?<=(?i:related)[:|])|(?<=(?i:related)\s[:|]))")
_CLAUSE_OPENS = ".!?\"”’)"  # what may stand before a "Read more" clause (a space between allowed)
_QUOTED = re.compile(r"[\"“‘'][^\"”’']{3,200}[\"”’']\.?")
_CLAUSE_END = re.compile(r"[.!?][\"”’]?(?=\s|$)")
_WORD = re.compile(r"\S+")
_STARTERS = frozenset(("The", "A", "An", "It", "Its", "This", "That", "These", "Those", "He", "She", "They", "We", "I",
                       "In", "On", "At", "But", "And", "As", "After", "Before", "While", "When", "Shares", "Investors",
                       "Analysts", "Meanwhile", "However", "Earlier"))
_READ_MORE_MAX = 200


class _ReadMoreFinder:
    """An inline "Read more: <headline>" clause. The headline ends at its closing quote, or where a new
    sentence starts without a full stop ("... bad debts Chief financial officer ..."), or at a sentence or
    line end when what runs there is short or in title case. Otherwise nothing is cut (when in doubt, keep)."""

    def search(self, text: str) -> Span | None:
        mark = _READ_MORE_MARK.search(text) if _READ_MORE_AT_MARK.search(text) else None
        while mark is not None:
            start = self._clause_start(text, mark.start())
            end = self._headline_end(text, mark.end()) if start is not None else None
            whole_line = end == len(text) and not text[:mark.start()].strip()
            if start is not None and end is not None and not whole_line:  # a whole line is READ_MORE's
                return Span(start, end)
            mark = _READ_MORE_MARK.search(text, mark.end())
        return None

    @staticmethod
    def _clause_start(text: str, at: int) -> int | None:
        """Where the clause starts (with the space before it): at the line's start or after a sentence."""
        if at == 0 or text[at - 1] in _CLAUSE_OPENS:
            return at
        if text[at - 1] == " " and (at == 1 or text[at - 2] in _CLAUSE_OPENS):
            return at - 1
        return None

    @staticmethod
    def _headline_end(text: str, start: int) -> int | None:
        quoted = _QUOTED.match(text, start)
        if quoted:
            return quoted.end()
        words = list(_WORD.finditer(text, start, min(len(text), start + _READ_MORE_MAX)))
        for before, word, after in zip(words, words[1:], words[2:], strict=False):
            if _sentence_starts(before.group(), word.group(), after.group()):
                return before.end()
        end = _CLAUSE_END.search(text, start)
        end_at = end.end() if end is not None else len(text)
        return end_at if end_at - start <= _READ_MORE_MAX and _headline_like(text[start:end_at]) else None


_MONTHS_AND_DAYS = frozenset(("January", "February", "March", "April", "May", "June", "July", "August", "September",
                              "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday",
                              "Friday", "Saturday", "Sunday"))
_SMALL_WORDS = frozenset(("a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "with", "by", "and", "or",
                          "as", "vs", "is", "are"))
_HEADLINE_MAX_WORDS = 15


def _sentence_starts(before: str, word: str, after: str) -> bool:
    """Whether a sentence starts at word: after a lower-case word (not one that leads into a name, as "in"),
    a sentence starter ("The"), or a capitalised word followed by a lower-case one ("Chief financial")."""
    if before.rstrip("%").replace(",", "").replace(".", "").isdigit():
        return word in _STARTERS  # "... lowest since 2022 The two-year yield fell ..."
    if not (before.islower() or before in _MONTHS_AND_DAYS) or not before[-1:].isalpha():
        return False  # (a headline may end on a month or a day: "... sold 12,400 coins in October Trading volume")
    if word in _STARTERS:
        return True
    return before not in _SMALL_WORDS and word[:1].isupper() and word[1:].islower() and after[:1].islower()


def _headline_like(clause: str) -> bool:
    words = clause.split()
    if len(words) <= _HEADLINE_MAX_WORDS:
        return True
    big = [word for word in words if word.lower() not in _SMALL_WORDS]
    return sum(word[:1].isupper() for word in big) >= 0.6 * len(big)


READ_MORE_INLINE = _ReadMoreFinder()

_SIGNED_PERCENT = re.compile(r"[+\-−▲▼]\s?\d{1,3}\.\d\d?%")


class QuoteWidgetFinder:
    """QUOTE_WIDGET, searched only in a text with its figure's decimals and per cent sign (it starts with a space or a
    capital letter, which the regex engine tries at nearly every position)."""

    def search(self, text: str) -> re.Match[str] | None:
        return QUOTE_WIDGET.search(text) if _DECIMAL_PERCENT.search(text) else None


_DECIMAL_PERCENT = re.compile(r"\.\d\d?%")  # in each of QUOTE_WIDGET's alternatives ("-1.20%", "▼0.6%")


def may_have_widget(raw: str) -> bool:
    return "%" in raw and ("(" in raw or "/" in raw or bool(_SIGNED_PERCENT.search(raw)))


class TrailingCredit:
    """TRAILING_CREDIT, but not on a short caption line with its credit ("A wafer fab in Arizona. Image: Getty
    Images"): the line rule takes that whole line (``_credits.CREDIT``)."""

    def search(self, text: str) -> re.Match[str] | None:
        match = TRAILING_CREDIT.search(text)
        if match is None or (len(text.strip()) <= _CREDIT_LINE_MAX and CREDIT.match(text.strip())):
            return None
        return match


_CREDIT_LINE_MAX = 150  # the longest caption line ``_credits.CREDIT`` takes whole


class NotWhole:
    """A pattern's match, unless it is the whole line (a whole line of noise is a line rule's, with its reason)."""

    def __init__(self, pattern: re.Pattern[str] | TrailingCredit) -> None:
        self.pattern = pattern

    def search(self, text: str) -> re.Match[str] | None:
        match = self.pattern.search(text)
        return match if match is not None and text[:match.start()].strip() + text[match.end():].strip() else None
