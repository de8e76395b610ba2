"""An article's tone read from a model's probabilities, not from the label it writes.

Asked for a label in its JSON answer, the embedded model (Qwen2.5 1.5B) almost
never wrote "mixed" and called most hard news "neutral": 5 of 12 right on a set
of real pages it had never seen, 14 of 17 on the team's eval set. Asked two
plain questions about the same article instead, "does it report clearly good
news?" and "clearly bad news?", its probability of answering "yes" told the
four labels apart far better (both: mixed; one: positive or negative; neither:
neutral; both, with one far ahead: that one). First chosen on 53 articles and
checked on 24 others, refit for the current prompt on 269; the figures are in
docs/evaluation.md.

A backend that can read a model's next-token probabilities asks both questions
after the article, on the prefix its extraction prompt shares (``tone_messages``),
and constrains the answer's label to ``ToneReading.labels``: the reading's label,
or "mixed", which the model writes when the article itself calls the news mixed
("European shares close mixed") though one side's odds stayed low; the rationale
it then writes argues for the label it chose. The score is the difference of the
two probabilities, so it spreads over the scale instead of sitting at 1.0.
"""

from __future__ import annotations

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
ARTICLE_END = "</article>"  # where the prompt's article ends: the questions follow it


@dataclass(frozen=True)
class ToneReading:
    """The model's probability of "yes" (against "no") to each question."""

    good: float
    bad: float

    @property
    def label(self) -> SentimentLabel:
        good, bad = self.good >= GOOD_REPORTED, self.bad >= BAD_REPORTED
        if good and bad:
            lead = round(self.good - self.bad, 6)  # (rounded: 0.6 - 0.4 is 0.19999...)
            if abs(lead) < CLEAR_LEAD:
                return "mixed"
            return "positive" if lead > 0 else "negative"  # one side clearly leads
        return "positive" if good else "negative" if bad else "neutral"

    @property
    def labels(self) -> tuple[SentimentLabel, ...]:
        """The labels the answer may take: the reading's, or "mixed", which the model writes when the article
        itself calls the news mixed ("Stocks end mixed") even if one side's odds stayed low."""
        return ("mixed",) if self.label == "mixed" else (self.label, "mixed")

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
