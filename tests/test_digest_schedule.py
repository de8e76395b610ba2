"""``--every``: cron times in a time zone, a failed run does not end the scheduler, each run is logged; the CLI."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from digest_fakes import NORDVALE, QUILLON, EchoBackend

from summarizer import ConfigError, InputError
from summarizer.cli import cli
from summarizer.digest.schedule import next_time, resolve_tz, run_forever
from summarizer.testing import VirtualClock, serving, virtual_time


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


# --- the command: `summarize digest ... --every CRON`, with time driven, not waited --------------------------

@pytest.fixture
def echo() -> Iterator[EchoBackend]:
    """The model the command's own ``Summarizer`` gets, through the backend registry."""
    with serving(EchoBackend()) as backend:
        yield backend


class _Scheduled(VirtualClock):
    """Virtual time for the command's scheduler, with a hook run at each of its waits."""

    def __init__(self, at: datetime, on_sleep: Callable[[], None]) -> None:
        super().__init__(wall=at)
        self.give_up = at + timedelta(days=30)
        self.on_sleep = on_sleep

    def sleep(self, seconds: float) -> None:
        super().sleep(seconds)
        if self.datetime() > self.give_up:
            raise AssertionError("the scheduler did not stop")
        self.on_sleep()


@pytest.mark.usefixtures("echo")
def test_cli_every_logs_each_run_survives_a_failed_one_and_stops_after_runs(tmp_path: Path):
    news = tmp_path / "news"
    news.mkdir()
    (news / "nordvale.txt").write_text(NORDVALE, encoding="utf-8")
    late = tmp_path / "late.txt"  # missing at the first run, which therefore fails; it appears before the second
    first_run = datetime(2025, 3, 30, 6, 0, tzinfo=UTC)  # 08:00 in Paris, summer time from that night

    def after_the_first_run() -> None:
        if clock.datetime() > first_run and not late.exists():
            late.write_text(QUILLON, encoding="utf-8")

    clock = _Scheduled(datetime(2025, 3, 29, 12, 0, tzinfo=UTC), after_the_first_run)
    eml = tmp_path / "out" / "digest.eml"
    with virtual_time(clock):
        result = CliRunner().invoke(cli, ["digest", str(news), str(late), "--to", "me@example.com",
                                          "--since", "3650d", "--dry-run", "--eml", str(eml),
                                          "--state-dir", str(tmp_path / "state"),
                                          "--every", "0 8 * * *", "--tz", "Europe/Paris", "--runs", "3"])
    assert result.exit_code == 0, result.output
    log = result.stderr.splitlines()
    assert log[0] == "digest scheduler: '0 8 * * *' (Europe/Paris); for 3 run(s)"
    runs = [re.sub(r"^\S+ \S+ (INFO|ERROR) ", r"\1 ", line) for line in log if re.search(r"digest run \d", line)]
    assert runs[0] == (f"ERROR digest run 1 at 2025-03-30T08:00:00+02:00 failed: {late}: no such file, folder or "
                       "URL; check the path")
    for line, (n, day) in zip(runs[1:], ((2, "03-31"), (3, "04-01")), strict=True):
        assert re.fullmatch(f"INFO digest run {n} at 2025-{day}T08:00:00\\+02:00: dry run, nothing sent; "
                            f"digest \\S+: 2 stories, 0 failed; written to {re.escape(str(eml))}", line), line
    assert sum("next digest run at" in line for line in log) == 3
    assert log[-1].endswith("digest scheduler: stopping after 3 run(s), as asked")
    assert "Traceback" not in result.stderr  # a run that fails on bad input is one line
    assert result.stdout.count(f"dry run: message written to {eml}") == 2
    assert "Quillon Chips" in eml.read_text(encoding="utf-8")
    assert clock.datetime() == datetime(2025, 4, 1, 6, 0, tzinfo=UTC)  # three days went by, none of them waited
    assert not (tmp_path / "state" / "state.json").exists()  # dry runs record nothing


@pytest.mark.usefixtures("echo")
def test_cli_every_stops_on_ctrl_c_between_runs(tmp_path: Path):
    (tmp_path / "a.txt").write_text(NORDVALE, encoding="utf-8")

    def ctrl_c_after_the_first_run() -> None:
        if clock.datetime() > datetime(2025, 10, 1, 8, 1, tzinfo=UTC):
            raise KeyboardInterrupt

    clock = _Scheduled(datetime(2025, 10, 1, 7, 59, tzinfo=UTC), ctrl_c_after_the_first_run)
    with virtual_time(clock):
        result = CliRunner().invoke(cli, ["digest", str(tmp_path / "a.txt"), "--to", "me@example.com",
                                          "--dry-run", "--eml", str(tmp_path / "d.eml"),
                                          "--state-dir", str(tmp_path / "state"),
                                          "--every", "*/5 * * * *", "--tz", "UTC"])
    assert result.exit_code == 130
    assert "stop with Ctrl-C" in result.stderr.splitlines()[0]
    assert "digest run 1 at 2025-10-01T08:00:00+00:00: dry run, nothing sent; digest " in result.stderr
    assert "digest run 2" not in result.stderr
    assert result.stderr.splitlines()[-1] == "interrupted"


def test_cli_runs_needs_every(tmp_path: Path):
    result = CliRunner().invoke(cli, ["digest", str(tmp_path), "--to", "me@example.com", "--dry-run", "--runs", "2"])
    assert result.exit_code == 2 and "--runs counts scheduled runs; use it with --every" in result.stderr
