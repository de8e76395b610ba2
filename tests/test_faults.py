"""Faults from the model endpoint: a real OpenAI-compatible server on loopback that misbehaves on purpose.

Every fault is tried for one article (``summarize``: the sync client) and in a
batch of 50 (``summarize_many``: the async client, 8 at a time, the rate
limiter), once and then on every attempt. Each must end the right way: retried
and succeeded, re-asked and succeeded, or a clear error for that article alone.
The batch always finishes, keeps every success, caches nothing invalid, and
stays within the configured attempts and waits. ``docs/reliability.md``
tabulates what this file proves.
"""

from __future__ import annotations

import json
import math
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from openai_stub import StubHandler, StubServer, answer_with, drop_mid_response, hang, not_json, status

from summarizer import Settings, Summarizer, Summary
from summarizer.backends.openai_compat import OpenAIBackend
from summarizer.backends.ratelimit import RateLimiter
from summarizer.backends.retry import RetryPolicy
from summarizer.cli import cli
from summarizer.errors import ModelOutputError, ModelUnavailableError
from summarizer.testing import VirtualClock

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])

ATTEMPTS = 3  # transport attempts per request
REASKS = 2  # validation re-asks per article
MAX_SECONDS = 60.0
MAX_WAIT = RetryPolicy().max_wait
TIMEOUT = 3.0  # the client's: roomy, so a busy CI machine never times out a sound answer; a hang lasts longer
HANG = 4.0
BATCH = 50
JOBS = 8


def article(n: int) -> str:
    return (f"Shares rose {n + 1}% on Tuesday at Example Corp unit {n} after quarterly revenue of "
            f"${n + 2} billion.\n\nThe chief executive said demand stayed strong and hiring would continue.")


_UNIT = re.compile(r"Example Corp unit (\d+)")


def number_of(request: dict[str, Any]) -> int:
    """Which article a request is about (re-asks repeat the article, so they count for it too)."""
    found = _UNIT.search(json.dumps(request["messages"]))
    assert found is not None
    return int(found.group(1))


def _ungrounded(handler: StubHandler, request: dict[str, Any]) -> None:
    answer_with(handler, {
        "summary": ["Example Corp reported higher revenue.", "Its shares rose on the news."],
        "key_figures": [{"raw": "$999 billion", "label": "revenue"}],  # nowhere in the article
        "sentiment": {"label": "positive", "score": 0.5, "rationale": "shares rose"},
    })


Fault = Callable[[StubHandler, dict[str, Any]], None]
FAULTS: dict[str, Fault] = {
    "429": lambda h, r: status(h, 429, message="rate limit reached"),
    "429 Retry-After": lambda h, r: status(h, 429, {"Retry-After": "1"}, "rate limit reached"),
    "500": lambda h, r: status(h, 500),
    "502": lambda h, r: status(h, 502),
    "503": lambda h, r: status(h, 503),
    "hang past the timeout": lambda h, r: hang(h, r, HANG),
    "dropped connection": drop_mid_response,
    "non-JSON body": lambda h, r: not_json(h),
    "JSON failing the schema": lambda h, r: answer_with(h, {"summary": "one string", "sentiment": {"label": "great"}}),
    "ungrounded figure": _ungrounded,
    "cut off by the token limit": lambda h, r: answer_with(h, '{"summary": ["Example Corp', finish_reason="length"),
}
TRANSPORT = ["429", "429 Retry-After", "500", "502", "503", "hang past the timeout", "dropped connection",
             "non-JSON body"]
ANSWERS = ["JSON failing the schema", "ungrounded figure"]
assert set(TRANSPORT + ANSWERS + ["cut off by the token limit"]) == set(FAULTS)

# What the error says when a fault outlives the retries: the cause and what to do.
HINTS = {
    "429": r"kept failing with HTTP 429 after retries \(rate limit reached\); try again later",
    "429 Retry-After": r"kept failing with HTTP 429 after retries .*; try again later",
    "500": r"kept failing with HTTP 500 after retries .*; try again later",
    "502": r"kept failing with HTTP 502 after retries .*; try again later",
    "503": r"kept failing with HTTP 503 after retries .*; try again later",
    "hang past the timeout": r"did not answer within 3s after retries; raise SUMMARIZER_TIMEOUT",
    "dropped connection": r"broke off after retries \(peer closed connection .*\); try again later",
    "non-JSON body": r"kept answering with a body that is not JSON after retries; check that OPENAI_BASE_URL",
    "JSON failing the schema": r"no valid answer after 3 attempts .*; try a larger model",
    "cut off by the token limit": r"cut off by the token limit; raise SUMMARIZER_MAX_TOKENS",
}


