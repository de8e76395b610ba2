"""The real embedded model, end to end. Slow (10 to 30 s an article on 2 cores); CI runs it.

Deselect with ``-m "not embedded"`` for a quick loop.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from summarizer import Summarizer, clean, quality
from summarizer.backends import ExtractionRequest
from summarizer.backends.greedy_grammar import GreedyGrammar
from summarizer.backends.local import EvalTimings, LocalBackend, schema_grammar_text
from summarizer.backends.outline import outline
from summarizer.drafts import Extraction, extraction_schema, with_sentiment_label
from summarizer.embedded import get_embedded
from summarizer.review import article_sentences

pytestmark = pytest.mark.embedded

SEED = "001_3bb448a0ca5d400d.txt"


@pytest.fixture
def summarizer(embedded_summarizer: Summarizer) -> Summarizer:
    return embedded_summarizer


# Every figure the seeds' bodies contain, with its right value and unit, written out by hand.
EXPECTED = {
    "000_a327f4888d7bd40a.txt": {
        "10,000 Ethereum": (10_000, "ETH"), "$44 million": (44e6, "USD"), "10,000 ETH": (10_000, "ETH"),
        "15%": (15, "%"), "26%": (26, "%"), "33.4 billion yuan ($4.7 billion)": (33.4e9, "CNY"),
    },
    "001_3bb448a0ca5d400d.txt": {
        "8%": (8, "%"), "$53 billion": (53e9, "USD"), "$4 trillion": (4e12, "USD"), "$364 billion": (364e9, "USD"),
        "$325 billion": (325e9, "USD"), "110%": (110, "%"), "26%": (26, "%"), "$16 billion": (16e9, "USD"),
        "$35 billion": (35e9, "USD"), "$65 billion": (65e9, "USD"), "$390 billion": (390e9, "USD"),
        "$4.3 trillion": (4.3e12, "USD"),
    },
    "002_2e835eaa5bfad6b5.txt": {"$14 billion": (14e9, "USD"), "800 million active users": (800e6, "users")},
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_article_end_to_end(summarizer: Summarizer, seed_texts: dict[str, str], name: str) -> None:
    text = seed_texts[name]
    result = summarizer.summarize(text, source=name)
    cleaned = clean(text)
    assert result.meta.backend == "local" and result.meta.model == "qwen2.5-1.5b"
    assert result.meta.prompt_tokens > 500 and result.meta.completion_tokens > 20
    assert result.title == cleaned.title
    assert len(result.summary) > 40
    assert result.sentiment.label in {"positive", "negative", "neutral", "mixed"}
    assert -1 <= result.sentiment.score <= 1
    assert result.key_figures, "no key figures"
    for figure in result.key_figures:
        assert cleaned.text[figure.start:figure.end] == figure.raw  # grounded, in the cleaned text only
        assert figure.raw in EXPECTED[name], f"unexpected figure {figure.raw!r}"
        value, unit = EXPECTED[name][figure.raw]
        assert (figure.value, figure.unit) == (pytest.approx(value), unit)
    for entity in result.sentiment.entities:
        assert entity.evidence in cleaned.text
    again = summarizer.summarize(text, source=name)
    assert again.meta.cached is True and again.summary == result.summary


def test_the_copy_limit_keeps_the_summary_from_copying_the_article(summarizer: Summarizer, tmp_path: Path,
                                                                   seed_texts: dict[str, str]) -> None:
    """Seed 002's summary copies its lead (29 words in a row, with the limit off); with copy_limit = 14 no run
    of the article is longer than 20 words (names and numbers are let through), and the figures are the article's."""
    name = "002_2e835eaa5bfad6b5.txt"
    settings = dataclasses.replace(summarizer.settings, cache_dir=tmp_path / "cache", copy_limit=14)  # same model file
    with Summarizer(settings) as limited:
        result = limited.summarize(seed_texts[name], source=name)
    cleaned = clean(seed_texts[name])
    copied = quality.fragments(result.summary, cleaned.text).longest
    assert copied <= 20, f"the summary copies {copied} words in a row from the article"
    assert all(quality.broken_reason(sentence) is None for sentence in quality.split_sentences(result.summary))
    assert {figure.raw for figure in result.key_figures} <= set(EXPECTED[name])


def test_injected_instructions_never_reach_the_model(summarizer: Summarizer) -> None:
    path = Path(__file__).parent / "data" / "eval" / "13_quarryline_loss_injection.txt"
    result = summarizer.summarize(path.read_text(encoding="utf-8"))
    assert "999" not in result.summary and all("999" not in f.raw for f in result.key_figures)
    assert result.sentiment.label in {"negative", "mixed"}


