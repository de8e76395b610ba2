"""Greedy decoding under a grammar, with the grammar asked about one token instead of the whole vocabulary.

llama-cpp-python puts the grammar sampler before the greedy one, so at every step
llama.cpp checks all 151,936 tokens of the Qwen vocabulary against the grammar
(``llama_grammar_apply_impl``), single-threaded, about 34 ms a token on the
2-core machine (``bench/speed.py --grammar-cost``). ``GreedyGrammar`` is a
logits processor that takes the grammar's place (llama.cpp's own
``common_sampler`` does the same): it finds the highest logit, asks the grammar
about that token alone, and only when the grammar rejects it masks the whole
vocabulary as the grammar sampler would have.

It is exact for greedy decoding (temperature 0, no repetition penalties): if the
best token overall is allowed, it is the best allowed token, ties included
(both numpy's ``argmax`` and llama.cpp's greedy sampler take the first of equal
logits), which is what greedy sampling after the grammar picks.

A ``veto`` (such as ``CopyLimit``) refuses tokens on other grounds: the best
token it does not refuse is the one the grammar is asked about, so the answer
is what greedy decoding under the grammar writes without the refused tokens.
"""

from __future__ import annotations

import ctypes
import weakref
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

_TOKEN_DATA = np.dtype([("id", np.intc), ("logit", np.single), ("p", np.single)], align=True)


class Veto(Protocol):
    """Refuses tokens during one generation: told each token written, asked about each candidate."""

    def accept(self, token: int) -> None: ...

    def forbids(self, token: int) -> bool: ...


class Vetoes:
    """Several vetoes as one: a token is refused when any of them refuses it."""

    def __init__(self, *vetoes: Veto) -> None:
        self.vetoes = vetoes

    def accept(self, token: int) -> None:
        for veto in self.vetoes:
            veto.accept(token)

    def forbids(self, token: int) -> bool:
        return any(veto.forbids(token) for veto in self.vetoes)


# A veto that refuses this many tokens in one step is refusing everything: the step goes ahead without it.
_MAX_REFUSALS = 256


def unrefused(scores: npt.NDArray[np.single], veto: Veto | None) -> tuple[npt.NDArray[np.single], int]:
    """``scores`` without the tokens ``veto`` refuses, down to the best one it lets through, and that token.

    A veto that refuses ``_MAX_REFUSALS`` tokens in one step, or every token left (after the grammar's mask, few
    may be), is refusing everything: the step goes ahead without it, on the best token. (Taking the next token
    down instead wrote junk, "Newcrest Mining ① ② ③", and a step with no token left ended the process inside
    llama.cpp: "Unexpected empty grammar stack".)"""
    best = int(np.argmax(scores))
    if veto is None:
        return scores, best
    original, first, refused = scores, best, 0
    while veto.forbids(best):
        if refused == _MAX_REFUSALS:
            return original, first
        if not refused:
            scores = scores.copy()  # llama-cpp-python's logits are not ours to change
        scores[best] = -np.inf
        refused += 1
        best = int(np.argmax(scores))
        if scores[best] == -np.inf:
            return original, first
    return scores, best


class GreedyGrammar:
    """A logits processor for ``Llama.create_completion``'s ``logits_processor``: one per generation (it
    follows the grammar's state through the tokens generated), never combined with ``grammar=``."""

    def __init__(self, llama: Any, grammar: str, root: str = "root", veto: Veto | None = None) -> None:
        self._llama, self._grammar, self._root, self._veto = llama, grammar, root, veto
        self._sampler: Any = None  # llama.cpp's grammar sampler, made at the first step
        self._seen: int | None = None  # tokens of input_ids already known to the grammar
        self.steps = 0
        self.fallbacks = 0  # steps where the best token broke the grammar and the whole vocabulary was checked

    def _start(self) -> None:
        import llama_cpp

        self._api = llama_cpp
        if ctypes.sizeof(llama_cpp.llama_token_data) != _TOKEN_DATA.itemsize:
            raise RuntimeError("llama_token_data changed its layout; update summarizer.backends.greedy_grammar")
        vocab = llama_cpp.llama_model_get_vocab(self._llama.model)
        self._sampler = llama_cpp.llama_sampler_init_grammar(vocab, self._grammar.encode("utf-8"),
                                                             self._root.encode("utf-8"))
        if not self._sampler:
            raise ValueError("llama.cpp could not parse the grammar")
        weakref.finalize(self, llama_cpp.llama_sampler_free, self._sampler)
        self._one = (llama_cpp.llama_token_data * 1)()

    def __call__(self, input_ids: npt.NDArray[np.intc], scores: npt.NDArray[np.single]) -> npt.NDArray[np.single]:
        if self._sampler is None:
            self._start()
        if self._seen is not None:  # the tokens chosen since the last call (the first call sees the prompt)
            for token in input_ids[self._seen:]:
                self._api.llama_sampler_accept(self._sampler, int(token))
                if self._veto is not None:
                    self._veto.accept(int(token))
        self._seen = len(input_ids)
        self.steps += 1
        scores, best = unrefused(scores, self._veto)
        self._one[0] = self._api.llama_token_data(best, float(scores[best]), 0.0)
        if self._apply(self._one, 1)[0].logit != -np.inf:
            return scores
        self.fallbacks += 1
        candidates = np.empty(len(scores), dtype=_TOKEN_DATA)
        candidates["id"] = np.arange(len(scores), dtype=np.intc)
        candidates["logit"] = scores
        candidates["p"] = 0.0
        self._apply(candidates.ctypes.data_as(ctypes.POINTER(self._api.llama_token_data)), len(scores))
        masked = np.full_like(scores, -np.inf)
        masked[candidates["id"]] = candidates["logit"]
        return unrefused(masked, self._veto)[0]

    def _apply(self, data: Any, size: int) -> Any:
        array = self._api.llama_token_data_array(data=ctypes.cast(data, ctypes.POINTER(self._api.llama_token_data)),
                                                 size=size, selected=-1, sorted=False)
        self._api.llama_sampler_apply(self._sampler, ctypes.byref(array))
        return data
