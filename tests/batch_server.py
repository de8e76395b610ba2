"""OpenAI's Files and Batches endpoints on loopback, answering with real recorded model output.

It follows the API reference for what summarizer uses: ``POST /v1/files``
(multipart, purpose ``batch``), ``GET /v1/files/{id}`` and ``/content``,
``POST /v1/batches``, ``GET /v1/batches/{id}``, ``POST /v1/batches/{id}/cancel``,
with the reference's objects (``file``, ``batch`` with ``request_counts``,
``output_file_id``, ``error_file_id``) and line formats. A batch moves on one
step each time it is retrieved: ``validating``, ``in_progress``, then
``completed`` (or ``expired`` / ``cancelled``). ``POST /v1/chat/completions``
answers live calls (the re-runs) the same way.

Every answer is real: ``cassettes/batch/results.jsonl``, recorded by
``scripts/record_batch_answers.py`` from ``python -m llama_cpp.server`` for the
request bodies in ``cassettes/batch/requests.jsonl``; a request is answered with
the recorded answer to the same body. Faults are chosen per request line by
``plan(custom_id)``: ``"ok"``, ``"fail"`` (an error-file line with HTTP 500),
``"other"`` (another article's real answer: a valid answer to the wrong
question); ``expire_after`` ends the batch as expired after that many lines,
``refuse_upload`` answers uploads with that status, ``refuse_batch`` fails the
batch's validation with that message.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import threading
import time
from collections.abc import Callable
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

RECORDED = Path(__file__).resolve().parent.parent / "cassettes" / "batch"
KEY = "sk-batch-test-key-0123456789abcdef"


def body_hash(body: Any) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def recorded_answers() -> dict[str, dict[str, Any]]:
    """The recorded response (status code and body) to each recorded request body, by the body's hash."""
    requests = {}
    for line in (RECORDED / "requests.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        requests[row["custom_id"]] = row["body"]
    answers = {}
    for line in (RECORDED / "results.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        answers[body_hash(requests[row["custom_id"]])] = row["response"]
    return answers


class Handler(BaseHTTPRequestHandler):
    server: BatchServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_json(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        self.send_bytes(status, json.dumps(body).encode(), "application/json", headers)

    def send_bytes(self, status: int, data: bytes, kind: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def error(self, status: int, message: str, code: str | None = None, headers: dict[str, str] | None = None) -> None:
        self.send_json(status, {"error": {"message": message, "type": "invalid_request_error", "param": None,
                                          "code": code}}, headers)

    def authorized(self) -> bool:
        given = self.headers.get("Authorization", "")
        self.server.keys_seen.append(given)
        if given != f"Bearer {self.server.key}":
            shown = given.removeprefix("Bearer ")
            self.error(401, f"Incorrect API key provided: {shown}. You can find your API key at "
                            "https://platform.openai.com/account/api-keys.", "invalid_api_key")
            return False
        return True

    def read_body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def do_GET(self) -> None:
        if not self.authorized():
            return
        parts = self.path.strip("/").split("/")
        with self.server.lock:
            if parts[:2] == ["v1", "files"] and len(parts) == 4 and parts[3] == "content":
                self.server.downloads.append(parts[2])
                stored = self.server.files.get(parts[2])
                if stored is None:
                    return self.error(404, f"No such File object: {parts[2]}")
                return self.send_bytes(200, stored["data"], "application/octet-stream")
            if parts[:2] == ["v1", "files"] and len(parts) == 3 and parts[2] in self.server.files:
                return self.send_json(200, self.server.files[parts[2]]["object"])
            if parts[:2] == ["v1", "batches"] and len(parts) == 3 and parts[2] in self.server.batches:
                return self.send_json(200, self.server.advance(parts[2]))
        self.error(404, f"Invalid URL (GET {self.path})")

    def do_POST(self) -> None:
        if not self.authorized():
            return
        data = self.read_body()
        parts = self.path.strip("/").split("/")
        if parts == ["v1", "files"]:
            return self.upload(data)
        if parts == ["v1", "chat", "completions"]:
            response = self.server.answer(json.loads(data))
            return self.send_json(response["status_code"], response["body"])
        with self.server.lock:
            if parts == ["v1", "batches"]:
                return self.create(json.loads(data))
            if parts[:2] == ["v1", "batches"] and len(parts) == 4 and parts[3] == "cancel" \
                    and parts[2] in self.server.batches:
                batch = self.server.batches[parts[2]]
                if batch["status"] in ("validating", "in_progress"):
                    batch["status"] = "cancelling"
                    batch["cancelling_at"] = int(time.time())
                return self.send_json(200, batch)
        self.error(404, f"Invalid URL (POST {self.path})")

    def upload(self, data: bytes) -> None:
        refusal = self.server.refuse_upload
        if refusal is not None:
            self.server.refused += 1
            return self.error(refusal, f"Rate limit reached for requests with key {self.server.key}; try again",
                              "rate_limit_exceeded", {"Retry-After": "2"}) if refusal == 429 \
                else self.error(refusal, "upload refused")
        message = BytesParser(policy=HTTP).parsebytes(
            f"Content-Type: {self.headers['Content-Type']}\r\n\r\n".encode() + data)
        fields = {part.get_param("name", header="content-disposition"): part for part in message.iter_parts()}
        purpose = fields["purpose"].get_content().strip()
        upload = fields["file"]
        content = upload.get_payload(decode=True)
        if purpose != "batch":
            return self.error(400, f"purpose must be batch, got {purpose}")
        with self.server.lock:
            file_id = f"file-{next(self.server.ids)}"
            obj = {"id": file_id, "object": "file", "bytes": len(content), "created_at": int(time.time()),
                   "filename": upload.get_filename(), "purpose": purpose, "status": "processed"}
            self.server.files[file_id] = {"object": obj, "data": content}
        self.send_json(200, obj)

    def create(self, params: dict[str, Any]) -> None:
        stored = self.server.files.get(params.get("input_file_id", ""))
        if stored is None:
            return self.error(400, f"Invalid 'input_file_id': {params.get('input_file_id')}")
        if params.get("completion_window") != "24h" or params.get("endpoint") != "/v1/chat/completions":
            return self.error(400, "completion_window must be 24h and endpoint /v1/chat/completions here")
        lines = [json.loads(line) for line in stored["data"].decode().splitlines() if line.strip()]
        batch_id = f"batch_{next(self.server.ids)}"
        now = int(time.time())
        batch = {"id": batch_id, "object": "batch", "endpoint": params["endpoint"], "errors": None,
                 "input_file_id": params["input_file_id"], "completion_window": "24h", "status": "validating",
                 "output_file_id": None, "error_file_id": None, "created_at": now, "in_progress_at": None,
                 "expires_at": now + 86400, "finalizing_at": None, "completed_at": None, "failed_at": None,
                 "expired_at": None, "cancelling_at": None, "cancelled_at": None,
                 "request_counts": {"total": len(lines), "completed": 0, "failed": 0},
                 "metadata": params.get("metadata")}
        self.server.batches[batch_id] = batch
        self.server.lines[batch_id] = lines
        self.server.created.append(params)
        self.send_json(200, batch)


class BatchServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, plan: Callable[[str], str] | None = None, expire_after: int | None = None) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.key = KEY
        self.plan = plan or (lambda custom_id: "ok")
        self.expire_after = expire_after
        self.cancel_done = 0  # lines a cancelled batch had finished
        self.refuse_upload: int | None = None
        self.refuse_batch: str | None = None  # the message of a batch that fails validation
        self.refused = 0
        self.answers = recorded_answers()
        self.files: dict[str, dict[str, Any]] = {}
        self.batches: dict[str, dict[str, Any]] = {}
        self.lines: dict[str, list[dict[str, Any]]] = {}
        self.created: list[dict[str, Any]] = []
        self.downloads: list[str] = []
        self.keys_seen: list[str] = []
        self.live: list[dict[str, Any]] = []
        self.ids = itertools.count(1)
        self.lock = threading.RLock()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"

    def answer(self, body: dict[str, Any]) -> dict[str, Any]:
        """A live call's answer (``POST /v1/chat/completions``), kept in ``live``."""
        self.live.append(body)
        return self.recorded(body)

    def recorded(self, body: dict[str, Any]) -> dict[str, Any]:
        """The recorded response to ``body``: the model's real answer, or a loud 404 for a body never recorded."""
        found = self.answers.get(body_hash(body))
        if found is None:
            return {"status_code": 404, "body": {"error": {"message": "no recorded answer for this request body; "
                                                           "re-record with scripts/record_batch_answers.py"}}}
        return found

    def advance(self, batch_id: str) -> dict[str, Any]:
        """One step of the batch's life, each time it is retrieved."""
        batch = self.batches[batch_id]
        now = int(time.time())
        if batch["status"] == "validating" and self.refuse_batch:
            batch["status"], batch["failed_at"] = "failed", now
            batch["errors"] = {"object": "list", "data": [{"code": "invalid_request", "line": 1, "param": "body",
                                                           "message": self.refuse_batch}]}
        elif batch["status"] == "validating":
            batch["status"], batch["in_progress_at"] = "in_progress", now
        elif batch["status"] == "in_progress":
            self._run(batch, self.lines[batch_id], self.expire_after)
        elif batch["status"] == "cancelling":
            self._run(batch, self.lines[batch_id], self.cancel_done, ended="cancelled")
        return batch

    def _run(self, batch: dict[str, Any], lines: list[dict[str, Any]], stop: int | None,
             ended: str | None = None) -> None:
        outputs, errors = [], []
        answered = lines[:stop] if stop is not None else lines
        bodies = [line["body"] for line in lines]
        for number, line in enumerate(lines):
            row = {"id": f"batch_req_{number}", "custom_id": line["custom_id"]}
            if line not in answered:
                code = "batch_cancelled" if ended == "cancelled" else "batch_expired"
                errors.append({**row, "response": None, "error": {
                    "code": code, "message": "This request could not be executed before the completion window "
                                             "expired." if code == "batch_expired" else "The batch was cancelled."}})
                continue
            fault = self.plan(line["custom_id"])
            if fault == "fail":
                errors.append({**row, "response": {"status_code": 500, "request_id": f"req_{number}", "body": {
                    "error": {"message": "The server had an error processing your request.",
                              "type": "server_error"}}}, "error": None})
                continue
            body = bodies[(number + 1) % len(bodies)] if fault == "other" else line["body"]
            response = self.recorded(body)
            target = outputs if response["status_code"] == 200 else errors
            target.append({**row, "response": {**response, "request_id": f"req_{number}"}, "error": None})
        batch["output_file_id"] = self._file(outputs, "output") if outputs else None
        batch["error_file_id"] = self._file(errors, "error") if errors else None
        batch["request_counts"] = {"total": len(lines), "completed": len(outputs), "failed": len(errors)}
        status = ended or ("expired" if stop is not None and stop < len(lines) else "completed")
        batch["status"] = status
        batch[f"{status}_at"] = int(time.time())

    def _file(self, rows: list[dict[str, Any]], kind: str) -> str:
        file_id = f"file-{next(self.ids)}"
        data = "".join(json.dumps(row) + "\n" for row in rows).encode()
        self.files[file_id] = {"object": {"id": file_id, "object": "file", "bytes": len(data),
                                          "created_at": int(time.time()), "filename": f"batch_{kind}.jsonl",
                                          "purpose": "batch_output", "status": "processed"}, "data": data}
        return file_id

    def __enter__(self) -> BatchServer:
        threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()
