"""The corpus database: one SQLite file, its schema, its connections and its errors.

One writer (``Store.open(path, write=True)``, WAL mode, one transaction per batch) and any
number of readers on separate connections (``Store.open(path)``, read-only), as datasette does:
readers keep working while an ingest runs. Every SQLite error that a user can cause (a file
that is not a dateline database, a damaged one, one locked by another process, a missing one)
becomes a :class:`CorpusError` with one readable line, never a traceback.

Tables (see docs/corpus.md): ``articles`` (one row per stored article; ``id`` is the content key,
``input_id`` the id the input gave), ``entities``, ``quotes``, ``failures``, ``stories``,
``story_terms`` (an inverted index from terms to stories), ``terms`` (document frequencies),
``signatures`` and ``lsh`` (MinHash signatures and their band buckets), ``meta``, and the FTS5
tables ``articles_fts`` (title, body) and ``quotes_fts`` (text).
"""
from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path

from ..errors import DatelineError
from .outlets import outlet

#: Bump when the schema changes; a file with a newer version is refused.
SCHEMA_VERSION = 4   # 2: story_terms reach columns (stories window); 3: covering indexes;
#                      4: postings keyed by term and reach, each with its story's size
#: PRAGMA application_id of a dateline corpus ("DLN1").
APPLICATION_ID = 0x444C4E31
DEFAULT_DB = "dateline.db"
ENV_DB = "DATELINE_DB"
#: How long a writer waits for another writer before giving up (milliseconds).
BUSY_TIMEOUT_MS = 5000
#: Page cache of each connection (KiB): the story index is read at random.
CACHE_KIB = 65536

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles (
    n            INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    input_id     TEXT,
    title        TEXT,
    published    TEXT,
    day          INTEGER,
    source       TEXT,
    url          TEXT,
    body         TEXT NOT NULL DEFAULT '',
    record       TEXT NOT NULL,
    terms        TEXT,
    story        INTEGER,
    duplicate_of TEXT,
    ingested_at  TEXT NOT NULL
);
CREATE INDEX articles_story ON articles(story, day);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_source ON articles(source);
CREATE INDEX articles_input ON articles(input_id);
CREATE INDEX articles_duplicate ON articles(duplicate_of);
CREATE TABLE entities (
    article  INTEGER NOT NULL REFERENCES articles(n) ON DELETE CASCADE,
    name     TEXT NOT NULL,
    type     TEXT NOT NULL,
    mentions INTEGER NOT NULL DEFAULT 0,
    titles   TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX entities_name ON entities(name COLLATE NOCASE, type);
CREATE INDEX entities_type ON entities(type, name);
CREATE INDEX entities_article ON entities(article);
CREATE TABLE quotes (
    n               INTEGER PRIMARY KEY,
    article         INTEGER NOT NULL REFERENCES articles(n) ON DELETE CASCADE,
    pos             INTEGER NOT NULL,
    text            TEXT NOT NULL,
    speaker         TEXT,
    speaker_mention TEXT,
    cue             TEXT,
    direct          INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX quotes_speaker ON quotes(speaker COLLATE NOCASE);
CREATE INDEX quotes_article ON quotes(article);
CREATE TABLE failures (
    id        TEXT PRIMARY KEY,
    input_id  TEXT NOT NULL,
    error     TEXT NOT NULL,
    failed_at TEXT NOT NULL
);
CREATE TABLE stories (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    size            INTEGER NOT NULL DEFAULT 0,
    first_day       INTEGER,
    last_day        INTEGER,
    first           TEXT,
    last            TEXT,
    centroid        TEXT NOT NULL DEFAULT '{}',
    weighed_at      INTEGER NOT NULL DEFAULT 0,
    headline        TEXT,
    headline_id     TEXT,
    headline_score  REAL NOT NULL DEFAULT 0,
    merged_into     INTEGER,
    updated_at      TEXT
);
CREATE INDEX stories_last ON stories(last_day);
CREATE INDEX stories_merged ON stories(merged_into);
CREATE TABLE story_terms (
    term   TEXT NOT NULL,
    story  INTEGER NOT NULL,
    weight REAL NOT NULL,
    reach_from INTEGER NOT NULL DEFAULT -1000000000,
    reach_to   INTEGER NOT NULL DEFAULT 1000000000,
    size   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (term, reach_to, story)
) WITHOUT ROWID;
CREATE INDEX story_terms_story ON story_terms(story, term);
CREATE TABLE terms (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE signatures (
    article INTEGER PRIMARY KEY REFERENCES articles(n) ON DELETE CASCADE,
    sig     BLOB NOT NULL
);
CREATE TABLE lsh (band INTEGER NOT NULL, bucket INTEGER NOT NULL, article INTEGER NOT NULL);
CREATE INDEX lsh_bucket ON lsh(band, bucket);
CREATE INDEX lsh_article ON lsh(article);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, body, content='articles', content_rowid='n', tokenize='porter unicode61');
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, body) VALUES (new.n, new.title, new.body);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body)
        VALUES ('delete', old.n, old.title, old.body);
    DELETE FROM lsh WHERE article = old.n;
