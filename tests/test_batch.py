"""Batch summarizing: completion order, per-item failures, long-article splitting, usage and cost."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from summarizer import ConfigError, Summarizer
from summarizer.backends.ratelimit import RateLimiter
from summarizer.batch import BatchResult
from summarizer.split import split_spans
from summarizer.testing import EchoBackend, ScriptedBackend, answer
from summarizer.usage import RunUsage, cost_usd, price_table

ARTICLE = ("Example Corp shares rose 12% on Tuesday after the company reported quarterly revenue of "
           "$3.2 billion, ahead of analysts' forecasts.\n\nThe chief executive said demand for its chips "
           "stayed strong across data centres and that hiring would continue.")


def article(n: int) -> str:
    return ARTICLE.replace("12%", f"{n + 1}%")


def test_summarize_many_yields_every_item_with_its_input():
    backend = EchoBackend()
    with Summarizer(backend=backend) as summarizer:
        results = list(summarizer.summarize_many([article(i) for i in range(20)], jobs=4))
    assert sorted(r.index for r in results) == list(range(20))
    for result in results:
        assert result.ok and result.error is None
        assert result.input == article(result.index)
        # each result is its own article's: the figure is the article's own first number
        assert result.summary is not None and result.summary.key_figures[0].raw == f"{result.index + 1}%"


def test_each_result_carries_the_cleaned_article_it_was_made_from(tmp_path: Path):
    page = tmp_path / "page.html"
    page.write_text(f"<html><head><title>Example</title></head><body><article><p>{ARTICLE}</p></article>"
                    "</body></html>", encoding="utf-8")
    items = [ARTICLE + "\n\nAdvertisement\n", {"id": "page", "path": str(page)}]
    with Summarizer(backend=EchoBackend()) as summarizer:
        results = sorted(summarizer.summarize_many(items, jobs=2), key=lambda r: r.index)
        again = sorted(summarizer.summarize_many(items, jobs=2), key=lambda r: r.index)  # from the cache
    for result in [*results, *again]:
        assert result.article is not None and result.summary is not None
        assert "Advertisement" not in result.article.text and "<p>" not in result.article.text
        assert result.article.text.startswith("Example Corp shares rose 12%")
        raw = result.summary.key_figures[0]
        assert result.article.text[raw.start:raw.end] == raw.raw  # the offsets are into this text
    assert all(r.summary is not None and r.summary.meta.cached for r in again)


def test_one_failure_costs_one_article_and_the_others_are_kept():
    backend = EchoBackend(fail_on="7%")
    with Summarizer(backend=backend) as summarizer:
        results = {r.index: r for r in summarizer.summarize_many([article(i) for i in range(10)], jobs=3)}
    assert len(results) == 10
    failed = [i for i, r in results.items() if not r.ok]
    assert failed == [6]
    assert "scripted failure" in str(results[6].error)
    # nothing invalid was cached: the failed article is computed again next time
    with Summarizer(backend=EchoBackend()) as again:
        rerun = {r.index: r for r in again.summarize_many([article(i) for i in range(10)], jobs=3)}
    assert rerun[6].ok and rerun[6].summary is not None and not rerun[6].summary.meta.cached
    assert all(rerun[i].summary.meta.cached for i in rerun if i != 6)  # type: ignore[union-attr]


def test_results_arrive_in_completion_order_not_input_order():
    class Slow(EchoBackend):
        def extract(self, request):  # type: ignore[no-untyped-def]
            import time

            if "1%" in request.article:
                time.sleep(0.3)  # the first item is the slowest
            return super().extract(request)

    with Summarizer(backend=Slow(), use_cache=False) as summarizer:
        order = [r.index for r in summarizer.summarize_many([article(i) for i in range(4)], jobs=4)]
    assert order[-1] == 0 and sorted(order) == [0, 1, 2, 3]


def test_items_may_be_paths_and_mappings(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text(article(0), encoding="utf-8")
    items = [path, {"id": "row-2", "text": article(1)}, {"path": str(path)}, {"nothing": 1}]
    with Summarizer(backend=EchoBackend()) as summarizer:
        results = {r.index: r for r in summarizer.summarize_many(items, jobs=2)}
    assert results[0].ok and results[0].label == str(path)
    assert results[1].ok and results[1].label == "row-2"
    assert results[1].summary is not None and results[1].summary.meta.source == "row-2"
    assert results[2].ok
    assert not results[3].ok and "text, path, source or url" in str(results[3].error)


def test_a_config_error_stops_the_batch():
    class NoKey(EchoBackend):
        def extract(self, request):  # type: ignore[no-untyped-def]
            raise ConfigError("no OpenAI API key: set OPENAI_API_KEY")

    with Summarizer(backend=NoKey()) as summarizer, pytest.raises(ConfigError, match="OPENAI_API_KEY"):
        list(summarizer.summarize_many([article(i) for i in range(5)], jobs=2))


def test_stopping_early_keeps_what_was_yielded_and_starts_nothing_more():
    backend = EchoBackend()
    with Summarizer(backend=backend) as summarizer:
        iterator = summarizer.summarize_many((article(i) for i in range(1000)), jobs=2)
        first = [next(iterator) for _ in range(3)]
        iterator.close()  # what Ctrl-C or a break does
    assert all(isinstance(r, BatchResult) and r.ok for r in first)
    assert len(backend.requests) < 20  # the generator of 1000 items was not drained


def test_asummarize_matches_summarize():
    async def main() -> tuple[str, str]:
        async_result = await Summarizer(backend=EchoBackend(), use_cache=False).asummarize(ARTICLE)
        sync_result = Summarizer(backend=EchoBackend(), use_cache=False).summarize(ARTICLE)
        return async_result.model_dump_json(exclude={"meta"}), sync_result.model_dump_json(exclude={"meta"})

    first, second = asyncio.run(main())
    assert first == second


def test_jinja_syntax_in_an_article_is_sent_as_written():
    text = ARTICLE + "\n\nA reader wrote {{ removed }} and {% if x %} and {# note #} in the comments."
    backend = ScriptedBackend([answer()])
    Summarizer(backend=backend, use_cache=False).summarize(text)
    user = backend.requests[0]["messages"][-1]["content"]
    assert "{{ removed }} and {% if x %} and {# note #}" in user


# --- long articles -----------------------------------------------------------------------------


def long_article(paragraphs: int) -> str:
    return "\n\n".join(
        f"Paragraph {i}: the company said sales in region {i} grew {i + 10}% as shipments of its devices "
        f"rose and prices held steady through the quarter, according to the filing."
        for i in range(paragraphs)
    )


def test_a_long_article_is_split_on_paragraphs_and_reduced(tmp_path: Path):
    text = long_article(40)
    backend = EchoBackend()
    with Summarizer(backend=backend, context_tokens=3000, max_tokens=200, reasks=0) as summarizer:
        result = summarizer.summarize(text)
    parts = result.meta.parts
    assert parts > 2
    assert len(backend.requests) == parts + 1  # every part, then the reduce over their summaries
    assert any("split into" in w for w in result.meta.warnings)
    cleaned = summarizer_clean(text)
    for figure in result.key_figures:  # offsets into the whole cleaned article, not into a part
        assert cleaned[figure.start:figure.end] == figure.raw
    assert len({f.start for f in result.key_figures}) == len(result.key_figures) > 1
    assert max(f.start for f in result.key_figures) > len(cleaned) // 2  # later parts contributed figures
    # every part ended on a paragraph boundary and together they cover the article
    part_texts = [r.article for r in backend.requests[:parts]]
    assert "\n\n".join(part_texts) == cleaned
    assert all(p.startswith("Paragraph") for p in part_texts)


def summarizer_clean(text: str) -> str:
    from summarizer import clean

    return clean(text).text


def test_a_short_article_is_not_split():
    backend = EchoBackend()
    result = Summarizer(backend=backend, context_tokens=3000, max_tokens=200, reasks=0).summarize(ARTICLE)
    assert result.meta.parts == 1 and len(backend.requests) == 1
    assert not any("split" in w for w in result.meta.warnings)


def test_a_context_too_small_for_any_article_says_what_to_change():
    with pytest.raises(ConfigError, match="raise context_tokens or lower max_tokens"):
        Summarizer(backend=EchoBackend(), context_tokens=1500, max_tokens=400).summarize(ARTICLE)


def test_split_spans_cover_the_text_and_respect_the_budget():
    text = long_article(30) + "\n\n" + "word " * 400  # the last paragraph alone is over budget
    spans = split_spans(text, 120, lambda s: len(s.split()))
    rebuilt = [text[a:b] for a, b in spans]
    assert "".join("".join(rebuilt).split()) == "".join(text.split())  # nothing lost, nothing repeated
    assert all(len(t.split()) <= 120 for t in rebuilt)
    assert [a for a, _ in spans] == sorted(a for a, _ in spans)


def test_a_mixed_split_article_gets_a_mixed_sentiment():
    class Moody(EchoBackend):
        def extract(self, request):  # type: ignore[no-untyped-def]
            self.label = "negative" if "region 3" in request.article else "positive"
            return super().extract(request)

    result = Summarizer(backend=Moody(), context_tokens=3000, max_tokens=200, reasks=0).summarize(long_article(40))
    assert result.meta.parts > 1 and result.sentiment.label == "mixed"


# --- usage and cost ----------------------------------------------------------------------------


def test_cost_comes_from_the_price_table_and_config_can_extend_it():
    table = price_table({"my-model": {"input": 1.0, "output": 2.0}})
    assert cost_usd("my-model", 1_000_000, 500_000, table) == pytest.approx(2.0)
    assert cost_usd("gpt-4o-mini", 1_000_000, 0, table) == pytest.approx(0.15)
    assert cost_usd("unknown-model", 10, 10, table) is None
    with pytest.raises(ConfigError, match="input and output"):
        price_table({"bad": {"input": "cheap"}})


def test_meta_counts_tokens_and_cost_and_a_cache_hit_is_free():
    priced = {"scripted-model": {"input": 10.0, "output": 20.0}}
    backend = ScriptedBackend([answer()])
    with Summarizer(backend=backend, prices=priced) as summarizer:
        first = summarizer.summarize(ARTICLE)
        second = summarizer.summarize(ARTICLE)
    assert (first.meta.prompt_tokens, first.meta.completion_tokens) == (100, 50)  # scripted usage
    assert first.meta.cost_usd == pytest.approx((100 * 10 + 50 * 20) / 1e6)
    assert first.meta.requests == 1 and not first.meta.cached
    assert second.meta.cached and second.meta.cost_usd == 0 and second.meta.prompt_tokens == 0
    usage = RunUsage()
    usage.add(first)
    usage.add(second)
    usage.add_failure()
    totals = usage.as_json()
    assert totals["computed"] == 1 and totals["cached"] == 1 and totals["failed"] == 1
    assert totals["prompt_tokens"] == 100 and totals["cost_usd"] == pytest.approx(first.meta.cost_usd)
    assert "1 from cache (free)" in usage.render()


def test_reasks_are_counted_in_the_usage():
    bad = answer(figures=[{"raw": "12", "label": "gain"}])  # not one of the article's numbers as written: re-asked
    backend = ScriptedBackend([bad, answer()])
    result = Summarizer(backend=backend, use_cache=False).summarize(ARTICLE)
    assert len(backend.requests) == 2
    assert (result.meta.prompt_tokens, result.meta.completion_tokens) == (200, 100)


def test_an_unpriced_model_has_no_cost_and_the_report_says_how_to_add_one():
    result = Summarizer(backend=ScriptedBackend([answer()]), use_cache=False).summarize(ARTICLE)
    assert result.meta.cost_usd is None
    usage = RunUsage()
    usage.add(result)
    assert "no price for scripted-model" in usage.render() and "[prices]" in usage.render()


# --- rate limits -------------------------------------------------------------------------------


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def test_requests_per_minute_spaces_requests_after_the_first_minutes_burst():
    clock = FakeClock()
    limiter = RateLimiter(requests_per_minute=60, clock=clock, sleep=clock.sleep)

    async def main() -> None:
        for _ in range(70):
            await limiter.acquire()

    asyncio.run(main())
    assert clock.now == pytest.approx(10.0)  # 60 at once, then one a second
    assert limiter.waited == pytest.approx(10.0)


def test_tokens_per_minute_and_retry_after_hold_every_job():
    clock = FakeClock()
    limiter = RateLimiter(tokens_per_minute=1000, clock=clock, sleep=clock.sleep)

    async def main() -> None:
        await limiter.acquire(1000)
        await limiter.acquire(500)  # the bucket refills at 1000/60 tokens a second
        assert clock.now == pytest.approx(30.0)
        limiter.pause(7)  # a server's Retry-After
        await limiter.acquire(0)
        assert clock.now == pytest.approx(37.0)

    asyncio.run(main())


def test_limits_must_be_positive():
    with pytest.raises(ValueError):
        RateLimiter(requests_per_minute=0)
