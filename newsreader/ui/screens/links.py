"""The link list (`u`): every link of the open article, numbered; choosing one opens it.

The numbers are the ones the article view prints after each link (`[3]`): the document's
links first, then its enclosures, then the article's own link when the body does not already
point to it, then any bare web address written in a plain-text body.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from newsreader.links import display_text
from newsreader.models import Article
from newsreader.text import clean_line
from newsreader.ui.widgets.article_blocks import describe_enclosure

_URL = re.compile(r"https?://[^\s<>\"“”'’)\]]+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class LinkChoice:
    """One line of the link list."""

    url: str
    """Where it goes (absolute; opening it still goes through the browser check)."""
    label: str = ""
    """What it is: the link's text, `attachment · audio/mpeg · 12.3 MB`, or `article`."""


def article_links(article: Article) -> list[LinkChoice]:
    """Every link of `article` in the order the view numbers them.

    Args:
        article: The open article.

    Returns:
        The document's links, its enclosures, the article's own link if not listed yet, and
        web addresses written out in the text (plain-text bodies have no link spans).
    """
    document = article.document
    choices = [LinkChoice(link.url, clean_line(link.text)) for link in document.links]
    for enclosure in document.enclosures:
        details = describe_enclosure(enclosure)
        choices.append(
            LinkChoice(enclosure.url, f"attachment · {details}" if details else "attachment")
        )
    listed = {choice.url for choice in choices}
    if article.link and article.link not in listed:
        listed.add(article.link)
        choices.append(LinkChoice(article.link, "article"))
    for paragraph in article.paragraphs:
        for match in _URL.finditer(paragraph):
            url = match.group().rstrip(".,;:!?")
            if url not in listed:
                listed.add(url)
                choices.append(LinkChoice(url))
    return choices


class LinksScreen(ModalScreen[str | None]):
    """Numbered links; enter or a digit opens one, escape closes."""

    BINDINGS = [
        Binding("escape,q,u", "dismiss_none", "Close"),
        *[Binding(str(digit), f"open_number({digit})", show=False) for digit in range(1, 10)],
    ]

    DEFAULT_CSS = """
    LinksScreen {
        align: center middle;
        #links-body { width: 90; max-width: 100%; height: auto; max-height: 80%;
                      border: round $accent; background: $surface; padding: 0 1; }
        #links { height: auto; max-height: 30; border: none; }
    }
    """

    def __init__(self, choices: Sequence[LinkChoice]) -> None:
        super().__init__()
        self.choices = list(choices)
        self.links = [choice.url for choice in self.choices]
        """The URLs, in the order shown (number - 1)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="links-body"):
            yield Label(
                f"Links ({len(self.links)}) — enter or 1-9 opens, escape closes", markup=False
            )
            yield OptionList(
                *[
                    Option(self._prompt(number, choice), id=str(number - 1))
                    for number, choice in enumerate(self.choices, start=1)
                ],
                id="links",
            )

    @staticmethod
    def _prompt(number: int, choice: LinkChoice) -> Text:
        """`[N] label` over the address, as safe Text."""
        prompt = Text(f"[{number}] ", Style(bold=True))
        if choice.label:
            prompt.append(clean_line(choice.label) + "\n    ")
        prompt.append(display_text(choice.url), Style(dim=True))
        return prompt

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.links[int(event.option.id or 0)])

    def action_open_number(self, number: int) -> None:
        """Open link `number` (1-based)."""
        if 0 < number <= len(self.links):
            self.dismiss(self.links[number - 1])

    def action_dismiss_none(self) -> None:
        """Close without opening anything."""
        self.dismiss(None)
