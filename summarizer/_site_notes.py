"""What a site says about itself, or asks its reader, on a line of its own beside the story: how it earns money from
its links, its editorial standards, that nothing it writes is advice, an acknowledgement of the land's owners, a
poll with its answers, a list of its other stories, a named newsletter's sign-up. ``_chrome`` asks ``site_note``
about each kept line. Whole lines only: a sentence of the story that mentions advice or standards is longer and
says something else."""

from __future__ import annotations

import re

_I = re.IGNORECASE

# "We may earn a commission when you buy through links on our site.", "<Site> may receive compensation for ..."
_AFFILIATE = re.compile(r"^(?:[^.!?]{3,160}[.!?] )?(?:we|(?-i:[A-Z])[\w&'’.-]*(?: (?-i:[A-Z])[\w&'’.-]*){0,3}) "
                        r"(?:may|might|could) (?:earn|receive|get|be compensated)\b(?: (?:a )?(?:small )?(?:commission"
                        r"|compensation|fee|share of (?:sales|revenue))\b)?[^!?]{0,160}\.?$"
                        # or a pitch ending with it: "Trade with Acme: a 10% discount with our link. We may receive a
                        # commission."; "This post may contain affiliate links. ..."
                        r"|^this (?:post|article|page|story) (?:may )?contains? affiliate links\b.{0,200}$", _I)
# "Our Standards: The <Wire> Trust Principles.", "<Wire>'s editorial standards: independent, impartial, ..."
_STANDARDS = re.compile(r"^(?:our standards\s?:[^!?]{3,100}"
                        r"|(?:the )?(?-i:[A-Z])[\w&'’ .-]{2,40} adheres to [^.!?]{0,60}\bstandards"
                        r"|[\w&'’ .-]{2,40}['’]s? editorial (?:standards|principles|guidelines|policy)\s?:[^!?]{3,120})"
                        r"\.?$", _I)
# "General advice warning: This information is general in nature ...", "Nothing in this article is investment
# advice. ...", "The <Site> newsroom operates independently from its advertising team. ..." (what follows on the
# line is more of the same)
_NO_ADVICE = re.compile(r"^(?:general (?:advice )?warning\s?:"
                        r"|nothing (?:in|on) this (?:article|story|post|page|site) (?:is|constitutes|should be)\b"
                        r"[^.!?]{0,40}\badvice\b"
                        r"|(?:the )?[\w&'’ .-]{2,40} newsroom (?:operates|works) independently (?:from|of) its "
                        r"(?:advertising|commercial|sales)\b"
                        # regulators' set warnings: India's on crypto, the UK's on high-risk investments, "capital
                        # at risk" on a UK investment page
                        r"|crypto (?:products|assets) and nfts are unregulated\b"
                        r"|(?:uk investors\s?:\s?)?don['’]t invest unless you['’]re prepared to lose all the money\b"
                        r"|capital at risk\b).{0,400}$", _I)
# "We acknowledge Aboriginal and Torres Strait Islander peoples as the First Australians and Traditional
# Custodians of the lands where we live, learn, and work."
_ACKNOWLEDGEMENT = re.compile(r"^we (?:acknowledge|pay (?:our )?respects? to) (?:the )?(?:aboriginal|traditional "
                              r"(?:owners|custodians)|first (?:nations|peoples|australians))\b.{0,300}$", _I)
# "POLL: Will carmakers recover by 2027?  ○ Yes  ○ No  ○ Not sure   [Vote]"
_POLL = re.compile(r"^(?:poll|quick poll|vote)\s?:.{3,160}\?\s*(?:[○◯☐□●]|\(\s?\)).{0,120}$", _I)
# "More from <Site>: <headline> · <headline>" (other stories, parted by dots or bars)
_MORE_FROM = re.compile(r"^(?i:more (?:from|on)) [A-Z][^:]{1,40}:\s.{3,200}\s[·|•]\s.{3,200}$"
                        r"|^(?i:more|top|other) (?i:headlines|stories|news)\s?:\s.{3,200}\s[·|•]\s.{3,200}$")
