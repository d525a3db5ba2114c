"""Partitions: the inputs listed (files, globs, folders, through fsspec), cut into pieces a worker reads by itself.

A partition is a whole file, a group of small text/HTML files, or a byte range of a large
uncompressed JSON Lines file or WARC file. A JSON Lines range owns the lines that START in it
(the worker seeks to the range, skips the line under way, and reads to the end of the last line
that starts before the range ends); a WARC range owns the records whose header starts in it
(:mod:`dateline.runner.warcrange`: a .warc, or a .warc.gz of one gzip member per record, as
crawlers write them). Any other gzip file is one partition (it cannot be entered midway), and
so is a .warc.gz made of one gzip stream (the reason is logged).
A partition's name is stable: a readable stem and a short hash of its paths and byte range.
"""
from __future__ import annotations

import glob
import hashlib
import io
import json
import logging
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import DatelineError
from ..inputs import files, jsonarray, jsonl, read_path, warc
from ..inputs.reading import CHUNK, read_bounded
from ..types import Article, Failure
from . import warcrange

DEFAULT_PARTITION_BYTES = 64 << 20   # a JSON Lines byte range: about 10,000 news articles
FILES_PER_PARTITION = 256            # small text/HTML files grouped into one partition
log = logging.getLogger("dateline")


@dataclass(frozen=True)
class Partition:
    name: str
    paths: tuple[str, ...]
    start: int = 0
    end: int | None = None           # a byte range [start, end) of one JSON Lines or WARC file


def is_remote(path: str) -> bool:
    return "://" in path and not path.startswith("file://")


def _fs(path: str):
    from fsspec.core import url_to_fs

    try:
        return url_to_fs(path)
    except (ImportError, ValueError) as exc:  # no package for that filesystem
        raise DatelineError(f"{path}: cannot open this filesystem: {exc}") from None


def _wanted(name: str) -> bool:
    p = Path(name)
    return jsonl.is_jsonl(p) or jsonarray.is_json(p) or warc.is_warc(p) or files.is_text_name(p)


def list_inputs(paths: list[str]) -> list[str]:
    """Every input file under ``paths`` (files, folders, globs; local or fsspec URLs), in order;
    a path naming nothing is kept, so that its reader reports it as that input's failure."""
    out: list[str] = []
    for p in paths:
        if p == "-" or p.startswith(("http://", "https://")):
            raise DatelineError(f"{p}: a partitioned run (--out) reads files, folders and "
                                "object storage, not standard input or web addresses")
        if is_remote(p):
            fs, root = _fs(p)
            if glob.has_magic(root):
                out += [fs.unstrip_protocol(f) for f in sorted(fs.glob(root))]
            elif fs.isdir(root):
                out += [fs.unstrip_protocol(f) for f in sorted(fs.find(root)) if not any(
                    part.startswith(".") for part in f[len(root):].split("/")) and _wanted(f)]
            else:
                out.append(p)
        elif glob.has_magic(p) and not Path(p).exists():
            out += sorted(glob.glob(p, recursive=True))
        elif Path(p).is_dir():
            out += [str(f) for f in files.walk(Path(p)) if _wanted(f.name)]
        else:
            out.append(p)
    return out


def _name(stem: str, key: object) -> str:
    digest = hashlib.sha256(json.dumps(key).encode()).hexdigest()[:10]
    return f"{re.sub(r'[^A-Za-z0-9_.+-]+', '_', stem)[:40]}-{digest}"


def _is_range_warc(path: str) -> bool:
    return path.lower().endswith((".warc", ".warc.gz"))


def _size_if_splittable(path: str, partition_bytes: int) -> int | None:
    """The size of an uncompressed JSON Lines file, or of a WARC file that byte ranges can
    enter, when it is larger than a partition; else None."""
    kind = "warc" if _is_range_warc(path) else "jsonl" if (
        jsonl.is_jsonl(Path(path)) and not path.lower().endswith(".gz")) else None
    if kind is None:
        return None
    try:
        with _open(path) as f:
            size = f.seek(0, io.SEEK_END)
            if size <= partition_bytes:
                return None
            if kind == "jsonl":
                return None if warcrange.is_gzip(f) else size
            reason = warcrange.unsplittable(f, size)
    except OSError:
        return None
    if reason:
        log.info("%s stays one partition: %s", path, reason)
        return None
    return size


