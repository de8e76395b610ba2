"""What a page's machinery leaves inside a line of the story: a template's placeholders the page printed instead of
filling ("%{{tag.tag}} {{articledata.title}} ... comment The price of gold ...", "{{^adFree}}"), a quote widget's
symbol glued to the name it follows with its price missing ("spot EtherETH-- ETFs"), a wire's instrument codes
in angle brackets ("Toyota Motor Corp <7203.T>"), exchange tags in square brackets and listings' numbers.
``_inline_noise`` runs them with its other inline rules."""

from __future__ import annotations

import re

# A Reuters instrument code in angle brackets after a name: "Toyota Motor Corp <7203.T>", "the Nikkei <.N225>", "the
# yen <JPY=>"
ANGLE_RIC = re.compile(r"\s?<(?:\.[A-Z0-9]{1,8}|[A-Z0-9]{1,8}(?:\.[A-Z]{1,3}|=[A-Z]{0,4}))>")
# A quote widget's symbol glued to the name it follows, its price missing: "spot EtherETH-- ETFs", "BitcoinBTC-- to"
GLUED_SYMBOL = re.compile(r"(?<=[a-z])[A-Z]{2,6}--(?=[\s,.;:)]|$)")
# A page template's placeholders printed before the lead: "%{{tag.tag}} {{articledata.title}} ... comment The price"
TEMPLATE_LEAD = re.compile(r"^\s*(?:\S*\{\{[^{}\n]{1,80}\}\}\S*\s*)+(?:comments?\b\s*)?")
# ... and anywhere in a line, a section's tags or a field's path: "... across the euro zone. {{^adFree}} {{/adFree}}",
# "{{post.title}}" (not any braces: an article may quote a template, "a reader wrote {{ name }}")
TEMPLATE_TOKEN = re.compile(r"\s?(?:\{\{[#^/][\w.-]{1,40}\}\}"
                            r"|[%@]?\{\{[A-Za-z_]\w*(?:\.\w+)+(?:\([^{}()\n]{0,40}\))?\}\})")
# An exchange tag in square brackets: "Alibaba [HKG: 9988] finished higher", "its stock [NYSE: BABA]"
BRACKET_LISTING = re.compile(r"\s?\[(?:[A-Z]{2,12}|Nasdaq)\s?:\s?\$?[A-Z0-9][A-Za-z0-9.-]{0,9}\]")
# A Tokyo, Hong Kong or Shanghai listing's number after a company's name: "Sony Corp. (6758) and ...", not a year
_NUMBERED_LISTING = (r"(?:(?<=Corp\.)|(?<=Co\.)|(?<=Inc\.)|(?<=Ltd\.)|(?<=Corp)|(?<=Ltd)|(?<=Inc))"
                     r" \((?!(?:19|20)\d\d\))\d{4,6}\)")
# ... and a newsletter's data box on the stock, in brackets after its name: "ACME MINING $11.01 (Toronto symbol ACM;
# Rating: Speculative) (1-800- 555-0100; www.acme.com; Shares outstanding: 79.1 million; Market cap: $870.9 million)"
_STOCK_BOX = (r"\s?\((?=[^()]*;)(?=[^()]*(?:\bsymbol\b[^()]*:|www\.|\d{3}-\s?\d{3}-\d{4}|Market cap:"
              r"|Shares outstanding:))[^()]{10,300}\)")
LISTINGS = re.compile(f"{_NUMBERED_LISTING}|{_STOCK_BOX}")
# Who owns the site, in brackets after a paragraph's last sentence: "... the companies said. (Acme Media is the
# publisher of Acme.com.)" (on a line of its own, ``_reader_notes.DISCLAIMER`` takes it)
OWNER_NOTE_TEXT = r"\([^()]{2,60} is (?:the |a )?(?:publisher|owner|parent company|parent) of [^()]{2,60}\.?\)"
OWNER_NOTE = re.compile(rf"(?<=[.!?\"”’])\s{OWNER_NOTE_TEXT}\s*$")
# A link to the rest of a cut story at a paragraph's end: "... recorded at the [continue reading]"
CONTINUE_LINK = re.compile(r"\s?\[(?i:continue reading|read more|read the rest)\W{0,3}\]\s*$")
# A writer's name with the wire's copyright after the story, alone or after its last sentence: "... under its chair.
# — Jane Mary Roe, (c) 2023 Reuters"
SIGNED_COPYRIGHT = re.compile(r"(?:^|\s)[—–-] ?(?:[A-Z][\w.'’-]+ ){1,4}?[A-Z][\w.'’-]+, ?(?:\(c\)|©) ?\d{4} "
                              r"[A-Z][\w&'’ .-]{1,40}\s*$")
# An exchange's sign-up offer in capitals, on its own line or run on after a caption: "SPECIAL OFFER (Sponsored)
# Acme Free $600: Use this link to register ...", "LIMITED OFFER for <Site> readers on Acme – Use this link ..."
OFFER_AD = re.compile(r"(?:^|\s)(?:SPECIAL|LIMITED|EXCLUSIVE)(?: TIME)? OFFER\b.*$")
# A link's words for screen readers after a wire's instrument code: "the STOXX banks index (.SX7P), opens new tab was
# down", "Deutsche Bank (DBKGn.DE), opens new tab bucked" (the code goes with them); an old page's search link after a
# name: "the Nasdaq Composite Index (search) rose"
NEW_TAB = re.compile(r"(?:\s?\((?:\.?[A-Z0-9]{1,8}[a-z]?(?:\.[A-Z]{1,2})?)\))?,? opens new tab\b"
                     r"|(?<=[A-Za-z.]) \(search\)(?=[\s,.;:!?)]|$)")
# A picture's address run on before the text, as a scrape leaves it: "https://.../Crypto-20.jpg?w=2048(Some ..."
IMAGE_ADDRESS = re.compile(r"^https?://\S+?\.(?:jpe?g|png|webp|gif)(?:\?[^\s(]*)?(?=[(\s]|$)", re.IGNORECASE)
# A syndicated copy's note, on a line of its own (lower case: ``_reader_notes.ARTICLE_NOTICE`` reads it): "(This story
# has not been edited by <Site> staff and is auto-generated from a syndicated feed.)", "(... published from a
# syndicated news agency feed - <Wire>)top videos" (a widget's label glued on)
SYNDICATED_NOTE_TEXT = (r"^(?=\(|(this|the) (story|report|article|content)\b|only the )"
                        r"\(?(?=[^()]{0,200}\b(this|the) (story|report|article|content)\b)"
                        r"(?=[^()]{0,260}\bsyndicated( news| wire)?( agency)? feed\b)"
                        r"[^()]{20,280}\)?\.?\)?( ?(top|latest|trending|more) (videos?|stories|news))?$")
# Cashtags glued after a paragraph's last sentence: "... risks may arise.$BTC" (on a line of their own, ``_chrome``'s)
TRAILING_CASHTAGS = re.compile(r"(?<=[.!?\"”’])\s?(?:\$[A-Z]{2,6}\s?)+$")
