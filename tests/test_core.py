from __future__ import annotations

import pytest

from summarizer import InputError, ModelOutputError, Settings, Summarizer, clean
from summarizer.testing import ScriptedBackend, answer, completion

SEED = "001_3bb448a0ca5d400d.txt"


def make(seed_text: str, answers: list, **settings: object) -> tuple[Summarizer, ScriptedBackend]:
    backend = ScriptedBackend(answers)
    return Summarizer(Settings.resolve(**settings), backend=backend), backend


def test_offsets_point_at_raw_in_cleaned_text_and_values_come_from_the_parser(seed_texts):
    text = seed_texts[SEED]
    figures = [
        {"raw": "$53 billion", "label": "prior AI spending commitment", "unit": "dollars"},
        {"raw": "110%", "label": "stock gain in 2025", "unit": "percent"},
    ]
    summarizer, _ = make(text, [answer(figures=figures)])
    result = summarizer.summarize(text, source=SEED)
    cleaned = clean(text).text
    assert [f.raw for f in result.key_figures] == ["$53 billion", "110%"]
    for figure in result.key_figures:
        assert cleaned[figure.start:figure.end] == figure.raw
    assert (result.key_figures[0].value, result.key_figures[0].unit) == (53e9, "USD")
    assert (result.key_figures[1].value, result.key_figures[1].unit) == (110.0, "%")
    assert result.title == "Alibaba stock rose 8% after CEO Eddie Wu said AI spending will exceed its $53B plan"
    assert result.meta.source == SEED
    assert result.meta.prompt_tokens == 100 and result.meta.completion_tokens == 50


def test_ungrounded_figure_triggers_a_reask_that_names_the_problem(seed_texts):
    text = seed_texts[SEED]
    bad = answer(figures=[{"raw": "$99 billion", "label": "made up", "unit": "USD"}])
    good = answer(figures=[{"raw": "$4 trillion", "label": "global AI spending", "unit": "USD"}])
    summarizer, backend = make(text, [bad, good])
    result = summarizer.summarize(text)
    assert len(backend.requests) == 2
    reask = backend.requests[1]["messages"][-1]["content"]
    assert "'$99 billion' does not appear verbatim in the article" in reask
    assert [f.raw for f in result.key_figures] == ["$4 trillion"]
    assert result.meta.prompt_tokens == 200  # usage counts every attempt


def test_figure_only_in_removed_noise_never_reaches_the_user(seed_texts):
    text = seed_texts[SEED]
    noise = {"raw": "$1.1B", "label": "tokenized assets", "unit": "USD"}  # "You May Also Like" tail
    summarizer, backend = make(text, [answer(figures=[noise])] * 3)
    result = summarizer.summarize(text)
    assert "$1.1B" in text and "$1.1B" not in clean(text).text
    assert result.key_figures == []
    assert len(backend.requests) == 3
    assert any("$1.1B" in w and "dropped" in w for w in result.meta.warnings)


def test_output_invalid_after_all_reasks_is_an_error_not_a_result(seed_texts):
    text = seed_texts[SEED]
    broken = completion('{"summary": "x"}')
    summarizer, _ = make(text, [broken, broken, broken])
    with pytest.raises(ModelOutputError, match="no valid answer after 3 attempts"):
        summarizer.summarize(text)


def test_second_call_is_served_from_the_cache(seed_texts):
    text = seed_texts[SEED]
    summarizer, backend = make(text, [answer()])
    first = summarizer.summarize(text)
    second = summarizer.summarize(text)
    assert len(backend.requests) == 1
    assert (first.meta.cached, second.meta.cached) == (False, True)
    assert second.summary == first.summary


def test_no_cache_setting_calls_the_model_every_time(seed_texts):
    text = seed_texts[SEED]
    summarizer, backend = make(text, [answer(), answer()], use_cache=False)
    summarizer.summarize(text)
    summarizer.summarize(text)
    assert len(backend.requests) == 2


def test_failed_results_are_not_cached(seed_texts):
    text = seed_texts[SEED]
    broken = completion("not json at all")
    summarizer, backend = make(text, [broken, broken, broken, answer()])
    with pytest.raises(ModelOutputError):
        summarizer.summarize(text)
    result = summarizer.summarize(text)
    assert result.meta.cached is False
    assert len(backend.requests) == 4


