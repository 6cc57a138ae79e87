"""User settings from `config.toml`: a Config dataclass and a loader that never refuses to start.

A wrong key or value produces one warning line naming the file, line and key; that key keeps its
default and the rest of the file still applies.
"""

from __future__ import annotations

import logging
import math
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from newsreader.rules.feeds import IgnoreRule, QueryFeed, read_ignores, read_queries

logger = logging.getLogger(__name__)

SYNC_SERVICES = ("greader",)
"""Sync protocols spoken: the Google Reader API (FreshRSS, Miniflux, Inoreader, ...)."""


@dataclass(frozen=True, slots=True)
class SyncSettings:
    """The `[sync]` table: one account on a sync server. Never holds the password itself."""

    service: str = ""
    """`greader`, or empty for no account."""
    url: str = ""
    """The API's base URL, e.g. `https://rss.example.org/api/greader.php`."""
    username: str = ""
    password_command: str = ""
    """A shell command whose first line of output is the password (`pass show rss`)."""
    password_file: str = ""
    """A file whose first line is the password (`~` is expanded)."""
    sync_on_start: bool = False
    """Sync when the app starts."""
    max_items: int = 2000
    """At most this many of the newest items are fetched from the server's stream."""

    @property
    def configured(self) -> bool:
        """Whether an account is set up enough to try (the password may still be wrong)."""
        has_password = bool(self.password_command or self.password_file)
        return self.service in SYNC_SERVICES and bool(self.url and self.username) and has_password


@dataclass(frozen=True, slots=True)
class Config:
    """Settings the app reads at start."""

    theme: str = ""
    """Name of a Textual theme; empty means the one last chosen in the app (else the default)."""
    show_quote_pane: bool = True
    """Whether the quote pane is shown at start (narrow terminals hide it anyway)."""
    show_sources_pane: bool = False
    """Whether the sources pane is shown at start."""
    mark_read_on_open: bool = True
    """Whether opening an article marks it read."""
    refresh_on_start: bool = False
    """Refresh every feed when the app starts."""
    refresh_interval_minutes: int = 0
    """Refresh every feed this often while the app runs (0: never)."""
    max_connections: int = 8
    """How many feeds are fetched at once."""
    fetch_timeout_seconds: float = 15.0
    """Total time one feed may take (connect, redirects and body)."""
    max_feed_megabytes: int = 20
    """Largest feed body accepted, measured after decompression."""
    keep_days: int = 90
    """Drop read, unstarred articles older than this many days after a refresh (0: keep all);
    unread and starred articles are never dropped by age."""
    keep_per_feed: int = 5000
    """Keep at most this many unstarred articles per feed, newest first (0: no limit); bounds
    a feed that invents new entries on every refresh."""
    keys: dict[str, str] = field(default_factory=dict)
    """Key overrides: binding id → keys, e.g. `next_unread = "n,ctrl+n"` under `[keys]`."""
    sync: SyncSettings = field(default_factory=SyncSettings)
    """The sync account (`[sync]`), if any."""
    save_folder: str = ""
    """Where `e` saves articles as Markdown (empty: a `newsreader` folder in Documents)."""
    pipe_to: str = ""
    """A command `|` hands the article to as Markdown on its input (newsboat's pipe-to); split
    like a shell would, but run without one."""
    browser: str = ""
    """The command `o` opens links with, newsboat's convention: `w3m %u` (`%u` is the URL);
    empty: `$BROWSER`, else the desktop's browser, else a text-mode one."""
    queries: tuple[QueryFeed, ...] = ()
    """`[[query]]` tables: saved filters shown as feeds."""
    ignores: tuple[IgnoreRule, ...] = ()
    """`[[ignore]]` tables: the killfile."""


MAX_WARNINGS = 10
"""Warnings reported one by one; more are counted in one last line."""
RANGES: dict[str, tuple[float, float]] = {
    "refresh_interval_minutes": (0, 7 * 24 * 60),
    "max_connections": (1, 64),
    "fetch_timeout_seconds": (1.0, 600.0),
    "max_feed_megabytes": (1, 1024),
    "keep_days": (0, 100 * 366),
    "keep_per_feed": (0, 10_000_000),
}
"""Allowed values of the numeric settings; outside them the default is used, with a warning."""


