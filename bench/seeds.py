"""Run the embedded model on the seed articles and print time, tokens and the result.

    python bench/seeds.py [--model qwen2.5-1.5b] [FILE...]

Uses a fresh temporary cache so every article is really computed, then runs
each article a second time to show the cache-hit time.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

from summarizer import Settings, Summarizer, clean

SEEDS = sorted((Path(__file__).parent.parent / "tests" / "data" / "seeds").glob("*.txt"))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default=None)
    parser.add_argument("files", nargs="*", type=Path, default=SEEDS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache_dir:
        settings = Settings.resolve(backend="local", model=args.model, cache_dir=cache_dir)
        with Summarizer(settings) as summarizer:
            started = time.perf_counter()
            for path in args.files:
                text = path.read_text(encoding="utf-8")
                t0 = time.perf_counter()
                result = summarizer.summarize(text, source=path.name)
                cold = time.perf_counter() - t0
                t0 = time.perf_counter()
                again = summarizer.summarize(text, source=path.name)
                warm = time.perf_counter() - t0
                cleaned = clean(text).text
                grounded = all(cleaned[f.start:f.end] == f.raw for f in result.key_figures)
                print(json.dumps({
                    "file": path.name, "model": result.meta.model, "seconds": round(cold, 2),
                    "cache_hit_seconds": round(warm, 4), "cache_hit": again.meta.cached,
                    "prompt_tokens": result.meta.prompt_tokens, "completion_tokens": result.meta.completion_tokens,
                    "grounded": grounded,
                    "figures": [[f.raw, f.value, f.unit, f.kind, f.label, f.entity] for f in result.key_figures],
                    "sentiment": [result.sentiment.label, result.sentiment.score, result.sentiment.rationale],
                    "entities": [[e.name, e.label, e.evidence] for e in result.sentiment.entities],
                    "summary": result.summary, "warnings": result.meta.warnings,
                }, ensure_ascii=False), flush=True)
            print(json.dumps({"total_seconds": round(time.perf_counter() - started, 1),
                              "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
