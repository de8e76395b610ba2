"""Cleaning throughput and how its cost grows with input size.

    python bench/clean_throughput.py

Builds inputs from the repository's articles repeated with varied numbers, then
times ``clean`` on one core (process CPU time):
1. 10 MB corpora cleaned article by article (MB/s): the three real scraped seed
   articles, and the team's noise-dense development and evaluation articles;
2. single inputs of 100 KB to 10 MB (with the related-stories headings taken
   out, so the whole input is read closely), to show the cost grows linearly.
   The garbage collector's share is shown apart: one call on 10 MB keeps about
   70,000 line objects and 35,000 removed spans alive, and Python's full
   collections, which walk every live object, start to show there.
Prints figures; it asserts nothing (speed is measured, not tested).
"""

from __future__ import annotations

import gc
import re
import time
from pathlib import Path

from summarizer._noise import TAIL_HEADING
from summarizer.cleaning import clean as clean_text

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
MB = 1024 * 1024


def articles(folders: str = "*") -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(DATA.glob(f"{folders}/*.txt"))]


def vary(text: str, n: int) -> str:
    """Change the numbers so repeated articles are not exact duplicates."""
    return re.sub(r"\d+", lambda m: str(int(m.group()) + n), text)


def corpus(size: int, folders: str = "*") -> list[str]:
    base, out, total, n = articles(folders), [], 0, 0
    while total < size:
        text = vary(base[n % len(base)], n)
        out.append(text)
        total += len(text.encode("utf-8"))
        n += 1
    return out


def best_of(runs: int, func, *args) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        started = time.process_time()  # CPU time of this process: one core, not disturbed by other work
        func(*args)
        times.append(time.process_time() - started)
    return min(times)


def timed(func, *args) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """CPU time of this process for one call, and the garbage collector's part of it."""
    collecting = [0.0, 0.0]  # started, total

    def collector(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collecting[0] = time.process_time()
        else:
            collecting[1] += time.process_time() - collecting[0]

    gc.callbacks.append(collector)
    try:
        started = time.process_time()
        func(*args)
        return time.process_time() - started, collecting[1]
    finally:
        gc.callbacks.remove(collector)


def main() -> None:
    for name, folders in (("real seed articles", "seeds"), ("noise-dense team articles", "[ce]*")):
        docs = corpus(10 * MB, folders)
        size = sum(len(d.encode("utf-8")) for d in docs)
        seconds = best_of(3, lambda ds: [clean_text(d) for d in ds], docs)
        print(f"{name}: {len(docs)} articles, {size / MB:.1f} MB in {seconds:.2f} s = {size / MB / seconds:.1f} MB/s")
    print("single input size -> seconds, MB/s, seconds per MB (of which in the garbage collector)")
    for target in (100 * 1024, 1 * MB, 3 * MB, 10 * MB):
        text = "\n\n".join(corpus(target))
        text = "\n".join(line for line in text.splitlines() if not TAIL_HEADING.match(line.strip()))
        mb = len(text.encode("utf-8")) / MB
        seconds, collecting = min(timed(clean_text, text) for _ in range(3 if mb < 5 else 1))
        print(f"  {mb:6.2f} MB -> {seconds:6.3f} s, {mb / seconds:5.1f} MB/s, {seconds / mb:.3f} s/MB"
              f" ({collecting / mb:.3f})")


if __name__ == "__main__":
    main()
