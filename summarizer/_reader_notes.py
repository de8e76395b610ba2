"""The page talking to its reader rather than telling the story: calls to action, comment boxes, subscription
pitches, live blogs signing off, notes about the article itself, other stories offered, disclaimers.

Whole-line patterns, each for one of ``_noise``'s rules (which names the reason and the pre-filter words). Each
needs a shape a story's sentence does not have: the reader addressed about the site, a button's words, the
article named as such.
"""

from __future__ import annotations

import re

from ._page_residue import OWNER_NOTE_TEXT, SYNDICATED_NOTE_TEXT
from ._rule_filter import Ways

_I = re.IGNORECASE

# A disclaimer, a risk warning or a disclosure: the site's words about what the story is not
DISCLAIMER = re.compile(
    r"^(disclaimer|legal disclaimer|risk warning|risk disclosure|disclosure|editorial disclaimer)\s*[:：.—-]"
    r"|(does not|do not|doesn't|should not) (constitute|represent|be (considered|construed) as) "
    r"(financial|investment|legal|tax)( or \w+)? advice"
    r"|for (general )?informational (and educational )?purposes only|\b(is|are) provided for information only\.?$"
    r"|\bforward-looking statements? within the meaning\b|^this (press )?release contains forward-looking statements"
    r"|the (views|opinions) (and opinions )?expressed (here|in this article|herein)"
    r"|\bpositions? in (any of )?the (securities|stocks|shares|companies) mentioned\b"
    r"|not (financial|investment) advice\b"
    r"|\b\d{1,2}(\.\d+)?% of retail (investor |cfd |client )?accounts (lose|lost) money\b"
    r"|\bnewsletter services have recommended\b|^[\w .&'’-]{2,60} has a disclosure policy\.?$"
    r"|\bwe (may )?(earn|receive) (an |a small )?(affiliate )?commission\b"  # an affiliate site's disclosure
    # a broker's risk warning: "Important information: The value of investments can go down as well as up ..."
    r"|\bthe value of (your |an )?investments? (and (any|the) income from (it|them) )?(can|may) (go down|fall)\b"
    # who owns the site, in brackets after the story: "(Acme Media is the publisher of Acme.com.)"
    rf"|^{OWNER_NOTE_TEXT}$",
    _I,
)
DISCLAIMER_FOUND = Ways(DISCLAIMER, [  # a word each of its ways holds
    ("disclaimer", "risk warning", "disclosure"), (" advice",), ("informational",), ("provided for information only",),
    ("within the meaning",), ("forward-looking statement",), (" expressed ",), (" mentioned",), (" advice",),
    ("% of retail",), ("newsletter services have recommended",), (" has a disclosure policy",), ("commission",),
    ("value of",), (" publisher of", " owner of", " parent of", " parent company of")])

