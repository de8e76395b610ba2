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

import json
import re
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
    create_model,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticKnownError

from . import quality

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


# --- What the model fills -------------------------------------------------
# Length and count bounds here become grammar rules for the local model, so a
# small model cannot run on past them; other backends enforce them by re-asks.
# The validation context carries the article ("article"), the text the cleaner
# removed ("removed"), and "lenient" once the re-asks have run out: then what is
# still wrong is dropped and named in "warnings" instead of failing.

MAX_SENTENCE_CHARS = 300
Sentence = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_SENTENCE_CHARS)]
MAX_SUMMARY_WORDS = 80  # longer summaries keep their first sentences up to this many words
MAX_COPIED_WORDS = 20  # a longer run lifted verbatim from the article is a copy, not a summary (a warning)


def _context(info: ValidationInfo) -> dict[str, Any]:
    return info.context if isinstance(info.context, dict) else {}


def _warn(info: ValidationInfo, message: str) -> None:
    _context(info).setdefault("warnings", []).append(message)


def _is_name(text: str) -> bool:
    """A proper name (Alibaba, ETH, S&P 500), not a common noun such as 'company'."""
    return any(c.isupper() or c.isdigit() for c in text.strip())


_QUOTES = str.maketrans("“”’‘–—", "\"\"''--")


def _fold(text: str) -> str:
    """Compare quotes loosely: case, spacing and typographic quotes do not matter."""
    text = text.translate(_QUOTES)
    return " ".join(text.split()).casefold()


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
        context = _context(info)
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
        article = _context(info).get("article")
        if entity is None or not _is_name(entity):
            return None  # optional: "the company" or a name the article does not use is simply left out
        if isinstance(article, str) and _fold(entity) not in _fold(article):
            return None
        return entity.strip()


class EntityDraft(BaseModel):
    name: str = Field(max_length=40, description="A company, token or market the article is about.")
    label: SentimentLabel
    evidence: str = Field(max_length=160, description="A short quote from the article that shows the tone.")

    @model_validator(mode="after")
    def _grounded(self, info: ValidationInfo) -> EntityDraft:
        """The evidence becomes the article's own words: the sentence the model quoted or closely paraphrased."""
        article = _context(info).get("article")
        if isinstance(article, str):
            if not _is_name(self.name) or _fold(self.name) not in _fold(article):
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
        context = _context(info)
        if not isinstance(entities, list) or not isinstance(context.get("article"), str):
            return entities
        return _valid_only(entities, EntityDraft, context, "entity sentiment")

    @model_validator(mode="after")
    def _score_follows_label(self, info: ValidationInfo) -> SentimentDraft:
        """A score on the wrong side of its label is brought to the label's side, with a warning (not worth a
        re-ask): the label is the model's reading of the news, the score its strength."""
        if not quality.score_agrees(self.label, self.score):
            fixed = _score_for(self.label, self.score)
            _warn(info, f"sentiment score {self.score:+.2f} does not fit the label {self.label!r}; "
                  f"set to {fixed:+.2f}")
            self.score = fixed
        return self


def _score_for(label: str, score: float) -> float:
    """The nearest score that agrees with ``label`` (see ``quality.score_agrees``)."""
    if label == "positive":
        return max(abs(score), 0.3)
    if label == "negative":
        return -max(abs(score), 0.3)
    if label == "neutral":
        return max(-0.2, min(0.2, score))
    return max(-0.5, min(0.5, score))


