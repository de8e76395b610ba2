"""Transport retries: the one place that retries a failed HTTP request, to the model or to the digest's webhook.

The SDK's own retries are switched off (``max_retries=0``) so the two never
stack; validation re-asks are instructor's and bounded separately. Which
failures are transient is the caller's to say (``transient``): only
``summarizer.backends`` knows the SDK's exception types, only the digest's
``webhook`` module knows its own. A failure tells its Retry-After either as an
HTTP response it carries (``exc.response.headers``, as the SDK's errors do) or
as ``exc.retry_after`` in seconds (``parse_retry_after`` reads the header). The OpenAI backend
retries 429 (honouring Retry-After, capped at ``max_wait``), 5xx, timeouts,
connection errors and 2xx answers that are not a chat completion (a proxy's
HTML page, a body cut short), with exponential backoff and jitter. Bounded in attempts and
in time: no wait starts that would carry the request past ``max_seconds``.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ..clock import current

T = TypeVar("T")
log = logging.getLogger(__name__)

RETRY_STATUS = frozenset({408, 409, 429, 500, 502, 503, 504})


class MalformedResponse(Exception):
    """The server answered with success but not with a chat completion: not JSON, or JSON without choices.

    Transient (a proxy's error page, an overloaded server cutting a body short),
    so it is retried like a 5xx rather than spending one of the model's re-asks.
    """


@dataclass
class RetryPolicy:
    attempts: int = 5  # requests in all, the first one included
    max_seconds: float = 120.0  # no wait starts that would end later than this after the first request
    initial_wait: float = 1.0
    max_wait: float = 30.0  # the longest single wait, a server's Retry-After included
    sleep: Callable[[float], None] | None = field(default=None, repr=False)  # None: ``clock.current()``

    def wait_for(self, attempt: int, retry_after: float | None) -> float:
        """Seconds to wait before attempt ``attempt + 1``."""
        if retry_after is not None:
            return min(max(retry_after, 0.0), self.max_wait)
        backoff = self.initial_wait * 2 ** (attempt - 1)
        return float(min(backoff, self.max_wait) * (0.5 + random.random() / 2))


def _describe(exc: BaseException | None) -> str:
    status = getattr(exc, "status_code", None)
    return f"HTTP {status}" if status is not None else type(exc).__name__


def retry_after_seconds(exc: BaseException) -> float | None:
    """The wait a failed request's server asked for: ``exc.retry_after``, or the headers of ``exc.response``."""
    own = getattr(exc, "retry_after", None)
    if isinstance(own, (int, float)):
        return float(own)
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
    return parse_retry_after(headers.get("retry-after"))


def parse_retry_after(value: str | None) -> float | None:
    """A Retry-After header in seconds: a number of seconds or an HTTP date; None when absent or unreadable."""
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


class _Budget:
    """tenacity's wait, stop and before-sleep hooks for one request under ``policy``.

    Time is the larger of the real time since the first attempt and the waits
    asked for so far, so the bound holds whether or not the sleep really sleeps.
    """

    def __init__(self, policy: RetryPolicy, on_retry_after: Callable[[float], None] | None = None) -> None:
        self.policy = policy
        self.on_retry_after = on_retry_after
        self.waited = 0.0

    def wait(self, state: Any) -> float:
        exc = state.outcome.exception() if state.outcome else None
        after = retry_after_seconds(exc) if exc else None
        seconds = self.policy.wait_for(state.attempt_number, after)
        if after is not None and self.on_retry_after is not None:
            self.on_retry_after(seconds)  # capped like our own wait: a huge Retry-After must not stall the batch
        return seconds

    def stop(self, state: Any) -> bool:
        if state.attempt_number >= self.policy.attempts:
            return True
        spent = max(state.seconds_since_start or 0.0, self.waited)
        return bool(spent + state.upcoming_sleep > self.policy.max_seconds)

    def before_sleep(self, state: Any) -> None:
        self.waited += state.upcoming_sleep
        exc = state.outcome.exception() if state.outcome else None
        log.info("attempt %d failed (%s); retrying in %.1fs", state.attempt_number, _describe(exc),
                 state.upcoming_sleep)


def _hooks(policy: RetryPolicy, transient: Callable[[BaseException], bool],
           on_retry_after: Callable[[float], None] | None) -> dict[str, Any]:
    """What the sync and async retries share: which failures, when to stop, how long to wait, what to log."""
    import tenacity

    budget = _Budget(policy, on_retry_after)
    return {"retry": tenacity.retry_if_exception(transient), "stop": budget.stop, "wait": budget.wait,
            "before_sleep": budget.before_sleep, "reraise": True}


def call_with_retries(
    policy: RetryPolicy,
    func: Callable[..., T],
    *args: Any,
    transient: Callable[[BaseException], bool],
    on_retry_after: Callable[[float], None] | None = None,
    **kwargs: Any,
) -> T:
    """Call ``func`` and retry the failures ``transient`` accepts, according to ``policy``;
    ``on_retry_after`` hears every Retry-After wait (capped)."""
    import tenacity

    sleep = policy.sleep or (lambda seconds: current().sleep(seconds))
    retrying = tenacity.Retrying(sleep=sleep, **_hooks(policy, transient, on_retry_after))
    return retrying(func, *args, **kwargs)


async def acall_with_retries(
    policy: RetryPolicy,
    func: Callable[..., Awaitable[T]],
    *args: Any,
    transient: Callable[[BaseException], bool],
    on_retry_after: Callable[[float], None] | None = None,
    **kwargs: Any,
) -> T:
    """The async twin of ``call_with_retries``."""
    import tenacity

    async def sleep(seconds: float) -> None:
        await current().asleep(seconds)

    retrying = tenacity.AsyncRetrying(sleep=sleep, **_hooks(policy, transient, on_retry_after))
    return await retrying(func, *args, **kwargs)
