"""Putting a summary together from the model's answers: grounding, the sentiment of a split article, meta and cost.

The model names figures; their values, units and offsets come from the finder
(``figures``), located in the span of the article the answer was about. Nothing
here calls a model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .figures import NumberMention, same_amount
from .labels import distinct_labels, shared
from .models import MAX_ENTITIES, MAX_FIGURES, Converted, KeyFigure, Meta, Sentiment, Summary
from .quality import as_sentence
from .usage import cost_usd

if TYPE_CHECKING:
    from .backends import Backend, ExtractionOutcome
    from .cleaning import CleanArticle
    from .planning import Plan


def assemble(article: CleanArticle, plan: Plan, outcomes: list[ExtractionOutcome], final: ExtractionOutcome | None,
             *, backend: Backend, prompt_version: str, prices: dict[str, tuple[float, float]], source: str | None,
             seconds: float) -> Summary:
    """The ``Summary`` of ``article`` from one answer per part of ``plan`` (and ``final``, the parts' reduction)."""
    warnings = list(article.notes)
    figures = _grounded(article, plan, outcomes, warnings)
    for figure, label in zip(figures, distinct_labels(figures, article.text), strict=True):
        figure.label = label
    warnings.extend(shared(figures))
    calls = outcomes + ([final] if final is not None else [])
    if final is not None:
        warnings.append(f"split into {len(outcomes)} parts of at most {plan.budget} tokens at paragraph "
                        "boundaries; each part summarized, then the parts' summaries summarized")
    for index, outcome in enumerate(calls):
        prefix = f"part {index + 1}: " if final is not None and index < len(outcomes) else ""
        warnings.extend(prefix + w for w in outcome.warnings)
    prompt_tokens = sum(o.prompt_tokens for o in calls)
    completion_tokens = sum(o.completion_tokens for o in calls)
    model = backend.model
    meta = Meta(
        model=model,
        backend=backend.name,
        prompt_version=prompt_version,
        prompt_tokens=prompt_tokens,
        completion_tokens=completion_tokens,
        requests=sum(o.requests or o.attempts for o in calls),
        cost_usd=cost_usd(model, prompt_tokens, completion_tokens, prices),
        parts=len(outcomes),
        cached=False,
        seconds=round(seconds, 4),
        source=source,
        warnings=warnings,
    )
    summary = (final or outcomes[0]).extraction.summary
    if final is None:
        sentiment = outcomes[0].extraction.sentiment.model_dump()
    else:
        sentiment = _combined_sentiment(outcomes, [end - start for start, end in plan.spans])
    return Summary(
        title=article.title,
        summary=" ".join(as_sentence(s) for s in summary),
        key_figures=figures[:MAX_FIGURES],
        sentiment=Sentiment.model_validate({**sentiment, "rationale": _whole_words(sentiment["rationale"])}),
        meta=meta,
    )


def _grounded(article: CleanArticle, plan: Plan, outcomes: list[ExtractionOutcome],
              warnings: list[str]) -> list[KeyFigure]:
    """The figures the answers name, as the finder read them in the article; each amount once."""
    figures: list[KeyFigure] = []
    for (start, end), outcome in zip(plan.spans, outcomes, strict=True):
        for draft in outcome.extraction.key_figures:
            mention = _locate(draft.raw, article.text, plan.mentions, start, end)
            if mention is None:
                warnings.append(f"dropped figure {draft.raw!r}: no number of the article found there")
                continue
            if any(f.start == mention.start or same_amount(f, mention) for f in figures):
                continue  # the same figure mentioned twice ("10,000 Ethereum tokens" ... "10,000 ETH")
            figures.append(KeyFigure(
                raw=mention.raw, label=draft.label.strip(), value=mention.value, unit=mention.unit,
                start=mention.start, end=mention.end, kind=mention.kind,  # type: ignore[arg-type]
                approximate=mention.approximate, direction=mention.direction,  # type: ignore[arg-type]
                entity=draft.entity, value_high=mention.value_high,
                converted=Converted(value=mention.converted.value, unit=mention.converted.unit)
                if mention.converted else None,
            ))
    return figures


def _locate(raw: str, text: str, mentions: list[NumberMention], start: int = 0,
            end: int | None = None) -> NumberMention | None:
    """The finder's mention the model meant, within ``text[start:end]``: the same text, else the first one
    inside where raw occurs."""
    end = len(text) if end is None else end
    mentions = [m for m in mentions if start <= m.start and m.end <= end]
    for mention in mentions:
        if mention.raw == raw:
            return mention
    found = text.find(raw, start, end)
    if found < 0:
        return None
    for mention in mentions:
        if found <= mention.start < found + len(raw) or mention.start <= found < mention.end:
            return mention
    return None


def _combined_sentiment(outcomes: list[ExtractionOutcome], weights: list[int]) -> dict[str, Any]:
    """One sentiment for a split article: the parts' scores weighted by length, their labels, their entities."""
    parts = [o.extraction.sentiment for o in outcomes]
    total = sum(weights) or 1
    score = round(sum(p.score * w for p, w in zip(parts, weights, strict=True)) / total, 3)
    labels = {p.label for p in parts}
    if {"positive", "negative"} <= labels or "mixed" in labels:
        label = "mixed"
    elif len(labels) == 1:
        label = parts[0].label
    else:  # one leaning and neutral parts: the leaning wins when the weighted score agrees with it
        leaning = next(iter(labels - {"neutral"}))
        label = leaning if (score > 0.1 if leaning == "positive" else score < -0.1) else "neutral"
    strongest = max((p for p in parts if p.label == label), key=lambda p: abs(p.score), default=parts[0])
    entities: dict[str, dict[str, Any]] = {}
    for part in parts:
        for entity in part.entities:
            entities.setdefault(entity.name.casefold(), entity.model_dump())
    return {"label": label, "score": score, "rationale": strongest.rationale,
            "entities": list(entities.values())[:MAX_ENTITIES]}


def _whole_words(text: str, limit: int = 200) -> str:
    """Text cut at the schema's length limit ends at its last full sentence, or last full word with an ellipsis."""
    text = text.strip()
    if len(text) < limit - 10 or text.endswith((".", "!", "?", "…", '"', "”")):
        return text
    end = max(text.rfind(". "), text.rfind("! "), text.rfind("? "))
    if end > len(text) // 2:
        return text[:end + 1]
    return text.rsplit(" ", 1)[0].rstrip(",;:") + "…" if " " in text else text