class Extraction(BaseModel):
    """Summary, key figures and sentiment of the article."""

    summary: list[Sentence] = Field(
        min_length=2, max_length=4, description="2 to 4 short sentences with the main facts, in your own words."
    )
    key_figures: list[FigureDraft] = Field(
        max_length=MAX_FIGURES, description="The most important numbers: money, percentages, counts."
    )
    sentiment: SentimentDraft

    @field_validator("summary")
    @classmethod
    def _a_summary_a_reader_trusts(cls, sentences: list[str], info: ValidationInfo) -> list[str]:
        """Every sentence whole, its own, in the article's script, with the article's numbers and names; the
        whole short. A number not in the article is re-asked; the other faults are repaired (the sentence
        dropped, or named in the warnings) rather than paid for with another answer, which a small model
        rarely gets right either. Nothing sound left is re-asked with every reason."""
        context = _context(info)
        article = context.get("article")
        if not isinstance(article, str):
            return sentences
        review = _SummaryReview(article, context, lenient=bool(context.get("lenient")))
        kept = review.sentences(sentences)
        kept = review.whole(kept)
        if review.problems:
            raise ValueError("; ".join(review.problems))
        if not kept:
            raise ValueError("; ".join(review.reasons) or "no summary sentence left")
        for warning in review.warnings:
            _warn(info, warning)
        return kept

    @field_validator("key_figures")
    @classmethod
    def _each_figure_once_with_its_own_label(cls, figures: list[FigureDraft],
                                             info: ValidationInfo) -> list[FigureDraft]:
        """A number listed twice is re-asked (in lenient mode the later one is dropped). Two numbers under one
        label ('Revenue' for actual, estimate and guidance) are named in the warnings and both kept: a re-ask
        costs a whole answer and the small model mostly repeats the label."""
        labels: dict[str, str] = {}  # label key -> the first figure's raw
        unique: list[FigureDraft] = []
        for figure in figures:
            if any(figure.raw == kept.raw for kept in unique):
                if not _context(info).get("lenient"):
                    raise ValueError(f"figure {figure.raw!r} is listed twice; list each figure once")
                _warn(info, f"dropped figure: figure {figure.raw!r} is listed twice")
                continue
            first = labels.setdefault(quality.label_key(figure.label), figure.raw)
            if first != figure.raw:
                _warn(info, f"{first!r} and {figure.raw!r} have the same label {figure.label!r}")
            unique.append(figure)
        return unique

    @model_validator(mode="before")
    @classmethod
    def _drop_what_is_still_wrong(cls, data: Any, info: ValidationInfo) -> Any:
        """Lenient mode (after the re-asks ran out): drop bad figures and entities, keep the rest."""
        context = _context(info)
        if not context.get("lenient") or not isinstance(data, dict):
            return data
        if isinstance(data.get("key_figures"), list):
            figure = _CandidateFigure if context.get("candidates") else FigureDraft  # one of the article's own numbers
            kept = _valid_only(data["key_figures"], figure, context, "figure")
            data = {**data, "key_figures": kept[:MAX_FIGURES]}
        sentiment = data.get("sentiment")
        if isinstance(sentiment, dict) and isinstance(sentiment.get("entities"), list):
            entities = _valid_only(sentiment["entities"], EntityDraft, context, "entity sentiment")
            data = {**data, "sentiment": {**sentiment, "entities": entities[:MAX_ENTITIES]}}
        return data


class _SummaryReview:
    """The checks of ``quality`` applied to a drafted summary: problems to re-ask about, or repairs."""

    def __init__(self, article: str, context: dict[str, Any], lenient: bool) -> None:
        self.article, self.context, self.lenient = article, context, lenient
        self.problems: list[str] = []  # re-asked
        self.reasons: list[str] = []  # every fault, in words the model can act on
        self.warnings: list[str] = []  # what was repaired

    def _fault(self, problem: str, repair: str, *, reask: bool = False) -> None:
        self.reasons.append(problem)
        if reask and not self.lenient:
            self.problems.append(problem)
        else:
            self.warnings.append(repair)

    def sentences(self, sentences: list[str]) -> list[str]:
        kept = []
        for sentence in sentences:
            if len(sentence.split()) < 3:  # a stray number or heading, not worth a re-ask: dropped
                self.warnings.append(f"dropped summary fragment {sentence!r}")
            elif self._sound(sentence):
                kept.append(sentence)
        return kept

    def _sound(self, sentence: str) -> bool:
        """Whether ``sentence`` stays; its faults are recorded either way."""
        known = _known_numbers(self.article, self.context)
        invented = [m.raw for m in _figures(sentence) if m.raw not in self.article and (m.value, m.unit) not in known]
        if invented:
            self._fault(f"the summary states {invented[0]!r}, which is not in the article; use only numbers that "
                        "the article gives", f"dropped summary sentence with {invented[0]!r}, a number not in the "
                        "article", reask=True)
            return False
        broken = quality.broken_reason(quality.as_sentence(sentence))  # judged as it will be shown
        foreign = quality.foreign_script(sentence, self.article)
        names = quality.unknown_names(sentence, self.article)
        if broken:
            self._fault(f"the summary sentence {_quote(sentence)} {broken}; write each sentence whole",
                        f"dropped summary sentence that {broken}: {sentence!r}")
        elif foreign:
            self._fault(f"the summary has characters that are not in the article ({foreign!r}); write in the "
                        "article's language", f"dropped summary sentence with {foreign!r}, not in the article")
        elif names:
            self._fault(f"the summary names {names[0]!r}, which the article never mentions; use only names from "
                        "the article", f"dropped summary sentence naming {names[0]!r}, not in the article")
        else:
            copied = quality.fragments(sentence, self.article).longest
            if copied > MAX_COPIED_WORDS:
                self._fault(f"the summary sentence {_quote(sentence)} copies {copied} words in a row from the "
                            "article; say it shorter, in your own words", f"a summary sentence copies {copied} "
                            "words in a row from the article")
            return True
        return False

    def whole(self, sentences: list[str]) -> list[str]:
        """Checks across sentences: repeats, an opening pronoun, the word budget."""
        for later in sorted({j for _, j in quality.duplicated(sentences)}, reverse=True):
            self._fault(f"the summary says {_quote(sentences[later])} twice; give each fact once",
                        f"dropped a repeated summary sentence: {sentences[later]!r}")
            del sentences[later]
        opener = quality.unresolved_opener(sentences)
        if opener:
            self._fault(f"the summary opens with {opener!r}; name the company or subject instead",
                        f"the summary opens with {opener!r}")
        count = sum(len(s.split()) for s in sentences)
        if count > MAX_SUMMARY_WORDS:
            while len(sentences) > 1 and sum(len(s.split()) for s in sentences) > MAX_SUMMARY_WORDS:
                sentences = sentences[:-1]
            self._fault(f"the summary has {count} words; write 2 or 3 short sentences", f"the summary had {count} "
                        f"words; kept its first {len(sentences)} sentence(s)")
        return sentences