# An app's or a podcast's promotion: "Get live market updates on the <Site> app. Download now on Android & iOS",
# "On this week's <Show> podcast: ...? Listen on Spotify or Apple Podcasts."
_APP_OR_PODCAST = re.compile(r"^\W{0,3}(?:get|download|install|try)\b[^.!?]{0,120}\bapp\b.{0,120}\b(?:android|ios|app "
                             r"store|google play)\b.{0,40}$"
                             r"|^.{0,200}\blisten (?:on|via|at|wherever)\b[^.!?]{0,40}\b(?:spotify|apple podcasts|"
                             r"google podcasts|podcasts?)\b.{0,80}$", _I)
# "Subscribe to the <Newsletter> — weekly, in English and Japanese"
_NAMED_NEWSLETTER = re.compile(r"^(?i:subscribe|sign up) (?i:to|for) (?i:the|our) [A-Z][^.!?]{2,60}\s[—–-]\s"
                               r"[^.!?]{2,80}$")

# A local news site's rules for its comments, one a line: "Keep it Clean. Please avoid obscene, vulgar ...", "PLEASE
# TURN OFF YOUR CAPS LOCK.", "Don't Threaten. Threats of harming ...", "Be Proactive. Use the 'Report' link ..."
_COMMENT_POLICY = re.compile(r"^(?i:keep it clean|please turn off your caps lock|don['’]t threaten|be truthful|be nice"
                             r"|be proactive|share with us)[.!](?:\s.{0,160})?$")
# The site's note on an old page or on where to read more: "This is an archived article that was published on
# <site> in 2014, and information in the article may be outdated.", "It is provided only for personal research
# purposes and may not be reprinted.", "For more IPO news, check out <Site>'s IPO News page."
_OLD_PAGE = re.compile(r"^(?i:this is an archived (?:article|story|page)\b.{0,200}"
                       r"|it is provided (?:only )?for personal research purposes\b.{0,120}"
                       r"|for more [\w ’'-]{2,40} news, (?:check out|visit|see|head to|go to) .{2,80})$")
# The writer's name and post, and a sentence about them: "By Jane Roe, Markets Editor. Jane has written the daily
# market report since 2019."
_WRITER = re.compile(r"^By [A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3}, [A-Z][\w ,&]{2,50}\."
                     r"(?: [A-Z][\w.'’-]+ (?:has|is|was|covers|writes|joined|reports)\b[^!?]{0,200})?$")
# Each note with its reason and the words one of which it holds (lower case): a line with none is not tried
_NOTES = ((_AFFILIATE, "disclaimer", (" earn", " receive", "compensated", "affiliate")),
          (_STANDARDS, "disclaimer", ("standards", "editorial", "adheres")),
          (_NO_ADVICE, "disclaimer", ("advice", "newsroom", "unregulated", "invest unless", "capital at risk")),
          (_ACKNOWLEDGEMENT, "disclaimer", ("we ",)), (_POLL, "widget", ("?",)),
          (_MORE_FROM, "related-links", ("more ",)), (_NAMED_NEWSLETTER, "newsletter", ("s",)),
          (_COMMENT_POLICY, "comments", ("e",)), (_APP_OR_PODCAST, "advertisement", (" app", "listen ")),
          (_WRITER, "byline", ("by ",)), (_OLD_PAGE, "editor-note", ("archived", "personal research", " news, ")))
_LONGEST = 600


def site_note(text: str) -> str | None:
    """The reason for a line that is one of these notes, else None."""
    if len(text) > _LONGEST:
        return None
    lower = text.lower()
    for pattern, reason, words in _NOTES:
        if any(word in lower for word in words) and pattern.match(text):
            return reason
    return None
