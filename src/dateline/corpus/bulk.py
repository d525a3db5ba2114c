"""Bulk load: a corpus from a Parquet dataset of analysed records, without re-analysing.

A dataset (written by a partitioned run, docs/distributed.md) is a folder::

    DIR/manifest.json           {"format": "dateline-dataset", "version": 1,
                                 "partitions": {NAME: {"done": true, ...}}}
    DIR/records/NAME.parquet    the columns of ``dateline export articles --format parquet``;
                                ``record`` is the full record (JSON), ``corpus_id`` its content key
    DIR/failures/NAME.parquet   id, error, skipped, input, corpus_id (the content key of an
                                input the pipeline refused; null for one that could not be read)

Only partitions marked done are loaded, in the manifest's order, and only the ``id``,
``corpus_id`` and ``record`` columns are read, in record batches (memory stays flat). Rows go in
by ``executemany``, ``CHUNK_ROWS`` to a transaction; inside each transaction the rows are
inserted first, then placed in ingest order (near-copy check, story, identities: the same
``ingest.place_article`` a normal ingest runs for each article), then indexed for full-text
search in one ``INSERT … SELECT`` (the per-row FTS triggers are dropped meanwhile and put back
before the commit, so every committed state has them). A killed load leaves whole chunks; a
rerun skips every stored content key, so nothing is added twice. The dedup rules are ingest's:
the content key (``corpus_id``, which the partitioned run fills in from the raw input; a key
from the record's body and metadata when it is missing), duplicates and near-copies.
"""
from __future__ import annotations

import contextlib
import json
import logging
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from ..api import content_id
from ..errors import DatelineError
from ..options import Options
from .features import article_terms, day_number
from .ingest import KEY_FIELDS, Summary, now_text, place_article, store_failure
from .store import SCHEMA, Store, _statements, scrub_record, storable, writer_lock

log = logging.getLogger("dateline")

FORMAT, VERSION = "dateline-dataset", 1
CHUNK_ROWS = 4000          # rows per transaction
BATCH_ROWS = 512           # rows per Parquet record batch read
MANIFEST_MAX_BYTES = 64 << 20
_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.+\-]*")   # the names partitions._name gives
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_CORPUS_FIELDS = ("story", "corpus_id", "duplicate_of", "ingested_at")
_ROW_FIELDS = ("title", "published", "source", "url", "body", "entities", "quotes")
_TRIGGERS = [s for s in _statements(SCHEMA) if s.startswith("CREATE TRIGGER")]
_TRIGGER_NAMES = [s.split()[2] for s in _TRIGGERS]
#: Settings of the writer's connection while the load holds the writer lock (restored after):
#: a large page cache (256 MiB), temporary b-trees in memory, and WAL checkpoints every 16,384
#: pages rather than 1,000 (and one at the end). ``synchronous`` stays NORMAL: a crash keeps
#: the database whole.
_BULK_PRAGMAS = {"cache_size": -262144, "temp_store": 2, "wal_autocheckpoint": 16384}


class DatasetError(DatelineError):
    """The folder is not a usable dateline dataset."""


def is_dataset(path: str | os.PathLike) -> bool:
    """Whether ``path`` looks like a dataset folder (a manifest.json and a records folder), so
    that ``dateline ingest DIR`` loads it instead of reading the folder's files as articles."""
    p = Path(path)
    return p.is_dir() and (p / "manifest.json").is_file() and (p / "records").is_dir()


def partitions(directory: str | os.PathLike) -> list[str]:
    """The names of the done partitions of the dataset, in the manifest's order."""
    path = Path(directory) / "manifest.json"
    if not path.is_file():
        raise DatasetError(f"{directory} is not a dateline dataset (no manifest.json)")
    try:
        if path.stat().st_size > MANIFEST_MAX_BYTES:
            raise DatasetError(f"{path}: manifest larger than {MANIFEST_MAX_BYTES} bytes")
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except DatasetError:
        raise
    except (OSError, ValueError, RecursionError) as exc:
        raise DatasetError(f"{path}: cannot read the manifest ({exc.__class__.__name__}: "
                           f"{str(exc)[:200]})") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise DatasetError(f"{directory} is not a dateline dataset (manifest.json has no "
                           f'"format": "{FORMAT}")')
    if manifest.get("version") != VERSION:
        raise DatasetError(f"{directory}: dataset version {manifest.get('version')!r}, this "
                           f"dateline reads version {VERSION}")
    parts = manifest.get("partitions")
    if not isinstance(parts, dict):
        raise DatasetError(f"{path}: \"partitions\" is not an object")
    bad = [n for n in parts if not isinstance(n, str) or not _NAME.fullmatch(n)]
    if bad:
        raise DatasetError(f"{path}: partition name {str(bad[0])[:80]!r} is not a file name")
    return [n for n, info in parts.items() if isinstance(info, dict) and info.get("done") is True]


