"""Partitioned runs into a Parquet dataset: each worker reads, analyses and writes its own partitions; a manifest makes reruns resumable.

Layout of DIR (a contract with ``dateline ingest DIR``)::

    DIR/manifest.json          {"format": "dateline-dataset", "version": 1, "options": {...},
                                "partitions": {NAME: {"records": n, "failures": n,
                                                      "skipped": n, "done": true}}}
    DIR/records/NAME.parquet   one row per analysed article, the columns and Arrow types of
                               ``dateline export articles --format parquet`` (corpus fields
                               null); ``record`` holds the full record JSON
    DIR/failures/NAME.parquet  id, error, skipped (bool), input (string), corpus_id (the key
                               a direct ingest stores the failure under: the content key of an
                               input the pipeline refused, null for one that could not be read)

Futures rather than dask.bag: a partition is one task whose result (a few counts) the client
needs as soon as it is done to write the manifest; ``client.map`` + ``as_completed`` say that
in a few lines, with the same shape as a local process pool's futures, whereas a bag would
need its partitions turned back into delayed objects to learn which one finished.

A partition's files are written under temporary names and renamed when complete (records
first, failures last); the manifest marks it done only after both, so a worker killed midway
leaves nothing that counts, and Dask reruns its task. The content holds no timestamps: running
twice gives the same files.
"""
from __future__ import annotations

import json
import os
import time
import uuid
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from ..errors import DatelineError
from ..options import Options
from ..types import Failure
from .partitions import DEFAULT_PARTITION_BYTES, Partition, _fs, is_remote, list_inputs, split

FORMAT, VERSION = "dateline-dataset", 1
FAILURE_COLUMNS = (("id", "string"), ("error", "string"), ("skipped", "bool"),
                   ("input", "string"), ("corpus_id", "string"))
#: The options that change what a partition holds: a rerun with others is refused.
RESULT_OPTIONS = ("model", "max_bytes", "stages", "min_words", "languages")
MANIFEST_EVERY = 2.0   # seconds between two manifest writes while partitions finish


@dataclass
class Summary:
    """What a partitioned run did: partitions done now, done before (skipped), failed (their
    error), and the dataset's totals of records and failures."""
    out: str
    partitions: int = 0
    done: int = 0
    skipped: int = 0
    records: int = 0
    failures: int = 0
    errors: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)


# ---- the worker's side --------------------------------------------------------------------------

def run_partition(part: Partition, options: Options, out: str) -> dict:
    """Read, analyse and write one partition where this runs (a pool or Dask worker, or this
    process); returns its counts. The pipeline (and its model) is built once per process."""
    from ..api import analyze_many
    from ..corpus.export import write_parquet
    from .partitions import read

    fs, root = _fs(out) if is_remote(out) else (None, out)
    fs = fs or _local()
    from ..corpus.ingest import content_key

    # the input path and corpus key of each item in flight, in order: the key is the one a
    # direct ingest gives the same input, so a loaded dataset and an ingest agree on ids
    origins: deque[tuple[str, str | None]] = deque()
    failures: list[dict] = []

    def inputs():
        for path, item in read(part, options.max_bytes, Counter()):
            origins.append((path, None if isinstance(item, Failure) else content_key(item)))
            yield item

    def records():
        for result in analyze_many(inputs(), options):   # one result per input, in order
            origin, key = origins.popleft()
            if isinstance(result, Failure):
                failures.append({"id": result.id, "error": result.error,
                                 "skipped": result.skipped, "input": origin, "corpus_id": key})
            else:
                yield {**result.to_dict(), "corpus_id": key}

    tag = uuid.uuid4().hex[:12]
    final = {k: f"{root}/{k}/{part.name}.parquet" for k in ("records", "failures")}
    tmp = {k: f"{root}/{k}/.{part.name}.parquet.{tag}.tmp" for k in final}
    try:
        with fs.open(tmp["records"], "wb") as f:
            count = write_parquet("articles", records(), f)
        with fs.open(tmp["failures"], "wb") as f:
            _write_failures(failures, f)
        fs.mv(tmp["records"], final["records"])
        fs.mv(tmp["failures"], final["failures"])
    finally:
        for path in tmp.values():
            if fs.exists(path):
                fs.rm(path)
    bad = sum(1 for f in failures if not f["skipped"])
    return {"records": count, "failures": bad, "skipped": len(failures) - bad}


def _write_failures(rows: list[dict], f) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"string": pa.string(), "bool": pa.bool_()}
    schema = pa.schema([(name, types[kind]) for name, kind in FAILURE_COLUMNS])
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), f)


def _local():
    from fsspec.implementations.local import LocalFileSystem

    return LocalFileSystem()


# ---- the client's side --------------------------------------------------------------------------