def _quote(sentence: str, limit: int = 60) -> str:
    return repr(sentence if len(sentence) <= limit else sentence[:limit].rsplit(" ", 1)[0] + " ...")


def _valid_only(items: list[Any], model: type[BaseModel], context: dict[str, Any], what: str) -> list[Any]:
    """The items that validate; each one dropped is named in the warnings."""
    kept = []
    for item in items:
        try:
            model.model_validate(item, context=context)
        except ValueError as exc:
            context.setdefault("warnings", []).append(f"dropped {what}: {_first_error(exc)}")
        else:
            kept.append(item)
    return kept


_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"'”’)]*|$)")
_WORD = re.compile(r"[\w$€£%.,-]+")


def ground_quote(quote: str, article: str, threshold: float = 0.6) -> str | None:
    """The article text a quote stands for: itself when verbatim, else the sentence sharing most of its words.

    Returns None when no sentence holds at least ``threshold`` of the quote's words.
    """
    folded_quote = _fold(quote).strip(" .\"'")
    if not folded_quote:
        return None
    index = _fold(article).find(folded_quote)
    if index >= 0 and article.find(quote.strip()) >= 0:
        return quote.strip()
    words = {w.strip(".,") for w in _WORD.findall(folded_quote) if len(w.strip(".,")) > 2}
    if not words:
        return None
    best, best_score = None, 0.0
    for match in _SENTENCE.finditer(article):
        sentence = match.group().strip()
        have = {w.strip(".,") for w in _WORD.findall(_fold(sentence))}
        score = len(words & have) / len(words)
        if score > best_score:
            best, best_score = sentence, score
    return best if best_score >= threshold else None


def _first_error(exc: ValueError) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        first = errors()[0]
        return str(first.get("msg", exc)).removeprefix("Value error, ")
    return str(exc)


def _figures(text: str) -> list[Any]:
    from .figures import find_numbers

    return find_numbers(text)


def _known_numbers(article: str, context: dict[str, Any]) -> set[tuple[float, str]]:
    known = context.get("_known")
    if known is None:
        known = set()
        for mention in _figures(article):
            known.add((mention.value, mention.unit))
            if mention.converted is not None:
                known.add((mention.converted.value, mention.converted.unit))
        context["_known"] = known
    return known


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
        candidates = _context(info).get("candidates")
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
    if not candidates:
        return schema
    try:
        figure = schema["$defs"]["FigureDraft"]
        raw = figure["properties"]["raw"]
    except (KeyError, TypeError):
        return schema
    extra = {"const": candidates[0]} if len(candidates) == 1 else {"enum": list(candidates)}
    properties = {**figure["properties"], "raw": dict(sorted({**raw, **extra}.items()))}
    return {**schema, "$defs": {**schema["$defs"], "FigureDraft": {**figure, "properties": properties}}}