def record_key(record: dict) -> str:
    """The content key of a record that came without one: a hash of its body and the metadata
    an ingest keys on (the raw input is not in the record)."""
    meta = {k: record.get(k) for k in KEY_FIELDS if record.get(k)}
    data = "record\x00" + str(record.get("body") or "") + "\x00" + json.dumps(
        meta, sort_keys=True, ensure_ascii=False)
    return content_id(data)


def load_dataset(directory: str | os.PathLike, db: str | None = None,
                 options: Options | None = None, *,
                 progress: Callable[[int], None] | None = None,
                 on_failure: Callable[[dict], None] | None = None,
                 on_error: Callable[[str], None] | None = None) -> Summary:
    """Load the done partitions of the dataset ``directory`` into the corpus ``db``.

    ``progress(n)`` as rows are settled; ``on_failure(dict)`` for each failed input;
    ``on_error(line)`` for a partition file that cannot be read (the rest still loads; its
    message is also in ``Summary.failures`` with ``"partition"``)."""
    options = options or Options()
    names = partitions(directory)
    summary = Summary()
    with Store.open(db, write=True) as store, writer_lock(store.path):
        loader = _Loader(store, summary, options, progress, on_failure)
        with loader.bulk_settings():
            for name in names:
                for kind in ("records", "failures"):
                    path = Path(directory) / kind / f"{name}.parquet"
                    try:
                        loader.load_file(path, kind)
                    except _BadFile as exc:
                        loader.flush()
                        line = f"{path}: {exc}"
                        summary.failures.append({"partition": name, "error": line})
                        if on_error:
                            on_error(line)
            loader.flush()
    return summary


class _BadFile(Exception):
    """A partition file that cannot be read (missing, not Parquet, wrong columns, damaged)."""


