"""Compile a filter tree into a parameterised SQL condition over the `articles` table.

The condition names `articles` columns unqualified and reaches other tables only through
uncorrelated subqueries (`id IN (SELECT ...)`, `source_id IN (SELECT ...)`), so it can be
pasted after `WHERE` in any query over `articles` alone. SQLite runs each subquery once per
statement. Every value the user wrote travels as a parameter; words for the full-text index
are quoted as one FTS5 phrase, so FTS5 operators in them are plain words. The condition is
never NULL (nullable columns are coalesced), so `NOT (condition)` is exactly its complement.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import NamedTuple

from newsreader.models import parse_row_id
from newsreader.rules.parser import And, Comparison, Node, Not, Or, parse_rule


class Condition(NamedTuple):
    """An SQL condition over `articles` and the parameters for its `?` placeholders."""

    sql: str
    parameters: tuple[object, ...]


MATCH_NOTHING = Condition("0", ())
MATCH_EVERYTHING = Condition("1", ())
_LIKE_ESCAPE = " ESCAPE '\\'"
_SOURCE_TITLE = "coalesce(s.title_override, s.title)"


def filter_condition(source: str, now: int | None = None) -> Condition:
    """Parse and compile a filter in one step.

    Args:
        source: The filter as written.
        now: Unix seconds that `age` counts back from (default: the current time).

    Raises:
        RuleError: the filter cannot be read (the message names the column).
    """
    return compile_rule(parse_rule(source), now)


def compile_rule(node: Node, now: int | None = None) -> Condition:
    """The SQL condition for a parsed filter; `now` (unix seconds) anchors `age`."""
    return _compile(node, int(time.time()) if now is None else now)


def _compile(node: Node, now: int) -> Condition:
    if isinstance(node, Not):
        inner = _compile(node.operand, now)
        return Condition(f"NOT ({inner.sql})", inner.parameters)
    if isinstance(node, And | Or):
        parts = [_compile(operand, now) for operand in node.operands]
        if isinstance(node, Or):
            parts = _united(parts)
            if len(parts) == 1:
                return parts[0]
        joiner = " AND " if isinstance(node, And) else " OR "
        sql = joiner.join(f"({part.sql})" for part in parts)
        return Condition(sql, tuple(value for part in parts for value in part.parameters))
    return _COMPARISONS[node.field](node, now)


_MEMBERSHIPS = ("id IN (", "source_id IN (")
"""How the comparisons on other tables begin: `column IN (subquery)`."""


def _united(parts: list[Condition]) -> list[Condition]:
    """`id IN (A) OR id IN (B)` as `id IN (A UNION ALL B)`: SQLite then reads the articles
    by their ids instead of testing both lists against every article (the same for
    `source_id`). Other parts stay as they are, in order."""
    kept: list[Condition] = []
    groups: dict[str, list[Condition]] = {}
    for part in parts:
        prefix = next((p for p in _MEMBERSHIPS if part.sql.startswith(p)), None)
        if prefix is None:
            kept.append(part)
        else:
            groups.setdefault(prefix, []).append(part)
    for prefix, members in groups.items():
        inner = " UNION ALL ".join(member.sql[len(prefix) : -1] for member in members)
        values = tuple(value for member in members for value in member.parameters)
        kept.append(Condition(f"{prefix}{inner})", values))
    return kept


def _negated(condition: Condition, operator: str) -> Condition:
    """`!=` and `!~` are the complement of `=` and `~`."""
    if operator.startswith("!"):
        return Condition(f"NOT ({condition.sql})", condition.parameters)
    return condition


def _like(text: str) -> str:
    """A LIKE pattern for "contains `text`", its wildcards escaped."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _text_column(column: str) -> Callable[[Comparison, int], Condition]:
    """`=` (any case) and `~` (contains, any case) on a column of `articles`."""

    def compiled(node: Comparison, now: int) -> Condition:
        value = str(node.value)
        # `IS NOT NULL AND` keeps the condition from being NULL (so NOT is its complement)
        # without wrapping the column in a function, which would hide it from any index.
        if node.operator in ("~", "!~"):
            test, parameter = f"{column} LIKE ?{_LIKE_ESCAPE}", _like(value)
        else:
            test, parameter = f"{column} = ? COLLATE NOCASE", value
        condition = Condition(f"({column} IS NOT NULL AND {test})", (parameter,))
        return _negated(condition, node.operator)

    return compiled


def fts_phrase(text: str, columns: str) -> str:
    """An FTS5 expression matching `text` as one phrase, its last word as a prefix, in
    `columns` (e.g. ``title body``). Double quotes are doubled, so nothing in `text` is
    FTS5 syntax; a phrase without words matches nothing."""
    phrase = text.replace('"', '""')
    return f'{{{columns}}} : "{phrase}" *'


def _full_text(columns: str) -> Callable[[Comparison, int], Condition]:
    def compiled(node: Comparison, now: int) -> Condition:
        condition = Condition(
            "id IN (SELECT rowid FROM article_search WHERE article_search MATCH ?)",
            (fts_phrase(str(node.value), columns),),
        )
        return _negated(condition, node.operator)

    return compiled


