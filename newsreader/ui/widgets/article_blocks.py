"""Pieces of the article view: dates, link numbers, list items and embedded-post cards."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from rich.filesize import decimal
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from newsreader.models import Block, BlockKind, Document, Enclosure, LinkSpan, Post
from newsreader.text import clean_line, clean_text
from newsreader.ui.cells import steady_text
from newsreader.ui.widgets.article_list import local_moment


def relative_age(moment: datetime, now: datetime | None = None) -> str:
    """`just now`, `5 minutes ago`, `3 hours ago`, `2 days ago` …, or `in the future`."""
    seconds = ((now or datetime.now(UTC)) - moment).total_seconds()
    if seconds < 0:
        return "in the future"
    for unit_seconds, unit in ((31536000, "year"), (2592000, "month"), (86400, "day"),
                               (3600, "hour"), (60, "minute")):  # fmt: skip
        if seconds >= unit_seconds:
            count = int(seconds // unit_seconds)
            return f"{count} {unit}{'s' if count > 1 else ''} ago"
    return "just now"


def long_date(moment: datetime) -> str:
    """`Wed 14 Oct 2026 09:40` in local time; the time is left out for date-only values."""
    local = local_moment(moment)
    if local is moment and moment.tzinfo == UTC:
        return moment.strftime("%a %d %b %Y")
    return local.strftime("%a %d %b %Y %H:%M")


def describe_enclosure(enclosure: Enclosure) -> str:
    """`audio/mpeg · 12.3 MB`: the type and a readable size, each when known ('' if neither)."""
    parts = [clean_line(enclosure.type)] if enclosure.type else []
    if enclosure.length is not None and enclosure.length >= 0:
        parts.append(decimal(enclosure.length))
    return " · ".join(parts)


def with_link_numbers(text: Text, spans: Sequence[LinkSpan], number_style: Style) -> Text:
    """`text` with `[N]` after each link span, as newsboat shows links.

    The numbers go in after every other style is applied, so quote and search highlights
    (offsets into the stored text) stay where they were.

    Args:
        text: A block's text, already styled.
        spans: The block's link spans (offsets into `text`).
        number_style: How the numbers look.

    Returns:
        A new Text, or `text` itself when there are no links.
    """
    numbers_at: dict[int, list[int]] = {}
    for span in spans:
        numbers_at.setdefault(min(max(span.end, 0), len(text)), []).append(span.link + 1)
    if not numbers_at:
        return text
    offsets = sorted(numbers_at)
    result = text.blank_copy()
    for offset, piece in zip([*offsets, None], text.divide(offsets), strict=True):
        result.append_text(piece)
        if offset is not None:
            result.append("".join(f"[{number}]" for number in numbers_at[offset]), number_style)
    return result


def image_link_numbers(block: Block, document: Document) -> list[int]:
    """The numbers of the links an image block carries, or of its own address if listed."""
    numbers = [span.link + 1 for span in block.links]
    if not numbers and block.url:
        numbers = [i + 1 for i, link in enumerate(document.links) if link.url == block.url][:1]
    return numbers


def ends_list(item: Block, following: Block | None) -> bool:
    """Whether list item `item` is the last of its list, so a blank line goes after it.

    Documents keep no list boundaries, so a new list is one that starts again at `1.`, or a
    top-level item that switches between numbers and bullets.
    """
    if following is None or following.kind != BlockKind.LIST_ITEM:
        return True
    if following.level != 1:
        return False
    numbered = following.marker[:1].isdigit()
    return following.marker == "1." or (item.level == 1 and numbered != item.marker[:1].isdigit())


class PostCard(Static):
    """An embedded post drawn as a card: author, @handle, date, then the text."""

    DEFAULT_CSS = """
    PostCard {
        border: round $accent 60%;
        padding: 0 1;
        margin: 0 2 1 2;
        max-width: 88;
        &.-chosen { border: heavy $accent; }
    }
    """

    def __init__(self, post: Post) -> None:
        super().__init__()
        self.post = post
        self.update(self.card_text(post))

    @staticmethod
    def card_text(post: Post) -> Text:
        """The card's content as safe Text: author and handle, network and date, the text.

        The handle is one word and the network and date have a line of their own, so a
        narrow card wraps between names, never after `@handle ·`.
        """
        card = post_byline(post)
        card.append("\n" + clean_text(post.text))
        return steady_text(card)


def platform_name(platform: str) -> str:
    """`twitter` → `Twitter`: the network as it names itself."""
    names = {"twitter": "Twitter", "bluesky": "Bluesky", "mastodon": "Mastodon",
             "threads": "Threads", "instagram": "Instagram"}  # fmt: skip
    return names.get(platform, clean_line(platform).capitalize())


def post_byline(post: Post) -> Text:
    """`Author @handle` then `Network · date` on a second line (dim)."""
    byline = Text()
    byline.append(clean_line(post.author) or "Unknown", Style(bold=True))
    if post.handle:
        byline.append(f" @{clean_line(post.handle)}", Style(dim=True))
    where = platform_name(post.platform)
    byline.append("\n" + where, Style(dim=True, italic=True))
    if post.date:
        byline.append(f" · {post.date}", Style(dim=True))
    return byline


class ListItemRow(Horizontal):
    """A list item: its marker in a column of its own, so wrapped lines hang beside it."""

    def __init__(self, block: Block, body: Static, *, last: bool) -> None:
        super().__init__(classes="list-item -last" if last else "list-item")
        self.styles.padding = (0, 0, 0, 2 * max(min(block.level, 8) - 1, 0))
        marker = steady_text(Text(clean_line(block.marker) or "•"))
        self.marker = Static(marker, classes="list-marker")
        self.body = body

    def compose(self) -> ComposeResult:
        yield self.marker
        yield self.body