class _Loader:
    """Collects rows into chunks and writes each chunk in one transaction."""

    def __init__(self, store: Store, summary: Summary, options: Options, progress, on_failure):
        self.store = store
        self.summary = summary
        self.max_bytes = options.max_bytes
        self.progress = progress
        self.on_failure = on_failure
        self.rows: list[tuple] = []          # (key, input_id, fields, terms, record text)
        self.failures: list[tuple] = []      # (key, input_id, error)
        self.seen: set[str] = set()

    @contextlib.contextmanager
    def bulk_settings(self) -> Iterator[None]:
        conn = self.store.conn
        before = {k: conn.execute(f"PRAGMA {k}").fetchone()[0] for k in _BULK_PRAGMAS}
        for k, v in _BULK_PRAGMAS.items():
            conn.execute(f"PRAGMA {k} = {v}")
        try:
            yield
        finally:
            for k, v in before.items():
                conn.execute(f"PRAGMA {k} = {v}")
            with contextlib.suppress(Exception):
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    # ---- reading ---------------------------------------------------------------------------

    def load_file(self, path: Path, kind: str) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not path.is_file():
            if kind == "failures":
                return  # a partition without failures may have no failures file
            raise _BadFile("missing")
        want = ("id", "corpus_id", "record") if kind == "records" else \
            ("id", "error", "skipped", "corpus_id")
        try:
            pf = pq.ParquetFile(path)
            names = set(pf.schema_arrow.names)
            need = {"record"} if kind == "records" else {"id", "error"}
            if not need <= names:
                raise _BadFile(f"not a {kind} file (no {', '.join(sorted(need - names))} "
                               "column)")
            columns = [c for c in want if c in names]
            for batch in pf.iter_batches(batch_size=BATCH_ROWS, columns=columns):
                data = batch.to_pydict()
                if kind == "records":
                    self._records(data, len(batch))
                else:
                    self._failures(data, len(batch))
        except _BadFile:
            raise
        except (pa.ArrowException, OSError, ValueError, TypeError) as exc:
            raise _BadFile(f"cannot read ({exc.__class__.__name__}: {str(exc)[:200]})") \
                from None

    def _records(self, data: dict, count: int) -> None:
        ids, keys, texts = data.get("id"), data.get("corpus_id"), data["record"]
        stored = self._stored([k for k in keys or () if isinstance(k, str)])
        for i in range(count):
            if keys and keys[i] in stored:  # a resumed load: no parsing for stored keys
                self.seen.add(keys[i])
                self._settled(duplicate=1)
                continue
            text = texts[i]
            input_id = str(ids[i]) if ids and ids[i] is not None else None
            try:
                if not isinstance(text, str) or not text:
                    raise ValueError("no record")
                if len(text) > self.max_bytes:
                    raise ValueError(f"record larger than {self.max_bytes} bytes")
                record = json.loads(text)
                if not isinstance(record, dict):
                    raise ValueError("the record is not a JSON object")
                changed = [record.pop(name) for name in _CORPUS_FIELDS if name in record]
                if _SURROGATE_ESCAPE.search(text):
                    scrub_record(record)
                    changed.append(True)
                _check(record)
                if changed:  # the record as stored: as given unless something was taken out
                    text = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
            except (ValueError, TypeError, RecursionError) as exc:
                input_id = input_id or f"row {i}"
                self._fail("input:" + input_id, input_id, f"cannot load: {str(exc)[:200]}")
                continue
            input_id = input_id or str(record.get("id") or "")
            key = keys[i] if keys and isinstance(keys[i], str) and keys[i] else record_key(record)
            if key in self.seen:
                self._settled(duplicate=1)
                continue
            self.seen.add(key)
            try:
                terms = article_terms(record)
            except (ValueError, TypeError, AttributeError) as exc:
                self._fail(key, input_id, f"cannot load: {exc.__class__.__name__}: "
                                          f"{str(exc)[:200]}")
                continue
            slim = {name: record.get(name) for name in _ROW_FIELDS}  # memory: what rows use
            self.rows.append((storable(key), storable(input_id), slim, terms, text))
            if len(self.rows) >= CHUNK_ROWS:
                self.flush()

    def _failures(self, data: dict, count: int) -> None:
        skipped = data.get("skipped") or [False] * count
        keys = data.get("corpus_id") or [None] * count
        for i in range(count):
            if skipped[i] or keys[i] in self.seen:   # keyed as ingest keys them: a copy is one
                self._settled(skipped=int(bool(skipped[i])), duplicate=int(not skipped[i]))
                continue
            input_id = str(data["id"][i])
            if keys[i]:
                self.seen.add(keys[i])
            self._fail(keys[i] or "input:" + input_id, input_id, str(data["error"][i] or "failed"))

    def _fail(self, key: str, input_id: str, error: str) -> None:
        self.failures.append((key, input_id, error))
        if len(self.failures) >= CHUNK_ROWS:
            self.flush()

    def _settled(self, duplicate: int = 0, skipped: int = 0) -> None:
        self.summary.duplicate += duplicate
        self.summary.skipped += skipped
        if self.progress:
            self.progress(duplicate + skipped)

    # ---- writing ---------------------------------------------------------------------------

    def flush(self) -> None:
        if not self.rows and not self.failures:
            return
        rows, failures = self.rows, self.failures
        self.rows, self.failures = [], []
        store, now = self.store, now_text()
        with store.transaction():
            rows = self._new(rows)
            for key, input_id, error in failures:
                store_failure(store, key, input_id, error, now)
            placed = self._insert(rows, now) if rows else 0
        self.summary.new += placed
        for key, input_id, error in failures:
            self.summary.failed += 1
            failure = {"id": key, "input_id": input_id, "error": error}
            self.summary.failures.append(failure)
            if self.on_failure:
                self.on_failure(failure)
        if self.progress:
            self.progress(len(failures) + len(rows))

    def _stored(self, keys: list[str]) -> set[str]:
        """Those of ``keys`` the corpus holds."""
        stored: set[str] = set()
        for i in range(0, len(keys), 500):
            part = keys[i:i + 500]
            stored.update(k for (k,) in self.store.execute(
                f"SELECT id FROM articles WHERE id IN ({','.join('?' * len(part))})", part))
        return stored

    def _new(self, rows: list[tuple]) -> list[tuple]:
        """The rows whose key the corpus does not hold yet (the others are duplicates)."""
        stored = self._stored([r[0] for r in rows])
        if stored:
            self._settled(duplicate=len(stored))
        return [r for r in rows if r[0] not in stored]

    def _insert(self, rows: list[tuple], now: str) -> int:
        """Insert the rows, place each in ingest order, then index them (one transaction)."""
        store, conn = self.store, self.store.conn
        for name in _TRIGGER_NAMES:
            conn.execute(f"DROP TRIGGER {name}")
        first_n = (conn.execute("SELECT max(n) FROM articles").fetchone()[0] or 0) + 1
        first_q = (conn.execute("SELECT max(n) FROM quotes").fetchone()[0] or 0) + 1
        before = store.meta_int("articles")
        articles, entities, quotes, placing = [], [], [], []
        for n, (key, input_id, record, terms, text) in enumerate(rows, first_n):
            day = day_number(record.get("published"), now)
            body = str(record.get("body") or "")
            articles.append((n, key, input_id, record.get("title"), record.get("published"),
                             day, record.get("source"), record.get("url"), body,
                             text,
                             json.dumps(terms, separators=(",", ":")), now))
            ents = [e for e in record.get("entities") or [] if isinstance(e, dict)]
            entities.extend((n, e["name"], str(e.get("type") or ""), int(e.get("mentions") or 0),
                             json.dumps(e.get("titles") or [], ensure_ascii=False))
                            for e in ents if e.get("name"))
            quotes.extend((n, i, q["text"], q.get("speaker"), q.get("speaker_mention"),
                           q.get("cue"), int(bool(q.get("direct", True))))
                          for i, q in enumerate(record.get("quotes") or [])
                          if isinstance(q, dict) and q.get("text"))
            placing.append((n, key, record.get("title"), body, terms, day, ents))
        conn.executemany("INSERT INTO articles(n, id, input_id, title, published, day, source, "
                         "url, body, record, terms, ingested_at) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", articles)
        conn.executemany("INSERT INTO entities(article, name, type, mentions, titles) "
                         "VALUES (?, ?, ?, ?, ?)", entities)
        conn.executemany("INSERT INTO quotes(article, pos, text, speaker, speaker_mention, cue, "
                         "direct) VALUES (?, ?, ?, ?, ?, ?, ?)", quotes)
        conn.executemany("DELETE FROM failures WHERE id = ?", [(r[0],) for r in rows])
        placed = 0
        for args in placing:
            if self._place(args, now, before + placed + 1):
                placed += 1
        store.execute("UPDATE meta SET value = CAST(value AS INTEGER) + ? WHERE key = 'articles'",
                      (placed,))
        conn.execute("INSERT INTO articles_fts(rowid, title, body) "
                     "SELECT n, title, body FROM articles WHERE n >= ?", (first_n,))
        conn.execute("INSERT INTO quotes_fts(rowid, text) SELECT n, text FROM quotes "
                     "WHERE n >= ?", (first_q,))
        for statement in _TRIGGERS:
            conn.execute(statement)
        return placed

    def _place(self, args: tuple, now: str, n_docs: int) -> bool:
        """Place one inserted row; when its record breaks a step, the row alone is removed
        and stored as a failure (the others of the chunk are kept)."""
        import sqlite3

        n, key = args[0], args[1]
        self.store.execute("SAVEPOINT one_article")
        try:
            _, original = place_article(self.store, *args, now, n_docs=n_docs)
        except (sqlite3.Error, MemoryError):
            raise
        except Exception as exc:
            log.debug("%s: cannot place", key, exc_info=True)
            self.store.execute("ROLLBACK TO one_article")
            self.store.execute("RELEASE one_article")
            input_id = self.store.one("SELECT input_id FROM articles WHERE n = ?", (n,))[0]
            self.store.execute("DELETE FROM lsh WHERE article = ?", (n,))
            self.store.execute("DELETE FROM articles WHERE n = ?", (n,))
            error = f"cannot store: {exc.__class__.__name__}: {exc}"[:300]
            store_failure(self.store, key, input_id, error, now)
            self.summary.failed += 1
            failure = {"id": key, "input_id": input_id, "error": error}
            self.summary.failures.append(failure)
            if self.on_failure:
                self.on_failure(failure)
            return False
        self.store.execute("RELEASE one_article")
        self.summary.copies += original is not None and original != key
        return True


def _check(record: dict) -> None:
    """Check the fields a row is built from: TypeError for a record that cannot be stored."""
    for name in ("id", "title", "published", "source", "url", "body"):
        if record.get(name) is not None and not isinstance(record[name], str):
            raise TypeError(f"{name} is not text")
    for name, text in (("entities", "name"), ("quotes", "text")):
        items = record.get(name) or []
        if not isinstance(items, list) or not all(
                isinstance(x, dict) and isinstance(x.get(text) or "", str) for x in items):
            raise TypeError(f"{name} is not a list of objects with a text {text}")
    for e in record.get("entities") or []:
        if not isinstance(e.get("type") or "", str) or not isinstance(e.get("mentions") or 0, int) \
                or not isinstance(e.get("titles") or [], list):
            raise TypeError("an entity has a wrong type, mentions or titles")
    for q in record.get("quotes") or []:
        if any(not isinstance(q.get(k) or "", str) for k in ("speaker", "speaker_mention", "cue")):
            raise TypeError("a quote has a speaker or cue that is not text")
