"""Bounded reading: bytes and lines read in pieces, counted, and stopped at the limit before they cost memory."""
from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..types import Article, Failure

CHUNK = 1 << 16
_BLANK = b" \t\r\n"


def over_limit(size: int | str, limit: int) -> InputError:
    what = f"{size:,} bytes" if isinstance(size, int) else size
    return InputError(f"input is {what}, over the limit of {limit:,} (raise it with --max-bytes)")


def read_bounded(stream, limit: int) -> bytes:
    """All of ``stream`` (a binary file object) if it holds at most ``limit`` bytes; InputError
    as soon as it holds more (after reading limit + 1 bytes, never the rest)."""
    parts, total = [], 0
    while True:
        piece = stream.read(min(CHUNK, limit + 1 - total))
        if not piece:
            return b"".join(parts)
        parts.append(piece)
        total += len(piece)
        if total > limit:
            raise over_limit(f"over {limit:,} bytes", limit)


def is_gzip_name(path: Path) -> bool:
    return path.suffix.lower() == ".gz"


def open_binary(path: Path):
    """The file as a binary stream, decompressed when it is gzip (by name or by its magic bytes)."""
    f = open(path, "rb")
    if f.peek(2)[:2] == b"\x1f\x8b":
        return gzip.GzipFile(fileobj=f, mode="rb")
    return f


class Prefixed(io.RawIOBase):
    """A binary stream whose first bytes were already read (to peek at them): those, then the rest."""

    def __init__(self, prefix: bytes, stream):
        self.prefix, self.stream = prefix, stream

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:
        if self.prefix:
            if n is None or n < 0:
                out, self.prefix = self.prefix + self.stream.read(), b""
                return out
            out, self.prefix = self.prefix[:n], self.prefix[n:]
            return out
        return self.stream.read(n)


def iter_lines(stream, limit: int, first: int = 1) -> Iterator[tuple[int, bytes | None]]:
    """The non-blank lines of a binary stream as (line number, bytes), read in pieces. A line
    longer than ``limit`` gives (line number, None) and its rest is skipped unread into memory;
    runs of blank lines are passed over at C speed (a gzip of newlines costs seconds, not hours)."""
    buf = bytearray()
    n = first        # line number of buf[0]
    skipping = False
    while True:
        data = stream.read(CHUNK)
        if skipping:
            k = data.find(b"\n")
            if k < 0 and data:
                continue
            skipping = False
            if not data:
                return
            n += 1
            data = data[k + 1:]
        buf += data
        while buf:
            if buf[0] in _BLANK:  # blank lines: strip them all at once
                stripped = buf.lstrip(_BLANK)
                cut = len(buf) - len(stripped)
                n += buf.count(b"\n", 0, cut)
                # keep a partial line's leading spaces out of the count only: harmless
                del buf[:cut]
                if not buf:
                    break
            k = buf.find(b"\n")
            if k < 0:
                if len(buf) > limit:
                    yield n, None
                    buf.clear()
                    skipping = bool(data)
                break
            if k > limit:
                yield n, None
            else:
                yield n, bytes(buf[:k]).rstrip(b"\r")
            del buf[:k + 1]
            n += 1
        if not data:
            if buf.strip():
                yield n, bytes(buf) if len(buf) <= limit else None
            return


def gunzip_bounded(data: bytes, limit: int) -> bytes:
    """Decompress gzip bytes, refusing (before it is spent) output beyond ``limit`` bytes."""
    d = zlib.decompressobj(wbits=47)
    out = bytearray()
    rest = data
    while rest and not d.eof:
        out += d.decompress(rest, limit + 1 - len(out))
        if len(out) > limit:
            raise over_limit(f"over {limit:,} bytes once decompressed", limit)
        rest = d.unconsumed_tail
    return bytes(out)


def iter_file(path: Path, limit: int, reader) -> Iterator[Article | Failure]:
    """The inputs ``reader(stream, name, limit)`` finds in the file ``path`` (gzip or not); a
    file that cannot be opened or decompressed is one Failure naming it."""
    try:
        with open_binary(path) as f:
            yield from reader(f, str(path), limit)
    except OSError as exc:
        yield Failure(str(path), f"cannot read: {exc.strerror or exc}")
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        yield Failure(str(path), f"cannot read: {exc}")
