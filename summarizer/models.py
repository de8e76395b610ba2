"""The output contract: the pydantic models every interface returns.

``Summary`` and its parts are what users and other tools receive. Their JSON
field names are fixed; ``schemas/summary.schema.json`` is generated from them
and a test fails when the two drift apart. What the model is asked to fill is
``drafts.Extraction``; how its answer is checked against the article is ``review``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SentimentLabel = Literal["positive", "negative", "neutral", "mixed"]
FigureKind = Literal["money", "price", "percent", "percentage_points", "basis_points", "count", "multiple"]

MAX_FIGURES = 8
MAX_ENTITIES = 4


class Converted(BaseModel):
    value: float
    unit: str


class KeyFigure(BaseModel):
    """One number from the article, grounded at ``start:end`` of the cleaned text.

    Everything but ``label`` and ``entity`` comes from the deterministic number
    finder, not from the model.
    """

    raw: str = Field(description="The figure exactly as written in the cleaned article.")
    label: str = Field(description="What the figure measures, in a few words.")
    value: float = Field(description="The number with its scale applied ('$44 million' -> 44000000).")
    unit: str = Field(description="ISO 4217 code for money, '%', 'pp', 'bp', 'x', a crypto ticker, or a unit word.")
    start: int = Field(ge=0, description="Offset of the first character of raw in the cleaned text.")
    end: int = Field(ge=0, description="Offset just past the last character of raw in the cleaned text.")
    kind: FigureKind = "count"
    approximate: bool = Field(default=False, description="Hedged in the text: about, nearly, over, ~.")
    direction: Literal["up", "down"] | None = Field(default=None, description="A change the text states.")
    entity: str | None = Field(default=None, description="Whose figure it is, when clear.")
    value_high: float | None = Field(default=None, description="Upper bound of a range such as '$10-12 million'.")
    converted: Converted | None = Field(
        default=None, description="The bracketed conversion of a paired amount: '33.4 billion yuan ($4.7 billion)'."
    )


class EntitySentiment(BaseModel):
    name: str
    label: SentimentLabel
    evidence: str = Field(description="A short quote from the article.")


class Sentiment(BaseModel):
    label: SentimentLabel
    score: float = Field(ge=-1.0, le=1.0, description="-1 very negative .. 1 very positive.")
    rationale: str = Field(description="One line quoting the evidence for the label.")
    entities: list[EntitySentiment] = Field(default_factory=list)


class Meta(BaseModel):
    """How the result was produced. Never part of the cache key."""

    model: str
    backend: str
    prompt_version: str
    prompt_tokens: int = Field(default=0, description="Over every request: re-asks and retries included; 0 on a hit.")
    completion_tokens: int = 0
    requests: int = Field(default=0, description="Model requests sent for this article; 0 on a cache hit.")
    cost_usd: float | None = Field(default=None, description="From the price table; None when the model has "
                                   "no price; 0 on a cache hit.")
    parts: int = Field(default=1, description="How many parts a long article was split into (1: not split).")
    cached: bool = False
    seconds: float = 0.0
    source: str | None = Field(default=None, description="Where the article came from (path, URL or '-').")
    warnings: list[str] = Field(default_factory=list)


class Summary(BaseModel):
    """The structured summary of one article."""

    model_config = ConfigDict(title="Summary")

    title: str | None = None
    summary: str
    key_figures: list[KeyFigure] = Field(default_factory=list)
    sentiment: Sentiment
    meta: Meta