# A call to action on a line of its own: "... Watch the video here.", "... click here to read the live blog",
# "More Tools Register for FREE" (a button's words: no full stop, which a sentence about registering would have).
CALL_TO_ACTION = re.compile(
    r"\b(click|tap) here( (to|for)\b|\s*[.!:]?$)"
    r"|(?-i:\b(LEARN MORE|READ MORE|FIND OUT MORE|SIGN UP( NOW)?|SUBSCRIBE( NOW)?|CLICK HERE|DOWNLOAD NOW|JOIN NOW))"
    r"\s*[.!>»]?$"
    r"|\b(watch|listen to|see) (the|this|our|it)( full)?( video| interview| podcast| episode| replay)? here\s*[.!]?$"
    r"|\b(register|sign up|subscribe)(( here| now| today)( for free)?| for free)$"
    r"|^[^.!?]{0,80}\b(click|tap) to (expand|enlarge|zoom|view( larger)?|play)\W*$"
    r"|^[^.!]{0,120}\bget started( today| now)?\s*[›>»]?$"
    # the site selling to its reader: "Register for our course: big discounts for early bird.", "Join our syndicate
    # and co-invest ...", "... opens registrations.", "Contact us today ...", "... click the link below to send us an
    # enquiry", "With Channel 7, you can watch the news for free, anywhere."
    r"|(^|[.?!]\s)(register|sign[- ]?up|enrol|enroll|join)\b(?! to (continue|keep) reading)[^.!?]{0,160}"
    r"\b(free|discounts?|early bird|co-invest|"
    r"edition)\b|\bopens registrations?\.?$|^contact us (today|now)\b[^.!?]{0,60}[.!]?$|\bclick (on )?the link below\b"
    r"|^with [^,]{2,40}, you can (watch|receive|stream|listen to)\b[^.!?]{0,80}\b(for free|every (morning|day|week)"
    r"|anywhere)\b"
    # the site's own page offered for more: "Keep an eye on The Ledger money page for the latest updates."
    r"|^(keep an eye on|stay tuned to|keep checking|bookmark) (the |our )?[^.!?]{1,60}\b(page|site|website|app|blog"
    r"|channel|feed)\b[^.!?]{0,40}\bfor (the )?(latest|more|further|all the)\b[^.!?]{0,40}[.!]?$",
    _I,
)
# A button's words on a line of their own: "Go to Alpha Reviews", "Uncover SCENE", "Explore Markets ›" (a verb that
# sends the reader elsewhere, then a name of at most four words in title case, and no sentence end; after "visit" or
# "explore", an arrow too: "Visit Florida CEO Resigns" is a headline).
_BUTTON_NAME = r"(?i:the |our |all )?[A-Z][\w'’&.-]*(?: [A-Z][\w'’&-]*){0,3}\s*"
BUTTON = re.compile(rf"^(?:(?i:go to|uncover|browse) {_BUTTON_NAME}[›>»→]?|(?i:visit|explore) {_BUTTON_NAME}[›>»→])$")
# A call to visit a web address on a line of its own: "Head over to https://... for our live rate tracker."
VISIT_ADDRESS = re.compile(r"^(?!.*, )(please )?(visit|go to|head (over )?to|check out|log on to)\s+(https?://|www\.)\S+"
                           r"[^.!?]{0,120}[.!]?$", _I)  # (a clause after a comma: a sentence that quotes someone)
# A live blog signing off: "This concludes our live markets blog for the week, see you on Monday."
SIGN_OFF = re.compile(
    r"^(that'?s (it|all)|this (concludes|wraps up)|we('re| are| will)? (now )?(wrap(ping)?|clos(e|ing)|end(ing)?|"
    r"conclud(e|ing))( up)?)\b"
    r"(?=.{0,260}\b(be back|back (on|tomorrow|next|later)|see you|thanks?|for today|for now)\b)"  # a goodbye
    r".{0,60}\b(live ?blog|blog|live coverage|coverage|edition|live updates)\b[^.!?]{0,160}[.!]?$",
    _I,
)
# A live blog's last post naming the blog as the outlet's own, whatever follows it in the same paragraph (a pointer
# to other pages, a recap of what the blog reported): "We’re wrapping up our live blog coverage now, but you can
# read ... here. To recap, ...", "Thanks for following our rates live blog"
BLOG_WRAP_UP = re.compile(
    r"^(we(['’]re| are| will)? (now )?(wrap(ping)?|clos(e|ing)|end(ing)?|paus(e|ing)|conclud(e|ing))( up)?"
    r"|this (concludes|wraps up|ends)|thanks? (you )?for (following|reading|joining us (on|for))) "
    r"(our|this|today['’]s) ([\w'’-]+ ){0,4}(live ?blog|live coverage|live updates)\b.{0,900}$",
    _I,
)
# A quote site's watchlist box: "Want to see how this story relates to your watchlist?", "Just add items to create a
# watchlist now:", "or Cancel Already have a watchlist? Log In"
WATCHLIST = re.compile(r"^[^.!]{0,60}\b(your watchlist|create a watchlist|add (items|it|this|them) to (a |your )?"
                       r"watchlist|have a watchlist)\b[^.!]{0,40}$", _I)
