"""Token usage and cost: per article (in ``Meta``) and per run (``RunUsage``).

Prices are US dollars per million tokens, input and output. The table below
holds list prices for common hosted models and zero for the embedded ones;
extend or override it in the config file::

    [prices."my-model"]
    input = 0.20
    output = 0.60
    batch_input = 0.10     # through a provider's Batch API (``summarize batch``)
    batch_output = 0.30

``BATCH_PRICES`` are the providers' own Batch API prices (half the list price
at OpenAI); a model with a list price but none for batches has an unknown
batch cost. A model with no price gets ``cost_usd = None``: unknown, never guessed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .errors import ConfigError

if TYPE_CHECKING:
    from .models import Summary

# USD per 1M tokens (input, output); list prices for the standard tier.
PRICES: dict[str, tuple[float, float]] = {
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4o": (2.50, 10.00),
    "gpt-4.1": (2.00, 8.00),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1-nano": (0.10, 0.40),
    # the embedded models run on your own machine
    "qwen2.5-1.5b": (0.0, 0.0),
    "qwen2.5-0.5b": (0.0, 0.0),
}


# USD per 1M tokens (input, output) through the provider's Batch API: OpenAI charges half the list price.
BATCH_PRICES: dict[str, tuple[float, float]] = {
    "gpt-4o-mini": (0.075, 0.30),
    "gpt-4o": (1.25, 5.00),
    "gpt-4.1": (1.00, 4.00),
    "gpt-4.1-mini": (0.20, 0.80),
    "gpt-4.1-nano": (0.05, 0.20),
    "qwen2.5-1.5b": (0.0, 0.0),
    "qwen2.5-0.5b": (0.0, 0.0),
}


def batch_price_table(extra: Mapping[str, Any] | None = None) -> dict[str, tuple[float, float]]:
    """The Batch API prices, overridden and extended by ``batch_input``/``batch_output`` in ``extra``."""
    table = dict(BATCH_PRICES)
    for model, entry in (extra or {}).items():
        if isinstance(entry, Mapping) and ("batch_input" in entry or "batch_output" in entry):
            try:
                table[str(model)] = (float(entry["batch_input"]), float(entry["batch_output"]))
            except (KeyError, TypeError, ValueError):
                raise ConfigError(
                    f"batch price for {model!r} needs numbers batch_input and batch_output (USD per 1M tokens), "
                    f"got {entry!r}"
                ) from None
    return table


def price_table(extra: Mapping[str, Any] | None = None) -> dict[str, tuple[float, float]]:
    """The built-in prices, overridden and extended by ``extra`` (the config file's ``[prices]``)."""
    table = dict(PRICES)
    for model, entry in (extra or {}).items():
        try:
            table[str(model)] = (float(entry["input"]), float(entry["output"]))
        except (KeyError, TypeError, ValueError):
            raise ConfigError(
                f"price for {model!r} must be a table with numbers input and output (USD per 1M tokens), "
                f"got {entry!r}"
            ) from None
    return table


def cost_usd(model: str, prompt_tokens: int, completion_tokens: int,
             table: Mapping[str, tuple[float, float]]) -> float | None:
    price = table.get(model)
    if price is None and model.endswith(".gguf"):
        price = (0.0, 0.0)  # a model file run in this process
    if price is None:
        return None
    return round((prompt_tokens * price[0] + completion_tokens * price[1]) / 1_000_000, 8)


@dataclass
class RunUsage:
    """Totals over a run. Cache hits are counted apart and cost nothing."""

    articles: int = 0
    computed: int = 0
    cached: int = 0
    failed: int = 0
    requests: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0
    unpriced: set[str] = field(default_factory=set)  # models with no price: the cost total leaves them out
    split: int = 0

    def add(self, result: Summary) -> None:
        self.articles += 1
        meta = result.meta
        if meta.cached:
            self.cached += 1
            return
        self.computed += 1
        self.requests += meta.requests
        self.prompt_tokens += meta.prompt_tokens
        self.completion_tokens += meta.completion_tokens
        self.split += meta.parts > 1
        if meta.cost_usd is None:
            self.unpriced.add(meta.model)
        else:
            self.cost_usd += meta.cost_usd

    def add_failure(self) -> None:
        self.articles += 1
        self.failed += 1

    def as_json(self) -> dict[str, Any]:
        return {
            "articles": self.articles, "computed": self.computed, "cached": self.cached, "failed": self.failed,
            "split": self.split, "requests": self.requests, "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "cost_usd": round(self.cost_usd, 6),  # of the priced models; see unpriced_models
            "unpriced_models": sorted(self.unpriced),
        }

    def render(self) -> str:
        cost = f"${self.cost_usd:.4f}"
        if self.unpriced:
            cost += f" (no price for {', '.join(sorted(self.unpriced))}: add it under [prices] in the config file)"
        return (
            f"usage: {self.articles} article(s): {self.computed} computed, {self.cached} from cache (free), "
            f"{self.failed} failed; {self.requests} request(s), {self.prompt_tokens} prompt + "
            f"{self.completion_tokens} completion tokens; cost {cost}"
        )
