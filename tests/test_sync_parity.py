"""The sync and async paths hold to the same behaviour (as llm's ``test_async_parity``).

``Summarizer.summarize()`` and ``asummarize()`` both take each request from the
rate limiter and both pause it on a server's Retry-After; on a clock driven by
the test, so nothing is waited for real.
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx2 as httpx
import pytest

from summarizer import Settings, Summarizer
from summarizer.backends.openai_compat import OpenAIBackend
from summarizer.backends.ratelimit import RateLimiter
from summarizer.backends.retry import RetryPolicy
from summarizer.testing import VirtualClock, answer, completion

GOOD = completion(answer(summary=("Example Corp shares rose after its results.",
                                  "Revenue was reported for the quarter."))).model_dump(mode="json")
ARTICLES = [f"Example Corp shares rose after its results on day {n}. Revenue was reported for the quarter.\n"
            for n in (1, 2, 3)]


class Server:
    """Answers with ``steps`` in order (an int: that HTTP status with Retry-After 7), noting when each request came."""

    def __init__(self, clock: VirtualClock, steps: list[Any]) -> None:
        self.clock, self.steps, self.times = clock, steps, []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.times.append(self.clock.now)
        step = self.steps.pop(0) if self.steps else GOOD
        if isinstance(step, int):
            return httpx.Response(step, headers={"retry-after": "7"}, json={"error": {"message": "slow down"}})
        return httpx.Response(200, json=step)


def run(path: str, server: Server, clock: VirtualClock, **limits: float) -> None:
    settings = Settings.resolve(backend="openai", base_url="http://model.test/v1", api_key="sk-test", model="m",
                                use_cache=False, **limits)
    transport = httpx.MockTransport(server)
    backend = OpenAIBackend(settings, http_client=httpx.Client(transport=transport),
                            async_http_client=httpx.AsyncClient(transport=transport),
                            retry_policy=RetryPolicy(attempts=3, sleep=lambda seconds: None))
    backend.limiter = RateLimiter(settings.requests_per_minute, settings.tokens_per_minute, clock=clock.monotonic,
                                  sleep=clock.asleep, block=clock.sleep)
    with Summarizer(settings, backend=backend) as summarizer:
        if path == "sync":
            for text in ARTICLES:
                summarizer.summarize(text)
        else:
            async def main() -> None:
                for text in ARTICLES:
                    await summarizer.asummarize(text)

            asyncio.run(main())


@pytest.mark.parametrize("path", ["sync", "async"])
def test_requests_per_minute_are_kept(path: str):
    clock = VirtualClock(now=0.0)
    server = Server(clock, [])
    run(path, server, clock, requests_per_minute=1)
    assert server.times == [0.0, 60.0, 120.0]  # one a minute: the bucket holds one, then refills one a minute


@pytest.mark.parametrize("path", ["sync", "async"])
def test_retry_after_pauses_the_next_requests(path: str):
    clock = VirtualClock(now=0.0)
    server = Server(clock, [429])
    run(path, server, clock)
    assert server.times == [0.0, 7.0, 7.0, 7.0]  # the retry and the articles after it wait what the server said
