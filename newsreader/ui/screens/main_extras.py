"""The main screen's extras: the speakers view, copying, links and the list's width."""

from __future__ import annotations

from newsreader.text import clean_line
from newsreader.ui.browser import open_in_browser as open_link
from newsreader.ui.screens.links import LinksScreen, article_links
from newsreader.ui.screens.main_base import MainScreenBase
from newsreader.ui.screens.speakers import QuoteLocation, SpeakersScreen
from newsreader.ui.wording import quote_citation


class ExtrasPart(MainScreenBase):
    """Actions around the open article that are not reading it."""

    # --- speakers, links, clipboard ----------------------------------------------------------

    def action_speakers(self) -> None:
        """Everyone quoted in the stored articles, and what they said."""

        async def open_location(location: QuoteLocation | None) -> None:
            if location is not None:
                await self.open_article(location.article_id, quote_position=location.position)

        self.app.push_screen(SpeakersScreen(self.store), open_location)

    def action_copy(self) -> None:
        """Copy the chosen quote (with speaker, source and date), else the article's link."""
        article = self.article_view.article
        if article is None:
            self.notify("Open an article first.", timeout=2)
            return
        chosen = self.article_view.chosen
        if chosen is not None:
            text = quote_citation(chosen, article)
        elif article.link:
            text = article.link
        else:
            self.notify("This article has no link; choose a quote with ] to copy it.")
            return
        self.app.copy_to_clipboard(text)
        self.notify(f"Copied: {clean_line(text)[:80]}", timeout=3, markup=False)

    def action_open_link(self) -> None:
        """Open the article's link in the web browser, else its first enclosure (a podcast)."""
        article = self.article_view.article
        enclosures = article.document.enclosures if article is not None else ()
        if article is None or not (article.link or enclosures):
            self.notify("This article has no link to open.", timeout=2)
            return
        self.open_in_browser(article.link or enclosures[0].url)

    def open_in_browser(self, url: str) -> None:
        """Hand an http(s) link to the browser (`newsreader.ui.browser`); refuse anything else."""
        open_link(self, url)

    def action_links(self) -> None:
        """List the links of the open article; the chosen one opens in the browser."""
        article = self.article_view.article
        links = article_links(article) if article is not None else []
        if not links:
            self.notify("No links in this article.", timeout=2)
            return

        def open_chosen(url: str | None) -> None:
            if url:
                self.open_in_browser(url)

        self.app.push_screen(LinksScreen(links), open_chosen)

    def action_resize_list(self, delta: int) -> None:
        """Make the list column narrower or wider (the article view takes the rest)."""
        column = self.query_one("#list-column")
        width = column.outer_size.width + delta
        column.styles.width = max(24, min(width, self.size.width - 40))
