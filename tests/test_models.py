from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from summarizer.models import Extraction

ARTICLE = "Example Corp raised $14 billion. Its shares rose 12% on Friday."


def payload(**changes: object) -> str:
    data = {
        "summary": ["Example Corp raised money.", "Its shares rose."],
        "key_figures": [{"raw": "$14 billion", "label": "funding", "unit": "USD"}],
        "sentiment": {"label": "positive", "score": 0.5, "rationale": "shares rose"},
    }
    data.update(changes)
    return json.dumps(data)


def test_grounded_figures_pass():
    extraction = Extraction.model_validate_json(payload(), context={"article": ARTICLE})
    assert extraction.key_figures[0].raw == "$14 billion"


def test_ungrounded_figure_is_an_error_with_the_reason():
    bad = payload(key_figures=[{"raw": "$15 billion", "label": "funding", "unit": "USD"}])
    with pytest.raises(ValidationError, match="'\\$15 billion' does not appear verbatim in the article"):
        Extraction.model_validate_json(bad, context={"article": ARTICLE})


def test_lenient_mode_drops_each_ungrounded_figure_once_with_a_warning():
    figures = [{"raw": "$15 billion", "label": "a", "unit": "USD"}, {"raw": "12%", "label": "b", "unit": "%"},
               {"raw": "9%", "label": "c", "unit": "%"}]
    context: dict[str, object] = {"article": ARTICLE, "lenient": True}
    extraction = Extraction.model_validate_json(payload(key_figures=figures), context=context)
    assert [f.raw for f in extraction.key_figures] == ["12%"]
    assert context["warnings"] == [
        "dropped figure: '$15 billion' does not appear verbatim in the article; copy a figure exactly as written "
        "in the article or leave it out",
        "dropped figure: '9%' does not appear verbatim in the article; copy a figure exactly as written in the "
        "article or leave it out",
    ]


def test_duplicate_figures_are_an_error_then_merged_when_lenient():
    twice = [{"raw": "12%", "label": "a"}, {"raw": "12%", "label": "b"}]
    with pytest.raises(ValidationError, match="'12%' is listed twice"):
        Extraction.model_validate_json(payload(key_figures=twice), context={"article": ARTICLE})
    lenient = {"article": ARTICLE, "lenient": True}
    assert len(Extraction.model_validate_json(payload(key_figures=twice), context=lenient).key_figures) == 1


def test_figure_only_in_removed_noise_is_named_as_such():
    context = {"article": ARTICLE, "removed": "Bitcoin tops $91,000 as ETF inflows return"}
    with pytest.raises(ValidationError, match=r"'\$91,000' appears only in text removed as noise"):
        Extraction.model_validate_json(payload(key_figures=[{"raw": "$91,000", "label": "x"}]), context=context)


def test_summary_numbers_must_be_in_the_article():
    bad = payload(summary=["Example Corp raised $20 billion.", "Its shares rose 12%."])
    with pytest.raises(ValidationError, match=r"the summary states '\$20 billion', which is not in the article"):
        Extraction.model_validate_json(bad, context={"article": ARTICLE})
    same_value = payload(summary=["Example Corp raised $14bn.", "Its shares rose 12 percent."])
    assert Extraction.model_validate_json(same_value, context={"article": ARTICLE}).summary[0].endswith("$14bn.")
    lenient = {"article": ARTICLE, "lenient": True}
    kept = Extraction.model_validate_json(bad, context=lenient)
    assert kept.summary == ["Its shares rose 12%."]
    assert lenient["warnings"] == ["dropped summary sentence with '$20 billion', a number not in the article"]


def test_entity_evidence_must_quote_the_article():
    entity = {"name": "Example Corp", "label": "positive", "evidence": "shares rose 12%"}
    sentiment = {"label": "positive", "score": 0.5, "rationale": "x", "entities": [entity]}
    assert Extraction.model_validate_json(payload(sentiment=sentiment), context={"article": ARTICLE})
    paraphrase = {**entity, "evidence": "its shares rose by 12%"}
    grounded = Extraction.model_validate_json(payload(sentiment={**sentiment, "entities": [paraphrase]}),
                                              context={"article": ARTICLE})
    assert grounded.sentiment.entities[0].evidence == "Its shares rose 12% on Friday."
    invented = {**entity, "evidence": "a record year for the bank"}
    bad = payload(sentiment={**sentiment, "entities": [invented]})
    with pytest.raises(ValidationError, match="is not from the article; quote the sentence"):
        Extraction.model_validate_json(bad, context={"article": ARTICLE})
    lenient = {"article": ARTICLE, "lenient": True}
    assert Extraction.model_validate_json(bad, context=lenient).sentiment.entities == []


@pytest.mark.parametrize("summary", [["One sentence only."], ["a.", "b.", "c.", "d.", "e."], ["ok.", ""]])
def test_summary_must_have_two_to_four_sentences(summary):
    with pytest.raises(ValidationError):
        Extraction.model_validate_json(payload(summary=summary), context={"article": ARTICLE})


def test_sentiment_score_is_bounded():
    with pytest.raises(ValidationError):
        Extraction.model_validate_json(payload(sentiment={"label": "positive", "score": 3, "rationale": "x"}))


def test_schema_bounds_become_grammar_rules():
    schema = Extraction.model_json_schema()
    assert schema["properties"]["summary"]["minItems"] == 2
    assert schema["properties"]["summary"]["maxItems"] == 4
    assert schema["properties"]["summary"]["items"]["maxLength"] == 300
    assert schema["properties"]["key_figures"]["maxItems"] == 8
