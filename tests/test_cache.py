from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from summarizer import Settings, Summarizer
from summarizer.cache import ResultCache
from summarizer.testing import ScriptedBackend, answer

TEXT = "Example Corp said revenue rose 12% to $3.2 billion in the third quarter, beating forecasts.\n"


def run(tmp: Path, answers: int = 1, **settings: object) -> tuple[Summarizer, ScriptedBackend]:
    backend = ScriptedBackend([answer()] * answers)
    return Summarizer(Settings.resolve(cache_dir=tmp / "c", **settings), backend=backend), backend


@pytest.mark.parametrize("change", [
    {"max_tokens": 512}, {"temperature": 0.7}, {"reasks": 1},
])
def test_key_changes_with_every_setting_that_changes_the_answer(tmp_path, change):
    first, _ = run(tmp_path)
    second, _ = run(tmp_path, **change)
    assert first._key(_clean(TEXT)) != second._key(_clean(TEXT))


def test_key_changes_with_the_text_and_the_prompt(tmp_path):
    summarizer, _ = run(tmp_path)
    base = summarizer._key(_clean(TEXT))
    assert summarizer._key(_clean(TEXT.replace("12%", "13%"))) != base
    summarizer.prompt = replace(summarizer.prompt, user=summarizer.prompt.user + "Be brief.")
    assert summarizer._key(_clean(TEXT)) != base


def test_backend_identity_covers_endpoint_model_and_mode():
    from summarizer.backends.local import LocalBackend
    from summarizer.backends.openai_compat import OpenAIBackend

    def openai(**kw: object) -> dict:
        return OpenAIBackend(Settings.resolve(backend="openai", api_key="k", **kw)).identity()

    assert openai(model="a") != openai(model="b")
    assert openai(base_url="http://a/v1") != openai(base_url="http://b/v1")
    assert openai(mode="tools") != openai(mode="json")
    small = LocalBackend(Settings.resolve(backend="local", model="qwen2.5-0.5b")).identity()
    large = LocalBackend(Settings.resolve(backend="local", model="qwen2.5-1.5b")).identity()
    assert small != large and large["model_id"].startswith("cc324af0")


def test_key_ignores_noise_the_cleaner_removes(tmp_path):
    summarizer, _ = run(tmp_path)
    noisy = TEXT + "\nYou May Also Like\n\nSomething else entirely, with $5 billion in it.\n"
    assert summarizer._key(_clean(noisy)) == summarizer._key(_clean(TEXT))


def test_unparseable_entry_is_a_miss_and_is_replaced(tmp_path):
    summarizer, backend = run(tmp_path, answers=2)
    summarizer.summarize(TEXT)
    key = summarizer._key(_clean(TEXT))
    summarizer.cache._open().set(key, "{not json")
    result = summarizer.summarize(TEXT)
    assert result.meta.cached is False and len(backend.requests) == 2
    assert summarizer.summarize(TEXT).meta.cached is True


def test_corrupt_cache_database_is_not_a_crash(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "cache.db").write_bytes(b"this is not an sqlite database" * 100)
    summarizer, backend = run(tmp_path, answers=2)
    assert summarizer.summarize(TEXT).meta.cached is False
    assert summarizer.summarize(TEXT).meta.cached is False
    assert len(backend.requests) == 2  # cache unusable: computed again, never crashed
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(folder / "cache.db").execute("select * from sqlite_master").fetchall()


def test_info_and_clear(tmp_path):
    summarizer, _ = run(tmp_path)
    summarizer.summarize(TEXT)
    cache = ResultCache(tmp_path / "c")
    assert cache.info()["entries"] == 1
    assert cache.clear() == 1
    assert cache.info()["entries"] == 0


def _clean(text: str):
    from summarizer import clean

    return clean(text)
