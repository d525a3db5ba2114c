"""Files and folders: a text or HTML file is one article; a folder holds articles, JSON Lines, JSON and web archives."""
from __future__ import annotations

import gzip
import os
import stat
import zlib
from collections.abc import Iterator
from pathlib import Path

from ..api import make_article
from ..errors import InputError
from ..types import Article, Failure
from .reading import open_binary, read_bounded

TEXT_SUFFIXES = {".txt", ".text", ".html", ".htm", ".xhtml", ".shtml"}


def is_text_name(path: Path) -> bool:
    suffix = path.suffix.lower()
    return suffix in TEXT_SUFFIXES or (suffix == ".gz" and Path(path.stem).suffix.lower()
                                       in TEXT_SUFFIXES)


def read_file(path: Path, limit: int) -> Article | Failure:
    """One file as one article, read (and decompressed) at most ``limit`` bytes far."""
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISREG(mode) and os.path.getsize(path) > limit and not path.suffix == ".gz":
            return Failure(str(path), f"input is {os.path.getsize(path):,} bytes, over the limit "
                                      f"of {limit:,} (raise it with --max-bytes)")
        with open_binary(path) as f:
            data = read_bounded(f, limit)
    except InputError as exc:
        return Failure(str(path), exc.reason)
    except IsADirectoryError:
        return Failure(str(path), "is a folder")
    except OSError as exc:
        return Failure(str(path), f"cannot read: {exc.strerror or exc}")
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        return Failure(str(path), f"not a readable gzip file: {exc}")
    return make_article(data, id=str(path))


def walk(folder: Path) -> Iterator[Path]:
    """The files of a folder, sorted, hidden ones left out."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name
