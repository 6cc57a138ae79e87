"""What every part of the store shares: the connection and the transaction helper."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator


class Transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK when the block raises.

    IMMEDIATE takes the write lock up front, so two writers queue on the busy timeout instead of
    one failing with "database is locked" when it tries to upgrade a read lock.

    Inside another transaction it is a savepoint instead, so a write that is one transaction
    on its own (saving a source) can also be one step of a larger one (saving a synced page).

    Inside `StoreBase.joined_transaction` it joins the transaction that is open, as a
    plain part of it (see there).
    """

    def __init__(self, connection: sqlite3.Connection, *, join: bool = False) -> None:
        self._connection = connection
        self._nested = False
        self._join = join

    def __enter__(self) -> sqlite3.Connection:
        self._nested = self._connection.in_transaction
        if self._nested and self._join:
            return self._connection
        self._connection.execute("SAVEPOINT nested" if self._nested else "BEGIN IMMEDIATE")
        return self._connection

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if self._nested and self._join:
            return
        if self._nested:
            if kind is not None:
                self._connection.execute("ROLLBACK TO nested")
            self._connection.execute("RELEASE nested")
            return
        self._connection.execute("COMMIT" if kind is None else "ROLLBACK")


class StoreBase:
    """Holds the connection; the feature mixins (feeds, search) build on it."""

    _connection: sqlite3.Connection
    _joining = False

    def transaction(self) -> Transaction:
        """A context manager that commits on success and rolls back on error."""
        return Transaction(self._connection, join=self._joining)

    @contextlib.contextmanager
    def joined_transaction(self, cache_kib: int = 0) -> Iterator[sqlite3.Connection]:
        """One transaction for many writes that are each a transaction of its own: the parts of
        a large import. Inside it their transactions join it instead of becoming savepoints,
        and an error in one rolls all of them back.

        Savepoints cost the import most of its time: FTS5 writes its pending rows out as a
        new segment at every savepoint (100,000 articles: 22 s instead of 6).

        Args:
            cache_kib: A page cache of this many KiB for the transaction (0: as it is), so
                pages it changes again (the date indexes take entries everywhere) are
                changed in memory rather than spilled and read back.
        """
        (previous,) = self._connection.execute("PRAGMA cache_size").fetchone()
        if cache_kib:
            self._connection.execute(f"PRAGMA cache_size = -{int(cache_kib)}")
        joining = self._joining  # an enclosing joined transaction keeps joining after this
        try:
            with self.transaction() as connection:
                self._joining = True
                try:
                    yield connection
                finally:
                    self._joining = joining
        finally:
            self._connection.execute(f"PRAGMA cache_size = {int(previous)}")