END;
CREATE VIRTUAL TABLE quotes_fts USING fts5(
    text, content='quotes', content_rowid='n', tokenize='porter unicode61');
CREATE TRIGGER quotes_ai AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(rowid, text) VALUES (new.n, new.text);
END;
CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.n, old.text);
END;
"""


def _schema_1_to_2(conn: sqlite3.Connection) -> None:
    """Schema 2 gave each story posting the days it can reach (``story_terms.reach_from``,
    ``reach_to``, indexed by term and ``reach_to``) instead of the index by weight: add the
    columns, index them, and fill in every live story's reach as the story step computes it."""
    from .stories import _reach

    conn.execute("ALTER TABLE story_terms ADD COLUMN reach_from INTEGER NOT NULL "
                 "DEFAULT -1000000000")
    conn.execute("ALTER TABLE story_terms ADD COLUMN reach_to INTEGER NOT NULL "
                 "DEFAULT 1000000000")
    conn.execute("DROP INDEX IF EXISTS story_terms_weight")
    conn.execute("CREATE INDEX story_terms_reach ON story_terms(term, reach_to)")
    reaches = [(*_reach({"first_day": first, "last_day": last, "size": size}), story)
               for story, size, first, last in conn.execute(
                   "SELECT id, size, first_day, last_day FROM stories WHERE merged_into IS NULL")]
    conn.executemany("UPDATE story_terms SET reach_from = ?, reach_to = ? WHERE story = ?",
                     reaches)


def _schema_2_to_3(conn: sqlite3.Connection) -> None:
    """Schema 3 makes the candidate look-up of the story step read indexes only: the postings'
    index by reach also holds ``reach_from`` and ``weight`` (no look-up into story_terms for
    each posting), and ``stories_size`` holds each story's size (no read of a story's row, a
    centroid wide, for each posting). Rebuild the one index, add the other."""
    conn.execute("DROP INDEX IF EXISTS story_terms_reach")
    conn.execute("CREATE INDEX story_terms_reach ON story_terms(term, reach_to, reach_from, "
                 "weight)")
    conn.execute("CREATE INDEX IF NOT EXISTS stories_size ON stories(id, size)")