# The comment box's furniture: "Loading comments...", "Please sign in, subscribe
# or register to comment on this story.", "Comments are disabled for this story."
COMMENTS = re.compile(
    r"^(please )?(wait while we load|loading) (the )?(latest )?comments\b\W*$"
    r"|^(please )?(register|subscribe|log ?in|sign ?in|sign up)((,| or|, or) (register|subscribe|log ?in|sign ?in|"
    r"sign up))* to (comment|post a comment|reply|join the (discussion|conversation))( on this (article|story|post))?"
    r"\W*$"
    r"|^comments? (are|is|have|has)( been| not| now){0,3} (closed|disabled|enabled|turned off)"
    r"( (for|on) this (article|story|post|page))?\W*$"
    r"|^(be the first to comment|leave a (comment|reply)|post a comment|join the (conversation|discussion)|"
    r"(view|show|load|hide) (all )?comments|no comments( yet)?)\W*$"
    r"|^(note:\s?)?only (a )?(members?|registered users?|team members?) of this (blog|site|forum) (may|can) post "
    r"(a )?comments?\W*$"
    r"|^your email address will not be published\.?( required fields are marked \*?)?\W*$"
    r"|^(comment|commenting|community) (guidelines|policy|rules)\s*:"
    # the comment box's etiquette: "Be respectful, keep it civil and stay on topic."
    r"|^(please )?be (respectful|civil|kind)(,| and) (keep it civil|stay on topic)( and (stay on topic|keep it civil))?"
    r"\W*$",
    _I,
)
# Another story offered, under a label or not: "Go further: Listen to Jane Roe's interview about ...", "Read our full
# coverage ..." (a line with a figure or a clause after a comma stays: it may be the story's own)
READ_ELSEWHERE = re.compile(
    # an aggregator's note sending the reader to the source: "Chosen excerpts by <Site>. Read the whole story at
    # <headline> | <Source>." (a headline may carry a figure)
    r"^((?i:chosen |selected )?(?i:excerpts?|curated|via|source)\b[^.!?]{0,60}\.\s)?(?i:read|see) the (?i:whole|full"
    r"|complete|original|rest of the|rest of this) (?i:story|article|post) (?i:at|on) (?!.*,\s)[^!?]{0,200}$|"
    r"^(?!.*\d)(?!.*, )([A-Z][\w'’-]*( [\w'’-]+){0,3}\s?:\s?)?"
    r"(?i:read|listen to|watch) ((?i:our|the|this|his|her|their)|"
    r"([A-Z][\w.'’-]*\s){0,3}[A-Z][\w.-]*['’]s) (full |latest |earlier |related |recent |in-depth )?"
    r"(report|story|article|piece|coverage|analysis|interview|explainer|column|podcast)\b[^!?]{0,200}$"
)
# The site talking to its reader about itself rather than about the story: comment rules, subscription pitches, terms
# agreed by signing up, "Join our Telegram channel", "... in our detailed article". Both are needed: a word of the
# site's own business (comments, subscriptions, journalism, accounts, policies, its channels and articles) or the site
# pitching as "we" to "you", whatever it sells ("We do the analysis, you get the alpha!", "Join us next week ...
# Secure your seat."); and the reader addressed ("you", "your", "please", "our", "we", or a button's imperative first);
# and every sentence of the line is about the site or speaks to the reader (but one short aside between two that do),
# so a news sentence with a notice glued after it stays. A quotation, reported speech ("said", "told") or a figure of
# the story keeps the line ("Our subscribers grew 8%," the chief executive said).
_SITE_TALK = re.compile(
    r"\b(comments?|commenting|subscri(be|bing|ption|ptions)|journalism|newsletters?|registered users?|your account"
    r"|an account|log ?in|logged in|sign ?in|terms of (service|use)|privacy policy|community guidelines"
    r"|comment (policy|data)|ad-free|spam|telegram|whatsapp|live ?stream|(ethics|editorial) (policy|standards)"
    r"|follow us|google news|watchlist|keep you (updated|posted|informed)|(keep|stay) up to date|stay informed"
    r"|before you go|since you['’]re here|your (support|donations?|contributions?)|donat(e|ing|ions?)|paywalls?"
    r"|our reporting"
    r"|(quality|independent) journalism|journalists"
    r"|this (site|website)"
    r"|(this|our) (detailed |full )?(article|story|app|channel|analys[ie])s?|our (apps?|readers|coverage))\b",
    _I,
)
_READER = re.compile(r"\b(you|your|please|our|we|we've|we're|(?-i:us|Us))\b|^(join|support|learn more|follow|curious)\b"
                     r"|^be (respectful|civil|kind),"
                     r"|\blearn more$", _I)