DEFAULT_CONFIG_TEXT = """\
# newsreader configuration. Delete a line to get its default back.

# A Textual theme name (ctrl+p, "theme" lists them). Unset: the theme you last chose.
# theme = "textual-dark"

# Panes shown at start (the quote pane hides itself below 100 columns; t shows it).
# show_quote_pane = true
# show_sources_pane = false

# Mark an article read when you open it.
# mark_read_on_open = true

# The browser `o` opens links with; %u is the URL (newsboat's convention). Text-mode browsers
# (w3m, lynx, links, elinks) take the terminal while the reader waits. Unset: $BROWSER, else
# the desktop's browser, else www-browser, w3m, lynx, elinks or links.
# browser = "w3m %u"

# Refreshing feeds (local files and folders are rescanned too).
# refresh_on_start = false
# refresh_interval_minutes = 0      # 0: only when asked (r / R)
# max_connections = 8
# fetch_timeout_seconds = 15.0
# max_feed_megabytes = 20

# Retention after each refresh (0 means no limit). Starred articles, and articles still in
# the feed, are never dropped. keep_days drops read articles older than that many days
# (unread ones stay); keep_per_feed keeps the newest that many unstarred articles per feed.
# keep_days = 90
# keep_per_feed = 5000

# Saving (e) and piping (|) an article, as Markdown. pipe_to runs without a shell.
# save_folder = "~/Documents/newsreader"
# pipe_to = "wc -w"

# Query feeds: saved filters shown as feeds (`newsreader list --filter` tries one out).
# Fields: title text source category author speaker quote link read starred age date;
# operators = != ~ !~ < > and or not ( ).
# [[query]]
# title = "Quoted: the mayor"
# filter = 'speaker ~ "Okonjo" and age < 30d'

# Killfile: matching articles are never shown or counted (`newsreader list --ignored`).
# [[ignore]]
# filter = 'title ~ "sponsored"'
# source = "https://example.org/feed.xml"   # optional: only in this feed

# Keys: binding id = "keys" (comma-separated). The ids are listed by `?` in the app
# and in the README, e.g.:
# [keys]
# next_unread = "n,ctrl+n"
# toggle_star = "s,f"

# Sync with a Google Reader API server (FreshRSS, Miniflux, Inoreader, The Old Reader...).
# The password is never written here: give a command that prints it, or a file holding it.
# [sync]
# service = "greader"
# url = "https://rss.example.org/api/greader.php"
# username = "reader"
# password_command = "pass show rss"    # or password_file = "~/.config/newsreader/rss-pass"
# sync_on_start = false
# max_items = 2000                      # newest items fetched from the server
"""


def _key_lines(text: str) -> dict[str, int]:
    """The 1-based line where each `key = ...` is first set, found in one pass over the text."""
    lines: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        key = line.split("=", 1)[0].strip()
        if key and not key.startswith(("#", "[")):
            lines.setdefault(key.strip("\"'"), number)
        elif key.startswith("["):
            lines.setdefault(key.strip("[] "), number)
    return lines


def load_config(path: Path) -> tuple[Config, list[str]]:
    """Read `path` into a Config, writing a commented default file when it does not exist.

    Args:
        path: Location of `config.toml`.

    Returns:
        The config, and one warning line per problem found (the app shows them and goes on).
    """
    try:
        exists = path.exists()
    except OSError as error:  # a folder this user may not look into
        logger.warning("cannot look for the config %s", path, exc_info=error)
        return Config(), [f"{path}: cannot read: {error.strerror or error}; using defaults"]
    if not exists:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(DEFAULT_CONFIG_TEXT, encoding="utf-8")
        except OSError as error:
            logger.warning("cannot write the default config %s", path, exc_info=error)
            return Config(), [f"{path}: cannot write default config: {error.strerror}"]
        return Config(), []
    try:
        text = path.read_text(encoding="utf-8")
        values = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as error:
        logger.warning("cannot read the config %s", path, exc_info=error)
        return Config(), [f"{path}: cannot read: {error}"]
    except tomllib.TOMLDecodeError as error:
        logger.warning("the config %s is not valid TOML: %s; using defaults", path, error)
        return Config(), [f"{path}: not valid TOML ({error}); using defaults"]
    config, warnings = _apply(values, path, text)
    return config, _capped(warnings, path)


def _capped(warnings: list[str], path: Path) -> list[str]:
    """At most MAX_WARNINGS lines, the rest summed up in one (a start never floods the screen)."""
    if len(warnings) <= MAX_WARNINGS:
        return warnings
    more = len(warnings) - MAX_WARNINGS
    return [*warnings[:MAX_WARNINGS], f"{path}: … and {more} more problems; fix the ones above"]


def _apply(values: dict[str, Any], path: Path, text: str) -> tuple[Config, list[str]]:
    """Apply known keys with the right types; report the rest."""
    config = Config()
    warnings: list[str] = []
    known = {f.name: f for f in fields(Config) if f.name not in TABLE_ARRAYS.values()}
    key_lines = _key_lines(text)
    for key, value in values.items():
        line = key_lines.get(key)
        where = f"{path}:{line}" if line else str(path)
        if key in TABLE_ARRAYS:
            config = _apply_table_array(config, key, value, path, text, warnings)
            continue
        if key not in known:
            warnings.append(f"{where}: unknown key {key!r}; ignored")
            continue
        if key == "keys":
            keys, problems = _key_overrides(value, where)
            warnings.extend(problems)
            config = replace(config, keys=keys)
            continue
        if key == "sync":
            sync, problems = _sync_settings(value, where)
            warnings.extend(problems)
            config = replace(config, sync=sync)
            continue
        expected = type(getattr(config, key))
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            warnings.append(
                f"{where}: {key} must be {expected.__name__}, not {value!r}; using the default"
            )
            continue
        problem = _out_of_range(key, value)
        if problem:
            default = getattr(config, key)
            warnings.append(f"{where}: {key} {problem}, not {value!r}; using {default!r}")
            continue
        config = replace(config, **{key: value})
    return config, warnings


