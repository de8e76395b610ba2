"""``--every CRON``: a long-lived process that runs the digest at each cron time.

A failed run is logged and the scheduler waits for the next time; it never
exits because of one bad run. The clock and the sleep are parameters; without
them the scheduler keeps ``summarizer.clock``'s time, so tests drive it (and
the command line) with ``summarizer.testing.virtual_time`` without waiting.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, tzinfo

from ..clock import current
from ..errors import ConfigError, SummarizerError

log = logging.getLogger("summarizer.digest")


def next_time(expression: str, after: datetime) -> datetime:
    """The first time after ``after`` that the cron ``expression`` names, in ``after``'s time zone."""
    from croniter import croniter

    if not croniter.is_valid(expression):
        raise ConfigError(f"{expression!r} is not a cron expression; write five fields such as \"0 8 * * *\" "
                          "(minute hour day month weekday)")
    result = croniter(expression, after).get_next(datetime)
    assert isinstance(result, datetime)
    return result


def resolve_tz(name: str | None) -> tzinfo | None:
    """The time zone called ``name`` (IANA, e.g. Europe/Paris); None means the machine's local zone."""
    if not name:
        return None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"unknown time zone {name!r}; use an IANA name such as Europe/London or UTC") from None


def _now(tz: tzinfo | None) -> datetime:
    return datetime.fromtimestamp(current().time(), tz).astimezone(tz)


def _sleep(seconds: float) -> None:
    current().sleep(seconds)


def run_forever(expression: str, job: Callable[[], object], *, tz: tzinfo | None = None,
                now: Callable[[], datetime] | None = None, sleep: Callable[[float], None] | None = None,
                max_runs: int | None = None) -> int:
    """Run ``job`` at every time ``expression`` names; returns the number of runs (only when ``max_runs`` is set)."""
    clock = now or (lambda: _now(tz))
    pause = sleep or _sleep
    next_time(expression, clock())  # a bad expression fails here, before the process settles in
    runs = 0
    while max_runs is None or runs < max_runs:
        due = next_time(expression, clock())
        log.info("next digest run at %s", due.isoformat())
        while (wait := (due - clock()).total_seconds()) > 0:
            pause(min(wait, 60.0))  # wake up now and then: a suspended machine's clock jumps
        runs += 1
        started = clock()
        try:
            outcome = job()
        except KeyboardInterrupt:
            raise
        except Exception as exc:  # one bad run must not end the scheduler
            log.error("digest run %d at %s failed: %s", runs, started.isoformat(), exc,
                      exc_info=not isinstance(exc, SummarizerError))
        else:
            log.info("digest run %d at %s: %s", runs, started.isoformat(), outcome)
    log.info("digest scheduler: stopping after %d run(s), as asked", runs)
    return runs

