"""A stand-in tokenizer for the decoding vetoes' tests: no model needed."""

from __future__ import annotations


class Pieces:
    """Each distinct piece of text gets a token id; ``piece`` gives a token's bytes as ``Llama.detokenize`` does.
    ``raw`` makes a token of bytes that are not text on their own, as a model's byte tokens are (a piece of "€")."""

    def __init__(self) -> None:
        self.ids: dict[str | bytes, int] = {}

    def __call__(self, text: str) -> int:
        return self.ids.setdefault(text, len(self.ids))

    def raw(self, data: bytes) -> int:
        return self.ids.setdefault(data, len(self.ids))

    def piece(self, token: int) -> bytes:
        found = next(text for text, known in self.ids.items() if known == token)
        return found if isinstance(found, bytes) else found.encode("utf-8")
