"""Options shared by the commands, written once: the backend and model, the cache switch.

Each command that summarizes takes them the same way (``-b/--backend``,
``-m/--model``, ``--no-cache``) and turns them into ``Summarizer`` overrides
with ``model_overrides``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click

from ..backends.registry import backend_names

F = TypeVar("F", bound=Callable[..., Any])

MODEL_HELP = "Model name [env: SUMMARIZER_MODEL]."
NO_CACHE_HELP = "Neither read nor write the result cache."


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


def model_options(model_help: str = MODEL_HELP) -> Callable[[F], F]:
    """``-b/--backend`` and ``-m/--model`` (parameters ``backend`` and ``model``)."""

    def decorate(func: F) -> F:
        func = click.option("-m", "--model", envvar="SUMMARIZER_MODEL", help=model_help)(func)
        return click.option("-b", "--backend", type=BackendChoice(), envvar="SUMMARIZER_BACKEND",
                            help="Model backend [env: SUMMARIZER_BACKEND].")(func)

    return decorate


def no_cache_option(text: str = NO_CACHE_HELP) -> Callable[[F], F]:
    """``--no-cache`` (parameter ``no_cache``)."""
    return click.option("--no-cache", is_flag=True, help=text)


def no_log_option() -> Callable[[F], F]:
    """``--no-log`` (parameter ``no_log``): leave this run out of the run history."""
    return click.option("--no-log", is_flag=True, help="Do not record this run in the run history "
                        "(`summarize log`).")


def model_overrides(backend: str | None, model: str | None, no_cache: bool, **more: Any) -> dict[str, Any]:
    """The ``Summarizer`` overrides the shared options ask for; None means the setting's own resolution."""
    overrides: dict[str, Any] = {"backend": backend, "model": model, **more}
    if no_cache:
        overrides["use_cache"] = False
    return overrides
