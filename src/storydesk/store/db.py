"""Connections: one writer behind a lock, a small pool of read-only readers (datasette's pattern).

SQLite allows one writer at a time anyway; funnelling every write through one connection and a
lock turns "database is locked" races inside this process into plain waiting, and WAL mode lets
the readers keep reading a consistent snapshot while that writer works.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from os import PathLike
from pathlib import Path
from types import TracebackType
from typing import Self

from ..errors import StorydeskError
from .paths import default_db_path
from .schema import NewerSchemaError, migrate

BUSY_TIMEOUT_S = 10.0
IN_CHUNK = 500  # ids per IN (...) list, well under SQLite's bound-variable limit
WRITER_CACHE_KIB = 32 * 1024  # bounded page cache: enough for the indexes' hot pages, not more


def in_chunks(ids: Sequence[int]) -> Iterator[tuple[list[int], str]]:
    """`ids` in pieces of IN_CHUNK, each with its "?,?,..." placeholder list."""
    for start in range(0, len(ids), IN_CHUNK):
        chunk = list(ids[start : start + IN_CHUNK])
        yield chunk, ",".join("?" * len(chunk))


class StoreError(StorydeskError):
    """The archive could not be opened or used; the message names the database file."""

    def __init__(self, path: str | Path, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = str(path)
        self.problem = problem


class Database:
    """Owns the connections to one SQLite file. `Store` adds the archive's API on top."""

    def __init__(self, path: str | PathLike[str] | None = None, *, readers: int = 4) -> None:
        if readers < 1:
            raise ValueError("readers must be at least 1")
        self.path = Path(path) if path is not None else default_db_path()
        self._lock = threading.RLock()  # re-entrant: API calls nest inside a caller's write()
        self._depth = 0
        self._closed = False
        self._idle: list[sqlite3.Connection] = []
        self._pool_lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(readers)
        self._writer = self._open_writer()

    # -- opening -------------------------------------------------------------------------------

    def _open_writer(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreError(self.path, f"cannot create its directory: {e.strerror or e}") from e
        if self.path.is_dir():
            raise StoreError(self.path, "is a directory, not a database file")
        con: sqlite3.Connection | None = None
        try:
            con = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
            )
            mode = con.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StoreError(self.path, f"cannot use WAL journaling (got {mode!r})")
            # NORMAL is durable across application crashes in WAL mode; only an OS crash or power
            # loss can drop the last commits, which a re-ingest restores.
            con.execute("PRAGMA synchronous=NORMAL")
            con.execute("PRAGMA foreign_keys=ON")
            con.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
            con.execute(f"PRAGMA cache_size=-{WRITER_CACHE_KIB}")
            migrate(con)
        except sqlite3.Error as e:
            if con is not None:
                con.close()
            raise StoreError(self.path, f"cannot open the database: {e}") from e
        except (NewerSchemaError, StoreError) as e:
            if con is not None:
                con.close()
            if isinstance(e, StoreError):
                raise
            raise StoreError(self.path, str(e)) from e
        return con

    def _open_reader(self) -> sqlite3.Connection:
        uri = f"{self.path.resolve().as_uri()}?mode=ro"
        try:
            con = sqlite3.connect(
                uri,
                uri=True,
                timeout=BUSY_TIMEOUT_S,
                isolation_level=None,
                check_same_thread=False,  # the pool hands a connection to one thread at a time
            )
            con.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
            con.execute("PRAGMA query_only=ON")
        except sqlite3.Error as e:
            raise StoreError(self.path, f"cannot open a reader: {e}") from e
        return con

    # -- transactions --------------------------------------------------------------------------

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction on the single writer connection; commits on success.

        Nested calls (from the same thread) become savepoints, so a caller can batch many API
        writes into one commit: `with store.write(): for ...: store.assign(a, s)`.
        """
        with self._lock:
            self._check_open()
            con = self._writer
            depth = self._depth
            begin, ok, fail = (
                ("BEGIN IMMEDIATE", "COMMIT", "ROLLBACK")
                if depth == 0
                else (f"SAVEPOINT sp{depth}", f"RELEASE sp{depth}", f"ROLLBACK TO sp{depth}")
            )
            con.execute(begin)
            self._depth = depth + 1
            try:
                yield con
            except BaseException:
                # Some errors (disk full, I/O) make SQLite roll back by itself; then there is
                # nothing left to undo, and trying would hide the original error.
                if con.in_transaction:
                    con.execute(fail)
                    if depth:
                        con.execute(ok)  # ROLLBACK TO keeps the savepoint open; release it
                raise
            else:
                con.execute(ok)
            finally:
                self._depth = depth

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """A read-only connection from the pool, inside one transaction so that several queries
        see the same snapshot. Blocks while all pool connections are in use."""
        con = self._acquire()
        try:
            con.execute("BEGIN")
            yield con
        finally:
            try:
                if con.in_transaction:
                    con.execute("COMMIT")
            finally:
                self._release(con)

    def _acquire(self) -> sqlite3.Connection:
        self._check_open()
        self._slots.acquire()
        try:
            with self._pool_lock:
                if self._idle:
                    return self._idle.pop()
            return self._open_reader()
        except BaseException:
            self._slots.release()
            raise

    def _release(self, con: sqlite3.Connection) -> None:
        with self._pool_lock:
            if self._closed:
                con.close()
            else:
                self._idle.append(con)
        self._slots.release()

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError(self.path, "the store is closed")

    # -- closing -------------------------------------------------------------------------------

    def close(self) -> None:
        """Close every connection. Readers in use are closed when their `read()` block ends."""
        with self._lock:
            if self._closed:
                return
            with self._pool_lock:
                self._closed = True
                idle, self._idle = self._idle, []
            for con in idle:
                con.close()
            try:
                self._writer.execute("PRAGMA optimize")  # keeps query plans good as tables grow
            finally:
                self._writer.close()

    @property
    def closed(self) -> bool:
        return self._closed

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
