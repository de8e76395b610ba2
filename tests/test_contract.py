"""The output contract and the public surface cannot drift silently."""

from __future__ import annotations

from pathlib import Path

import pytest

import summarizer
from summarizer.schema import SCHEMA_FILES, render

ROOT = Path(__file__).parent.parent


def test_committed_schemas_match_the_pydantic_models():
    for name in SCHEMA_FILES:
        committed = (ROOT / "schemas" / name).read_text(encoding="utf-8")
        assert committed == render(name), f"schemas/{name} is stale: run python -m summarizer.schema"


def test_schemas_and_prompts_are_found_as_package_data():
    from summarizer._resources import data_dir

    assert data_dir("schemas").joinpath("summary.schema.json").is_file()
    assert data_dir("prompts").joinpath("summarize_v1.user.txt").is_file()


def test_public_api():
    assert summarizer.__all__ == sorted(summarizer.__all__)
    assert set(summarizer.__all__) == {
        "BatchResult", "CleanArticle", "ConfigError", "DeliveryError", "InputError", "KeyFigure", "Meta",
        "ModelError", "ModelOutputError", "ModelUnavailableError", "Sentiment", "Settings", "Summarizer", "Summary",
        "SummarizerError", "asummarize", "clean", "clean_input", "summarize", "summarize_file", "summarize_many",
    }
    for name in summarizer.__all__:
        assert hasattr(summarizer, name)


def test_result_field_names_are_fixed():
    schema = summarizer.Summary.model_json_schema()
    assert list(schema["properties"]) == ["title", "summary", "key_figures", "sentiment", "meta"]
    figure = schema["$defs"]["KeyFigure"]["properties"]
    assert list(figure) == ["raw", "label", "value", "unit", "start", "end", "kind", "approximate", "direction",
                            "entity", "value_high", "converted"]
    assert list(schema["$defs"]["Sentiment"]["properties"]) == ["label", "score", "rationale", "entities"]
    assert schema["$defs"]["Sentiment"]["properties"]["label"]["enum"] == ["positive", "negative", "neutral", "mixed"]


def test_importing_the_package_does_not_import_model_libraries():
    import subprocess
    import sys

    code = ("import sys, summarizer, summarizer.cli; "
            "print(sorted(m for m in ('openai', 'instructor', 'llama_cpp', 'diskcache') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_start_up_imports_no_heavy_libraries():
    """``summarize --help`` stays fast: the CLI and the package import none of these until they are used."""
    import subprocess
    import sys

    heavy = ["pydantic", "openai", "instructor", "llama_cpp", "diskcache", "trafilatura", "jinja2", "feedparser",
             "rich", "summarizer.core", "summarizer.cleaning"]
    code = ("import sys, summarizer, summarizer.cli; from summarizer.cli import cli; "
            f"print([m for m in {heavy!r} if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_cleaner_module_is_not_shadowed_by_the_clean_function():
    """``summarizer.clean`` is the function; the module is ``summarizer.cleaning``, so importing one never yields
    the other (a module named ``clean`` made ``import summarizer.clean as m`` return the function)."""
    import importlib
    import types

    import summarizer.cleaning as module

    assert isinstance(module, types.ModuleType) and module.clean is summarizer.clean
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("summarizer.clean")
