"""What the model is asked to fill: ``Extraction`` and its parts, and the JSON schema sent for one article.

Length and count bounds here become grammar rules for the local model, so a small model cannot run on past them;
other backends enforce them by re-asks. The validators check the answer against the cleaned article (see
``review``) so that a wrong answer becomes a re-ask that says what was wrong, or a repair named in the warnings.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    Field,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
    create_model,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticKnownError

from . import quality, trim
from .models import MAX_ENTITIES, MAX_FIGURES, SentimentLabel
from .review import (
    MAX_COPIED_WORDS,
    MAX_SENTENCE_CHARS,
    SummaryReview,
    context_of,
    fold,
    ground_quote,
    is_name,
    opening_sentences,
    valid_only,
    warn,
)

# --- What the model fills -------------------------------------------------
# Length and count bounds here become grammar rules for the local model, so a
# small model cannot run on past them; other backends enforce them by re-asks.
# The validation context carries the article ("article"), the text the cleaner
# removed ("removed"), and "lenient" once the re-asks have run out: then what is
# still wrong is dropped and named in "warnings" instead of failing.

Sentence = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_SENTENCE_CHARS)]

class FigureDraft(BaseModel):
    raw: str = Field(max_length=80, description="One of the article's numbers, copied exactly.")
    label: str = Field(max_length=60, description="What it measures, in 2 to 6 words.")
    entity: str | None = Field(default=None, max_length=40, description="Whose figure it is, if clear.")

    @field_validator("raw", mode="before")
    @classmethod
    def _grounded(cls, raw: Any, info: ValidationInfo) -> Any:
        """Runs before the enum check, so the re-ask says why rather than listing every allowed value."""
        from .figures import parse_figure

        if not isinstance(raw, str):
            return raw
        raw = raw.strip()
        context = context_of(info)
        article = context.get("article")
        if not isinstance(article, str):
            return raw
        if not raw or raw not in article:
            removed = context.get("removed", "")
            where = "appears only in text removed as noise (ads, tickers, related stories)" if raw and raw in \
                removed else "does not appear verbatim in the article"
            raise ValueError(f"{raw!r} {where}; copy a figure exactly as written in the article or leave it out")
        if parse_figure(raw) is None:
            raise ValueError(f"{raw!r} is not a number; key figures are amounts, percentages and counts")
        return raw

    @field_validator("entity")
    @classmethod
    def _known_entity(cls, entity: str | None, info: ValidationInfo) -> str | None:
        article = context_of(info).get("article")
        if entity is None or not is_name(entity):
            return None  # optional: "the company" or a name the article does not use is simply left out
        if isinstance(article, str) and fold(entity) not in fold(article):
            return None
        return entity.strip()


class EntityDraft(BaseModel):
    name: str = Field(max_length=40, description="A company, token or market the article is about.")
    label: SentimentLabel
    evidence: str = Field(max_length=160, description="A short quote from the article that shows the tone.")

    @model_validator(mode="after")
    def _grounded(self, info: ValidationInfo) -> EntityDraft:
        """The evidence becomes the article's own words: the sentence the model quoted or closely paraphrased."""
        article = context_of(info).get("article")
        if isinstance(article, str):
            if not is_name(self.name) or fold(self.name) not in fold(article):
                raise ValueError(f"entity {self.name!r} is not a name used in the article")
            quote = ground_quote(self.evidence, article)
            if quote is None:
                raise ValueError(f"the evidence for {self.name!r} is not from the article; quote the sentence")
            self.evidence = quote
        return self


class SentimentDraft(BaseModel):
    label: SentimentLabel
    score: float = Field(ge=-1.0, le=1.0, description="-1 very negative to 1 very positive.")
    rationale: str = Field(max_length=200, description="One short sentence quoting the article.")
    entities: list[EntityDraft] = Field(
        default_factory=list, max_length=MAX_ENTITIES, description="Tone towards each company, token or market."
    )

    @field_validator("entities", mode="before")
    @classmethod
    def _sound_entities_only(cls, entities: Any, info: ValidationInfo) -> Any:
        """An entity whose name or evidence is not from the article is dropped with a warning, not re-asked:
        the tone of the article stands without it, and another answer costs as much as the first."""
        context = context_of(info)
        if not isinstance(entities, list) or not isinstance(context.get("article"), str):
            return entities
        return valid_only(entities, EntityDraft, context, "entity sentiment")

    @model_validator(mode="after")
    def _score_follows_label(self, info: ValidationInfo) -> SentimentDraft:
        """A score on the wrong side of its label is brought to the label's side, with a warning (not worth a
        re-ask): the label is the model's reading of the news, the score its strength."""
        if not quality.score_agrees(self.label, self.score):
            fixed = quality.nearest_agreeing_score(self.label, self.score)
            warn(info, f"sentiment score {self.score:+.2f} does not fit the label {self.label!r}; "
                  f"set to {fixed:+.2f}")
            self.score = fixed
        return self


