"""The article view and the link list draw an article's document: structure, links, enclosures.

Articles go through the real path (HTML -> `html_to_document` -> `Store.save_source`) and the
real app; the assertions read what the view's widgets render.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from rich.style import Style
from rich.text import Text
from textual.geometry import Region
from textual.widgets import Static

from newsreader.ingest.html import html_to_document
from newsreader.models import (
    ArticleDraft,
    Document,
    Enclosure,
    LinkSpan,
    QuoteKind,
    SourceDraft,
)
from newsreader.services.indexing import index_quotes
from newsreader.store import Store
from newsreader.ui.app import NewsReaderApp
from newsreader.ui.screens.links import LinksScreen
from newsreader.ui.widgets.article_view import ArticleView, ListItemRow, with_link_numbers
from tests.ui.pilot_helpers import open_first

BASE = "https://harbour.example.com/news/plan"
STRUCTURED = """
<h2>What changes</h2>
<p>The port published its <a href="/plan.pdf">full plan</a> with a <a href="https://maps.example.org/m">map</a>.</p>
<ul><li>New quay walls along the east basin, rebuilt in stages so that the ferries keep running</li>
<li>Dredging<ul><li>inner channel</li></ul></li></ul>
<pre>def phases():
    for n in range(2):
        print("phase", n)</pre>
