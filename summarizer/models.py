"""The output contract: the pydantic models every interface returns.

Two layers live here:

* ``Summary`` and its parts are what users and other tools receive. Their JSON
  field names are fixed; ``schemas/summary.schema.json`` is generated from them
  and a test fails when the two drift apart.
* ``Extraction`` is what the model is asked to fill. Its validators check the
  answer against the cleaned article (passed as validation context) so that a
  wrong answer becomes an instructor re-ask that says what was wrong.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

SentimentLabel = Literal["positive", "negative", "neutral", "mixed"]

MAX_FIGURES = 8


class KeyFigure(BaseModel):
    """One number from the article, grounded at ``start:end`` of the cleaned text."""

    raw: str = Field(description="The figure exactly as written in the cleaned article.")
    label: str = Field(description="What the figure measures, in a few words.")
    value: float = Field(description="The number with its scale applied ('$44 million' -> 44000000).")
    unit: str = Field(description="ISO 4217 currency code, '%', or a unit word such as ETH or shares.")
    start: int = Field(ge=0, description="Offset of the first character of raw in the cleaned text.")
    end: int = Field(ge=0, description="Offset just past the last character of raw in the cleaned text.")


class Sentiment(BaseModel):
    label: SentimentLabel
    score: float = Field(ge=-1.0, le=1.0, description="-1 very negative .. 1 very positive.")
    rationale: str = Field(description="One line quoting the evidence for the label.")


class Meta(BaseModel):
    """How the result was produced. Never part of the cache key."""

    model: str
    backend: str
    prompt_version: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cached: bool = False
    seconds: float = 0.0
    source: str | None = Field(default=None, description="Where the article came from (path or '-').")
    warnings: list[str] = Field(default_factory=list)


class Summary(BaseModel):
    """The structured summary of one article."""

    model_config = ConfigDict(title="Summary")

    title: str | None = None
    summary: str
    key_figures: list[KeyFigure] = Field(default_factory=list)
    sentiment: Sentiment
    meta: Meta


# --- What the model fills -------------------------------------------------
# Length and count bounds here become grammar rules for the local model, so a
# small model cannot run on past them; other backends enforce them by re-asks.

MAX_SENTENCE_CHARS = 300
Sentence = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_SENTENCE_CHARS)]


def _article(info: ValidationInfo) -> str | None:
    context = info.context or {}
    text = context.get("article")
    return text if isinstance(text, str) else None


class FigureDraft(BaseModel):
    raw: str = Field(
        max_length=80, description="The number with its currency sign or unit, copied exactly from the article."
    )
    label: str = Field(max_length=60, description="What it measures, in 2 to 6 words.")
    unit: str = Field(max_length=24, description="Currency code (USD, CNY...), '%', or a unit word (ETH, shares).")

    @field_validator("raw")
    @classmethod
    def _grounded(cls, raw: str, info: ValidationInfo) -> str:
        raw = raw.strip()
        article = _article(info)
        if not raw:
            raise ValueError("raw is empty; copy the figure exactly as it appears in the article")
        if article is not None and raw not in article:
            raise ValueError(
                f"{raw!r} does not appear verbatim in the article; copy the figure exactly "
                "as written there (same characters and spacing) or leave it out"
            )
        return raw


class SentimentDraft(BaseModel):
    label: SentimentLabel
    score: float = Field(ge=-1.0, le=1.0, description="-1 very negative to 1 very positive.")
    rationale: str = Field(max_length=200, description="One short sentence quoting the article.")


class Extraction(BaseModel):
    """Summary, key figures and sentiment of the article."""

    summary: list[Sentence] = Field(
        min_length=2, max_length=4, description="2 to 4 short sentences with the main facts, in your own words."
    )
    key_figures: list[FigureDraft] = Field(
        max_length=MAX_FIGURES, description="The most important numbers: money, percentages, counts."
    )
    sentiment: SentimentDraft

    @field_validator("key_figures")
    @classmethod
    def _no_duplicates(cls, figures: list[FigureDraft]) -> list[FigureDraft]:
        seen: set[str] = set()
        unique = []
        for figure in figures:
            if figure.raw not in seen:
                seen.add(figure.raw)
                unique.append(figure)
        return unique

    @model_validator(mode="before")
    @classmethod
    def _drop_ungrounded_when_lenient(cls, data: Any, info: ValidationInfo) -> Any:
        """In lenient mode (after the re-asks ran out) ungrounded figures are dropped, not fatal."""
        context = info.context or {}
        article = _article(info)
        if not context.get("lenient") or article is None or not isinstance(data, dict):
            return data
        figures = data.get("key_figures")
        if isinstance(figures, list):
            kept, dropped = [], []
            for figure in figures:
                raw = figure.get("raw") if isinstance(figure, dict) else None
                if isinstance(raw, str) and raw.strip() and raw.strip() in article:
                    kept.append(figure)
                else:
                    dropped.append(raw)
            context.setdefault("warnings", []).extend(
                f"dropped figure {raw!r}: not found verbatim in the article" for raw in dict.fromkeys(dropped)
            )
            data = {**data, "key_figures": kept[:MAX_FIGURES]}
        return data
