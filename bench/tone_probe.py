"""Read the embedded model's tone odds for every article of some eval folders, for ``bench/tone_train.py``.

    python bench/tone_probe.py OUT.jsonl FOLDER... [--set-name-depth 2]

Each ``NAME.txt`` with a ``NAME.gold.json`` that has a ``sentiment`` is cleaned and sent to the embedded default
as ``summarize`` would send it; the reading (``summarizer/backends/tone_probe.py``) is taken on the backend's own
messages, and the article stops there, before any answer is written (about 6 s an article on 2 cores). One JSON line
per article: its set (the folder's last ``--set-name-depth`` parts, or ``eval`` for tests/data/eval), its name, the
gold label, ``good``, ``bad`` and ``outlook``. Only numbers and labels are written, never the article's text, so the
readings of pages that are not ours may be kept in the repository.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import summarizer  # noqa: E402
from summarizer.backends import local  # noqa: E402
from summarizer.backends.tone_probe import read_tone  # noqa: E402


class _Read(Exception):
    """Raised once the reading is taken: the answer is not needed."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out")
    parser.add_argument("folders", nargs="+")
    parser.add_argument("--set-name-depth", type=int, default=2)
    args = parser.parse_args()
    taken: dict[str, Any] = {}

    def reading_only(llama: Any, messages: list[dict[str, str]]) -> Any:
        taken["probe"] = read_tone(llama, messages)
        raise _Read

    local.read_tone = reading_only  # the backend asks through this name; nothing else changes
    with open(args.out, "a", encoding="utf-8") as out:
        for folder in map(Path, args.folders):
            name = "eval" if folder.resolve() == (ROOT / "tests" / "data" / "eval").resolve() else "/".join(
                folder.resolve().parts[-args.set_name_depth:])
            for path in sorted(folder.glob("*.txt")):
                gold_path = path.with_suffix(".gold.json")
                gold = json.loads(gold_path.read_text(encoding="utf-8")).get("sentiment") if gold_path.exists() else ""
                if not gold:
                    continue
                taken.clear()
                with contextlib.suppress(Exception):  # the reading raised _Read (wrapped or not), or the article failed
                    summarizer.summarize_file(path, use_cache=False)
                probe = taken.get("probe")
                if probe is None or probe.reading.outlook is None:
                    print(f"{path.name}: no reading", file=sys.stderr)
                    continue
                reading = probe.reading
                row = {"set": name, "name": path.stem, "gold": gold, "good": round(reading.good, 6),
                       "bad": round(reading.bad, 6), "outlook": [round(p, 6) for p in reading.outlook]}
                out.write(json.dumps(row) + "\n")
                out.flush()
                print(f"{name} {path.stem}: gold {gold}, read {reading.label}", file=sys.stderr)


if __name__ == "__main__":
    main()