def _quote(node: Comparison, now: int) -> Condition:
    """Quoted words through the index's quotes column; `=` compares a whole quote."""
    if node.operator in ("~", "!~"):
        return _full_text("quotes")(node, now)
    condition = Condition(
        "id IN (SELECT q.article_id FROM quotes q WHERE q.text = ? COLLATE NOCASE)",
        (str(node.value),),
    )
    return _negated(condition, node.operator)


def _speaker(node: Comparison, now: int) -> Condition:
    """Anyone quoted (or the author of an embedded post) in the article."""
    value = str(node.value)
    if node.operator in ("~", "!~"):
        test, parameter = f"q.speaker LIKE ?{_LIKE_ESCAPE}", _like(value)
    else:
        test, parameter = "q.speaker = ? COLLATE NOCASE", value
    condition = Condition(
        # IS NOT NULL lets SQLite use the partial index quotes_by_speaker.
        f"id IN (SELECT q.article_id FROM quotes q WHERE q.speaker IS NOT NULL AND {test})",
        (parameter,),
    )
    return _negated(condition, node.operator)


def _source(node: Comparison, now: int) -> Condition:
    """What the list shows as the source: the article's own source name (an aggregator's or
    a local folder's entry carries one), or its feed's title (or the user's title for it),
    URL or path; a number is the feed's id.

    The feed half reaches the articles through their source index; the article's own name
    is stored only when it differs from the feed's title (else ''), so `<> ''` skips the
    rows that have none before any comparison."""
    value = str(node.value)
    if node.operator in ("~", "!~"):
        pattern = _like(value)
        inner = (
            f"{_SOURCE_TITLE} LIKE ?{_LIKE_ESCAPE} OR s.key LIKE ?{_LIKE_ESCAPE}"
            f" OR s.location LIKE ?{_LIKE_ESCAPE}"
        )
        parameters: tuple[object, ...] = (pattern, pattern, pattern)
        own, own_parameter = f"source_name LIKE ?{_LIKE_ESCAPE}", pattern
    else:
        inner = f"{_SOURCE_TITLE} = ? COLLATE NOCASE OR s.key = ? OR s.location = ?"
        parameters = (value, value, value)
        own, own_parameter = "source_name = ? COLLATE NOCASE", value
        number = parse_row_id(value)
        if number is not None:
            inner += " OR s.id = ?"
            parameters += (number,)
    sql = (
        f"(source_id IN (SELECT s.id FROM sources s WHERE {inner})"
        f" OR (source_name <> '' AND {own}))"
    )
    return _negated(Condition(sql, (*parameters, own_parameter)), node.operator)


def _category(node: Comparison, now: int) -> Condition:
    value = str(node.value)
    if node.operator in ("~", "!~"):
        test, parameter = f"coalesce(s.category, '') LIKE ?{_LIKE_ESCAPE}", _like(value)
    else:
        test, parameter = "coalesce(s.category, '') = ? COLLATE NOCASE", value
    condition = Condition(f"source_id IN (SELECT s.id FROM sources s WHERE {test})", (parameter,))
    return _negated(condition, node.operator)


def _flag(column: str) -> Callable[[Comparison, int], Condition]:
    def compiled(node: Comparison, now: int) -> Condition:
        wanted = bool(node.value) != (node.operator == "!=")
        return Condition(f"{column} = ?", (int(wanted),))

    return compiled


_FLIPPED = {"<": ">", ">": "<", "<=": ">=", ">=": "<="}


def _age(node: Comparison, now: int) -> Condition:
    """`age < 3d`: published (or first seen) less than three days before `now`."""
    assert isinstance(node.value, int)
    # A smaller age is a later time: the comparison on sort_key is the flipped one.
    return Condition(f"sort_key {_FLIPPED[node.operator]} ?", (now - node.value,))


def _date(node: Comparison, now: int) -> Condition:
    """Against a whole UTC day (`date = 2026-01-31` is that day) or an instant.

    An undated article matches no `date` comparison (its sort_key is when it was first
    seen, a date the list does not show); `age` does count from that first sighting."""
    assert isinstance(node.value, datetime)
    start = int(node.value.timestamp())
    end = int((node.value + timedelta(days=1)).timestamp()) if node.day else start + 1
    bounds = {
        "<": ("sort_key < ?", (start,)),
        "<=": ("sort_key < ?", (end,)),
        ">": ("sort_key >= ?", (end,)),
        ">=": ("sort_key >= ?", (start,)),
        "=": ("sort_key >= ? AND sort_key < ?", (start, end)),
    }
    sql, parameters = (
        ("NOT (sort_key >= ? AND sort_key < ?)", (start, end))
        if node.operator == "!="
        else bounds[node.operator]
    )
    # sort_key is `published` when there is one: the index on sort_key still does the work.
    return Condition(f"published IS NOT NULL AND {sql}", parameters)


_COMPARISONS: dict[str, Callable[[Comparison, int], Condition]] = {
    "title": _text_column("title"),
    "text": _full_text("title body"),
    "source": _source,
    "category": _category,
    "author": _text_column("author"),
    "speaker": _speaker,
    "quote": _quote,
    "link": _text_column("link"),
    "read": _flag("read"),
    "starred": _flag("starred"),
    "age": _age,
    "date": _date,
}
