"""Who wrote the story and whose it is, on lines of its own: bylines, reporters named with their cities,
reporters' bios, copyright and syndication lines (which also name the site).

Whole-line patterns for ``_noise``'s rules (which name the reason and the pre-filter words).
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

AUTHOR_BIO = re.compile(
    r"^((?i:about the author)\b.*|[A-Z][\w.'-]+ is an? (\w+ ){0,2}(reporter|writer|editor|journalist|correspondent"
    r"|columnist) (covering|for|at|based|with)\b(?!.*\bwho (was|is|has)\b).{0,300}"
    r"|[A-Z][\w.'-]+( [A-Z][\w.'-]+){1,3} is an? (\w+ ){0,4}"
    r"(reporter|writer|editor|journalist|correspondent|columnist|contributor|analyst at|author)\b.{0,300})$",
)
BYLINE = re.compile(r"^(?i:by|written by|reporting by|edited by)\s+[A-Z][\w.'-]+( (and )?[A-Z][\w.'-]+){0,4}$")
# Reporters named with where they write from, without "By": "Helena Brouwer in Amsterdam and Piers Okeke in London"
# (two of them at least: one alone has a headline's shape, "Markets Slip in Asia").
_REPORTER_IN = r"[A-Z][a-z'’-]+(?: [A-Z][a-z'’.-]+){1,2} in [A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+)?"
REPORTERS_IN = re.compile(rf"^{_REPORTER_IN}(?:, {_REPORTER_IN})*,? and {_REPORTER_IN}$")
COPYRIGHT = re.compile(r"^(©|\(c\)|copyright)\s*(\d{4}\s*)?(?P<site>[^.|]{2,60}?)\.?(\s*all rights reserved\.?)?$", _I)
# "The post ... appeared first on Site.", "This article is from the Site website. © Owner, ..." (a copy's note)
SYNDICATION = re.compile(
    r"^the (post|article|story) .{1,300} (originally |first )?appeared (first )?on [\w.-]{3,80}\.?$"
    r"|^this (article|story|post) (is|was|comes) (taken |reproduced )?from (the )?[\w .'’&-]{2,60} (website|site)\."
    r"(\s.{0,300})?$", _I)
APPEARED_ON = re.compile(r"\bappeared (first )?on (?P<site>[A-Z][\w.-]{2,60}?)\.?$")
