"""The corpus database file: creation, schema version, and clear errors for files that are not
a dateline database, newer ones, missing ones and locked ones."""
from __future__ import annotations

import sqlite3

import pytest

from dateline.corpus import stories
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


def _schema_1(db):
    """A corpus file as dateline schema 1 wrote it (story_terms without the reach columns,
    indexed by weight), holding one story with two postings."""
    from dateline.corpus import store as store_module

    old = store_module.SCHEMA.replace(
        "    reach_from INTEGER NOT NULL DEFAULT -1000000000,\n"
        "    reach_to   INTEGER NOT NULL DEFAULT 1000000000,\n"
        "    size   INTEGER NOT NULL DEFAULT 0,\n", "").replace(
        "PRIMARY KEY (term, reach_to, story)", "PRIMARY KEY (term, story)").replace(
        "CREATE INDEX story_terms_story ON story_terms(story, term);",
        "CREATE INDEX story_terms_weight ON story_terms(term, weight DESC);\n"
        "CREATE INDEX story_terms_story ON story_terms(story);")
    assert "reach_from" not in old and "stories_size" not in old and "size   INT" not in old
    conn = sqlite3.connect(db, isolation_level=None)
    conn.executescript(old)
    conn.execute(f"PRAGMA application_id = {store_module.APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO meta(key, value) VALUES ('articles', '0')")
    conn.execute("INSERT INTO stories(id, size, first_day, last_day) VALUES (1, 3, 740000, "
                 "740002)")
    conn.executemany("INSERT INTO story_terms(term, story, weight) VALUES (?, 1, ?)",
                     [("bridge", 0.5), ("crack", 0.25)])
    conn.close()


def _names(db, pragma: str, column: int) -> list[str]:
    """One column of a PRAGMA's rows, read on a connection of its own (the file untouched)."""
    conn = sqlite3.connect(db)
    try:
        return [r[column] for r in conn.execute(f"PRAGMA {pragma}")]
    finally:
        conn.close()


def _columns(db) -> list[str]:
    return _names(db, "table_info(story_terms)", 1)


def _old_corpus(tmp_path, make, stories: int):
    """A corpus file of an older schema, made by ``make``: a reader reads it as it is (and
    changes nothing)."""
    db = tmp_path / "old.db"
    make(db)
    with Store.open(db) as reader:
        assert reader.counts()["stories"] == stories
    return db


def _migrated_postings(db, columns: str) -> list[tuple]:
    """Open the file for writing, which migrates it to the current schema (checked whole);
    then ``columns`` of its postings, by term and story."""
    with Store.open(db, write=True) as store:
        assert store.one("PRAGMA user_version")[0] == SCHEMA_VERSION == 4
        assert store.one("PRAGMA integrity_check")[0] == "ok"
        return [tuple(r) for r in store.rows(f"SELECT {columns} FROM story_terms "
                                             "ORDER BY term, story")]


def test_schema_1_is_migrated_in_place_by_a_writer(tmp_path):
    from dateline.corpus.stories import _reach

    db = _old_corpus(tmp_path, _schema_1, stories=1)
    assert "reach_from" not in _columns(db)
    low, high = _reach({"first_day": 740000, "last_day": 740002, "size": 3})
    assert _migrated_postings(db, "term, weight, reach_from, reach_to, size") == [
        ("bridge", 0.5, low, high, 3), ("crack", 0.25, low, high, 3)]
    assert low > -10 ** 9 and high < 10 ** 9
    with Store.open(db, write=True) as store:
        indexes = {r[0] for r in store.rows("SELECT name FROM sqlite_master WHERE type = 'index'"
                                            " AND tbl_name = 'story_terms'")}
        assert indexes == {"story_terms_story"}  # by weight, then by reach: both gone
    from corpus_fixtures import make_articles, store_records

    with Store.open(db, write=True) as store:  # the story step runs on the migrated file
        store_records(store, make_articles(per_topic=2))
        assert store.counts()["articles"] == 12


def _schema_2(db):
    """A corpus file as dateline schema 2 wrote it: the postings' index by reach on
    (term, reach_to) alone, no stories_size; one story with two postings."""
    from dateline.corpus import store as store_module

    old = _schema_3_text().replace("story_terms(term, reach_to, reach_from, weight)",
                                   "story_terms(term, reach_to)").replace(
        "CREATE INDEX stories_size ON stories(id, size);\n", "")
    assert "stories_size" not in old and "size   INT" not in old
    conn = sqlite3.connect(db, isolation_level=None)
    conn.executescript(old)
    conn.execute(f"PRAGMA application_id = {store_module.APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 2")
    conn.execute("INSERT INTO meta(key, value) VALUES ('articles', '0')")
    conn.execute("INSERT INTO stories(id, size, first_day, last_day) VALUES (1, 3, 740000, "
                 "740002)")
    conn.executemany("INSERT INTO story_terms(term, story, weight, reach_from, reach_to) "
                     "VALUES (?, 1, ?, 739000, 741000)", [("bridge", 0.5), ("crack", 0.25)])
    conn.close()