def _schema_3_to_4(conn: sqlite3.Connection) -> None:
    """Schema 4 keys the postings by (term, reach_to, story) and gives each its story's size
    (``story_terms.size``, kept up to date by the story step): the candidate look-up reads a
    range of the table itself and no story (schema 3 read a copy of each posting in the index
    by reach and looked up each kept posting's story in ``stories_size``), and a posting that
    changes is written in one B-tree, not two. The table is made again in key order, with the
    sizes from the stories; the index by reach and ``stories_size`` go."""
    table = next(s for s in _statements(SCHEMA) if s.startswith("CREATE TABLE story_terms "))
    conn.execute(table.replace("CREATE TABLE story_terms ", "CREATE TABLE story_terms_4 ", 1))
    conn.execute("INSERT INTO story_terms_4(term, story, weight, reach_from, reach_to, size) "
                 "SELECT p.term, p.story, p.weight, p.reach_from, p.reach_to, s.size "
                 "FROM story_terms p JOIN stories s ON s.id = p.story "
                 "ORDER BY p.term, p.reach_to, p.story")
    conn.execute("DROP TABLE story_terms")  # and its indexes
    conn.execute("ALTER TABLE story_terms_4 RENAME TO story_terms")
    conn.execute("DROP INDEX IF EXISTS stories_size")
    for statement in index_statements("story_terms_story"):
        conn.execute(statement)


def index_statements(*names: str) -> list[str]:
    """The CREATE INDEX statements of the schema for the indexes ``names``."""
    return [s for s in _statements(SCHEMA) if s.startswith("CREATE INDEX ")
            and s.split()[2] in names]


#: Upgrades from an older schema: MIGRATIONS[v] turns schema v into v + 1 (see _migrate).
MIGRATIONS = {1: _schema_1_to_2, 2: _schema_2_to_3, 3: _schema_3_to_4}
#: Older schemas a reader can read as they are (what changed is only used when writing).
READABLE = frozenset({1, 2, 3})


class CorpusError(DatelineError):
    """The corpus database cannot be used as asked."""


class NotACorpus(CorpusError):
    """The file is not a dateline database (another file, another program's database, damaged)."""


class CorpusLocked(CorpusError):
    """Another process holds the database."""


class QueryError(CorpusError):
    """A search query that cannot be understood."""


_SURROGATE = re.compile("[\ud800-\udfff]")


def storable(text: str | None) -> str | None:
    """``text`` with every lone surrogate (which UTF-8 cannot hold, so SQLite cannot store)
    replaced by U+FFFD: one character for one, so offsets into the text stay right."""
    return _SURROGATE.sub("\ufffd", text) if text else text


def scrub(article) -> dict:
    """The record of ``article``, made storable: when any text in it holds a lone surrogate,
    every string of the article (and of its entities, quotes, ...) is passed through
    :func:`storable` in place first. Returns ``article.to_dict()``."""
    import json

    record = article.to_dict()
    if _SURROGATE.search(json.dumps(record, ensure_ascii=False)):
        _scrub(article, set())
        record = article.to_dict()
    return record


def scrub_record(record: dict) -> dict:
    """A stored record (a dict parsed from JSON) made storable in place, as :func:`scrub`."""
    return _scrub(record, set())


def _scrub(obj, seen: set[int]):
    import dataclasses

    if isinstance(obj, str):
        return storable(obj)
    if id(obj) in seen:
        return obj
    seen.add(id(obj))
    if isinstance(obj, list):
        obj[:] = [_scrub(x, seen) for x in obj]
    elif isinstance(obj, dict):
        items = [(_scrub(k, seen), _scrub(v, seen)) for k, v in obj.items()]
        obj.clear()
        obj.update(items)
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            if isinstance(value, (str, list, dict)) or dataclasses.is_dataclass(value):
                new = _scrub(value, seen)
                if new is not value:
                    object.__setattr__(obj, f.name, new)
    return obj


