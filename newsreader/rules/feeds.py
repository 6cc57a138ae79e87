"""Query feeds (`[[query]]`) and killfiles (`[[ignore]]`) from config.toml, as conditions.

    [[query]]
    title = "Quoted: the mayor"
    filter = 'speaker ~ "Okonjo" and age < 30d'

    [[ignore]]
    filter = 'title ~ "sponsored"'
    source = "https://example.org/feed"      # optional: only in this feed

A query feed is a saved filter shown like a feed; the killfile hides what any of its rules
matches from every list and count. Both are compiled afresh when used, so `age` counts back
from the moment of use.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsreader.rules.compile import Condition, compile_rule
from newsreader.rules.lexer import RuleError
from newsreader.rules.parser import And, Comparison, Node, Or, parse_rule


@dataclass(frozen=True, slots=True)
class QueryFeed:
    """A saved filter shown as a feed."""

    title: str
    filter: str
    """The filter as written (it parsed when the config was read)."""


@dataclass(frozen=True, slots=True)
class IgnoreRule:
    """One killfile rule: articles matching `filter` (in `source`, if given) are hidden."""

    filter: str
    source: str | None = None
    """A feed's title, URL, path or id (as `source = ...` in a filter); None: every feed."""


def find_query(queries: Sequence[QueryFeed], title: str) -> QueryFeed:
    """The query feed titled `title`, in any case (`quoted: the mayor` finds `Quoted: the
    Mayor`); a title written exactly so wins over others differing only by case.

    Raises:
        LookupError: none has that title, or several differ from it only by case (the
            message names them).
    """
    exact = [query for query in queries if query.title == title]
    if exact:
        return exact[0]
    folded = title.casefold()
    matches = [query for query in queries if query.title.casefold() == folded]
    if len(matches) == 1:
        return matches[0]
    if matches:
        named = " and ".join(repr(query.title) for query in matches)
        raise LookupError(f"query feed {title!r} is ambiguous: {named} differ only by case")
    titles = ", ".join(repr(query.title) for query in queries) or "none in config.toml"
    raise LookupError(f"no query feed {title!r} (query feeds: {titles})")


def query_condition(query: QueryFeed, now: int | None = None) -> Condition:
    """The condition of a query feed (its filter parsed when the config was read)."""
    return compile_rule(parse_rule(query.filter), now)


def hidden_condition(rules: Sequence[IgnoreRule], now: int | None = None) -> Condition | None:
    """One condition matching whatever any killfile rule matches (None: no rules)."""
    if not rules:
        return None
    return compile_rule(Or(tuple(_ignore_node(rule) for rule in rules)), now)


def _ignore_node(rule: IgnoreRule) -> Node:
    node = parse_rule(rule.filter)
    if rule.source is None:
        return node
    return And((node, Comparison("source", "=", rule.source)))


def _entry_lines(text: str, table: str) -> list[int]:
    """The 1-based line of each `[[table]]` header, in order."""
    header = re.compile(rf"^\s*\[\[\s*{re.escape(table)}\s*\]\]")
    return [n for n, line in enumerate(text.splitlines(), start=1) if header.match(line)]


def read_queries(
    value: object, path: Path, text: str, settings: Collection[str] = ()
) -> tuple[list[QueryFeed], list[str]]:
    """The `[[query]]` tables: each needs a title and a filter that parses.

    Args:
        settings: the top-level config keys, named as such when one is found in an entry.

    Returns:
        The usable query feeds and one warning line per unusable entry (file:line: why).
    """
    queries: list[QueryFeed] = []
    warnings: list[str] = []
    lines = _entry_lines(text, "query")
    titles: set[str] = set()
    for index, entry in enumerate(value if isinstance(value, list) else [value]):
        where = f"{path}:{lines[index]}" if index < len(lines) else str(path)
        problem = _entry_problem(entry, ("title", "filter"), settings=settings)
        if problem is None and entry["title"] in titles:
            problem = f"a query feed titled {entry['title']!r} is already defined; skipped"
        if problem is not None:
            warnings.append(f"{where}: [[query]] {problem}")
            continue
        titles.add(entry["title"])
        queries.append(QueryFeed(entry["title"], entry["filter"]))
    return queries, warnings