TABLE_ARRAYS = {"query": "queries", "ignore": "ignores"}
"""`[[query]]` and `[[ignore]]` → the Config field holding them."""
_SETTINGS = frozenset(f.name for f in fields(Config) if f.name not in TABLE_ARRAYS.values())
"""The top-level keys: written below a `[[...]]` header, they belong to that entry instead."""


def _apply_table_array(
    config: Config, key: str, value: object, path: Path, text: str, warnings: list[str]
) -> Config:
    """Query feeds or killfile rules: the usable entries kept, one warning per other."""
    if key == "query":
        queries, problems = read_queries(value, path, text, _SETTINGS)
        warnings.extend(problems)
        return replace(config, queries=tuple(queries))
    ignores, problems = read_ignores(value, path, text, _SETTINGS)
    warnings.extend(problems)
    return replace(config, ignores=tuple(ignores))


def _out_of_range(key: str, value: object) -> str | None:
    """Why a number is unusable for `key` (NaN, infinite, too small or too large), or None."""
    bounds = RANGES.get(key)
    if bounds is None or not isinstance(value, int | float):
        return None
    low, high = bounds
    if not math.isfinite(value) or not low <= value <= high:
        return f"must be between {low:g} and {high:g}"
    return None


def _key_overrides(value: object, where: str) -> tuple[dict[str, str], list[str]]:
    """The `[keys]` table: binding id → key string; anything else is reported."""
    if not isinstance(value, dict):
        return {}, [f'{where}: keys must be a table like [keys] next_unread = "n"']
    keys: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, key_string in value.items():
        if isinstance(key_string, str) and key_string.strip():
            keys[binding_id] = key_string.replace(" ", "")
        else:
            problems.append(f'{where}: keys.{binding_id} must be a key string like "ctrl+n"')
    return keys, problems


PLAIN_PASSWORD_REFUSED = (
    "sync.password is refused: a password written in config.toml is read by anyone who can "
    'read the file (backups, dotfile repositories); use password_command = "pass show rss" '
    'or password_file = "~/.config/newsreader/rss-pass" instead'
)


def _sync_settings(value: object, where: str) -> tuple[SyncSettings, list[str]]:
    """The `[sync]` table; a plain `password` is refused, other problems reported one by one."""
    if not isinstance(value, dict):
        return SyncSettings(), [f'{where}: sync must be a table like [sync] service = "greader"']
    settings = SyncSettings()
    problems: list[str] = []
    known = {item.name: item for item in fields(SyncSettings)}
    for key, item in value.items():
        if key == "password":
            problems.append(f"{where}: {PLAIN_PASSWORD_REFUSED}")
            continue
        if key not in known:
            problems.append(f"{where}: unknown key sync.{key}; ignored")
            continue
        expected = type(getattr(settings, key))
        if not isinstance(item, expected) or (expected is int and isinstance(item, bool)):
            problems.append(f"{where}: sync.{key} must be {expected.__name__}; using the default")
            continue
        if key == "service" and item not in SYNC_SERVICES:
            problems.append(f"{where}: sync.service {item!r} is not one of {SYNC_SERVICES}")
            continue
        if key == "max_items" and not 1 <= item <= 1_000_000:
            problems.append(f"{where}: sync.max_items must be between 1 and 1000000")
            continue
        settings = replace(settings, **{key: item})
    return settings, problems


def load_ui_state(path: Path) -> dict[str, str]:
    """What the app remembers between runs (the chosen theme); empty when unreadable."""
    try:
        values = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        if not isinstance(error, FileNotFoundError):  # no state yet is the first run
            logger.warning("cannot read the remembered state %s: %s", path, error)
        return {}
    return {key: value for key, value in values.items() if isinstance(value, str)}


def save_ui_state(path: Path, state: dict[str, str]) -> None:
    """Remember `state` for the next run (written whole, then renamed, so never half-written)."""
    lines = [f"{key} = {_toml_string(value)}" for key, value in sorted(state.items())]
    temporary = path.with_suffix(".tmp")
    try:
        temporary.write_text("\n".join(lines) + "\n", encoding="utf-8")
        temporary.replace(path)
    except OSError:
        pass  # remembering the theme is a nicety, never a reason to fail


def _toml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
