"""Per-feed settings written as `key=value` (the `feed --set` command and the app's editor).

    title=Harbour news       the name shown for the feed (the feed's own title when cleared)
    category=Local           the folder it is listed under
    refresh=90               minutes (or 2h, 1d) between refreshes when everything is refreshed
    keep_days=30             retention: read articles older than this many days are dropped
    keep_per_feed=200        retention: at most this many unstarred articles
    full_text=on             fetch each entry's web page for its main text
    paused=on                left out when everything is refreshed

An empty value or `default` clears a setting back to the config's value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsreader.links import display_text
from newsreader.store import Store
from newsreader.store.feeds import LOCAL_KIND
from newsreader.store.settings import FeedSettings

SETTING_NAMES = ("title", "category", "refresh", "keep_days", "keep_per_feed", "full_text",
                 "paused")  # fmt: skip
"""The settings a user can change, in the order they are shown."""
_ALIASES = {"refresh_minutes": "refresh", "refresh_interval": "refresh", "full-text": "full_text",
            "keep-days": "keep_days", "keep-per-feed": "keep_per_feed"}  # fmt: skip
_ON = frozenset({"on", "yes", "true", "1"})
_OFF = frozenset({"off", "no", "false", "0"})
_MINUTES = re.compile(r"(\d{1,7})\s*(m|min|h|d)?", re.IGNORECASE)
_MINUTES_PER = {"m": 1, "min": 1, "h": 60, "d": 1440}
MAX_TITLE_CHARS = 500


class SettingError(ValueError):
    """A `key=value` that cannot be applied; the message is one line naming the key."""


@dataclass(frozen=True, slots=True)
class SettingChange:
    """One parsed setting: its name and value (None: back to the config's value)."""

    name: str
    value: str | int | bool | None


def parse_setting(text: str) -> SettingChange:
    """Read one `key=value`.

    Raises:
        SettingError: no `=`, an unknown key, or a value the key cannot take.
    """
    key, equals, raw = text.partition("=")
    name = _ALIASES.get(key.strip().lower(), key.strip().lower())
    if not equals:
        raise SettingError(f"{text!r}: write key=value (keys: {', '.join(SETTING_NAMES)})")
    if name not in SETTING_NAMES:
        raise SettingError(f"unknown setting {key.strip()!r} (keys: {', '.join(SETTING_NAMES)})")
    value = raw.strip()
    if value == "" or value.lower() == "default":
        return SettingChange(name, None)
    return SettingChange(name, _value(name, value))


def _value(name: str, value: str) -> str | int | bool:
    if name in ("full_text", "paused"):
        if value.lower() not in _ON | _OFF:
            raise SettingError(f"{name} is on or off, not {value!r}")
        return value.lower() in _ON
    if name == "refresh":
        match = _MINUTES.fullmatch(value)
        if match is None or int(match.group(1)) == 0:
            raise SettingError(f"refresh is minutes (or 2h, 1d), more than 0, not {value!r}")
        return int(match.group(1)) * _MINUTES_PER[(match.group(2) or "m").lower()]
    if name in ("keep_days", "keep_per_feed"):
        if not value.isdigit() or len(value) > 9:
            raise SettingError(f"{name} is a whole number (0: no limit), not {value!r}")
        return int(value)
    return value[:MAX_TITLE_CHARS]


WEB_ONLY_SETTINGS = ("full_text",)
"""Settings that only mean something for a web feed (a local file has no page to fetch)."""


def setting_problem(store: Store, source_id: int, changes: list[SettingChange]) -> str | None:
    """Why these changes do not fit this source (one line), or None when they do.

    Full text is refused for a local file or folder: its articles have no web page.
    """
    states = store.feed_states([source_id])
    if not states or states[0].kind != LOCAL_KIND:
        return None
    for change in changes:
        if change.name in WEB_ONLY_SETTINGS and change.value:
            return (
                f"{change.name} is for web feeds: {display_text(states[0].title)} is a local "
                "file or folder, its articles have no web page to fetch"
            )
    return None


def apply_settings(store: Store, source_id: int, changes: list[SettingChange]) -> bool:
    """Write the changes to one source (full text through the store's own method).

    Returns:
        Whether the source exists.

    Raises:
        SettingError: a change does not fit the source (see `setting_problem`); nothing is
            written then.
    """
    problem = setting_problem(store, source_id, changes)
    if problem is not None:
        raise SettingError(problem)
    columns: dict[str, object] = {}
    for change in changes:
        if change.name == "full_text":
            if not store.set_full_text(source_id, bool(change.value)):
                return False
        else:
            column = "refresh_minutes" if change.name == "refresh" else change.name
            columns[column] = change.value
    return store.set_feed_settings(source_id, columns)


def describe_settings(settings: FeedSettings) -> list[tuple[str, str]]:
    """(name, shown value) of each setting, `default` for the config's value."""

    def shown(value: object, unit: str = "") -> str:
        return "default" if value is None else f"{value}{unit}"

    return [
        ("title", settings.title_override or f"default ({settings.title})"),
        ("category", shown(settings.category)),
        ("refresh", shown(settings.refresh_minutes, " min")),
        ("keep_days", shown(settings.keep_days)),
        ("keep_per_feed", shown(settings.keep_per_feed)),
        ("full_text", "on" if settings.full_text else "off"),
        ("paused", "on" if settings.paused else "off"),
    ]


def settings_summary(settings: FeedSettings | None) -> str:
    """The settings that differ from config.toml's in a few words, e.g.
    `paused, refresh 90 min, keep 30 d` (empty when there are none)."""
    if settings is None:
        return ""
    parts = ["paused"] if settings.paused else []
    if settings.category:
        parts.append(f"category {settings.category}")
    if settings.refresh_minutes is not None:
        parts.append(f"refresh {settings.refresh_minutes} min")
    if settings.keep_days is not None:
        parts.append(f"keep {settings.keep_days} d")
    if settings.keep_per_feed is not None:
        parts.append(f"keep {settings.keep_per_feed}")
    if settings.full_text:
        parts.append("full text")
    return ", ".join(parts)
