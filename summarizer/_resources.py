"""Finding the files kept outside the package (``prompts/``, ``schemas/``).

An installed wheel carries them as ``summarizer/_prompts`` and
``summarizer/_schemas`` (see ``package-dir`` in pyproject.toml); an editable
install maps those names onto the top-level folders; a source checkout on
``sys.path`` finds the folders beside the package.
"""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

from .errors import ConfigError


def data_dir(name: str) -> Traversable:
    try:
        return resources.files(f"summarizer._{name}")
    except ModuleNotFoundError:
        pass
    source = Path(__file__).resolve().parent.parent / name
    if source.is_dir():
        return source
    raise ConfigError(f"summarizer's {name}/ folder is missing from this installation; reinstall summarizer")
