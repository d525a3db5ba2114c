"""Analyses apart from the reads: a small pool of its own with a bounded queue, so that
``POST /api/analyze`` can neither take the threads the searches and pages run on nor pile up
without end (beyond the queue the client gets a 429 and tries later)."""
from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor

from ..errors import DatelineError


class Busy(DatelineError):
    """Every analysis worker is busy and the queue is full: 429."""


class Analyzer:
    """Runs ``fn(*args)`` on ``workers`` threads of its own; at most ``queue`` calls wait."""

    def __init__(self, workers: int, queue: int):
        if workers < 1 or queue < 0:
            raise DatelineError("analysis needs at least 1 worker and a queue of 0 or more")
        self.limit = workers + queue
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="analyze")
        self._lock = threading.Lock()
        self._taken = 0

    async def run(self, fn, *args):
        with self._lock:
            if self._taken >= self.limit:
                raise Busy(f"the server is busy analysing {self._taken} articles; "
                           "try again in a few seconds")
            self._taken += 1
        try:
            return await asyncio.get_running_loop().run_in_executor(self.pool, fn, *args)
        finally:
            with self._lock:
                self._taken -= 1

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