def split(listed: list[str], partition_bytes: int = DEFAULT_PARTITION_BYTES) -> list[Partition]:
    """The input files (as :func:`list_inputs` gives them) cut into partitions, in order."""
    parts: list[Partition] = []
    group: list[str] = []

    def flush() -> None:
        if group:
            parts.append(Partition(_name(Path(group[0]).name + (f"+{len(group) - 1}" if
                                   len(group) > 1 else ""), group), tuple(group)))
            group.clear()

    for path in listed:
        name = Path(path).name
        if files.is_text_name(Path(path)):
            group.append(path)
            if len(group) >= FILES_PER_PARTITION:
                flush()
            continue
        flush()
        size = _size_if_splittable(path, partition_bytes)
        if size is None:
            parts.append(Partition(_name(name, [path]), (path,)))
            continue
        for k, start in enumerate(range(0, size, partition_bytes)):
            end = min(size, start + partition_bytes)
            parts.append(Partition(_name(f"{name}-{k:04d}", [path, start, end]), (path,),
                                   start, end))
    flush()
    return parts


# ---- reading one partition (on the worker) ------------------------------------------------------

def read(part: Partition, limit: int, tally: Counter | None = None
         ) -> Iterator[tuple[str, Article | Failure]]:
    """(input path, article or Failure) for each input of the partition, through the same
    readers as a local run (so ids and failures are the same)."""
    tally = tally if tally is not None else Counter()
    for path in part.paths:
        if part.end is not None:
            items = (_warc_range(path, part.start, part.end, limit, tally)
                     if _is_range_warc(path) else _jsonl_range(path, part.start, part.end, limit))
        elif is_remote(path):
            items = _remote(path, limit, tally)
        else:
            items = read_path(Path(path), limit, tally)
        for item in items:
            yield path, item


class _Range(io.RawIOBase):
    """The bytes of ``f`` from its position to the end of the last line starting before ``end``."""

    def __init__(self, f, pos: int, end: int):
        self.f, self.pos, self.end, self.done = f, pos, end, False

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:
        if self.done:
            return b""
        data = self.f.read(CHUNK if n is None or n < 0 else n)
        if not data:
            self.done = True
            return b""
        if self.pos + len(data) >= self.end:          # the range ends in this piece
            k = data.find(b"\n", max(0, self.end - 1 - self.pos))
            if k >= 0:
                data, self.done = data[:k + 1], True
        self.pos += len(data)
        return data


def _open(path: str):
    if is_remote(path):
        fs, root = _fs(path)
        return fs.open(root, "rb")
    return open(path, "rb")


def _jsonl_range(path: str, start: int, end: int, limit: int) -> Iterator[Article | Failure]:
    try:
        with _open(path) as f:
            first, line = _line_at(f, start)
            if first < end:
                f.seek(first)
                yield from jsonl.iter_stream(_Range(f, first, end), path, limit, first=line)
    except OSError as exc:
        yield Failure(f"{path}@{start}", f"cannot read: {exc.strerror or exc}")


def _warc_range(path: str, start: int, end: int, limit: int, tally: Counter
                ) -> Iterator[Article | Failure]:
    try:
        with _open(path) as f:
            size = f.seek(0, io.SEEK_END)
            yield from warcrange.read_range(f, path, start, end, size, limit, tally)
    except OSError as exc:
        yield Failure(f"{path}@{start}", f"cannot read: {exc.strerror or exc}")


def _line_at(f, start: int) -> tuple[int, int]:
    """(offset of the first line starting at or after ``start``, its line number), counting
    the newlines before it in pieces."""
    lines, pos = 1, 0
    while pos < start:
        piece = f.read(min(CHUNK * 16, start - pos))
        if not piece:
            return pos, lines
        lines += piece.count(b"\n")
        pos += len(piece)
    if start == 0:
        return 0, 1
    f.seek(start - 1)
    if f.read(1) == b"\n":
        return start, lines
    pos = start
    while True:                                     # skip the line under way at ``start``
        piece = f.read(CHUNK)
        if not piece:
            return pos, lines
        k = piece.find(b"\n")
        if k >= 0:
            return pos + k + 1, lines + 1
        pos += len(piece)


def _remote(path: str, limit: int, tally: Counter) -> Iterator[Article | Failure]:
    """A file on object storage: JSON Lines and text read as streams; JSON and WARC copied to
    a local temporary file first (their readers take a path), their ids naming the URL."""
    from ..api import make_article

    name = Path(path.split("://", 1)[1])
    try:
        if jsonl.is_jsonl(name):
            import gzip

            with _open(path) as raw:
                f = gzip.GzipFile(fileobj=raw) if path.lower().endswith(".gz") else raw
                yield from jsonl.iter_stream(f, path, limit)
        elif files.is_text_name(name) and not path.lower().endswith(".gz"):
            with _open(path) as f:
                yield make_article(read_bounded(f, limit), id=path)
        else:
            import tempfile

            with tempfile.TemporaryDirectory(prefix="dateline-") as tmp:
                local = Path(tmp) / name.name
                fs, root = _fs(path)
                fs.get(root, str(local))
                for item in read_path(local, limit, tally):
                    item.id = item.id.replace(str(local), path)
                    yield item
    except DatelineError as exc:
        yield Failure(path, exc.reason)
    except OSError as exc:
        yield Failure(path, f"cannot read: {exc.strerror or exc}")
