"""Settings: explicit argument > environment > config file > named defaults.

Nothing here runs at import time; ``Settings.resolve()`` reads the environment
when it is called, so tests and long-lived processes see the current values.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError

MODES = ("tools", "json", "json_grammar", "json_schema", "md_json")

DEFAULT_MODE = "tools"
DEFAULT_TIMEOUT = 120.0
DEFAULT_MAX_TOKENS = 1024
DEFAULT_TEMPERATURE = 0.0
DEFAULT_REASKS = 2
DEFAULT_RETRY_ATTEMPTS = 5
DEFAULT_RETRY_MAX_SECONDS = 120.0
DEFAULT_JOBS = 4
# The embedded model may copy at most this many words in a row from the article into its summary (0: no limit). Off
# by default: refusing the copy makes the small model swap words, and some swaps change a fact ("opening price" for
# "closing price"); see docs/evaluation.md.
DEFAULT_COPY_LIMIT = 0

APP_NAME = "summarizer"
TABLE_SETTINGS = ("prices",)  # settings written as a table; any other table is another part's (``read_section``)


def user_cache_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME))


def user_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME))


def user_config_file() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


@dataclass(frozen=True)
class Settings:
    """Everything that decides how an article is summarized."""

    backend: str = "local"
    model: str | None = None
    model_path: Path | None = None
    mode: str = DEFAULT_MODE
    api_key: str | None = field(default=None, repr=False)
    base_url: str | None = None
    cache_dir: Path | None = None
    model_dir: Path | None = None
    use_cache: bool = True
    log_runs: bool = True  # the run history (``summarizer.history``)
    log_db: Path | None = None
    timeout: float = DEFAULT_TIMEOUT
    max_tokens: int = DEFAULT_MAX_TOKENS
    temperature: float = DEFAULT_TEMPERATURE
    reasks: int = DEFAULT_REASKS
    retry_attempts: int = DEFAULT_RETRY_ATTEMPTS
    retry_max_seconds: float = DEFAULT_RETRY_MAX_SECONDS
    n_threads: int | None = None
    copy_limit: int = DEFAULT_COPY_LIMIT  # embedded model: longest run of article words its summary may copy; 0: any
    allow_private_urls: bool = False
    context_tokens: int | None = None  # the model's context window; None: the model's own, or 128k for servers
    requests_per_minute: float | None = None  # client-side limits shared by all jobs of a batch
    tokens_per_minute: float | None = None
    jobs: int = DEFAULT_JOBS
    prices: Mapping[str, Any] = field(default_factory=dict)  # model -> {input, output} USD per 1M tokens

    def __repr__(self) -> str:
        """Every setting but secrets: no API key, no password in a URL."""
        shown = []
        for f in dataclasses.fields(self):
            if not f.repr:
                continue
            value = getattr(self, f.name)
            if f.name == "base_url" and value:
                value = _without_credentials(value)
            shown.append(f"{f.name}={value!r}")
        return f"Settings({', '.join(shown)})"

    @property
    def model_name(self) -> str:
        """The configured model, else the backend's default (see ``summarizer.backends.registry``)."""
        from .backends.registry import default_model

        return self.model or default_model(self.backend) or ""

    @property
    def results_dir(self) -> Path:
        return self.cache_dir or user_cache_dir() / "results"

    @property
    def log_path(self) -> Path:
        """The run history's database: ``log_db``, else ``runs.db`` in the user data directory."""
        return self.log_db or user_data_dir() / "runs.db"

    @property
    def models_dir(self) -> Path:
        return self.model_dir or user_cache_dir() / "models"

    @classmethod
    def resolve(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Build settings from overrides, then ``SUMMARIZER_*``/``OPENAI_*`` variables, then the config file."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        values.update(_read_config_file(env))
        values.update(_read_environment(env))
        values.update({k: v for k, v in overrides.items() if v is not None})
        if "backend" not in values:
            configured = values.get("api_key") or values.get("base_url")
            values["backend"] = "openai" if configured else "local"
        return cls._build(values)

    @classmethod
    def _build(cls, values: dict[str, Any]) -> Settings:
        names = {f.name: f for f in dataclasses.fields(cls)}
        unknown = sorted(set(values) - set(names))
        if unknown:
            raise ConfigError(f"unknown setting(s): {', '.join(unknown)}; known: {', '.join(sorted(names))}")
        from .backends.registry import backend_names

        backend = str(values["backend"]).lower()
        if backend not in backend_names():
            raise ConfigError(f"unknown backend {backend!r}; choose one of: {', '.join(backend_names())}")
        values["backend"] = backend
        mode = str(values.get("mode", DEFAULT_MODE)).lower()
        if mode not in MODES:
            raise ConfigError(f"unknown mode {mode!r}; choose one of: {', '.join(MODES)}")
        values["mode"] = mode
        for key in ("model_path", "cache_dir", "model_dir", "log_db"):
            if values.get(key) is not None:
                values[key] = Path(values[key]).expanduser()
        for key, kind in (("timeout", float), ("max_tokens", int), ("temperature", float), ("reasks", int),
                          ("retry_attempts", int), ("retry_max_seconds", float), ("n_threads", int),
                          ("context_tokens", int), ("requests_per_minute", float), ("tokens_per_minute", float),
                          ("jobs", int), ("copy_limit", int)):
            if values.get(key) is not None:
                try:
                    values[key] = kind(values[key])
                except (TypeError, ValueError):
                    raise ConfigError(f"setting {key} must be a number, got {values[key]!r}") from None
        for key in ("context_tokens", "requests_per_minute", "tokens_per_minute", "jobs"):
            if values.get(key) is not None and values[key] <= 0:
                raise ConfigError(f"setting {key} must be positive, got {values[key]!r}")
        if values.get("copy_limit") is not None and values["copy_limit"] < 0:
            raise ConfigError(f"setting copy_limit must be 0 (no limit) or a number of words, "
                              f"got {values['copy_limit']!r}")
        if not isinstance(values.get("prices", {}), Mapping):
            raise ConfigError("setting prices must be a table: [prices.\"MODEL\"] input = ..., output = ...")
        for key in ("use_cache", "allow_private_urls", "log_runs"):
            if key in values:
                values[key] = _as_bool(values[key])
        return cls(**values)


_ENV = {
    "SUMMARIZER_BACKEND": "backend",
    "SUMMARIZER_MODEL": "model",
    "SUMMARIZER_MODEL_PATH": "model_path",
    "SUMMARIZER_MODE": "mode",
    "SUMMARIZER_CACHE_DIR": "cache_dir",
    "SUMMARIZER_MODEL_DIR": "model_dir",
    "SUMMARIZER_TIMEOUT": "timeout",
    "SUMMARIZER_MAX_TOKENS": "max_tokens",
    "SUMMARIZER_THREADS": "n_threads",
    "SUMMARIZER_COPY_LIMIT": "copy_limit",
    "SUMMARIZER_CONTEXT_TOKENS": "context_tokens",
    "SUMMARIZER_REQUESTS_PER_MINUTE": "requests_per_minute",
    "SUMMARIZER_TOKENS_PER_MINUTE": "tokens_per_minute",
    "SUMMARIZER_JOBS": "jobs",
    "SUMMARIZER_LOG_DB": "log_db",
    "OPENAI_API_KEY": "api_key",
    "OPENAI_BASE_URL": "base_url",
}


def _read_environment(env: Mapping[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {name: env[var] for var, name in _ENV.items() if env.get(var)}
    if env.get("SUMMARIZER_ALLOW_PRIVATE_URLS"):
        values["allow_private_urls"] = _as_bool(env["SUMMARIZER_ALLOW_PRIVATE_URLS"])
    if env.get("SUMMARIZER_NO_CACHE"):
        values["use_cache"] = not _as_bool(env["SUMMARIZER_NO_CACHE"])
    return values


def _read_config_file(env: Mapping[str, str]) -> dict[str, Any]:
    path = Path(env["SUMMARIZER_CONFIG"]) if env.get("SUMMARIZER_CONFIG") else user_config_file()
    if not path.is_file():
        if env.get("SUMMARIZER_CONFIG"):
            raise ConfigError(f"config file {path} not found; fix SUMMARIZER_CONFIG or create the file")
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read config file {path}: {exc}; fix or remove it") from None
    return {str(k).replace("-", "_"): v for k, v in data.items() if not isinstance(v, dict) or k in TABLE_SETTINGS}


def read_section(name: str, environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """A table of the config file, read when its owner asks (the digest's SMTP settings, say); ``{}`` when there
    is none. ``Settings`` reads the top level and leaves every other table to its owner."""
    env = os.environ if environ is None else environ
    path = Path(env["SUMMARIZER_CONFIG"]) if env.get("SUMMARIZER_CONFIG") else user_config_file()
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read config file {path}: {exc}; fix or remove it") from None
    table = data.get(name, {})
    if not isinstance(table, dict):
        raise ConfigError(f"config file {path}: {name} must be a table ([{name}]); fix it")
    return {str(k).replace("-", "_"): v for k, v in table.items()}


def _without_credentials(url: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def _as_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in {"1", "true", "yes", "on"}
