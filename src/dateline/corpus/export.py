"""Export the corpus: articles, quotes, people or stories as JSON Lines, CSV or Parquet.

JSON Lines carries everything: an exported article is its full record (``id`` is the id the
input gave) plus ``story``, ``corpus_id``, ``duplicate_of`` and ``ingested_at``. CSV and Parquet
carry one row per item with fixed columns: Parquet with real types (dates as date32, lists as
list<string>, people's titles as structs), CSV as flat text (lists as JSON text); for articles
the full record is the ``record`` column (JSON text). Rows are streamed: memory stays flat.
"""
from __future__ import annotations

import contextlib
import csv
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from datetime import date
from typing import IO

from .identities import has_schema, speaker_name_sql
from .people import people
from .search import export_record
from .store import CorpusError, Store
from .timeline import main_people

FORMATS = ("jsonl", "csv", "parquet")
WHATS = ("articles", "quotes", "people", "stories")

#: The columns of each export, with their Parquet types: ``date`` is date32 (a day), ``list``
#: a list<string>, ``titles`` a list<struct<title: string, count: int64>>. CSV writes the same
#: columns as flat text (lists as JSON text, dates as YYYY-MM-DD).
COLUMNS: dict[str, list[tuple[str, str]]] = {
    "articles": [("corpus_id", "string"), ("id", "string"), ("story", "int64"),
                 ("duplicate_of", "string"), ("title", "string"), ("published", "date"),
                 ("source", "string"), ("url", "string"), ("dateline", "string"),
                 ("people", "list"), ("summary", "string"), ("body", "string"),
                 ("ingested_at", "string"), ("record", "string")],
    "quotes": [("article", "string"), ("article_input_id", "string"), ("story", "int64"),
               ("published", "date"), ("source", "string"), ("title", "string"),
               ("position", "int64"), ("speaker", "string"), ("speaker_mention", "string"),
               ("speaker_type", "string"), ("cue", "string"), ("direct", "bool"),
               ("text", "string")],
    "people": [("name", "string"), ("articles", "int64"), ("mentions", "int64"),
               ("quotes", "int64"), ("first_seen", "date"), ("last_seen", "date"),
               ("titles", "titles"), ("aliases", "aliases")],
    "stories": [("id", "int64"), ("headline", "string"), ("size", "int64"),
                ("first", "date"), ("last", "date"), ("people", "list"),
                ("articles", "list")],
}
BATCH_ROWS = 2000


def _articles(store: Store) -> Iterator[dict]:
    cursor = store.conn.execute("SELECT id, record, story, duplicate_of, ingested_at "
                                "FROM articles ORDER BY n")
    for row in cursor:
        yield export_record(row)


def _article_row(record: dict) -> dict:
    names = [e.get("name") for e in record.get("entities") or [] if e.get("type") == "PERSON"]
    dateline = record.get("dateline") or {}
    return {"corpus_id": record.get("corpus_id"), "id": record.get("id"),
            "story": record.get("story"), "duplicate_of": record.get("duplicate_of"),
            "title": record.get("title"), "published": record.get("published"),
            "source": record.get("source"), "url": record.get("url"),
            "dateline": dateline.get("place") if isinstance(dateline, dict) else None,
            "people": names, "summary": record.get("summary"),
            "body": record.get("body"), "ingested_at": record.get("ingested_at"),
            "record": json.dumps(record, ensure_ascii=False)}


def _quotes(store: Store) -> Iterator[dict]:
    cursor = store.conn.execute(
        "SELECT a.id AS article, a.input_id, a.story, a.published, a.source, a.title, q.pos, "
        "q.speaker, q.speaker_mention, q.cue, q.direct, q.text, "
        "json_extract(a.record, '$.quotes[' || q.pos || '].speaker_type') AS speaker_type, "
        + (speaker_name_sql("q") if has_schema(store) else "NULL") + " AS identity "
        "FROM quotes q "
        "JOIN articles a ON a.n = q.article ORDER BY a.n, q.pos")
    for r in cursor:
        yield {"article": r["article"], "article_input_id": r["input_id"], "story": r["story"],
               "published": r["published"], "source": r["source"], "title": r["title"],
               "position": r["pos"], "speaker": r["identity"] or r["speaker"],
               "speaker_mention": r["speaker_mention"], "speaker_type": r["speaker_type"],
               "cue": r["cue"],
               "direct": bool(r["direct"]), "text": r["text"]}


def _stories(store: Store) -> Iterator[dict]:
    cursor = store.conn.execute("SELECT id, headline, size, first, last FROM stories "
                                "WHERE merged_into IS NULL ORDER BY id")
    for r in cursor.fetchall():
        ids = [a[0] for a in store.conn.execute(
            "SELECT id FROM articles WHERE story = ? ORDER BY day IS NULL, day, n", (r["id"],))]
        yield {"id": r["id"], "headline": r["headline"], "size": r["size"], "first": r["first"],
               "last": r["last"], "people": main_people(store, r["id"], limit=5),
               "articles": ids}


def items(store: Store, what: str) -> Iterator[dict]:
    """The exported items of one kind, as dicts (full records for articles)."""
    if what == "articles":
        return _articles(store)
    if what == "quotes":
        return _quotes(store)
    if what == "people":
        return iter(people(store, limit=None))
    if what == "stories":
        return _stories(store)
    raise CorpusError(f"cannot export {what!r}; choose one of {', '.join(WHATS)}")


