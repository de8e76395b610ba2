"""Cleaning speed of this tree against another tree's cleaner, measured in pairs in one run.

    python bench/clean_pairs.py /path/to/other/tree [--pairs 8] [--mb 4]

The machine's speed drifts by a third between runs, so only pairs measured minutes apart are compared:
two long-lived worker processes, one per tree (``PYTHONPATH`` set to it), clean the same corpus in turn
(which one goes first alternates), each pass timed in process CPU time. The corpora are
``bench/clean_throughput.py``'s: the real seed articles and the noise-dense team articles, repeated with
varied numbers up to ``--mb``. Prints each tree's best MB/s and the median of the per-pair ratios
(this tree over the other).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from clean_throughput import MB, corpus

WORKER = """
import json, sys, time
from summarizer.cleaning import clean
docs = json.load(open(sys.argv[1], encoding="utf-8"))
for line in sys.stdin:
    started = time.process_time()
    for doc in docs:
        clean(doc)
    print(time.process_time() - started, flush=True)
"""


def _worker(tree: Path, corpus_file: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.Popen([sys.executable, "-c", WORKER, corpus_file], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, env=env, cwd=tree)


def _pass(worker: subprocess.Popen[str]) -> float:
    assert worker.stdin is not None and worker.stdout is not None
    worker.stdin.write("go\n")
    worker.stdin.flush()
    return float(worker.stdout.readline())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("other", type=Path)
    parser.add_argument("--pairs", type=int, default=8)
    parser.add_argument("--mb", type=float, default=4.0)
    args = parser.parse_args()
    here = Path(__file__).resolve().parent.parent
    for name, folders in (("real seed articles", "seeds"), ("noise-dense team articles", "[ce]*")):
        docs = corpus(int(args.mb * MB), folders)
        size = sum(len(doc.encode("utf-8")) for doc in docs) / MB
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as handle:
            json.dump(docs, handle)
        workers = (_worker(here, handle.name), _worker(args.other.resolve(), handle.name))
        try:
            _pass(workers[0]), _pass(workers[1])  # warm-up: imports, caches
            ratios, best = [], [float("inf"), float("inf")]
            for pair in range(args.pairs):
                order = (0, 1) if pair % 2 == 0 else (1, 0)
                seconds = [0.0, 0.0]
                for index in order:
                    seconds[index] = _pass(workers[index])
                    best[index] = min(best[index], seconds[index])
                ratios.append(seconds[1] / seconds[0])  # MB/s here over MB/s there
        finally:
            for worker in workers:
                worker.kill()
            os.unlink(handle.name)
        print(f"{name} ({size:.1f} MB, {args.pairs} pairs): this tree {size / best[0]:.1f} MB/s, other "
              f"{size / best[1]:.1f} MB/s (best passes); median ratio {statistics.median(ratios):.2f}x "
              f"(range {min(ratios):.2f}-{max(ratios):.2f})")


if __name__ == "__main__":
    main()
