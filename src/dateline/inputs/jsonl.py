"""JSON Lines (.jsonl, .ndjson, and their .gz): one input record per line, read line by line within the size limit."""
from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path

from ..types import Article, Failure
from .reading import iter_file, iter_lines, open_binary
from .records import parse_line

SUFFIXES = {".jsonl", ".ndjson"}


def is_jsonl(path: Path) -> bool:
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    return bool(suffixes) and (suffixes[-1] in SUFFIXES
                               or (suffixes[-1] == ".gz" and len(suffixes) == 2
                                   and suffixes[0] in SUFFIXES))


def iter_stream(stream, name: str, limit: int, first: int = 1) -> Iterator[Article | Failure]:
    """The records of a binary JSON Lines stream (whose first line is line ``first`` of the
    file); each line is bounded by ``limit`` bytes."""
    for n, line in iter_lines(stream, limit, first):
        where = f"{name}:{n}"
        if line is None:
            yield Failure(where, f"line {n} is over the limit of {limit:,} bytes "
                                 "(raise it with --max-bytes)")
        else:
            yield parse_line(line, where, n)


def iter_jsonl(path: Path, limit: int) -> Iterator[Article | Failure]:
    return iter_file(path, limit, iter_stream)


def count_lines(path: Path) -> int:
    """Non-blank lines of a JSON Lines file (for a progress bar's total), in pieces."""
    try:
        with open_binary(path) as f:
            return sum(1 for _ in iter_lines(f, 1 << 62))
    except (OSError, EOFError, zlib.error):
        return 1
