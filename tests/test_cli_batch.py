"""The command line over many articles: folders, JSONL in and out, resume, usage, interruption."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarizer.cli import cli
from summarizer.testing import EchoBackend, serving


def article(n: int) -> str:
    return (f"Example Corp shares rose {n + 1}% on Tuesday after the company reported quarterly revenue of "
            f"$3.2 billion.\n\nThe chief executive said demand for chips stayed strong in region {n}.")


@pytest.fixture
def model() -> Iterator[EchoBackend]:
    with serving(EchoBackend(fail_on="region 3.")) as backend:
        yield backend


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for n in range(6):
        (folder / f"a{n}.txt").write_text(article(n), encoding="utf-8")
    (folder / "notes.py").write_text("print('not an article')", encoding="utf-8")
    return folder


def invoke(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input)


def records(text: str) -> dict[str, dict]:
    rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    return {row["id"]: row for row in rows}


def test_a_folder_is_every_article_in_it_and_jsonl_streams_one_line_each(model, folder):
    result = invoke(str(folder), "-f", "jsonl", "--jobs", "3")
    assert result.exit_code == 1  # one article failed
    rows = records(result.stdout)
    assert sorted(Path(k).name for k in rows) == [f"a{n}.txt" for n in range(6)]
    assert not rows[str(folder / "a3.txt")]["ok"] and "scripted failure" in rows[str(folder / "a3.txt")]["error"]
    good = rows[str(folder / "a0.txt")]
    assert good["ok"] and good["result"]["key_figures"][0]["raw"] == "1%"
    assert "1 of 6 article(s) failed" in result.stderr
    assert "summarizing 6 article(s)" in result.stderr and "3 at a time" in result.stderr


def test_jsonl_input_with_ids_and_bad_lines(model, tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join([
        json.dumps({"id": "first", "text": article(0)}),
        json.dumps(article(1)),
        "{not json",
        json.dumps({"title": "no text"}),
        "",
    ]), encoding="utf-8")
    result = invoke(str(source), "-f", "jsonl")
    rows = records(result.stdout)
    assert rows["first"]["ok"] and rows[f"{source}:2"]["ok"]
    assert "not JSON" in rows[f"{source}:3"]["error"]
    assert 'needs a "text"' in rows[f"{source}:4"]["error"]
    assert result.exit_code == 1


def test_resume_skips_what_is_done_and_retries_what_failed(model, folder, tmp_path):
    out = tmp_path / "out.jsonl"
    first = invoke(str(folder), "--resume", str(out))
    assert first.exit_code == 1 and len(records(out.read_text())) == 6
    model.fail_on = None  # the failure was transient
    calls = len(model.requests)
    second = invoke(str(folder), "--resume", str(out), "--no-cache")
    assert second.exit_code == 0, second.stderr
    assert "resuming: 5 article(s) already in" in second.stderr
    assert len(model.requests) == calls + 1  # only the failed one was summarized again
    lines = out.read_text().splitlines()
    assert len(lines) == 7  # appended, never rewritten
    assert json.loads(lines[-1])["ok"] and json.loads(lines[-1])["id"].endswith("a3.txt")


def test_a_line_cut_short_by_a_crash_is_done_again(model, folder, tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text(json.dumps({"id": str(folder / "a0.txt"), "ok": True, "result": {}}) + "\n{\"id\": \"trunc",
                   encoding="utf-8")
    result = invoke(str(folder / "a0.txt"), str(folder / "a1.txt"), "--resume", str(out))
    assert result.exit_code == 0
    assert "resuming: 1 article(s) already in" in result.stderr


def test_usage_reports_tokens_requests_and_cache_hits(model, folder):
    invoke(str(folder / "a0.txt"), str(folder / "a1.txt"))
    result = invoke(str(folder / "a0.txt"), str(folder / "a1.txt"), str(folder / "a2.txt"), "--usage")
    line = next(x for x in result.stderr.splitlines() if x.startswith("usage:"))
    assert "3 article(s): 1 computed, 2 from cache (free), 0 failed" in line
    assert "1 request(s)" in line and "cost" in line


def test_json_output_is_in_input_order(model, folder):
    result = invoke(str(folder / "a2.txt"), str(folder / "a0.txt"), str(folder / "a1.txt"), "--json", "-j", "3")
    assert result.exit_code == 0
    assert [Path(r["meta"]["source"]).name for r in json.loads(result.stdout)] == ["a2.txt", "a0.txt", "a1.txt"]


def test_output_file(model, folder, tmp_path):
    out = tmp_path / "out.json"
    result = invoke(str(folder / "a0.txt"), "--json", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text())["key_figures"][0]["raw"] == "1%"


def test_interrupting_keeps_every_finished_result(monkeypatch, folder, tmp_path):
    class Interrupted(EchoBackend):
        def extract(self, request):  # type: ignore[no-untyped-def]
            if len(self.requests) >= 3:
                raise KeyboardInterrupt  # as Ctrl-C would, part way through the batch
            return super().extract(request)

    out = tmp_path / "out.jsonl"
    with serving(Interrupted()):
        result = invoke(str(folder), "--resume", str(out), "-j", "1")
    assert result.exit_code == 130
    kept = records(out.read_text())
    assert len(kept) == 3 and all(r["ok"] for r in kept.values())
    assert "interrupted: 3 of 6 article(s) finished and kept; rerun with --resume" in result.stderr
    assert "Traceback" not in result.output


def test_an_interrupted_batch_raises_and_never_ends_the_process(folder, tmp_path):
    """The library says what it kept through the exception; only the command line turns it into exit 130."""
    from summarizer.cli.batch import BatchInterrupted, BatchRun

    class Interrupted(EchoBackend):
        def extract(self, request):  # type: ignore[no-untyped-def]
            if len(self.requests) >= 2:
                raise KeyboardInterrupt
            return super().extract(request)

    out = tmp_path / "out.jsonl"
    with serving(Interrupted()), pytest.raises(BatchInterrupted) as raised:
        BatchRun((str(folder),), "jsonl", {"jobs": 1}, resume=out, progress=False).run()
    assert (raised.value.finished, raised.value.total) == (2, 6)
    assert str(raised.value).startswith("interrupted: 2 of 6 article(s) finished and kept; rerun with --resume")
    assert len(records(out.read_text())) == 2


def test_resume_needs_jsonl(model, folder, tmp_path):
    result = invoke(str(folder), "--resume", str(tmp_path / "o.jsonl"), "--json")
    assert result.exit_code == 2 and "--resume writes JSONL" in result.stderr


def test_progress_bar_when_asked(model, folder):
    result = invoke(str(folder), "-f", "jsonl", "--progress")
    assert result.exit_code == 1
    assert "6/6" in result.stderr  # the bar's final count
    assert "done in" not in result.stderr  # per-article lines give way to the bar; errors still show
    assert "scripted failure" in result.stderr


@pytest.mark.block_network(allowed_hosts=["127.0.0.1"])
@pytest.mark.parametrize("how", ["option", "environment"])
def test_backend_openai_by_name_reaches_the_server(how, tmp_path, monkeypatch):
    from openai_stub import StubServer

    path = tmp_path / "a.txt"
    path.write_text(article(0), encoding="utf-8")
    with StubServer() as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        args = [str(path), "--json", "-m", "stub-model"]
        if how == "option":
            args += ["--backend", "openai"]
        else:
            monkeypatch.setenv("SUMMARIZER_BACKEND", "openai")
        result = invoke(*args)
        assert result.exit_code == 0, result.output
        assert len(server.requests) == 1 and server.requests[0]["model"] == "stub-model"
    assert json.loads(result.stdout)["meta"]["backend"] == "openai"


def test_summarizer_takes_a_backend_name():
    from summarizer import Summarizer

    assert Summarizer(backend="openai", base_url="http://127.0.0.1:9/v1").settings.backend == "openai"


@pytest.mark.block_network(allowed_hosts=["127.0.0.1"])
def test_a_real_ctrl_c_keeps_every_finished_line_and_resume_does_the_rest(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    from openai_stub import StubServer

    folder = tmp_path / "articles"
    folder.mkdir()
    for n in range(30):
        (folder / f"a{n:02d}.txt").write_text(article(n), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    with StubServer(latency=0.3) as server:
        env = {**os.environ, "OPENAI_BASE_URL": server.base_url, "SUMMARIZER_MODEL": "stub-model",
               "SUMMARIZER_BACKEND": "openai"}
        command = [sys.executable, "-c", "from summarizer.cli import main; main()", str(folder), "--resume",
                   str(out), "-j", "2"]
        # a shell's background job starts with SIGINT ignored, and a child inherits that: Python then never
        # raises KeyboardInterrupt, so the child gets the default handling back, as a terminal's would have it
        proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and (not out.exists() or out.read_text().count("\n") < 4):
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=60)
        assert proc.returncode == 130, stderr
        assert "Traceback" not in stderr and "interrupted:" in stderr
        kept = [json.loads(line) for line in out.read_text().splitlines()]
        assert 4 <= len(kept) < 30 and all(row["ok"] for row in kept)
        before = len(server.requests)
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        rows = [json.loads(line) for line in out.read_text().splitlines()]
        assert sorted(r["id"] for r in rows) == sorted(str(p) for p in folder.iterdir())  # each once, none lost
        # only the rest was asked for (an article in flight at the interrupt may have reached the cache)
        assert len(server.requests) - before <= 30 - len(kept)
