"""``summarizer.tone``'s two questions asked of llama.cpp: the probability of "yes" read from the next token.

Each question is the extraction prompt up to the article's end, then the question,
rendered with the model's own chat template (as llama-cpp-python renders the
extraction request). The article is evaluated once: the second question, and
then the extraction itself, start from the tokens already in the context, so
the reading costs the two questions' own tokens (about 45 each), not the
article again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..tone import BAD_NEWS, GOOD_NEWS, ToneReading, tone_messages

MIN_ANSWER_MASS = 0.5  # "yes" and "no" together must be the model's likely next token, or the reading is not kept


@dataclass(frozen=True)
class Probe:
    """A reading and the tokens it evaluated that the extraction prompt does not share (the questions')."""

    reading: ToneReading
    extra_tokens: int


def read_tone(llama: Any, messages: list[dict[str, str]]) -> Probe | None:
    """Ask both questions after the article in ``messages``; None when the model has no chat template, the prompt
    no article, or "yes"/"no" is not what the model would answer."""
    template = llama.metadata.get("tokenizer.chat_template")
    good_messages, bad_messages = tone_messages(messages, GOOD_NEWS), tone_messages(messages, BAD_NEWS)
    if not template or good_messages is None or bad_messages is None:
        return None
    import llama_cpp
    import numpy as np
    from llama_cpp.llama_chat_format import Jinja2ChatFormatter

    formatter: Any = Jinja2ChatFormatter(template, _token_text(llama, llama.token_eos()),
                                    _token_text(llama, llama.token_bos()))
    answers = {word: llama.tokenize(word.encode(), add_bos=False, special=False)[:1]
               for word in ("yes", "Yes", "no", "No")}
    yes = [token for word in ("yes", "Yes") for token in answers[word]]
    no = [token for word in ("no", "No") for token in answers[word]]
    if not yes or not no or set(yes) & set(no):
        return None
    probabilities, prompts = [], []
    for question in (good_messages, bad_messages):
        rendered = formatter(messages=question)
        tokens = llama.tokenize(rendered.prompt.encode("utf-8"), add_bos=not rendered.added_special, special=True)
        prompts.append(tokens)
        llama.n_tokens = min(llama.longest_token_prefix(llama.input_ids[:llama.n_tokens], tokens), len(tokens) - 1)
        llama.eval(tokens[llama.n_tokens:])  # (eval drops what the context held past n_tokens)
        logits = np.ctypeslib.as_array(llama_cpp.llama_get_logits_ith(llama.ctx, -1), shape=(llama.n_vocab(),))
        logits = logits.astype(np.float64)
        odds = np.exp(logits - logits.max())
        odds /= odds.sum()
        p_yes, p_no = float(odds[yes].sum()), float(odds[no].sum())
        if p_yes + p_no < MIN_ANSWER_MASS:
            return None
        probabilities.append(p_yes / (p_yes + p_no))
    article = llama.longest_token_prefix(prompts[0], prompts[1])  # the prompt up to the article's end
    return Probe(ToneReading(probabilities[0], probabilities[1]), sum(len(tokens) - article for tokens in prompts))


def _token_text(llama: Any, token: int) -> str:
    return llama.detokenize([token], special=True).decode("utf-8", errors="replace") if token != -1 else ""

