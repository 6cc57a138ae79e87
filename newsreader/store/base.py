"""What every part of the store shares: the connection and the transaction helper."""

from __future__ import annotations

import sqlite3


class Transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK when the block raises.

    IMMEDIATE takes the write lock up front, so two writers queue on the busy timeout instead of
    one failing with "database is locked" when it tries to upgrade a read lock.
    """

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def __enter__(self) -> sqlite3.Connection:
        self._connection.execute("BEGIN IMMEDIATE")
        return self._connection

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        self._connection.execute("COMMIT" if kind is None else "ROLLBACK")


class StoreBase:
    """Holds the connection; the feature mixins (feeds, search) build on it."""

    _connection: sqlite3.Connection

    def transaction(self) -> Transaction:
        """A context manager that commits on success and rolls back on error."""
        return Transaction(self._connection)
