"""Pilot tests: `o` hands the article's link to the configured browser, or copies it."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from newsreader.config import Config
from newsreader.store import Store
from newsreader.ui.app import NewsReaderApp
from tests.ui.pilot_helpers import open_first

LINK = "https://example.test/news/bridge?id=7&x=$(id)"
FEED = f"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Harbour Gazette</title><link>https://example.test/</link>
<item><guid>b1</guid><title>Bridge reopens</title><link>{LINK.replace("&", "&amp;")}</link>
<description>The bridge reopens on Friday.</description></item>
</channel></rss>
"""


def fake_browser(folder: Path, name: str) -> Path:
    """A program called `name` that writes its arguments to `name.argv` beside it."""
    folder.mkdir(exist_ok=True)
    program = folder / name
    program.write_text(
        "#!/usr/bin/env python3\nimport json, pathlib, sys\n"
        "pathlib.Path(sys.argv[0]).with_suffix('.argv').write_text(json.dumps(sys.argv[1:]))\n"
    )
    program.chmod(0o755)
    return program


async def press_o_on_the_article(tmp_path: Path, browser: str) -> NewsReaderApp:
    feed = tmp_path / "gazette.rss"
    feed.write_text(FEED, encoding="utf-8")
    database = tmp_path / "data" / "newsreader.sqlite3"
    database.parent.mkdir(parents=True)
    app = NewsReaderApp(Store(database), Config(browser=browser), import_paths=[feed])
    async with app.run_test(size=(120, 40)) as pilot:
        article = (await open_first(app, pilot)).article
        assert article is not None and article.link == LINK
        await pilot.press("o")
        await app.workers.wait_for_complete()
        await pilot.pause()
    return app


def messages(app: NewsReaderApp) -> list[str]:
    return [notification.message for notification in app._notifications]


async def test_a_graphical_browser_gets_the_link_as_one_argument(tmp_path: Path) -> None:
    firefox = fake_browser(tmp_path / "bin", "firefox")
    await press_o_on_the_article(tmp_path, f"{firefox} --new-tab %u")
    argv_file = firefox.with_suffix(".argv")
    for _ in range(500):  # the browser runs on its own: wait for what it wrote
        if argv_file.exists() and argv_file.read_text():
            break
        time.sleep(0.02)
    assert json.loads(argv_file.read_text()) == ["--new-tab", LINK]


async def test_a_text_browser_that_cannot_have_the_terminal_leaves_the_link_copied(
    tmp_path: Path,
) -> None:
    w3m = fake_browser(tmp_path / "bin", "w3m")
    app = await press_o_on_the_article(tmp_path, f"{w3m} %u")  # the test driver cannot suspend
    assert app.clipboard == LINK
    assert any("w3m needs a terminal" in message for message in messages(app))
    assert not w3m.with_suffix(".argv").exists()


async def test_no_browser_found_copies_the_link_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    for variable in ("BROWSER", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(variable, raising=False)
    app = await press_o_on_the_article(tmp_path, "")
    assert app.clipboard == LINK
    assert "No browser found — link copied" in messages(app)


def file_link_feed(enclosure: str) -> str:
    """One entry whose link is a `file:` link (kept as text, never opened), with `enclosure`."""
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title>'
        "<item><guid>f1</guid><title>Minutes</title><link>file:///etc/passwd</link>"
        f"<description>The minutes of the meeting.</description>{enclosure}</item>"
        "</channel></rss>"
    )


async def press_o_on_a_file_link(tmp_path: Path, enclosure: str, browser: Path) -> NewsReaderApp:
    feed = tmp_path / "local.rss"
    feed.write_text(file_link_feed(enclosure), encoding="utf-8")
    database = tmp_path / "data" / "newsreader.sqlite3"
    database.parent.mkdir(parents=True)
    app = NewsReaderApp(Store(database), Config(browser=f"{browser} %u"), import_paths=[feed])
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_first(app, pilot)
        assert view.article is not None and (view.article.link or "").startswith("file:")
        header = str(view.query_one("#article-header").render())
        assert f"{view.article.link}  (not a web page)" in header
        await pilot.press("o")
        await app.workers.wait_for_complete()
        await pilot.pause()
    return app


async def test_o_on_a_file_link_opens_the_enclosure_instead(tmp_path: Path) -> None:
    firefox = fake_browser(tmp_path / "bin", "firefox")
    enclosure = '<enclosure url="https://example.test/minutes.mp3" type="audio/mpeg" length="9"/>'
    await press_o_on_a_file_link(tmp_path, enclosure, firefox)
    argv_file = firefox.with_suffix(".argv")
    for _ in range(500):  # the browser runs on its own: wait for what it wrote
        if argv_file.exists() and argv_file.read_text():
            break
        time.sleep(0.02)
    assert json.loads(argv_file.read_text()) == ["https://example.test/minutes.mp3"]


async def test_o_on_a_file_link_alone_says_why_nothing_opens(tmp_path: Path) -> None:
    firefox = fake_browser(tmp_path / "bin", "firefox")
    app = await press_o_on_a_file_link(tmp_path, "", firefox)
    said = messages(app)
    assert any(
        line.startswith("Nothing to open: file:") and "is not a web page" in line for line in said
    ), said
    assert not firefox.with_suffix(".argv").exists()
