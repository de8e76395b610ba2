"""Batch benchmarks, side by side in one run, as ratios where a limit exists.

    python bench/batch.py [--skip-embedded] [--articles 256] [--cached 1000]

1. concurrency: 256 articles against a loopback stub answering after 200 ms, at
   --jobs 1, 8 and 32; wall time over the ideal n / jobs * latency (target <= 1.25
   at 32). Measured two ways: the batch inside one process (the library, after one
   warm-up request), and the whole ``summarize`` command, start-up included. Three
   runs at 8 and 32 jobs; the best is the figure (noise on a shared machine only
   adds time) and all three are printed.
2. warm cache: 1,000 cached articles through the CLI (target >= 500 articles/s).
3. start-up: ``summarize --help`` against ``python -c pass`` (target <= 0.25 s).
4. embedded overhead: ``Summarizer.summarize`` on a seed against llama-cpp-python
   replaying the very same requests (same messages, grammar, and the number of
   tokens our run generated) directly (target <= 10 %).
5. memory: peak RSS of the 256-article batch on the stub against one article
   (target <= 1.5x).
6. run history: the 256-article batch at --jobs 32, whole command, with the
   history on and with --no-log, alternated five times (target: no measurable
   difference).

Every run logs to a run history in the temporary folder, never the user's.

The stub runs in its own process so it does not share the client's core.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "tests" / "data" / "seeds").glob("*.txt"))
STUB = ROOT / "tests" / "openai_stub.py"
LATENCY = 0.2


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def make_articles(folder: Path, n: int) -> list[Path]:
    """``n`` articles that stay distinct after cleaning: the seeds in turn, each with a paragraph of its own.

    The paragraph goes second: at the end it would fall into a seed's "You May Also Like" tail and be
    cleaned away, leaving copies of the same article (and their schemas) in the batch.
    """
    folder.mkdir(parents=True, exist_ok=True)
    seeds = [p.read_text(encoding="utf-8") for p in SEEDS]
    paths = []
    for i in range(n):
        lead, _, rest = seeds[i % len(seeds)].partition("\n")
        own = (f"Analysts at firm {i} raised their target by {i % 40 + 1}% on the report, "
               f"citing {i + 3} new contracts.")
        path = folder / f"article_{i:04d}.txt"
        path.write_text(f"{lead}\n\n{own}\n\n{rest}", encoding="utf-8")
        paths.append(path)
    return paths


def start_stub(port: int) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen([sys.executable, str(STUB), "--port", str(port), "--latency", str(LATENCY)],
                            stdout=subprocess.PIPE)
    assert proc.stdout is not None
    proc.stdout.readline()  # "stub listening on ..."
    return proc


def cli_env(base_url: str, cache_dir: Path) -> dict[str, str]:
    return {**os.environ, "OPENAI_BASE_URL": base_url, "SUMMARIZER_MODEL": "stub-model",
            "SUMMARIZER_BACKEND": "openai", "SUMMARIZER_CACHE_DIR": str(cache_dir),
            "SUMMARIZER_LOG_DB": str(cache_dir.parent / "runs.db")}


def run_measured(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of a child process."""
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a full pipe would block the child
        started = time.perf_counter()
        proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            raise SystemExit(f"{' '.join(args[3:])} failed: {errors.read().decode()[-500:]}")
    return wall, usage.ru_maxrss / 1024


def summarize_cmd() -> list[str]:
    return [sys.executable, "-c", "from summarizer.cli import main; main()"]


