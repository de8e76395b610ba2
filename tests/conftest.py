"""Shared fixtures. Every test runs isolated from the user's home, cache, config and environment."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from summarizer import Settings, Summarizer
from summarizer.testing import VirtualClock, virtual_time

SEEDS = Path(__file__).parent / "data" / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point home, XDG folders and the result cache at a temp dir; drop our and OpenAI's variables."""
    for name in list(os.environ):
        if name.startswith(("SUMMARIZER_", "OPENAI_")):
            monkeypatch.delenv(name)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))  # the run history
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path


@pytest.fixture(autouse=True)
def virtual_clock() -> Iterator[VirtualClock]:
    """Retries and rate limits wait on this clock, never for real; ``.waits`` lists what they asked for."""
    with virtual_time() as clock:
        yield clock


@pytest.fixture(scope="session")
def embedded_summarizer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Summarizer]:
    """The real embedded model, loaded once for every test module that runs it (its file assembled from the
    pinned packages into a temporary models folder, its cache there too)."""
    root = tmp_path_factory.mktemp("embedded")
    settings = Settings(backend="local", model_dir=root / "models", cache_dir=root / "cache")
    with Summarizer(settings) as instance:
        yield instance


@pytest.fixture
def seed_texts() -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in SEED_FILES}


@pytest.fixture(scope="module")
def vcr_config() -> dict[str, object]:
    return {
        "filter_headers": ["authorization", "api-key", "x-api-key", "openai-organization", "openai-project"],
        "decode_compressed_response": True,
        # the body too: a prompt or schema change must fail the replay and be re-recorded, never reuse old answers
        "match_on": ["method", "scheme", "host", "port", "path", "query", "body"],
    }


@pytest.fixture(scope="module")
def vcr_cassette_dir() -> str:
    return str(Path(__file__).parent.parent / "cassettes")
