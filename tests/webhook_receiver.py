"""A webhook receiver on loopback for the digest tests: real HTTP, scripted answers, every request kept.

    with Receiver() as hook:
        hook.script = [(429, {"Retry-After": "7"}, b"rate_limited"), (200, {}, b"ok")]
        ... post to hook.url ...
        hook.requests  # [{"path", "headers", "body", "json"}, ...]

Once the script runs out it answers ``200 ok``, as Slack does. The URL's path
holds ``SECRET``, as a Slack webhook's does, so tests can look for it anywhere it
must not be.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

SECRET = "T0DIGEST/B0HOOK/xoxSecretToken42"

Answer = tuple[int, dict[str, str], bytes]


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        try:
            parsed = json.loads(body)
        except ValueError:
            parsed = None
        owner = self.server.owner
        with owner.lock:
            owner.requests.append({"path": self.path, "headers": dict(self.headers), "body": body, "json": parsed})
            status, headers, answer = owner.script.pop(0) if owner.script else (200, {}, b"ok")
        self.send_response(status)
        for name, value in {"Content-Type": "text/plain", **headers}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(ThreadingHTTPServer):
    owner: Receiver
    daemon_threads = True


class Receiver:
    def __init__(self) -> None:
        self.script: list[Answer] = []
        self.requests: list[dict[str, Any]] = []
        self.lock = threading.Lock()
        self.httpd = _Server(("127.0.0.1", 0), _Handler)
        self.httpd.owner = self
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/services/{SECRET}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def bodies(self) -> list[Any]:
        return [request["json"] for request in self.requests]

    def __enter__(self) -> Receiver:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