def _index_columns(db, name) -> list[str]:
    return _names(db, f"index_info({name})", 2)


def test_schema_2_is_migrated_to_covering_indexes(tmp_path):
    db = _old_corpus(tmp_path, _schema_2, stories=1)
    assert _index_columns(db, "story_terms_reach") == ["term", "reach_to"]
    assert _migrated_postings(db, "term, weight, reach_from, reach_to, size") == [
        ("bridge", 0.5, 739000, 741000, 3), ("crack", 0.25, 739000, 741000, 3)]
    with Store.open(db, write=True) as store:
        assert stories.candidates(store, {"bridge": 1.0}, 740001, 740001) == [1]
    assert _key_columns(db) == POSTINGS_KEY


#: The key of story_terms (schema 4): a term's postings in order of the last day they reach.
POSTINGS_KEY = ["term", "reach_to", "story"]


def _key_columns(db) -> list[str]:
    """The primary key of story_terms, in key order."""
    rows = sorted((r[5], r[1]) for r in _rows(db, "table_info(story_terms)") if r[5])
    return [name for _, name in rows]


def _rows(db, pragma: str) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(f"PRAGMA {pragma}").fetchall()
    finally:
        conn.close()


def _schema_3_text() -> str:
    """The schema as dateline schema 3 wrote it: postings keyed by (term, story) without their
    story's size, the index by reach on (term, reach_to, reach_from, weight), stories_size."""
    from dateline.corpus import store as store_module

    old = store_module.SCHEMA.replace("    size   INTEGER NOT NULL DEFAULT 0,\n", "").replace(
        "PRIMARY KEY (term, reach_to, story)", "PRIMARY KEY (term, story)").replace(
        "CREATE INDEX story_terms_story ON story_terms(story, term);",
        "CREATE INDEX story_terms_reach ON story_terms(term, reach_to, reach_from, weight);\n"
        "CREATE INDEX story_terms_story ON story_terms(story);").replace(
        "CREATE INDEX stories_merged ON stories(merged_into);\n",
        "CREATE INDEX stories_merged ON stories(merged_into);\n"
        "CREATE INDEX stories_size ON stories(id, size);\n")
    assert "stories_size" in old and "size   INT" not in old and "(term, story)" in old
    return old


def _schema_3(db):
    """A corpus file as dateline schema 3 wrote it (see _schema_3_text): two stories (sizes 3
    and 5), three postings."""
    from dateline.corpus import store as store_module

    old = _schema_3_text()
    conn = sqlite3.connect(db, isolation_level=None)
    conn.executescript(old)
    conn.execute(f"PRAGMA application_id = {store_module.APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 3")
    conn.execute("INSERT INTO meta(key, value) VALUES ('articles', '8')")
    conn.executemany("INSERT INTO stories(id, size, first_day, last_day) VALUES (?, ?, 740000, "
                     "740002)", [(1, 3), (2, 5)])
    conn.executemany("INSERT INTO story_terms(term, story, weight, reach_from, reach_to) "
                     "VALUES (?, ?, ?, 739000, 741000)",
                     [("bridge", 1, 0.6), ("crack", 1, 0.3), ("bridge", 2, 2.5)])
    conn.close()


def test_schema_3_is_migrated_to_postings_with_their_story_size(tmp_path):
    from corpus_fixtures import make_articles, store_records

    db = _old_corpus(tmp_path, _schema_3, stories=2)
    assert "size" not in _columns(db)
    assert _migrated_postings(db, "term, story, weight, size") == [
        ("bridge", 1, 0.6, 3), ("bridge", 2, 2.5, 5), ("crack", 1, 0.3, 3)]
    with Store.open(db, write=True) as store:
        # the candidate look-up reads one range of the postings' key, and no story
        plan = " ".join(r[3] for r in store.rows("EXPLAIN QUERY PLAN " + stories.CANDIDATES_SQL,
                                                 ("bridge", 740001, 64, 740001, 16)))
        assert "USING PRIMARY KEY (term=? AND reach_to>?)" in plan and "stories" not in plan, \
            plan
        # each posting's weight in its story's average: 0.6 / 3 and 2.5 / 5
        shares = dict(store.rows(stories.CANDIDATES_SQL, ("bridge", 740001, 64, 740001, 16)))
        assert shares == {1: pytest.approx(0.2), 2: pytest.approx(0.5)}
        assert stories.candidates(store, {"bridge": 0.8, "crack": 0.6}, 740001, 740001) == [2, 1]
    assert _key_columns(db) == POSTINGS_KEY
    assert _index_columns(db, "story_terms_story") == ["story", "term"]
    assert "stories_size" not in _names(db, "index_list(stories)", 1)
    assert "story_terms_reach" not in _names(db, "index_list(story_terms)", 1)
    with Store.open(db, write=True) as store:  # the story step runs on the migrated file
        store_records(store, make_articles(per_topic=2))
        assert store.one("SELECT count(*) FROM story_terms p JOIN stories s ON s.id = p.story "
                         "WHERE p.size != s.size")[0] == 0


