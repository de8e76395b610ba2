"""Test doubles for the digest tests: a model that answers from the article itself, and sample articles."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from summarizer.backends import Backend, ExtractionOutcome, ExtractionRequest
from summarizer.errors import ModelOutputError
from summarizer.figures import find_numbers


def news_folder(root: Path, **articles: str) -> Path:
    """``root/news`` holding one ``NAME.txt`` per article: a digest source folder."""
    folder = root / "news"
    folder.mkdir()
    for name, text in articles.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


class EchoBackend(Backend):
    """Summarizes by quoting the article's first sentences; its figures are the article's first numbers.

    Real validation runs (the answer goes through the request's response model). An article containing one of
    ``fail_on`` raises ModelOutputError, as a model that keeps answering wrong would.
    """

    name = "echo"
    model = "echo-model"

    def __init__(self, fail_on: tuple[str, ...] = ()) -> None:
        self.fail_on = list(fail_on)
        self.calls: list[str] = []

    def identity(self) -> dict[str, Any]:
        return {"backend": self.name, "model": self.model}

    def extract(self, request: ExtractionRequest) -> ExtractionOutcome:
        article = request.article
        self.calls.append(article)
        if any(marker in article for marker in self.fail_on):
            raise ModelOutputError("the model's answer stayed invalid after 2 re-asks; try a larger model")
        sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+", article) if len(s.split()) >= 3][:2]
        sentences = [" ".join(s.split()[:30]) for s in sentences] or ["The article has little text."]
        if len(sentences) == 1:
            sentences.append("No further details were given.")
        raws = list(dict.fromkeys(m.raw for m in find_numbers(article)))[:3]
        negative = any(w in article.lower() for w in ("fell", "loss", "exploit", "drop"))
        answer = {
            "summary": sentences,
            "key_figures": [{"raw": raw, "label": f"figure {i + 1}"} for i, raw in enumerate(raws)],
            "sentiment": {"label": "negative" if negative else "positive", "score": -0.5 if negative else 0.5,
                          "rationale": "the article's tone"},
        }
        extraction = request.response_model.model_validate(answer, context=request.context(lenient=True))
        return ExtractionOutcome(extraction, prompt_tokens=10, completion_tokens=5)

    def close(self) -> None:
        pass


NORDVALE = ("Nordvale Bank launches a euro stablecoin\n\n"
            "Nordvale Bank said on Tuesday it will issue a euro stablecoin backed by deposits, starting with "
            "€50 million in reserves. The bank expects 20,000 business clients to use it in the first year. "
            "Regulators in Sweden approved the plan after a two-year review.\n")
QUILLON = ("Quillon Chips profit fell 12% on weaker demand\n\n"
           "Quillon Chips reported quarterly profit of $310 million, down 12% from a year earlier, as demand for "
           "memory chips fell. Revenue was $2.4 billion. The company cut its outlook for the rest of the year.\n")
HOSTILE_TITLE = 'Acme <script>alert("x")</script> & Co\r\nBcc: victim@example.com'
HOSTILE = (f"{HOSTILE_TITLE}\n\n"
           "Acme Corp said its <b>revenue</b> rose 8% to $90 million in the quarter, helped by strong sales of "
           "its new payments terminal. The company hired 300 engineers and plans to open two offices.\n")
