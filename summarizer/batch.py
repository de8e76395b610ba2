"""Many articles at once: bounded concurrency on one event loop, results in completion order.

``run_batch`` runs ``jobs`` workers on an asyncio loop in a background thread
and hands each ``BatchResult`` to the caller's thread as soon as it is done,
so a caller that stops early (or is interrupted) keeps everything finished so
far. Workers pull items lazily: a million-line JSONL is never all in memory.
"""

from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from .errors import ConfigError, SummarizerError
from .inputs import article_input
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
                       url: str | None = None) -> tuple[CleanArticle, Summary]: ...

    async def aprocess_source(self, source: str) -> tuple[CleanArticle, Summary]: ...

    async def aprocess_file(self, path: Path) -> tuple[CleanArticle, Summary]: ...


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


async def summarize_item(summarizer: Summarizes, item: Any) -> tuple[CleanArticle, Summary]:
    """Summarize one batch item of any accepted kind (``summarizer.inputs.article_input``)."""
    what = article_input(item)
    if what.text is not None:
        return await summarizer.aprocess(what.text, source=what.label, url=what.url)
    if what.path is not None:
        return await summarizer.aprocess_file(what.path)
    assert what.source is not None
    return await summarizer.aprocess_source(what.source)


async def amap(summarizer: Summarizes, items: Iterable[Any], jobs: int,
               emit: Any, stop: threading.Event | None = None) -> None:
    """Summarize ``items`` with ``jobs`` workers, calling ``emit(result)`` as each finishes.

    A ``ConfigError`` stops the run (every item would fail the same way);
    any other failure is that item's result.
    """
    if jobs < 1:
        raise ConfigError(f"jobs must be at least 1, got {jobs}")
    iterator = iter(enumerate(items))
    fatal: list[BaseException] = []

    async def worker() -> None:
        while not fatal and not (stop is not None and stop.is_set()):
            try:
                index, item = next(iterator)
            except StopIteration:
                return
            result = BatchResult(index, item)
            try:
                await cpu_turn()  # cleaning and preparing the article: CPU work, after the network steps ready now
                result.article, result.summary = await summarize_item(summarizer, item)
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


def run_batch(summarizer: Summarizes, items: Iterable[Any], jobs: int) -> Iterator[BatchResult]:
    """``amap`` on a private event loop in a background thread, as a plain iterator."""
    results: queue.Queue[Any] = queue.Queue()
    stop = threading.Event()

    def main() -> None:
        try:
            asyncio.run(amap(summarizer, items, jobs, results.put, stop))
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
