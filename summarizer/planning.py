"""Planning an article's requests: the token budget, the split into parts, and the requests themselves.

No I/O and no model calls: the backend is asked only how many tokens a text
is and how large its context is. ``core`` sends what this plans; ``assembly``
puts the answers back together along the same spans.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .backends import Backend, ExtractionOutcome, ExtractionRequest
from .errors import ConfigError
from .figures import NumberMention, find_numbers
from .quality import as_sentence
from .split import split_spans

if TYPE_CHECKING:
    from .cleaning import CleanArticle
    from .config import Settings
    from .prompts import PromptTemplate

ANSWER_OVERHEAD = 1024  # tokens of chat template, schema and re-ask feedback around each answer
NUMBER_LINE_TOKENS = 30  # each of the article's numbers is listed in the prompt with its context
MIN_PART_TOKENS = 256


@dataclass
class Plan:
    mentions: list[NumberMention]
    spans: list[tuple[int, int]]  # the parts of the cleaned article, in order
    requests: list[ExtractionRequest]
    budget: int


def plan_article(article: CleanArticle, prompt: PromptTemplate, backend: Backend, settings: Settings) -> Plan:
    """The requests for an article: one, or one per part when it is longer than the context allows."""
    mentions = find_numbers(article.text)
    removed = "\n".join(r.text for r in article.removed)
    count = backend.count_tokens  # exact for the local model, an upper estimate for servers
    context = settings.context_tokens or backend.context_tokens()
    answers = (settings.max_tokens + ANSWER_OVERHEAD) * (settings.reasks + 1)
    scaffold = count("\n".join(m["content"] for m in prompt.messages("", article.title, article.published)))
    budget = context - answers - scaffold
    if budget < MIN_PART_TOKENS:
        raise ConfigError(
            f"a context of {context} tokens leaves no room for the article after the instructions and "
            f"{settings.reasks + 1} answers of {settings.max_tokens} tokens; raise context_tokens "
            "or lower max_tokens"
        )

    def cost(text: str) -> int:
        return int(count(text)) + NUMBER_LINE_TOKENS * len(find_numbers(text))

    spans = [(0, len(article.text))]
    if count(article.text) + NUMBER_LINE_TOKENS * len(mentions) > budget:
        spans = split_spans(article.text, budget, cost)
    requests = []
    for start, end in spans:
        inside = [m for m in mentions if start <= m.start and m.end <= end]
        requests.append(_request(prompt, article, article.text[start:end], inside, removed))
    return Plan(mentions, spans, requests, budget)


def _request(prompt: PromptTemplate, article: CleanArticle, text: str, mentions: list[NumberMention],
             removed: str) -> ExtractionRequest:
    first = {m.raw: m for m in reversed(mentions)}
    candidates = tuple(dict.fromkeys(m.raw for m in mentions))
    numbers = tuple((raw, context_of(article.text, first[raw])) for raw in candidates)
    messages = prompt.messages(text, article.title, article.published, numbers)
    return ExtractionRequest(messages, text, candidates, removed, title=article.title)


def reduce_request(prompt: PromptTemplate, article: CleanArticle,
                   outcomes: list[ExtractionOutcome]) -> ExtractionRequest:
    """One request over the parts' summaries, for the summary of the whole article."""
    joined = "\n\n".join(" ".join(as_sentence(s) for s in o.extraction.summary) for o in outcomes)
    mentions = find_numbers(joined)
    first = {m.raw: m for m in reversed(mentions)}
    candidates = tuple(dict.fromkeys(m.raw for m in mentions))
    numbers = tuple((raw, context_of(joined, first[raw])) for raw in candidates)
    messages = prompt.messages(joined, article.title, article.published, numbers)
    return ExtractionRequest(messages, joined, candidates, title=article.title)


def context_of(text: str, mention: NumberMention, before: int = 60, after: int = 30) -> str:
    """The words around a figure, within its line, for the model to label it by."""
    line_start = text.rfind("\n", 0, mention.start) + 1
    line_end = text.find("\n", mention.end)
    line_end = len(text) if line_end < 0 else line_end
    left = text[max(line_start, mention.start - before):mention.start]
    right = text[mention.end:min(line_end, mention.end + after)]
    left = left.split(" ", 1)[1] if " " in left and mention.start - before > line_start else left
    right = right.rsplit(" ", 1)[0] if " " in right and mention.end + after < line_end else right
    return f"{left}{mention.raw}{right}".strip()
