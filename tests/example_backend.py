"""A whole backend in one file: the lead of the article as its summary, no model at all.

It is what a new backend takes: subclass ``Backend``, implement ``extract``
(everything else has a default), and register it with one line::

    register_backend("lead", "example_backend:LeadBackend")

after which ``--backend lead``, ``SUMMARIZER_BACKEND=lead`` and
``Summarizer(backend="lead")`` all choose it (see ``test_backends.py``).
"""

from __future__ import annotations

import re

from summarizer import Settings
from summarizer.backends import Backend, ExtractionOutcome, ExtractionRequest


class LeadBackend(Backend):
    name = "lead"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @property
    def model(self) -> str:
        return self.settings.model_name

    def extract(self, request: ExtractionRequest) -> ExtractionOutcome:
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", request.article.strip()) if len(s.split()) >= 3]
        answer = {
            "summary": [" ".join(s.split()[:40]) for s in sentences[:2]] or ["The article has little text."],
            "key_figures": [{"raw": raw, "label": "a figure of the lead"} for raw in (request.candidates or ())[:1]],
            "sentiment": {"label": "neutral", "score": 0.0, "rationale": "the lead states facts"},
        }
        extraction = request.response_model.model_validate(answer, context=request.context(lenient=True))
        return ExtractionOutcome(extraction)
