"""What an article input is, in one place: the command line's arguments, batch items, the digest's sources.

A source string is one of (``kind``):

* ``-``: standard input;
* an http(s) URL;
* a folder: every article file directly inside it (``ARTICLE_SUFFIXES``), sorted;
* a ``.jsonl`` file: one article per line, ``{"text": ...}`` with an optional ``id``
  (or ``{"url": ...}`` / ``{"path": ...}``), or a bare JSON string;
* anything else: a file (one article, read by ``summarizer.loader``).

Whatever it came from, an article's text is plain text or an HTML page;
``clean_input`` tells them apart and hands plain text to the cleaner.

A batch item (``article_input``) is an article's text, a ``pathlib.Path``, or
a mapping with ``text`` (and optionally ``id``, ``url``), or ``path``,
``source`` or ``url``. ``expand`` turns command-line sources into such
mappings, each with an ``id`` (the name it is reported and resumed under).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .errors import InputError

if TYPE_CHECKING:
    from .cleaning import CleanArticle

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".text")

SourceKind = Literal["stdin", "url", "folder", "jsonl", "file"]


def kind(source: str) -> SourceKind:
    """What ``source`` names; a path that does not exist is a ``file`` (reading it says so)."""
    from .fetch import is_url

    if source == "-":
        return "stdin"
    if is_url(source):
        return "url"
    path = Path(source)
    if path.is_dir():
        return "folder"
    return "jsonl" if path.suffix.lower() == ".jsonl" else "file"


def is_article_file(path: Path) -> bool:
    """A file that a folder's articles are made of: an article suffix, not hidden."""
    return path.suffix.lower() in ARTICLE_SUFFIXES and not path.name.startswith(".") and path.is_file()


def article_files(folder: Path) -> list[Path]:
    """The article files directly inside ``folder``, sorted."""
    return sorted(p for p in folder.iterdir() if is_article_file(p))


@dataclass(frozen=True)
class ArticleInput:
    """One article to summarize: its ``text`` already, a file (``path``) or a ``source`` to read (see ``kind``)."""

    text: str | None = None
    path: Path | None = None
    source: str | None = None
    label: str | None = None  # with ``text``: the name the summary reports as its source
    url: str | None = None  # with ``text``: where it was published


def article_input(item: Any) -> ArticleInput:
    """What a batch item asks to summarize; an ``InputError`` for an item that is none of the accepted kinds."""
    if isinstance(item, Path):
        return ArticleInput(path=item)
    if isinstance(item, str):
        return ArticleInput(text=item)
    if isinstance(item, Mapping):
        if item.get("error"):
            raise InputError(str(item["error"]))
        if isinstance(item.get("text"), str):
            label = item.get("id") or item.get("source")
            return ArticleInput(text=item["text"], label=str(label) if label else None, url=item.get("url"))
        for key in ("path", "source", "url"):
            if isinstance(item.get(key), str):
                return ArticleInput(source=item[key])
        raise InputError("a batch item needs one of: text, path, source or url")
    raise InputError(f"cannot summarize a {type(item).__name__}; pass text, a Path or a mapping with text")


def expand(sources: tuple[str, ...] | list[str]) -> Iterator[dict[str, Any]]:
    """Batch items for command-line ``sources``, lazily (a JSONL file is read line by line)."""
    for source in sources:
        what = kind(source)
        if what == "folder":
            files = article_files(Path(source))
            if not files:
                yield {"id": source, "error": f"{source}: is a directory with no article files "
                                              f"({', '.join(ARTICLE_SUFFIXES)}); pass article files or another "
                                              "folder"}
            for file in files:
                yield {"id": str(file), "source": str(file)}
        elif what == "jsonl":
            yield from _jsonl(Path(source))
        else:
            yield {"id": source, "source": source}


def _jsonl(path: Path) -> Iterator[dict[str, Any]]:
    try:
        handle = path.open(encoding="utf-8-sig")
    except OSError as exc:
        yield {"id": str(path), "error": f"{path}: cannot read ({exc.strerror}); check the path"}
        return
    with handle:
        number = 0
        while True:
            number += 1
            try:
                line = handle.readline()
            except UnicodeDecodeError:
                yield {"id": f"{path}:{number}", "error": f"{path}:{number}: not UTF-8; save the file as UTF-8"}
                return
            if not line:
                return
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                yield {"id": where, "error": f"{where}: not JSON ({exc.msg}); each line must be one JSON object"}
                continue
            if isinstance(row, str):
                yield {"id": where, "text": row}
            elif isinstance(row, dict) and any(isinstance(row.get(k), str) for k in ("text", "url", "path")):
                item = {k: row[k] for k in ("text", "url", "path") if isinstance(row.get(k), str)}
                item["id"] = str(row["id"]) if row.get("id") is not None else where
                if "text" not in item:
                    item["source"] = item.pop("url", None) or item.pop("path")
                yield item
            else:
                yield {"id": where, "error": f"{where}: needs a \"text\", \"url\" or \"path\" field"}


def clean_input(text: str, *, notes: list[str] | None = None, url: str | None = None,
                shared: Collection[str] = ()) -> CleanArticle:
    """An input's text as a cleaned article: an HTML page is first reduced to its article (trafilatura).

    ``summarizer.cleaning.clean`` only cleans plain text; deciding what the
    input is belongs here, with the rest of what an input can be. ``shared``
    (lines its site's other articles share) applies to plain text: trafilatura
    has its own way with a page's furniture.
    """
    from .cleaning import CleanStats, clean
    from .html import extract_html, looks_like_html

    if not looks_like_html(text):
        return clean(text, notes=notes, shared=shared)
    page = extract_html(text, url=url)
    notes = [*(notes or []), "HTML: article extracted with trafilatura; offsets refer to the extracted text"]
    article = clean(page.text, notes=notes)
    return article.model_copy(update={
        "title": article.title or page.title,
        "published": article.published or page.published,
        "site": article.site or page.site,
        "stats": CleanStats(chars_in=len(text), chars_out=article.stats.chars_out),
    })
