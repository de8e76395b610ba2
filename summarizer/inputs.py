"""What the command line's arguments mean as batch items.

* a folder: every article file directly inside it (``.txt``, ``.md``, ``.html``, ``.htm``), sorted;
* a ``.jsonl`` file: one article per line, ``{"text": ...}`` with an optional ``id``
  (or ``{"url": ...}`` / ``{"path": ...}``), or a bare JSON string;
* anything else (a file, an http(s) URL, ``-``): one article.

Each item is a mapping with an ``id`` (the name it is reported and resumed
under) and what ``summarizer.batch`` needs to summarize it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".text")


def expand(sources: tuple[str, ...] | list[str]) -> Iterator[dict[str, Any]]:
    """Batch items for command-line ``sources``, lazily (a JSONL file is read line by line)."""
    from .fetch import is_url

    for source in sources:
        path = Path(source)
        if source != "-" and not is_url(source) and path.is_dir():
            files = sorted(p for p in path.iterdir() if p.suffix.lower() in ARTICLE_SUFFIXES and p.is_file())
            if not files:
                yield {"id": source, "error": f"{source}: is a directory with no article files "
                                              f"({', '.join(ARTICLE_SUFFIXES)}); pass article files or another "
                                              "folder"}
            for file in files:
                yield {"id": str(file), "source": str(file)}
        elif path.suffix.lower() == ".jsonl" and not is_url(source):
            yield from _jsonl(path)
        else:
            yield {"id": source, "source": source}


def _jsonl(path: Path) -> Iterator[dict[str, Any]]:
    try:
        handle = path.open(encoding="utf-8-sig")
    except OSError as exc:
        yield {"id": str(path), "error": f"{path}: cannot read ({exc.strerror}); check the path"}
        return
    with handle:
        number = 0
        while True:
            number += 1
            try:
                line = handle.readline()
            except UnicodeDecodeError:
                yield {"id": f"{path}:{number}", "error": f"{path}:{number}: not UTF-8; save the file as UTF-8"}
                return
            if not line:
                return
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                yield {"id": where, "error": f"{where}: not JSON ({exc.msg}); each line must be one JSON object"}
                continue
            if isinstance(row, str):
                yield {"id": where, "text": row}
            elif isinstance(row, dict) and any(isinstance(row.get(k), str) for k in ("text", "url", "path")):
                item = {k: row[k] for k in ("text", "url", "path") if isinstance(row.get(k), str)}
                item["id"] = str(row["id"]) if row.get("id") is not None else where
                if "text" not in item:
                    item["source"] = item.pop("url", None) or item.pop("path")
                yield item
            else:
                yield {"id": where, "error": f"{where}: needs a \"text\", \"url\" or \"path\" field"}
