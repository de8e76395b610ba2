"""The JSON schemas in ``schemas/``, generated from the pydantic models.

``python -m summarizer.schema`` rewrites the files; a test fails when the
committed files differ from what the models generate.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .drafts import Extraction
from .models import Summary

SCHEMA_FILES: dict[str, type[BaseModel]] = {"summary.schema.json": Summary, "extraction.schema.json": Extraction}


def summary_schema() -> dict[str, Any]:
    return Summary.model_json_schema()


def extraction_schema() -> dict[str, Any]:
    return Extraction.model_json_schema()


def render(name: str) -> str:
    return json.dumps(SCHEMA_FILES[name].model_json_schema(), indent=2, ensure_ascii=False) + "\n"


def write(folder: Path) -> list[Path]:
    written = []
    for name in SCHEMA_FILES:
        path = folder / name
        path.write_text(render(name), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("schemas")
    for path in write(target):
        print(path)