def read_ignores(
    value: object, path: Path, text: str, settings: Collection[str] = ()
) -> tuple[list[IgnoreRule], list[str]]:
    """The `[[ignore]]` tables: a filter that parses, and optionally a source.

    Args:
        settings: the top-level config keys, named as such when one is found in an entry.
    """
    rules: list[IgnoreRule] = []
    warnings: list[str] = []
    lines = _entry_lines(text, "ignore")
    for index, entry in enumerate(value if isinstance(value, list) else [value]):
        where = f"{path}:{lines[index]}" if index < len(lines) else str(path)
        problem = _entry_problem(entry, ("filter",), optional=("source",), settings=settings)
        if problem is not None:
            warnings.append(f"{where}: [[ignore]] {problem}")
            continue
        rules.append(IgnoreRule(entry["filter"], entry.get("source")))
    return rules, warnings


def _entry_problem(
    entry: object,
    required: tuple[str, ...],
    optional: tuple[str, ...] = (),
    settings: Collection[str] = (),
) -> str | None:
    """Why one table cannot be used (unknown keys, missing or non-string keys, a filter with
    an error); every unknown key is named, and a top-level setting is said to be one."""
    if not isinstance(entry, dict):
        return "must be a table ([[...]] followed by key = value lines); skipped"
    unknown = sorted(set(entry) - {*required, *optional})
    if unknown:
        named = ", ".join(repr(key) for key in unknown)
        problem = f"unknown key{'s' if len(unknown) > 1 else ''} {named}"
        misplaced = [key for key in unknown if key in settings]
        if misplaced:
            verb, pronoun = (
                ("is a setting", "it") if len(misplaced) == 1 else ("are settings", "them")
            )
            problem += (
                f" ({', '.join(misplaced)} {verb} of the whole file: put {pronoun} above the first "
                "[[...]] table, or TOML reads it as part of this entry)"
            )
        missing = [key for key in required if key not in entry]
        if missing:
            problem += "; needs " + ", ".join(f'{key} = "..."' for key in missing)
        return problem + "; skipped"
    for key in (*required, *optional):
        present = key in entry
        if (key in required and not present) or (
            present and not (isinstance(entry[key], str) and entry[key].strip())
        ):
            return f'needs {key} = "..." (a non-empty string); skipped'
    try:
        parse_rule(entry["filter"])
    except RuleError as error:
        return f"filter {error}; skipped"
    return None


def toml_string(text: str) -> str:
    """`text` as a TOML string: a literal '...' when it can be one, else an escaped "..."."""
    if "'" not in text and not any(char < " " or char == "\x7f" for char in text):
        return f"'{text}'"
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(char if char >= " " and char != "\x7f" else f"\\u{ord(char):04x}"
                      for char in escaped)  # fmt: skip
    return f'"{escaped}"'


def append_query(path: Path, query: QueryFeed) -> None:
    """Add a `[[query]]` table at the end of config.toml, leaving the rest of it as it was.

    Raises:
        RuleError: the filter does not parse (nothing is written).
        ValueError: the file would not be valid TOML with the table added (an inline
            `query = [...]`, or it is broken already); nothing is written.
        OSError: the file cannot be written.
    """
    parse_rule(query.filter)
    block = (
        f"\n[[query]]\ntitle = {toml_string(query.title)}\nfilter = {toml_string(query.filter)}\n"
    )
    existing = path.read_text(encoding="utf-8") if path.exists() else ""
    separator = "" if not existing or existing.endswith("\n") else "\n"
    text = existing + separator + block
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        # An inline `query = [...]`, or a file already broken: never make it worse.
        raise ValueError(
            f"{path}: a [[query]] table cannot be added to it as it is ({error}); "
            "add the query feed by hand"
        ) from None
    # Written whole then renamed, so a crash never leaves half a config.
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)