def _opening_instead(article: str, info: ValidationInfo, why: str, fewest: int = 1) -> list[str]:
    """Lenient mode's stand-in for the model's summary: the article's own opening sentences, with ``why`` in the
    warning; none when fewer than ``fewest`` are found."""
    opening = [trim.trim(sentence, article, MAX_COPIED_WORDS).text for sentence in opening_sentences(article)]
    if len(opening) < fewest:
        return []
    warn(info, f"{why}; the summary is the article's own opening sentences")
    return opening


class Extraction(BaseModel):
    """Summary, key figures and sentiment of the article."""

    summary: list[Sentence] = Field(
        min_length=2, max_length=4, description="2 to 4 short sentences with the main facts, in your own words."
    )
    key_figures: list[FigureDraft] = Field(
        max_length=MAX_FIGURES, description="The most important numbers: money, percentages, counts."
    )
    sentiment: SentimentDraft

    @field_validator("summary", mode="before")
    @classmethod
    def _blank_items_dropped(cls, sentences: Any, info: ValidationInfo) -> Any:
        """A summary item of nothing but spaces (the grammar allows one) is dropped with a warning before the
        length check would fail the whole answer on it: a re-ask brought the same blank back. When fewer than
        two items are left, items holding several sentences are split into them (the model had written its
        whole summary into the first item); the checks below then judge each sentence."""
        if not isinstance(sentences, list) or not all(isinstance(s, str) for s in sentences):
            return sentences
        kept = [s for s in sentences if s.strip()]
        if len(kept) < len(sentences):
            warn(info, f"dropped {len(sentences) - len(kept)} blank summary item(s)")
        if len(kept) < 2:
            kept = [sentence for item in kept for sentence in quality.split_sentences(item)]
        context = context_of(info)
        if len(kept) < 2 and context.get("lenient") and isinstance(context.get("article"), str):
            # the re-asks ran out on an answer of one item or none (the embedded model closed its first item where
            # the article's own quote mark began, then wrote blanks): the list's length check would fail it here,
            # before the review below could stand in
            return _opening_instead(context["article"], info, f"the model's summary had {len(kept)} item(s) after "
                                    "the re-asks", fewest=2) or kept
        return kept

    @field_validator("summary")
    @classmethod
    def _a_summary_a_reader_trusts(cls, sentences: list[str], info: ValidationInfo) -> list[str]:
        """Every sentence whole, its own, in the article's script, with the article's numbers and names; the
        whole short. Faults are repaired (the sentence dropped, or named in the warnings) rather than paid for
        with another answer, which a small model rarely gets right either: under greedy decoding its re-asks
        came back unchanged. Nothing sound left is re-asked with every reason."""
        context = context_of(info)
        article = context.get("article")
        if not isinstance(article, str):
            return sentences
        review = SummaryReview(article, context)
        kept = review.whole(review.sentences(sentences))
        if not kept and context.get("lenient"):
            kept = _opening_instead(article, info, "no sentence of the model's summary was sound after the re-asks ("
                                    + ("; ".join(review.reasons) or "nothing left") + ")")
        if not kept:
            raise ValueError("; ".join(review.reasons) or "no summary sentence left")
        for warning in review.warnings:
            warn(info, warning)
        return kept

    @field_validator("key_figures")
    @classmethod
    def _each_figure_once_with_its_own_label(cls, figures: list[FigureDraft],
                                             info: ValidationInfo) -> list[FigureDraft]:
        """A number listed twice keeps its first entry; the later one is dropped with a warning, not re-asked:
        under greedy decoding the re-asks came back with the same list (an eval article took three attempts on
        the embedded model). Two numbers under one label ('Revenue' for actual, estimate and guidance) are both
        kept: a re-ask costs a whole answer and the small model mostly repeats the label.
        ``labels.distinct_labels`` tells them apart from the article's words next to each number when the summary
        is assembled, and names in the warnings the labels it cannot."""
        unique: list[FigureDraft] = []
        for figure in figures:
            if any(figure.raw == kept.raw for kept in unique):
                warn(info, f"dropped figure: figure {figure.raw!r} is listed twice")
                continue
            unique.append(figure)
        return unique

    @model_validator(mode="before")
    @classmethod
    def _drop_what_is_still_wrong(cls, data: Any, info: ValidationInfo) -> Any:
        """Lenient mode (after the re-asks ran out): drop bad figures and entities, keep the rest."""
        context = context_of(info)
        if not context.get("lenient") or not isinstance(data, dict):
            return data
        if isinstance(data.get("key_figures"), list):
            figure = _CandidateFigure if context.get("candidates") else FigureDraft  # one of the article's own numbers
            kept = valid_only(data["key_figures"], figure, context, "figure")
            data = {**data, "key_figures": kept[:MAX_FIGURES]}
        sentiment = data.get("sentiment")
        if isinstance(sentiment, dict) and isinstance(sentiment.get("entities"), list):
            entities = valid_only(sentiment["entities"], EntityDraft, context, "entity sentiment")
            data = {**data, "sentiment": {**sentiment, "entities": entities[:MAX_ENTITIES]}}
        return data


