"""The result cache. The only module that knows diskcache.

Keys are a SHA-256 over everything that changes the answer: the cleaned text
and its metadata, backend, endpoint, model identity, prompt version and wording,
the schema, and the generation settings. Values are the result's JSON. An entry
that cannot be read or parsed is a miss (and is deleted), never a crash; a
cache directory that cannot be opened disables caching with a warning.
Processes sharing a cache claim an article before computing it, so two runs
over the same folder compute each article once.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import os
import socket
import time
from collections.abc import Generator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .models import Summary

log = logging.getLogger(__name__)

CLAIM_POLL_SECONDS = 0.25


@dataclass
class Claim:
    """The end of the claim protocol: the key is ours to compute (``owner``), or another process's result (``hit``)."""

    key: str
    owner: str | None = None
    hit: Summary | None = None


def _claim(key: str) -> str:
    return f"claim:{key}"


def _owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _alive(owner: str) -> bool:
    """False only when the owner is a process on this host that no longer exists."""
    host, _, pid = owner.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return True  # another machine sharing the cache: trust the claim's expiry
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def cache_key(parts: dict[str, Any]) -> str:
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class ResultCache:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._cache: Any = None
        self._broken: str | None = None

    def _open(self) -> Any:
        if self._cache is None and self._broken is None:
            import diskcache  # imported here: keeps start-up fast when the cache is not used

            try:
                self._cache = diskcache.Cache(str(self.directory))
            except Exception as exc:  # a corrupt database or an unwritable folder
                self._broken = f"cache at {self.directory} is unusable ({exc}); continuing without it"
                log.warning(self._broken)
        return self._cache

    def get(self, key: str) -> Summary | None:
        cache = self._open()
        if cache is None:
            return None
        try:
            blob = cache.get(key)
        except Exception as exc:
            log.warning("cache read failed (%s); treating as a miss", exc)
            return None
        if blob is None:
            return None
        try:
            return Summary.model_validate_json(blob)
        except (ValidationError, ValueError, TypeError):
            log.warning("cache entry %s is unreadable; treating as a miss", key[:12])
            self.delete(key)
            return None

    def set(self, key: str, result: Summary) -> None:
        cache = self._open()
        if cache is None:
            return
        try:
            cache.set(key, result.model_dump_json())
        except Exception as exc:
            log.warning("cache write failed (%s); the result is not cached", exc)

    # --- claims: one process computes an article, the others wait for its result ------------------

    def claim(self, key: str, ttl: float) -> str | None:
        """Claim ``key`` for this process; ``None`` if someone else holds a live claim on it.

        A claim is a diskcache ``add`` (atomic across processes) of our host and
        pid that expires after ``ttl`` seconds, so a crashed owner delays others
        by at most ``ttl``; a dead owner on this host is noticed at once.
        """
        cache = self._open()
        if cache is None:
            return _owner()
        owner = _owner()
        try:
            if cache.add(_claim(key), owner, expire=ttl):
                return owner
            holder = cache.get(_claim(key))
            if holder is not None and not _alive(str(holder)):
                log.info("claim on %s held by a dead process %s; taking it over", key[:12], holder)
                cache.set(_claim(key), owner, expire=ttl)
                return owner
        except Exception as exc:  # a cache that cannot hold claims must not stop the work
            log.warning("cache claim failed (%s); computing without one", exc)
            return owner
        return None

    def claiming(self, key: str, ttl: float, label: str = "article") -> Generator[float, None, Claim]:
        """The claim protocol, as steps without I/O of its own: yields the seconds to wait while another process
        holds ``key``, and ends with a ``Claim``: ours, or that process's result once it is cached.

        ``wait_for_claim`` and ``await_claim`` drive it, sleeping or awaiting.
        """
        while (owner := self.claim(key, ttl)) is None:
            log.info("%s: another process is summarizing it; waiting for its result", label)
            yield CLAIM_POLL_SECONDS
            if (hit := self.get(key)) is not None:
                return Claim(key, hit=hit)
        if (hit := self.get(key)) is not None:  # computed and released since the caller last looked
            self.release(key, owner)
            return Claim(key, hit=hit)
        return Claim(key, owner=owner)

    def release(self, key: str, owner: str) -> None:
        cache = self._open()
        if cache is None:
            return
        with contextlib.suppress(Exception), cache.transact():
            if cache.get(_claim(key)) == owner:
                cache.delete(_claim(key))

    def delete(self, key: str) -> None:
        cache = self._open()
        if cache is not None:
            with contextlib.suppress(Exception):
                cache.delete(key)

    def info(self) -> dict[str, Any]:
        cache = self._open()
        if cache is None:
            return {"directory": str(self.directory), "entries": 0, "bytes": 0, "error": self._broken}
        return {"directory": str(self.directory), "entries": len(cache), "bytes": cache.volume()}

    def clear(self) -> int:
        cache = self._open()
        return int(cache.clear()) if cache is not None else 0

    def close(self) -> None:
        if self._cache is not None:
            self._cache.close()
            self._cache = None


def wait_for_claim(steps: Generator[float, None, Claim]) -> Claim:
    """Run ``ResultCache.claiming`` to its end, sleeping between steps."""
    try:
        while True:
            time.sleep(next(steps))
    except StopIteration as done:
        return done.value  # type: ignore[no-any-return]


async def await_claim(steps: Generator[float, None, Claim]) -> Claim:
    """Run ``ResultCache.claiming`` to its end on the event loop."""
    try:
        while True:
            await asyncio.sleep(next(steps))
    except StopIteration as done:
        return done.value  # type: ignore[no-any-return]
