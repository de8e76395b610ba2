"""Transport retries through the real openai SDK, with httpx's MockTransport as the network."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import httpx2 as httpx
import pytest

from summarizer import ModelUnavailableError, Settings
from summarizer.backends import ExtractionRequest
from summarizer.backends.openai_compat import OpenAIBackend
from summarizer.backends.retry import RetryPolicy, call_with_retries, parse_retry_after, retry_after_seconds
from summarizer.errors import ConfigError
from summarizer.testing import answer, completion

ARTICLE = "Shares of Example Corp rose 12% after it reported revenue of $3.2 billion."
REQUEST = ExtractionRequest([{"role": "user", "content": ARTICLE}], ARTICLE, ("12%", "$3.2 billion"))
GOOD = completion(answer(figures=[{"raw": "12%", "label": "share gain", "unit": "%"}])).model_dump(mode="json")


class Script:
    """Answers requests in order: an int is an HTTP status, a dict a JSON body, an exception is raised."""

    def __init__(self, *steps: Any) -> None:
        self.steps = list(steps)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        step = self.steps.pop(0)
        if isinstance(step, Exception):
            raise step
        if isinstance(step, tuple):
            status, headers = step
            return httpx.Response(status, headers=headers, json={"error": {"message": "busy"}})
        if isinstance(step, int):
            return httpx.Response(step, json={"error": {"message": f"status {step}"}})
        return httpx.Response(200, json=step)


def backend_for(script: Script, waits: list[float], attempts: int = 4) -> OpenAIBackend:
    settings = Settings.resolve(backend="openai", base_url="http://model.test/v1", api_key="sk-test", model="m")
    policy = RetryPolicy(attempts=attempts, max_seconds=60, sleep=waits.append)
    return OpenAIBackend(settings, http_client=httpx.Client(transport=httpx.MockTransport(script)),
                         retry_policy=policy)


def test_429_is_retried_honouring_retry_after():
    script, waits = Script((429, {"retry-after": "7"}), GOOD), []
    outcome = backend_for(script, waits).extract(REQUEST)
    assert waits == [7.0]
    assert len(script.requests) == 2
    assert [f.raw for f in outcome.extraction.key_figures] == ["12%"]


@pytest.mark.parametrize("failure", [500, 502, 503, httpx.ConnectError("refused"), httpx.ReadTimeout("slow")])
def test_transient_failures_are_retried_with_backoff(failure):
    script, waits = Script(failure, failure, GOOD), []
    outcome = backend_for(script, waits).extract(REQUEST)
    assert len(script.requests) == 3
    assert len(waits) == 2 and 0.5 <= waits[0] <= 1.0 and 1.0 <= waits[1] <= 2.0
    assert outcome.extraction.sentiment.label == "positive"


def test_sdk_retries_are_off_so_attempts_do_not_stack():
    script, waits = Script(503, 503, 503, 503), []
    with pytest.raises(ModelUnavailableError, match="kept failing with HTTP 503 after retries"):
        backend_for(script, waits, attempts=4).extract(REQUEST)
    assert len(script.requests) == 4  # exactly the policy's attempts, not attempts x SDK retries
    assert len(waits) == 3


def test_connection_failure_on_every_attempt_says_how_to_fix_it():
    script, waits = Script(*[httpx.ConnectError("refused")] * 3), []
    with pytest.raises(ModelUnavailableError, match=r"cannot reach http://model\.test/v1; check OPENAI_BASE_URL"):
        backend_for(script, waits, attempts=3).extract(REQUEST)


def test_client_errors_are_not_retried():
    script, waits = Script(401), []
    with pytest.raises(ConfigError, match="rejected the API key"):
        backend_for(script, waits).extract(REQUEST)
    assert len(script.requests) == 1 and waits == []


def test_validation_reasks_are_separate_from_transport_retries():
    bad = completion(answer(figures=[{"raw": "12", "label": "gain"}])).model_dump(mode="json")  # not as written
    script, waits = Script(500, bad, GOOD), []
    outcome = backend_for(script, waits).extract(REQUEST)
    assert len(script.requests) == 3 and len(waits) == 1
    reask = json.loads(script.requests[2].content)["messages"]
    assert "'12%'" in reask[-1]["content"] and "Input should be" in reask[-1]["content"]
    assert outcome.attempts == 2


def test_request_forces_the_tool_call_that_constrains_decoding():
    script, waits = Script(GOOD), []
    backend_for(script, waits).extract(REQUEST)
    body = json.loads(script.requests[0].content)
    assert body["tool_choice"] == {"type": "function", "function": {"name": "Extraction"}}
    assert body["tools"][0]["function"]["parameters"]["properties"]["summary"]["maxItems"] == 4
    assert body["temperature"] == 0.0


def test_a_failure_can_state_its_own_retry_after_and_http_dates_are_read():
    """The digest's webhook raises its own errors (no SDK response): ``retry_after`` in seconds is honoured."""
    class Busy(Exception):
        retry_after = 7.0

    calls: list[int] = []

    def flaky() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise Busy
        return "ok"

    slept: list[float] = []
    policy = RetryPolicy(attempts=3, sleep=slept.append)
    assert call_with_retries(policy, flaky, transient=lambda exc: isinstance(exc, Busy)) == "ok"
    assert slept == [7.0, 7.0] and retry_after_seconds(Busy()) == 7.0
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=120), usegmt=True)
    assert 100 < (parse_retry_after(later) or 0) <= 120
    assert parse_retry_after("12") == 12.0 and parse_retry_after("soon") is None and parse_retry_after(None) is None
