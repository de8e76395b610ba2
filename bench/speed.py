"""The embedded model's speed per article, in reading units measured in the same run (issue 16).

    python bench/speed.py [--model NAME] [--threads N] [--grammar-cost] [FILE...]

The reading unit: the loaded model, on every core (or --threads), reads the first
1,500 tokens of seed 001 and writes 100 tokens (greedy, no grammar). Measured
with the same loaded model before the first article and after each one; an
article's ratio (target: at most 1.0) is its seconds over the smaller of the
units on either side of it: another process stealing a core slows a unit badly
(two threads on two cores wait for each other), and a slowed unit must never
make an article look cheap.

Each article is summarized once with the embedded default, no result cache.
One JSON line per article: wall seconds, prompt and completion tokens,
attempts, llama.cpp's prefill and decode tokens/s, the seconds spent outside
llama.cpp's evaluation (sampling, the grammar, instructor, Python), the units
before and after it (and the faster one's prefill and decode tokens/s) and the
ratio.

--grammar-cost: for the first article, the request the summary sent, run again
as a plain completion under the backend's JSON grammar checked over the whole
vocabulary at each step (llama-cpp-python's ``grammar=``), under the same grammar
checked on the best token first (``GreedyGrammar``, what the backend uses), and
without a grammar for as many tokens: decode tokens/s of each, and whether the
two grammar runs wrote the same text.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summarizer import Settings, Summarizer
from summarizer.backends.local import Generation, LocalBackend, schema_grammar_text

if TYPE_CHECKING:
    from summarizer.backends import ExtractionOutcome, ExtractionRequest

SEEDS = sorted((Path(__file__).parent.parent / "tests" / "data" / "seeds").glob("*.txt"))
UNIT_SEED = next(path for path in SEEDS if path.name.startswith("001"))
UNIT_READ, UNIT_WRITE = 1500, 100


class RecordingBackend(LocalBackend):
    """The local backend, keeping the requests it was sent."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.requests: list[ExtractionRequest] = []

    def extract(self, request: ExtractionRequest) -> ExtractionOutcome:
        self.requests.append(request)
        return super().extract(request)


def reading_unit(backend: LocalBackend, unit_text: str) -> Generation:
    return backend.generate(unit_text, prompt_tokens=UNIT_READ, max_tokens=UNIT_WRITE)


def chat_text(messages: list[dict[str, str]]) -> str:
    """The Qwen chat template (ChatML with a default system message), as llama-cpp-python writes it."""
    from llama_cpp.llama_chat_format import format_qwen

    return format_qwen(messages).prompt  # type: ignore[arg-type]


def grammar_cost(backend: RecordingBackend) -> dict[str, Any]:
    request = backend.requests[0]
    prompt = chat_text(request.messages)
    grammar = schema_grammar_text(request.schema())
    full = backend.generate(prompt, special=True, max_tokens=backend.settings.max_tokens, grammar=grammar,
                            full_grammar=True)
    greedy = backend.generate(prompt, special=True, max_tokens=backend.settings.max_tokens, grammar=grammar)
    free = backend.generate(prompt, special=True, max_tokens=full.completion_tokens)
    figures: dict[str, Any] = {"grammar_cost_prompt_tokens": full.prompt_tokens}
    for name, run in (("full_grammar", full), ("greedy_grammar", greedy), ("no_grammar", free)):
        outside = run.seconds - run.timings.prompt_seconds - run.timings.decode_seconds
        figures[name] = {
            "tokens": run.completion_tokens, "seconds": round(run.seconds, 2),
            "decode_tps_wall": round(run.decode_per_second, 2),
            "decode_tps_llama": round(run.timings.decode_per_second, 2),
            "ms_per_token_outside_llama": round(1000 * outside / max(1, run.completion_tokens), 1),
        }
    figures["greedy_grammar_same_text"] = greedy.text == full.text
    return figures


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default=None)
    parser.add_argument("--threads", type=int, default=None, help="n_threads and n_threads_batch (default: all)")
    parser.add_argument("--grammar-cost", action="store_true")
    parser.add_argument("files", nargs="*", type=Path, default=SEEDS)
    args = parser.parse_args()
    unit_text = UNIT_SEED.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as cache_dir:
        settings = Settings.resolve(backend="local", model=args.model, cache_dir=cache_dir, use_cache=False,
                                    n_threads=args.threads)
        backend = RecordingBackend(settings)
        with Summarizer(settings, backend=backend) as summarizer:
            started = time.perf_counter()
            load = time.perf_counter()
            backend.count_tokens("")  # load the model (and check its file) outside the figures
            load = time.perf_counter() - load
            unit = reading_unit(backend, unit_text)
            for path in args.files:
                text = path.read_text(encoding="utf-8")
                backend.reset_eval_timings()
                t0 = time.perf_counter()
                result = summarizer.summarize(text, source=path.name)
                seconds = time.perf_counter() - t0
                timings = backend.eval_timings()
                before, unit = unit, reading_unit(backend, unit_text)
                fastest = min(before, unit, key=lambda run: run.seconds)
                meta = result.meta
                print(json.dumps({
                    "file": path.name, "model": meta.model, "threads": settings.n_threads or "all",
                    "seconds": round(seconds, 2), "prompt_tokens": meta.prompt_tokens,
                    "completion_tokens": meta.completion_tokens, "attempts": meta.requests,
                    "prefill_tps": round(timings.prefill_per_second, 1),
                    "decode_tps": round(timings.decode_per_second, 2),
                    "outside_llama_seconds": round(seconds - timings.prompt_seconds - timings.decode_seconds, 2),
                    "unit_seconds": [round(before.seconds, 2), round(unit.seconds, 2)],
                    "unit_prefill_tps": round(fastest.timings.prefill_per_second, 1),
                    "unit_decode_tps": round(fastest.timings.decode_per_second, 2),
                    "ratio": round(seconds / fastest.seconds, 2), "warnings": meta.warnings,
                }), flush=True)
            if args.grammar_cost and backend.requests:
                print(json.dumps({"file": args.files[0].name, **grammar_cost(backend)}), flush=True)
            print(json.dumps({"load_seconds": round(load, 2),
                              "total_seconds": round(time.perf_counter() - started, 1)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
