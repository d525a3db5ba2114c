"""Dask: connect to a scheduler (or start a LocalCluster), stream chunks of records, or run partitions."""
from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Iterator

from ..errors import DatelineError
from ..options import Options
from ..types import Article, Failure
from .pool import chunks, in_order, work

#: A partition's task is retried this often after an exception; a worker that dies under it is
#: replaced and the task rerun by the scheduler (``distributed.scheduler.allowed-failures``).
RETRIES = 2


#: Dask settings for a LocalCluster, measured by bench/bench_distributed.py (docs/distributed.md).
#: Dask's nanny starts each worker with MALLOC_TRIM_THRESHOLD_=65536, which makes glibc give
#: freed memory back at once and (being set) turns off its adaptive mmap threshold: spaCy's
#: arrays are then mapped and unmapped for every batch, about 1,100 page faults and 1.9 ms of
#: system CPU per short article (~10% of its cost) against 0.1-0.3 ms unset, as in a local pool. The statistical profiler (it samples every thread's
#: stack every 10 ms, a cost on spaCy's deep stacks) off; the event-loop health check every 1 s
#: instead of 20 ms (it only feeds warnings about a blocked loop), the memory monitor every 1 s
#: instead of 100 ms (a worker over its memory limit is stopped within a second), the system
#: monitor (the dashboard's graphs) every 5 s: idle, a cluster of 2 workers then uses about a
#: quarter of the CPU it did (bench/bench_distributed.py against its --previous-config).
CLUSTER_CONFIG = {"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
                  "distributed.worker.profile.enabled": False,
                  "distributed.admin.tick.interval": "1s",
                  "distributed.worker.memory.monitor-interval": "1s",
                  "distributed.admin.system-monitor.interval": "5s"}


def connect(scheduler: str, workers: int, config: dict | None = None):
    """A dask.distributed Client: 'local' starts a LocalCluster of ``workers`` processes (with
    ``config``, by default :data:`CLUSTER_CONFIG`)."""
    try:
        import dask
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - dask is a pinned dependency
        raise DatelineError(f"dask.distributed is not installed: {exc}") from None
    if scheduler == "local":
        with dask.config.set(CLUSTER_CONFIG if config is None else config):
            # the nannies keep a copy of their own: a worker they restart has the settings too
            settings = copy.deepcopy(dask.config.config)
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None, config=settings)
        return Client(cluster)
    try:
        return Client(scheduler, timeout="10s")
    except OSError as exc:
        raise DatelineError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None


def close(client) -> None:
    cluster = getattr(client, "cluster", None)
    client.close()
    if cluster is not None:
        cluster.close()


def run_on_dask(items: Iterable[Article | Failure], options: Options, scheduler: str | object,
                window: int | None = None) -> Iterator[Article | Failure]:
    """Analyse ``items`` on a Dask cluster (an address, 'local', or a Client); input order kept.
    Every input passes through this process: for a large crawl use partitions instead."""
    own = isinstance(scheduler, str)
    client = connect(scheduler, max(1, options.workers)) if own else scheduler
    local = options.replace(workers=1)
    window = window or 2 * max(1, len(client.scheduler_info().get("workers", {})) or 1)
    try:
        yield from in_order(lambda chunk: client.submit(work, (chunk, local), pure=False),
                            lambda future: future.result(), chunks(items, options.batch_size),
                            window)
    finally:
        if own:
            close(client)


def dask_partitions(client, task: Callable, parts: list, **kwargs) -> Iterator:
    """``task(part, **kwargs)`` for each partition on the cluster, results as they complete;
    only the partition descriptions go out and the small results come back."""
    from dask.distributed import as_completed

    futures = client.map(task, parts, retries=RETRIES, pure=False, **kwargs)
    owner = {f.key: part for f, part in zip(futures, parts)}
    try:
        for future in as_completed(futures):
            exc = future.exception()
            yield (owner[future.key], exc if exc is not None else future.result())
            future.release()
    finally:
        client.cancel(futures)