def _migrated_1(db) -> bool:
    return "reach_from" in _columns(db)


def _migrated_2(db) -> bool:
    """Past schema 2: the index by reach covering (schema 3), or gone with the key (schema 4)."""
    if _key_columns(db) == POSTINGS_KEY:
        return True
    return _index_columns(db, "story_terms_reach") == ["term", "reach_to", "reach_from", "weight"]


def _migrated_3(db) -> bool:
    return "size" in _columns(db) and _key_columns(db) == POSTINGS_KEY


@pytest.mark.parametrize("version, make, migrated", [(1, _schema_1, _migrated_1),
                                                     (2, _schema_2, _migrated_2),
                                                     (3, _schema_3, _migrated_3)])
def test_a_failed_migration_leaves_the_old_schema(tmp_path, monkeypatch, version, make,
                                                  migrated):
    from dateline.corpus import store as store_module

    db = tmp_path / "old.db"
    make(db)
    real = store_module.MIGRATIONS[version]

    def crash(conn):
        real(conn)  # every change made, then the process "dies" before the commit
        raise KeyboardInterrupt

    monkeypatch.setitem(store_module.MIGRATIONS, version, crash)
    with pytest.raises(KeyboardInterrupt):
        Store.open(db, write=True)
    assert not migrated(db)
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == version
    conn.close()
    monkeypatch.setitem(store_module.MIGRATIONS, version, real)
    Store.open(db, write=True).close()
    assert migrated(db)


def test_schema_0_is_refused_with_one_line(tmp_path):
    db = tmp_path / "older.db"
    _schema_1(db)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 0")
    conn.commit()
    conn.close()
    with pytest.raises(NotACorpus, match="old schema"):
        Store.open(db, write=True)


def _stories_of(store) -> dict[str, int]:
    return {r["id"]: r["story"] for r in store.rows("SELECT id, story FROM articles")}


@pytest.mark.parametrize("per_topic", [1, 3])
def test_force_keeps_the_story_ids(tmp_path, per_topic):
    """Re-storing every article under its key (what `ingest --force` does) keeps each story's
    id, singletons included (their story is deleted and made again: it takes its id back)."""
    from corpus_fixtures import as_article, make_articles, store_records

    from dateline.corpus.ingest import store_article

    records = make_articles(per_topic=per_topic)
    with Store.open(tmp_path / "c.db", write=True) as store:
        keys = store_records(store, records)
        before = _stories_of(store)
        live = store.rows("SELECT id, size FROM stories WHERE merged_into IS NULL ORDER BY id")
        with store.transaction():
            for r in records:
                store_article(store, as_article(r), keys[r["id"]])
        assert _stories_of(store) == before
        assert store.rows("SELECT id, size FROM stories WHERE merged_into IS NULL ORDER BY id"
                          ) == live
        assert len(live) == 6


def test_force_into_another_story_leaves_the_old_id_leading_there(tmp_path):
    from corpus_fixtures import as_article, make_articles, store_records

    from dateline.corpus.ingest import store_article
    from dateline.corpus.timeline import resolve

    records = make_articles(per_topic=3)
    lone = dict(make_articles(per_topic=1, seed=5)[0], id="odd", topic="comet",
                title="Harrowgate telescope finds comet", published="2031-03-06")
    lone["text"] = records[0]["text"]  # first stored about the bridge ...
    with Store.open(tmp_path / "c.db", write=True) as store:
        keys = store_records(store, records[3:] + [dict(lone, topic="bridge")])
        old = _stories_of(store)[keys["odd"]]
        assert store.one("SELECT size FROM stories WHERE id = ?", (old,))[0] == 1
        comet = next(r for r in records[3:] if r["topic"] == "comet")
        again = dict(lone, text=comet["text"], title=comet["title"])  # ... re-analysed: a comet
        with store.transaction():
            store_article(store, as_article(again), keys["odd"])
        new = _stories_of(store)[keys["odd"]]
        assert new != old and resolve(store, old) == new
        assert store.one("SELECT size FROM stories WHERE id = ?", (new,))[0] == 4
