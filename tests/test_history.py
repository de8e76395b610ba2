"""The run history: every summary and failure logged, searchable, private, safe with several writers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarizer import Summarizer
from summarizer.cli import cli
from summarizer.history import History, public_source
from summarizer.testing import EchoBackend, ScriptedBackend, answer, serving

ARTICLE = ("Example Corp said on Tuesday that quarterly revenue rose 12% to $3.2 billion, beating forecasts.\n\n"
           "The company will hire about 400 engineers next year, its chief executive said.")
FIGURES = [{"raw": "$3.2 billion", "label": "quarterly revenue", "entity": "Example Corp"},
           {"raw": "400 engineers", "label": "engineers to hire", "entity": "Example Corp"}]


@pytest.fixture
def model() -> Iterator[ScriptedBackend]:
    with serving(ScriptedBackend([answer(summary=("Example Corp beat revenue forecasts.", "It will hire more."),
                                         figures=FIGURES) for _ in range(10)])) as backend:
        yield backend


def invoke(*args: str) -> object:
    return CliRunner().invoke(cli, list(args))


def database(isolated: Path) -> Path:
    return isolated / "home" / ".local" / "share" / "summarizer" / "runs.db"


@pytest.mark.usefixtures("model")
def test_each_run_is_logged_and_can_be_listed_searched_and_shown(tmp_path: Path, isolated: Path):
    article = tmp_path / "example.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    assert CliRunner().invoke(cli, [str(article)]).exit_code == 0
    assert CliRunner().invoke(cli, [str(article)]).exit_code == 0  # from the cache: logged too
    missing = CliRunner().invoke(cli, [str(tmp_path / "missing.txt")])
    assert missing.exit_code == 1
    assert database(isolated).is_file()

    listed = CliRunner().invoke(cli, ["log", "--json"])
    runs = json.loads(listed.stdout)
    assert [r["cached"] for r in runs] == [False, True, False]  # newest first: the failure, the hit, the first run
    assert "no such file" in runs[0]["error"] and runs[0]["result"] is None
    assert runs[1]["result"]["meta"]["cached"] and runs[2]["result"]["summary"].startswith("Example Corp beat")
    assert runs[2]["source"] == str(article)

    text = CliRunner().invoke(cli, ["log", "-n", "2"]).stdout.splitlines()
    assert len(text) == 2 and "(cache)" in text[1] and "error:" in text[0]

    found = json.loads(CliRunner().invoke(cli, ["log", "-q", "engineers hire", "--json"]).stdout)
    assert [r["id"] for r in found] == [runs[1]["id"], runs[2]["id"]]  # a figure's label matches
    assert json.loads(CliRunner().invoke(cli, ["log", "-q", "bankrupt", "--json"]).stdout) == []

    shown = CliRunner().invoke(cli, ["log", "show", str(runs[2]["id"])])
    assert json.loads(shown.stdout)["result"]["key_figures"][0]["raw"] == "$3.2 billion"
    unknown = CliRunner().invoke(cli, ["log", "show", "999"])
    assert unknown.exit_code == 1 and unknown.stderr.startswith("error: no run 999 in the history")

    figures = json.loads(CliRunner().invoke(cli, ["log", "--figures", "example corp", "--json"]).stdout)
    assert [(f["raw"], f["label"]) for f in figures] == [("$3.2 billion", "quarterly revenue"),
                                                        ("400 engineers", "engineers to hire")] * 2
    assert CliRunner().invoke(cli, ["log", "--path"]).stdout.strip() == str(database(isolated))


@pytest.mark.usefixtures("model")
def test_no_log_the_config_key_and_the_variable(tmp_path: Path, isolated: Path, monkeypatch: pytest.MonkeyPatch):
    article = tmp_path / "example.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    assert CliRunner().invoke(cli, [str(article), "--no-log"]).exit_code == 0
    assert not database(isolated).exists()
    config = tmp_path / "config.toml"
    config.write_text("log_runs = false\n", encoding="utf-8")
    monkeypatch.setenv("SUMMARIZER_CONFIG", str(config))
    assert CliRunner().invoke(cli, [str(article), "--no-cache"]).exit_code == 0
    assert not database(isolated).exists()
    monkeypatch.delenv("SUMMARIZER_CONFIG")
    moved = tmp_path / "elsewhere" / "history.db"
    monkeypatch.setenv("SUMMARIZER_LOG_DB", str(moved))
    assert CliRunner().invoke(cli, [str(article)]).exit_code == 0
    assert moved.is_file() and not database(isolated).exists()
    assert len(json.loads(CliRunner().invoke(cli, ["log", "--json"]).stdout)) == 1


def test_nothing_secret_is_stored(tmp_path: Path):
    path = tmp_path / "runs.db"
    with Summarizer(backend=EchoBackend(), use_cache=False, log_db=path, api_key="sk-secret-key-123",
                    base_url="https://user:hunter2@proxy.example/v1") as summarizer:
        summarizer.summarize(ARTICLE, source="https://reader:pa55@news.example/a?token=abc123#top")
    stored = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("runs.db"))
    for secret in (b"sk-secret-key-123", b"hunter2", b"pa55", b"abc123", b"reader"):
        assert secret not in stored
    [run] = History(path).recent()
    assert run.source == "https://news.example/a"
    assert public_source("folder/a.txt") == "folder/a.txt"


def test_a_history_that_cannot_be_written_costs_no_result(tmp_path: Path, caplog: pytest.LogCaptureFixture):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    with Summarizer(backend=EchoBackend(), use_cache=False, log_db=blocker / "runs.db") as summarizer:
        first = summarizer.summarize(ARTICLE)
        second = summarizer.summarize(ARTICLE + " More.")
    assert first.summary and second.summary
    assert sum("cannot write" in r.getMessage() for r in caplog.records) == 1  # said once, then left alone


WRITER = """
import sys
from summarizer import Summarizer
from summarizer.testing import EchoBackend
with Summarizer(backend=EchoBackend(), use_cache=False, log_db=sys.argv[1]) as s:
    for n in range(int(sys.argv[2])):
        s.summarize(f"Example Corp said revenue rose {n + 1}% in the quarter, ahead of what analysts expected.")
"""


def test_two_processes_write_at_once_and_nothing_is_lost(tmp_path: Path):
    path = tmp_path / "runs.db"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), "150"], env=env) for _ in range(2)]
    assert [w.wait(timeout=300) for w in writers] == [0, 0]
    runs = History(path).recent(1000)
    assert len(runs) == 300 and len({r.id for r in runs}) == 300
    assert len(History(path).recent(1000, query="company news")) == 300  # the search index has every row too


OPENER = """
import sys, time
from pathlib import Path
from summarizer.history import History
start = float(sys.argv[1])
for n, path in enumerate(sys.argv[2:]):
    time.sleep(max(0.0, start + 0.1 * n - time.time()))  # both processes open each file at the same moment
    history = History(Path(path))
    history.record(error="x", source=path)
    history.flush()
    history.close()
"""


def test_processes_making_the_file_at_once_all_log(tmp_path: Path):
    """Two processes switching a new file to WAL at once: one was told "database is locked" at once (about one race
    in four), its history was marked broken and the run logged nothing."""
    paths = [str(tmp_path / f"runs{n}.db") for n in range(24)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    start = str(time.time() + 3)  # after both processes have started
    openers = [subprocess.Popen([sys.executable, "-c", OPENER, start, *paths], env=env) for _ in range(2)]
    assert [opener.wait(timeout=300) for opener in openers] == [0, 0]
    assert [len(History(Path(path)).recent(10)) for path in paths] == [2] * len(paths)
