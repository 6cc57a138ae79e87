"""Cases against a real HTTP server on 127.0.0.1, run in the case's process."""

from __future__ import annotations

from typing import Any

from tests.feedserver import FeedServer, Route, rss, send, serving
from tests.hostile.cases_app import notes, refresh_in_app
from tests.hostile.cases_cli import cli

FEED = rss("Harbour Live", [("h1", "Ferry news", "<p>The ferry runs.</p>")])


def _churning(items: int) -> Route:
    """A feed whose every entry has a new guid on every request."""
    served = [0]

    def route(handler: Any) -> None:
        served[0] += 1
        entries = [(f"r{served[0]}-{n}", f"Item {n}", "<p>x</p>") for n in range(items)]
        send(handler, 200, rss("Churn", entries))

    return route


def _route(spec: dict[str, Any]) -> Route:
    """A route from a JSON description: status, body ("feed" or text) and headers."""
    if "churn" in spec:
        return _churning(int(spec["churn"]))
    body = FEED if spec.get("body", "feed") == "feed" else str(spec["body"]).encode()
    status, headers = int(spec.get("status", 200)), dict(spec.get("headers", {}))
    return lambda handler: send(handler, status, body, headers=headers)


def _server(routes: dict[str, dict[str, Any]]) -> tuple[FeedServer, Any]:
    serving_routes = serving({path: _route(spec) for path, spec in routes.items()})
    return next(serving_routes), serving_routes


def cli_against(routes: dict[str, dict[str, Any]], commands: list[list[str]]) -> dict[str, Any]:
    """Serve `routes`, then run `commands`, where `{base}` is the server's `127.0.0.1:PORT`."""
    server, running = _server(routes)
    base = f"127.0.0.1:{server.port}"
    try:
        reports = cli([[part.replace("{base}", base) for part in command] for command in commands])
    finally:
        running.close()
    return {"base": base, "reports": reports}


def app_against(routes: dict[str, dict[str, Any]], urls: list[str]) -> dict[str, Any]:
    """Serve `routes`, subscribe to `urls` (`{base}` filled in) and refresh in the app."""
    server, running = _server(routes)
    base = f"127.0.0.1:{server.port}"
    try:
        result = refresh_in_app([url.replace("{base}", base) for url in urls])
    finally:
        running.close()
    return {"base": base, **result}


__all__ = ["app_against", "cli_against", "notes"]


def refresh_with_a_parser_bug(feeds: int) -> dict[str, Any]:
    """`feeds` feeds refreshed through the parse pool; the parser raises on one of them."""
    from concurrent.futures import ThreadPoolExecutor

    from newsreader import processes
    from newsreader.sources import refresh

    real_read = refresh.read_feed

    def parse(body: bytes, source: Any) -> Any:
        if b"BREAKME" in body:
            raise ValueError("the parser's own bug")
        return real_read(body, source)

    refresh.read_feed = parse  # type: ignore[assignment]
    # Spawned processes would not see the patch: threads stand in for them here.
    processes.process_pool = lambda workers=None: ThreadPoolExecutor(2)  # type: ignore[assignment]
    routes = {f"/f{n}": {} for n in range(feeds - 1)}
    broken = rss("Broken", [("b1", "BREAKME", "<p>x</p>")])
    server, running = _server(routes)
    server.routes["/broken"] = lambda handler: send(handler, 200, broken)
    base = f"127.0.0.1:{server.port}"
    commands = [["add", f"http://{base}{path}"] for path in [*routes, "/broken"]]
    try:
        reports = cli([*commands, ["refresh"]])
    finally:
        running.close()
    return {"refresh": reports[-1]}
