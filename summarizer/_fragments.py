"""HTML fragments: an article's body with its paragraph tags still in it, as feeds, CMS exports and some scrapers
give it ("<p>Shares rose.</p><p>The index ...</p>", sometimes with the line breaks written out as ``\\r\\n``).

A whole page starts with its markup and goes through trafilatura (``summarizer.html``); a fragment is text, and
its paragraphs are its block tags, not line breaks: read as lines, a fragment was one long line, its paragraphs
glued ("... macro data.Besides, ...") and its captions and copyright inside the body. So the cleaner's lines are
cut again after each closing block tag or ``<br>``, and before a block that opens after text; the tags stay in the
lines (the inline repairs cut them, with their audit). The class or id of the tags a piece opens with is a page's
own word for what it is: a piece marked as a caption, credit, copyright, share bar, newsletter or advertisement is
removed for that reason.
"""

from __future__ import annotations

import re

from ._lines import PageLine

# Block elements: a paragraph ends where one closes, or where one opens after text.
_BLOCKS = r"p|div|li|h[1-6]|blockquote|figure|figcaption|section|article|aside|header|footer|ul|ol|table|tr"
_BLOCK_END = rf"</(?:{_BLOCKS})\s*>"
_BREAK = re.compile(
    rf"(?P<end>{_BLOCK_END}|<br\s*/?>)"  # a piece ends after these
    rf"|(?P<open>(?=<(?:{_BLOCKS})\b[^<>]*>))"  # a piece may end before this (when text came before it)
    r"|(?P<escape>\\r\\n|\\n|\\r)",  # a line break written out: it separates, and belongs to neither piece
    re.IGNORECASE,
)
_FRAGMENT = re.compile(rf"{_BLOCK_END}|<br\s*/?>", re.IGNORECASE)
MIN_BLOCK_TAGS = 2  # closing block tags or <br>s that make a text a fragment (one could be a stray tag in prose)
_TAG = re.compile(r"\s*<[A-Za-z][^<>]*>")
_CLOSED = re.compile(rf"{_BLOCK_END}\s*$", re.IGNORECASE)  # a line that ends by closing a block
_MARKED = re.compile(r"""\b(?:class|id)\s*=\s*["']?([^"'<>]*)""", re.IGNORECASE)
# What a page's class names say a piece is: the words of its names ("wp-caption-text": wp, caption, text).
_MARKS = {
    **dict.fromkeys(("caption", "captions", "figcaption", "credit", "credits"), "image-caption"),
    "copyright": "copyright",
    **dict.fromkeys(("share", "sharing", "sharebar", "social"), "share-buttons"),
    **dict.fromkeys(("newsletter", "subscribe", "signup"), "newsletter"),
    **dict.fromkeys(("ad", "ads", "advert", "advertisement", "sponsor", "sponsored", "promo"), "advertisement"),
    **dict.fromkeys(("related", "recommended"), "related-links"),
}
_NAME_WORDS = re.compile(r"[^\s_-]+")


def is_fragment(text: str) -> bool:
    """Whether ``text`` carries its paragraphs as block tags."""
    if "<" not in text:
        return False  # (most inputs: no tag at all)
    return any(count >= MIN_BLOCK_TAGS for count, _ in enumerate(_FRAGMENT.finditer(text), 1))


def split_blocks(lines: list[PageLine]) -> list[PageLine]:
    """The lines cut into the fragment's paragraphs, each at its offset in the input; pieces marked as noise by
    their tags' class get that reason."""
    out: list[PageLine] = []
    closed = False  # the last piece closed a block: what follows is a new paragraph
    for line in lines:
        pieces = _pieces(line.raw)
        if len(pieces) == 1 and pieces[0][0] == 0 and pieces[0][1] == len(line.raw):
            line.blank_before = line.blank_before or closed
            out.append(line)
            _mark(line)
        else:
            for index, (start, end, paragraph) in enumerate(pieces):
                raw = line.raw[start:end]
                piece = PageLine(line.start + start, raw, raw.strip(),
                                 line.blank_before or closed if index == 0 else paragraph)
                _mark(piece)
                out.append(piece)
        closed = bool(_CLOSED.search(line.raw))
    return out


def _pieces(raw: str) -> list[tuple[int, int, bool]]:
    """(start, end, starts a paragraph) of each piece of ``raw`` with text or tags in it."""
    pieces, begin, paragraph = [], 0, False
    for match in _BREAK.finditer(raw):
        kind = match.lastgroup
        if kind == "open":
            if not _TAG.sub("", raw[begin:match.start()]).strip():
                continue  # only tags before it: the block opens this piece
            end = after = match.start()
        elif kind == "end":
            end = after = match.end()
        else:
            end, after = match.start(), match.end()
        if raw[begin:end].strip():
            pieces.append((begin, end, paragraph))
        paragraph = not match.group().lower().startswith("<br")
        begin = after
    if raw[begin:].strip():
        pieces.append((begin, len(raw), paragraph))
    return pieces


def _mark(line: PageLine) -> None:
    """A reason from the class or id of the tags the line opens with (a line of tags alone keeps "html-tag")."""
    head = _TAG.match(line.raw)
    if head is None or not _TAG.sub("", line.raw).strip():
        return
    position = 0
    while head is not None:
        for name in _MARKED.findall(head.group()):
            for word in _NAME_WORDS.findall(name.lower()):
                if word in _MARKS:
                    line.reason = _MARKS[word]
                    return
        position = head.end()
        head = _TAG.match(line.raw, position)
