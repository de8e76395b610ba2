"""The pipeline: clean -> prompt -> cache -> model -> validated ``Summary``.

``Summarizer`` holds the configuration, the backend (loaded lazily, once) and
the cache for repeated calls; the CLI, the digest and ``summarize()`` all go
through it.
"""

from __future__ import annotations

import hashlib
import json
import time
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .backends import ExtractionRequest
from .cache import ResultCache, cache_key
from .clean import CleanArticle, clean
from .config import Settings
from .errors import InputError
from .figures import NumberMention, find_numbers
from .loader import read_path, read_source
from .models import Converted, Extraction, KeyFigure, Meta, Sentiment, Summary, extraction_model
from .prompts import PromptTemplate, load_prompt

if TYPE_CHECKING:
    from .backends import Backend
    from .backends._instructor import ExtractionOutcome

CACHE_FORMAT = 1


@lru_cache(maxsize=1)
def _schema_fingerprint() -> str:
    schemas = [Extraction.model_json_schema(), Summary.model_json_schema()]
    return hashlib.sha256(json.dumps(schemas, sort_keys=True).encode()).hexdigest()[:16]


class Summarizer:
    """Summarize articles with one configuration. Reuse it: the model loads once."""

    def __init__(self, settings: Settings | None = None, *, backend: Backend | None = None, **overrides: Any) -> None:
        self.settings = settings if settings is not None else Settings.resolve(**overrides)
        self._backend = backend
        self.cache = ResultCache(self.settings.results_dir) if self.settings.use_cache else None
        self.prompt: PromptTemplate = load_prompt()

    @property
    def backend(self) -> Backend:
        if self._backend is None:
            from .backends import create_backend

            self._backend = create_backend(self.settings)
        return self._backend

    def summarize(self, text: str, *, source: str | None = None, notes: list[str] | None = None,
                  url: str | None = None) -> Summary:
        """Summarize an article's text (plain text or an HTML page)."""
        started = time.perf_counter()
        article = clean(text, notes=notes, url=url)
        if not article.text.strip():
            where = f"{source}: " if source else ""
            raise InputError(f"{where}no article text (empty, or only boilerplate after cleaning); pass an article")
        key = self._key(article) if self.cache is not None else None
        if self.cache is not None and key is not None:
            hit = self.cache.get(key)
            if hit is not None:
                meta = hit.meta.model_copy(
                    update={"cached": True, "seconds": round(time.perf_counter() - started, 4), "source": source}
                )
                return hit.model_copy(update={"meta": meta})
        # Only a miss needs the prompt: the key depends on the cleaned text and the prompt's wording alone.
        mentions = find_numbers(article.text)
        first = {m.raw: m for m in reversed(mentions)}
        candidates = tuple(dict.fromkeys(m.raw for m in mentions))
        numbers = tuple((raw, _context_of(article.text, first[raw])) for raw in candidates)
        messages = self.prompt.messages(article.text, article.title, article.published, numbers)
        removed = "\n".join(r.text for r in article.removed)
        request = ExtractionRequest(messages, article.text, extraction_model(candidates), removed)
        outcome = self.backend.extract(request)
        result = self._build(article, mentions, outcome, source, list(article.notes),
                             time.perf_counter() - started)
        if self.cache is not None and key is not None:
            self.cache.set(key, result)
        return result

    def summarize_file(self, path: str | Path) -> Summary:
        """Summarize the article in a file (UTF-8, UTF-16 with BOM, legacy 8-bit text, or HTML)."""
        document = read_path(path)
        return self.summarize(document.text, source=document.source, notes=document.notes)

    def summarize_source(self, source: str) -> Summary:
        """Summarize a path, ``-`` (standard input) or an http(s) URL."""
        document = read_source(source, allow_private=self.settings.allow_private_urls)
        return self.summarize(document.text, source=document.source, notes=document.notes, url=document.url)

    def _key(self, article: CleanArticle) -> str:
        s = self.settings
        return cache_key({
            "format": CACHE_FORMAT,
            "text": article.text,
            "title": article.title,
            "published": article.published,
            "backend": self.backend.identity(),
            "prompt": [self.prompt.version, self.prompt.fingerprint],
            "schema": _schema_fingerprint(),
            "generation": {"max_tokens": s.max_tokens, "temperature": s.temperature, "reasks": s.reasks},
        })

    def _build(self, article: CleanArticle, mentions: list[NumberMention], outcome: ExtractionOutcome,
               source: str | None, warnings: list[str], seconds: float) -> Summary:
        extraction = outcome.extraction
        figures: list[KeyFigure] = []
        for draft in extraction.key_figures:
            mention = _locate(draft.raw, article.text, mentions)
            if mention is None:
                warnings.append(f"dropped figure {draft.raw!r}: no number of the article found there")
                continue
            if any(f.start == mention.start or (f.value, f.unit) == (mention.value, mention.unit) for f in figures):
                continue  # the same figure mentioned twice ("10,000 Ethereum tokens" ... "10,000 ETH")
            figures.append(KeyFigure(
                raw=mention.raw, label=draft.label.strip(), value=mention.value, unit=mention.unit,
                start=mention.start, end=mention.end, kind=mention.kind,  # type: ignore[arg-type]
                approximate=mention.approximate, direction=mention.direction,  # type: ignore[arg-type]
                entity=draft.entity, value_high=mention.value_high,
                converted=Converted(value=mention.converted.value, unit=mention.converted.unit)
                if mention.converted else None,
            ))
        meta = Meta(
            model=self.backend.model,
            backend=self.backend.name,
            prompt_version=self.prompt.version,
            prompt_tokens=outcome.prompt_tokens,
            completion_tokens=outcome.completion_tokens,
            cached=False,
            seconds=round(seconds, 4),
            source=source,
            warnings=warnings + outcome.warnings,
        )
        return Summary(
            title=article.title,
            summary=" ".join(_as_sentence(s) for s in extraction.summary),
            key_figures=figures,
            sentiment=Sentiment.model_validate({**extraction.sentiment.model_dump(),
                                                "rationale": _whole_words(extraction.sentiment.rationale)}),
            meta=meta,
        )

    def close(self) -> None:
        if self._backend is not None:
            self._backend.close()
        if self.cache is not None:
            self.cache.close()

    def __enter__(self) -> Summarizer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _context_of(text: str, mention: NumberMention, before: int = 60, after: int = 30) -> str:
    """The words around a figure, within its line, for the model to label it by."""
    line_start = text.rfind("\n", 0, mention.start) + 1
    line_end = text.find("\n", mention.end)
    line_end = len(text) if line_end < 0 else line_end
    left = text[max(line_start, mention.start - before):mention.start]
    right = text[mention.end:min(line_end, mention.end + after)]
    left = left.split(" ", 1)[1] if " " in left and mention.start - before > line_start else left
    right = right.rsplit(" ", 1)[0] if " " in right and mention.end + after < line_end else right
    return f"{left}{mention.raw}{right}".strip()