# What makes "we" and "you" a pitch rather than a letter to shareholders or an explainer's advice ("We think you
# should hold the stock."): a call to the site opening the line ("Join us", "Subscribe", "Book your seat"), an
# exclamation, working "with us", an event or a service "for you", a teaser ending "for you...".
_PITCH = re.compile(r"^(\.{3}|…)?\s?(join us|meet us|subscribe|sign up|register|(book|reserve|secure) your)\b|!\s*$"
                    r"|\bwith us\b|\bfor you\s*(\.{3}|…)\s*$"
                    r"|\b(events?|campaigns?|services|solutions|offers|deals) for you\b", _I)
_WE = re.compile(r"\b(we|our|ours|we['’](re|ve|ll|d)|(?-i:us|Us))\b", _I)  # (not "US", the country)
_YOU = re.compile(r"\b(you|your|yours|you['’](re|ve|ll|d))\b", _I)
_STORY = re.compile(r"[\"“”]|\b(said|says|told|added|wrote|according to)\b"
                    r"|\d[\d,.]*\s?(%|percent|per cent|million|billion|bn|m\b)", _I)  # the story's words and figures
_STORY_FOUND = Ways(_STORY, [('"', "“", "”"), ("said", "says", "told", "added", "wrote", "according to"), ()])
_SENTENCES = re.compile(r"(?<=[.!?])\s+(?=[\"“]?[A-Z])")


class _ReaderNotice:
    """READER_NOTICE.match: a line of 8 to 400 characters addressed to the reader about the site (see above)."""

    def match(self, text: str) -> bool:
        if not 8 <= len(text) <= 400 or _STORY_FOUND(text) or not _READER.search(text) or not (
                (_YOU.search(text) and _WE.search(text) and _PITCH.search(text)) or _SITE_TALK.search(text)):
            return False  # (the site's words last: the slowest search, a third of the time)
        parts = _SENTENCES.split(text)
        other = [index for index, part in enumerate(parts) if not (_SITE_TALK.search(part) or _READER.search(part))]
        # one short sentence between two that are the notice's, going on about them, is its own ("They cannot be
        # abusive or personal.")
        return not other or (len(other) == 1 and 0 < other[0] < len(parts) - 1 and
                             len(parts[other[0]].split()) <= _ASIDE_WORDS and bool(_ASIDE.match(parts[other[0]])))


_ASIDE_WORDS = 8
_ASIDE = re.compile(r"(They|It|This|These|That|Those|We|You)\b")


READER_NOTICE = _ReaderNotice()


