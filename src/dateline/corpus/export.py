"""Export the corpus: articles, quotes, people or stories as JSON Lines, CSV or Parquet.

JSON Lines carries everything: an exported article is its full record (``id`` is the id the
input gave) plus ``story``, ``corpus_id``, ``duplicate_of`` and ``ingested_at``. CSV and Parquet
carry one flat row per item with fixed columns; lists and nested parts are JSON text (for
articles, the full record is the ``record`` column). Rows are streamed: memory stays flat.
"""
from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from typing import IO

from .people import people
from .search import export_record
from .store import CorpusError, Store
from .timeline import main_people

FORMATS = ("jsonl", "csv", "parquet")
WHATS = ("articles", "quotes", "people", "stories")

#: The flat columns of each export (CSV and Parquet), with their Parquet types.
COLUMNS: dict[str, list[tuple[str, str]]] = {
    "articles": [("corpus_id", "string"), ("id", "string"), ("story", "int64"),
                 ("duplicate_of", "string"), ("title", "string"), ("published", "string"),
                 ("source", "string"), ("url", "string"), ("dateline", "string"),
                 ("people", "string"), ("summary", "string"), ("body", "string"),
                 ("ingested_at", "string"), ("record", "string")],
    "quotes": [("article", "string"), ("article_input_id", "string"), ("story", "int64"),
               ("published", "string"), ("source", "string"), ("title", "string"),
               ("position", "int64"), ("speaker", "string"), ("speaker_mention", "string"),
               ("cue", "string"), ("direct", "bool_"), ("text", "string")],
    "people": [("name", "string"), ("articles", "int64"), ("mentions", "int64"),
               ("quotes", "int64"), ("first_seen", "string"), ("last_seen", "string"),
               ("titles", "string"), ("aliases", "string")],
    "stories": [("id", "int64"), ("headline", "string"), ("size", "int64"),
                ("first", "string"), ("last", "string"), ("people", "string"),
                ("articles", "string")],
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
            "people": json.dumps(names, ensure_ascii=False), "summary": record.get("summary"),
            "body": record.get("body"), "ingested_at": record.get("ingested_at"),
            "record": json.dumps(record, ensure_ascii=False)}


def _quotes(store: Store) -> Iterator[dict]:
    cursor = store.conn.execute(
        "SELECT a.id AS article, a.input_id, a.story, a.published, a.source, a.title, q.pos, "
        "q.speaker, q.speaker_mention, q.cue, q.direct, q.text FROM quotes q "
        "JOIN articles a ON a.n = q.article ORDER BY a.n, q.pos")
    for r in cursor:
        yield {"article": r["article"], "article_input_id": r["input_id"], "story": r["story"],
               "published": r["published"], "source": r["source"], "title": r["title"],
               "position": r["pos"], "speaker": r["speaker"],
               "speaker_mention": r["speaker_mention"], "cue": r["cue"],
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
    """One item as a flat row of the export's fixed columns."""
    if what == "articles":
        return _article_row(item)
    row = {}
    for name, _ in COLUMNS[what]:
        value = item.get(name)
        if isinstance(value, (list, dict)):
            value = json.dumps(value, ensure_ascii=False)
        row[name] = value
    return row


def export(store: Store, what: str, fmt: str, out: IO | str) -> int:
    """Write every item of ``what`` to ``out`` (a path, or an open file: text for jsonl and
    csv, binary for parquet). Returns the number of items written."""
    if fmt not in FORMATS:
        raise CorpusError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if what not in WHATS:
        raise CorpusError(f"cannot export {what!r}; choose one of {', '.join(WHATS)}")
    close = isinstance(out, str)
    if close:
        try:
            out = open(out, "wb" if fmt == "parquet" else "w", encoding=None if fmt == "parquet"
                       else "utf-8", newline="" if fmt == "csv" else None)
        except OSError as exc:
            raise CorpusError(f"cannot write {exc.filename}: {exc.strerror}") from None
    try:
        with store.guard():
            stream = items(store, what)
            if fmt == "jsonl":
                return _jsonl(stream, out)
            if fmt == "csv":
                return _csv(what, stream, out)
            return _parquet(what, stream, out)
    finally:
        if close:
            out.close()


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
        writer.writerow(flat(what, item))
        count += 1
    return count


def _parquet(what: str, stream: Iterator[dict], out: IO) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(name, getattr(pa, kind)()) for name, kind in COLUMNS[what]])
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
