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
        "dropped figure '$15 billion': not found verbatim in the article",
        "dropped figure '9%': not found verbatim in the article",
    ]


def test_duplicate_figures_are_merged():
    twice = [{"raw": "12%", "label": "a", "unit": "%"}, {"raw": "12%", "label": "b", "unit": "%"}]
    extraction = Extraction.model_validate_json(payload(key_figures=twice), context={"article": ARTICLE})
    assert len(extraction.key_figures) == 1


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
