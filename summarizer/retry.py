"""Transport retries: the one place that retries a failed request to the model.

The SDK's own retries are switched off (``max_retries=0``) so the two never
stack; validation re-asks are instructor's and bounded separately. Retried:
429 (honouring Retry-After), 5xx, timeouts and connection errors, with
exponential backoff and jitter, bounded in attempts and in total time.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")
log = logging.getLogger(__name__)

RETRY_STATUS = frozenset({408, 409, 429, 500, 502, 503, 504})


@dataclass
class RetryPolicy:
    attempts: int = 5
    max_seconds: float = 120.0
    initial_wait: float = 1.0
    max_wait: float = 30.0
    sleep: Callable[[float], None] | None = field(default=None, repr=False)  # None: ``_sleep``

    def wait_for(self, attempt: int, retry_after: float | None) -> float:
        """Seconds to wait before attempt ``attempt + 1``."""
        if retry_after is not None:
            return min(max(retry_after, 0.0), self.max_wait)
        backoff = self.initial_wait * 2 ** (attempt - 1)
        return float(min(backoff, self.max_wait) * (0.5 + random.random() / 2))


def _sleep(seconds: float) -> None:
    """The real wait; tests replace it so they never wait."""
    time.sleep(seconds)


async def _asleep(seconds: float) -> None:
    """The real wait in async code; tests replace it so they never wait."""
    await asyncio.sleep(seconds)


def _describe(exc: BaseException | None) -> str:
    status = getattr(exc, "status_code", None)
    return f"HTTP {status}" if status is not None else type(exc).__name__


def is_transient(exc: BaseException) -> bool:
    import openai

    if isinstance(exc, (openai.APITimeoutError, openai.APIConnectionError)):
        return True
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code in RETRY_STATUS or exc.status_code >= 500
    return False


def retry_after_seconds(exc: BaseException) -> float | None:
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    if headers is None:
        return None
    value = headers.get("retry-after-ms")
    if value is not None:
        try:
            return float(value) / 1000
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        from email.utils import parsedate_to_datetime

        try:
            return max(parsedate_to_datetime(value).timestamp() - time.time(), 0.0)
        except (TypeError, ValueError):
            return None


def call_with_retries(policy: RetryPolicy, func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Call ``func`` and retry transient failures according to ``policy``."""
    import tenacity

    def wait(state: tenacity.RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        seconds = policy.wait_for(state.attempt_number, retry_after_seconds(exc) if exc else None)
        log.info("attempt %d failed (%s); retrying in %.1fs", state.attempt_number, _describe(exc), seconds)
        return seconds

    retrying = tenacity.Retrying(
        retry=tenacity.retry_if_exception(is_transient),
        stop=tenacity.stop_after_attempt(policy.attempts) | tenacity.stop_after_delay(policy.max_seconds),
        wait=wait,
        sleep=policy.sleep or _sleep,
        reraise=True,
    )
    return retrying(func, *args, **kwargs)


async def acall_with_retries(
    policy: RetryPolicy,
    func: Callable[..., Awaitable[T]],
    *args: Any,
    on_retry_after: Callable[[float], None] | None = None,
    **kwargs: Any,
) -> T:
    """The async twin of ``call_with_retries``; ``on_retry_after`` hears every Retry-After the server sends."""
    import tenacity

    def wait(state: tenacity.RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        after = retry_after_seconds(exc) if exc else None
        if after is not None and on_retry_after is not None:
            on_retry_after(after)
        seconds = policy.wait_for(state.attempt_number, after)
        log.info("attempt %d failed (%s); retrying in %.1fs", state.attempt_number, _describe(exc), seconds)
        return seconds

    async def sleep(seconds: float) -> None:
        await _asleep(seconds)

    retrying = tenacity.AsyncRetrying(
        retry=tenacity.retry_if_exception(is_transient),
        stop=tenacity.stop_after_attempt(policy.attempts) | tenacity.stop_after_delay(policy.max_seconds),
        wait=wait,
        sleep=sleep,
        reraise=True,
    )
    return await retrying(func, *args, **kwargs)