# --- One article's figures ---------------------------------------------------
# A figure must be one of the article's own numbers (the "candidates"). The JSON
# schema lists them as an enum, which becomes a grammar rule for a local model
# and a constraint every server sees. Building a pydantic class per article for
# that enum cost 2 to 3 ms of CPU per request (class, schema, instructor's
# wrapper); in a batch that, not the network, set the pace. So the classes are
# fixed and the enum is per article in two places: ``extraction_schema`` writes
# it into a copy of the schema, and the validator checks ``raw`` against the
# validation context's "candidates", with pydantic's own Literal error. Both
# are exactly what ``Literal[candidates]`` would give (tests/test_figure_enum.py
# compares them with a class built that way).


def _one_of(candidates: tuple[str, ...]) -> str:
    """How pydantic words the allowed values of a Literal: 'a', 'b' or 'c'."""
    quoted = [repr(c) for c in candidates]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"


class _CandidateFigure(FigureDraft):
    """A ``FigureDraft`` whose ``raw`` must be one of the context's "candidates"."""

    raw: Annotated[Any, WithJsonSchema({"type": "string"})] = Field(
        description="One of the article's numbers, copied exactly."
    )

    @field_validator("raw")
    @classmethod
    def _one_of_the_candidates(cls, raw: Any, info: ValidationInfo) -> str:
        candidates = context_of(info).get("candidates")
        if not candidates:  # fail closed: this class exists to hold figures to the article's own numbers
            raise ValueError("no list of the article's numbers to check the figure against: pass them as "
                             "'candidates' in the validation context")
        if not isinstance(raw, str) or raw not in candidates:
            raise PydanticKnownError("literal_error", {"expected": _one_of(tuple(candidates))})
        return raw


@cache
def _figure_classes() -> dict[str, type[Extraction]]:
    figure: Any = create_model("FigureDraft", __base__=_CandidateFigure)
    return {
        "some": create_model(
            "Extraction", __base__=Extraction,
            key_figures=(list[figure], Field(max_length=MAX_FIGURES,
                                             description="The most important numbers: money, percentages, counts.")),
        ),
        "none": create_model(
            "Extraction", __base__=Extraction,
            key_figures=(list[FigureDraft], Field(default_factory=list, max_length=0,
                                                  description="This article has no numbers: leave empty.")),
        ),
    }


def extraction_model(candidates: tuple[str, ...] | None) -> type[Extraction]:
    """The class to fill for an article whose numbers are ``candidates``.

    ``None`` leaves figures unconstrained (plain ``Extraction``); ``()`` means
    the article has no numbers. Otherwise ``raw`` is checked against the
    validation context's "candidates", which must be these.
    """
    if candidates is None:
        return Extraction
    return _figure_classes()["some" if candidates else "none"]


@cache
def _schema_text(model: type[BaseModel]) -> str:
    return json.dumps(model.model_json_schema())


def extraction_schema(candidates: tuple[str, ...] | None) -> dict[str, Any]:
    """The JSON schema of ``extraction_model(candidates)`` with the figure enum of this article (a fresh copy)."""
    schema: dict[str, Any] = json.loads(_schema_text(extraction_model(candidates)))
    return with_candidates(schema, candidates)


def with_candidates(schema: dict[str, Any], candidates: tuple[str, ...] | None) -> dict[str, Any]:
    """``schema`` (a whole schema, or a tool's parameters) with ``raw`` limited to ``candidates``.

    Writes ``raw`` as ``Literal[candidates]`` would: a const for one value, else
    an enum. The dicts on the way to ``raw`` are new and everything else is
    shared, so a schema someone else caches is never changed. A schema without
    that field comes back as it is.
    """
    return _limited(schema, "FigureDraft", "raw", candidates) if candidates else schema


def with_sentiment_label(schema: dict[str, Any], labels: tuple[str, ...]) -> dict[str, Any]:
    """``schema`` with the article's sentiment label limited to ``labels`` (a const for one), decided before the
    answer is written (``summarizer.tone``): a grammar built from it lets the model write only those, and then a
    rationale for the one it wrote. New dicts on the way to the label, as in ``with_candidates``; a schema without
    the field comes back as it is."""
    return _limited(schema, "SentimentDraft", "label", labels)


def _limited(schema: dict[str, Any], model: str, name: str, values: tuple[str, ...]) -> dict[str, Any]:
    """``schema`` with field ``name`` of ``model`` (under ``$defs``) limited to ``values``: a const for one, else an
    enum, in place of any it had. New dicts on the way to the field, everything else shared; a schema without the
    field comes back as it is."""
    try:
        definition = schema["$defs"][model]
        field = definition["properties"][name]
    except (KeyError, TypeError):
        return schema
    allowed = {"const": values[0]} if len(values) == 1 else {"enum": list(values)}
    limited = {key: value for key, value in field.items() if key not in ("enum", "const")} | allowed
    properties = {**definition["properties"], name: dict(sorted(limited.items()))}
    return {**schema, "$defs": {**schema["$defs"], model: {**definition, "properties": properties}}}
