"""Fixtures for sync tests: the real FreshRSS (one per session) and a loopback feed server."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests import freshrss
from tests.feedserver import FeedServer, rss, serving, static


@pytest.fixture(scope="session")
def freshrss_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[freshrss.FreshRSS]:
    """One running FreshRSS for the whole session (skips, saying why, when it cannot run)."""
    reason = freshrss.unavailable_reason()
    if reason is not None:
        pytest.skip(reason)
    scratch = tmp_path_factory.mktemp("freshrss")
    server = freshrss.start(freshrss.unpacked_source(scratch), scratch)
    yield server
    server.remove()


@pytest.fixture(scope="session")
def feeds() -> Iterator[FeedServer]:
    """The loopback feed server FreshRSS subscribes to (routes added by each test)."""
    yield from serving({})


@dataclass
class Account:
    """A fresh FreshRSS user and where its config, database and feeds are."""

    server: freshrss.FreshRSS
    username: str
    password: str
    password_file: Path
    feeds: FeedServer

    @property
    def url(self) -> str:
        """The API's base URL."""
        return self.server.api_url


@pytest.fixture
def account(freshrss_server: freshrss.FreshRSS, feeds: FeedServer, tmp_path: Path) -> Account:
    """A user of its own on the shared server, its password in a file (mode 600)."""
    username, password = freshrss_server.new_account()
    password_file = tmp_path / "rss-pass"
    password_file.write_text(password + "\n")
    password_file.chmod(0o600)
    return Account(freshrss_server, username, password, password_file, feeds)


def add_feed(server: FeedServer, path: str, title: str, count: int, first: int = 0) -> str:
    """Serve an RSS feed of `count` items at `path`; returns its URL."""
    items = [
        (f"{path}-{n}", f"{title} & item {n}", f"<p>Body of {title} {n}. “Yes,” said Ann Lee.</p>")
        for n in range(first, first + count)
    ]
    server.routes[path] = static(rss(title, items))
    return server.url(path)