<p>Harbour Office<br>1 Quay Street</p>
<p><img src="/quay.png" alt="The east quay"></p>
"""
QUOTED = """
<p>See <a href="/report">the report</a>.
“We will reopen the bridge by Friday,” said Mayor Dana Ortiz.</p>
<ul><li>“The detour will end soon,” said Mayor Dana Ortiz.</li></ul>
<blockquote>“Crews are ahead of schedule,” said Mayor Dana Ortiz.</blockquote>
"""
EPISODE_URL = "https://pod.example.com/audio/ep12.mp3"


def save(store: Store, *drafts: ArticleDraft) -> None:
    """Save `drafts` as one source, as an import would."""
    store.save_source(SourceDraft("local:/tmp/docs", "docs", "/tmp/docs", drafts))


def draft(guid: str, html: str, *, link: str | None = None, day: int = 1) -> ArticleDraft:
    """An article whose body is `html`, converted by the real HTML path."""
    return ArticleDraft(
        guid=guid,
        title=f"Article {guid}",
        source_name="Harbour Gazette",
        document=html_to_document(html, BASE),
        published=datetime(2026, 10, day, 9, tzinfo=UTC),
        link=link,
        location=f"/tmp/docs/{guid}.html",
    )


def make_app(database: Path, *drafts: ArticleDraft) -> NewsReaderApp:
    database.parent.mkdir(parents=True, exist_ok=True)
    store = Store(database)
    save(store, *drafts)
    index_quotes(store, workers=1)
    return NewsReaderApp(store)


def block_texts(view: ArticleView) -> list[Text]:
    """The Text of every block widget in the view, in order."""
    return [widget.content for widget in view.query(".block").results(Static)]  # type: ignore[misc]


def plain(view: ArticleView) -> list[str]:
    return [text.plain for text in block_texts(view)]


def fake_browser(monkeypatch: pytest.MonkeyPatch, folder: Path) -> Callable[[int], list[str]]:
    """A desktop browser (`$BROWSER`) that writes each URL it is given to a file.

    Returns:
        A function that waits until that many URLs were written (the browser starts
        detached) and returns them.
    """
    folder.mkdir(parents=True, exist_ok=True)
    program, log = folder / "fake-browser", folder / "opened.txt"
    program.write_text(f'#!/bin/sh\nprintf "%s\\n" "$1" >> "{log}"\n')
    program.chmod(0o755)
    monkeypatch.setenv("BROWSER", f"{program} %s")

    def opened(count: int) -> list[str]:
        for _ in range(500):  # wait for what the browser wrote, not for a time
            if log.exists() and len(log.read_text().splitlines()) >= count:
                break
            time.sleep(0.02)
        return log.read_text().splitlines() if log.exists() else []

    return opened


def screen_lines(widget: Static) -> list[str]:
    """The lines `widget` draws, at its current size."""
    region = Region(0, 0, widget.size.width, widget.size.height)
    return [strip.text.rstrip() for strip in widget.render_lines(region)]


async def test_blocks_are_drawn_as_what_they_are(database: Path) -> None:
    app = make_app(database, draft("structured", STRUCTURED))
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_first(app, pilot)
        texts = plain(view)
        assert texts[0] == "## What changes"
        assert "published its full plan[1] with a map[2]." in texts[1]
        assert 'def phases():\n    for n in range(2):\n        print("phase", n)' in texts
        assert "Harbour Office\n1 Quay Street" in texts
        assert "[image: The east quay]" in texts

        rows = list(view.query(ListItemRow))
        assert [row.marker.content.plain for row in rows] == ["•", "•", "•"]  # type: ignore[union-attr]
        depth = [row.body.region.x - view.content_region.x for row in rows]
        assert depth[0] == depth[1] > 0 and depth[2] == depth[1] + 2  # nested item indented
        first_item = screen_lines(rows[0].body)
        assert len(first_item) > 1  # wrapped lines hang beside the marker, not under it

        code = view.query_one(".-code", Static)
        lines = screen_lines(code)
        assert any(line.endswith("    for n in range(2):") for line in lines)


async def test_code_lines_fold_instead_of_reflowing(database: Path) -> None:
    long_line = "x = [" + ", ".join(str(n) for n in range(40)) + "]"
    app = make_app(database, draft("code", f"<pre>  {long_line}\n  y = 1</pre>"))
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_first(app, pilot)
        code = view.query_one(".-code", Static)
        lines = [line.strip() for line in screen_lines(code) if line.strip()]
        assert "".join(lines[:-1]).replace(" ", "") == long_line.replace(" ", "")
        assert lines[-1] == "y = 1"  # a line of its own, not joined to the folded one


async def test_line_breaks_and_lists_render_on_their_own_lines(database: Path) -> None:
    app = make_app(database, draft("structured", STRUCTURED))
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_first(app, pilot)
        address = next(
            w for w in view.query(".paragraph").results(Static) if "Quay" in str(w.content)
        )
        assert screen_lines(address)[:2] == ["Harbour Office", "1 Quay Street"]


async def test_quotes_stay_highlighted_beside_link_numbers_in_every_block(database: Path) -> None:
    app = make_app(database, draft("quoted", QUOTED))
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_first(app, pilot)
        statement = view.get_component_rich_style("article-view--statement")
        texts = block_texts(view)
        assert texts[0].plain.startswith("See the report[1]. “We will")
        highlighted = [
            text.plain[span.start : span.end]
            for text in texts
            for span in text.spans
            if isinstance(span.style, Style) and span.style.color == statement.color
        ]
        assert highlighted == [
            "“We will reopen the bridge by Friday,”",
            "“The detour will end soon,”",
            "“Crews are ahead of schedule,”",
        ]
        assert all(q.kind == QuoteKind.STATEMENT for q in view.extraction.quotes)


def test_link_numbers_go_after_the_styled_text() -> None:
    text = Text("a link and more")
    text.stylize("bold", 0, 6)
    numbered = with_link_numbers(text, [LinkSpan(2, 6, 0), LinkSpan(11, 15, 4)], Style(dim=True))
    assert numbered.plain == "a link[1] and more[5]"
    bold = [numbered.plain[s.start : s.end] for s in numbered.spans if s.style == "bold"]
    assert bold == ["a link"]


async def test_enclosure_only_article_shows_and_lists_its_file(
    database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = fake_browser(monkeypatch, database.parent / "bin")
    episode = draft("episode", "")
    episode = dataclasses.replace(
        episode,
        document=Document(enclosures=(Enclosure(EPISODE_URL, "audio/mpeg", 34_567_890),)),
    )
    app = make_app(database, episode)
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_first(app, pilot)
        texts = plain(view)
        assert texts[0] == "Attachments"
        assert texts[1] == f"[1] {EPISODE_URL}  (audio/mpeg · 34.6 MB)"
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, LinksScreen)
        assert app.screen.links == [EPISODE_URL]
        await pilot.press("escape", "o")
        await app.workers.wait_for_complete()
        assert opened(1) == [EPISODE_URL]


async def test_links_screen_numbers_links_as_the_text_and_opens_by_number(
    database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = fake_browser(monkeypatch, database.parent / "bin")
    article = draft("structured", STRUCTURED, link="https://harbour.example.com/news/plan")
    document = dataclasses.replace(
        article.document, enclosures=(Enclosure("https://harbour.example.com/plan.mp3"),)
    )
    app = make_app(database, dataclasses.replace(article, document=document))
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_first(app, pilot)
        assert "[3] https://harbour.example.com/plan.mp3" in plain(view)
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, LinksScreen)
        assert app.screen.links == [
            "https://harbour.example.com/plan.pdf",
            "https://maps.example.org/m",
            "https://harbour.example.com/plan.mp3",
            "https://harbour.example.com/news/plan",
        ]
        assert [choice.label for choice in app.screen.choices][:2] == ["full plan", "map"]
        await pilot.press("2")
        await app.workers.wait_for_complete()
        assert opened(1) == ["https://maps.example.org/m"]


async def test_markup_in_headings_links_and_markers_is_shown_literally(database: Path) -> None:
    html = (
        '<h1>[/] [bold]x</h1><ol><li>[@click=app.quit] <a href="/a">[link=x]y[/link]</a></li></ol>'
    )
    app = make_app(database, draft("hostile", html))
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_first(app, pilot)
        texts = plain(view)
        assert texts[0] == "# [/] [bold]x"
        assert texts[1] == "[@click=app.quit] [link=x]y[/link][1]"
        assert app.is_running
