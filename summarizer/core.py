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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .backends import Backend, ExtractionOutcome, ExtractionRequest, create_backend
from .cache import ResultCache, cache_key
from .clean import CleanArticle, clean
from .config import Settings
from .errors import ConfigError, InputError
from .figures import NumberMention, find_numbers, same_amount
from .loader import read_path, read_source
from .models import (
    MAX_ENTITIES,
    MAX_FIGURES,
    Converted,
    Extraction,
    KeyFigure,
    Meta,
    Sentiment,
    Summary,
)
from .prompts import PromptTemplate, load_prompt
from .quality import as_sentence
from .split import split_spans
from .usage import cost_usd, price_table

if TYPE_CHECKING:
    from .batch import BatchResult

log = logging.getLogger(__name__)

CACHE_FORMAT = 1
ANSWER_OVERHEAD = 1024  # tokens of chat template, schema and re-ask feedback around each answer
NUMBER_LINE_TOKENS = 30  # each of the article's numbers is listed in the prompt with its context
MIN_PART_TOKENS = 256
CLAIM_POLL_SECONDS = 0.25


@dataclass
class _Plan:
    mentions: list[NumberMention]
    spans: list[tuple[int, int]]  # the parts of the cleaned article, in order
    requests: list[ExtractionRequest]
    budget: int


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
        started = time.perf_counter()
        article, key, hit = self._lookup(text, source, notes, url, started)
        if hit is not None:
            return hit
        owner = None
        while key is not None and (owner := self._claim(key, source)) is None:  # another process is computing it
            time.sleep(CLAIM_POLL_SECONDS)
            if (hit := self._hit(key, source, started)) is not None:
                return hit
        try:
            plan = self._plan(article)
            outcomes = [self.backend.extract(request) for request in plan.requests]
            final = self.backend.extract(self._reduce_request(article, outcomes)) if len(outcomes) > 1 else None
            return self._store(key, self._build(article, plan, outcomes, final, source,
                                                time.perf_counter() - started))
        finally:
            self._release(key, owner)

    async def asummarize(self, text: str, *, source: str | None = None, notes: list[str] | None = None,
                         url: str | None = None) -> Summary:
        """``summarize`` for asyncio code: the model call runs on the backend's async path."""
        import asyncio

        started = time.perf_counter()
        article, key, hit = self._lookup(text, source, notes, url, started)
        if hit is not None:
            return hit
        owner = None
        while key is not None and (owner := self._claim(key, source)) is None:
            await asyncio.sleep(CLAIM_POLL_SECONDS)
            if (hit := self._hit(key, source, started)) is not None:
                return hit
        try:
            if self.backend.blocking_token_count:  # counting tokens may load the model: not on the event loop
                plan = await asyncio.to_thread(self._plan, article)
            else:
                plan = self._plan(article)
            outcomes = [await self.backend.aextract(request) for request in plan.requests]
            final = await self.backend.aextract(self._reduce_request(article, outcomes)) if len(outcomes) > 1 \
                else None
            return self._store(key, self._build(article, plan, outcomes, final, source,
                                                time.perf_counter() - started))
        finally:
            self._release(key, owner)

    async def asummarize_source(self, source: str) -> Summary:
        """``summarize_source`` for asyncio code."""
        import asyncio

        document = await asyncio.to_thread(read_source, source, allow_private=self.settings.allow_private_urls)
        return await self.asummarize(document.text, source=document.source, notes=document.notes, url=document.url)

    def summarize_many(self, items: Iterable[Any], jobs: int | None = None) -> Iterator[BatchResult]:
        """Summarize many articles, ``jobs`` at a time; yields a ``BatchResult`` for each as it finishes.

        An item is an article's text (``str``), a file (``pathlib.Path``), or a
        mapping with ``text``, ``path`` or ``source`` (a path, URL or ``-``) and
        optionally ``id``. One article's failure is its result's ``error``; the
        others go on. A ``ConfigError`` (no key, no model) stops the run.
        """
        from .batch import run_batch

        return run_batch(self, items, jobs or self.settings.jobs)

    def _lookup(self, text: str, source: str | None, notes: list[str] | None, url: str | None,
                started: float) -> tuple[CleanArticle, str | None, Summary | None]:
        article = clean(text, notes=notes, url=url)
        if not article.text.strip():
            where = f"{source}: " if source else ""
            raise InputError(f"{where}no article text (empty, or only boilerplate after cleaning); pass an article")
        key = self._key(article) if self.cache is not None else None
        return article, key, self._hit(key, source, started) if key is not None else None

    def _hit(self, key: str, source: str | None, started: float) -> Summary | None:
        """The cached result for ``key``, its meta saying it came from the cache at no cost."""
        hit = self.cache.get(key) if self.cache is not None else None
        if hit is None:
            return None
        log.info("%s: from the cache (%s)", source or "article", key[:12])
        meta = hit.meta.model_copy(update={
            "cached": True, "seconds": round(time.perf_counter() - started, 4), "source": source,
            "prompt_tokens": 0, "completion_tokens": 0, "requests": 0, "cost_usd": 0.0,
        })
        return hit.model_copy(update={"meta": meta})

    def _claim(self, key: str, source: str | None) -> str | None:
        """Claim ``key`` for this process; ``None`` (and a log line) while another process holds it."""
        assert self.cache is not None  # a key exists only when the cache is on
        owner = self.cache.claim(key, self._claim_ttl())
        if owner is None:
            log.info("%s: another process is summarizing it; waiting for its result", source or "article")
        return owner

    def _release(self, key: str | None, owner: str | None) -> None:
        if owner and key is not None and self.cache is not None:
            self.cache.release(key, owner)

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

    def _plan(self, article: CleanArticle) -> _Plan:
        """The requests for an article: one, or one per part when it is longer than the context allows."""
        mentions = find_numbers(article.text)
        removed = "\n".join(r.text for r in article.removed)
        count = self.backend.count_tokens  # exact for the local model, an upper estimate for servers
        context = self.settings.context_tokens or self.backend.context_tokens()
        answers = (self.settings.max_tokens + ANSWER_OVERHEAD) * (self.settings.reasks + 1)
        scaffold = count("\n".join(m["content"] for m in self.prompt.messages("", article.title, article.published)))
        budget = context - answers - scaffold
        if budget < MIN_PART_TOKENS:
            raise ConfigError(
                f"a context of {context} tokens leaves no room for the article after the instructions and "
                f"{self.settings.reasks + 1} answers of {self.settings.max_tokens} tokens; raise context_tokens "
                "or lower max_tokens"
            )

        def cost(text: str) -> int:
            return int(count(text)) + NUMBER_LINE_TOKENS * len(find_numbers(text))

        spans = [(0, len(article.text))]
        if count(article.text) + NUMBER_LINE_TOKENS * len(mentions) > budget:
            spans = split_spans(article.text, budget, cost)
        requests = []
        for start, end in spans:
            inside = [m for m in mentions if start <= m.start and m.end <= end]
            requests.append(self._request(article, article.text[start:end], inside, removed))
        return _Plan(mentions, spans, requests, budget)

    def _request(self, article: CleanArticle, text: str, mentions: list[NumberMention],
                 removed: str) -> ExtractionRequest:
        first = {m.raw: m for m in reversed(mentions)}
        candidates = tuple(dict.fromkeys(m.raw for m in mentions))
        numbers = tuple((raw, _context_of(article.text, first[raw])) for raw in candidates)
        messages = self.prompt.messages(text, article.title, article.published, numbers)
        return ExtractionRequest(messages, text, candidates, removed)

    def _reduce_request(self, article: CleanArticle, outcomes: list[ExtractionOutcome]) -> ExtractionRequest:
        """One request over the parts' summaries, for the summary of the whole article."""
        joined = "\n\n".join(" ".join(as_sentence(s) for s in o.extraction.summary) for o in outcomes)
        mentions = find_numbers(joined)
        first = {m.raw: m for m in reversed(mentions)}
        candidates = tuple(dict.fromkeys(m.raw for m in mentions))
        numbers = tuple((raw, _context_of(joined, first[raw])) for raw in candidates)
        messages = self.prompt.messages(joined, article.title, article.published, numbers)
        return ExtractionRequest(messages, joined, candidates)

    def summarize_file(self, path: str | Path) -> Summary:
        """Summarize the article in a file (UTF-8, UTF-16 with BOM, legacy 8-bit text, or HTML)."""
        document = read_path(path)
        return self.summarize(document.text, source=document.source, notes=document.notes)

    def summarize_source(self, source: str) -> Summary:
        """Summarize a path, ``-`` (standard input) or an http(s) URL."""
        document = read_source(source, allow_private=self.settings.allow_private_urls)
        return self.summarize(document.text, source=document.source, notes=document.notes, url=document.url)

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

    def _build(self, article: CleanArticle, plan: _Plan, outcomes: list[ExtractionOutcome],
               final: ExtractionOutcome | None, source: str | None, seconds: float) -> Summary:
        warnings = list(article.notes)
        figures: list[KeyFigure] = []
        for (start, end), outcome in zip(plan.spans, outcomes, strict=True):
            for draft in outcome.extraction.key_figures:
                mention = _locate(draft.raw, article.text, plan.mentions, start, end)
                if mention is None:
                    warnings.append(f"dropped figure {draft.raw!r}: no number of the article found there")
                    continue
                if any(f.start == mention.start or same_amount(f, mention) for f in figures):
                    continue  # the same figure mentioned twice ("10,000 Ethereum tokens" ... "10,000 ETH")
                figures.append(KeyFigure(
                    raw=mention.raw, label=draft.label.strip(), value=mention.value, unit=mention.unit,
                    start=mention.start, end=mention.end, kind=mention.kind,  # type: ignore[arg-type]
                    approximate=mention.approximate, direction=mention.direction,  # type: ignore[arg-type]
                    entity=draft.entity, value_high=mention.value_high,
                    converted=Converted(value=mention.converted.value, unit=mention.converted.unit)
                    if mention.converted else None,
                ))
        calls = outcomes + ([final] if final is not None else [])
        if final is not None:
            warnings.append(f"split into {len(outcomes)} parts of at most {plan.budget} tokens at paragraph "
                            "boundaries; each part summarized, then the parts' summaries summarized")
        for index, outcome in enumerate(calls):
            prefix = f"part {index + 1}: " if final is not None and index < len(outcomes) else ""
            warnings.extend(prefix + w for w in outcome.warnings)
        prompt_tokens = sum(o.prompt_tokens for o in calls)
        completion_tokens = sum(o.completion_tokens for o in calls)
        model = self.backend.model
        meta = Meta(
            model=model,
            backend=self.backend.name,
            prompt_version=self.prompt.version,
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            requests=sum(o.requests or o.attempts for o in calls),
            cost_usd=cost_usd(model, prompt_tokens, completion_tokens, self.prices),
            parts=len(outcomes),
            cached=False,
            seconds=round(seconds, 4),
            source=source,
            warnings=warnings,
        )
        summary = (final or outcomes[0]).extraction.summary
        if final is None:
            sentiment = outcomes[0].extraction.sentiment.model_dump()
        else:
            sentiment = _combined_sentiment(outcomes, [end - start for start, end in plan.spans])
        return Summary(
            title=article.title,
            summary=" ".join(as_sentence(s) for s in summary),
            key_figures=figures[:MAX_FIGURES],
            sentiment=Sentiment.model_validate({**sentiment, "rationale": _whole_words(sentiment["rationale"])}),
            meta=meta,
        )

    @cached_property
    def prices(self) -> dict[str, tuple[float, float]]:
        return price_table(self.settings.prices)

    def close(self) -> None:
        if self._backend is not None:
            self._backend.close()
        if self.cache is not None:
            self.cache.close()

    def __enter__(self) -> Summarizer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _context_of(text: str, mention: NumberMention, before: int = 60, after: int = 30) -> str:
    """The words around a figure, within its line, for the model to label it by."""
    line_start = text.rfind("\n", 0, mention.start) + 1
    line_end = text.find("\n", mention.end)
    line_end = len(text) if line_end < 0 else line_end
    left = text[max(line_start, mention.start - before):mention.start]
    right = text[mention.end:min(line_end, mention.end + after)]
    left = left.split(" ", 1)[1] if " " in left and mention.start - before > line_start else left
    right = right.rsplit(" ", 1)[0] if " " in right and mention.end + after < line_end else right
    return f"{left}{mention.raw}{right}".strip()


