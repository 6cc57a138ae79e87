"""The link list (`u`): every link of the open article, numbered; choosing one opens it."""

from __future__ import annotations

import re

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from newsreader.models import Article
from newsreader.text import clean_line

_URL = re.compile(r"https?://[^\s<>\"“”'’)\]]+", re.IGNORECASE)


def article_links(article: Article) -> list[str]:
    """The article's own link, then every web address in its text, each once, in order."""
    found: list[str] = []
    candidates = [article.link or ""]
    for paragraph in article.paragraphs:
        candidates.extend(match.group().rstrip(".,;:!?") for match in _URL.finditer(paragraph))
    for url in candidates:
        if url and url not in found and _URL.fullmatch(url):
            found.append(url)
    return found


class LinksScreen(ModalScreen[str | None]):
    """Numbered links; enter or a digit opens one, escape closes."""

    BINDINGS = [
        Binding("escape,q,u", "dismiss_none", "Close"),
        *[Binding(str(digit), f"open_number({digit})", show=False) for digit in range(1, 10)],
    ]

    DEFAULT_CSS = """
    LinksScreen {
        align: center middle;
        #links-body { width: 90; max-width: 95%; height: auto; max-height: 80%;
                      border: round $accent; background: $surface; padding: 0 1; }
        #links { height: auto; max-height: 30; border: none; }
    }
    """

    def __init__(self, links: list[str]) -> None:
        super().__init__()
        self.links = links

    def compose(self) -> ComposeResult:
        with Vertical(id="links-body"):
            yield Label(
                f"Links ({len(self.links)}) — enter or 1-9 opens, escape closes", markup=False
            )
            yield OptionList(
                *[
                    Option(Text(f"{number:>2}. {clean_line(url)}"), id=str(number - 1))
                    for number, url in enumerate(self.links, start=1)
                ],
                id="links",
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.links[int(event.option.id or 0)])

    def action_open_number(self, number: int) -> None:
        """Open link `number` (1-based)."""
        if 0 < number <= len(self.links):
            self.dismiss(self.links[number - 1])

    def action_dismiss_none(self) -> None:
        """Close without opening anything."""
        self.dismiss(None)
