"""The sources pane: every source with its unread count; choosing one filters the list."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from newsreader.links import display_text
from newsreader.store import SourceInfo
from newsreader.ui.widgets.article_list import steady_width

ALL_SOURCES = "source-all"


def source_prompt(title: str, unread_count: int, width: int = 28) -> Text:
    """One line: the title, cut to fit, with the unread count right-aligned after it."""
    count = f" {unread_count}" if unread_count else ""
    text = Text(steady_width(display_text(title)), style=Style(bold=bool(unread_count)), end="")
    text.truncate(max(4, width - len(count)), overflow="ellipsis")
    text.append(count.rjust(max(0, width - text.cell_len)), Style(dim=True))
    return text


class SourcesPane(OptionList):
    """Lists sources; posts `SourceChosen` with the id, or None for all sources."""

    DEFAULT_CSS = """
    SourcesPane {
        width: 32;
        height: 1fr;
        border: none;
        border-right: solid $panel;
        background: $surface;
        &:focus { border: none; border-right: solid $accent; }
    }
    """

    class SourceChosen(Message):
        """The user chose a source (None: all sources)."""

        def __init__(self, source_id: int | None) -> None:
            super().__init__()
            self.source_id = source_id

    def show_sources(self, sources: list[SourceInfo], chosen: int | None) -> None:
        """Fill the pane, keeping the highlight on the chosen source."""
        total_unread = sum(source.unread_count for source in sources)
        options = [Option(source_prompt("All sources", total_unread), id=ALL_SOURCES)]
        options += [
            Option(source_prompt(source.title, source.unread_count), id=f"source-{source.id}")
            for source in sources
        ]
        self.set_options(options)
        target = ALL_SOURCES if chosen is None else f"source-{chosen}"
        try:
            self.highlighted = self.get_option_index(target)
        except Exception:  # the chosen source is gone
            self.highlighted = 0

    @on(OptionList.OptionSelected)
    def choose_source(self, event: OptionList.OptionSelected) -> None:
        """Filter the list to the selected source."""
        event.stop()
        option_id = event.option.id or ALL_SOURCES
        source_id = None if option_id == ALL_SOURCES else int(option_id.removeprefix("source-"))
        self.post_message(self.SourceChosen(source_id))