def test_article_that_is_only_boilerplate_is_an_input_error():
    summarizer, backend = make("", [])
    with pytest.raises(InputError, match="no article text"):
        summarizer.summarize("Advertise in Example Research today.\n$0.25\n+1.4%\n\nDisclaimer: not advice.\n",
                             source="x.txt")
    assert backend.requests == []


def test_prompt_delimits_the_article_as_data(seed_texts):
    text = seed_texts[SEED]
    summarizer, backend = make(text, [answer()])
    summarizer.summarize(text)
    system, user = backend.requests[0]["messages"][:2]
    assert "not instructions" in system["content"]
    assert user["content"].count("<article>") == 1
    assert clean(text).text in user["content"]
    assert "You May Also Like" not in user["content"]


def test_same_figure_mentioned_twice_is_reported_once(seed_texts):
    text = seed_texts["000_a327f4888d7bd40a.txt"]
    figures = [{"raw": "10,000 Ethereum", "label": "tokens bought"}, {"raw": "10,000 ETH", "label": "holding"},
               {"raw": "33.4 billion yuan ($4.7 billion)", "label": "cloud revenue", "entity": "Alibaba"}]
    summarizer, _ = make(text, [answer(figures=figures)])
    result = summarizer.summarize(text)
    assert [f.raw for f in result.key_figures] == ["10,000 Ethereum", "33.4 billion yuan ($4.7 billion)"]
    cloud = result.key_figures[1]
    assert (cloud.value, cloud.unit, cloud.kind, cloud.entity) == (33.4e9, "CNY", "money", "Alibaba")
    assert cloud.converted is not None and (cloud.converted.value, cloud.converted.unit) == (4.7e9, "USD")


def test_the_model_is_offered_the_articles_numbers_and_nothing_else(seed_texts):
    text = seed_texts[SEED]
    summarizer, backend = make(text, [answer()])
    summarizer.summarize(text)
    request = backend.last_request
    schema = request.schema()
    allowed = schema["$defs"]["FigureDraft"]["properties"]["raw"]["enum"]
    assert "$53 billion" in allowed and "$4 trillion" in allowed
    assert "$1.1B" not in allowed and "$0.007012" not in allowed  # only in removed noise
    assert '- "$53 billion" in "' in request.messages[1]["content"]


def test_generic_entity_names_are_left_out(seed_texts):
    text = seed_texts[SEED]
    figure = {"raw": "8%", "label": "stock gain", "entity": "company"}
    summarizer, _ = make(text, [answer(figures=[figure])])
    assert summarizer.summarize(text).key_figures[0].entity is None


def test_rationale_cut_by_the_length_limit_ends_cleanly():
    from summarizer.assembly import _whole_words

    first = "Shares rose after the results, which beat forecasts on revenue, margins and cash flow by a wide margin. "
    cut = (first + "The outlook was strong and the company raised guidance " * 3)[:200]
    assert _whole_words(cut) == first.strip()
    assert _whole_words("stock surged") == "stock surged"
    assert _whole_words(("word " * 50)[:200]).endswith("word…")


def test_summary_fragments_are_dropped_without_a_reask(seed_texts):
    text = seed_texts[SEED]
    summarizer, backend = make(text, [answer(summary=("Alibaba stock rose 8% after the results.", "$53 billion",
                                                      "The company will spend more on AI."))])
    result = summarizer.summarize(text)
    assert len(backend.requests) == 1
    assert result.summary == "Alibaba stock rose 8% after the results. The company will spend more on AI."
    assert result.meta.warnings == ["dropped summary fragment '$53 billion'"]


def test_names_and_numbers_of_the_headline_count_as_the_articles():
    """The model is shown the title: a summary naming what only the headline names keeps that sentence."""
    text = ("Kestrel ETFs pull in $612 million in a week\n\n"
            "Exchange-traded funds holding the Kestrel token took in $612 million of net inflows in the five "
            "trading days to Friday, the strongest week since the products launched in March.\n\n"
            "Total assets across the Kestrel funds reached $4.3 billion on Friday, up from $2.6 billion at the "
            "end of June, according to data compiled by the fund issuers.\n")
    summary = ("Kestrel ETFs took in $612 million in five trading days, their strongest week since March.",
               "Total assets across the Kestrel funds reached $4.3 billion on Friday.")
    summarizer, _ = make(text, [answer(summary=summary)])
    result = summarizer.summarize(text)
    assert result.title == "Kestrel ETFs pull in $612 million in a week"
    assert result.summary == " ".join(summary) and not any("ETFs" in w for w in result.meta.warnings)
