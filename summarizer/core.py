"""The pipeline: clean -> prompt -> cache -> model -> validated ``Summary``.

``Summarizer`` holds the configuration, the backend (loaded lazily, once) and
the cache for repeated calls; the CLI, the digest and ``summarize()`` all go
through it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable, Collection, Generator, Iterable, Iterator
from contextlib import contextmanager
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from .assembly import assemble
from .backends import Backend, ExtractionOutcome, create_backend
from .batch import BatchResult, run_batch
from .cache import Claim, ResultCache, await_claim, cache_key, wait_for_claim
from .cleaning import CleanArticle
from .config import Settings
from .drafts import Extraction
from .errors import ConfigError, InputError, SummarizerError
from .history import History
from .inputs import clean_input
from .loader import Document, read_path, read_source
from .models import Summary
from .planning import Plan, plan_article, reduce_request
from .prompts import PromptTemplate, load_prompt
from .usage import price_table

log = logging.getLogger(__name__)

CACHE_FORMAT = 1


@lru_cache(maxsize=1)
def _schema_fingerprint() -> str:
    schemas = [Extraction.model_json_schema(), Summary.model_json_schema()]
    return hashlib.sha256(json.dumps(schemas, sort_keys=True).encode()).hexdigest()[:16]


class Summarizer:
    """Summarize articles with one configuration. Reuse it: the model loads once."""

    def __init__(self, settings: Settings | None = None, *, backend: Backend | str | None = None,
                 **overrides: Any) -> None:
        """``backend`` is a backend's name (``"local"``, ``"openai"``) or a ready ``Backend`` object."""
        if isinstance(backend, str):
            overrides["backend"], backend = backend, None
        self.settings = settings if settings is not None else Settings.resolve(**overrides)
        log.debug("settings: %r", self.settings)
        self._backend = backend
        self.cache = ResultCache(self.settings.results_dir) if self.settings.use_cache else None
        self.history = History(self.settings.log_path) if self.settings.log_runs else None
        self.prompt: PromptTemplate = load_prompt()

    @property
    def has_backend(self) -> bool:
        """Whether the backend was created (and so may hold a loaded model or open connections)."""
        return self._backend is not None

    @property
    def backend(self) -> Backend:
        if self._backend is None:
            self._backend = create_backend(self.settings)
        return self._backend

    def summarize(self, text: str, *, source: str | None = None, notes: list[str] | None = None,
                  url: str | None = None) -> Summary:
        """Summarize an article's text (plain text or an HTML page)."""
        with self._logged(source) as logged:
            return logged(self._summarize(text, source, notes, url))[1]

    def _summarize(self, text: str, source: str | None, notes: list[str] | None,
                   url: str | None) -> tuple[CleanArticle, Summary]:
        started = time.perf_counter()
        article, key, hit = self._lookup(text, source, notes, url, started)
        if hit is not None:
            return article, hit
        claim = wait_for_claim(self._claiming(key, source)) if key is not None else None
        if claim is not None and claim.hit is not None:
            return article, self._as_hit(claim.hit, claim.key, source, started)
        try:
            plan = self._plan(article)
            outcomes = [self.backend.extract(request) for request in plan.requests]
            final = self.backend.extract(reduce_request(self.prompt, article, outcomes)) if len(outcomes) > 1 \
                else None
            return article, self._store(key, self._build(article, plan, outcomes, final, source, started))
        finally:
            self._release(claim)

    async def asummarize(self, text: str, *, source: str | None = None, notes: list[str] | None = None,
                         url: str | None = None) -> Summary:
        """``summarize`` for asyncio code: the model call runs on the backend's async path."""
        return (await self.aprocess(text, source=source, notes=notes, url=url))[1]

    async def aprocess(self, text: str, *, source: str | None = None, notes: list[str] | None = None,
                       url: str | None = None, shared: Collection[str] = ()) -> tuple[CleanArticle, Summary]:
        """``asummarize``, with the cleaned article the summary was made from (batches hand both on).

        ``shared``: lines the site's other articles share, dropped as boilerplate (``summarizer.shared_lines``).
        """
        with self._logged(source) as logged:
            return logged(await self._aprocess(text, source, notes, url, shared))

    async def _aprocess(self, text: str, source: str | None, notes: list[str] | None,
                        url: str | None, shared: Collection[str] = ()) -> tuple[CleanArticle, Summary]:
        import asyncio

        started = time.perf_counter()
        article, key, hit = self._lookup(text, source, notes, url, started, shared)
        if hit is not None:
            return article, hit
        claim = await await_claim(self._claiming(key, source)) if key is not None else None
        if claim is not None and claim.hit is not None:
            return article, self._as_hit(claim.hit, claim.key, source, started)
        try:
            if self.backend.blocking_token_count:  # counting tokens may load the model: not on the event loop
                plan = await asyncio.to_thread(self._plan, article)
            else:
                plan = self._plan(article)
            outcomes = [await self.backend.aextract(request) for request in plan.requests]
            final = await self.backend.aextract(reduce_request(self.prompt, article, outcomes)) \
                if len(outcomes) > 1 else None
            return article, self._store(key, self._build(article, plan, outcomes, final, source, started))
        finally:
            self._release(claim)

    async def asummarize_source(self, source: str) -> Summary:
        """``summarize_source`` for asyncio code."""
        return (await self.aprocess_source(source))[1]

    async def aprocess_source(self, source: str, *, shared: Collection[str] = ()) -> tuple[CleanArticle, Summary]:
        """``asummarize_source``, with the cleaned article (see ``aprocess``)."""
        return await self._aread(source, lambda: read_source(source, allow_private=self.settings.allow_private_urls),
                                 shared)

    async def aprocess_file(self, path: str | Path, *, shared: Collection[str] = ()) -> tuple[CleanArticle, Summary]:
        """``summarize_file`` for asyncio code, with the cleaned article (see ``aprocess``)."""
        return await self._aread(str(path), lambda: read_path(path), shared)

    async def _aread(self, name: str, read: Callable[[], Document],
                     shared: Collection[str] = ()) -> tuple[CleanArticle, Summary]:
        """Read a document off the event loop, then summarize it; a read that fails is a logged run too."""
        import asyncio

        with self._logged(name) as logged:
            document = await asyncio.to_thread(read)
            return logged(await self._aprocess(document.text, document.source, document.notes, document.url,
                                               shared))

    def summarize_many(self, items: Iterable[Any], jobs: int | None = None, *,
                       shared_lines: bool = True) -> Iterator[BatchResult]:
        """Summarize many articles, ``jobs`` at a time; yields a ``BatchResult`` for each as it finishes.

        An item is an article's text (``str``), a file (``pathlib.Path``), or a
        mapping with ``text``, ``path`` or ``source`` (a path, URL or ``-``) and
        optionally ``id``. One article's failure is its result's ``error``; the
        others go on. A ``ConfigError`` (no key, no model) stops the run.

        Lines that many articles of one site share (its menus, footers and
        disclaimers, see ``summarizer.shared_lines``) are removed as
        ``site-boilerplate``; ``shared_lines=False`` keeps them.
        """
        return run_batch(self, items, jobs or self.settings.jobs, shared_lines=shared_lines)

    @contextmanager
    def _logged(self, source: str | None) -> Iterator[Callable[[tuple[CleanArticle, Summary]], tuple[CleanArticle,
                                                                                                       Summary]]]:
        """Log the run to the history: the result the block hands to ``logged``, or the error it raised."""

        def logged(done: tuple[CleanArticle, Summary]) -> tuple[CleanArticle, Summary]:
            article, summary = done
            if self.history is not None:
                digest = hashlib.sha256(article.text.encode()).hexdigest()
                self.history.record(summary, text_sha256=digest, source=source)
            return done

        try:
            yield logged
        except SummarizerError as exc:
            if self.history is not None and not isinstance(exc, ConfigError):  # a setup error is not a run
                self.history.record(error=str(exc), source=source, backend=self.settings.backend,
                                    model=self.settings.model_name)
            raise

    def _lookup(self, text: str, source: str | None, notes: list[str] | None, url: str | None,
                started: float, shared: Collection[str] = ()) -> tuple[CleanArticle, str | None, Summary | None]:
        article = clean_input(text, notes=notes, url=url, shared=shared)
        if not article.text.strip():
            where = f"{source}: " if source else ""
            raise InputError(f"{where}no article text (empty, or only boilerplate after cleaning); pass an article")
        key = self._key(article) if self.cache is not None else None
        return article, key, self._hit(key, source, started) if key is not None else None

    # --- the steps of a summary, for work sent elsewhere in between (``summarizer.batch_api``) -------------

    def prepare(self, document: Document) -> tuple[CleanArticle, str, Summary | None, Plan | None]:
        """A document as ``summarize`` would send it: the cleaned article, its cache key, the cached result if any,
        else the plan of its requests. Sends nothing."""
        article = clean_input(document.text, notes=document.notes, url=document.url)
        if not article.text.strip():
            raise InputError(f"{document.source}: no article text (empty, or only boilerplate after cleaning); "
                             "pass an article")
        key = self._key(article)
        hit = self.cache.get(key) if self.cache is not None else None
        if hit is not None:
            return article, key, self._as_hit(hit, key, document.source, time.perf_counter()), None
        return article, key, None, self._plan(article)

    def complete(self, article: CleanArticle, plan: Plan, outcomes: list[ExtractionOutcome], *, key: str,
                 source: str | None, started: float, prices: dict[str, tuple[float, float]] | None = None) -> Summary:
        """The summary from one validated answer per part of ``plan`` (obtained elsewhere): the reduction of a
        split article is asked live, the result is cached and logged as ``summarize`` does."""
        final = self.backend.extract(reduce_request(self.prompt, article, outcomes)) if len(outcomes) > 1 else None
        summary = assemble(article, plan, outcomes, final, backend=self.backend, prompt_version=self.prompt.version,
                           prices=self.prices if prices is None else prices, source=source,
                           seconds=time.perf_counter() - started)
        with self._logged(source) as logged:
            return logged((article, self._store(key, summary)))[1]

    def _hit(self, key: str, source: str | None, started: float) -> Summary | None:
        hit = self.cache.get(key) if self.cache is not None else None
        return self._as_hit(hit, key, source, started) if hit is not None else None

    def _as_hit(self, hit: Summary, key: str, source: str | None, started: float) -> Summary:
        """A cached result, its meta saying it came from the cache at no cost."""
        log.info("%s: from the cache (%s)", source or "article", key[:12])
        meta = hit.meta.model_copy(update={
            "cached": True, "seconds": round(time.perf_counter() - started, 4), "source": source,
            "prompt_tokens": 0, "completion_tokens": 0, "requests": 0, "cost_usd": 0.0,
        })
        return hit.model_copy(update={"meta": meta})

    def _claiming(self, key: str, source: str | None) -> Generator[float, None, Claim]:
        """The cache's claim protocol for ``key`` (another process computing it is waited for)."""
        assert self.cache is not None  # a key exists only when the cache is on
        return self.cache.claiming(key, self._claim_ttl(), source or "article")

    def _release(self, claim: Claim | None) -> None:
        if claim is not None and claim.owner and self.cache is not None:
            self.cache.release(claim.key, claim.owner)

    def _claim_ttl(self) -> float:
        """How long a claim outlives a crashed owner on another host: one article's worst case, roughly."""
        s = self.settings
        return s.timeout * (s.reasks + 1) + s.retry_max_seconds + 60

    def _store(self, key: str | None, result: Summary) -> Summary:
        if self.cache is not None and key is not None:
            self.cache.set(key, result)
        meta = result.meta
        log.info("%s: %s, %d request(s), %d+%d tokens, %d part(s), %.2fs", meta.source or "article",
                 meta.model, meta.requests, meta.prompt_tokens, meta.completion_tokens, meta.parts, meta.seconds)
        return result

    def _plan(self, article: CleanArticle) -> Plan:
        return plan_article(article, self.prompt, self.backend, self.settings)

    def summarize_file(self, path: str | Path) -> Summary:
        """Summarize the article in a file (UTF-8, UTF-16 with BOM, legacy 8-bit text, or HTML)."""
        return self._read(str(path), lambda: read_path(path))

    def summarize_source(self, source: str) -> Summary:
        """Summarize a path, ``-`` (standard input) or an http(s) URL."""
        return self._read(source, lambda: read_source(source, allow_private=self.settings.allow_private_urls))

    def _read(self, name: str, read: Callable[[], Document]) -> Summary:
        with self._logged(name) as logged:
            document = read()
            return logged(self._summarize(document.text, document.source, document.notes, document.url))[1]

    def _key(self, article: CleanArticle) -> str:
        s = self.settings
        return cache_key({
            "format": CACHE_FORMAT,
            "text": article.text,
            "title": article.title,
            "published": article.published,
            "backend": self.backend.identity(),
            "prompt": [self.prompt.version, self.prompt.fingerprint],
            "schema": _schema_fingerprint(),
            "generation": {"max_tokens": s.max_tokens, "temperature": s.temperature, "reasks": s.reasks},
        })

    def _build(self, article: CleanArticle, plan: Plan, outcomes: list[ExtractionOutcome],
               final: ExtractionOutcome | None, source: str | None, started: float) -> Summary:
        return assemble(article, plan, outcomes, final, backend=self.backend, prompt_version=self.prompt.version,
                        prices=self.prices, source=source, seconds=time.perf_counter() - started)

    @cached_property
    def prices(self) -> dict[str, tuple[float, float]]:
        return price_table(self.settings.prices)

    def close(self) -> None:
        if self._backend is not None:
            self._backend.close()
        if self.cache is not None:
            self.cache.close()
        if self.history is not None:
            self.history.close()

    def __enter__(self) -> Summarizer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def summarize(text: str, **settings: Any) -> Summary:
    """Summarize one article's text. For many articles, reuse a ``Summarizer``."""
    with Summarizer(**settings) as summarizer:
        return summarizer.summarize(text)


async def asummarize(text: str, **settings: Any) -> Summary:
    """``summarize`` for asyncio code. For many articles, reuse a ``Summarizer`` or use ``summarize_many``."""
    summarizer = Summarizer(**settings)
    try:
        return await summarizer.asummarize(text)
    finally:
        summarizer.close()


def summarize_many(items: Iterable[Any], jobs: int | None = None, **settings: Any) -> Iterator[BatchResult]:
    """Summarize many articles concurrently; yields ``BatchResult``s in completion order.

    Items are texts, ``Path``s, or mappings with ``text``/``path``/``source``
    (and an optional ``id``); see ``Summarizer.summarize_many``.
    """
    with Summarizer(**settings) as summarizer:
        yield from summarizer.summarize_many(items, jobs)


def summarize_file(path: str | Path, **settings: Any) -> Summary:
    """Summarize the article in a file (UTF-8, UTF-16 with BOM, or legacy 8-bit text)."""
    with Summarizer(**settings) as summarizer:
        return summarizer.summarize_file(path)
