from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from summarizer import clean
from summarizer.cli import cli
from summarizer.testing import ScriptedBackend, answer, serving

SEEDS = Path(__file__).parent / "data" / "seeds"
SEED = SEEDS / "001_3bb448a0ca5d400d.txt"
FIGURES = [
    {"raw": "$53 billion", "label": "previous AI spending plan", "unit": "USD"},
    {"raw": "110%", "label": "share gain in 2025", "unit": "%"},
]


@pytest.fixture
def model() -> Iterator[ScriptedBackend]:
    with serving(ScriptedBackend([answer(figures=FIGURES) for _ in range(10)])) as backend:
        yield backend


def invoke(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input)


def test_text_output_is_exact(model):
    result = invoke(str(SEED))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Alibaba stock rose 8% after CEO Eddie Wu said AI spending will exceed its $53B plan\n"
        "Alibaba stock rose. The company plans more AI spending.\n"
        "\n"
        "Key figures\n"
        "  $53 billion  previous AI spending plan (53,000,000,000 USD)\n"
        "  110%         share gain in 2025 (110%)\n"
        "\n"
        "Sentiment: positive (+0.60) stock surged\n"
    )
    assert "summarizing with local (qwen2.5-1.5b)" in result.stderr
    assert "\x1b[" not in result.stdout  # no colour when stdout is not a terminal


def test_json_output_is_the_result_model_with_grounded_offsets(model):
    result = invoke(str(SEED), "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert set(data) == {"title", "summary", "key_figures", "sentiment", "meta"}
    cleaned = clean(SEED.read_text(encoding="utf-8")).text
    for figure in data["key_figures"]:
        assert set(figure) == {"raw", "label", "value", "unit", "start", "end", "kind", "approximate", "direction",
                               "entity", "value_high", "converted"}
        assert cleaned[figure["start"]:figure["end"]] == figure["raw"]
    assert data["meta"]["cached"] is False
    assert json.loads(invoke(str(SEED), "-f", "json").stdout)["meta"]["cached"] is True


def test_markdown_output(model):
    result = invoke(str(SEED), "-f", "markdown")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:6] == [
        "## Alibaba stock rose 8% after CEO Eddie Wu said AI spending will exceed its $53B plan",
        "",
        "Alibaba stock rose. The company plans more AI spending.",
        "",
        "| Figure | Measures | Value |",
        "| --- | --- | --- |",
    ]


def test_stdin_with_dash(model):
    result = invoke("-", "--json", input=SEED.read_text(encoding="utf-8"))
    assert result.exit_code == 0
    assert json.loads(result.stdout)["meta"]["source"] == "-"


def test_several_files_one_failing_keeps_the_others(model, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    result = invoke(str(SEED), str(empty), str(SEEDS / "000_a327f4888d7bd40a.txt"), "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [Path(d["meta"]["source"]).name for d in data] == ["001_3bb448a0ca5d400d.txt", "000_a327f4888d7bd40a.txt"]
    assert f"error: {empty}: no article text" in result.stderr
    assert "1 of 3 article(s) failed" in result.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["missing.txt"], "error: missing.txt: no such file; check the path\n"),
    (["tests"], "error: tests: is a directory with no article files (.txt, .md, .html, .htm, .text); pass "
                "article files or another folder\n"),
])
def test_bad_input_is_one_line_and_exit_1(model, args, message, monkeypatch):
    monkeypatch.chdir(Path(__file__).parent.parent)
    result = invoke(*args)
    assert result.exit_code == 1
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_binary_file_is_refused(model, tmp_path):
    binary = tmp_path / "x.bin"
    binary.write_bytes(b"\x00\x01\x02binary")
    result = invoke(str(binary))
    assert result.exit_code == 1
    assert "looks like a binary file" in result.stderr


def test_bad_usage_exits_2(model):
    assert invoke(str(SEED), "--format", "yaml").exit_code == 2
    assert invoke(str(SEED), "--backend", "gpt").exit_code == 2
    assert invoke("run").exit_code == 2