class Faulty:
    """A ``behaviour``: the chosen articles get ``fault`` on their first ``times`` requests, then sound answers."""

    def __init__(self, fault: str, times: float = 1, chosen: Callable[[int], bool] = lambda n: True) -> None:
        self.fault = FAULTS[fault]
        self.times = times
        self.chosen = chosen
        self.tries: Counter[int] = Counter()
        self._lock = threading.Lock()

    def __call__(self, handler: StubHandler, request: dict[str, Any], number: int) -> bool:
        n = number_of(request)
        with self._lock:
            self.tries[n] += 1
            attempt = self.tries[n]
        if not self.chosen(n) or attempt > self.times:
            return False
        self.fault(handler, request)
        return True


@pytest.fixture
def waits(virtual_clock: VirtualClock) -> list[float]:
    """Every retry wait asked for, sync and async; none is waited for real."""
    return virtual_clock.waits


@pytest.fixture
def serve() -> Iterator[Callable[[Faulty | None], StubServer]]:
    servers: list[StubServer] = []

    def start(behaviour: Faulty | None) -> StubServer:
        servers.append(StubServer(behaviour=behaviour).__enter__())
        return servers[-1]

    yield start
    for server in servers:
        server.__exit__()


def settings_for(server: StubServer, **overrides: Any) -> Settings:
    values = {"backend": "openai", "base_url": server.base_url, "model": "stub-model", "timeout": TIMEOUT,
              "retry_attempts": ATTEMPTS, "retry_max_seconds": MAX_SECONDS, "reasks": REASKS, **overrides}
    return Settings.resolve(**values)


def summarizer_for(server: StubServer, **overrides: Any) -> Summarizer:
    return Summarizer(settings_for(server, **overrides))


def cached_entries(summarizer: Summarizer) -> int:
    assert summarizer.cache is not None
    return int(summarizer.cache.info()["entries"])


def valid(result: Summary) -> bool:
    """The result re-validates against the output contract, as a consumer would read it."""
    return Summary.model_validate_json(result.model_dump_json()) == result


# --- one article --------------------------------------------------------------------------------------


@pytest.mark.parametrize("fault", TRANSPORT)
def test_a_transport_fault_once_is_retried_and_succeeds(fault, serve, waits):
    server = serve(Faulty(fault))
    with summarizer_for(server) as summarizer:
        result = summarizer.summarize(article(1))
        assert valid(result) and result.key_figures[0].raw == "2%"
        assert result.meta.requests == 2 and len(server.requests) == 2  # one retry, no re-ask
        assert cached_entries(summarizer) == 1
    assert len(waits) == 1
    if fault == "429 Retry-After":
        assert waits == [1.0]  # the server's wait, exactly
    else:
        assert 0.5 <= waits[0] <= 1.0  # the first backoff step, with jitter


@pytest.mark.parametrize("fault", ANSWERS)
def test_an_invalid_answer_once_is_re_asked_and_succeeds(fault, serve, waits):
    server = serve(Faulty(fault))
    with summarizer_for(server) as summarizer:
        result = summarizer.summarize(article(1))
    assert valid(result) and waits == []  # a re-ask, not a transport retry
    assert len(server.requests) == 2 and result.meta.requests == 2
    assert "999" not in result.model_dump_json() and not result.meta.warnings
    feedback = server.requests[1]["messages"][-1]["content"]  # the re-ask tells the model what was wrong
    expected = "does not appear verbatim in the article" if fault == "ungrounded figure" else "validation error"
    assert expected in feedback


def test_output_cut_off_by_the_token_limit_is_a_clear_error_and_nothing_is_cached(serve, waits):
    server = serve(Faulty("cut off by the token limit"))
    with summarizer_for(server) as summarizer:
        with pytest.raises(ModelOutputError, match=HINTS["cut off by the token limit"]):
            summarizer.summarize(article(1))
        assert cached_entries(summarizer) == 0
        assert len(server.requests) == 1 and waits == []  # the same limit would cut it again: no retry
        assert summarizer.summarize(article(1)).meta.cached is False  # the next run asks again


@pytest.mark.parametrize("fault", TRANSPORT)
def test_a_transport_fault_on_every_attempt_is_a_clear_error_within_bounds(fault, serve, waits):
    server = serve(Faulty(fault, times=math.inf))
    with summarizer_for(server) as summarizer:
        with pytest.raises(ModelUnavailableError, match=HINTS[fault]) as caught:
            summarizer.summarize(article(1))
        assert cached_entries(summarizer) == 0
    assert "please report" not in str(caught.value) and "Traceback" not in str(caught.value)
    assert len(server.requests) == ATTEMPTS  # the policy's attempts; the SDK adds none and nothing is re-asked
    assert len(waits) == ATTEMPTS - 1 and sum(waits) <= MAX_SECONDS and max(waits) <= MAX_WAIT


