"""Backends for offline tests: real instructor, real validation, canned answers (see ``summarizer.testing``).

``ScriptedBackend`` runs the same ``run_extraction`` as the real backends, but
its ``create`` returns ChatCompletions built from a list of answers, so tests
can drive re-asks, lenient fallbacks and usage accounting exactly.
``EchoBackend`` answers from the request itself, for batches.
"""

from __future__ import annotations

import json
from typing import Any

from openai.types.chat import ChatCompletion

from ..errors import ModelError
from .base import Backend, ExtractionOutcome, ExtractionRequest
from .extraction import run_extraction


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


class ScriptedBackend(Backend):
    """Answers each request with the next of ``answers`` (a dict is an ``Extraction``'s arguments)."""

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


class EchoBackend(Backend):
    """A model that answers from the request itself: the first listed number as a figure, a fixed summary.

    Thread-safe and order-independent, for batch tests; records every request.
    ``fail_on`` makes articles containing that text fail with a ``ModelError``.
    """

    name = "echo"
    model = "echo-model"

    def __init__(self, fail_on: str | None = None, label: str = "positive") -> None:
        import threading

        self.requests: list[ExtractionRequest] = []
        self.fail_on = fail_on
        self.label = label
        self._lock = threading.Lock()
        self.closed = False

    def identity(self) -> dict[str, Any]:
        return {"backend": self.name, "model": self.model}

    def extract(self, request: ExtractionRequest) -> ExtractionOutcome:
        from ..figures import find_numbers

        with self._lock:
            self.requests.append(request)
        if self.fail_on and self.fail_on in request.article:
            raise ModelError(f"scripted failure for an article containing {self.fail_on!r}")
        numbers = find_numbers(request.article)
        figures = [{"raw": numbers[0].raw, "label": "the first number"}] if numbers else []
        reply = answer(summary=("The article reports company news.", "It describes the market reaction."),
                       figures=figures, label=self.label, score=0.5 if self.label == "positive" else -0.5)

        def create(**kwargs: Any) -> ChatCompletion:
            return completion(reply)

        outcome = run_extraction(create, "tools", request, 0, lambda exc: ModelError(str(exc)))
        return outcome

    def close(self) -> None:
        self.closed = True
