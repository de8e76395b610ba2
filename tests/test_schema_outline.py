"""The schema's one-line outline, sent instead of instructor's indented schema when a grammar holds the answer.

The embedded model decodes under a grammar built from the response schema, so
the prompt needs the schema's keys, not its every description and enum (about
900 prompt tokens an article). Other backends keep instructor's request as it is.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from openai.types.chat import ChatCompletion

from summarizer.backends import ExtractionRequest
from summarizer.backends.extraction import run_extraction
from summarizer.backends.outline import LEAD, outline, outlined_system
from summarizer.drafts import extraction_schema

ARTICLE = "Alibaba shares rose 8% after it said it will spend more than $53 billion on AI."
SYSTEM = "You are a careful analyst.\nReport only what the article states."

EXTRACTION_OUTLINE = (
    '{"summary": [string, ...], "key_figures": [{"raw": string, "label": string, "entity": string|null}, ...], '
    '"sentiment": {"label": "positive"|"negative"|"neutral"|"mixed", "score": number, "rationale": string, '
    '"entities": [{"name": string, "label": "positive"|"negative"|"neutral"|"mixed", "evidence": string}, ...]}}'
)


def test_the_extraction_schema_in_one_line():
    assert outline(extraction_schema(None)) == EXTRACTION_OUTLINE


def test_enums_and_consts_are_spelled_out():
    assert '"raw": "8%"|"$53 billion", ' in outline(extraction_schema(("8%", "$53 billion")))
    assert '"raw": "8%", ' in outline(extraction_schema(("8%",)))  # one candidate: a const
    many = tuple(f"{i}%" for i in range(12))
    assert '"raw": ' + "|".join(f'"{i}%"' for i in range(12)) + ", " in outline(extraction_schema(many))


def test_every_key_of_the_schema_is_in_the_outline_in_order():
    schema = extraction_schema(None)
    text = outline(schema)
    keys = list(schema["properties"])
    for definition in schema["$defs"].values():
        keys += list(definition["properties"])
    for key in keys:
        assert f'"{key}": ' in text
    positions = [text.index(f'"{key}": ') for key in schema["properties"]]
    assert positions == sorted(positions)


def reply(arguments: dict[str, Any]) -> ChatCompletion:
    return ChatCompletion.model_validate({
        "id": "x", "object": "chat.completion", "created": 0, "model": "m",
        "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant",
                                                                      "content": json.dumps(arguments)}}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}})


def answer(raw: str) -> dict[str, Any]:
    return {"summary": ["Alibaba shares rose on the news.", "It plans to spend more on AI."],
            "key_figures": [{"raw": raw, "label": "share price rise"}],
            "sentiment": {"label": "positive", "score": 0.5, "rationale": "shares rose"}}


def extract(outlined: bool) -> list[dict[str, Any]]:
    """Requests of a json-mode extraction whose first answer is re-asked (a figure not among the numbers)."""
    sent: list[dict[str, Any]] = []
    replies = [answer("9%"), answer("8%")]

    def create(**kwargs: Any) -> ChatCompletion:
        sent.append(json.loads(json.dumps(kwargs)))
        return reply(replies[len(sent) - 1])

    messages = [{"role": "system", "content": SYSTEM}, {"role": "user", "content": ARTICLE}]
    request = ExtractionRequest(messages, ARTICLE, ("8%", "$53 billion"))
    outcome = run_extraction(create, "json", request, 1, lambda e: e, outline=outlined, model="m")
    assert [f.raw for f in outcome.extraction.key_figures] == ["8%"]
    return sent


def system_of(request: dict[str, Any]) -> str:
    return next(m["content"] for m in request["messages"] if m["role"] == "system")


def test_with_an_outline_the_system_message_is_ours_and_the_outline_on_every_attempt():
    first, reask = extract(outlined=True)
    # the outline of the schema with the article's numbers as the figure enum, the grammar's own
    with_numbers = EXTRACTION_OUTLINE.replace('"raw": string', '"raw": "8%"|"$53 billion"')
    expected = f"{SYSTEM}\n\n{LEAD} {with_numbers}"
    assert system_of(first) == system_of(reask) == expected
    assert expected == outlined_system(SYSTEM, extraction_schema(("8%", "$53 billion")))
    assert '"$defs"' not in json.dumps(first["messages"])
    assert next(m for m in first["messages"] if m["role"] != "system")["content"] == ARTICLE
    assert "9%" in reask["messages"][-1]["content"]  # the re-ask still says what was wrong


def test_without_it_instructor_s_schema_stays_in_the_request_with_the_articles_numbers():
    first, _ = extract(outlined=False)
    system = system_of(first)
    assert system.startswith(SYSTEM) and '"$defs"' in system and '"$53 billion"' in system
    assert len(system) > 6 * len(system_of(extract(outlined=True)[0]))


def first_request_without_a_system_prompt(mode: str, outlined: bool) -> dict[str, Any]:
    sent: list[dict[str, Any]] = []

    def create(**kwargs: Any) -> ChatCompletion:
        sent.append(json.loads(json.dumps(kwargs)))
        return reply(answer("8%"))

    request = ExtractionRequest([{"role": "user", "content": ARTICLE}], ARTICLE, ("8%",))
    run_extraction(create, mode, request, 0, lambda e: e, outline=outlined, model="m")
    return sent[0]


@pytest.mark.parametrize("outlined", [True, False])
def test_a_tools_request_without_a_system_message_is_sent_as_instructor_built_it(outlined):
    assert first_request_without_a_system_prompt("tools", outlined)["messages"] == [{"role": "user",
                                                                                    "content": ARTICLE}]


def test_without_a_system_prompt_of_our_own_the_system_message_is_the_outline_alone():
    assert outlined_system("", extraction_schema(None)) == f"{LEAD} {EXTRACTION_OUTLINE}"
    first = first_request_without_a_system_prompt("json", True)
    assert system_of(first) == f"{LEAD} " + EXTRACTION_OUTLINE.replace('"raw": string', '"raw": "8%"')
