"""Lines that many articles of one site share: the site's own furniture, found by repetition, not by wording.

The cleaner's rules know the shapes of noise seen before; a new site's footer, menu or disclaimer has a shape of
its own. But it comes back on every page of that site, where an article's sentences do not. So when many
articles of one site are read together (a batch, a digest), a line that stands in many of them is boilerplate
(trafilatura treats repeated segments the same way). When in doubt, keep:

* a line counts only when it stands, whole, in at least ``MIN_ARTICLES`` (3) articles of the site, and in at
  least ``MIN_SHARE`` (40%) of them;
* a line that reads as prose (a disclaimer, a newsletter pitch, but also a background paragraph two stories
  share) needs ``PROSE_SHARE`` (60%) of them;
* a line with a number other than a year is never shared: figures are facts, not furniture.

``SharedLines`` collects the lines of the articles of each site (by their URL's host, or the folder a file is
in); ``shared(site)`` gives the lines to drop, which ``clean(text, shared=...)`` removes with the reason
``site-boilerplate``.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from urllib.parse import urlsplit

from ._lines import norm
from ._prose import is_body_paragraph

MIN_ARTICLES = 3
MIN_SHARE = 0.4
PROSE_SHARE = 0.6
_MAX_LINE = 600  # longer lines are paragraphs of the story, never compared

_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def line_key(line: str) -> str | None:
    """How a line is compared across articles, or None when it is never shared (empty, too long, a number)."""
    text = line.strip()
    if not text or len(text) > _MAX_LINE or _DIGIT.search(_YEAR.sub("", text)):
        return None
    return norm(text)


def site_of(source: str | None, url: str | None = None) -> str | None:
    """The group an article's lines are compared within: its URL's host, else the folder of its file."""
    for name in (url, source):
        if name and "://" in name:
            host = urlsplit(name).hostname
            if host:
                return host.removeprefix("www.")
    if source and source != "-":
        return os.path.dirname(os.path.abspath(source))  # not resolve(): a symlink loop is its item's error
    return None


class SharedLines:
    """Counts, per site, in how many articles each line stands."""

    def __init__(self) -> None:
        self._lines: dict[str, Counter[str]] = {}
        self._articles: Counter[str] = Counter()
        self._prose: set[str] = set()

    def add(self, site: str, text: str) -> None:
        """One article of ``site``: each of its lines counts once."""
        keys = set()
        for line in text.splitlines():
            key = line_key(line)
            if key is not None:
                keys.add(key)
                if key not in self._prose and is_body_paragraph(line.strip()):
                    self._prose.add(key)
        self._articles[site] += 1
        self._lines.setdefault(site, Counter()).update(keys)

    def shared(self, site: str | None) -> frozenset[str]:
        """The lines of ``site`` that enough of its articles share (keys as ``line_key`` gives them)."""
        if site is None or self._articles[site] < MIN_ARTICLES:
            return frozenset()
        articles = self._articles[site]
        return frozenset(key for key, count in self._lines[site].items()
                         if count >= MIN_ARTICLES
                         and count >= (PROSE_SHARE if key in self._prose else MIN_SHARE) * articles)

