"""Many articles at once: bounded concurrency on one event loop, results in completion order.

``run_batch`` runs ``jobs`` workers on an asyncio loop in a background thread
and hands each ``BatchResult`` to the caller's thread as soon as it is done,
so a caller that stops early (or is interrupted) keeps everything finished so
far. Workers pull items lazily, ``WINDOW`` at a time: a million-line JSONL is
never all in memory. Within a window, the lines many articles of one site share
are that site's boilerplate, and each article is cleaned without them
(``summarizer.shared_lines``).
"""

from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from .errors import ConfigError, SummarizerError
from .inputs import article_input
from .shared_lines import SharedLines, site_of
from .turns import cpu_turn

if TYPE_CHECKING:
    from .backends import Backend
    from .cleaning import CleanArticle
    from .models import Summary


class Summarizes(Protocol):
    """What a batch needs of a ``core.Summarizer`` (which imports this module, not the other way round)."""

    @property
    def has_backend(self) -> bool: ...

    @property
    def backend(self) -> Backend: ...

    async def aprocess(self, text: str, *, source: str | None = None, notes: list[str] | None = None,
                       url: str | None = None, shared: Collection[str] = ()) -> tuple[CleanArticle, Summary]: ...

    async def aprocess_source(self, source: str, *, shared: Collection[str] = ()) -> tuple[CleanArticle,
                                                                                             Summary]: ...

    async def aprocess_file(self, path: Path, *, shared: Collection[str] = ()) -> tuple[CleanArticle, Summary]: ...


@dataclass
class BatchResult:
    """One item's outcome: its ``summary`` (and the cleaned ``article`` it was made from), or the ``error``."""

    index: int  # position in the input
    input: Any  # the item as given
    summary: Summary | None = None
    article: CleanArticle | None = None
    error: SummarizerError | None = None

    @property
    def ok(self) -> bool:
        return self.summary is not None

    @property
    def label(self) -> str:
        """A short name for the item: its id, path or source, else its position."""
        item = self.input
        if isinstance(item, Path):
            return str(item)
        if isinstance(item, Mapping):
            for key in ("id", "source", "path", "url"):
                if item.get(key):
                    return str(item[key])
        if isinstance(item, str) and self.summary is not None and self.summary.meta.source:
            return self.summary.meta.source
        return f"#{self.index + 1}"


async def summarize_item(summarizer: Summarizes, item: Any,
                         shared: Collection[str] = ()) -> tuple[CleanArticle, Summary]:
    """Summarize one batch item of any accepted kind (``summarizer.inputs.article_input``); ``shared``: lines
    its site's other articles share (``summarizer.shared_lines``)."""
    what = article_input(item)
    if what.text is not None:
        return await summarizer.aprocess(what.text, source=what.label, url=what.url, shared=shared)
    if what.path is not None:
        return await summarizer.aprocess_file(what.path, shared=shared)
    assert what.source is not None
    return await summarizer.aprocess_source(what.source, shared=shared)


def site_lines(items: list[Any]) -> tuple[list[str | None], SharedLines]:
    """Each item's site, and the lines each site's articles share: read from the items' plain texts and local
    files (a URL is not fetched twice, standard input not read twice, an HTML page is left to trafilatura)."""
    from .html import looks_like_html
    from .inputs import kind
    from .loader import read_path

    sites: list[str | None] = []
    found = SharedLines()
    for item in items:
        site, text = None, None
        try:
            what = article_input(item)
            if what.text is not None:
                site, text = site_of(None, what.url), what.text
            else:
                path = what.path if what.path is not None else \
                    Path(what.source) if what.source is not None and kind(what.source) == "file" else None
                if path is not None:
                    site, text = site_of(str(path)), read_path(path).text
        except Exception:  # unreadable, a loop, a bad item: its own run reports it
            site, text = None, None
        sites.append(site)
        if site is not None and text is not None and not looks_like_html(text):
            found.add(site, text)
    return sites, found


WINDOW = 200  # items read ahead: the articles whose shared lines are compared, and what is held in memory


def windows(items: Iterable[Any], shared_lines: bool = True) -> Iterator[tuple[int, Any, frozenset[str]]]:
    """``(index, item, lines its site's articles in the same window share)``, ``WINDOW`` items read at a time."""
    iterator = iter(items)
    index = 0
    while chunk := list(islice(iterator, WINDOW)):
        sites, found = site_lines(chunk) if shared_lines else ([None] * len(chunk), SharedLines())
        by_site = {site: found.shared(site) for site in set(sites)}  # once per site, not once per article
        for item, site in zip(chunk, sites, strict=True):
            yield index, item, by_site[site]
            index += 1


async def amap(summarizer: Summarizes, items: Iterable[Any], jobs: int,
               emit: Any, stop: threading.Event | None = None, *, shared_lines: bool = True) -> None:
    """Summarize ``items`` with ``jobs`` workers, calling ``emit(result)`` as each finishes.

    A ``ConfigError`` stops the run (every item would fail the same way);
    any other failure is that item's result. ``shared_lines=False`` keeps the
    lines a site's articles share (see ``windows``).
    """
    if jobs < 1:
        raise ConfigError(f"jobs must be at least 1, got {jobs}")
    iterator = windows(items, shared_lines)
    fatal: list[BaseException] = []

    async def worker() -> None:
        while not fatal and not (stop is not None and stop.is_set()):
            try:
                index, item, shared = next(iterator)
            except StopIteration:
                return
            result = BatchResult(index, item)
            try:
                await cpu_turn()  # cleaning and preparing the article: CPU work, after the network steps ready now
                result.article, result.summary = await summarize_item(summarizer, item, shared)
            except ConfigError as exc:
                fatal.append(exc)
                return
            except SummarizerError as exc:
                result.error = exc
            except Exception as exc:  # a bug must cost one article, not the batch
                result.error = SummarizerError(f"unexpected {type(exc).__name__}: {exc} (please report this)")
                result.error.__cause__ = exc
            emit(result)

    try:
        await asyncio.gather(*(worker() for _ in range(jobs)))
    finally:
        if summarizer.has_backend:
            await summarizer.backend.aclose()
    if fatal:
        raise fatal[0]


_DONE = object()


def run_batch(summarizer: Summarizes, items: Iterable[Any], jobs: int, *,
              shared_lines: bool = True) -> Iterator[BatchResult]:
    """``amap`` on a private event loop in a background thread, as a plain iterator."""
    results: queue.Queue[Any] = queue.Queue()
    stop = threading.Event()

    def main() -> None:
        try:
            asyncio.run(amap(summarizer, items, jobs, results.put, stop, shared_lines=shared_lines))
        except BaseException as exc:  # handed to the caller's thread below
            results.put(exc)
        results.put(_DONE)

    thread = threading.Thread(target=main, name="summarizer-batch", daemon=True)
    thread.start()
    finished = False
    try:
        while True:
            result = results.get()
            if result is _DONE:
                finished = True
                break
            if isinstance(result, BaseException):
                finished = True
                raise result
            yield result
    finally:
        # Stopped early or interrupted: start no more items. Items already running may finish in the
        # background while the caller's process goes on (their results reach the cache); nobody waits for them.
        stop.set()
        if finished:
            thread.join()