def concurrency(paths: list[Path], base_url: str, tmp: Path) -> list[tuple[int, float, list[float], list[float]]]:
    """Wall times in process and for the whole command; three runs each at 8 and 32 jobs (one at 1: 50 s)."""
    from summarizer import Summarizer

    rows = []
    texts = [p.read_text(encoding="utf-8") for p in paths]
    for jobs in (1, 8, 32):
        ideal = len(paths) / jobs * LATENCY
        runs = 1 if jobs == 1 else 3
        in_process = []
        with Summarizer(backend="openai", base_url=base_url, model="stub-model", use_cache=False,
                        log_db=tmp / "runs.db") as summarizer:
            list(summarizer.summarize_many(texts[:1], jobs=1))  # warm-up: imports, first connection
            for _ in range(runs):
                started = time.perf_counter()
                results = list(summarizer.summarize_many(texts, jobs=jobs))
                in_process.append(time.perf_counter() - started)
                assert all(r.ok for r in results), [str(r.error) for r in results if not r.ok][:3]
        command = [*summarize_cmd(), str(paths[0].parent), "-f", "jsonl", "--no-cache", "-j", str(jobs)]
        cli = [run_measured(command, cli_env(base_url, tmp / f"cache-{jobs}"))[0] for _ in range(runs)]
        rows.append((jobs, ideal, in_process, cli))
    return rows


def history_overhead(paths: list[Path], base_url: str, tmp: Path, rounds: int = 5) -> tuple[list[float],
                                                                                            list[float]]:
    """Whole-command wall times at -j 32 with the run history on and off, alternated."""
    command = [*summarize_cmd(), str(paths[0].parent), "-f", "jsonl", "--no-cache", "-j", "32"]
    on: list[float] = []
    off: list[float] = []
    for _ in range(rounds):
        on.append(run_measured(command, cli_env(base_url, tmp / "cache-log"))[0])
        off.append(run_measured([*command, "--no-log"], cli_env(base_url, tmp / "cache-log"))[0])
    return on, off


def spread(times: list[float], ideal: float) -> str:
    """The best run and its ratio to the ideal, then every run: a busy machine only ever adds time."""
    best = min(times)
    runs = "" if len(times) == 1 else " (runs: " + ", ".join(f"{t:.2f}" for t in times) + ")"
    return f"{best:.2f} s = {best / ideal:.2f}x{runs}"


def warm_cache(base_url: str, tmp: Path, n: int) -> tuple[float, float]:
    folder = tmp / "cached"
    make_articles(folder, n)
    env = cli_env(base_url, tmp / "cache-warm")
    run_measured([*summarize_cmd(), str(folder), "-f", "jsonl", "-j", "32"], env)  # fill the cache
    walls = [run_measured([*summarize_cmd(), str(folder), "-f", "jsonl"], env)[0] for _ in range(3)]
    wall = statistics.median(walls)
    return wall, n / wall


def startup() -> tuple[float, float]:
    def median_of(args: list[str]) -> float:
        times = []
        for _ in range(10):
            started = time.perf_counter()
            subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
            times.append(time.perf_counter() - started)
        return statistics.median(times)

    return median_of([*summarize_cmd(), "--help"]), median_of([sys.executable, "-c", "pass"])


def memory(paths: list[Path], base_url: str, tmp: Path) -> tuple[float, float]:
    _, one = run_measured([*summarize_cmd(), str(paths[0]), "--json", "--no-cache"], cli_env(base_url, tmp / "m1"))
    _, batch = run_measured([*summarize_cmd(), str(paths[0].parent), "-f", "jsonl", "--no-cache", "-j", "32"],
                            cli_env(base_url, tmp / "m2"))
    return one, batch