def test_configuration_error_is_one_line(monkeypatch):
    monkeypatch.setenv("SUMMARIZER_MODEL_PATH", "/nonexistent/model.gguf")
    result = invoke(str(SEED))
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "error: model file /nonexistent/model.gguf not found; fix SUMMARIZER_MODEL_PATH"
    )


def test_no_cache_flag(model):
    invoke(str(SEED))
    invoke(str(SEED), "--no-cache")
    assert len(model.requests) == 2


def test_cache_info_and_clear(model, isolated):
    invoke(str(SEED))
    info = invoke("cache", "info")
    assert info.exit_code == 0
    assert f"directory: {isolated / 'cache'}" in info.stdout and "entries: 1" in info.stdout
    assert invoke("cache", "clear").stdout == "removed 1 cached result(s)\n"


def test_schema_command_prints_the_committed_schema():
    committed = (Path(__file__).parent.parent / "schemas" / "summary.schema.json").read_text(encoding="utf-8")
    assert json.loads(invoke("schema").stdout) == json.loads(committed)


def test_every_command_has_help():
    for args in (["--help"], ["run", "--help"], ["cache", "--help"], ["cache", "info", "--help"],
                 ["cache", "clear", "--help"], ["schema", "--help"], ["clean", "--help"], ["eval", "--help"]):
        result = invoke(*args)
        assert result.exit_code == 0 and "Usage:" in result.stdout


def test_colour_only_when_styled(model):
    import click

    from summarizer.core import Summarizer
    from summarizer.render import render_text

    with Summarizer() as summarizer:
        result = summarizer.summarize(SEED.read_text(encoding="utf-8"))
    assert "\x1b[" in render_text(result, click.style)
    assert "\x1b[" not in render_text(result)


def console(*args: str) -> subprocess.CompletedProcess[str]:
    """The installed entry point itself (``main``), in its own process: exit codes and flushing are real."""
    return subprocess.run([sys.executable, "-c", "from summarizer.cli import main; main()", *args],
                          capture_output=True, text=True, timeout=60)


def test_the_console_script_flushes_everything_and_keeps_exit_codes(tmp_path):
    done = console("clean", str(SEED))
    assert done.returncode == 0, done.stderr
    assert done.stdout == invoke("clean", str(SEED)).stdout  # all of it, though the process skips teardown
    missing = console(str(tmp_path / "missing.txt"))
    assert missing.returncode == 1
    assert "missing.txt: no such file" in missing.stderr and "Traceback" not in missing.stderr
    bad_usage = console("--no-such-option")
    assert bad_usage.returncode == 2 and "no-such-option" in bad_usage.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_output_that_cannot_be_written_is_one_line_not_a_traceback():
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-c", "from summarizer.cli import main; main()", "clean", str(SEED)],
                              stdout=full, stderr=subprocess.PIPE, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stderr.strip() == "error: No space left on device; nothing more was written"


def _commands(group: click.Group, path: str = "summarize") -> Iterator[tuple[str, click.Command]]:
    for name, command in sorted(group.commands.items()):
        yield f"{path} {name}", command
        if isinstance(command, click.Group):
            yield from _commands(command, f"{path} {name}")


def test_every_command_has_help_text():
    assert cli.help and all(command.help for _, command in _commands(cli))


def test_the_commands_that_summarize_take_the_model_options_alike():
    """One definition of -b/--backend, -m/--model and --no-cache (``summarizer.cli.options``), not three."""
    shared = {}
    for path, command in _commands(cli):
        options = {p.name: p for p in command.params if p.name in ("backend", "model", "no_cache")}
        if options:
            assert set(options) == {"backend", "model", "no_cache"}, path
            shared[path] = {name: (p.opts, p.envvar, p.is_flag) for name, p in options.items()}  # type: ignore[attr-defined]
    assert sorted(shared) == ["summarize batch export", "summarize batch submit", "summarize digest", "summarize eval",
                              "summarize run"]
    assert len({repr(v) for v in shared.values()}) == 1
