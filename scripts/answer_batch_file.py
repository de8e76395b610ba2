"""Answer a batch requests file line by line with an OpenAI-compatible server: a tiny offline batch engine.

    python scripts/answer_batch_file.py requests.jsonl results.jsonl --base-url http://127.0.0.1:8791/v1

Each line of REQUESTS (OpenAI's batch input format, as ``summarize batch export``
writes it) is posted to BASE_URL as it is; each answer becomes one line of
RESULTS in OpenAI's batch output format, the format vLLM's ``run-batch`` writes:
``{"id", "custom_id", "response": {"status_code", "request_id", "body"}, "error"}``.
A request the server refuses keeps its status code and body; one that gets no
answer at all has ``error`` set. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any


def answer(line: dict[str, Any], base_url: str, timeout: float) -> dict[str, Any]:
    """The batch output line for one request line."""
    path = str(line["url"]).removeprefix("/v1")
    request = urllib.request.Request(base_url.rstrip("/") + path, data=json.dumps(line["body"]).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    number = f"{line['custom_id']}"
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status, body = response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        status, body = exc.code, _json_or_text(exc.read())
    except (OSError, ValueError) as exc:
        return {"id": f"batch_req_{number}", "custom_id": line["custom_id"], "response": None,
                "error": {"code": "engine_error", "message": f"{type(exc).__name__}: {exc}"}}
    return {"id": f"batch_req_{number}", "custom_id": line["custom_id"],
            "response": {"status_code": status, "request_id": f"req_{number}", "body": body}, "error": None}


def _json_or_text(data: bytes) -> Any:
    try:
        return json.loads(data)
    except ValueError:
        return {"error": {"message": data.decode("utf-8", "replace")[:500]}}


def run(requests: Path, results: Path, base_url: str, timeout: float = 600.0) -> dict[str, Any]:
    """Answer every line; counts and seconds."""
    started = time.monotonic()
    counts = {"requests": 0, "answered": 0, "failed": 0}
    with requests.open(encoding="utf-8") as source, results.open("w", encoding="utf-8") as sink:
        for text in source:
            if not text.strip():
                continue
            line = json.loads(text)
            began = time.monotonic()
            out = answer(line, base_url, timeout)
            ok = out["error"] is None and out["response"]["status_code"] == 200
            counts["requests"] += 1
            counts["answered" if ok else "failed"] += 1
            sink.write(json.dumps(out, ensure_ascii=False) + "\n")
            sink.flush()
            print(f"{line['custom_id']}: {'ok' if ok else 'failed'} in {time.monotonic() - began:.1f}s", flush=True)
    return {**counts, "seconds": round(time.monotonic() - started, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("requests", type=Path)
    parser.add_argument("results", type=Path)
    parser.add_argument("--base-url", required=True, help="the server's /v1 address")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per request")
    args = parser.parse_args()
    print(json.dumps(run(args.requests, args.results, args.base_url, args.timeout)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
