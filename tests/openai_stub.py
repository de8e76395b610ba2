"""A small OpenAI-compatible chat server on loopback, for tests and benchmarks.

It answers ``POST /v1/chat/completions`` with a valid ``Extraction`` tool call
built from the request itself (the first number the schema allows, fixed
sentences), after an optional fixed latency. ``behaviour`` lets a test replace
the answer for any request (see ``test_faults.py``). Real HTTP, real sockets:
the client under test cannot tell it from a model server.

The fault primitives below (``status``, ``not_json``, ``drop_mid_response``,
``hang``, ``answer_with``) are what ``behaviour`` hooks send instead.

Run it alone for benchmarks: ``python tests/openai_stub.py --port 8766 --latency 0.2``.
"""

from __future__ import annotations

import argparse
import json
import socket
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Behaviour = Callable[["StubHandler", dict[str, Any], int], bool]  # True: the behaviour answered


def tool_answer(request: dict[str, Any], label: str = "neutral") -> dict[str, Any]:
    """A ChatCompletion whose tool call fills the requested schema soundly."""
    schema = request["tools"][0]["function"]["parameters"]
    figures = []
    raw = _first_candidate(schema)
    if raw is not None:
        figures.append({"raw": raw, "label": "the first figure of the article"})
    arguments = {
        "summary": ["The article reports company news.", "It describes how the market reacted."],
        "key_figures": figures,
        "sentiment": {"label": label, "score": 0.0 if label == "neutral" else 0.5, "rationale": "company news"},
    }
    return completion_body(json.dumps(arguments))


def completion_body(arguments: str, finish_reason: str = "tool_calls", prompt_tokens: int = 120,
                    completion_tokens: int = 40) -> dict[str, Any]:
    return {
        "id": "chatcmpl-stub", "object": "chat.completion", "created": int(time.time()), "model": "stub-model",
        "choices": [{"index": 0, "finish_reason": finish_reason, "message": {
            "role": "assistant", "content": None,
            "tool_calls": [{"id": "call_1", "type": "function",
                            "function": {"name": "Extraction", "arguments": arguments}}]}}],
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                  "total_tokens": prompt_tokens + completion_tokens},
    }


def _first_candidate(schema: Any) -> str | None:
    """The first ``raw`` the schema's figure enum allows (the article's first number), if any."""
    if isinstance(schema, dict):
        raw = schema.get("properties", {}).get("raw") if isinstance(schema.get("properties"), dict) else None
        if isinstance(raw, dict) and raw.get("enum"):
            return str(raw["enum"][0])
        values = schema.values()
    elif isinstance(schema, list):
        values = schema
    else:
        return None
    for value in values:
        found = _first_candidate(value)
        if found is not None:
            return found
    return None


class StubHandler(BaseHTTPRequestHandler):
    server: StubServer
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body leave at once: no 40 ms delayed-ACK stall per answer

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def send_json(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        data = (body if isinstance(body, str) else json.dumps(body)).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        if self.path.rstrip("/").endswith("/models"):
            self.send_json(200, {"object": "list", "data": [{"id": "stub-model", "object": "model"}]})
        else:
            self.send_json(404, {"error": {"message": "not found"}})

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        request = json.loads(self.rfile.read(length) or b"{}")
        with self.server.lock:
            self.server.requests.append(request)
            self.server.headers.append(dict(self.headers))
            number = len(self.server.requests)
        if self.server.latency:
            time.sleep(self.server.latency)
        behaviour = self.server.behaviour
        if behaviour is not None and behaviour(self, request, number):
            return
        self.send_json(200, tool_answer(request))


# --- faults: what a misbehaving server sends instead of an answer ---------------------------------------


def status(handler: StubHandler, code: int, headers: dict[str, str] | None = None, message: str = "") -> None:
    """An HTTP error with an OpenAI-style error body."""
    handler.send_json(code, {"error": {"message": message or f"stub status {code}", "type": "stub"}}, headers)


def not_json(handler: StubHandler) -> None:
    """200 with an HTML page, as a proxy or a captive portal answers."""
    data = b"<html><body><h1>Service temporarily unavailable</h1></body></html>"
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Length", str(len(data)))
    handler.end_headers()
    handler.wfile.write(data)


def drop_mid_response(handler: StubHandler, request: dict[str, Any]) -> None:
    """Headers and half of a good answer, then the connection is closed."""
    data = json.dumps(tool_answer(request)).encode()
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(data)))
    handler.end_headers()
    handler.wfile.write(data[: len(data) // 2])
    handler.wfile.flush()
    handler.close_connection = True
    handler.connection.shutdown(socket.SHUT_RDWR)


def hang(handler: StubHandler, request: dict[str, Any], seconds: float) -> None:
    """Answer only after ``seconds``: longer than the client's timeout, it has gone by then."""
    time.sleep(seconds)
    handler.send_json(200, tool_answer(request))


def answer_with(handler: StubHandler, arguments: dict[str, Any] | str, finish_reason: str = "tool_calls") -> None:
    """200 with a tool call holding ``arguments``, sound or not."""
    text = arguments if isinstance(arguments, str) else json.dumps(arguments)
    handler.send_json(200, completion_body(text, finish_reason=finish_reason))


class StubServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256  # a batch of 32 jobs connects at once

    def __init__(self, port: int = 0, latency: float = 0.0, behaviour: Behaviour | None = None) -> None:
        super().__init__(("127.0.0.1", port), StubHandler)
        self.latency = latency
        self.behaviour = behaviour
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Quiet when the client hung up first (a hang past its timeout, a dropped connection)."""
        import sys

        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"

    def __enter__(self) -> StubServer:
        self._thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--latency", type=float, default=0.2, help="seconds before each answer")
    args = parser.parse_args()
    server = StubServer(args.port, args.latency)
    print(f"stub listening on {server.base_url} with {args.latency}s latency", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
