"""Model backends. Only modules in this package import openai, instructor or llama_cpp.

A backend turns chat messages into a validated ``Extraction``; everything
around that (cleaning, prompts, caching, rendering) is the same for all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from ..config import Settings
from ..errors import ConfigError

if TYPE_CHECKING:
    from ._instructor import ExtractionOutcome


class Backend(Protocol):
    name: str

    @property
    def model(self) -> str: ...

    def identity(self) -> dict[str, Any]:
        """What, besides the prompt, decides the answer: part of the cache key."""
        ...

    def extract(self, messages: list[dict[str, str]], article: str) -> ExtractionOutcome: ...

    def close(self) -> None: ...


def create_backend(settings: Settings) -> Backend:
    if settings.backend == "local":
        from .local import LocalBackend

        return LocalBackend(settings)
    if settings.backend == "openai":
        from .openai_compat import OpenAIBackend

        return OpenAIBackend(settings)
    raise ConfigError(f"unknown backend {settings.backend!r}")  # Settings validates; kept for type checkers