def test_an_answer_invalid_on_every_attempt_is_a_clear_error_after_the_re_asks(serve, waits):
    server = serve(Faulty("JSON failing the schema", times=math.inf))
    with summarizer_for(server) as summarizer:
        with pytest.raises(ModelOutputError, match=HINTS["JSON failing the schema"]):
            summarizer.summarize(article(1))
        assert cached_entries(summarizer) == 0
    assert len(server.requests) == REASKS + 1 and waits == []


def test_an_ungrounded_figure_on_every_attempt_is_dropped_and_said(serve, waits):
    server = serve(Faulty("ungrounded figure", times=math.inf))
    with summarizer_for(server) as summarizer:
        result = summarizer.summarize(article(1))
    assert len(server.requests) == REASKS + 1
    assert valid(result) and result.key_figures == [] and "999" not in result.summary
    assert any("dropped figure" in w and "$999 billion" in w for w in result.meta.warnings)


PROSE = {"id": "chatcmpl-stub", "object": "chat.completion", "created": 0, "model": "stub-model",
         "choices": [{"index": 0, "finish_reason": "stop",
                      "message": {"role": "assistant", "content": "Sure! The company did well."}}],
         "usage": {"prompt_tokens": 120, "completion_tokens": 8, "total_tokens": 128}}


def test_prose_instead_of_the_tool_call_on_every_attempt_says_to_try_another_mode(serve, waits):
    behaviour = Faulty("500", times=math.inf)
    behaviour.fault = lambda h, r: h.send_json(200, PROSE)
    server = serve(behaviour)
    with summarizer_for(server) as summarizer, \
            pytest.raises(ModelOutputError, match=r"did not answer in the requested form .*; try another --mode"):
        summarizer.summarize(article(1))
    assert len(server.requests) == REASKS + 1 and waits == []


def test_a_huge_retry_after_is_capped(serve, waits):
    behaviour = Faulty("429")
    behaviour.fault = lambda h, r: status(h, 429, {"Retry-After": "3600"})
    server = serve(behaviour)
    with summarizer_for(server) as summarizer:
        assert valid(summarizer.summarize(article(1)))
    assert waits == [MAX_WAIT]


def test_waits_never_carry_a_request_past_max_seconds(serve, waits):
    """Retry-After 30 on every attempt, ten attempts allowed, 60 s in all: two waits, then the error."""
    behaviour = Faulty("429", times=math.inf)
    behaviour.fault = lambda h, r: status(h, 429, {"Retry-After": "30"})
    server = serve(behaviour)
    with summarizer_for(server, retry_attempts=10, retry_max_seconds=60) as summarizer, \
            pytest.raises(ModelUnavailableError, match="HTTP 429 after retries"):
        summarizer.summarize(article(1))
    assert waits == [30.0, 30.0] and len(server.requests) == 3


# --- a batch of 50 ------------------------------------------------------------------------------------


def chosen(n: int) -> bool:
    return n % 5 == 0  # 10 of the 50


class Clock:
    """The rate limiter's clock and sleep: a Retry-After pauses every job, on this clock, not for real."""

    def __init__(self) -> None:
        self.now = 0.0
        self.held: list[float] = []  # each wait of a job held back by the limiter

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.held.append(seconds)
        self.now += seconds


def run_batch(server: StubServer, clock: Clock | None = None, policy: RetryPolicy | None = None) -> dict[int, Any]:
    settings = settings_for(server)
    backend = OpenAIBackend(settings, retry_policy=policy)
    clock = clock or Clock()
    backend.limiter = RateLimiter(clock=clock, sleep=clock.sleep)
    with Summarizer(settings, backend=backend) as summarizer:
        results = {r.index: r for r in summarizer.summarize_many([article(n) for n in range(BATCH)], jobs=JOBS)}
    assert sorted(results) == list(range(BATCH))  # the batch finished: every article has its result
    return results


def rerun_when_sound(server: StubServer, failed: set[int]) -> None:
    """Successes come back from the cache; only the failed articles are asked for again: none was cached."""
    server.behaviour = None
    before = len(server.requests)
    results = run_batch(server)
    assert all(r.ok for r in results.values())
    recomputed = {n for n, r in results.items() if not r.summary.meta.cached}
    assert recomputed == failed and len(server.requests) - before == len(failed)


