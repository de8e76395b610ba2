"""The local backend in a batch: one model instance for every job, one article at a time."""

from __future__ import annotations

import json
import sys
import threading
import time
import types
from pathlib import Path
from typing import Any

import pytest
from openai.types.chat import ChatCompletion

from summarizer import Summarizer


class FakeLlama:
    """Stands in for llama_cpp.Llama: counts instances and checks calls never overlap."""

    instances = 0
    active = 0
    most_active = 0
    lock = threading.Lock()

    def __init__(self, model_path: str, n_ctx: int, **_: Any) -> None:
        type(self).instances += 1
        self.n_ctx = n_ctx
        self.metadata = {"general.architecture": "qwen2", "qwen2.context_length": "32768"}

    def tokenize(self, data: bytes, add_bos: bool = False, special: bool = False) -> list[int]:
        return [0] * (len(data) // 4 + 1)

    def reset(self) -> None:
        """Each article starts from an empty context (nothing to forget here)."""

    def create_chat_completion_openai_v1(self, **kwargs: Any) -> ChatCompletion:
        cls = type(self)
        with cls.lock:
            cls.active += 1
            cls.most_active = max(cls.most_active, cls.active)
        time.sleep(0.02)
        with cls.lock:
            cls.active -= 1
        answer = {"summary": ["The company reported results.", "Shares moved on the news."], "key_figures": [],
                  "sentiment": {"label": "neutral", "score": 0.0, "rationale": "results"}}
        return ChatCompletion.model_validate({
            "id": "local", "object": "chat.completion", "created": 0, "model": "fake",
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": json.dumps(answer)}}],
            "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
        })

    def close(self) -> None:
        pass


@pytest.fixture
def fake_llama(monkeypatch: pytest.MonkeyPatch) -> type[FakeLlama]:
    module = types.ModuleType("llama_cpp")
    grammar = types.ModuleType("llama_cpp.llama_grammar")
    grammar.json_schema_to_gbnf = lambda schema: 'root ::= "{}"\nchar ::= [a]'  # type: ignore[attr-defined]
    module.Llama = FakeLlama  # type: ignore[attr-defined]
    module.LlamaGrammar = types.SimpleNamespace(from_string=lambda text, verbose=False: text)  # type: ignore[attr-defined]
    module.llama_grammar = grammar  # type: ignore[attr-defined]
    module.LogitsProcessorList = list  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "llama_cpp", module)
    monkeypatch.setitem(sys.modules, "llama_cpp.llama_grammar", grammar)
    FakeLlama.instances = FakeLlama.active = FakeLlama.most_active = 0
    return FakeLlama


def test_every_job_shares_one_model_and_takes_turns(fake_llama: type[FakeLlama], tmp_path: Path):
    model = tmp_path / "model.gguf"
    model.write_bytes(b"GGUF")
    texts = [f"Example Corp said quarterly revenue rose in region {n}.\n\nShares moved after the report {n}."
             for n in range(12)]
    with Summarizer(backend="local", model_path=model, use_cache=False) as summarizer:
        results = list(summarizer.summarize_many(texts, jobs=6))
    assert len(results) == 12 and all(r.ok for r in results), [str(r.error) for r in results if not r.ok]
    assert fake_llama.instances == 1  # loaded once for all six jobs
    assert fake_llama.most_active == 1  # and never asked two things at once


def test_a_long_article_is_split_with_the_local_models_own_token_count(fake_llama: type[FakeLlama], tmp_path: Path):
    model = tmp_path / "model.gguf"
    model.write_bytes(b"GGUF")
    text = "\n\n".join(f"Paragraph {i}: the company said sales in region {i} grew as shipments rose through the "
                       "quarter and prices held steady, according to the filing." for i in range(60))
    with Summarizer(backend="local", model_path=model, use_cache=False, context_tokens=3000, max_tokens=200,
                    reasks=0) as summarizer:
        result = summarizer.summarize(text)
    assert result.meta.parts > 1 and any("split into" in w for w in result.meta.warnings)
    assert fake_llama.instances == 1
