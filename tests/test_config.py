from __future__ import annotations

from pathlib import Path

import pytest

from summarizer import ConfigError, Settings


def test_defaults_to_the_embedded_local_backend():
    settings = Settings.resolve()
    assert settings.backend == "local"
    assert settings.model_name == "qwen2.5-1.5b"


@pytest.mark.parametrize("var", ["OPENAI_API_KEY", "OPENAI_BASE_URL"])
def test_an_openai_key_or_base_url_selects_the_openai_backend(monkeypatch, var):
    monkeypatch.setenv(var, "http://127.0.0.1:9/v1" if var == "OPENAI_BASE_URL" else "sk-x")
    assert Settings.resolve().backend == "openai"


def test_explicit_argument_beats_environment_beats_config_file(monkeypatch, tmp_path: Path):
    config = tmp_path / "config.toml"
    config.write_text('backend = "openai"\nmodel = "from-file"\nmax-tokens = 300\n', encoding="utf-8")
    monkeypatch.setenv("SUMMARIZER_CONFIG", str(config))
    assert Settings.resolve().model == "from-file"
    assert Settings.resolve().max_tokens == 300
    monkeypatch.setenv("SUMMARIZER_MODEL", "from-env")
    assert Settings.resolve().model == "from-env"
    assert Settings.resolve(model="from-arg").model == "from-arg"


def test_tables_of_the_config_file_belong_to_their_owners(monkeypatch, tmp_path: Path):
    """``Settings`` reads the top level and ``[prices]``; any other table is read by whoever owns it."""
    from summarizer.config import read_section

    config = tmp_path / "config.toml"
    config.write_text('model = "m"\ncolour = "blue"\n[plugin]\nsize = 3\n', encoding="utf-8")
    monkeypatch.setenv("SUMMARIZER_CONFIG", str(config))
    with pytest.raises(ConfigError, match=r"unknown setting\(s\): colour"):  # an unknown setting is still one
        Settings.resolve()
    config.write_text('model = "m"\n[plugin]\nsize = 3\n[prices."m"]\ninput = 1.0\noutput = 2.0\n',
                      encoding="utf-8")
    assert Settings.resolve().prices == {"m": {"input": 1.0, "output": 2.0}}
    assert read_section("plugin") == {"size": 3}


def test_config_file_in_the_user_config_dir_is_read(isolated: Path):
    folder = isolated / "home" / ".config" / "summarizer"
    folder.mkdir(parents=True)
    (folder / "config.toml").write_text('backend = "openai"\n', encoding="utf-8")
    assert Settings.resolve().backend == "openai"


def test_environment_is_read_when_resolving_not_at_import(monkeypatch):
    assert Settings.resolve().backend == "local"
    monkeypatch.setenv("SUMMARIZER_BACKEND", "openai")
    assert Settings.resolve().backend == "openai"


@pytest.mark.parametrize(("overrides", "message"), [
    ({"backend": "gpt"}, "unknown backend 'gpt'; choose one of: local, openai"),
    ({"mode": "xml"}, "unknown mode 'xml'"),
    ({"max_tokens": "lots"}, "setting max_tokens must be a number"),
    ({"colour": "blue"}, "unknown setting(s): colour"),
])
def test_bad_settings_say_what_is_allowed(overrides, message):
    with pytest.raises(ConfigError) as info:
        Settings.resolve(**overrides)
    assert message in str(info.value)


def test_broken_config_file_is_a_config_error(monkeypatch, tmp_path: Path):
    config = tmp_path / "config.toml"
    config.write_text("backend = \n", encoding="utf-8")
    monkeypatch.setenv("SUMMARIZER_CONFIG", str(config))
    with pytest.raises(ConfigError, match="cannot read config file"):
        Settings.resolve()


def test_api_key_is_not_in_the_repr():
    assert "sk-secret" not in repr(Settings.resolve(api_key="sk-secret"))


def test_repr_shows_no_secrets():
    from summarizer import Settings

    settings = Settings.resolve(api_key="sk-PLANTED-SECRET", base_url="https://user:hunter2@llm.example/v1")
    shown = repr(settings)
    assert "sk-PLANTED-SECRET" not in shown and "hunter2" not in shown and "user" not in shown
    assert "base_url='https://***@llm.example/v1'" in shown and "timeout=120.0" in shown
