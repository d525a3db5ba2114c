"""The whole result of a search as CSV or JSON Lines, streamed in chunks (never one page, never
all of it in memory): the download of the search page and ``/api/articles?format=csv``."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from fastapi.responses import StreamingResponse

from ..corpus import search
from ..corpus.store import Store

FORMATS = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson"}
COLUMNS = ("id", "input_id", "title", "published", "source", "url", "story", "duplicate_of",
           "score")
CHUNK = 500


def _rows(db_path: str, query: str | None, filters: dict) -> Iterator[dict]:
    store = Store.open(db_path)
    try:
        offset = 0
        while True:
            rows = search.search(store, query, limit=CHUNK, offset=offset, snippets=False,
                                 **filters)
            yield from rows
            if len(rows) < CHUNK:
                return
            offset += CHUNK
    finally:
        store.close()


def _csv(rows: Iterator[dict]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for n, row in enumerate(rows, 1):
        writer.writerow(row)
        if n % 100 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _jsonl(rows: Iterator[dict]) -> Iterator[str]:
    for row in rows:
        yield json.dumps({k: row.get(k) for k in COLUMNS}, ensure_ascii=False) + "\n"


def download(db_path: str, query: str | None, filters: dict, fmt: str) -> StreamingResponse:
    """The streamed file of every article the search matches (the query is checked first, so
    a bad query is a 400, not a broken download)."""
    with Store.open(db_path) as store:
        search.search(store, query, limit=1, **filters)
    rows = _rows(db_path, query, filters)
    body = _csv(rows) if fmt == "csv" else _jsonl(rows)
    return StreamingResponse(body, media_type=FORMATS[fmt], headers={
        "Content-Disposition": f'attachment; filename="dateline-search.{fmt}"'})