@pytest.mark.parametrize("fault", list(FAULTS))
def test_a_batch_of_50_with_a_fault_once_on_10_articles(fault, serve, waits):
    behaviour = Faulty(fault, chosen=chosen)
    server = serve(behaviour)
    clock = Clock()
    results = run_batch(server, clock)
    failed = {n for n, r in results.items() if not r.ok}
    for n, result in results.items():
        if result.ok:
            assert valid(result.summary) and result.summary.key_figures[0].raw == f"{n + 1}%"  # its own article
    if fault == "cut off by the token limit":
        assert failed == {n for n in range(BATCH) if chosen(n)}
        for n in failed:
            assert isinstance(results[n].error, ModelOutputError)
            assert re.search(HINTS[fault], str(results[n].error))
    else:
        assert failed == set()  # every fault was survived
    expected = 1 if fault == "cut off by the token limit" else 2
    assert all(behaviour.tries[n] == (expected if chosen(n) else 1) for n in range(BATCH))
    retried = 10 if fault in TRANSPORT else 0
    assert len(waits) == retried and all(w <= MAX_WAIT for w in waits)
    if fault == "429 Retry-After":
        assert waits == [1.0] * 10  # each told job waits what the server said
        assert clock.held and max(clock.held) <= 1.0  # and the others are held back no longer
    rerun_when_sound(server, failed)


@pytest.mark.parametrize("fault", list(FAULTS))
def test_a_batch_of_50_with_a_fault_on_every_attempt_for_10_articles(fault, serve, waits):
    behaviour = Faulty(fault, times=math.inf, chosen=chosen)
    server = serve(behaviour)
    results = run_batch(server)
    failed = {n for n, r in results.items() if not r.ok}
    kept = {n for n, r in results.items() if r.ok}
    assert all(valid(results[n].summary) for n in kept)
    if fault == "ungrounded figure":  # kept, without the figure, with a warning
        assert failed == set()
        assert all(any("dropped figure" in w for w in results[n].summary.meta.warnings) for n in range(0, BATCH, 5))
    else:
        assert failed == {n for n in range(BATCH) if chosen(n)}  # those 10 and no other
        kind = ModelUnavailableError if fault in TRANSPORT else ModelOutputError
        for n in failed:
            error = results[n].error
            assert isinstance(error, kind) and re.search(HINTS[fault], str(error)), error
            assert "please report" not in str(error)
    bound = ATTEMPTS if fault in TRANSPORT else (REASKS + 1 if fault in ANSWERS else 1)
    assert all(behaviour.tries[n] == (bound if chosen(n) else 1) for n in range(BATCH))
    assert len(server.requests) == 40 + 10 * bound
    assert len(waits) == (10 * (ATTEMPTS - 1) if fault in TRANSPORT else 0)
    assert all(w <= MAX_WAIT for w in waits) and sum(waits) <= 10 * MAX_SECONDS
    rerun_when_sound(server, failed)


def test_a_huge_retry_after_pauses_the_batch_no_longer_than_max_wait(serve, waits):
    """A Retry-After pauses every job (the limit is the account's), capped like the retry's own wait."""
    behaviour = Faulty("429", chosen=lambda n: n == 0)
    behaviour.fault = lambda h, r: status(h, 429, {"Retry-After": "3600"})
    server = serve(behaviour)
    clock = Clock()
    results = run_batch(server, clock)
    assert all(r.ok for r in results.values())
    assert waits == [MAX_WAIT]
    assert sum(clock.held) <= MAX_WAIT  # the other jobs were held back 30 s at most, not an hour


# --- the command line ---------------------------------------------------------------------------------


def test_cli_batch_keeps_the_others_results_and_exits_1(serve, waits, tmp_path: Path, monkeypatch):
    folder = tmp_path / "news"
    folder.mkdir()
    for n in range(12):
        (folder / f"a{n:02d}.txt").write_text(article(n), encoding="utf-8")
    server = serve(Faulty("503", times=math.inf, chosen=lambda n: n % 4 == 0))
    config = tmp_path / "config.toml"
    config.write_text(f"retry_attempts = {ATTEMPTS}\ntimeout = {TIMEOUT}\n", encoding="utf-8")
    monkeypatch.setenv("SUMMARIZER_CONFIG", str(config))
    env = {"OPENAI_BASE_URL": server.base_url, "SUMMARIZER_MODEL": "stub-model"}
    result = CliRunner().invoke(cli, [str(folder), "-f", "jsonl", "-j", "4"], env=env)
    assert result.exit_code == 1
    rows = {row["id"]: row for row in map(json.loads, result.stdout.splitlines())}
    assert len(rows) == 12
    failed = {key for key, row in rows.items() if not row["ok"]}
    assert failed == {str(folder / f"a{n:02d}.txt") for n in (0, 4, 8)}
    for row in rows.values():
        if row["ok"]:
            assert Summary.model_validate(row["result"]).summary
        else:
            assert "kept failing with HTTP 503 after retries" in row["error"] and "try again later" in row["error"]
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 3 and "3 of 12 article(s) failed" in result.stderr
    assert "Traceback" not in result.output and "API call failed" not in result.stderr  # one line per failure
    assert len(server.requests) == 9 + 3 * ATTEMPTS

