"""Past one machine: the same batch on a Dask cluster.

Inputs are read here and sent to the workers in chunks of ``options.batch_size``; each worker
process loads the spaCy model once and runs the very same pipeline (``batch._work``). Results
come back in input order, with a bounded number of chunks in flight, so memory stays flat.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from .batch import _chunks, _work, in_order
from .errors import DatelineError
from .options import Options
from .types import Article, Failure


def connect(scheduler: str, workers: int):
    """A dask.distributed Client: 'local' starts a LocalCluster of ``workers`` processes."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - dask is a pinned dependency
        raise DatelineError(f"dask.distributed is not installed: {exc}") from None
    if scheduler == "local":
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        return Client(cluster)
    try:
        return Client(scheduler, timeout="10s")
    except OSError as exc:
        raise DatelineError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None


def run_on_dask(items: Iterable[Article | Failure], options: Options, scheduler: str | object,
                window: int | None = None) -> Iterator[Article | Failure]:
    """Analyse ``items`` on a Dask cluster (an address, 'local', or a Client); input order kept."""
    own = isinstance(scheduler, str)
    client = connect(scheduler, max(1, options.workers)) if own else scheduler
    local = options.replace(workers=1)
    window = window or 2 * max(1, len(client.scheduler_info().get("workers", {})) or 1)
    try:
        yield from in_order(lambda chunk: client.submit(_work, (chunk, local), pure=False),
                            lambda future: future.result(), _chunks(items, options.batch_size),
                            window)
    finally:
        if own:
            cluster = getattr(client, "cluster", None)
            client.close()
            if cluster is not None:
                cluster.close()
