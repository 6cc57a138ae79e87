"""What every part of the store shares: the connection and the transaction helper."""

from __future__ import annotations

import sqlite3


class Transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK when the block raises.

    IMMEDIATE takes the write lock up front, so two writers queue on the busy timeout instead of
    one failing with "database is locked" when it tries to upgrade a read lock.

    Inside another transaction it is a savepoint instead, so a write that is one transaction
    on its own (saving a source) can also be one step of a larger one (saving a synced page).
    """

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        self._nested = False

    def __enter__(self) -> sqlite3.Connection:
        self._nested = self._connection.in_transaction
        self._connection.execute("SAVEPOINT nested" if self._nested else "BEGIN IMMEDIATE")
        return self._connection

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if self._nested:
            if kind is not None:
                self._connection.execute("ROLLBACK TO nested")
            self._connection.execute("RELEASE nested")
            return
        self._connection.execute("COMMIT" if kind is None else "ROLLBACK")


class StoreBase:
    """Holds the connection; the feature mixins (feeds, search) build on it."""

    _connection: sqlite3.Connection

    def transaction(self) -> Transaction:
        """A context manager that commits on success and rolls back on error."""
        return Transaction(self._connection)
