"""Record real batch answers, and time a round trip: export -> a real engine -> import.

    pip install -e '.[local,record,test]'
    python scripts/record_batch_answers.py

Starts ``python -m llama_cpp.server`` with the embedded model on loopback, then
runs the three steps as a user would, each timed:

1. ``summarize batch export ARTICLES -o requests.jsonl`` (the requests ``summarize`` sends);
2. ``scripts/answer_batch_file.py``: the server answers the file line by line in
   OpenAI's batch output format (what vLLM's ``run-batch`` writes);
3. ``summarize batch import requests.jsonl results.jsonl``: every answer checked
   as a live one, invalid ones re-run live against the same server.

The requests and the server's answers are kept in ``cassettes/batch/``: the
test suite's Files and Batches server (``tests/batch_server.py``) answers each
request line with the recorded answer to the same body. The figures are printed
as JSON at the end (they go in ``docs/scaling.md``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from summarizer.backends.local import default_threads
from summarizer.config import Settings
from summarizer.embedded import ensure_model_file, get_embedded

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from answer_batch_file import run as answer_file  # noqa: E402
from record_cassettes import wait_until_up  # noqa: E402

HOST = "127.0.0.1"
KEY = "sk-recording-placeholder-0000"
ARTICLES = [
    "tests/data/seeds/000_a327f4888d7bd40a.txt",
    "tests/data/seeds/002_2e835eaa5bfad6b5.txt",
    "tests/data/eval/17_estria_inflation_steady.txt",
    "tests/data/eval/09_brackenfield_profit_warning.txt",
    "tests/data/eval/03_estria_central_bank_hold.txt",
]
KEPT = ROOT / "cassettes" / "batch"


def summarize(*args: str, env: dict[str, str], cwd: Path) -> tuple[int, float, str]:
    """Run the command line as a user does; its exit code, seconds and stderr."""
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", "from summarizer.cli import main; main()", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)
    return done.returncode, round(time.monotonic() - started, 2), done.stderr


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="qwen2.5-1.5b", help="embedded model to serve")
    parser.add_argument("--port", type=int, default=8791)
    parser.add_argument("articles", nargs="*", default=ARTICLES)
    args = parser.parse_args()
    model_file = ensure_model_file(get_embedded(args.model), Settings.resolve().models_dir)
    threads = str(default_threads())
    base_url = f"http://{HOST}:{args.port}/v1"
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(model_file), "--model_alias", args.model,
               "--host", HOST, "--port", str(args.port), "--n_ctx", "8192", "--seed", "0",
               "--n_threads", threads, "--n_threads_batch", threads]
    print("starting:", " ".join(command), flush=True)
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_up(f"{base_url}/models", server)
        with tempfile.TemporaryDirectory() as folder:
            work = Path(folder)
            env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
            env.update({"OPENAI_BASE_URL": base_url, "OPENAI_API_KEY": KEY, "SUMMARIZER_MODEL": args.model,
                        "SUMMARIZER_CACHE_DIR": str(work / "cache"), "SUMMARIZER_LOG_DB": str(work / "runs.db")})
            articles = [str(ROOT / a) for a in args.articles]
            code, export_s, err = summarize("batch", "export", *articles, "-o", "requests.jsonl", env=env, cwd=work)
            print(err, end="", flush=True)
            if code:
                return code
            engine = answer_file(work / "requests.jsonl", work / "results.jsonl", base_url)
            code, import_s, err = summarize("batch", "import", "requests.jsonl", "results.jsonl", "-o", "out.jsonl",
                                            "--usage", env=env, cwd=work)
            print(err, end="", flush=True)
            results = [json.loads(line) for line in (work / "out.jsonl").read_text(encoding="utf-8").splitlines()]
            KEPT.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(work / "requests.jsonl", KEPT / "requests.jsonl")
            shutil.copyfile(work / "results.jsonl", KEPT / "results.jsonl")
        figures = {"articles": len(articles), "export_seconds": export_s, "engine": engine,
                   "import_seconds": import_s, "import_exit": code, "results_ok": sum(r["ok"] for r in results),
                   "results_failed": sum(not r["ok"] for r in results)}
        print(json.dumps(figures), flush=True)
        return code
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
