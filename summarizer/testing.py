"""Test doubles for code that uses summarizer, as httpx ships ``MockTransport``: no model, no network.

    >>> from summarizer import Summarizer
    >>> from summarizer.testing import EchoBackend
    >>> with Summarizer(backend=EchoBackend(), use_cache=False) as s:
    ...     s.summarize("Shares rose 5% on Monday after the results.").key_figures[0].raw
    '5%'

``ScriptedBackend(answers)`` answers each request with the next canned answer
(``answer(...)`` builds one, ``completion(...)`` a whole ChatCompletion), through
the same instructor validation and re-asks as the real backends.
``EchoBackend`` answers any request from its own text, thread-safely, for batches.
Both record what they were asked. ``with serving(backend):`` makes a backend
the one the command line and ``Summarizer()`` choose by name. ``with virtual_time()
as clock:`` lets retries and rate limits wait on a ``VirtualClock`` instead of for real.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, tzinfo

from . import clock as _clock
from .backends.base import Backend
from .backends.registry import default_model, registered
from .backends.scripted import EchoBackend, ScriptedBackend, answer, completion

__all__ = ["EchoBackend", "ScriptedBackend", "VirtualClock", "answer", "completion", "serving", "virtual_time"]


@contextmanager
def serving(backend: Backend, name: str = "local") -> Iterator[Backend]:
    """Within the block, the backend called ``name`` is ``backend``: for code that builds its own
    ``Summarizer`` from settings (the command line, the digest), through the public registry."""
    with registered(name, lambda settings: backend, default_model=default_model(name)):
        yield backend


class VirtualClock:
    """Time that passes only when something waits: a retry's backoff, a rate limit, a Retry-After pause,
    the digest scheduler's wait for its next run.

    ``waits`` lists every wait asked for, sync and async, in order; ``now`` is the time it keeps.
    ``wall`` is the date and time it starts at (``time()``, ``datetime()``), 2025-01-01 UTC by default.
    """

    def __init__(self, now: float = 1000.0, *, wall: datetime | None = None) -> None:
        self.now = now
        self.waits: list[float] = []
        self._epoch = (wall or datetime(2025, 1, 1, tzinfo=UTC)).timestamp() - now

    def monotonic(self) -> float:
        return self.now

    def time(self) -> float:
        return self._epoch + self.now

    def datetime(self, tz: tzinfo = UTC) -> datetime:
        """The wall time, in ``tz``."""
        return datetime.fromtimestamp(self.time(), tz)

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds

    async def asleep(self, seconds: float) -> None:
        self.sleep(seconds)
        await asyncio.sleep(0)  # still a point where other tasks run, as a real wait is


@contextmanager
def virtual_time(clock: VirtualClock | None = None) -> Iterator[VirtualClock]:
    """Within the block, every wait without a clock of its own is on ``clock`` (a new one by default)."""
    clock = clock or VirtualClock()
    with _clock.using(clock):
        yield clock