def _locate(raw: str, text: str, mentions: list[NumberMention], start: int = 0,
            end: int | None = None) -> NumberMention | None:
    """The finder's mention the model meant, within ``text[start:end]``: the same text, else the first one
    inside where raw occurs."""
    end = len(text) if end is None else end
    mentions = [m for m in mentions if start <= m.start and m.end <= end]
    for mention in mentions:
        if mention.raw == raw:
            return mention
    found = text.find(raw, start, end)
    if found < 0:
        return None
    for mention in mentions:
        if found <= mention.start < found + len(raw) or mention.start <= found < mention.end:
            return mention
    return None


def _combined_sentiment(outcomes: list[ExtractionOutcome], weights: list[int]) -> dict[str, Any]:
    """One sentiment for a split article: the parts' scores weighted by length, their labels, their entities."""
    parts = [o.extraction.sentiment for o in outcomes]
    total = sum(weights) or 1
    score = round(sum(p.score * w for p, w in zip(parts, weights, strict=True)) / total, 3)
    labels = {p.label for p in parts}
    if {"positive", "negative"} <= labels or "mixed" in labels:
        label = "mixed"
    elif len(labels) == 1:
        label = parts[0].label
    else:  # one leaning and neutral parts: the leaning wins when the weighted score agrees with it
        leaning = next(iter(labels - {"neutral"}))
        label = leaning if (score > 0.1 if leaning == "positive" else score < -0.1) else "neutral"
    strongest = max((p for p in parts if p.label == label), key=lambda p: abs(p.score), default=parts[0])
    entities: dict[str, dict[str, Any]] = {}
    for part in parts:
        for entity in part.entities:
            entities.setdefault(entity.name.casefold(), entity.model_dump())
    return {"label": label, "score": score, "rationale": strongest.rationale,
            "entities": list(entities.values())[:MAX_ENTITIES]}


def _whole_words(text: str, limit: int = 200) -> str:
    """Text cut at the schema's length limit ends at its last full sentence, or last full word with an ellipsis."""
    text = text.strip()
    if len(text) < limit - 10 or text.endswith((".", "!", "?", "…", '"', "”")):
        return text
    end = max(text.rfind(". "), text.rfind("! "), text.rfind("? "))
    if end > len(text) // 2:
        return text[:end + 1]
    return text.rsplit(" ", 1)[0].rstrip(",;:") + "…" if " " in text else text


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
