"""An article's tone read from a model's probabilities, not from the label it writes.

Asked for a label in its JSON answer, the embedded model (Qwen2.5 1.5B) almost
never wrote "mixed" and called most hard news "neutral": 5 of 12 right on a set
of real pages it had never seen, 14 of 17 on the team's eval set. Asked plain
questions about the same article instead, its next-token probabilities tell the
four labels apart far better:

* "For an investor in the company, token or market this article is about, is
  the news it reports positive, negative, neutral or mixed?": the probability of
  each of the four words as the answer's first word (``ToneReading.outlook``),
  turned into the label, with the two answers below, by a small logistic model
  (``TONE_MODEL``) fitted by
  ``bench/tone_train.py`` on 113 articles with gold labels (the eval set and six
  halves of real pages). Scored by leaving one set out: 82.3% right, against
  73.5% for the rule below on the same articles (docs/evaluation.md).
* "Does this article report clearly good news?" and "... clearly bad news?": the
  probability of "yes" to each (both: mixed; one: positive or negative; neither:
  neutral; both, with one far ahead: that one). This rule (``rule_label``) gives
  the label when the investor's question has no usable answer, and the two
  probabilities give the score, so it spreads over the scale instead of sitting
  at 1.0.

A backend that can read a model's next-token probabilities asks the questions
after the article, on the prefix its extraction prompt shares (``tone_messages``),
and constrains the answer's label to ``ToneReading.labels``: the reading's label
(with the rule alone, that or "mixed", which the model writes when the article
itself calls the news mixed, "European shares close mixed"); the rationale it
then writes argues for that label.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .models import SentimentLabel
from .quality import nearest_agreeing_score

GOOD_NEWS = ("Does this article report clearly good news (gains, growth, higher profits, upgrades, records) for "
             "the company, token or market it is about? Answer yes or no.")
BAD_NEWS = ("Does this article report clearly bad news (losses, falls, lower profits, cuts, fines, hacks, job cuts) "
            "for the company, token or market it is about? Answer yes or no.")
# P(yes) from which the article counts as reporting good news, and bad news; and how far one side must lead the
# other, when both are reported, for the news to be that side's rather than mixed. Refit on 269 articles read with
# the extraction's current prompt (the eval set and twelve sets of real pages), keeping 0.5 for good news (lower, a
# neutral rule change reads as good news): 74.7% right on sets left out one at a time (the two others chosen on the
# rest), against 71.7% for the earlier prompt's choice (0.5, 0.45, no lead); 77.3% on all 269 (docs/evaluation.md).
GOOD_REPORTED, BAD_REPORTED, CLEAR_LEAD = 0.5, 0.40, 0.20
OUTLOOK = ("For an investor in the company, token or market this article is about, is the news it reports "
           "positive, negative, neutral or mixed? Answer with one word.")
ARTICLE_END = "</article>"  # where the prompt's article ends: the questions follow it
LABELS: tuple[SentimentLabel, ...] = ("positive", "negative", "neutral", "mixed")  # the order of ``outlook``


def tone_features(good: float, bad: float, outlook: tuple[float, ...]) -> list[float]:
    """What ``TONE_MODEL`` reads: the log odds of "yes" to the two questions, and the log probability of each label
    as the investor's answer."""
    return [_logit(good), _logit(bad), *(math.log(max(p, 1e-6)) for p in outlook)]


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


@dataclass(frozen=True)
class ToneModel:
    """A multinomial logistic model from ``tone_features`` to the label: features standardised by ``mean`` and
    ``scale``; ``weights`` one row per feature, then the bias, each row one column per label (``LABELS`` order)."""

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[tuple[float, ...], ...]

    def label(self, good: float, bad: float, outlook: tuple[float, ...]) -> SentimentLabel:
        features = tone_features(good, bad, outlook)
        x = [(f - m) / s for f, m, s in zip(features, self.mean, self.scale, strict=True)]
        x.append(1.0)
        scores = [sum(xi * row[j] for xi, row in zip(x, self.weights, strict=True)) for j in range(len(LABELS))]
        return LABELS[scores.index(max(scores))]


# Written by ``python bench/tone_train.py --write summarizer/tone.py`` (fitted on bench/data/tone_readings.jsonl).
TONE_MODEL = ToneModel(
    mean=(0.096294, 0.102627, -2.326971, -2.449373, -1.771989, -1.199362),
    scale=(0.889952, 0.850870, 1.592052, 1.686330, 0.682771, 0.427011),
    weights=(
        (-0.026162, -0.977343, 0.127976, 0.875529),
        (-0.832715, 0.960018, -0.112715, -0.014588),
        (1.155747, -1.028268, 0.579051, -0.706530),
        (-0.808806, 1.000853, -0.133196, -0.058851),
        (-0.858441, -0.284015, 1.605520, -0.463065),
        (-0.756569, -0.238116, -0.316459, 1.311145),
        (-0.088842, -0.220489, -0.259856, 0.569187),
    ),
)


@dataclass(frozen=True)
class ToneReading:
    """The model's probability of "yes" (against "no") to each yes-no question, and of each label (``LABELS``
    order) as the first word of its answer to the investor's question, when it had one."""

    good: float
    bad: float
    outlook: tuple[float, float, float, float] | None = None

    @property
    def label(self) -> SentimentLabel:
        """``TONE_MODEL``'s label for the three answers; without the investor's, ``rule_label``."""
        return self.rule_label if self.outlook is None else TONE_MODEL.label(self.good, self.bad, self.outlook)

    @property
    def rule_label(self) -> SentimentLabel:
        """The label from the two yes-no answers alone."""
        good, bad = self.good >= GOOD_REPORTED, self.bad >= BAD_REPORTED
        if good and bad:
            lead = round(self.good - self.bad, 6)  # (rounded: 0.6 - 0.4 is 0.19999...)
            if abs(lead) < CLEAR_LEAD:
                return "mixed"
            return "positive" if lead > 0 else "negative"  # one side clearly leads
        return "positive" if good else "negative" if bad else "neutral"

    @property
    def labels(self) -> tuple[SentimentLabel, ...]:
        """The labels the answer may take: the reading's. With the rule alone, "mixed" too, which the model writes
        when the article itself calls the news mixed ("Stocks end mixed") though one side's odds stayed low: the
        yes-no questions cannot see that, the investor's question can (the model's own "mixed" over the fitted
        model's label was wrong twice and right never on h24/blind)."""
        if self.outlook is not None or self.label == "mixed":
            return (self.label,)
        return (self.label, "mixed")

    @property
    def score(self) -> float:
        """``good - bad``, brought to the label's side of the scale (``quality.score_agrees``)."""
        return self.score_for(self.label)

    def score_for(self, label: str) -> float:
        """``good - bad`` on ``label``'s side of the scale."""
        return round(nearest_agreeing_score(label, self.good - self.bad), 2)


def tone_messages(messages: list[dict[str, str]], question: str) -> list[dict[str, str]] | None:
    """An extraction prompt's messages with the last one cut after the article and ``question`` put there: the
    same text as the prompt up to the article's end, so a model that keeps its context reads the article once.
    None when the last message has no article in it."""
    if not messages or not isinstance(messages[-1].get("content"), str):
        return None
    content = messages[-1]["content"]
    end = content.rfind(ARTICLE_END)
    if end < 0:
        return None
    return [*messages[:-1], {**messages[-1], "content": f"{content[:end + len(ARTICLE_END)]}\n\n{question}"}]
