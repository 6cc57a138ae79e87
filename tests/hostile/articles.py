"""Generated article folders for the TUI cases."""

from __future__ import annotations

import html
from pathlib import Path

SEED = (
    "date 2026-10-{day:02d} Harbour Gazette\n\n"
    "The {word} story is here, the city said on Monday.\n\n"
    "“We will reopen the {word} road by Friday,” said Mayor Dana Ortiz.\n"
)


def seed_folder(root: Path, words: list[str]) -> Path:
    """A folder `news` with one seed-format article per word (the word is in its title)."""
    folder = root / "news"
    folder.mkdir(parents=True, exist_ok=True)
    for number, word in enumerate(words, start=1):
        (folder / f"{word}.txt").write_text(SEED.format(day=number % 28 + 1, word=word), "utf-8")
    return folder


def feed_folder(root: Path, titles: list[str], feed_title: str = "Wide Feed") -> Path:
    """A folder with one RSS file whose items have these titles."""
    folder = root / "feeds"
    folder.mkdir(parents=True, exist_ok=True)
    items = "".join(
        f"<item><title>{html.escape(title)}</title><guid>g{n}</guid>"
        f"<link>https://example.org/{n}</link><description>Body {n}.</description></item>"
        for n, title in enumerate(titles)
    )
    (folder / "wide.xml").write_text(
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{html.escape(feed_title)}</title><link>https://example.org/</link>"
        f"<description>d</description>{items}</channel></rss>",
        "utf-8",
    )
    return folder