# The page's note about the article itself: "This article is more than 10 years old", "This story is developing",
# "This article is part of our series on ..." (a short line; a figure of the story's keeps it).
ARTICLE_NOTICE = re.compile(
    r"^((editor['’]?s )?note\s?:\s?)?this (article|story|post|page|piece|content|report|section( below| above)?"
    r"|update|entry) (is|was|has been|first|originally)\b(?!.*[%$€£¥])[^.!?]{0,120}[.]?$"
    r"|^this is a breaking news update\.( [^.!?]{1,30}['’]s earlier story (follows|is) below\.)?$"  # (a wire's note)
    # about how the page was made: "Note: This content adheres to ... and removes promotional links ..."
    r"|^((editor['’]?s )?note\s?:\s?)?this (article|post|page|content) (adheres|follows|may contain|contains|uses"
    r"|includes)\b[^.!?]{0,80}\b(affiliate|sponsored|promotional|editorial|guidelines|polic(y|ies)|links|generated"
    r"|ai|artificial intelligence|republished|reproduced)\b[^.!?]{0,80}[.]?$"
    rf"|{SYNDICATED_NOTE_TEXT}"  # a syndicated copy's note
    # a wire's or an editor's note: "Updated with comments from the chief financial officer in paragraph five."
    r"|^(update\s?\([^()]{3,40}\)\s?:\s?)?(updated|updates|corrected|corrects|adds|recasts) (with|to (add|include|"
    r"correct|show)|throughout|context|details|comments?)\b"
    r"(?!.*[%$€£¥])[^.!?,]{0,150}[.]?$"
    # the page's age: "This was published 14 years ago"
    r"|^this (article |story |page )?was (first )?published \d{1,2} (years?|months?|weeks?|days?) ago\.?$"
    # "— This story will be updated with the company's closing price later today."
    r"|^([—–-] ?)?this (article|story|post|report) will be updated\b[^!?]{0,160}[.]?$"
    # a developing story's marker at its end: "More to come . . .", "More to follow.", "This is a developing story."
    r"|^(more (details |information |updates )?to (come|follow)|more soon|(this is a )?developing story)\s?(\.\s?){0,3}"
    r"…?$"
    # "- Developing… check back for updates." (a dash before it at times)
    r"|^[—–-] ?(this is a )?developing( story)?\s?(…|\.{1,3})?\s?((please )?check back (later |soon )?"
    r"for (more |further )?updates\.?)?$"
    # "This is breaking news. Please check back for updates."
    r"|^(this is (a )?breaking( news)?( story)?\.\s?)?please check back (later |soon )?for (more |further )?"
    r"updates\.?$",
    _I,
)
# Reading the rest costs a registration, a subscription or a trial: "Register to continue reading — it's free.
# Already registered? Sign in.", "Start a trial: four weeks for €1, then €69 a month."
PAYWALL = re.compile(
    r"\b(register|subscribe|sign in|log in|sign up)\b[^.!?]{0,40}\bto (continue|keep) reading\b"
    r"|\bto (continue|keep) reading\b[^.!?]{0,40}\b(register|subscribe|sign in|log in|sign up)\b"
    r"|^(start|begin|try) (a|your|our) (free )?trial\b.{0,200}$"
    r"|^cancel (any ?time|whenever you like)\W*$"
    # "This is premium stuff. Subscribe to read the entire article."
    r"|\b(subscribe|register|sign up|log in|sign in) to (read|access|unlock) (the|this) (entire|full|whole|rest of the)"
    r" (article|story|piece)\b",
    _I,
)
# Where a page lists its story's topics or tags: "RELATED TOPICS: banking / economy, ...", "Filed under: ...",
# "More news releases in similar topics: ..."
TOPICS = re.compile(
    r"^([—–-] ?)?(related topics|topics|tags|tagged|filed under|categories|category|more (news )?releases in similar "
    r"topics)"
    r"\s*[:：]\s*(?=[^.!?]*[,/|·;])[^.!?]{1,200}$",  # (items, split by commas or slashes: no clause)
    _I,
)


NEWSLETTER = re.compile(
    r"^(sign up|subscribe|get|join|don't miss|never miss|stay (informed|updated|ahead|in the loop)|want)\b.{0,200}"
    r"\b(newsletters?|inbox|subscribe|sign up|subscribers?|briefing)\b"
    r"|\bnewsletters?\b.{0,200}\b(sign up|subscribe|subscribing|inbox)\b"
    r"|\b(sign up|subscribe)\b.{0,200}\bnewsletters?\b"
    r"|^(subscribe (now|today)|already a subscriber\??|sign in|log in)\b"
    # an invitation to the site's news: "Sign up for smart news and analysis on the day's biggest stories."
    r"|^(sign up|subscribe)( now| today)? (for|to get|to receive)\b[^.!?]{0,120}\b(news|stories|analysis|insights)\b"
    r"|^get (the|our) [\w' ]{2,40}: one (e-?mail|newsletter)"
    r"|\b(one|a|our) (e-?mail|newsletter),? every (day|weekday|morning|week)"
    r"|^please (select|choose) at least one (mailing list|newsletter|list)\b"
    # a call to the reader, at the line's start (after "For more news like this, " at most): a story's sentence about
    # notifications has its subject first
    r"|^(for [^.]{0,60}, )?(please )?(opt[- ]?in|sign up|subscribe|turn on|enable|allow)\b.{0,30}"
    r"\bpush notifications?\b",
    _I,
)


def newsletter(text: str) -> bool:
    """NEWSLETTER.search, unless the line reports what someone said ("Kite Media said readers who sign up for its
    paid newsletter rose 40% ..."): a box's offer ("50% off") is no story."""
    return NEWSLETTER.search(text) is not None and _REPORTS.search(text) is None


_REPORTS = re.compile(r"\b(said|says|told|according to)\b")


