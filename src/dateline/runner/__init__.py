"""Where work runs: in this process, in a local process pool, or on Dask, behind one interface.

A :class:`Runner` takes records in and gives records out (``records``: a stream of input
articles and Failures, results in input order, memory flat), or takes partitions in and gives
partition results out (``partitions``: each partition read, analysed and written where it runs,
see :mod:`dateline.runner.dataset`). ``choose(options, dask)`` picks one: ``dask`` set → Dask
(an address, ``'local'`` for a LocalCluster of ``options.workers`` processes, or a Client);
``options.workers`` > 1 → a pool; else this process. The CLI, the corpus and the web app pick a
runner here instead of calling back and forth between ``api`` and ``batch``.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from ..api import analyze_many
from ..options import Options
from ..types import Article, Failure


class Runner:
    """In this process: the reference the others must agree with."""

    def __init__(self, options: Options):
        self.options = options

    def records(self, items: Iterable[Article | Failure]) -> Iterator[Article | Failure]:
        return analyze_many(items, self.options)

    def partitions(self, task: Callable, parts: list, **kwargs) -> Iterator[tuple]:
        """(part, result or the exception it raised) for each partition, as they complete."""
        for part in parts:
            try:
                result = task(part, **kwargs)
            except Exception as exc:  # one partition's defect costs that partition only
                result = exc
            yield part, result

    def close(self) -> None:
        pass

    def __enter__(self) -> "Runner":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class PoolRunner(Runner):
    """``options.workers`` processes on this machine (forked after the model is loaded)."""

    def records(self, items):
        from .pool import run_pool

        return run_pool(items, self.options)

    def partitions(self, task, parts, **kwargs):
        from .pool import pool_partitions

        return pool_partitions(task, parts, self.options, **kwargs)


class DaskRunner(Runner):
    """A Dask cluster; a Client it was given stays open, one it made is closed with it."""

    def __init__(self, options: Options, scheduler):
        super().__init__(options)
        from .cluster import connect

        self.own = isinstance(scheduler, str)
        self.client = connect(scheduler, max(1, options.workers)) if self.own else scheduler

    def records(self, items):
        from .cluster import run_on_dask

        return run_on_dask(items, self.options, self.client)

    def partitions(self, task, parts, **kwargs):
        from .cluster import dask_partitions

        return dask_partitions(self.client, task, parts, **kwargs)

    def close(self) -> None:
        if self.own:
            from .cluster import close

            close(self.client)
            self.own = False


def choose(options: Options, dask=None) -> Runner:
    """The runner for ``options`` (see the module docstring)."""
    if dask is not None:
        return DaskRunner(options, dask)
    return PoolRunner(options) if options.workers > 1 else Runner(options)


def run(items: Iterable[Article | Failure], options: Options, dask=None
        ) -> Iterator[Article | Failure]:
    """Analyse a stream of inputs where ``choose`` says; results in input order."""
    with choose(options, dask) as runner:
        yield from runner.records(items)


def run_partitioned(paths, out, options, **kwargs):
    """See :func:`dateline.runner.dataset.run_partitioned`."""
    from .dataset import run_partitioned as go

    return go(paths, out, options, **kwargs)


__all__ = ["Runner", "PoolRunner", "DaskRunner", "choose", "run", "run_partitioned"]
