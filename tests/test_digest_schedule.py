"""``--every``: cron times in a time zone, a failed run does not end the scheduler, each run is logged."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest

from summarizer import ConfigError, InputError
from summarizer.digest.schedule import next_time, resolve_tz, run_forever


class FakeTime:
    def __init__(self, at: datetime) -> None:
        self.at = at
        self.slept = 0.0

    def now(self) -> datetime:
        return self.at

    def sleep(self, seconds: float) -> None:
        self.slept += seconds
        self.at += timedelta(seconds=seconds)


def test_runs_at_the_cron_times_of_the_time_zone_and_survives_a_failed_run(caplog):
    paris = resolve_tz("Europe/Paris")
    clock = FakeTime(datetime(2025, 3, 29, 12, 0, tzinfo=UTC).astimezone(paris))  # the day before DST starts
    runs: list[datetime] = []

    def job() -> str:
        runs.append(clock.now())
        if len(runs) == 1:
            raise InputError("feed.xml: no such file, folder or URL; check the path")
        return "1 message(s) sent"

    with caplog.at_level(logging.INFO, logger="summarizer.digest"):
        count = run_forever("0 8 * * *", job, tz=paris, now=clock.now, sleep=clock.sleep, max_runs=3)
    assert count == 3
    assert [r.isoformat() for r in runs] == ["2025-03-30T08:00:00+02:00", "2025-03-31T08:00:00+02:00",
                                             "2025-04-01T08:00:00+02:00"]
    messages = [r.getMessage() for r in caplog.records]
    assert any("run 1" in m and "failed" in m and "no such file" in m for m in messages)
    assert any("run 2" in m and "1 message(s) sent" in m for m in messages)
    assert any("run 3" in m for m in messages)


def test_bad_expressions_and_zones_say_how_to_fix_them():
    with pytest.raises(ConfigError, match="five fields"):
        next_time("every morning", datetime(2025, 1, 1, tzinfo=UTC))
    with pytest.raises(ConfigError, match="IANA name"):
        resolve_tz("Mars/Olympus")
    assert resolve_tz(None) is None
    assert next_time("*/15 * * * *", datetime(2025, 1, 1, 10, 7, tzinfo=UTC)) == datetime(2025, 1, 1, 10, 15,
                                                                                          tzinfo=UTC)
