"""``summarize batch ...`` as a user types it: exact exit codes, one-line errors, results where asked."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from batch_server import KEY, BatchServer
from click.testing import CliRunner

from summarizer.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [str(ROOT / name) for name in ("tests/data/seeds/000_a327f4888d7bd40a.txt",
                                         "tests/data/seeds/002_2e835eaa5bfad6b5.txt",
                                         "tests/data/eval/17_estria_inflation_steady.txt")]

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])


PASS = "pass the job file `summarize batch submit` or `export` wrote"


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[BatchServer]:
    with BatchServer(plan=lambda custom_id: "fail" if custom_id == "a3-p1" else "ok") as running:
        monkeypatch.setenv("OPENAI_BASE_URL", running.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", KEY)
        monkeypatch.setenv("SUMMARIZER_MODEL", "qwen2.5-1.5b")
        yield running


def test_submit_status_collect(server, tmp_path):
    job = str(tmp_path / "job.json")
    submitted = invoke("batch", "submit", *SOURCES, "-o", job)
    assert submitted.exit_code == 0, submitted.output
    assert submitted.stdout == ""
    assert submitted.stderr.splitlines() == [
        "3 article(s): 3 sent, 0 already in the cache, 0 duplicate(s), 0 unreadable",
        "batch_2: validating, 3 request(s), 0/3 done, 0 failed",
        f"job file: {job}; next: summarize batch status {job} --wait",
    ]
    waited = invoke("batch", "status", job, "--wait", "--every", "5", "--no-progress")
    assert waited.exit_code == 0, waited.output
    assert waited.stderr.splitlines()[:2] == ["in_progress: 0/3 request(s) done", "completed: 3/3 request(s) done"]
    assert "batch_2: completed, 3 request(s), 2/3 done, 1 failed" in waited.stderr

    out = tmp_path / "out.json"
    collected = invoke("batch", "collect", job, "-f", "json", "-o", str(out), "--usage", "--no-rerun")
    assert collected.exit_code == 1  # one article failed; the others are written
    assert json.loads(out.read_text(encoding="utf-8"))[0]["meta"]["backend"] == "openai"
    assert len(json.loads(out.read_text(encoding="utf-8"))) == 2
    lines = collected.stderr.splitlines()
    assert lines[0].startswith(f"error: {SOURCES[2]}: the batch request failed (HTTP 500: ")
    assert lines[1] == "3 article(s): 2 from the batch, 0 re-run live, 0 from the cache, 1 failed"
    assert lines[2].startswith("usage: 3 article(s): 2 computed, 0 from cache (free), 1 failed; 2 request(s)")

    again = invoke("batch", "collect", job, "-j", "2")  # the failed one live now; jsonl on stdout
    assert again.exit_code == 0, again.output
    rows = [json.loads(line) for line in again.stdout.splitlines()]
    assert [row["id"] for row in rows] == [SOURCES[0], SOURCES[1], SOURCES[2]] and all(row["ok"] for row in rows)
    assert "3 article(s): 0 from the batch, 1 re-run live, 2 from the cache, 0 failed" in again.stderr
    assert KEY not in Path(job).read_text(encoding="utf-8")


def test_status_wait_shows_a_progress_bar_when_asked(server, tmp_path):
    job = str(tmp_path / "job.json")
    assert invoke("batch", "submit", *SOURCES, "-o", job).exit_code == 0
    waited = invoke("batch", "status", job, "--wait", "--every", "5", "--progress")
    assert waited.exit_code == 0, waited.output
    assert "completed" in waited.stderr and "3/3" in waited.stderr
    assert "request(s) done" not in waited.stderr  # the bar, not the plain lines


def test_export_then_import(server, tmp_path):
    requests = tmp_path / "requests.jsonl"
    exported = invoke("batch", "export", *SOURCES[:2], "-o", str(requests))
    assert exported.exit_code == 0, exported.output
    assert (tmp_path / "requests.job.json").is_file()
    with (tmp_path / "results.jsonl").open("w", encoding="utf-8") as out:
        for line in requests.read_text(encoding="utf-8").splitlines():
            request = json.loads(line)
            out.write(json.dumps({"custom_id": request["custom_id"], "error": None,
                                  "response": server.recorded(request["body"])}) + "\n")
    imported = invoke("batch", "import", str(requests), str(tmp_path / "results.jsonl"), "-f", "markdown")
    assert imported.exit_code == 0, imported.output
    assert imported.stdout.count("## ") == 2
    assert "2 article(s): 2 from the batch, 0 re-run live, 0 from the cache, 0 failed" in imported.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["batch", "collect", "missing.json"], f"error: no job file missing.json; {PASS}"),
    (["batch", "status", "notajob.json"], f"error: notajob.json is not a summarizer batch job file (format 1); {PASS}"),
    (["batch", "import", "r.jsonl", "x.jsonl"], f"error: no job file r.job.json; {PASS}"),
    (["batch", "send", "damaged.json"], "error: the job file damaged.json is damaged (its fields are not those of "
                                        "format 1); submit the articles again"),
    (["batch", "submit", "a.txt", "-b", "local"], "error: batches are OpenAI API requests; drop --backend local "
                                                  "(they use the openai backend)"),
    (["batch", "submit", "a.txt"], "error: no OpenAI API key: set OPENAI_API_KEY, or OPENAI_BASE_URL to a server "
                                   "that offers the Batch API (`summarize batch export` needs neither)"),
])
def test_bad_input_is_one_line_and_exit_1(args, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("notajob.json").write_text('{"hello": 1}')
    Path("damaged.json").write_text('{"format": 1, "articles": "x", "batches": []}')
    result = invoke(*args)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [message]
    assert "Traceback" not in result.output


def test_every_batch_command_has_help_and_files_still_summarize_by_default():
    group = cli.commands["batch"]
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert command.help, name
    assert invoke("batch", "--help").exit_code == 0
    assert cli.commands["run"].name == "run"
    result = invoke("no-such-file.txt")  # not a subcommand: the default `run`, which names the missing file
    assert result.exit_code == 1 and "no-such-file.txt" in result.stderr


def test_the_readme_batch_commands_parse():
    """Each `summarize batch ...` line of the README names a real command with options it accepts."""
    import shlex

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = [line.split("#")[0] for line in readme.splitlines() if line.startswith("$ summarize batch ")]
    assert len(lines) >= 7
    group = cli.commands["batch"]
    for line in lines:
        name, *args = shlex.split(line)[3:]
        command = group.commands[name]  # type: ignore[attr-defined]
        command.make_context(name, args)  # parses the options and arguments as click would; runs nothing