@contextlib.contextmanager
def writer_lock(path: str | os.PathLike) -> Iterator[None]:
    """Hold the one-writer lock of the corpus at ``path`` for a whole run (a lock file beside
    it, ``PATH.lock``, locked with flock: the kernel frees it when the process ends, even on
    ``kill -9``). A second writer is refused at once with :class:`CorpusLocked`."""
    import fcntl

    lock_path = f"{path}.lock"
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise CorpusError(f"cannot write to {path}: cannot create {lock_path} "
                          f"({exc.strerror})") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            who = f" (process {holder})" if holder.isdigit() else ""
            raise CorpusLocked(f"{path} is being written by another dateline ingest{who}; "
                               "one writer at a time: wait for it to finish") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def default_path() -> str:
    """``$DATELINE_DB`` when set, else ``./dateline.db``."""
    return os.environ.get(ENV_DB) or DEFAULT_DB


def translate(exc: sqlite3.Error, path: str | os.PathLike) -> CorpusError:
    """The one place where SQLite errors become messages for people."""
    text = str(exc)
    low = text.lower()
    if "locked" in low or "busy" in low:
        return CorpusLocked(f"{path} is locked by another process, try again")
    if ("not a database" in low or "malformed" in low or "disk image" in low
            or "file is encrypted" in low or "no such table" in low or "no such column" in low):
        return NotACorpus(f"{path} is not a dateline database, or it is damaged ({text})")
    if "unable to open" in low or "readonly" in low or "read-only" in low:
        return CorpusError(f"cannot open {path} ({text})")
    if "disk is full" in low or "disk i/o" in low:
        return CorpusError(f"{path}: {text}")
    return CorpusError(f"{path}: database error: {text}")


