"""The real app on articles full of markup and terminal escapes: shown literally, never obeyed.

Titles, sources, bodies, quotes and posts carry Rich/Textual markup (`[/]`, `[bold red]x`,
`[@click=app.quit]`, `[link=file:///etc/passwd]`) and escape sequences (CSI, OSC 8/52/0, C1,
bidi overrides), raw and as character references. The app must not crash, must show the
brackets as text, and nothing it draws may contain ESC or C1 controls. A last check runs the
real command in a pseudo-terminal and reads the raw bytes it writes.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

from newsreader.store import Store
from newsreader.ui.app import NewsReaderApp
from newsreader.ui.screens.main import MainScreen
from newsreader.ui.widgets.article_list import ArticleList

ESCAPES = (
    "\x1b[5mBLINK\x1b[0m"
    "\x1b]8;;file:///etc/passwd\x1b\\LINK\x1b]8;;\x1b\\"
    "\x1b]52;c;T1NDNTJQV05FRA==\x07"
    "\x1b]0;OSC0TITLEPWNED\x07"
    "\x9b31mC1RED"
    "\u202eDESREVER\u202c"
)
PAYLOADS = (b"T1NDNTJQV05FRA==", b"OSC0TITLEPWNED")
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def references(text: str) -> str:
    """`text` with controls and non-ASCII characters as numeric character references."""
    return "".join(f"&#{ord(c)};" if ord(c) < 32 or ord(c) > 126 else c for c in text)


def hostile_folder(root: Path) -> Path:
    """A folder with a seed article and an RSS feed, hostile in every field."""
    folder = root / "hostile"
    folder.mkdir()
    (folder / "evil.txt").write_text(
        f"date 2026-05-01 [bold red]Desk{ESCAPES} [/]\n\n"
        f"[/] [bold red]x [@click=app.quit] lead{ESCAPES} story.\n\n"
        f"“[link=file:///etc/passwd]x[/link] {ESCAPES} stays,” said [b]Mayor Dana Ortiz.\n\n"
        f"{ESCAPES} [/] post text — [@click=app.quit] Name{ESCAPES} (@handle) January 2, 2026\n",
        encoding="utf-8",
    )
    hostile = f"[bold red]x [/] {ESCAPES}"
    (folder / "feed.xml").write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{references(hostile)}</title><link>https://example.org/</link>"
        f"<item><title>{references(hostile)} feed item</title><guid>1</guid>"
        f"<author>{references(hostile)}</author><pubDate>Sat, 02 May 2026 10:00:00 +0000</pubDate>"
        f"<description>&lt;p&gt;{references(hostile)} said “{references(hostile)}”&lt;/p&gt;"
        "</description></item></channel></rss>",
        encoding="utf-8",
    )
    return folder


def screen_lines(app: NewsReaderApp) -> list[str]:
    """Every line the screen would draw now, checking each segment for control characters."""
    lines = []
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            assert not CONTROL.search(segment.text), repr(segment.text)
        lines.append(strip.text)
    return lines


async def test_hostile_articles_show_literally_and_draw_no_controls(
    tmp_path: Path, database: Path
) -> None:
    folder = hostile_folder(tmp_path)
    database.parent.mkdir(parents=True, exist_ok=True)
    app = NewsReaderApp(Store(database), import_paths=[folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        article_list = screen.query_one(ArticleList)
        assert article_list.row_count == 2
        rows = " ".join(article_list.render_line(y).text for y in range(4))
        assert "[bold red]x" in rows
        assert "[/]" in rows
        for keys in (["enter"], ["j", "enter"], ["k", "enter"], ["tab", "]", "]", "tab"]):
            await pilot.press(*keys)
            await pilot.pause()
            shown = "\n".join(screen_lines(app))
            assert "[bold red]x" in shown
        assert app.is_running
        view_text = "\n".join(screen_lines(app))
        assert "[link=file:///etc/passwd]x[/link]" in view_text or "[/]" in view_text
        screenshot = app.export_screenshot()
        assert "\x1b" not in screenshot
        assert not any(payload.decode() in screenshot for payload in PAYLOADS)


def test_the_real_command_writes_no_feed_escapes_to_the_terminal(tmp_path: Path) -> None:
    folder = hostile_folder(tmp_path)
    env = {
        **os.environ,
        "NEWSREADER_DATA_DIR": str(tmp_path / "data"),
        "NEWSREADER_CONFIG_DIR": str(tmp_path / "config"),
        "TERM": "xterm-256color",
    }
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "newsreader", str(folder)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    output = bytearray()
    try:
        for keys, seconds in ((b"", 2.0), (b"\r", 0.7), (b"j\r", 0.7), (b"\t]]", 0.5)):
            os.write(master, keys)
            output += _read_for(master, seconds)
        assert process.poll() is None, "the app exited"
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        os.close(master)
    assert b"feed item" in output or b"lead" in output, "the app never drew the articles"
    for payload in PAYLOADS:
        assert payload not in output
    assert b"\x1b]52" not in output


def _read_for(master: int, seconds: float) -> bytes:
    """Everything the child writes during `seconds`."""
    collected = bytearray()
    deadline = time.monotonic() + seconds
    while (remaining := deadline - time.monotonic()) > 0:
        ready, _, _ = select.select([master], [], [], remaining)
        if ready:
            try:
                collected += os.read(master, 65536)
            except OSError:
                break
    return bytes(collected)