class _NewsletterBox:
    """NEWSLETTER_BOX.match: a sign-up box flattened into one line, of any length up to 800 characters: four or more
    of a box's phrases ("Sign up for free ... Newsletters Get the latest ... delivered straight to your inbox ... By
    submitting above, you agree to our privacy policy. Success! ... confirm your email address"). A story about a
    newsletter business names two or three of them at most."""

    words = ("newsletter", "inbox")
    _CUES = ("newsletter", "inbox", "privacy policy", "confirm your email", "by submitting", "your email address",
             "sign up for", "unsubscribe at any time", "terms of service")

    def match(self, text: str) -> bool:
        if len(text) > 800:
            return False
        lower = text.lower()
        return sum(cue in lower for cue in self._CUES) >= 4


NEWSLETTER_BOX = _NewsletterBox()
NEWSLETTER_EXACT = re.compile(r"^(subscribe( now)?|sign up( now| today)?|enter your email( address)?)$", _I)
COOKIE = re.compile(
    r"\b(we use cookies|this (site|website) uses cookies|cookie (policy|settings|preferences)|"
    r"accept (all )?cookies)\b|^(accept( all)?|reject( all)?|manage (preferences|cookies|settings)|got it)$"
    r"|^cookies on (the )?[\w .'’&-]{2,60} (website|site)$",
    _I,
)


# The outlet describing itself: "The leader in news on digital assets since 2016, X is an independent media outlet
# editorially separate from its owners.", "X is an independent media house free from political ties ...". A
# quotation, reported speech or a figure of the story keeps the line (a story about a news outlet being sold).
_OUTLET_SELF = re.compile(
    r"\bis an? (independent|leading|trusted|award-winning)?,? ?(digital |online |financial |business )?"
    r"(media|news) (outlet|house|organi[sz]ation|publication|platform|brand|site|website|publisher|company|entity)\b"
    r"|\beditorially (independent|separate)\b|\bfree (from|of) (political|outside|corporate) (ties|influence)\b"
    r"|^editorial standards\b"
    r"|\bhow (we|[A-Z][\w&'’ -]{1,40}) (verif(y|ies)|fact-checks?) (its|our) (reporting|stories)\b"
    r"|\bthe leader in news (on|about)\b"
    # a science network's review badge: "This article has been reviewed according to X's editorial process ..."
    r"|\breviewed according to [\w .'’&-]{2,60} editorial (process|polic(y|ies))\b"
    r"|^editors have highlighted the following attributes\b",
    _I,
)


_ABBREVIATION = re.compile(r"[\"“][A-Z]{2,6}[\"”]")  # the outlet's short name in quotes ("also known as “CNL”")
_NOT_A_YEAR = re.compile(r"(?<![\d,.])(?!(19|20)\d\d\b)\d")  # a number of the story ("40,000 readers"); a year is not


class _OutletNotice:
    """OUTLET_NOTICE.match: a line of at most 400 characters where the outlet describes itself (see above); every
    such line has one of ``words`` (lower-cased)."""

    words = ("media ", "news ", "editorial", "political ", "outside ", "corporate ", "verif", "fact-check")

    def match(self, text: str) -> bool:
        return (len(text) <= 400 and _OUTLET_SELF.search(text) is not None  # ("reviewed according to": no source)
                and not _STORY_FOUND(_ABBREVIATION.sub("", text).replace("reviewed according to", "reviewed by"))
                and not _NOT_A_YEAR.search(text))


