"""A stand-in tokenizer for the decoding vetoes' tests: no model needed."""

from __future__ import annotations


class Pieces:
    """Each distinct piece of text gets a token id; ``piece`` gives a token's bytes as ``Llama.detokenize`` does."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}

    def __call__(self, text: str) -> int:
        return self.ids.setdefault(text, len(self.ids))

    def piece(self, token: int) -> bytes:
        return next(text for text, known in self.ids.items() if known == token).encode("utf-8")