def _locate(raw: str, text: str, mentions: list[NumberMention]) -> NumberMention | None:
    """The finder's mention the model meant: the same text, else the first one inside where raw occurs."""
    for mention in mentions:
        if mention.raw == raw:
            return mention
    found = text.find(raw)
    if found < 0:
        return None
    for mention in mentions:
        if found <= mention.start < found + len(raw) or mention.start <= found < mention.end:
            return mention
    return None


def _whole_words(text: str, limit: int = 200) -> str:
    """Text cut at the schema's length limit ends at its last full sentence, or last full word with an ellipsis."""
    text = text.strip()
    if len(text) < limit - 10 or text.endswith((".", "!", "?", "…", '"', "”")):
        return text
    end = max(text.rfind(". "), text.rfind("! "), text.rfind("? "))
    if end > len(text) // 2:
        return text[:end + 1]
    return text.rsplit(" ", 1)[0].rstrip(",;:") + "…" if " " in text else text


def _as_sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…", '"', "”", "'", "’")) else f"{text}."


def summarize(text: str, **settings: Any) -> Summary:
    """Summarize one article's text. For many articles, reuse a ``Summarizer``."""
    with Summarizer(**settings) as summarizer:
        return summarizer.summarize(text)


def summarize_file(path: str | Path, **settings: Any) -> Summary:
    """Summarize the article in a file (UTF-8, UTF-16 with BOM, or legacy 8-bit text)."""
    with Summarizer(**settings) as summarizer:
        return summarizer.summarize_file(path)
