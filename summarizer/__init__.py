"""summarizer: trustworthy structured summaries of messy news articles.

    >>> from summarizer import summarize_file
    >>> result = summarize_file("article.txt")
    >>> result.summary, result.key_figures, result.sentiment.label

Names are imported on first use, so ``import summarizer`` (and the command
line's start-up) does not pay for pydantic, the cleaner or the model clients.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .errors import (
    ConfigError,
    InputError,
    ModelError,
    ModelOutputError,
    ModelUnavailableError,
    SummarizerError,
)

if TYPE_CHECKING:
    from .batch import BatchResult
    from .cleaning import CleanArticle, clean
    from .config import Settings
    from .core import Summarizer, asummarize, summarize, summarize_file, summarize_many
    from .digest.errors import DeliveryError
    from .inputs import clean_input
    from .models import KeyFigure, Meta, Sentiment, Summary

_LAZY = {
    "BatchResult": "batch",
    "CleanArticle": "cleaning",
    "clean": "cleaning",
    "clean_input": "inputs",
    "Settings": "config",
    "DeliveryError": "digest.errors",
    "Summarizer": "core",
    "asummarize": "core",
    "summarize": "core",
    "summarize_file": "core",
    "summarize_many": "core",
    "KeyFigure": "models",
    "Meta": "models",
    "Sentiment": "models",
    "Summary": "models",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'summarizer' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "BatchResult",
    "CleanArticle",
    "ConfigError",
    "DeliveryError",
    "InputError",
    "KeyFigure",
    "Meta",
    "ModelError",
    "ModelOutputError",
    "ModelUnavailableError",
    "Sentiment",
    "Settings",
    "Summarizer",
    "SummarizerError",
    "Summary",
    "asummarize",
    "clean",
    "clean_input",
    "summarize",
    "summarize_file",
    "summarize_many",
]
