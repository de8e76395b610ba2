"""The backend contract: what the pipeline hands a backend, what it gets back, and the base class.

As httpx does with transports, this is the one public extension point for
models. A backend subclasses ``Backend`` and implements ``extract`` (and
``model``); everything else has a default a backend overrides only when it can
do better: an async path, an exact token count, its model's context size, a
clean shutdown. Capability flags say what the pipeline must know about it,
instead of tests on its name. Register it by name with
``summarizer.backends.register_backend`` to make it a choice of ``--backend``.

Nothing here imports openai, instructor or llama_cpp.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from ..drafts import Extraction

DEFAULT_CONTEXT_TOKENS = 128_000  # gpt-4o-mini and most hosted models


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
    title: str | None = None  # the headline: shown to the model, so its names and numbers are the article's too

    @property
    def response_model(self) -> type[Extraction]:
        from ..drafts import extraction_model

        return extraction_model(self.candidates)

    def schema(self) -> dict[str, Any]:
        """The response model's JSON schema with this article's figure enum (a fresh copy)."""
        from ..drafts import extraction_schema

        return extraction_schema(self.candidates)

    def context(self, **extra: Any) -> dict[str, Any]:
        """What the response model's validators are given: the article, what was removed, the figures allowed,
        the title."""
        return {"article": self.article, "removed": self.removed, "candidates": self.candidates, "title": self.title,
                **extra}


@dataclass
class ExtractionOutcome:
    """A validated answer and what it cost."""

    extraction: Extraction
    prompt_tokens: int = 0
    completion_tokens: int = 0
    attempts: int = 1  # answers asked for: the first and every re-ask
    requests: int = 0  # HTTP requests sent, transport retries included; 0 when the backend sends none
    warnings: list[str] = field(default_factory=list)


def estimate_tokens(text: str) -> int:
    """An upper estimate of ``text``'s tokens when no tokenizer is at hand: a token per 3 bytes."""
    return -(-len(text.encode("utf-8")) // 3)


class Backend:
    """Turns an ``ExtractionRequest`` into an ``ExtractionOutcome``. Subclass it; implement ``extract``."""

    name: ClassVar[str] = "custom"
    # Counting tokens runs the model's own tokenizer in this process (and may load the model first):
    # slow CPU work, so an async caller plans the article in a worker thread, not on its event loop.
    blocking_token_count: ClassVar[bool] = False

    @property
    def model(self) -> str:
        """The model's name, as results report it."""
        return type(self).__name__

    def identity(self) -> dict[str, Any]:
        """What, besides the prompt, decides the answer: part of the cache key."""
        return {"backend": self.name, "model": self.model}

    def extract(self, request: ExtractionRequest) -> ExtractionOutcome:
        """Ask the model for a validated extraction of ``request``; raise a ``ModelError`` when it cannot."""
        raise NotImplementedError(f"{type(self).__name__} must implement extract()")

    async def aextract(self, request: ExtractionRequest) -> ExtractionOutcome:
        """``extract`` for asyncio code; by default in a worker thread."""
        import asyncio

        return await asyncio.to_thread(self.extract, request)

    def count_tokens(self, text: str) -> int:
        """``text``'s tokens for this model; by default an upper estimate."""
        return estimate_tokens(text)

    def context_tokens(self) -> int:
        """The model's context window in tokens."""
        return DEFAULT_CONTEXT_TOKENS

    def close(self) -> None:
        """Release the model and connections; the backend may be used again afterwards (it reopens)."""

    async def aclose(self) -> None:
        """Release what the running event loop holds (async connections); called when a batch ends."""
