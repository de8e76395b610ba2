"""Check that a change leaves the cleaner's output identical: save every result before, compare after.

    python bench/clean_identity.py save SNAPSHOT.json FOLDER...
    python bench/clean_identity.py check SNAPSHOT.json FOLDER...

Cleans every ``.txt`` under the folders (recursively) and the bench corpora of
``bench/clean_throughput.py`` (1 MB of each, the numbers varied as there), and compares the whole result:
text, title, date, site and every removed span with its reason and offsets. Only names of files that
differ are printed, never their text, so it can run on held-out sets too. Keep the snapshot outside the
repository when the folders' text is not ours.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from clean_throughput import MB, corpus

from summarizer.cleaning import clean


def _result(text: str) -> str:
    article = clean(text)
    return json.dumps(article.model_dump(exclude={"stats", "notes"}), ensure_ascii=False, sort_keys=True)


def results(folders: list[Path]) -> dict[str, str]:
    """A digest of each input's whole result, by file path (bench corpora by their place in the corpus)."""
    out = {}
    for folder in folders:
        for path in sorted(folder.rglob("*.txt")):
            out[str(path)] = hashlib.sha256(_result(path.read_text(encoding="utf-8")).encode()).hexdigest()
    for name, pattern in (("seeds", "seeds"), ("dense", "[ce]*")):
        for index, text in enumerate(corpus(MB, pattern)):
            out[f"corpus:{name}:{index}"] = hashlib.sha256(_result(text).encode()).hexdigest()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=("save", "check"))
    parser.add_argument("snapshot", type=Path)
    parser.add_argument("folders", nargs="+", type=Path)
    args = parser.parse_args()
    now = results(args.folders)
    if args.action == "save":
        args.snapshot.write_text(json.dumps(now, indent=0), encoding="utf-8")
        print(f"saved {len(now)} results")
        return
    before = json.loads(args.snapshot.read_text(encoding="utf-8"))
    differ = sorted(name for name in before if now.get(name) != before[name])
    missing = sorted(set(now) - set(before))
    extra = f", {len(missing)} not in the snapshot" if missing else ""
    print(f"{len(before)} compared, {len(differ)} differ{extra}")
    for name in differ:
        print(f"  {name}")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