class Store:
    """A connection to one corpus file. Use :meth:`open`; close it (or use ``with``) when done.

    A writable store is the one writer: every change goes through :meth:`transaction`.
    A read-only store never creates or changes the file.
    """

    def __init__(self, path: str, conn: sqlite3.Connection, writable: bool):
        self.path = path
        self.conn = conn
        self.writable = writable

    # ---- opening -----------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike | None = None, *, write: bool = False,
             timeout_ms: int = BUSY_TIMEOUT_MS, immutable: bool = False) -> "Store":
        """Open the corpus at ``path`` (default :func:`default_path`). ``write=True`` creates it
        when missing. A reader opens the file with ``mode=ro`` (it never writes); when the file
        or its folder cannot be written (a read-only mount, a service user), or when asked with
        ``immutable=True``, it opens it as ``immutable`` (SQLite then takes no locks: no writer
        may change the file meanwhile). Raises :class:`CorpusError` with a readable reason."""
        path = str(path or default_path())
        p = Path(path)
        if p.is_dir():
            raise CorpusError(f"{path} is a folder, not a database file")
        if not write and not p.exists():
            raise CorpusError(f"no corpus at {path}; create one with `dateline ingest PATH "
                              f"--db {path}`")
        try:
            if write:
                conn = sqlite3.connect(path, timeout=timeout_ms / 1000, isolation_level=None,
                                       check_same_thread=False)
            else:
                conn = _connect_ro(p, timeout_ms, immutable or not _writable(p))
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout = {int(timeout_ms)}")
            conn.create_function("outlet", 2, outlet, deterministic=True)
            store = cls(path, conn, write)
            store._check_or_create()
        except sqlite3.Error as exc:
            with contextlib.suppress(Exception):
                conn.close()
            raise translate(exc, path) from None
        return store

    def _check_or_create(self) -> None:
        conn = self.conn
        app = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if app == 0 and tables == 0:
            if not self.writable:
                raise NotACorpus(f"{self.path} is not a dateline database (it is empty)")
            self._create()
            return
        if app != APPLICATION_ID:
            raise NotACorpus(f"{self.path} is not a dateline database")
        if version > SCHEMA_VERSION:
            raise NotACorpus(f"{self.path} was written by a newer dateline (schema {version}, "
                             f"this one reads {SCHEMA_VERSION}); upgrade dateline")
        if version < SCHEMA_VERSION:
            if version not in MIGRATIONS:
                raise NotACorpus(f"{self.path} has an old schema ({version}); re-ingest into a "
                                 "new file")
            if self.writable:
                self._migrate(version)
            elif version not in READABLE:
                raise NotACorpus(f"{self.path} has an old schema ({version}); open it once for "
                                 "writing (any `dateline ingest --db` into it) to upgrade it")
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        if self.writable:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")

    def _create(self) -> None:
        conn = self.conn
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("BEGIN IMMEDIATE")
        try:
            if conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0:
                for statement in _statements(SCHEMA):
                    conn.execute(statement)
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                conn.execute("INSERT INTO meta(key, value) VALUES ('articles', '0')")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def _migrate(self, version: int) -> None:
        """Upgrade the file from schema ``version`` to :data:`SCHEMA_VERSION` in place, one
        step at a time, each step and its ``user_version`` in one transaction: a crash leaves
        the old schema or the new one, never a mix, so no backup is needed. Another writer
        that migrated meanwhile is noticed under the lock."""
        conn = self.conn
        while version < SCHEMA_VERSION:
            conn.execute("BEGIN IMMEDIATE")
            try:
                now = conn.execute("PRAGMA user_version").fetchone()[0]
                if now == version:
                    MIGRATIONS[version](conn)
                    conn.execute(f"PRAGMA user_version = {version + 1}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            version = conn.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- using -------------------------------------------------------------------------------

    @contextlib.contextmanager
    def guard(self) -> Iterator[None]:
        """Turn SQLite errors raised inside the block into :class:`CorpusError`."""
        try:
            yield
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from None

    def rows(self, sql: str, params: Sequence | dict = ()) -> list[sqlite3.Row]:
        with self.guard():
            return self.conn.execute(sql, params).fetchall()

    def one(self, sql: str, params: Sequence | dict = ()) -> sqlite3.Row | None:
        with self.guard():
            return self.conn.execute(sql, params).fetchone()

    def execute(self, sql: str, params: Sequence | dict = ()) -> sqlite3.Cursor:
        """Run one statement (inside :meth:`transaction` for changes)."""
        return self.conn.execute(sql, params)

    @contextlib.contextmanager
    def transaction(self) -> Iterator["Store"]:
        """One write transaction: everything inside is committed together or not at all."""
        if not self.writable:
            raise CorpusError(f"{self.path} is open read-only")
        with self.guard():
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    def meta_int(self, key: str, default: int = 0) -> int:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return int(row[0]) if row else default

    def set_meta(self, key: str, value: object) -> None:
        self.conn.execute("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) "
                          "DO UPDATE SET value = excluded.value", (key, str(value)))

    def has_article(self, key: str) -> bool:
        return self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (key,)).fetchone() \
            is not None

    def counts(self) -> dict[str, int]:
        """How many articles, stories, failures and people the corpus holds."""
        with self.guard():
            one = lambda sql: self.conn.execute(sql).fetchone()[0]  # noqa: E731
            return {"articles": self.meta_int("articles"),
                    "stories": one("SELECT count(*) FROM stories WHERE merged_into IS NULL"),
                    "failures": one("SELECT count(*) FROM failures"),
                    "duplicates": one("SELECT count(*) FROM articles "
                                      "WHERE duplicate_of IS NOT NULL")}


def _writable(p: Path) -> bool:
    """Whether SQLite can keep its lock files beside ``p`` (the -shm of a WAL database)."""
    return os.access(p, os.W_OK) and os.access(p.resolve().parent, os.W_OK)


def _connect_ro(p: Path, timeout_ms: int, immutable: bool) -> sqlite3.Connection:
    uri = p.resolve().as_uri() + ("?immutable=1" if immutable else "?mode=ro")
    return sqlite3.connect(uri, uri=True, timeout=timeout_ms / 1000, isolation_level=None,
                           check_same_thread=False)


def _statements(script: str) -> Iterator[str]:
    """Split the schema into statements (triggers hold ';' inside BEGIN ... END)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                yield buffer.strip()
            buffer = ""
