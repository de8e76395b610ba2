"""The article's numbers as the only allowed figures: fixed classes, per-article enum.

The reference is what the code did before: a pydantic class per article with
``raw: Literal[candidates]``. The fixed classes plus ``with_candidates`` must
give the same schema, the same validation errors (they become re-ask
messages), and byte for byte the same requests in every instructor mode.
"""

from __future__ import annotations

import json
from typing import Any, Literal

import instructor
import pytest
from openai.types.chat import ChatCompletion
from pydantic import Field, ValidationError, create_model

from summarizer.backends import ExtractionRequest
from summarizer.backends.extraction import MODES, _Prepared, run_extraction
from summarizer.drafts import Extraction, FigureDraft, extraction_model, extraction_schema
from summarizer.models import MAX_FIGURES

ARTICLE = ('Alibaba shares rose 8% after it said it will spend more than $53 billion. It holds 10,000 ETH, '
           'and "it\'s 5" past the "7" mark, said the analyst at Ünïcorn.')
CANDIDATES = ("8%", "$53 billion", "10,000 ETH", "it's 5", '"7"')


def reference(candidates: tuple[str, ...]) -> Any:
    if not candidates:
        return create_model("Extraction", __base__=Extraction, key_figures=(
            list[FigureDraft], Field(default_factory=list, max_length=0,
                                     description="This article has no numbers: leave empty.")))
    allowed: Any = Literal[candidates]
    pick: Any = create_model("FigureDraft", __base__=FigureDraft,
                             raw=(allowed, Field(description="One of the article's numbers, copied exactly.")))
    return create_model("Extraction", __base__=Extraction, key_figures=(
        list[pick], Field(max_length=MAX_FIGURES,
                          description="The most important numbers: money, percentages, counts.")))


@pytest.mark.parametrize("candidates", [(), ("1%",), ("1%", "2%"), CANDIDATES, ("ünï 3", "€4", "a\\b 5"),
                                        tuple(f"{i}%" for i in range(40))])
def test_schema_is_what_a_literal_class_generates(candidates):
    assert json.dumps(extraction_schema(candidates)) == json.dumps(reference(candidates).model_json_schema())


def test_schema_copies_are_independent():
    first = extraction_schema(("1%", "2%"))
    first["$defs"]["FigureDraft"]["properties"]["raw"]["enum"].append("9%")
    first["properties"].clear()
    assert extraction_schema(("1%", "2%")) == reference(("1%", "2%")).model_json_schema()


def answer(*figures: Any) -> dict[str, Any]:
    return {"summary": ["Alibaba shares rose on the news.", "The analyst expects more spending."],
            "key_figures": [{"raw": raw, "label": "a figure"} for raw in figures],
            "sentiment": {"label": "positive", "score": 0.5, "rationale": "shares rose"}}


@pytest.mark.parametrize("candidates", [CANDIDATES, ("8%",)])
@pytest.mark.parametrize("figures", [("8%",), ("10,000",), (8,), (None,), (["8%"],), ("Alibaba",), ("9%",),
                                     ("8%", "8%"), ("it's 5", '"7"')])
def test_validation_is_what_a_literal_class_does(candidates, figures):
    context = {"article": ARTICLE, "removed": "", "candidates": candidates}
    outcomes = []
    for model in (reference(candidates), extraction_model(candidates)):
        try:
            outcomes.append(model.model_validate_json(json.dumps(answer(*figures)), context=dict(context)).model_dump())
        except ValidationError as exc:
            outcomes.append(str(exc))
    assert outcomes[0] == outcomes[1]


def test_a_figure_outside_the_candidates_is_refused_with_the_list():
    with pytest.raises(ValidationError, match=r"Input should be '8%' or '\$53 billion'"):
        extraction_model(("8%", "$53 billion")).model_validate(
            answer("10,000 ETH"), context={"article": ARTICLE, "candidates": ("8%", "$53 billion")})


