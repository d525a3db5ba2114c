"""Batches: run the pipeline over a stream of input articles (read by :mod:`dateline.inputs`) in
this process or in worker processes, streaming, in input order; and write the records safely.

An input that cannot be read arrives as a :class:`~dateline.types.Failure` and is passed through
in its place; the others go through. Nothing here reads inputs: that is ``dateline.inputs``.
"""
from __future__ import annotations

import errno
import io
import json
import os
import sys
import tempfile
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path

from .api import analyze_many
from .errors import DatelineError
from .inputs import iter_inputs
from .inputs.files import TEXT_SUFFIXES  # noqa: F401  (kept importable from here)
from .inputs.jsonl import is_jsonl  # noqa: F401
from .options import Options
from .types import Article, Failure, record_from_dict


def _open_jsonl(path: Path) -> io.TextIOBase:
    """A JSON Lines file as text (kept for callers that count its lines)."""
    from .inputs.reading import open_binary

    return io.TextIOWrapper(open_binary(path), encoding="utf-8", errors="replace")


# ---- running ---------------------------------------------------------------------------------

def run(items: Iterable[Article | Failure], options: Options) -> Iterator[Article | Failure]:
    """Analyse a stream of inputs with ``options.workers`` processes; results in input order."""
    if options.workers <= 1:
        yield from analyze_many(items, options)
        return
    yield from _run_pool(items, options)


def _chunks(items: Iterable[Article | Failure], size: int) -> Iterator[list[Article | Failure]]:
    chunk: list[Article | Failure] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _work(job: tuple[list[Article | Failure], Options]) -> list[dict]:
    """Analyse one chunk in this process (a pool or Dask worker); records as plain dicts."""
    chunk, options = job
    return [r.to_dict() for r in analyze_many(chunk, options)]


def _run_pool(items: Iterable[Article | Failure], options: Options) -> Iterator[Article | Failure]:
    """Worker processes. On Linux they are forked after the model is loaded here, so each starts
    with the model already in (copy-on-write) memory instead of loading its own."""
    import multiprocessing as mp

    if "parse" in options.stages and sys.platform.startswith("linux"):
        from .model import load_model

        load_model(options.model)
        ctx = mp.get_context("fork")
    else:
        ctx = mp.get_context("spawn")
    size = max(1, min(options.batch_size, 8))  # small chunks keep the workers evenly loaded
    with ctx.Pool(options.workers) as pool:
        yield from in_order(lambda chunk: pool.apply_async(_work, ((chunk, options),)),
                            lambda pending: pending.get(), _chunks(items, size),
                            window=2 * options.workers)


def in_order(submit, result, chunks: Iterable[list], window: int) -> Iterator[Article | Failure]:
    """Submit chunks to workers with at most ``window`` in flight, yielding their records in input
    order: a huge input streams through in constant memory (Pool.imap would read it all)."""
    pending: deque = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        while len(pending) >= window:
            yield from map(record_from_dict, result(pending.popleft()))
    while pending:
        yield from map(record_from_dict, result(pending.popleft()))


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


__all__ = ["iter_inputs", "run", "in_order", "write_jsonl", "analyse_path_to_file", "SafeOutput"]
