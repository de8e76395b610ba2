"""The embedded model's sentiment, read from its odds of the answers to three questions (``summarizer.tone``). Slow: the
real model on two eval articles (CI runs it; deselect with ``-m "not embedded"``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer import Summarizer, quality
from summarizer.backends.local import LocalBackend

pytestmark = pytest.mark.embedded

EVAL = Path(__file__).resolve().parent / "data" / "eval"


@pytest.fixture
def summarizer(embedded_summarizer: Summarizer) -> Summarizer:
    return embedded_summarizer


@pytest.mark.parametrize(("name", "label"), [
    ("16_ironvale_miner_results.txt", "mixed"),  # record output, but a dividend cut: the model wrote "negative"
    ("08_stablecoin_reserve_rules.txt", "neutral"),  # new rules, neither good nor bad: it wrote "positive"
])
def test_the_label_is_what_the_article_reports(summarizer: Summarizer, name: str, label: str) -> None:
    backend = summarizer.backend
    assert isinstance(backend, LocalBackend)
    backend.reset_eval_timings()
    result = summarizer.summarize((EVAL / name).read_text(encoding="utf-8"), source=name)
    evaluated = backend.eval_timings().prompt_tokens
    assert result.sentiment.label == label
    assert quality.score_agrees(result.sentiment.label, result.sentiment.score)
    assert abs(result.sentiment.score) < 1.0
    # the questions were asked on the prompt the extraction then went on from: the article was read once (read
    # twice, the tokens evaluated would be the prompt and the article's 1,400 again). The meta counts the prompt and
    # the questions' own tokens; a few more are evaluated again where the prompts part (seen: 5 on this article)
    assert evaluated <= result.meta.prompt_tokens + SEAM_TOKENS


SEAM_TOKENS = 16