class Dataset:
    """DIR as a dataset: refused when it holds anything else; its manifest read and written."""

    def __init__(self, out: str, options: Options, partition_bytes: int):
        self.out = out.rstrip("/") or out
        self.fs, self.root = _fs(out) if is_remote(out) else (_local(), os.path.abspath(out))
        self.options = {name: _plain(getattr(options, name)) for name in RESULT_OPTIONS}
        self.options["partition_bytes"] = partition_bytes
        self.manifest = {"format": FORMAT, "version": VERSION, "options": self.options,
                         "partitions": {}}
        self._check()

    @property
    def manifest_path(self) -> str:
        return f"{self.root}/manifest.json"

    def _check(self) -> None:
        fs, root = self.fs, self.root
        if fs.exists(root) and not fs.isdir(root):
            raise DatelineError(f"{self.out} is a file: give a folder for the dataset")
        if fs.exists(self.manifest_path):
            try:
                with fs.open(self.manifest_path, "rb") as f:
                    found = json.load(f)
            except (OSError, ValueError) as exc:
                raise DatelineError(f"{self.out}: its manifest.json is unreadable ({exc}); "
                                    "choose another folder") from None
            if not isinstance(found, dict) or found.get("format") != FORMAT:
                raise DatelineError(f"{self.out} holds a manifest.json that is not a dateline "
                                    "dataset's: choose another folder")
            if found.get("version") != VERSION or found.get("options") != self.options:
                raise DatelineError(f"{self.out} holds a dataset made with other options "
                                    f"({found.get('options')}): choose another folder or "
                                    "rerun with the same options")
            self.manifest["partitions"] = dict(found.get("partitions") or {})
        elif fs.exists(root) and fs.ls(root):
            raise DatelineError(f"{self.out} is not empty and holds no dateline dataset: "
                                "choose a new or empty folder")
        for sub in ("records", "failures"):
            fs.makedirs(f"{root}/{sub}", exist_ok=True)

    def done(self, part: Partition) -> bool:
        entry = self.manifest["partitions"].get(part.name)
        return bool(entry and entry.get("done")) and all(
            self.fs.exists(f"{self.root}/{k}/{part.name}.parquet") for k in ("records", "failures"))

    def sweep(self) -> None:
        """Remove what attempts killed midway left (their temporary files): they never count."""
        for sub in ("records", "failures"):
            for path in self.fs.glob(f"{self.root}/{sub}/.*.tmp"):
                self.fs.rm(path)

    def save(self) -> None:
        tmp = f"{self.root}/.manifest.json.{uuid.uuid4().hex[:12]}.tmp"
        with self.fs.open(tmp, "wb") as f:
            f.write(json.dumps(self.manifest, indent=1, sort_keys=True).encode())
        self.fs.mv(tmp, self.manifest_path)


def _plain(value):
    return list(value) if isinstance(value, tuple) else value


def _refuse_inputs_inside(out: str, paths: list[str]) -> None:
    if is_remote(out):
        return
    root = os.path.realpath(out)
    for p in paths:
        if not is_remote(p) and os.path.realpath(p).startswith(root + os.sep):
            raise DatelineError(f"{p} is inside the output folder {out}: choose another folder")


def _run(dataset: Dataset, todo: list[Partition], options: Options, dask, out: str,
         summary: Summary, on_partition) -> None:
    from . import choose

    dataset.save()
    saved = time.monotonic()
    with choose(options.replace(workers=max(1, options.workers)), dask) as runner:
        for part, result in runner.partitions(run_partition, todo,
                                              options=options.replace(workers=1),
                                              out=out if is_remote(out) else dataset.root):
            if isinstance(result, BaseException):
                summary.errors[part.name] = f"{type(result).__name__}: {result}"[:300]
            else:
                dataset.manifest["partitions"][part.name] = {**result, "done": True}
                summary.done += 1
            if on_partition:
                on_partition(part.name, result)
            if time.monotonic() - saved > MANIFEST_EVERY:
                dataset.save()
                saved = time.monotonic()


def run_partitioned(paths: list[str], out: str, options: Options, *, dask=None,
                    partition_bytes: int = DEFAULT_PARTITION_BYTES,
                    on_partition: Callable[[str, dict | Exception], None] | None = None
                    ) -> Summary:
    """Analyse the files under ``paths`` into the Parquet dataset ``out`` (see the module
    docstring), partition by partition where :func:`dateline.runner.choose` says (``dask``: an
    address, 'local', or a Client; else ``options.workers`` processes). Partitions done by an
    earlier run are skipped; ``on_partition(name, counts or exception)`` is called as each one
    finishes. Returns the :class:`Summary`."""
    if partition_bytes < 1:
        raise DatelineError("--partition-size must be 1 or more")
    listed = list_inputs(paths)
    _refuse_inputs_inside(out, listed)
    dataset = Dataset(out, options, partition_bytes)
    parts = split(listed, partition_bytes)
    summary = Summary(out=out, partitions=len(parts))
    todo = [p for p in parts if not dataset.done(p)]
    summary.skipped = len(parts) - len(todo)
    for p in todo:
        dataset.manifest["partitions"].pop(p.name, None)
    try:
        if todo:
            _run(dataset, todo, options, dask, out, summary, on_partition)
    finally:                         # interrupted too: what finished is recorded
        dataset.save()
    dataset.sweep()
    names = {p.name for p in parts}
    for name, entry in dataset.manifest["partitions"].items():
        if name in names and entry.get("done"):
            summary.records += entry.get("records", 0)
            summary.failures += entry.get("failures", 0)
    return summary
