"""Opening the database: WAL, migrations applied once, and several processes opening a new file at once."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from bot.store.database import open_database


def _open_and_count(path: str, queue) -> None:
    db = open_database(path)
    queue.put(db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0])
    db.close()


def test_a_new_file_is_created_in_wal_mode_with_every_migration(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "bot.db"
    db = open_database(path)
    assert path.exists()
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    applied = db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
    assert applied > 0 and "events_seen" in db.table_names()
    db.close()
    again = open_database(path)  # re-opening applies nothing twice
    assert again.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == applied


def test_processes_opening_a_new_file_at_once_apply_each_migration_once(tmp_path: Path) -> None:
    path = str(tmp_path / "race.db")
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    workers = [context.Process(target=_open_and_count, args=(path, queue)) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    counts = {queue.get(timeout=5) for _ in workers}
    assert all(worker.exitcode == 0 for worker in workers)
    assert len(counts) == 1
    db = open_database(path)
    names = db.execute("SELECT migration_set, name, count(*) FROM _sqlite_migrations GROUP BY 1, 2").fetchall()
    assert all(count == 1 for _set, _name, count in names)


def test_a_failing_inner_write_undoes_only_its_own_work(tmp_path: Path) -> None:
    import pytest

    from bot.store.database import write_transaction

    db = open_database(tmp_path / "nested.db")
    db.execute("CREATE TABLE notes (text TEXT)")
    with write_transaction(db):
        db.execute("INSERT INTO notes VALUES ('outer')")
        with pytest.raises(RuntimeError), write_transaction(db):
            db.execute("INSERT INTO notes VALUES ('inner')")
            raise RuntimeError("inner failure")
        db.execute("INSERT INTO notes VALUES ('after')")
    assert [row[0] for row in db.execute("SELECT text FROM notes ORDER BY rowid")] == ["outer", "after"]
