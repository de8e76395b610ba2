"""Command-line option types shared by the commands."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import click

from .backends.registry import backend_names


class BackendChoice(click.Choice):  # type: ignore[type-arg]
    """``--backend``'s choices: the registered backends, read when the option is parsed or shown."""

    def __init__(self) -> None:
        super().__init__((), case_sensitive=False)

    @property  # type: ignore[override]
    def choices(self) -> Sequence[Any]:
        return backend_names()

    @choices.setter
    def choices(self, value: Sequence[Any]) -> None:
        pass  # click sets the choices it was given; ours come from the registry
