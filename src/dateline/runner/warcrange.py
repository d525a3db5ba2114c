"""WARC byte ranges: the record boundaries of a .warc, or of a .warc.gz of one gzip member per record, found from any offset.

A range [start, end) of a WARC file owns the records whose header begins in it. The worker
finds the first record at or after ``start`` by itself, reading only around that offset:

- uncompressed: a line starting ``WARC/1.`` whose header gives a Content-Length that ends,
  after the record's closing blank lines, at the end of the file or at the next ``WARC/1.``
  (text that merely quotes a WARC header inside a page does not pass);
- gzip: warcio (like every crawler) writes one gzip member per record, so a record starts where
  a member does: the bytes 1f 8b 08 with valid header flags, whose first bytes decompress to
  ``WARC/1.`` (the same three bytes met inside compressed data do not decompress to that).

A .warc.gz that is one gzip stream over every record has no such starts: it stays whole, and
:func:`unsplittable` says why (warcio itself reads only its first record).
"""
from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Iterator

from ..inputs import warc
from ..inputs.reading import CHUNK
from ..types import Article, Failure

GZIP = b"\x1f\x8b\x08"
RECORD = b"WARC/1."
HEADER_BYTES = 64 << 10     # a WARC record header is read whole within this many bytes
PROBE_BYTES = 1 << 20       # the first gzip member must end within this to tell members apart
_HEADER_END = re.compile(rb"\r?\n\r?\n")
_LENGTH = re.compile(rb"(?im)^content-length:[ \t]*(\d+)[ \t]*\r?$")


def is_gzip(f) -> bool:
    f.seek(0)
    return f.read(2) == GZIP[:2]


def unsplittable(f, size: int) -> str | None:
    """Why the WARC file ``f`` (``size`` bytes) cannot be cut into byte ranges, or None."""
    if not is_gzip(f):
        return None if _plain_record_at(f, 0, size) else "it does not start with a WARC record"
    f.seek(0)
    if not _decompresses_to_record(f.read(CHUNK)):
        return "its first gzip member is not a WARC record"
    f.seek(0)
    length = _member_length(f, min(size, PROBE_BYTES))
    if length is None or length >= size:
        where = "the whole file" if length else f"more than its first {PROBE_BYTES} bytes"
        return (f"its first gzip member spans {where}: one gzip stream over the records "
                "rather than one member per record, which cannot be entered midway "
                "(`warcio recompress` rewrites it one member per record)")
    return None


def read_range(f, name: str, start: int, end: int, size: int, limit: int,
               tally: Counter | None = None) -> Iterator[Article | Failure]:
    """The articles of the records of ``f`` whose header begins in [start, end)."""
    first = record_start(f, start, size)
    if first < end:
        f.seek(first)
        yield from warc.iter_records(f, name, limit, tally, end)


def record_start(f, start: int, size: int) -> int:
    """The offset of the first record at or after ``start`` (``size`` when there is none)."""
    if start <= 0:
        return 0
    if is_gzip(f):
        candidates, valid = _find(f, start, GZIP), _member_at
    else:                                   # a header starts a line: look for "\nWARC/1."
        candidates = (p + 1 for p in _find(f, start - 1, b"\n" + RECORD))
        valid = _plain_record_at
    return next((p for p in candidates if valid(f, p, size)), size)


def _find(f, start: int, needle: bytes) -> Iterator[int]:
    """Each offset at or after ``start`` where ``needle`` occurs, reading in pieces (``f`` may
    be moved between two offsets)."""
    pos = start
    while True:
        f.seek(pos)
        piece = f.read(CHUNK + len(needle) - 1)
        k = piece.find(needle)
        while k >= 0:
            yield pos + k
            k = piece.find(needle, k + 1)
        if len(piece) < CHUNK + len(needle) - 1:
            return
        pos += CHUNK


def _member_at(f, p: int, size: int) -> bool:
    f.seek(p)
    head = f.read(CHUNK)
    return len(head) > 10 and not head[3] & 0xE0 and _decompresses_to_record(head)


def _decompresses_to_record(data: bytes) -> bool:
    try:
        return zlib.decompressobj(31).decompress(data, len(RECORD)) == RECORD
    except zlib.error:
        return False


def _member_length(f, limit: int) -> int | None:
    """The compressed length of the gzip member at ``f``'s position if it ends within ``limit``
    bytes (its output is discarded piece by piece: memory stays bounded)."""
    d, used = zlib.decompressobj(31), 0
    try:
        while used < limit and not d.eof:
            data = f.read(min(CHUNK, limit - used))
            if not data:
                break
            used += len(data)
            while data and not d.eof:
                d.decompress(data, CHUNK)
                data = d.unconsumed_tail
    except zlib.error:
        return None
    return used - len(d.unused_data) if d.eof else None


def _plain_record_at(f, p: int, size: int) -> bool:
    f.seek(p)
    head = f.read(HEADER_BYTES)
    if not head.startswith(RECORD):
        return False
    stop = _HEADER_END.search(head)
    length = _LENGTH.search(head, 0, stop.start()) if stop else None
    if not length:
        return False
    after = p + stop.end() + int(length.group(1))
    if after >= size:                        # the last record (or a truncated one)
        return True
    f.seek(after)
    tail = f.read(4 + len(RECORD))
    return tail.startswith(b"\r\n\r\n") and (after + 4 >= size or tail[4:] == RECORD)
