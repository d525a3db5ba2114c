"""The corpus database file: creation, schema version, and clear errors for files that are not
a dateline database, newer ones, missing ones and locked ones."""
from __future__ import annotations

import sqlite3

import pytest

from dateline.corpus.store import (APPLICATION_ID, SCHEMA_VERSION, CorpusError, CorpusLocked,
                                   NotACorpus, Store, default_path)


def test_create_sets_schema_version_and_wal(tmp_path):
    db = tmp_path / "c.db"
    with Store.open(db, write=True) as store:
        assert store.counts() == {"articles": 0, "stories": 0, "failures": 0, "duplicates": 0}
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"articles", "entities", "quotes", "failures", "stories", "articles_fts"} <= tables


def test_reopen_keeps_data(tmp_path):
    db = tmp_path / "c.db"
    with Store.open(db, write=True) as store, store.transaction():
        store.set_meta("probe", 7)
    with Store.open(db) as store:
        assert store.meta_int("probe") == 7


def test_reader_never_creates_a_file(tmp_path):
    db = tmp_path / "missing.db"
    with pytest.raises(CorpusError, match="no corpus at .*missing.db.*dateline ingest"):
        Store.open(db)
    assert not db.exists()


def test_reader_cannot_write(tmp_path):
    db = tmp_path / "c.db"
    Store.open(db, write=True).close()
    with Store.open(db) as store, pytest.raises(CorpusError, match="read-only"):
        with store.transaction():
            pass


@pytest.mark.parametrize("content", [b"this is plain text, not a database\n" * 200,
                                     bytes(range(256)) * 64])
def test_not_a_database(tmp_path, content):
    db = tmp_path / "notes.db"
    db.write_bytes(content)
    for write in (False, True):
        with pytest.raises(NotACorpus, match="is not a dateline database"):
            Store.open(db, write=write)
    assert db.read_bytes() == content


def test_another_programs_database(tmp_path):
    db = tmp_path / "other.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(NotACorpus, match="is not a dateline database"):
        Store.open(db, write=True)


def test_empty_file_is_not_read_as_a_corpus(tmp_path):
    db = tmp_path / "empty.db"
    db.touch()
    with pytest.raises(NotACorpus, match="empty"):
        Store.open(db)
    Store.open(db, write=True).close()  # an empty file may become a corpus
    Store.open(db).close()


def test_newer_schema_is_refused(tmp_path):
    db = tmp_path / "c.db"
    Store.open(db, write=True).close()
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(NotACorpus, match="newer dateline"):
        Store.open(db)


def test_second_writer_is_told_the_file_is_locked(tmp_path):
    db = tmp_path / "c.db"
    Store.open(db, write=True).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with Store.open(db, write=True, timeout_ms=100) as store:
            with pytest.raises(CorpusLocked, match="is locked by another process, try again"):
                with store.transaction():
                    pass
        with Store.open(db) as reader:  # WAL: readers go on while a writer holds the lock
            assert reader.counts()["articles"] == 0
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_folder_instead_of_file(tmp_path):
    with pytest.raises(CorpusError, match="is a folder"):
        Store.open(tmp_path, write=True)


def test_default_path_follows_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("DATELINE_DB", raising=False)
    assert default_path() == "dateline.db"
    monkeypatch.setenv("DATELINE_DB", str(tmp_path / "x.db"))
    assert default_path() == str(tmp_path / "x.db")