def test_entity_evidence_quotes_the_article(summarizer: Summarizer) -> None:
    """Without the quote veto the model's evidence for this article's entities was about the article ("The article
    mentions the Kestrel token and its ETFs"), and every entity was dropped; with it each entity quotes one of the
    article's sentences, whole, and no two quote the same one."""
    path = Path(__file__).parent / "data" / "eval" / "01_kestrel_etf_inflows.txt"
    text = path.read_text(encoding="utf-8")
    result = summarizer.summarize(text)
    assert not [w for w in result.meta.warnings if "dropped entity sentiment" in w], result.meta.warnings
    assert result.sentiment.entities
    sentences = article_sentences(clean(text).text)
    assert all(entity.evidence in sentences for entity in result.sentiment.entities)
    assert len({entity.evidence for entity in result.sentiment.entities}) == len(result.sentiment.entities)


class GrammarSpy:
    """Records the grammar llama.cpp is asked to decode with, for every completion."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from llama_cpp import Llama

        self.grammars: list[Any] = []
        self.prompts: list[str] = []
        original = Llama.create_completion

        def spy(llama: Any, *args: Any, **kwargs: Any) -> Any:
            prompt = kwargs.get("prompt", args[0] if args else "")
            self.prompts.append(prompt if isinstance(prompt, str) else llama.detokenize(prompt).decode())
            # the grammar's text, given as llama-cpp-python's ``grammar=`` or as our GreedyGrammar processor
            grammar = kwargs.get("grammar")
            greedy = [p for p in kwargs.get("logits_processor") or [] if isinstance(p, GreedyGrammar)]
            self.grammars.append(grammar._grammar if grammar is not None else greedy[0]._grammar if greedy else None)
            return original(llama, *args, **kwargs)

        monkeypatch.setattr(Llama, "create_completion", spy)


def test_local_decoding_is_constrained_by_the_schema_grammar(summarizer: Summarizer, seed_texts: dict[str, str],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    spy = GrammarSpy(monkeypatch)
    article = clean(seed_texts["002_2e835eaa5bfad6b5.txt"])
    request = ExtractionRequest(summarizer.prompt.messages(article.text, article.title), article.text)
    outcome = summarizer.backend.extract(request)
    assert spy.grammars, "the model was not called"
    # the schema's grammar, its sentiment label limited to what the tone reading allows (summarizer.tone): the fitted
    # model's label alone, or with the yes/no rule alone, its label or "mixed"
    allowed = {labels: schema_grammar_text(with_sentiment_label(request.schema(), labels))
               for labels in (("positive",), ("negative",), ("neutral",), ("mixed",),
                              ("positive", "mixed"), ("negative", "mixed"), ("neutral", "mixed"))}
    assert len(set(spy.grammars)) == 1 and spy.grammars[0] in allowed.values()
    labels = next(labels for labels, grammar in allowed.items() if grammar == spy.grammars[0])
    assert outcome.extraction.sentiment.label in labels
    assert 2 <= len(outcome.extraction.summary) <= 4
    # the grammar holds the answer to the schema: the prompt has its outline, not instructor's indented schema
    assert outline(extraction_schema(None)) in spy.prompts[0] and '"$defs"' not in spy.prompts[0]


def test_why_not_instructors_modes_as_they_are(summarizer: Summarizer, monkeypatch: pytest.MonkeyPatch) -> None:
    """response_format json_schema builds no grammar in llama-cpp-python; a forced tool call does,
    but its stock string rule admits escaped quotes, the hole our grammar closes."""
    spy = GrammarSpy(monkeypatch)
    llama = summarizer.backend._load(4096)  # type: ignore[attr-defined]
    schema = {"type": "object", "properties": {"n": {"type": "integer"}}, "required": ["n"]}
    messages = [{"role": "user", "content": "Say hello."}]
    llama.create_chat_completion(messages=messages, max_tokens=2, response_format={
        "type": "json_schema", "json_schema": {"name": "x", "schema": schema}})
    assert spy.grammars == [None]
    llama.create_chat_completion(messages=messages, max_tokens=2, tool_choice={
        "type": "function", "function": {"name": "x"}},
        tools=[{"type": "function", "function": {"name": "x", "parameters": schema}}])
    assert spy.grammars[1] is not None
    from llama_cpp import llama_grammar

    stock = llama_grammar.json_schema_to_gbnf(json.dumps(Extraction.model_json_schema()))
    stock_char = next(line for line in stock.splitlines() if line.startswith("char ::="))
    ours = next(line for line in schema_grammar_text().splitlines() if line.startswith("char ::="))
    assert " | " in stock_char  # the stock rule has an escape-sequence alternative
    assert " | " not in ours  # ours has none


def test_model_file_is_assembled_from_the_pinned_packages(summarizer: Summarizer) -> None:
    path = summarizer.backend.model_path()  # type: ignore[attr-defined]
    assert isinstance(path, Path) and path.stat().st_size == get_embedded("qwen2.5-1.5b").size


def test_plain_generation_is_a_fixed_amount_of_work(summarizer: Summarizer, seed_texts: dict[str, str]) -> None:
    """What ``bench/speed.py`` times as the reading unit: exactly the tokens asked for, from an empty context."""
    backend = summarizer.backend
    assert isinstance(backend, LocalBackend)
    run = backend.generate(seed_texts[SEED], prompt_tokens=64, max_tokens=12)
    assert (run.prompt_tokens, run.completion_tokens) == (64, 12)
    assert run.timings.prompt_tokens >= 60 and run.timings.decoded_tokens >= 10
    assert 0 < run.first_token_seconds < run.seconds
    assert run.timings.prefill_per_second > 0 and run.decode_per_second > 0
    again = backend.generate(seed_texts[SEED], prompt_tokens=64, max_tokens=12)
    assert again.text == run.text  # greedy
    assert again.timings.prompt_tokens >= 60  # the prompt is evaluated again, not reused from the first run
    assert backend.eval_timings().prompt_tokens >= 120
    backend.reset_eval_timings()
    assert backend.eval_timings() == EvalTimings()


def test_plain_generation_under_a_grammar_stops_where_the_grammar_ends(summarizer: Summarizer) -> None:
    backend = summarizer.backend
    assert isinstance(backend, LocalBackend)
    run = backend.generate("Is the sky blue? Answer yes or no: ", max_tokens=50, grammar='root ::= "yes" | "no"')
    assert run.text in {"yes", "no"} and run.completion_tokens <= 2


def test_greedy_grammar_writes_what_the_full_grammar_pass_writes(summarizer: Summarizer,
                                                                 seed_texts: dict[str, str]) -> None:
    """The best token first, the whole vocabulary only when the grammar rejects it: the same tokens."""
    backend = summarizer.backend
    assert isinstance(backend, LocalBackend)
    article = seed_texts[SEED][:1500]
    cases = [
        (f"{article}\nThe article as JSON:\n", schema_grammar_text(), 40),
        ("Is the sky blue? Answer yes or no: ", 'root ::= "maybe" [0-9]+ | "perhaps"', 8),  # the best is rejected
    ]
    for prompt, grammar, max_tokens in cases:
        greedy = backend.generate(prompt, max_tokens=max_tokens, grammar=grammar)
        full = backend.generate(prompt, max_tokens=max_tokens, grammar=grammar, full_grammar=True)
        assert greedy.text == full.text and greedy.completion_tokens == full.completion_tokens


ORDER_ARTICLE = ("Harwick Freight said on Tuesday its quarterly revenue rose 12% to $410 million, helped by higher "
                 "container rates, while its operating margin slipped to 8.5% from 9.1% a year earlier. The company "
                 "kept its full-year forecast and said it would cut 300 jobs at its European depots.")


def test_an_articles_answer_does_not_depend_on_the_article_before(embedded_summarizer: Summarizer) -> None:
    backend = embedded_summarizer.backend
    assert isinstance(backend, LocalBackend)
    # the same article but its last words: its prompt shares all but a few tokens with the first one's
    variant = ORDER_ARTICLE.replace("at its European depots.", "at its depots in Rotterdam and Hamburg.")
    with Summarizer(dataclasses.replace(embedded_summarizer.settings, use_cache=False), backend=backend) as fresh:
        runs = []
        for text in (ORDER_ARTICLE, variant, ORDER_ARTICLE):
            backend.reset_eval_timings()
            result = fresh.summarize(text)
            runs.append((result, backend.eval_timings().prompt_tokens))
    (first, read_first), _, (again, read_again) = runs
    # every article is read from an empty context: the second reading of the article evaluates its whole prompt
    # again rather than the few tokens after what the variant shared with it
    assert read_again == read_first
    assert again.model_dump(exclude={"meta"}) == first.model_dump(exclude={"meta"})