def embedded_overhead(seed: Path, rounds: int = 2) -> dict[str, float]:
    """Our pipeline against the same llama.cpp calls made directly, model loaded in both."""
    from summarizer import Summarizer

    calls: list[dict[str, object]] = []
    with Summarizer(backend="local", use_cache=False) as summarizer:
        text = seed.read_text(encoding="utf-8")
        summarizer.summarize(text)  # warm-up: loads the model at the context this article needs
        backend = summarizer.backend
        llama = backend._llama  # type: ignore[attr-defined]
        original = llama.create_chat_completion_openai_v1

        def recording(**kwargs: object) -> object:
            calls.append(kwargs)
            return original(**kwargs)

        ours_times: list[float] = []
        direct_times: list[float] = []
        generated = 0
        for _ in range(rounds):  # alternate, and keep each side's best: the machine may be busy meanwhile
            calls.clear()
            llama.create_chat_completion_openai_v1 = recording
            llama.reset()
            started = time.perf_counter()
            result = summarizer.summarize(text)
            ours_times.append(time.perf_counter() - started)
            llama.create_chat_completion_openai_v1 = original
            direct = 0.0
            generated = 0
            for kwargs in calls:
                llama.reset()  # no reuse of the previous prompt's cache, as in our run
                started = time.perf_counter()
                response = original(**kwargs)
                direct += time.perf_counter() - started
                generated += response.usage.completion_tokens
            direct_times.append(direct)
        ours, direct = min(ours_times), min(direct_times)
    return {"ours": ours, "direct": direct, "calls": len(calls), "tokens_ours": result.meta.completion_tokens,
            "tokens_direct": generated}


def main() -> int:
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[attr-defined]
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=256)
    parser.add_argument("--cached", type=int, default=1000)
    parser.add_argument("--skip-embedded", action="store_true")
    parser.add_argument("--embedded-only", action="store_true", help="only item 4")
    args = parser.parse_args()
    if args.embedded_only:
        print_embedded()
        return 0
    port = free_port()
    stub = start_stub(port)
    base_url = f"http://127.0.0.1:{port}/v1"
    try:
        with tempfile.TemporaryDirectory() as tmp_name:
            tmp = Path(tmp_name)
            paths = make_articles(tmp / "batch", args.articles)
            print(f"1. concurrency: {args.articles} articles, stub latency {LATENCY * 1000:.0f} ms; "
                  "wall time over the ideal n / jobs * latency (target <= 1.25 at -j 32), best run first")
            for jobs, ideal, in_process, cli in concurrency(paths, base_url, tmp):
                print(f"   -j {jobs:<2} ideal {ideal:.2f} s | in process {spread(in_process, ideal)} | "
                      f"whole command {spread(cli, ideal)}")
            wall, rate = warm_cache(base_url, tmp, args.cached)
            print(f"2. warm cache: {args.cached} cached articles through the CLI in {wall:.2f}s = "
                  f"{rate:.0f} articles/s (target >= 500)")
            helped, bare = startup()
            print(f"3. start-up: summarize --help {helped:.3f}s, python -c pass {bare:.3f}s, "
                  f"ratio {helped / bare:.1f}x (target <= 0.25 s)")
            one, batch = memory(paths, base_url, tmp)
            print(f"5. memory: peak RSS one article {one:.0f} MB, {args.articles}-article batch at -j 32 "
                  f"{batch:.0f} MB, ratio {batch / one:.2f} (target <= 1.5)")
            on, off = history_overhead(paths, base_url, tmp)
            ideal = args.articles / 32 * LATENCY
            print(f"6. run history at -j 32, whole command: logged {spread(on, ideal)} | --no-log "
                  f"{spread(off, ideal)} | medians {statistics.median(on):.2f} s vs {statistics.median(off):.2f} s, "
                  f"ratio {statistics.median(on) / statistics.median(off):.3f}")
    finally:
        stub.terminate()
    if not args.skip_embedded:
        print_embedded()
    return 0


def print_embedded() -> None:
    figures = embedded_overhead(SEEDS[1])
    overhead = figures["ours"] / figures["direct"] - 1
    print(f"4. embedded overhead on {SEEDS[1].name}: summarize {figures['ours']:.2f}s, llama-cpp-python "
          f"direct {figures['direct']:.2f}s for the same {figures['calls']:.0f} call(s) "
          f"({figures['tokens_ours']:.0f} vs {figures['tokens_direct']:.0f} completion tokens), best of 2 "
          f"each: overhead {overhead * 100:.1f}% (target <= 10%)")


if __name__ == "__main__":
    sys.exit(main())
