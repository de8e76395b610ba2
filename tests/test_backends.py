"""The backend contract: a backend is one file and one registry line; the pipeline needs nothing else."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarizer import Settings, Summarizer
from summarizer.backends import Backend, backend_names, create_backend, register_backend, unregister_backend
from summarizer.cli import cli
from summarizer.errors import ConfigError

ARTICLE = "Example Corp said on Monday that revenue rose 12% to $3.2 billion. Its shares gained in early trading.\n"


@pytest.fixture
def lead() -> Iterator[None]:
    register_backend("lead", "example_backend:LeadBackend", default_model="lead-2")  # the one registry line
    yield
    unregister_backend("lead")


def test_the_built_in_backends_are_registered_by_name():
    assert backend_names()[:2] == ("local", "openai")


def test_an_unknown_backend_names_the_registered_ones():
    with pytest.raises(ConfigError, match="unknown backend 'lead'; choose one of: local, openai"):
        Settings.resolve(backend="lead")


@pytest.mark.usefixtures("lead")
def test_a_registered_backend_is_chosen_by_name_from_the_library():
    settings = Settings.resolve(backend="lead", use_cache=False)
    assert settings.model_name == "lead-2"
    assert type(create_backend(settings)).__name__ == "LeadBackend"
    with Summarizer(backend="lead", use_cache=False) as summarizer:
        result = summarizer.summarize(ARTICLE)
    assert result.meta.backend == "lead" and result.meta.model == "lead-2"
    assert result.summary.startswith("Example Corp said on Monday")
    assert [f.raw for f in result.key_figures] == ["12%"]


@pytest.mark.usefixtures("lead")
def test_a_registered_backend_is_a_choice_of_the_command_line(tmp_path: Path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    shown = CliRunner().invoke(cli, ["run", "--help"])
    assert "[local|openai|lead]" in shown.output
    result = CliRunner().invoke(cli, [str(path), "--backend", "lead", "--json", "--no-cache"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["meta"]["backend"] == "lead"
    digest = CliRunner().invoke(cli, ["digest", "--help"])
    assert "[local|openai|lead]" in digest.output


def test_a_backend_needs_only_extract():
    class Minimal(Backend):
        pass

    backend = Minimal()
    assert backend.count_tokens("abcdef") == 2 and backend.context_tokens() == 128_000
    assert not backend.blocking_token_count
    assert backend.identity() == {"backend": "custom", "model": "Minimal"}
    with pytest.raises(NotImplementedError):
        backend.extract(None)  # type: ignore[arg-type]


def test_eval_timings_give_rates_and_differences():
    from summarizer.backends.local import EvalTimings

    before = EvalTimings(prompt_tokens=100, prompt_seconds=2.0, decoded_tokens=10, decode_seconds=1.0)
    after = EvalTimings(prompt_tokens=1600, prompt_seconds=32.0, decoded_tokens=110, decode_seconds=21.0)
    spent = after - before
    assert spent == EvalTimings(1500, 30.0, 100, 20.0)
    assert (spent.prefill_per_second, spent.decode_per_second) == (50.0, 5.0)
    assert EvalTimings().prefill_per_second == EvalTimings().decode_per_second == 0.0
