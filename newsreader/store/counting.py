"""Counting the unread articles of many filters at once (query feeds in the sources pane).

A filter that SQLite can answer from an index (the full-text index, the date index, the
source index, a speaker's quotes) is counted by its own subquery; the filters that must look
at every unread article (`title ~`, `author =`, `starred or ...`) share one pass over them,
which costs about one of them instead of one each. Which is which is read from SQLite's own
query plan: only the speed depends on it, never the counts.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

SqlCondition = tuple[str, tuple[object, ...]]
_WHOLE_PASS = ("SCAN articles", "USING INDEX articles_unread_by_date (read=?)",
               "USING COVERING INDEX articles_unread_by_date (read=?)")  # fmt: skip
"""Plan lines that mean every unread article is visited."""


def needs_whole_pass(connection: sqlite3.Connection, condition: SqlCondition) -> bool:
    """Whether counting the unread articles matching `condition` visits all of them."""
    sql, parameters = condition
    plan = connection.execute(
        f"EXPLAIN QUERY PLAN SELECT count(*) FROM articles WHERE read = 0 AND ({sql})",
        parameters,
    ).fetchall()
    top = [str(row[-1]) for row in plan if row[1] == 0]
    return any(line.startswith(_WHOLE_PASS[0]) or line.endswith(_WHOLE_PASS[1:]) for line in top)


def count_statement(
    conditions: Sequence[SqlCondition], whole_pass: Sequence[bool], hidden: SqlCondition | None
) -> tuple[str, list[object]]:
    """One statement returning one row: the unread count of each condition, in order.

    Args:
        conditions: Compiled filters.
        whole_pass: For each, whether it is counted in the shared pass (see module docstring).
        hidden: The killfile, worked out once (a materialised list of hidden unread ids).
    """
    parameters: list[object] = []
    prefix, visible = "", ""
    if hidden is not None:
        prefix = (
            "WITH hidden_ids AS MATERIALIZED "
            f"(SELECT id FROM articles WHERE read = 0 AND ({hidden[0]})) "
        )
        visible = " AND id NOT IN hidden_ids"
        parameters.extend(hidden[1])
    columns = []
    for (sql, values), shared in zip(conditions, whole_pass, strict=True):
        if shared:
            columns.append(f"coalesce(sum(CASE WHEN ({sql}) THEN 1 ELSE 0 END), 0)")
        else:
            columns.append(f"(SELECT count(*) FROM articles WHERE read = 0 AND ({sql}){visible})")
        parameters.extend(values)
    source = f" FROM articles WHERE read = 0{visible}" if any(whole_pass) else ""
    return f"{prefix}SELECT {', '.join(columns)}{source}", parameters
