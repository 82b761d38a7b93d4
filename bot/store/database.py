"""Opening the SQLite database (WAL, busy timeout), applying every migration set, and write transactions."""

from __future__ import annotations

import contextlib
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

# Each concern registers its own migration set (core, ledger, incidents, ...) in its store module;
# `open_database` applies them all, in registration order.
_MIGRATION_SETS: list[Migrations] = []


def register_migrations(migrations: Migrations) -> Migrations:
    if all(existing.name != migrations.name for existing in _MIGRATION_SETS):
        _MIGRATION_SETS.append(migrations)
    return migrations


def open_database(path: Path | str | None) -> Database:
    """Open (creating if needed) the database at `path`, or an in-memory one for None/":memory:"."""
    if path is None or str(path) == ":memory:":
        db = Database(memory=True)
        db.conn.isolation_level = None  # as for files: transactions are explicit
    else:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: we manage transactions ourselves (BEGIN IMMEDIATE in write_transaction).
        conn = sqlite3.connect(str(path), timeout=30.0, isolation_level=None, check_same_thread=False)
        db = Database(conn)
        db.enable_wal()
        # WAL + NORMAL: no fsync per commit, still never corrupt; a power cut may lose the last moments.
        db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA busy_timeout = 30000")
    db.execute("PRAGMA foreign_keys = ON")
    _import_store_modules()
    # One write lock around every migration set: two processes opening a new database at the same
    # moment queue here instead of both creating tables (each migration runs in a savepoint inside).
    with write_transaction(db):
        for migrations in _MIGRATION_SETS:
            migrations.apply(db)
    return db


def _import_store_modules() -> None:
    """Importing a store module registers its migrations; keep this list in step with bot/store/."""
    import importlib
    import pkgutil

    import bot.store as store_package

    for module in pkgutil.iter_modules(store_package.__path__):
        if module.name != "database":
            importlib.import_module(f"bot.store.{module.name}")


@contextlib.contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """BEGIN IMMEDIATE: take the write lock up front, so concurrent processes queue instead of failing
    on a lock upgrade. Nested use becomes a savepoint: an inner failure undoes only the inner work."""
    conn = db.conn
    if conn.in_transaction:
        name = f"nested_{uuid.uuid4().hex}"
        conn.execute(f"SAVEPOINT {name}")
        try:
            yield db
        except BaseException:
            if conn.in_transaction:
                conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                conn.execute(f"RELEASE SAVEPOINT {name}")
            raise
        else:
            conn.execute(f"RELEASE SAVEPOINT {name}")
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")
