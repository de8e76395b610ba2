"""Model backends. Only modules in this package import openai, instructor or llama_cpp.

A backend turns chat messages into a validated ``Extraction``; everything
around that (cleaning, prompts, caching, rendering) is the same for all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from ..config import Settings
from ..errors import ConfigError

if TYPE_CHECKING:
    from ..models import Extraction
    from ._instructor import ExtractionOutcome


@dataclass(frozen=True)
class ExtractionRequest:
    """One article to extract: the prompt, the text answers are checked against, and the figures allowed.

    ``candidates`` are the article's numbers, the only values a figure's ``raw``
    may take (``None``: any string, ``()``: no figures at all).
    """

    messages: list[dict[str, str]]
    article: str
    candidates: tuple[str, ...] | None = None
    removed: str = ""  # what the cleaner removed, to name it when a figure comes from there

    @property
    def response_model(self) -> type[Extraction]:
        from ..models import extraction_model

        return extraction_model(self.candidates)

    def schema(self) -> dict[str, Any]:
        """The response model's JSON schema with this article's figure enum (a fresh copy)."""
        from ..models import extraction_schema

        return extraction_schema(self.candidates)

    def context(self, **extra: Any) -> dict[str, Any]:
        return {"article": self.article, "removed": self.removed, "candidates": self.candidates, **extra}


class Backend(Protocol):
    name: str

    @property
    def model(self) -> str: ...

    def identity(self) -> dict[str, Any]:
        """What, besides the prompt, decides the answer: part of the cache key."""
        ...

    def extract(self, request: ExtractionRequest) -> ExtractionOutcome: ...

    def close(self) -> None: ...


def create_backend(settings: Settings) -> Backend:
    if settings.backend == "local":
        from .local import LocalBackend

        return LocalBackend(settings)
    if settings.backend == "openai":
        from .openai_compat import OpenAIBackend

        return OpenAIBackend(settings)
    raise ConfigError(f"unknown backend {settings.backend!r}")  # Settings validates; kept for type checkers
