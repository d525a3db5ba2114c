"""Web archives (.warc, .warc.gz) read as a stream with warcio: HTML responses become articles, other records are counted.

warcio because it is pure Python (no build step on any machine), reads and writes WARC (the
tests and the bench write their archives with it) and streams record by record; it is the
library of Common Crawl's and Webrecorder's own tooling.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from ..api import make_article
from ..errors import InputError
from ..types import Article, Failure
from .fetch import PAGE_TYPES, _content_type
from .reading import read_bounded


def is_warc(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith((".warc", ".warc.gz", ".arc", ".arc.gz"))


def iter_warc(path: Path, limit: int, tally: Counter | None = None) -> Iterator[Article | Failure]:
    """Articles from the HTML responses of a WARC file; the other records are counted in
    ``tally['warc records skipped']``. One record is in memory at a time (at most ``limit``)."""
    try:
        with open(path, "rb") as f:
            yield from iter_records(f, str(path), limit, tally)
    except OSError as exc:
        yield Failure(str(path), f"cannot read: {exc.strerror or exc}")


def iter_records(f, name: str, limit: int, tally: Counter | None = None,
                 end: int | None = None) -> Iterator[Article | Failure]:
    """The articles of the WARC records read from ``f`` at its position (a record's start),
    up to the first record that starts at or after byte ``end`` (all when None). A record with
    no WARC-Record-ID is named ``name@offset``: the same in a whole read and a byte range."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    tally = tally if tally is not None else Counter()
    try:
        records = ArchiveIterator(f)
        for record in records:
            offset = records.offset           # where this record starts (before it is read)
            if end is not None and offset >= end:
                break
            item = _record(record, f"{name}@{offset}", limit)
            if item is None:
                tally["warc records skipped"] += 1
            else:
                yield item
    except OSError as exc:
        yield Failure(name, f"cannot read: {exc.strerror or exc}")
    except (ArchiveLoadFailed, ValueError, EOFError) as exc:
        first = next((line.strip() for line in str(exc).splitlines() if line.strip()),
                     type(exc).__name__)
        yield Failure(name, f"not a readable WARC file: {first[:200]}")


def _record(record, where: str, limit: int) -> Article | Failure | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode()
    ctype, charset = _content_type(record.http_headers.get_header("Content-Type"))
    if not status.startswith("2") or (ctype and ctype not in PAGE_TYPES):
        return None
    rid = record.rec_headers.get_header("WARC-Record-ID") or where
    rid = rid.strip("<>")
    try:
        body = read_bounded(record.content_stream(), limit)
    except InputError as exc:
        return Failure(rid, exc.reason)
    except Exception as exc:  # a broken record (bad chunking, bad gzip) costs itself only
        return Failure(rid, f"unreadable record: {exc!r}"[:300])
    raw: str | bytes = body
    if charset and charset not in ("utf-8", "utf8"):
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            try:
                raw = body.decode(charset)
            except (LookupError, UnicodeDecodeError):
                return Failure(rid, f"not valid {charset} text although the record declares it")
    date = record.rec_headers.get_header("WARC-Date")
    article = make_article(raw, id=rid, url=record.rec_headers.get_header("WARC-Target-URI"))
    article.fetched_at = date
    article.published_fallback = date[:10] if date else None
    return article