def reply(mode: str, arguments: dict[str, Any]) -> ChatCompletion:
    text = json.dumps(arguments)
    message: dict[str, Any] = {"role": "assistant", "content": text}
    if mode == "tools":
        message = {"role": "assistant", "content": None, "tool_calls": [
            {"id": "call_0", "type": "function", "function": {"name": "Extraction", "arguments": text}}]}
    return ChatCompletion.model_validate({
        "id": "x", "object": "chat.completion", "created": 0, "model": "m",
        "choices": [{"index": 0, "finish_reason": "tool_calls" if mode == "tools" else "stop", "message": message}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}})


@pytest.mark.parametrize("mode", ["tools", "json", "md_json", "json_schema"])
@pytest.mark.parametrize("candidates", [CANDIDATES, ("8%",)])
def test_requests_are_byte_identical_to_a_literal_class_in_every_mode(mode, candidates):
    """A first answer with a figure outside the list, then a good one: the request and the re-ask."""
    messages = [{"role": "system", "content": "Summarize.\n"}, {"role": "user", "content": ARTICLE}]
    replies = [answer("10,000"), answer("8%")]  # in the article, but not one of its figures as written

    def recorder(sent: list[dict[str, Any]]) -> Any:
        def create(**kwargs: Any) -> ChatCompletion:
            sent.append(json.loads(json.dumps(kwargs)))
            return reply(mode, replies[len(sent) - 1])
        return create

    before: list[dict[str, Any]] = []  # the old path: instructor wraps the Literal class; messages shaped
    shape, create = _Prepared(), recorder(before)
    patched = instructor.patch(create=lambda **kw: create(**shape(kw)), mode=MODES[mode])
    context = {"article": ARTICLE, "removed": "", "candidates": candidates}

    class Falsy(dict):  # as _ValidationContext: no templating
        def __bool__(self) -> bool:
            return False

    old = patched(response_model=reference(candidates), messages=[dict(m) for m in messages], context=Falsy(context),
                  max_retries=1, strict=False, model="m")

    after: list[dict[str, Any]] = []
    request = ExtractionRequest(messages, ARTICLE, candidates)
    outcome = run_extraction(recorder(after), mode, request, 1, lambda e: e, model="m")

    assert len(before) == len(after) == 2
    assert json.dumps(after) == json.dumps(before)
    assert outcome.extraction.model_dump() == old.model_dump()
    assert "Input should be" in json.dumps(after[1])  # the re-ask names the allowed figures


def test_without_the_list_the_class_refuses_rather_than_accepting_any_figure():
    with pytest.raises(ValidationError, match="no list of the article's numbers"):
        extraction_model(("8%",)).model_validate(answer("8%"), context={"article": ARTICLE})


def test_lenient_drops_a_figure_that_is_not_one_of_the_articles_numbers():
    """The re-asks ran out with '10,000' (in the text, but the figure is '10,000 ETH'): drop it, keep the rest."""
    request = ExtractionRequest([{"role": "user", "content": ARTICLE}], ARTICLE, CANDIDATES)
    outcome = run_extraction(lambda **kw: reply("tools", answer("10,000", "8%")), "tools", request, 0, lambda e: e,
                             model="m")
    assert [f.raw for f in outcome.extraction.key_figures] == ["8%"]
    assert any("dropped figure" in w and "10,000" in w for w in outcome.warnings)


def test_a_request_the_enum_cannot_be_written_into_is_logged(caplog):
    from summarizer.backends.extraction import _Narrowed

    narrowed = _Narrowed(extraction_model(("8%",)), ("8%",))
    plain = {"messages": [{"role": "user", "content": "no schema anywhere"}]}
    with caplog.at_level("WARNING", logger="summarizer"):
        assert narrowed(plain) == plain
    assert "could not be written" in caplog.text
    caplog.clear()
    tools = {"tools": [{"type": "function", "function": {"parameters": extraction_model(("8%",)).model_json_schema()}}]}
    with caplog.at_level("WARNING", logger="summarizer"):
        narrowed(tools)
    assert caplog.text == ""
