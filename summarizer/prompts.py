"""Versioned prompt templates, shipped as package data from the top-level ``prompts/`` folder."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache

from ._resources import data_dir
from .errors import ConfigError

PROMPT_VERSION = "v1"


@dataclass(frozen=True)
class PromptTemplate:
    version: str
    system: str
    user: str

    @property
    def fingerprint(self) -> str:
        """Changes whenever the wording changes, even if the version is not bumped."""
        return hashlib.sha256(f"{self.system}\0{self.user}".encode()).hexdigest()[:16]

    def messages(self, article: str, title: str | None = None, published: str | None = None,
                 numbers: tuple[tuple[str, str], ...] = ()) -> list[dict[str, str]]:
        """``numbers`` are the article's figures, each with the words around it."""
        lines = []
        if title:
            lines.append(f"Title: {title}")
        if published:
            lines.append(f"Published: {published}")
        metadata = "".join(f"{line}\n" for line in lines)
        return [
            {"role": "system", "content": self.system.strip()},
            {"role": "user", "content": self.user.format(
                metadata=metadata, article=article,
                numbers="".join(f'- "{raw}" in "…{context}…"\n' for raw, context in numbers) or "none\n").strip()},
        ]


@cache
def load_prompt(version: str = PROMPT_VERSION) -> PromptTemplate:
    folder = data_dir("prompts")
    try:
        system = folder.joinpath(f"summarize_{version}.system.txt").read_text(encoding="utf-8")
        user = folder.joinpath(f"summarize_{version}.user.txt").read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"no prompt templates for version {version!r} in prompts/") from None
    return PromptTemplate(version=version, system=system, user=user)
