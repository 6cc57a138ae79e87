"""Per-feed settings kept on the `sources` row (schema 5): what the user set for one feed.

A NULL column means "the config's value": `keep_days` unset follows `config.keep_days`, a
`refresh_minutes` unset follows the refresh that was asked for. `title_override` is the
user's name for a feed; the feed's own title (`sources.title`) keeps following the feed.
Full text has its own pair of methods (`FeedRecords.set_full_text`, engineer of issue 13).
"""

from __future__ import annotations

from dataclasses import dataclass

from newsreader.store.base import StoreBase


@dataclass(frozen=True, slots=True)
class FeedSettings:
    """What the user set for one source (None: the config's value)."""

    source_id: int
    title: str
    """The title shown: the user's override, else the feed's own."""
    title_override: str | None
    category: str | None
    refresh_minutes: int | None
    """Refresh at most this often when everything is refreshed (None: every time)."""
    keep_days: int | None
    keep_per_feed: int | None
    full_text: bool
    paused: bool
    """A paused feed is left out when everything is refreshed (it can still be asked for)."""
    refreshed_at: int | None
    """Unix seconds of the last refresh attempt."""


SETTING_COLUMNS = {
    "title": "title_override",
    "category": "category",
    "refresh_minutes": "refresh_minutes",
    "keep_days": "keep_days",
    "keep_per_feed": "keep_per_feed",
    "paused": "paused",
}
"""Setting name → `sources` column. Only these names reach SQL as column names. Full text
is set with `set_full_text`, which its feature owns."""

_SELECT = """
    SELECT id, coalesce(title_override, title), title_override, category, refresh_minutes,
           keep_days, keep_per_feed, full_text = 1 AND kind != 'local', paused, refreshed_at
    FROM sources
"""
"""A local folder never has full text, whatever its column holds (set before it was refused)."""


def _settings(row: tuple[object, ...]) -> FeedSettings:
    return FeedSettings(
        int(row[0]),  # type: ignore[call-overload]
        str(row[1]),
        row[2],  # type: ignore[arg-type]
        row[3],  # type: ignore[arg-type]
        row[4],  # type: ignore[arg-type]
        row[5],  # type: ignore[arg-type]
        row[6],  # type: ignore[arg-type]
        bool(row[7]),
        bool(row[8]),
        row[9],  # type: ignore[arg-type]
    )


class FeedSettingsRecords(StoreBase):
    """Store methods for per-feed settings."""

    def feed_settings(self, source_id: int) -> FeedSettings | None:
        """One source's settings, or None if it is gone."""
        row = self._connection.execute(f"{_SELECT} WHERE id = ?", (source_id,)).fetchone()
        return None if row is None else _settings(row)

    def all_feed_settings(self) -> dict[int, FeedSettings]:
        """Every source's settings by id (one query, for a refresh or the feeds table)."""
        return {row[0]: _settings(row) for row in self._connection.execute(_SELECT)}

    def set_feed_settings(self, source_id: int, changes: dict[str, object]) -> bool:
        """Change some settings of one source in one transaction.

        Args:
            source_id: The source.
            changes: Setting name (a key of SETTING_COLUMNS) → value; None clears it back to
                the config's value (for `paused`: off).

        Returns:
            Whether the source exists.

        Raises:
            KeyError: an unknown setting name.
        """
        if not changes:
            return self.feed_settings(source_id) is not None
        columns = [SETTING_COLUMNS[name] for name in changes]
        values = [_column_value(name, value) for name, value in changes.items()]
        assignments = ", ".join(f"{column} = ?" for column in columns)
        with self.transaction():
            cursor = self._connection.execute(
                f"UPDATE sources SET {assignments} WHERE id = ?", [*values, source_id]
            )
        return cursor.rowcount > 0


def _column_value(name: str, value: object) -> object:
    """The stored value: flags as 0/1 (never NULL: those columns are NOT NULL)."""
    if name == "paused":
        return int(bool(value))
    return value
