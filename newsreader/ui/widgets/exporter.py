"""The widget that saves an article as Markdown (`e`) or pipes it to a command (`|`).

Both run in a worker thread with a store connection of their own (the extractor lists the
quotes at the end, and a piped command may take a while), and end with one line in a
notification: the file written, the command's first line of output, or what went wrong.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

import platformdirs
from textual import on, work
from textual.message import Message
from textual.widget import Widget

from newsreader.models import Article
from newsreader.services.article_export import pipe_article, render, save_markdown
from newsreader.store import Store

logger = logging.getLogger(__name__)


def save_folder(configured: str) -> Path:
    """Where `e` saves: config.toml's `save_folder` (`~` expanded), else Documents/newsreader."""
    if configured.strip():
        return Path(os.path.expanduser(configured.strip()))
    return Path(platformdirs.user_documents_dir()) / "newsreader"


class ArticleExporter(Widget):
    """Invisible; saves or pipes articles off the UI thread and reports in one line."""

    DEFAULT_CSS = "ArticleExporter { display: none; }"

    class Reported(Message):
        """Saving or piping ended: the line to show, and whether it went wrong."""

        def __init__(self, line: str, failed: bool) -> None:
            super().__init__()
            self.line = line
            self.failed = failed

    def __init__(
        self,
        store: Store,
        folder: str,
        pipe_to: str,
        article_meant: Callable[[], int | None],
    ) -> None:
        """`article_meant` says which article `e` and `|` act on (None: none)."""
        super().__init__()
        self.store = store
        self.folder = save_folder(folder)
        self.pipe_to = pipe_to
        self.article_meant = article_meant

    def action_save_article(self) -> None:
        """Save the article meant (the open one, else the one under the cursor) as Markdown."""
        if (article_id := self.article_meant()) is not None:
            self.save(article_id)

    def action_pipe_article(self) -> None:
        """Hand the article meant (Markdown) to config.toml's pipe_to command."""
        if (article_id := self.article_meant()) is not None:
            self.pipe(article_id)

    def _article_store(self) -> Store:
        """A connection for the worker thread (sqlite3 connections stay in their thread)."""
        return Store(self.store.path) if self.store.path is not None else self.store

    @work(thread=True, exit_on_error=False, group="export")
    def save(self, article_id: int) -> None:
        """Write the article as Markdown into the save folder."""
        try:
            article = self._read(article_id)
            if article is None:
                return
            path = save_markdown(article, self.folder)
        except OSError as error:
            logger.warning("saving article %s failed", article_id, exc_info=True)
            self.post_message(self.Reported(f"Not saved: {error.strerror or error}", True))
            return
        except Exception as error:  # the extractor's or the store's surprise: said, logged
            logger.exception("saving article %s failed", article_id)
            self.post_message(self.Reported(f"Not saved: {type(error).__name__}", True))
            return
        self.post_message(self.Reported(f"Saved {path}", False))

    @work(thread=True, exit_on_error=False, group="export")
    def pipe(self, article_id: int) -> None:
        """Hand the article (Markdown) to the configured command, without a shell."""
        if not self.pipe_to.strip():
            line = 'No command to pipe to: set pipe_to = "..." in config.toml'
            self.post_message(self.Reported(line, True))
            return
        try:
            article = self._read(article_id)
            text = None if article is None else render(article, "md")
        except Exception as error:  # the extractor's or the store's surprise: said, logged
            logger.exception("reading article %s to pipe it failed", article_id)
            self.post_message(self.Reported(f"Not piped: {type(error).__name__}", True))
            return
        if text is None:
            return
        result = pipe_article(self.pipe_to, text)
        self.post_message(self.Reported(result.line, not result.ok))

    def _read(self, article_id: int) -> Article | None:
        store = self._article_store()
        try:
            article = store.article(article_id)
        finally:
            if store is not self.store:
                store.close()
        if article is None:
            self.post_message(self.Reported("That article is gone.", True))
        return article

    @on(Reported)
    def show_report(self, event: Reported) -> None:
        """One line, as text: paths and a command's output are never markup."""
        event.stop()
        if event.failed:
            self.notify(event.line, severity="error", markup=False, timeout=8)
        else:
            self.notify(event.line, markup=False, timeout=6)
