"""The tone read from the model's odds (``summarizer.tone``): the investor's question through its fitted model, two
yes/no questions for the rule without it and for the score; and the schema that fixes the label before the answer
is written (``drafts.with_sentiment_label``)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from summarizer import Settings, quality
from summarizer.backends.local import LocalBackend, schema_grammar_text
from summarizer.drafts import Extraction, extraction_schema, with_sentiment_label
from summarizer.prompts import load_prompt
from summarizer.tone import BAD_NEWS, GOOD_NEWS, TONE_MODEL, ToneReading, tone_messages

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(("good", "bad", "label"), [
    (0.9, 0.1, "positive"),
    (0.1, 0.9, "negative"),
    (0.7, 0.6, "mixed"),  # good and bad news in one article: the label the model never wrote itself
    (0.52, 0.47, "mixed"),
    (0.55, 0.3, "positive"),
    (0.45, 0.5, "negative"),
    (0.2, 0.3, "neutral"),
    (0.49, 0.39, "neutral"),
    (0.49, 0.41, "negative"),  # bad news from 0.40
    # both reported, one far ahead (by 0.2 or more): that side's news (h20/tune: a record high with a weak year)
    (0.82, 0.45, "positive"),
    (0.51, 0.72, "negative"),
    (0.6, 0.42, "mixed"),  # ahead by less than 0.2
    (0.6, 0.4, "positive"),  # ahead by 0.2 exactly (0.6 - 0.4 is a little under 0.2 in floating point)
    (0.99, 0.79, "positive"),
])
def test_the_label_follows_which_kinds_of_news_the_article_reports(good: float, bad: float, label: str) -> None:
    assert ToneReading(good, bad).label == label  # (no answer to the investor's question: the rule's label)


@pytest.mark.parametrize(("good", "bad", "outlook", "label"), [
    # good and bad news both likely, the investor's answer mostly "mixed": the rule would say positive
    (0.85, 0.3, (0.2, 0.02, 0.08, 0.7), "mixed"),
    # a hold: good news likely by the first question, "neutral" the investor's answer
    (0.6, 0.3, (0.15, 0.03, 0.72, 0.1), "neutral"),
    # a fall the yes/no questions both leave low, "negative" the investor's answer
    (0.3, 0.35, (0.01, 0.8, 0.1, 0.09), "negative"),
    (0.4, 0.2, (0.85, 0.01, 0.06, 0.08), "positive"),
])
def test_with_an_answer_to_the_investors_question_the_fitted_model_gives_the_label(good, bad, outlook, label):
    reading = ToneReading(good, bad, outlook)
    assert reading.label == label != reading.rule_label
    assert quality.score_agrees(reading.label, reading.score)


def test_the_shipped_weights_are_the_fit_of_the_shipped_readings() -> None:
    """``bench/tone_train.py --write`` wrote them from bench/data/tone_readings.jsonl; fitting again gives them."""
    pytest.importorskip("numpy")
    spec = importlib.util.spec_from_file_location("tone_train", ROOT / "bench" / "tone_train.py")
    assert spec is not None and spec.loader is not None
    train = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(train)
    rows = [json.loads(line) for line in (ROOT / "bench" / "data" / "tone_readings.jsonl").read_text().splitlines()]
    mean, scale, weights = train.fit(rows)
    assert TONE_MODEL.mean == pytest.approx(mean, abs=1e-5)
    assert TONE_MODEL.scale == pytest.approx(scale, abs=1e-5)
    assert [list(row) for row in TONE_MODEL.weights] == [pytest.approx(row, abs=1e-5) for row in weights]
    right = sum(ToneReading(r["good"], r["bad"], tuple(r["outlook"])).label == r["gold"] for r in rows)
    assert right == sum(train.predict((mean, scale, weights), r) == r["gold"] for r in rows)


@pytest.mark.parametrize(("good", "bad"), [(0.95, 0.05), (0.6, 0.1), (0.41, 0.39), (0.1, 0.8), (0.38, 0.05),
                                           (0.9, 0.85), (0.4, 0.99), (0.0, 0.0), (1.0, 0.0)])
def test_the_score_agrees_with_the_label_and_spreads_over_the_scale(good: float, bad: float) -> None:
    reading = ToneReading(good, bad)
    assert quality.score_agrees(reading.label, reading.score)
    assert -1 <= reading.score <= 1


def test_ordinary_good_news_is_not_scored_as_the_best_news_possible() -> None:
    scores = {ToneReading(good, 0.2).score for good in (0.5, 0.7, 0.9)}
    assert len(scores) == 3 and max(scores) < 1.0


def test_the_questions_follow_the_article_in_the_prompt_the_extraction_sends() -> None:
    messages = load_prompt().messages("Acme's revenue rose 5%.\nShares fell 3%.", "Acme results",
                                      numbers=(("5%", "revenue rose 5%"),))
    asked = tone_messages(messages, GOOD_NEWS)
    assert asked is not None and asked[:-1] == messages[:-1]
    user = messages[-1]["content"]
    head = user[:user.index("</article>") + len("</article>")]
    assert asked[-1]["content"] == f"{head}\n\n{GOOD_NEWS}"
    assert "numbers" not in asked[-1]["content"].split("</article>")[1]  # the list after the article is left out
    assert messages[-1]["content"] == user  # the prompt itself is unchanged


def test_no_question_without_an_article_in_the_prompt() -> None:
    assert tone_messages([{"role": "user", "content": "no tags here"}], BAD_NEWS) is None
    assert tone_messages([], BAD_NEWS) is None


@pytest.mark.parametrize(("good", "bad", "allowed"), [
    (0.9, 0.1, ("positive", "mixed")),
    (0.1, 0.9, ("negative", "mixed")),
    (0.2, 0.2, ("neutral", "mixed")),
    (0.7, 0.6, ("mixed",)),
])
def test_the_answer_may_take_the_readings_label_or_mixed(good: float, bad: float, allowed: tuple[str, ...]) -> None:
    reading = ToneReading(good, bad)  # (the rule alone: no answer to the investor's question)
    assert reading.labels == allowed
    for label in allowed:
        assert quality.score_agrees(label, reading.score_for(label))


@pytest.mark.parametrize(("outlook", "label"), [((0.8, 0.02, 0.08, 0.1), "positive"),
                                                ((0.15, 0.03, 0.72, 0.1), "neutral")])
def test_with_the_investors_answer_the_answer_takes_the_readings_label_only(outlook, label) -> None:
    """The fitted model reads "mixed" from the investor's answer; the model writing "mixed" over it was wrong twice
    and right never on a real half (h24/blind)."""
    reading = ToneReading(0.6, 0.3, outlook)
    assert reading.labels == (label,)


@pytest.mark.parametrize("labels", [("positive", "mixed"), ("negative", "mixed"), ("neutral", "mixed"), ("mixed",)])
def test_only_the_allowed_labels_are_in_the_schema_and_its_grammar(labels: tuple[str, ...]) -> None:
    schema = extraction_schema(("5%", "3%"))
    before = json.dumps(schema, sort_keys=True)
    fixed = with_sentiment_label(schema, labels)
    assert json.dumps(schema, sort_keys=True) == before  # the schema given is not changed
    label_schema = fixed["$defs"]["SentimentDraft"]["properties"]["label"]
    assert (label_schema.get("const"),) == labels if len(labels) == 1 else label_schema["enum"] == list(labels)
    assert fixed["$defs"]["FigureDraft"] == schema["$defs"]["FigureDraft"]  # the figure enum is kept
    grammar = schema_grammar_text(fixed)
    rule = next(line for line in grammar.splitlines() if line.startswith("SentimentDraft-label ::="))
    assert rule == "SentimentDraft-label ::= " + " | ".join(f'"\\"{label}\\""' for label in labels)
    entity_rule = next(line for line in grammar.splitlines() if line.startswith("EntityDraft-label ::="))
    assert all(other in entity_rule for other in ("positive", "negative", "neutral", "mixed"))  # entities: free


def test_a_schema_without_a_sentiment_label_comes_back_as_it_is() -> None:
    schema = {"type": "object", "properties": {}}
    assert with_sentiment_label(schema, ("mixed",)) is schema
    assert Extraction.model_json_schema()["$defs"]["SentimentDraft"]["properties"]["label"].get("enum")


def test_the_local_backends_tone_reading_is_part_of_the_cache_key(tmp_path):
    """Results cached before the reading (the model's own label) are not served for it."""
    identity = LocalBackend(Settings(backend="local", model_dir=tmp_path, cache_dir=tmp_path)).identity()
    assert identity["tone"] == "investor outlook model"
