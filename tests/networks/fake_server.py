"""A real local HTTP server that replays recorded replies, for the adapters' tests.

The adapters run their real `requests` code path against it: sockets,
timeouts, headers, multipart bodies. Replies come from the recorded cassettes
in `tests/fixtures/` (or are written from the networks' documentation where
no recording exists, e.g. 429). Besides normal replies it can misbehave the
ways a real connection does: answer late, cut the body short, reset the
connection after reading the request.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
_HOP_HEADERS = {"content-length", "transfer-encoding", "content-encoding", "connection"}


@dataclass
class Reply:
    status: int = 200
    body: bytes = b"{}"
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "application/json"})
    delay_s: float = 0.0
    # "", "reset" (close after reading), "truncate" (short body),
    # "nolength" (no Content-Length: the body ends when the connection closes)
    misbehave: str = ""

    @classmethod
    def json(cls, value: Any, status: int = 200, **headers: str) -> Reply:
        merged = {"Content-Type": "application/json; charset=utf-8", **headers}
        return cls(status, json.dumps(value).encode(), merged)


@dataclass
class Seen:
    method: str
    path: str
    query: list[tuple[str, str]]
    headers: dict[str, str]
    body: bytes

    def form(self) -> list[tuple[str, str]]:
        return parse_qsl(self.body.decode(), keep_blank_values=True)

    def form_dict(self) -> dict[str, str]:
        return dict(self.form())


class FakeServer:
    """Routes `(METHOD, path)` to a queue of replies; the last reply repeats."""

    def __init__(self) -> None:
        self.routes: dict[tuple[str, str], list[Reply]] = {}
        self.seen: list[Seen] = []
        self._lock = threading.Lock()
        server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        server.daemon_threads = True
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> FakeServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    def route(self, method: str, path: str, *replies: Reply) -> None:
        with self._lock:
            self.routes[(method, path)] = list(replies)

    def replay(self, cassette: str, index: int, *, path: str | None = None) -> Reply:
        """Route the recorded interaction `index` of `cassette` and return its reply."""
        interaction = load_cassette(cassette)[index]
        request, response = interaction["request"], interaction["response"]
        split = urlsplit(request["uri"])
        route = path or split.path.rstrip("/")
        headers = {k: v for k, v in response["headers"].items() if k.lower() not in _HOP_HEADERS}
        reply = Reply(response["status"], response["body"].encode(), headers)
        self.route(request["method"], route, reply)
        return reply

    def requests_to(self, method: str, path: str) -> list[Seen]:
        return [s for s in self.seen if s.method == method and s.path == path]

    def _next(self, method: str, path: str) -> Reply:
        with self._lock:
            queue = self.routes.get((method, path))
            if not queue:
                return Reply.json({"error": f"no route {method} {path}"}, 404)
            return queue.pop(0) if len(queue) > 1 else queue[0]


def load_cassette(name: str) -> list[dict[str, Any]]:
    data = json.loads((FIXTURES / "mastodon" / f"{name}.json").read_text("utf-8"))
    interactions: list[dict[str, Any]] = data["interactions"]
    return interactions


def _handler(fake: FakeServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            split = urlsplit(self.path)
            fake.seen.append(
                Seen(
                    self.command,
                    split.path.rstrip("/") or "/",
                    parse_qsl(split.query, keep_blank_values=True),
                    dict(self.headers.items()),
                    body,
                )
            )
            reply = fake._next(self.command, split.path.rstrip("/") or "/")
            if reply.delay_s:
                time.sleep(reply.delay_s)
            if reply.misbehave == "reset":
                self.connection.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
                )
                self.close_connection = True
                self.connection.close()
                return
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            declared = len(reply.body) * (2 if reply.misbehave == "truncate" else 1)
            if reply.misbehave != "nolength":
                self.send_header("Content-Length", str(declared))
            if reply.misbehave in ("truncate", "nolength"):
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            self.wfile.write(reply.body)
            self.wfile.flush()

        do_GET = _serve  # noqa: N815 - http.server's names
        do_POST = _serve  # noqa: N815
        do_PUT = _serve  # noqa: N815
        do_DELETE = _serve  # noqa: N815

    return Handler


def free_port() -> int:
    """A port nobody listens on (bound for a moment, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port
