"""A real threaded HTTP server on 127.0.0.1 for fetch and refresh tests.

Each route is a function that gets the request handler and writes a whole response, so a test
can serve anything a hostile or broken server would: stalls, slow bodies, gzip bombs, lies.
"""

from __future__ import annotations

import contextlib
import gzip
import sys
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Route = Callable[[BaseHTTPRequestHandler], None]


class _Server(ThreadingHTTPServer):
    request_queue_size = 128  # the stock 5 drops connections at 8 concurrent fetches
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request: object, client_address: object) -> None:
        """Clients that hang up early are what these tests do on purpose; anything else shows."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@dataclass
class FeedServer:
    """Serves `routes` by path; records every request's path and headers."""

    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    stopping: threading.Event = field(default_factory=threading.Event)
    port: int = 0

    def url(self, path: str) -> str:
        """The absolute URL of a path on this server."""
        return f"http://127.0.0.1:{self.port}{path}"

    def headers_for(self, path: str) -> list[dict[str, str]]:
        """The request headers of every request made to `path` (lower-case names)."""
        return [headers for seen, headers in self.requests if seen == path]


def _handler_class(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            headers = {name.lower(): value for name, value in self.headers.items()}
            server.requests.append((path, headers))
            route = server.routes.get(path)
            if route is None:
                send(self, 404, b"not found", "text/plain")
                return
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                route(self)

        def do_POST(self) -> None:
            """A form POST (an API's login or edit): the body is read, then routed as a GET."""
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(min(length, 1_000_000))
            self.do_GET()

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


def send(
    handler: BaseHTTPRequestHandler,
    status: int,
    body: bytes = b"",
    content_type: str = "application/rss+xml",
    headers: dict[str, str] | None = None,
) -> None:
    """Write a complete response with a Content-Length."""
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.end_headers()
    if body:
        handler.wfile.write(body)


def serving(routes: dict[str, Route] | None = None) -> Iterator[FeedServer]:
    """Run a server for the duration of a fixture (use with `yield from`)."""
    server = FeedServer(routes=routes or {})
    httpd = _Server(("127.0.0.1", 0), _handler_class(server))
    server.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.stopping.set()
        httpd.shutdown()
        httpd.server_close()


# ---------------------------------------------------------------------------------------------
# Documents and route makers


def rss(title: str, items: list[tuple[str, str, str]], extra: str = "") -> bytes:
    """An RSS 2.0 document; items are (guid, title, html description)."""
    from xml.sax.saxutils import escape

    entries = "".join(
        f"<item><guid>{escape(guid)}</guid><title>{escape(item_title)}</title>"
        f"<link>https://example.org/{escape(guid)}</link>"
        f"<description>{escape(body)}</description>"
        "<pubDate>Mon, 12 Oct 2026 10:00:00 GMT</pubDate></item>"
        for guid, item_title, body in items
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"{extra}><channel>'
        f"<title>{escape(title)}</title><link>https://example.org/</link>{entries}"
        "</channel></rss>"
    ).encode()


def static(body: bytes, content_type: str = "application/rss+xml", status: int = 200) -> Route:
    """A route that always answers with the same body."""
    return lambda handler: send(handler, status, body, content_type)


def with_validators(body: bytes, *, etag: str | None, last_modified: str | None) -> Route:
    """200 with validators, or 304 when the request sends matching ones."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        if etag and handler.headers.get("If-None-Match") == etag:
            send(handler, 304, headers={"ETag": etag})
            return
        if last_modified and handler.headers.get("If-Modified-Since") == last_modified:
            send(handler, 304)
            return
        headers = {"ETag": etag} if etag else {}
        if last_modified:
            headers["Last-Modified"] = last_modified
        send(handler, 200, body, headers=headers)

    return route


def redirect(status: int, target: str) -> Route:
    """A redirect to a path on the same server."""
    return lambda handler: send(handler, status, headers={"Location": target})


def stall(server: FeedServer) -> Route:
    """Accept the request and never answer (until the server stops)."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        server.stopping.wait(30)

    return route


def slow_loris(server: FeedServer) -> Route:
    """Headers at once, then one byte every half second, forever."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/rss+xml")
        handler.send_header("Content-Length", "1000000")
        handler.end_headers()
        while not server.stopping.is_set():
            handler.wfile.write(b" ")
            handler.wfile.flush()
            time.sleep(0.5)

    return route


def gzipped(body: bytes) -> Route:
    """The body gzip-compressed with Content-Encoding: gzip."""
    data = gzip.compress(body)
    return lambda handler: send(handler, 200, data, headers={"Content-Encoding": "gzip"})


def gzip_bomb(decoded_megabytes: int) -> Route:
    """A small gzip body that decompresses to `decoded_megabytes` of zeros."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b"\0" * (1024 * 1024)
    data = b"".join(compressor.compress(block) for _ in range(decoded_megabytes))
    data += compressor.flush()
    return lambda handler: send(handler, 200, data, headers={"Content-Encoding": "gzip"})


def endless(server: FeedServer) -> Route:
    """A chunked body that never ends: 64 KiB chunks as fast as the client reads."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/rss+xml")
        handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()
        chunk = b"<rss>" + b"x" * 65536
        while not server.stopping.is_set():
            handler.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))

    return route