OUTLET_NOTICE = _OutletNotice()
# An audio player's notes: "Audio generated automatically. Pronunciation may differ.", "Listen to this article 5:02".
AUDIO_PLAYER = re.compile(
    r"^(this )?(audio|narration|voice-?over|the audio version)\b[^.!?]{0,60}\b(is |was )?(generated|created|produced"
    r"|read|narrated)\b[^.!?]{0,40}\b(automatically|by (an? )?(ai|artificial intelligence|computer|synthetic voice)"
    r"|text-to-speech)\b.{0,80}$"
    r"|^pronunciation(s)? may (differ|vary)\W*$"
    r"|^\W{0,3}listen to (this|the) (article|story)( now)?\W*(\d{1,2}:\d{2}(\s?/\s?\d{1,2}:\d{2}| min(utes)?)?)?\W*$",
    _I,
)
# A media player's or a list's status line: "We apologize, but this video has failed to load.", "Your browser does
# not support the video tag.", "Loading more articles..."
_SORRY = r"((we['’]re|we are) sorry|we apologi[sz]e|sorry),? (but )?"
MEDIA_STATUS = re.compile(
    rf"^({_SORRY})?this (video|audio|clip|player) (has failed to load"
    r"|failed to load|is (not |un)available|can ?not be played|could not be (loaded|played))\W*$"
    r"|^your browser does not support (the )?(html5 )?(video|audio)( tag| element| player)?\W*$"
    # "We're sorry, this feature is currently unavailable. We're working to restore it. Please try again later."
    rf"|^{_SORRY}this (feature|content|widget|service) is "
    r"(currently |temporarily )?(not |un)available\.(\s*(we['’]re|we are) working to (restore|fix) (it|this)\.)?"
    r"(\s*please try again( later)?\.)?$"
    r"|^loading( more)?( articles| stories| posts| news| content| results| videos)?\s?(\.{3}|…)?$",
    _I,
)
# The site selling its other pages, with no phrase of its own: "Catch the latest stock market updates here.", "Get
# latest articles and stories on World at Sitename.", "For all other news related to business, visit Sitename.com."
SITE_PROMO = re.compile(
    r"^(catch|get|read|follow|find)( all)?( the)? latest\b[^.!?]{0,100}?\b(here|(on|at) (?-i:[A-Z])[\w.]*"
    r"( (?-i:[A-Z])[\w.]*)?)\s?[.!]?$"
    r"|^(for (all )?(the )?(other |more |latest )?[^.!?]{0,120}?,? )?(visit|log on to|head to|go to) [\w-]+(\.[\w-]+)*"
    r"\.(com|in|net|org|co|news|io|sg|au|uk)(\.[a-z]{2})?\s?[.!]?$"
    # a newsletter offered by its name: "Stay up to date with recent funding rounds, acquisitions, and more with the
    # Ledger Daily." (the scrape may cut it off after the name's first word)
    r"|^stay (up to date|up-to-date|informed|in the know|on top of|ahead)\b[^.!?]{0,160}\bwith (the |our )"
    r"(?-i:[A-Z])[\w&.’'-]*( (?-i:[A-Z])[\w&.’'-]*){0,3}[.!]?$"
    # the outlet's own running coverage: "Follow our live coverage of the rate decision and the market reaction."
    r"|^(follow|catch up (on|with)) (all )?our (full |ongoing |latest )?(live )?(coverage|blog|live ?blog"
    r"|updates|live updates)\b[^!?]{0,140}[.!]?$"
    # an alerts sign-up's pitch: "Get breaking news alerts and special reports. The news and stories that matter,
    # delivered weekday mornings."
    r"|^get (breaking )?news alerts\b[^!?]{0,160}$",
    _I,
)
# A press release's dial-in details: "The company will host a conference call today at 5:00 p.m. ET. Dial
# 1-888-555-0147 ... conference ID 2410." A call with no number to dial or code to enter is the story's ("On a
# conference call with analysts, the chief executive said ...").
_CALL = re.compile(r"\b(conference call|webcast|earnings call|investor call|teleconference)\b", _I)
_DIAL_IN = re.compile(
    r"\b(dial(-| |ing )?in|dial|passcode|pass code|conference id|access code|participant code|toll[- ]free"
    r"|replay (will|of the call)|register (in advance|online|here))\b"
    r"|\+?\(?\d{1,3}\)?[ .-]\d{3}[ .-]\d{3,4}[ .-]?\d{0,4}",  # a telephone number
    _I,
)


class _DialIn:
    """DIAL_IN.match: a line of at most 700 characters naming a call (or webcast) and how to join or replay it; every
    such line has one of ``words`` (lower-cased)."""

    words = ("conference call", "webcast", "earnings call", "investor call", "teleconference")

    def match(self, text: str) -> bool:
        return len(text) <= 700 and _CALL.search(text) is not None and _DIAL_IN.search(text) is not None


DIAL_IN = _DialIn()
# A forum's or comment thread's furniture: "Post# of 617763", "jdoe_42 · 3h ago — saw this coming ... Reply · 18
# likes".
FORUM = re.compile(
    r"^post\s?#\s?(\d+\s)?of \d[\d,]*\W*$"
    r"|^@?[\w.-]{2,30} · \d{1,2}\s?(s|m|h|d|min|mins|hr|hrs|hours?|days?) ago\b.{0,300}$"
    r"|\breply · \d+ (likes?|upvotes?)\W*$",
    _I,
)
