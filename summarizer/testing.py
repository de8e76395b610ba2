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
the one the command line and ``Summarizer()`` choose by name.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from .backends.base import Backend
from .backends.registry import default_model, registered
from .backends.scripted import EchoBackend, ScriptedBackend, answer, completion

__all__ = ["EchoBackend", "ScriptedBackend", "answer", "completion", "serving"]


@contextmanager
def serving(backend: Backend, name: str = "local") -> Iterator[Backend]:
    """Within the block, the backend called ``name`` is ``backend``: for code that builds its own
    ``Summarizer`` from settings (the command line, the digest), through the public registry."""
    with registered(name, lambda settings: backend, default_model=default_model(name)):
        yield backend
