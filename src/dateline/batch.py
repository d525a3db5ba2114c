"""Inputs and batches: turn paths (files, folders, JSON Lines, gzip, stdin) into articles, and run
the pipeline over them in this process or in worker processes, streaming, in input order.

An input that cannot be read becomes a :class:`~dateline.types.Failure` in its place; the others
go through. Reading is lazy: a 100,000-line JSON Lines file is never held in memory at once.
"""
from __future__ import annotations

import gzip
import io
import json
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path

from .api import analyze_many, make_article
from .options import Options
from .types import Article, Failure, record_from_dict

TEXT_SUFFIXES = {".txt", ".text", ".html", ".htm", ".xhtml", ".shtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
RECORD_FIELDS = ("title", "published", "url", "source", "description")


def is_jsonl(path: Path) -> bool:
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    return bool(suffixes) and (suffixes[-1] in JSONL_SUFFIXES
                               or (suffixes[-1] == ".gz" and len(suffixes) == 2
                                   and suffixes[0] in JSONL_SUFFIXES))


def _open_jsonl(path: Path) -> io.TextIOBase:
    if path.suffix.lower() == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", errors="replace")
    return open(path, encoding="utf-8", errors="replace")


def record_to_article(record: object, where: str) -> Article | Failure:
    """One input record ({"id", "text"|"html", ...}) into an article, or a Failure saying why not."""
    if not isinstance(record, dict):
        return Failure(where, "not a JSON object")
    rid = record.get("id")
    rid = str(rid) if rid is not None else where
    content = record.get("html") if record.get("html") is not None else record.get("text")
    if not isinstance(content, str):
        return Failure(rid, 'the record has no "text" or "html" string')
    extra = {k: record[k] for k in RECORD_FIELDS if isinstance(record.get(k), str)}
    return make_article(content, id=rid, **extra)


def iter_jsonl(path: Path) -> Iterator[Article | Failure]:
    try:
        with _open_jsonl(path) as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                where = f"{path}:{n}"
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield Failure(where, f"malformed JSON on line {n}: {exc.msg} (column {exc.colno})")
                    continue
                yield record_to_article(record, where)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield Failure(str(path), f"cannot read: {exc.strerror or exc}" if isinstance(exc, OSError)
                      else f"cannot read: {exc}")


def read_file(path: Path) -> Article | Failure:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Failure(str(path), f"cannot read: {exc.strerror or exc}")
    if path.suffix.lower() == ".gz":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            return Failure(str(path), f"not a readable gzip file: {exc}")
    return make_article(data, id=str(path))


def iter_folder(folder: Path) -> Iterator[Article | Failure]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            if name.startswith("."):
                continue
            if is_jsonl(path):
                yield from iter_jsonl(path)
            elif path.suffix.lower() in TEXT_SUFFIXES or (
                    path.suffix.lower() == ".gz" and Path(path.stem).suffix.lower() in TEXT_SUFFIXES):
                yield read_file(path)


def iter_inputs(paths: Iterable[str | Path], stdin: io.BufferedIOBase | None = None
                ) -> Iterator[Article | Failure]:
    """Articles from every path: '-' is stdin (one article, or JSON Lines when it looks so)."""
    for p in paths:
        if str(p) == "-":
            data = (stdin or sys.stdin.buffer).read()
            if _looks_like_jsonl(data):
                for n, line in enumerate(data.decode("utf-8", "replace").splitlines(), 1):
                    if line.strip():
                        try:
                            yield record_to_article(json.loads(line), f"<stdin>:{n}")
                        except json.JSONDecodeError as exc:
                            yield Failure(f"<stdin>:{n}", f"malformed JSON on line {n}: {exc.msg}")
            else:
                yield make_article(data, id="<stdin>")
            continue
        path = Path(p)
        if path.is_dir():
            yield from iter_folder(path)
        elif not path.exists():
            yield Failure(str(path), "no such file or folder")
        elif is_jsonl(path):
            yield from iter_jsonl(path)
        else:
            yield read_file(path)


def _looks_like_jsonl(data: bytes) -> bool:
    first = data.lstrip()[:1]
    if first != b"{":
        return False
    line = data.lstrip().split(b"\n", 1)[0]
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def count_single(paths: list[str]) -> bool:
    """True when the paths name exactly one article (one text/HTML file or stdin), not a batch."""
    if len(paths) != 1:
        return False
    p = paths[0]
    if p == "-":
        return True
    path = Path(p)
    return not path.is_dir() and not is_jsonl(path)


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
                on_failure=None) -> tuple[int, int]:
    """Write one JSON record per line; returns (analysed, failed). ``on_failure(failure)`` is
    called for each failed input (the CLI reports it on stderr)."""
    ok = failed = 0
    for result in results:
        out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
        if isinstance(result, Failure):
            failed += 1
            if on_failure:
                on_failure(result)
        else:
            ok += 1
    out.flush()
    return ok, failed


def analyse_path_to_file(path: str | Path, out: str | Path, options: Options | None = None
                         ) -> tuple[int, int]:
    """Analyse every article under ``path`` into the JSON Lines file ``out`` (used by the gates)."""
    with open(out, "w", encoding="utf-8") as f:
        return write_jsonl(run(iter_inputs([path]), options or Options()), f)


__all__ = ["iter_inputs", "run", "in_order", "write_jsonl", "analyse_path_to_file",
           "count_single"]
