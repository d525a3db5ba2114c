"""Batch output: records written as JSON Lines, safely (beside the destination, renamed at the end).

Running the pipeline over a stream is :mod:`dateline.runner` (``run`` is kept importable from
here); reading inputs is :mod:`dateline.inputs`.
"""
from __future__ import annotations

import errno
import io
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .errors import DatelineError
from .inputs import iter_inputs
from .inputs.files import TEXT_SUFFIXES  # noqa: F401  (kept importable from here)
from .inputs.jsonl import is_jsonl  # noqa: F401
from .options import Options
from .runner import run
from .types import Article, Failure


def _open_jsonl(path: Path) -> io.TextIOBase:
    """A JSON Lines file as text (kept for callers that count its lines)."""
    from .inputs.reading import open_binary

    return io.TextIOWrapper(open_binary(path), encoding="utf-8", errors="replace")


# ---- output ----------------------------------------------------------------------------------

def write_jsonl(results: Iterable[Article | Failure], out: io.TextIOBase,
                on_failure=None, on_skip=None) -> tuple[int, int]:
    """Write one JSON record per line; returns (analysed, failed). ``on_failure(failure)`` is
    called for each failed input (the CLI reports it on stderr); an input skipped on purpose
    (``Failure.skipped``: another language) is not written, only passed to ``on_skip``."""
    ok = failed = 0
    for result in results:
        if isinstance(result, Failure) and result.skipped:
            if on_skip:
                on_skip(result)
            continue
        out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
        if isinstance(result, Failure):
            failed += 1
            if on_failure:
                on_failure(result)
        else:
            ok += 1
    out.flush()
    return ok, failed


class SafeOutput:
    """An output file written beside its destination and renamed over it at the end, so that a
    failed run leaves the old file whole; it refuses to be one of the inputs. A full disk is a
    one-line :class:`DatelineError`."""

    def __init__(self, path: str | Path, inputs: Iterable[str] = ()):
        self.path = Path(path)
        for p in inputs:
            if p != "-" and _same_file(self.path, Path(p)):
                raise DatelineError(f"{self.path} is also an input: choose another output file")
        if self.path.is_dir():
            raise DatelineError(f"{self.path} is a folder: give a file name for the output")
        self.tmp = None
        if self.path.exists() and not self.path.is_file():  # a device or pipe: write to it
            try:
                self.file = open(self.path, "w", encoding="utf-8")
            except OSError as exc:
                raise DatelineError(f"cannot write {self.path}: {exc.strerror or exc}")
            return
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".part",
                                       dir=self.path.parent if str(self.path.parent) else ".")
        except OSError as exc:
            raise DatelineError(f"cannot write {self.path}: {exc.strerror or exc}")
        self.tmp = Path(tmp)
        self.file = os.fdopen(fd, "w", encoding="utf-8")

    def __enter__(self) -> io.TextIOBase:
        return self.file

    def __exit__(self, kind, exc, tb) -> bool:
        try:
            if exc is None:
                self.file.close()
                if self.tmp is not None:
                    os.replace(self.tmp, self.path)
                return False
        except OSError as err:
            exc = err
        try:
            self.file.close()
        except OSError:
            pass
        if self.tmp is not None:
            self.tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            reason = "the disk is full" if exc.errno == errno.ENOSPC else (exc.strerror or exc)
            raise DatelineError(f"cannot write {self.path}: {reason}") from None
        return False


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def analyse_path_to_file(path: str | Path, out: str | Path, options: Options | None = None
                         ) -> tuple[int, int]:
    """Analyse every article under ``path`` into the JSON Lines file ``out`` (used by the gates)."""
    options = options or Options()
    with SafeOutput(out, [str(path)]) as f:
        return write_jsonl(run(iter_inputs([path], options=options), options), f)


__all__ = ["iter_inputs", "run", "write_jsonl", "analyse_path_to_file", "SafeOutput"]
