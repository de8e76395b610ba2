"""``summarizer.tone``'s three questions asked of llama.cpp: the probability of "yes" read from the next token.

Each question is the extraction prompt up to the article's end, then the question,
rendered with the model's own chat template (as llama-cpp-python renders the
extraction request). The article is evaluated once: the other questions, and
then the extraction itself, start from the tokens already in the context, so
the reading costs the three questions' own tokens (about 45 each), not the
article again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..tone import BAD_NEWS, GOOD_NEWS, LABELS, OUTLOOK, ToneReading, tone_messages

MIN_ANSWER_MASS = 0.5  # "yes" and "no" together must be the model's likely next token, or the reading is not kept


@dataclass(frozen=True)
class Probe:
    """A reading and the tokens it evaluated that the extraction prompt does not share (the questions')."""

    reading: ToneReading
    extra_tokens: int


def read_tone(llama: Any, messages: list[dict[str, str]]) -> Probe | None:
    """Ask the questions after the article in ``messages``; None when the model has no chat template, the prompt
    no article, or "yes"/"no" is not what the model would answer. The investor's question is left out of the
    reading (``outlook`` None) when none of the four labels is what the model would answer."""
    template = llama.metadata.get("tokenizer.chat_template")
    questions = [tone_messages(messages, question) for question in (GOOD_NEWS, BAD_NEWS, OUTLOOK)]
    if not template or any(question is None for question in questions):
        return None
    from llama_cpp.llama_chat_format import Jinja2ChatFormatter

    formatter: Any = Jinja2ChatFormatter(template, _token_text(llama, llama.token_eos()),
                                    _token_text(llama, llama.token_bos()))

    def first_tokens(*words: str) -> list[int]:
        return sorted({token for word in words for token in llama.tokenize(word.encode(), add_bos=False,
                                                                           special=False)[:1]})

    yes, no = first_tokens("yes", "Yes"), first_tokens("no", "No")
    if not yes or not no or set(yes) & set(no):
        return None
    labels = [first_tokens(label, label.capitalize()) for label in LABELS]
    asked = [(questions[0], [yes, no]), (questions[1], [yes, no])]
    if all(labels) and len({t for group in labels for t in group}) == sum(map(len, labels)):
        asked.append((questions[2], labels))  # (four words told apart by their first tokens only)
    answers, prompts = [], []
    for question, choices in asked:
        odds, tokens = _next_token_odds(llama, formatter, question or [])
        prompts.append(tokens)
        answers.append([float(odds[group].sum()) for group in choices])
    (good_yes, good_no), (bad_yes, bad_no) = answers[:2]
    if good_yes + good_no < MIN_ANSWER_MASS or bad_yes + bad_no < MIN_ANSWER_MASS:
        return None
    outlook = None
    if len(answers) > 2 and (total := sum(answers[2])) >= MIN_ANSWER_MASS:
        positive, negative, neutral, mixed = (p / total for p in answers[2])
        outlook = (positive, negative, neutral, mixed)
    reading = ToneReading(good_yes / (good_yes + good_no), bad_yes / (bad_yes + bad_no), outlook)
    article = llama.longest_token_prefix(prompts[0], prompts[1])  # the prompt up to the article's end
    return Probe(reading, sum(len(tokens) - article for tokens in prompts))


def _next_token_odds(llama: Any, formatter: Any, messages: list[dict[str, str]]) -> tuple[Any, list[int]]:
    """The model's probabilities for the token after ``messages`` (rendered as its chat template does), evaluating
    only what the context does not hold already; and the prompt's tokens."""
    import llama_cpp
    import numpy as np

    rendered = formatter(messages=messages)
    tokens = llama.tokenize(rendered.prompt.encode("utf-8"), add_bos=not rendered.added_special, special=True)
    llama.n_tokens = min(llama.longest_token_prefix(llama.input_ids[:llama.n_tokens], tokens), len(tokens) - 1)
    llama.eval(tokens[llama.n_tokens:])  # (eval drops what the context held past n_tokens)
    logits = np.ctypeslib.as_array(llama_cpp.llama_get_logits_ith(llama.ctx, -1), shape=(llama.n_vocab(),))
    logits = logits.astype(np.float64)
    odds = np.exp(logits - logits.max())
    return odds / odds.sum(), tokens


def _token_text(llama: Any, token: int) -> str:
    return llama.detokenize([token], special=True).decode("utf-8", errors="replace") if token != -1 else ""