def flat(what: str, item: dict) -> dict:
    """One item as a row of the export's columns, with Python values for the typed (Parquet)
    columns: dates as ``datetime.date``, lists as lists."""
    row = _article_row(item) if what == "articles" else {}
    for name, kind in COLUMNS[what]:
        value = row[name] if what == "articles" else item.get(name)
        if kind == "date":
            value = _day(value)
        elif kind in ("list", "titles", "aliases"):
            value = list(value) if isinstance(value, (list, tuple)) else None
        elif kind == "string" and isinstance(value, (list, dict)):
            value = json.dumps(value, ensure_ascii=False)
        row[name] = value
    return row


def text_row(row: dict) -> dict:
    """A typed row as flat text for CSV: lists as JSON text, dates as YYYY-MM-DD."""
    return {k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else
            v.isoformat() if isinstance(v, date) else v for k, v in row.items()}


def _day(value) -> date | None:
    """The day of a published date (YYYY-MM-DD, or longer ISO text), else None."""
    if isinstance(value, date):
        return value
    if isinstance(value, str) and len(value) >= 10:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def export(store: Store, what: str, fmt: str, out: IO | str) -> int:
    """Write every item of ``what`` to ``out`` (a path, or an open file: text for jsonl and
    csv, binary for parquet). Returns the number of items written.

    A path is written through a temporary file beside it, renamed into place when complete:
    a failed export (full disk) leaves no half file and never replaces the old one. The
    database (and its -wal, -shm and .lock files) is never opened as the output. Any failure to
    write is one :class:`CorpusError` line."""
    if fmt not in FORMATS:
        raise CorpusError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if what not in WHATS:
        raise CorpusError(f"cannot export {what!r}; choose one of {', '.join(WHATS)}")
    if not isinstance(out, (str, os.PathLike)):
        return _write(store, what, fmt, out, str(getattr(out, "name", "the output")))
    path = str(out)
    refuse_output(path, [store.path])
    with atomic_output(path, binary=fmt == "parquet", newline="" if fmt == "csv" else None
                       ) as f:
        return _write(store, what, fmt, f, path)


def _write(store: Store, what: str, fmt: str, out: IO, name: str) -> int:
    try:
        with store.guard():
            stream = items(store, what)
            if fmt == "jsonl":
                count = _jsonl(stream, out)
            elif fmt == "csv":
                count = _csv(what, stream, out)
            else:
                count = write_parquet(what, stream, out)
            out.flush()
            return count
    except OSError as exc:
        raise CorpusError(f"cannot write {name}: {exc.strerror or exc}") from None


def refuse_output(path: str, protected: list[str]) -> None:
    """Refuse to write to ``path`` when it is one of the ``protected`` files (inputs, the
    corpus), or the corpus's -wal, -shm or .lock file: the same file under any name."""
    for p in protected:
        for name in (p, p + "-wal", p + "-shm", p + ".lock"):
            same = os.path.realpath(name) == os.path.realpath(path)
            with contextlib.suppress(OSError):
                same = same or os.path.samefile(name, path)
            if same:
                raise CorpusError(f"refusing to write the export to {path}: it is the corpus "
                                  f"{p}; choose another file")


@contextlib.contextmanager
def atomic_output(path: str, *, binary: bool = False, newline: str | None = None
                  ) -> Iterator[IO]:
    """An open temporary file beside ``path``, renamed to ``path`` when the block completes
    and removed when it fails. Errors become one :class:`CorpusError` line."""
    folder = os.path.dirname(os.path.abspath(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp",
                                   dir=folder)
    except OSError as exc:
        raise CorpusError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with (os.fdopen(fd, "wb") if binary else
              os.fdopen(fd, "w", encoding="utf-8", newline=newline)) as f:
            yield f
        with contextlib.suppress(OSError):
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise CorpusError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _jsonl(stream: Iterator[dict], out: IO) -> int:
    count = 0
    for item in stream:
        out.write(json.dumps(item, ensure_ascii=False) + "\n")
        count += 1
    return count


def _csv(what: str, stream: Iterator[dict], out: IO) -> int:
    writer = csv.DictWriter(out, fieldnames=[name for name, _ in COLUMNS[what]])
    writer.writeheader()
    count = 0
    for item in stream:
        writer.writerow(text_row(flat(what, item)))
        count += 1
    return count


def arrow_schema(what: str):
    """The Arrow schema of an export's columns (``COLUMNS[what]``), shared with the datasets of
    partitioned runs (:mod:`dateline.runner.dataset`)."""
    import pyarrow as pa

    types = {"string": pa.string(), "int64": pa.int64(), "bool": pa.bool_(),
             "date": pa.date32(), "list": pa.list_(pa.string()),
             "titles": pa.list_(pa.struct([("title", pa.string()), ("count", pa.int64())])),
             "aliases": pa.list_(pa.struct([("alias", pa.string()), ("count", pa.int64())]))}
    return pa.schema([(name, types[kind]) for name, kind in COLUMNS[what]])


def write_parquet(what: str, stream: Iterator[dict], out: IO) -> int:
    """Items (as ``items`` gives them: full records for articles) as Parquet rows of the
    export's columns, written in batches so that memory stays flat; returns the count."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema(what)
    count = 0
    with pq.ParquetWriter(out, schema) as writer:
        batch: list[dict] = []
        for item in stream:
            batch.append(flat(what, item))
            count += 1
            if len(batch) >= BATCH_ROWS:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    return count


def binary_stdout() -> IO:
    """Standard output for binary data (Parquet), refused when it is a terminal."""
    if sys.stdout.isatty():
        raise CorpusError("Parquet is binary: write it to a file with -o FILE")
    return sys.stdout.buffer
