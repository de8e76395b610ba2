"""summarizer: trustworthy structured summaries of messy news articles.

    >>> from summarizer import summarize_file
    >>> result = summarize_file("article.txt")
    >>> result.summary, result.key_figures, result.sentiment.label
"""

from __future__ import annotations

from .clean import CleanArticle, clean
from .config import Settings
from .core import Summarizer, summarize, summarize_file
from .errors import (
    ConfigError,
    DeliveryError,
    InputError,
    ModelError,
    ModelOutputError,
    ModelUnavailableError,
    SummarizerError,
)
from .models import KeyFigure, Meta, Sentiment, Summary

__all__ = [
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
    "clean",
    "summarize",
    "summarize_file",
]
