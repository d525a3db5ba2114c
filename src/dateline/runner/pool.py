"""Worker processes on this machine: chunks of articles in input order, or whole partitions."""
from __future__ import annotations

import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator

from ..api import analyze_many
from ..options import Options
from ..types import Article, Failure, record_from_dict


def chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def work(job: tuple[list[Article | Failure], Options]) -> list[dict]:
    """Analyse one chunk in this process (a pool or Dask worker); records as plain dicts."""
    chunk, options = job
    return [r.to_dict() for r in analyze_many(chunk, options)]


def in_order(submit, result, pieces: Iterable[list], window: int) -> Iterator[Article | Failure]:
    """Submit chunks to workers with at most ``window`` in flight, yielding their records in input
    order: a huge input streams through in constant memory (Pool.imap would read it all)."""
    pending: deque = deque()
    for chunk in pieces:
        pending.append(submit(chunk))
        while len(pending) >= window:
            yield from map(record_from_dict, result(pending.popleft()))
    while pending:
        yield from map(record_from_dict, result(pending.popleft()))


def context(options: Options):
    """A multiprocessing context. On Linux the workers are forked after the model is loaded
    here, so each starts with it in (copy-on-write) memory instead of loading its own."""
    import multiprocessing as mp

    if "parse" in options.stages and sys.platform.startswith("linux"):
        from ..model import load_model

        load_model(options.model)
        return mp.get_context("fork")
    return mp.get_context("spawn")


def run_pool(items: Iterable[Article | Failure], options: Options) -> Iterator[Article | Failure]:
    """``options.workers`` processes, small chunks (they keep the workers evenly loaded)."""
    size = max(1, min(options.batch_size, 8))
    with context(options).Pool(options.workers) as pool:
        yield from in_order(lambda chunk: pool.apply_async(work, ((chunk, options),)),
                            lambda pending: pending.get(), chunks(items, size),
                            window=2 * options.workers)


def pool_partitions(task: Callable, parts: list, pool: Options, /, **kwargs) -> Iterator:
    """``task(part, **kwargs)`` for each partition on ``pool.workers`` processes, results as
    they complete (an exception is yielded in its partition's place, the others go on)."""
    from concurrent.futures import ProcessPoolExecutor, as_completed

    with ProcessPoolExecutor(pool.workers, mp_context=context(pool)) as executor:
        futures = {executor.submit(task, part, **kwargs): part for part in parts}
        for future in as_completed(futures):
            exc = future.exception()
            yield (futures[future], exc if exc is not None else future.result())
