"""Kind 13: a huge article opened in the app — the UI keeps drawing, and it says what it skipped."""

from __future__ import annotations

import time
from typing import Any

from textual.pilot import Pilot

from newsreader import paths
from newsreader.ingest.html import html_to_document
from newsreader.models import ArticleDraft, Document, SourceDraft
from newsreader.store import Store
from newsreader.ui.app import NewsReaderApp
from tests.hostile.app_case import run_app

QUOTE = "\u201cWe will,\u201d said Ann Lee. "


def open_huge(kilobytes: int, one_paragraph: bool) -> dict[str, Any]:
    """Store one article of `kilobytes` of quote after quote, open it, report what showed.

    `one_paragraph` sends it through the HTML path as one `<p>` (cut to one block of
    `MAX_BLOCK_CHARS`, analysed in a worker process); otherwise it is 2,000-character paragraphs.
    """
    text = QUOTE * (kilobytes * 1024 // len(QUOTE))
    if one_paragraph:  # through the real HTML path, which caps a block's length
        document = html_to_document(f"<p>{text}</p>")
    else:
        chunks = [text[i : i + 2000] for i in range(0, len(text), 2000)]
        document = Document.from_paragraphs(chunks)
    store = Store(paths.database_path())
    draft = ArticleDraft("huge", "Huge", "Feed", document)
    store.save_source(SourceDraft("local:/huge", "huge", "/huge", (draft,)))
    store.close()

    async def scenario(app: NewsReaderApp, pilot: Pilot[Any]) -> dict[str, Any]:
        started = time.perf_counter()
        await pilot.press("enter")
        await pilot.pause(0.5)
        # The app answers keys while (or after) the article opens.
        await pilot.press("j")
        answered = time.perf_counter() - started
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        notes = [str(n.message) for n in app._notifications]
        screen = app.screen
        extraction = screen.article_view.extraction
        quotes = len(extraction.quotes) if extraction is not None else 0
        return {"answered_seconds": answered, "notes": notes, "quotes": quotes}

    return run_app(scenario)
