"""Settling a batch job's articles: each one's result from the cache or its checked batch answer, else live.

``settle`` walks the job's articles in order. An article already in the cache
is that result; one whose answers (one per part) all pass a live call's
validation is assembled, cached and logged as ``summarize`` would have done it,
priced at the Batch API's prices; any other one is asked again live with the
normal re-asks (``Summarizer.summarize_many``), or, with ``rerun=False``,
ends as an error that names why its batch answer was not used. The job file
records each article's outcome.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .batch import BatchResult
from .batch_jobs import Answer, Job, JobArticle
from .errors import InputError, ModelOutputError, SummarizerError
from .inputs import article_input
from .loader import Document, read_path, read_source

if TYPE_CHECKING:
    from .backends.openai_batch import OpenAIBatches
    from .core import Summarizer


def read_item(item: dict[str, Any], allow_private: bool) -> Document:
    """An article input (see ``summarizer.inputs``) read into a document."""
    what = article_input(item)
    if what.text is not None:
        return Document(what.text, what.label or str(item.get("id", "article")), url=what.url)
    if what.path is not None:
        return read_path(what.path)
    assert what.source is not None
    if what.source == "-":
        raise InputError("standard input cannot be read again when the answers are collected; save it to a file "
                         "and pass that")
    return read_source(what.source, allow_private=allow_private)


@dataclass
class Collection:
    """What ``collect`` and ``import_results`` give: each article's ``BatchResult`` as it is settled, and counts."""

    results: Iterator[BatchResult]
    counts: dict[str, int] = field(default_factory=lambda: {"batch": 0, "live": 0, "cached": 0, "failed": 0})

    def __iter__(self) -> Iterator[BatchResult]:
        return self.results


def settle(job: Job, summarizer: Summarizer, batches: OpenAIBatches, answers: dict[str, Answer],
           missing: dict[str, str], rerun: bool) -> Collection:
    """Every article of ``job`` settled from ``answers`` (by ``custom_id``; ``missing`` says why some have none).

    The results come as the returned ``Collection`` is iterated; stopping early
    loses nothing (the cache keeps what was settled), and the job file is saved
    and ``summarizer`` closed when the iteration ends either way.
    """
    from .usage import batch_price_table

    collection = Collection(iter(()))
    prices = batch_price_table(summarizer.settings.prices)

    def run() -> Iterator[BatchResult]:
        pending: list[tuple[int, JobArticle, str]] = []
        try:
            for index, record in enumerate(job.articles):
                result, reason = _from_batch(index, record, summarizer, batches, answers, missing, prices)
                if result is None:
                    pending.append((index, record, reason or "no answer"))
                    continue
                _count(collection, record, result, "cached" if result.ok and result.summary is not None
                       and result.summary.meta.cached else "batch")
                yield result
            yield from _rerun(pending, summarizer, collection, rerun)
        finally:
            job.save()
            summarizer.close()

    collection.results = run()
    return collection


def _count(collection: Collection, record: JobArticle, result: BatchResult, origin: str) -> None:
    record.outcome = origin if result.ok else "failed"
    collection.counts[record.outcome] += 1


def _from_batch(index: int, record: JobArticle, summarizer: Summarizer, batches: OpenAIBatches,
                answers: dict[str, Answer], missing: dict[str, str],
                prices: dict[str, tuple[float, float]]) -> tuple[BatchResult | None, str | None]:
    """The article's result from the cache or its batch answers; ``None`` and why when it must be asked live."""
    item = {"id": record.id, **record.item}
    if record.state == "error":
        return BatchResult(index, item, error=InputError(record.error or "unreadable")), None
    started = time.perf_counter()
    try:
        document = read_item(item, summarizer.settings.allow_private_urls)
        article, key, hit, plan = summarizer.prepare(document)
    except SummarizerError as exc:
        return BatchResult(index, item, error=exc), None
    if hit is not None:
        return BatchResult(index, item, summary=hit, article=article), None
    if not record.custom_ids:
        return None, "not sent: it was in the cache when submitted, and is not now"
    if key != record.key or plan is None or len(plan.requests) != len(record.custom_ids):
        return None, "the article or the settings changed since it was submitted"
    outcomes = []
    for custom_id, request in zip(record.custom_ids, plan.requests, strict=True):
        answer = answers.get(custom_id)
        if answer is None or answer.body is None:
            reason = answer.error if answer is not None else missing.get(custom_id, "no answer in the batch output")
            return None, f"the batch request failed ({reason})" if answer is not None else reason
        try:
            outcomes.append(batches.check(answer.body, request))
        except ModelOutputError as exc:
            return None, str(exc)
    try:
        summary = summarizer.complete(article, plan, outcomes, key=key, source=document.source, started=started,
                                      prices=prices)
    except SummarizerError as exc:  # the live summary of a split article's parts
        return None, f"its parts' summary could not be made ({exc})"
    return BatchResult(index, item, summary=summary, article=article), None


def _rerun(pending: list[tuple[int, JobArticle, str]], summarizer: Summarizer, collection: Collection,
           rerun: bool) -> Iterator[BatchResult]:
    """The articles without a valid batch answer: asked again live (normal re-asks), or named with the reason."""
    for _, record, reason in pending:
        record.reason = reason
    if not rerun:
        for index, record, reason in pending:
            result = BatchResult(index, {"id": record.id, **record.item},
                                 error=ModelOutputError(f"{reason}; collect again without --no-rerun to summarize "
                                                        "it live"))
            _count(collection, record, result, "failed")
            yield result
        return
    items = [{"id": record.id, **record.item} for _, record, _ in pending]
    for result in summarizer.summarize_many(items):
        index, record, _ = pending[result.index]
        result.index = index
        _count(collection, record, result, "live")
        yield result
