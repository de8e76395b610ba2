"""HTML articles: trafilatura finds the article in the page, then the plain-text cleaner runs on it.

We do not write an HTML extractor: trafilatura is maintained and good at it.
Offsets in the audit then refer to the text trafilatura extracted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .errors import ConfigError

_HTML_START = re.compile(r"^\s*(<!--.*?-->\s*)*<(!doctype html|html|head|body|article|main|meta|title)\b", re.I | re.S)


def looks_like_html(text: str) -> bool:
    """A document, not prose with a stray tag: it starts with markup that only pages start with."""
    return bool(_HTML_START.match(text[:2000].lstrip("\ufeff")))


@dataclass
class Extracted:
    text: str
    title: str | None
    published: str | None
    site: str | None


def extract_html(html: str, url: str | None = None) -> Extracted:
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - a declared dependency
        raise ConfigError("reading HTML needs trafilatura; reinstall summarizer") from None
    document: Any = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False, include_images=False
    )
    if document is None or not getattr(document, "text", None):
        return Extracted(text="", title=None, published=None, site=None)
    return Extracted(
        text=document.text,
        title=document.title or None,
        published=document.date or None,
        site=document.sitename or document.hostname or None,
    )
