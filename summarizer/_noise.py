"""The shapes of noise in scraped news, one named reason each.

Each rule matches a whole (stripped) line of a shape article prose does not have: short widget captions, banners,
credits, boilerplate openings. Length caps keep a rule from swallowing a real paragraph that happens to share a word.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from ._credits import (
    AGENCY_ALONE,
    APPEARED_ON,
    AUTHOR_BIO,
    BYLINE,
    CAPTION_CREDIT,
    CONVERSION_NOTE_TEXT,
    COPYRIGHT,
    CREDIT,
    DELAYED_QUOTE,
    NAMED_CREDIT_CAPTION,
    OUTLET_PHOTOGRAPHER,
    OUTLET_PHOTOGRAPHER_WORDS,
    REPORTERS_IN,
    SYNDICATION,
    labelled_credit,
)
from ._datelines import (
    DATED_CAPTION,
    DATELINE,
    PLACE_DATE,
    PLACE_DATE_STARTS,
    PLACE_DATE_WORDS,
    SOURCE_AGO,
)
from ._reader_notes import (
    ARTICLE_NOTICE,
    AUDIO_PLAYER,
    BLOG_WRAP_UP,
    BUTTON,
    CALL_TO_ACTION,
    COMMENTS,
    COOKIE,
    DIAL_IN,
    DISCLAIMER_FOUND,
    FORUM,
    MEDIA_STATUS,
    NEWSLETTER_BOX,
    NEWSLETTER_EXACT,
    OUTLET_NOTICE,
    PAYWALL,
    READ_ELSEWHERE,
    READER_NOTICE,
    SIGN_OFF,
    SITE_PROMO,
    TOPICS,
    VISIT_ADDRESS,
    WATCHLIST,
    newsletter,
)
from ._rule_filter import SEGMENTS, AnyRule, ByLength, Plans, Step, first_segment, has_any, odd_case

_I = re.IGNORECASE

# Headings after which everything is a list of other stories.
TAIL_HEADING = re.compile(
    r"^(you m(ay|ight) also like|more for you|related( articles| stories| news| posts| coverage)?|also in the news|"
    r"read more|read next|also read|read also|more to read|recommended( for you| stories| articles)?|trending( now|"
    r" stories| news| this week)?|more (news|stories|articles) from .{1,40}|latest (news|stories)|popular (posts|"
    r"stories)|more from .{1,40}|"
    r"more on this (story|topic)|more (in|on) (?-i:[A-Z][\w&'’-]*(?: (?:[A-Z&][\w&'’-]*|&)){0,2})|most (read|popular|"
    r"viewed|shared)( from (?-i:[A-Z]).{1,40})?|editor'?s picks?|editors?['’]?s?['’]? (picks?|recommendations|choice)"
    r"|(recommended|further|related|suggested) reading|you (may|might) be interested in|what to read next"
    r"|article sources|"
    r"hot (this week|right now|stories|topics)|don'?t miss|(about )?the author|author|about the (writer|reporter))"
    r"\s*:?$", _I)

TEASER_MARK = re.compile(r"\[…\]|\[\.\.\.\]|…|\.\.\.(\s*(?i:read more|continue reading|more))?$")
TEASER_SPLIT = re.compile(r"\[…\]|\[\.\.\.\]|…|\.\.\.\s*(?i:read more|continue reading|more)$")

HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(\s[^<>]{0,300})?/?>|<!--.{0,300}?-->")
SOCIAL_INLINE = re.compile(
    r"\s*pic\.twitter\.com/\w+"
    r"|\s*https?://t\.co/\w+"
    r"|\s*[—–-]\s*[^—–()\n]{1,80}\(@\w{1,30}\)\s+[A-Z][a-z]+\.? \d{1,2}, \d{4}\s*$"
)

READ_TIME = re.compile(
    r"^(\d{1,3}\s*(min|mins|minutes?)( read)?|reading time:?\s*\d{1,3}\s*(min|mins|minutes?)"
    r"|listen to (this )?(article|story)( \(?\d{1,3}:?\d{0,2} ?(min|mins|minutes)?\)?)?)$",
    _I,
)

AD = re.compile(
    r"^(advertisement|advertisment|sponsored|sponsored content|sponsored post|partner content|promoted|ad|"
    r"paid (post|content)|story continues below( advertisement)?|scroll to continue( with content)?)\s*:?\s*$"
    r"|^(sponsored( content)?|partner content|promoted|advertisement)\s*[:|—–·-]\s*.{1,200}$"
    r"|advertise (in|with|on) \w|^get seen where it counts"
    # unlabelled promotions: a short call to action selling something
    r"|^(try|upgrade to|trade|download|get|open|start|claim|unlock|join|switch to|sign up for)\b[^.!?]{0,100}"
    r"\b(free|premium|pro|commission|trial|discount|bonus|app|trading account|membership|zero fees|no fees|"
    r"cfds?|spreads)\b[^.!?]{0,40}[.!]?$"
    r"|^(try|start|get) [^.!?]{0,60}\bfree for \d{1,3} (days|weeks|months)\b.{0,150}$"
    r"|^(your first (week|month|year) is free|never miss (a|another) [\w ]{1,30}|capital (is )?at risk)\.?$"
    # a platform's head count as a call to join it: "Start here. Join 2.9M Acme users around the world!"
    r"|(^|[.!?]\s+)join (over |more than |the )?[\d.,]+\s?[KMkm]?\+? ([\w'’-]+ ){0,3}"
    r"(users|members|traders|investors|readers|subscribers)\b[^.!?]{0,60}[.!]?$"
    r"|^claim (the|this|your) (offer|bonus|reward)s?( (on|at|from|via|with) \w[\w.&' -]{1,40})?( now| today| here)?"
    r"[.!]?$",  # "Claim the offer on <Exchange>."
    _I,
)
AD_LABEL = re.compile(r"^(sponsored|sponsored content|partner content|promoted|paid (post|content))\s*:?$", _I)

CONVERSION_NOTE = re.compile(rf"^{CONVERSION_NOTE_TEXT}$")  # on a line of its own
# A wire's photo caption: "FILE PHOTO: Workers rest in front of ... March 2, 2016. REUTERS/Jane Roe"; AP's, two
# sentences at most, and its credit: "FILE - Traders work ... (AP Photo/Jane Roe, File)"; "A file photo of ... Reuters"
FILE_PHOTO = re.compile(r"^(FILE PHOTO|FILE PICTURE|FILE IMAGE)\s?:\s?\S.{10,400}$|^FILE ?[-–—] ?[A-Z].{10,700}$"
                        r"|^(?i:an? file (photo|photograph|picture|image) (of|shows|taken|dated)) [^!?]{3,300}[.]\s*"
                        # the credit, its photographer's name in capitals before the agency at times: "JANE ROE / EPA"
                        r"([A-Z][A-Z.'-]+( [A-Z][A-Z.'-]+){0,3} ?/ ?)?"
                        r"(Reuters|REUTERS|AFP|AP|Bloomberg|Getty Images|EPA|File)\b[^.!?]{0,40}$"
                        # a picture said to illustrate: "Image used for illustrative purposes. An oil worker climbs ..."
                        r"|^(?i:(image|photo|picture)s? (used )?(is )?for (illustrat\w+|representation\w*) purposes?"
                        r"( only)?)\.\s?.{10,500}$")

_TICKER_WORDS = (
    r"(usd|eur|usdt|24h|24h vol(ume)?|vol\.? 24h|market cap|live price chart|price chart|market opportunity|"
    r"market snapshot|market data|live prices?|top movers|price index)"
)
# Each number is an atomic group: once one is read it is never split again, so a long run of digits that ends in
# something else fails at once instead of trying every way to cut the run into numbers (exponential before).
_NUMBERS_LINE = r"^(?>[+-]?\s?[$€£¥]?\s?\d[\d,]*(\.\d+)?\s?[KMBT%]?\s?)+$"
_TICKER_NAMES = (
    r"^[A-Z]{3,5},?$"
    rf"|^{_TICKER_WORDS}(\s*[:|]\s*[+-]?[$€£¥]?[\d.,]+\s?[KMBT%]?)?$"
    r"|^.{1,40} logo$"
    r"|^.{1,40} price\s*\([A-Z0-9]{1,10}\)$"
    r"|^.{1,40}\([A-Z0-9]{1,10}\)\s*(live )?price chart$"
    r"|^[A-Z0-9]{2,10}\s*[/-]\s*(USD|USDT|EUR|BTC)\s*[+-]?[$€]?[\d.,]*\s?%?$"
    r"|^[A-Z][A-Z0-9.]{1,9}\s?[▲▼↑↓]\s?[+-]?\d+(\.\d+)?%(\s[$€£¥]?\d[\d,.]*)?$"
    r"|^([A-Z][a-z]+ ){0,2}markets? (open|close)s? in( \d{1,2} (hrs?|hours?|mins?|minutes?))+$"  # a market's clock
)
TICKER_LINE = re.compile(f"{_NUMBERS_LINE}|{_TICKER_NAMES}", _I)
# A quick test first: _NUMBERS_LINE only gets the lines made of the characters it can match.
_NUMBER_CHARS = re.compile(r"[+\-\s$€£¥\d,.KMBT%]*", _I)
_TICKER_NAMES_LINE = re.compile(_TICKER_NAMES, _I)


def _ticker_line(text: str) -> bool:
    """TICKER_LINE.match, without the backtracking on lines that cannot be numbers."""
    return bool(TICKER_LINE.match(text) if _NUMBER_CHARS.fullmatch(text) else _TICKER_NAMES_LINE.match(text))

READ_MORE = re.compile(
    r"^(read more|also read|read also|see also|related(?: (?:news|stories|articles|reading|coverage|posts))?|more"
    r"|recommended|don't miss|must read|read next)"
    r"\s*[:：|»>—-]\s*.{1,200}$"
    r"|^read(\s*[:：|»>]|\s[—–-]\s)\s*.{1,200}$"  # "READ: <headline>" ("Read-across to ..." is prose)
    r"|^similar (news|stories|articles)\s*[:：]\s*.{1,200}$",  # its colon: "Similar stories — of ..." is prose
    _I,
)

_SOCIAL_WORD = (
    r"(share|shares|share this|share this (article|story|post)|share on \w+|"
    r"share( (current|this))?( (article|story|post))? via \w+|tweet|tweet this|facebook|twitter|x|"
    r"linkedin|email|e-mail|copy link|copy url|whatsapp|telegram|reddit|print|pinterest|flipboard|post|"
    r"comments?|save|bookmark|follow us( on \w+)?|link copied)"
)
SHARE = re.compile(  # (after an audio player's label, "LISTEN TO THIS STORY 3:12 SHARE THIS STORY Tweet Email")
    rf"^(listen to (this )?(article|story)\s*(\d{{1,2}}:\d{{2}}\s*)?)?"
    rf"((share|share this( article| story| post)?|follow us)( on)?\s*:\s*)?{_SOCIAL_WORD}"
    rf"(\s*[|·•,/]?\s*{_SOCIAL_WORD})*\s*$",
    _I,
)
SOCIAL_CHROME = re.compile(
    r"^(pic\.twitter\.com/\w+|view (this post )?on (x|twitter|instagram|threads)|"
    r"[—–-]\s*.{1,80}\(@\w{1,30}\)\s+[A-Z][a-z]+\.? \d{1,2}, \d{4}|"
    r"\d+(\.\d+)?[KM]? (likes|reposts|retweets|replies|views)( ·.*)?)$",
    _I,
)

# Page furniture: skip links (numbered too), menus, a video player's times run together ("VIDEO3:1203:12"), "-3-"
NAVIGATION = re.compile(
    r"^((\d\.\s)?(skip to (main |the |more )?(content|navigation|article|search|footer|menu|[\w.-]{2,12} sites)"
    r"\.?\s?\|?\s?){1,4}(help using this website\s?[-–|]?\s?)?(accessibility( statement| help)?)?"
    r"|skip navigation|(main )?menu|back to top|jump to \w+|(?:make|set) [\w .&'’-]{1,40}? (?:as )?your (?:home ?page"
    r"|start page)|video\s?(\d{1,2}:\d{2})+|[-—]\s?\d{1,2}\s?[-—]|you are here\s?:.{24,160})$",
    _I,
)


class _Rule(NamedTuple):
    """One line rule: the first rule that takes a line names its reason."""

    find: Callable[[str], object]
    reason: str
    longest: int  # longest line it may take
    # Words one of which the lower-cased line must contain: a cheap filter in front of the expensive search.
    words: tuple[str, ...] | None = None
    # What every line the rule can take starts with (a pattern, matched against the lower-cased line) or contains
    # (lower-case words): the pre-filter that lets most lines skip the rule's searches (see _whole and _rule_filter).
    # A start that matches the first piece of a line must match the whole line too (see line_reason): a piece
    # ends where a separator begins, so a start that looks at the end says so, as in "(?:$|\s+[·|•])".
    # Possessive repeats (++, *+) where giving characters back could not help make failing cheap.
    starts: str = "(?!)"
    contains: tuple[str, ...] = ()


_RULES: list[_Rule] = [
    _Rule(DATELINE.match, "dateline", 80,
          starts=r"\d|/|published|updated|posted|last|first|mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug"
                 r"|sep|oct|nov|dec|date|time"),
    _Rule(DATED_CAPTION.match, "dateline", 120, starts=r"date|published|updated|posted"),
    _Rule(PLACE_DATE.match, "dateline", 80, starts=PLACE_DATE_STARTS, contains=PLACE_DATE_WORDS),
    _Rule(READ_TIME.match, "read-time", 40, ("min", "read", "listen"), starts=r"\d|reading|listen"),
    _Rule(AD.search, "advertisement", 220,
          ("advert", "sponsor", "partner", "promot", "paid", "ad", "story", "scroll", "seen", "try", "upgrade",
           "trade", "download", "get", "open", "start", "claim", "unlock", "join", "switch", "sign", "first",
           "never", "capital"),
          starts=r"ad|sponsor|partner|promot|paid|story|scroll|get|try|upgrade|trade|download|open|start|claim"
                 r"|unlock|join|switch|sign|your|never|capital",
          contains=("advertise ", "join ")),
    _Rule(DISCLAIMER_FOUND, "disclaimer", 1200,
          ("disclaimer", "risk", "disclosure", "advice", "informational", "views", "opinions", "mentioned",
           "accounts los", "information only", "forward-looking", "recommended", "policy", "commission",
           "value of"),
          starts=r"disclaimer|legal|risk|disclosure|editorial",
          contains=("advice", "informational", "the views", "the opinions", " mentioned", "% of retail",
                    "information only", "forward-looking", "services have recommended", "disclosure policy",
                    "commission", "value of")),
    # [a-z] here is TICKER_LINE's [A-Z] once the line is lower-cased; "(" and " logo" are for the names of coins.
    _Rule(_ticker_line, "price-ticker", 60,
          starts=r"[+\-\s$€£¥\d]|[a-z]{3,5}+,?(?:$|\s++[·|•])|usd|eur|24h|vol|market|live|price|top"
                 r"|[a-z0-9]{2,10}+\s*+[/-]",
          contains=("(", " logo", "▲", "▼", "↑", "↓", "markets open in", "markets close in", "market opens in",
                    "market closes in")),
    _Rule(SHARE.match, "share-buttons", 240,
          starts=r"share|follow|tweet|facebook|twitter|x|linkedin|e-?mail|copy|whatsapp|telegram|reddit|print"
                 r"|pinterest|flipboard|post|comment|save|bookmark|link|listen"),
    _Rule(SOCIAL_CHROME.match, "social-chrome", 160,
          ("pic.", "view", "(@", "likes", "repost", "retweet", "replies", "views"),
          starts=r"pic\.|view|[—–-]|\d"),
    _Rule(READ_MORE.match, "read-more", 220, starts=r"read|also|see|related|more|recommended|don't|must|similar"),
    _Rule(SOURCE_AGO.match, "dateline", 60, ("ago",), contains=(" ago",)),
    _Rule(COOKIE.search, "cookie-banner", 700, ("cookie", "accept", "reject", "manage", "got it"),
          starts=r"accept|reject|manage|got it", contains=("cookie",)),
    _Rule(NEWSLETTER_EXACT.match, "newsletter", 40, starts=r"subscribe|sign up|enter"),
    _Rule(NEWSLETTER_BOX.match, "newsletter", 800, contains=NEWSLETTER_BOX.words),
    _Rule(newsletter, "newsletter", 280,
          ("newsletter", "subscri", "sign up", "sign in", "log in", "inbox", "briefing", "mail", "notification"),
          starts=r"sign|subscribe|get|join|don't|never|stay|want|already|log",
          contains=("newsletter", "mail", "notification")),
    _Rule(CAPTION_CREDIT.match, "image-credit", 320, contains=("photo", "image", "picture", " pic", "video")),
    _Rule(OUTLET_PHOTOGRAPHER.match, "image-caption", 340, contains=OUTLET_PHOTOGRAPHER_WORDS),
    _Rule(AGENCY_ALONE.match, "image-credit", 40,
          starts="the |associated|reuters|agence|afp|bloomberg|dow jones|press trust|kyodo|xinhua"),
    _Rule(DELAYED_QUOTE.match, "quote-widget", 180, ("delayed",), contains=("delayed",)),
    _Rule(NAMED_CREDIT_CAPTION.match, "image-caption", 340, contains=("/",)),
    _Rule(CREDIT.match, "image-credit", 150,
          contains=("image", "photo", "picture", "chart", "illustration", "graphic", "source")),
    _Rule(labelled_credit, "image-credit", 300, contains=("picture", "pic", "photo", "image", "credit")),
    # [a-z] here is AUTHOR_BIO's [A-Z] once the line is lower-cased.
    _Rule(AUTHOR_BIO.match, "author-bio", 800,
          starts=r"about the author|[a-z][\w.'-]*+(?: [a-z][\w.'-]*+){0,3} (?:is an?|is the|joined) |before joining"
                 r"|i am an? "
                 r"|he does|she does|they do|is (?:a|an|the) |[a-z][\w.'-]*+(?: [a-z][\w.'-]*+){1,2} writes "),
    _Rule(BYLINE.match, "byline", 260, starts=r"by|written|report|additional|edited"),
    _Rule(REPORTERS_IN.match, "byline", 160, contains=(" in ",)),
    _Rule(COPYRIGHT.match, "copyright", 100, starts=r"©|\(c\)|copyright|\?\s?\d"),
    _Rule(CONVERSION_NOTE.match, "editor-note", 60, starts=r"\(\s?[$€£¥₹]\s?1\s?="),
    _Rule(FILE_PHOTO.match, "image-caption", 720,
          starts=r"file(?: (?:photo|picture|image)\s?:| ?[-–—])|an? file "
                 r"|(?:image|photo|picture)s? (?:used |is )*for "),
    _Rule(SYNDICATION.match, "syndication", 400, ("appeared", "site.", "published", "created", "produced", "world"),
          starts="the post|the article|the story|(?:[•·*] ?)?this (?:article|story|post|content|piece)",
          contains=("is the world",)),
    _Rule(BUTTON.match, "call-to-action", 60, starts="go to |visit |explore |uncover |browse "),
    _Rule(CALL_TO_ACTION.search, "call-to-action", 200,
          ("here", "regist", "sign", "subscribe", "more", "download", "join", "click", "tap", "started", "enrol",
           "contact", "you can", "keep", "stay tuned", "bookmark"),
          contains=("here", "regist", "sign up", "sign-up", "subscribe", "learn more",
                    "read more", "find out more", "download now", "join", "click", "tap to", "get started", "enrol",
                    "contact us", "you can"), starts=r"keep an eye|stay tuned|keep checking|bookmark"),
    _Rule(NAVIGATION.match, "navigation", 180, starts=r"skip|\d\. skip|menu|main|back|jump|video|make|set|you are|-|—"),
    _Rule(VISIT_ADDRESS.match, "call-to-action", 240, ("http", "www."), starts=r"please|visit|go to|head|check|log on"),
    _Rule(SIGN_OFF.match, "sign-off", 280, ("blog", "coverage", "edition", "live"),
          starts=r"that|this|we"),
    _Rule(BLOG_WRAP_UP.match, "sign-off", 1000, ("live",), starts=r"this|we|thank"),
    _Rule(COMMENTS.match, "comments", 300, ("comment", "reply", "discussion", "conversation", "community", "email",
                                             "civil", "on topic"),
          starts=r"please|wait|loading|register|subscribe|log|sign|comment|be |leave|post|join|view|show|load|hide"
                 r"|your"
                 r"|no comment|community|note|only"),
    _Rule(ARTICLE_NOTICE.match, "editor-note", 280,
          starts="this|update|corrected|corrects|adds|recasts|more|developing|please check|note|editor|— this|– this"
                 "|- this|[—–-] ?developing",
          contains=("syndicated",)),
    _Rule(MEDIA_STATUS.match, "widget", 160, starts="we|sorry|this|your browser|loading"),
    _Rule(WATCHLIST.match, "widget", 110, ("watchlist",), contains=("watchlist",)),
    _Rule(SITE_PROMO.match, "promotion", 260, starts="catch|get|read|follow|find|for|visit|log on|head to|go to|stay"),
    _Rule(PAYWALL.search, "paywall", 300, ("reading", "trial", "cancel", "to read", "to access", "to unlock"),
          starts="start|begin|try", contains=("reading", "cancel", "to read", "to access", "to unlock")),
    _Rule(TOPICS.match, "navigation", 240,
          starts="(?:[—–-] ?)?(?:related topics|topics|tags|tagged|filed under|categor|more news releases|more "
                 "releases)"),
    _Rule(READER_NOTICE.match, "reader-notice", 400,
          contains=("comment", "subscri", "journalis", "support", "donat", "paywall", "our reporting", "newsletter",
                    "register", "account", "log in", "login", "analys",
                    "logged", "sign in", "signin", "terms of", "privacy", "guidelines", "ad-free", "spam", "telegram",
                    "whatsapp", "live stream", "livestream", "article", "story", "site", " app",
                    "channel", "readers", "coverage", "journalists", "policy", "standards", "follow us",
                    "google news", "watchlist", "up to date", "stay informed", "you")),
    _Rule(OUTLET_NOTICE.match, "reader-notice", 400, contains=OUTLET_NOTICE.words),
    _Rule(AUDIO_PLAYER.match, "audio-player", 240,
          starts=r"this|audio|narration|voice|the audio|pronunciation|listen|\W{1,3}\s?listen"),
    _Rule(DIAL_IN.match, "press-release", 700, contains=DIAL_IN.words),
    _Rule(FORUM.search, "comments", 400, starts=r"post|@?[\w.-]{2,30} · \d", contains=("reply · ",)),
    # [a-z] here is READ_ELSEWHERE's [A-Z] once the line is lower-cased (a label before a colon, or the verb)
    _Rule(READ_ELSEWHERE.match, "related-links", 260,
          ("report", "story", "article", "piece", "coverage", "analysis", "interview", "explainer", "column",
           "podcast", "post"),
          starts=r"read|listen|watch|see|[a-z][\w'’-]*+(?: [\w'’-]++){0,3}\s?:",
          contains=("read the whole", "read the full", "read the complete", "read the original", "read the rest")),
]

# Widget lines pack several pieces: "By X · Oct 3, 2025 · 3 min read", "Ad. Ad. Risk warning." (SEGMENTS)
_SEPARATOR = re.compile(r"\s[·|•]\s")


_ANY_RULE = AnyRule(_RULES)
_LONGEST = max(rule.longest for rule in _RULES)
_PIECES_MAX, _PIECES_SEPARATED = 600, 300  # a line of pieces is at most this long, and beyond this has separators
_ANY_LONG = ByLength(_RULES, _PIECES_SEPARATED)  # the same for the rules that take a line at least so long
_HINTS = [re.compile("|".join(map(re.escape, rule.words))) if rule.words else None for rule in _RULES]
_PLAN: list[Step] = [(rule.find, rule.reason, rule.longest, hint, re.compile(rule.starts).match, rule.contains)
         for rule, hint in zip(_RULES, _HINTS, strict=True)]
_PLANS = Plans(_PLAN, [rule.starts for rule in _RULES])  # the rules whose starts may match a line's first character


def _whole(text: str, lower: str | None = None) -> str | None:
    length = len(text)
    if length > _LONGEST:
        return None
    lower, odd = text.lower() if lower is None else lower, odd_case(text)
    for find, reason, longest, hint, starts, contains in _PLAN if odd else _PLANS.get(lower[:1]):
        if length > longest:
            continue
        if not (odd or (starts is not None and starts(lower)) or (contains and has_any(lower, contains))):
            continue  # the rule's pre-filter: none of its starts or words
        if (hint is None or hint.search(lower)) and find(text):
            return reason
    return None


def line_reason(text: str, lower: str | None = None) -> str | None:
    """The noise reason for a stripped line, or None when it may be article text (``lower``: the line lower-cased,
    when known).

    A line made of several pieces (separated by '·', '|' or sentence ends) is
    noise only when every piece is.
    """
    length = len(text)
    if length > _LONGEST:
        return None  # longer than any rule takes
    lower = text.lower() if lower is None else lower
    # long prose is never made of widget pieces alone: only the rules that take a line this long may take it
    alone = length > _PIECES_MAX or (length > _PIECES_SEPARATED and not (
        ("·" in text or "|" in text or "•" in text) and _SEPARATOR.search(text)))  # (what _SEPARATOR needs)
    if not (_ANY_LONG.get(length) if alone else _ANY_RULE).may_take(text, lower):
        return None  # prose
    reason = _whole(text, lower)
    if reason or alone:
        return reason
    boundary = first_segment(text)
    if boundary < 0:
        return None  # one piece
    head = text[:boundary].strip()
    if head and _whole(head) is None:
        return None  # the first piece is prose
    parts = [part for part in SEGMENTS.split(text) if part.strip()]
    if len(parts) < 2:
        return None
    first = None
    for part in parts:
        reason = _whole(part.strip())
        if reason is None:
            return None  # one piece of prose makes the line prose
        first = first or reason
    return first


def site_from(text: str) -> str | None:
    """The site a copyright line or a syndication footer names."""
    if len(text) > 300:
        return None
    match = COPYRIGHT.match(text) if text[:1] in "©(cC?" else None  # what COPYRIGHT can start with
    if match is None and "appeared" in text:
        match = APPEARED_ON.search(text)
    return match.group("site").strip() if match else None
