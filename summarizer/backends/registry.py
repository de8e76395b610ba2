"""The backends by name: one table, loaded lazily, from which settings and the command line take their choices.

An entry names its class as ``"module:Class"``; the module is imported only when
that backend is created, so choosing ``openai`` never loads llama.cpp and
``summarize --help`` loads neither. Adding a backend is one file and one line:
``register_backend("name", "package.module:Class")`` (the built-in ones below).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

from ..errors import ConfigError

if TYPE_CHECKING:
    from ..config import Settings
    from .base import Backend


Factory = Callable[["Settings"], "Backend"]


@dataclass(frozen=True)
class Entry:
    target: str | Factory  # "package.module:Class" (or any callable): called with the ``Settings``
    default_model: str | None = None  # the model used when none is configured


_REGISTRY: dict[str, Entry] = {
    "local": Entry("summarizer.backends.local:LocalBackend", "qwen2.5-1.5b"),
    "openai": Entry("summarizer.backends.openai_compat:OpenAIBackend", "gpt-4o-mini"),
}


def register_backend(name: str, target: str | Factory, *, default_model: str | None = None) -> None:
    """Make ``target`` the backend ``name``: ``"module:Class"`` (a ``Backend`` subclass taking ``Settings``,
    imported when chosen) or a callable that takes the ``Settings`` and returns a ``Backend``."""
    if isinstance(target, str) and ":" not in target:
        raise ValueError(f"a backend is registered as 'module:Class', got {target!r}")
    _REGISTRY[name.lower()] = Entry(target, default_model)


def unregister_backend(name: str) -> None:
    _REGISTRY.pop(name.lower(), None)


@contextmanager
def registered(name: str, target: str | Factory, *, default_model: str | None = None) -> Iterator[None]:
    """``register_backend`` for the duration of a ``with`` block; whatever ``name`` was before comes back."""
    previous = _REGISTRY.get(name.lower())
    register_backend(name, target, default_model=default_model)
    try:
        yield
    finally:
        if previous is None:
            unregister_backend(name)
        else:
            _REGISTRY[name.lower()] = previous


def backend_names() -> tuple[str, ...]:
    """Every registered backend's name, in registration order."""
    return tuple(_REGISTRY)


def default_model(name: str) -> str | None:
    entry = _REGISTRY.get(name)
    return entry.default_model if entry is not None else None


def backend_factory(name: str) -> Factory:
    """What builds the backend ``name`` from ``Settings``: its class, imported now, or its callable."""
    entry = _REGISTRY.get(name)
    if entry is None:
        raise ConfigError(f"unknown backend {name!r}; choose one of: {', '.join(_REGISTRY)}")
    if not isinstance(entry.target, str):
        return entry.target
    module, _, attribute = entry.target.partition(":")
    factory: Factory = getattr(import_module(module), attribute)
    return factory


def create_backend(settings: Settings) -> Backend:
    """The backend ``settings.backend`` names, built from ``settings``."""
    return backend_factory(settings.backend)(settings)
