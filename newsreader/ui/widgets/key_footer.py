"""The footer line of keys, showing only the keys that fit whole.

Textual's `Footer` lays every shown binding out in a row and cuts the row at the screen's edge,
so at 80 columns the last label reads `space▏` or `Sta▏`. `KeyFooter` leaves out the keys
that would be cut (help, `?`, lists every key), keeping the command palette key on the right.
"""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class KeyFooter(Footer):
    """A `Footer` whose keys that do not fit whole are hidden, left to right, at every width."""

    async def recompose(self) -> None:
        """Rebuild the keys (the focus moved, bindings changed), then fit them."""
        await super().recompose()
        self.fit()

    def on_resize(self) -> None:
        self.fit()

    def fit(self) -> None:
        """Show the keys, in order, while they fit beside the command palette key; hide the rest."""
        palette = [child for child in self.children if child.has_class("-command-palette")]
        room = self.size.width - sum(_cells(key) for key in palette)
        fits = True
        for child in self.children:
            if child in palette:
                continue
            width = _cells(child)
            fits = fits and width <= room
            child.display = fits
            room -= width if fits else 0


def _cells(widget: Widget) -> int:
    """Columns `widget` takes in the row: its label, padding, border and margins."""
    if isinstance(widget, FooterKey):
        label = widget.render().cell_len
    else:  # a group of keys, laid out already
        label = widget.size.width - widget.styles.gutter.width
    return label + widget.styles.gutter.width + widget.styles.margin.width
