"""A scripted model for offline tests: real instructor, real validation, canned answers.

``ScriptedBackend`` runs the same ``run_extraction`` as the real backends, but
its ``create`` returns ChatCompletions built from a list of answers, so tests
can drive re-asks, lenient fallbacks and usage accounting exactly.
"""

from __future__ import annotations

import json
from typing import Any

from openai.types.chat import ChatCompletion

from summarizer.backends import ExtractionRequest
from summarizer.backends._instructor import ExtractionOutcome, run_extraction
from summarizer.errors import ModelError


def completion(arguments: dict[str, Any] | str, prompt_tokens: int = 100, completion_tokens: int = 50,
               finish_reason: str = "tool_calls") -> ChatCompletion:
    args = arguments if isinstance(arguments, str) else json.dumps(arguments)
    return ChatCompletion.model_validate({
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 0,
        "model": "scripted",
        "choices": [{
            "index": 0,
            "finish_reason": finish_reason,
            "message": {
                "role": "assistant",
                "content": None,
                "tool_calls": [{"id": "call_0", "type": "function",
                                "function": {"name": "Extraction", "arguments": args}}],
            },
        }],
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                  "total_tokens": prompt_tokens + completion_tokens},
    })


def answer(summary: tuple[str, ...] = ("Alibaba stock rose.", "The company plans more AI spending."),
           figures: list[dict[str, Any]] | None = None, label: str = "positive", score: float = 0.6) -> dict[str, Any]:
    return {
        "summary": list(summary),
        "key_figures": figures or [],
        "sentiment": {"label": label, "score": score, "rationale": "stock surged"},
    }


class ScriptedBackend:
    name = "scripted"
    model = "scripted-model"

    def __init__(self, answers: list[ChatCompletion | dict[str, Any]], reasks: int = 2) -> None:
        self.answers = [a if isinstance(a, ChatCompletion) else completion(a) for a in answers]
        self.requests: list[dict[str, Any]] = []
        self.reasks = reasks
        self.closed = False

    def identity(self) -> dict[str, Any]:
        return {"backend": self.name, "model": self.model}

    def create(self, **kwargs: Any) -> ChatCompletion:
        self.requests.append(kwargs)
        if not self.answers:
            raise AssertionError("the scripted model ran out of answers")
        return self.answers.pop(0)

    def extract(self, request: ExtractionRequest) -> ExtractionOutcome:
        self.last_request = request
        return run_extraction(self.create, "tools", request, self.reasks, lambda exc: ModelError(str(exc)))

    def close(self) -> None:
        self.closed = True
