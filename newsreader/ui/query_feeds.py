"""The reader's side of query feeds and per-feed settings: saving what the list shows as a
query feed (`Q`), marking a query feed read (`A`), and editing a feed's settings (`E`).

The main screen calls these; each asks with a dialog when it needs to, writes through the
store or config.toml, and says what it did in one notification.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from textual.widget import Widget

from newsreader.links import display_text
from newsreader.rules.feeds import QueryFeed, append_query
from newsreader.services.feed_settings import SettingChange, apply_settings, setting_problem
from newsreader.store import Store
from newsreader.ui.list_source import ListMode
from newsreader.ui.screens.feed_settings import FeedSettingsScreen
from newsreader.ui.screens.save_query import SaveQueryScreen
from newsreader.ui.writes import Change

logger = logging.getLogger(__name__)


def rule_for_mode(mode: ListMode) -> str:
    """What the list shows, as a filter: the typed filter or query feed, the search words,
    the view (unread, starred), the date range and the chosen source, joined by `and`.
    Empty when the list shows everything."""
    parts: list[str] = []
    if mode.rule:
        parts.append(f"({mode.rule})" if " or " in mode.rule.lower() else mode.rule)
    if mode.query:
        parts.append(f"text ~ {_quoted(mode.query)}")
    if mode.view == "unread":
        parts.append("not read")
    elif mode.view == "starred":
        parts.append("starred")
    if mode.days is not None:
        parts.append(f"age < {mode.days}d")
    if len(mode.source_ids) == 1:
        parts.append(f"source = {mode.source_ids[0]}")
    return " and ".join(parts)


def _quoted(text: str) -> str:
    """A value in the filter language: double-quoted, with `"` and `\\` escaped."""
    escaped = text.strip().replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def save_query_feed(
    node: Widget,
    mode: ListMode,
    queries: tuple[QueryFeed, ...],
    config_path: Path,
    saved: Callable[[QueryFeed], object],
) -> None:
    """Ask for a title and add what the list shows as a `[[query]]` to config.toml.

    Args:
        node: Where to ask and notify.
        mode: What the list shows now.
        queries: The query feeds there are (a title is not taken twice).
        config_path: config.toml (appended to; the rest is left as it is).
        saved: Called with the new query feed once it is written.
    """
    rule = rule_for_mode(mode)
    if not rule:
        node.notify("The list shows everything: search (/) or filter first.", timeout=4)
        return

    def write(title: str | None) -> None:
        if title is None:
            return
        query = QueryFeed(title, rule)
        try:
            append_query(config_path, query)
        except (OSError, ValueError) as error:  # ValueError: RuleError, or TOML it would break
            logger.warning("saving query feed %s failed", title, exc_info=True)
            node.notify(f"Not saved: {error}", severity="error", markup=False)
            return
        saved(query)
        node.notify(f"Saved query feed {display_text(title)} to {config_path}", markup=False)

    taken = [query.title for query in queries]
    node.app.push_screen(SaveQueryScreen(rule, taken), write)


def edit_feed_settings(
    node: Widget,
    store: Store,
    source_id: int | None,
    save: Callable[[Change, str], object],
    done: Callable[[], object],
) -> None:
    """Show a feed's settings in a dialog and save what the user changed.

    Args:
        node: Where to ask and notify.
        store: The store, to read the settings.
        source_id: The feed (None: none chosen, which is said).
        save: Saves a change (the screen's writer: a busy database never blocks the screen).
        done: Called after saving (to redraw the sources pane and the list).
    """
    if source_id is None:
        node.notify("Choose a source (S) or an article first.", timeout=3)
        return
    settings = store.feed_settings(source_id)
    if settings is None:
        node.notify("That source is gone.", severity="warning")
        return

    def write(changes: list[SettingChange] | None) -> None:
        if not changes:
            return
        # Checked here, not in the writer thread, so a refusal is a line rather than a failure.
        problem = setting_problem(store, source_id, changes)
        if problem is not None:
            node.notify(problem, severity="warning", markup=False)
            return
        save(lambda store: apply_settings(store, source_id, changes), "saving feed settings")
        names = ", ".join(change.name for change in changes)
        node.notify(f"Saved {names} of {display_text(settings.title)}", markup=False, timeout=3)
        done()

    node.app.push_screen(FeedSettingsScreen(settings), write)
