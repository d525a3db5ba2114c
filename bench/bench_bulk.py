"""The bulk-load benchmark: `dateline ingest DIR` (a Parquet dataset of analysed records) in
articles/s, against a direct `dateline ingest` (full analysis) of some of the same articles in
the same run, and the database size per article of each.

A handful of clusters dev articles (read from ../shared/data, never copied) is analysed once;
10,000 records are made from them by varying ids, titles, dates and bodies (sentences shuffled,
words swapped: distinct stories; every fifth record a light edit of the one before: a near-copy)
and written as a dataset of four partitions in the layout of a partitioned run. Everything lives
in a temporary folder that is removed at the end.

The rates are wall-clock articles/s and articles per CPU second of this process (the load runs
in it; the direct ingest at -j 1 too), the latter less sensitive to a busy machine.

Usage: python bench/bench_bulk.py [--quick] [--records N] [--direct N] [--json FILE]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import tempfile
import time
import zlib
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "data" / "clusters" / "dev.jsonl"
sys.path.insert(0, str(ROOT / "src"))

from dateline.api import make_article  # noqa: E402
from dateline.batch import run  # noqa: E402
from dateline.corpus.bulk import load_dataset  # noqa: E402
from dateline.corpus.ingest import ingest  # noqa: E402
from dateline.corpus.store import Store  # noqa: E402
from dateline.options import Options  # noqa: E402
from dateline.types import Article  # noqa: E402

BASES = 24
PARTITIONS = 4
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def analysed_bases() -> list[dict]:
    with open(DEV, encoding="utf-8") as f:
        dev = [json.loads(line) for line, _ in zip(f, range(BASES))]
    items = [make_article(r["text"], id=r["id"], title=r.get("title"),
                          published=r.get("published")) for r in dev]
    return [a.to_dict() for a in run(items, Options()) if isinstance(a, Article)]


def vary(base: dict, i: int, rng: random.Random, previous: dict | None) -> dict:
    """Record ``i``: a light edit of ``previous`` (a near-copy) every fifth record, else the
    base with its sentences shuffled, words swapped, a new title and a later date."""
    copy = previous is not None and i % 5 == 4
    record = dict(previous if copy else base)
    words = record["body"].split(" ")
    if not copy:
        sentences = _SENTENCE.split(record["body"])
        rng.shuffle(sentences)
        words = " ".join(sentences).split(" ")
        for _ in range(max(1, len(words) // 10)):
            a, b = rng.randrange(len(words)), rng.randrange(len(words))
            words[a], words[b] = words[b], words[a]
        # a generation of records speaks of other things: a third of its words get a suffix
        tag = _tag(i // BASES)
        words = [w + tag if zlib.crc32(w.encode()) % 3 == 0 else w for w in words]
        record["title"] = " ".join(w + tag if zlib.crc32(w.encode()) % 3 == 0 else w
                                   for w in (base.get("title") or "Report").split(" "))
        day = date.fromisoformat((base.get("published") or "2020-01-01")[:10])
        record["published"] = (day + timedelta(days=21 * (i // BASES))).isoformat()
    else:
        words[len(words) // 2] = "reportedly"
    record["body"] = " ".join(words)
    record["id"] = f"bulk-{i}"
    return record


def _tag(g: int) -> str:
    letters = ""
    while True:
        g, r = divmod(g, 26)
        letters += chr(97 + r)
        if not g:
            return "x" + letters


def write_dataset(folder: Path, records: list[dict]) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    (folder / "records").mkdir(parents=True)
    (folder / "failures").mkdir()
    schema = pa.schema([(n, pa.string()) for n in ("id", "corpus_id", "title", "body", "record")])
    parts = {}
    size = -(-len(records) // PARTITIONS)
    for p in range(PARTITIONS):
        chunk = records[p * size:(p + 1) * size]
        name = f"part-{p}"
        pq.write_table(pa.Table.from_pylist(
            [{"id": r["id"], "corpus_id": None, "title": r.get("title"), "body": r["body"],
              "record": json.dumps(r, ensure_ascii=False)} for r in chunk], schema=schema),
            folder / "records" / f"{name}.parquet")
        parts[name] = {"records": len(chunk), "failures": 0, "done": True}
    (folder / "manifest.json").write_text(json.dumps(
        {"format": "dateline-dataset", "version": 1, "partitions": parts}))
    return folder


def db_kib_per_article(db: Path) -> float:
    with Store.open(db) as store:
        n = store.counts()["articles"]
    size = sum(os.path.getsize(p) for p in (db, Path(f"{db}-wal")) if p.exists())
    return round(size / 1024 / max(n, 1), 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="2,000 records, 60 direct")
    parser.add_argument("--records", type=int, help="records in the dataset (default 10000)")
    parser.add_argument("--direct", type=int, help="articles ingested directly (default 100)")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    n = args.records or (2000 if args.quick else 10_000)
    m = args.direct or (60 if args.quick else 100)
    load_before = os.getloadavg()[0]
    bases = analysed_bases()
    rng = random.Random(3)
    records: list[dict] = []
    for i in range(n):
        records.append(vary(bases[i % len(bases)], i, rng, records[-1] if records else None))
    out: dict = {"records": n, "direct_articles": m, "cpus": os.cpu_count()}
    with tempfile.TemporaryDirectory(prefix="dateline-bench-") as tmp:
        folder = Path(tmp)
        dataset = write_dataset(folder / "dataset", records)
        bulk_db = folder / "bulk.db"
        start, cpu = time.perf_counter(), time.process_time()
        summary = load_dataset(dataset, str(bulk_db))
        bulk_s, bulk_cpu = time.perf_counter() - start, time.process_time() - cpu
        start = time.perf_counter()
        again = load_dataset(dataset, str(bulk_db))
        rerun_s = time.perf_counter() - start
        with Store.open(bulk_db) as store:
            stories = store.counts()["stories"]
        out["bulk"] = {"new": summary.new, "copies": store_copies(bulk_db), "stories": stories,
                       "seconds": round(bulk_s, 1), "articles_per_s": round(summary.new / bulk_s),
                       "articles_per_cpu_s": round(summary.new / bulk_cpu),
                       "rerun_seconds": round(rerun_s, 1), "rerun_duplicates": again.duplicate,
                       "kib_per_article": db_kib_per_article(bulk_db)}
        print(f"ingest DIR of {n:,} records ({PARTITIONS} partitions):", flush=True)
        print(f"  {out['bulk']}", flush=True)
        jsonl = folder / "direct.jsonl"
        with open(jsonl, "w", encoding="utf-8") as f:
            for r in records[:m]:
                f.write(json.dumps({"id": r["id"], "title": r.get("title"), "text": r["body"],
                                    "published": r.get("published")}) + "\n")
        direct_db = folder / "direct.db"
        start, cpu = time.perf_counter(), time.process_time()
        direct = ingest([str(jsonl)], str(direct_db), Options())
        direct_s, direct_cpu = time.perf_counter() - start, time.process_time() - cpu
        out["direct"] = {"new": direct.new, "failed": direct.failed,
                         "seconds": round(direct_s, 1),
                         "articles_per_s": round(direct.new / direct_s, 2),
                         "articles_per_cpu_s": round(direct.new / direct_cpu, 2),
                         "kib_per_article": db_kib_per_article(direct_db)}
        print(f"direct ingest of {m} of the same articles (full analysis, -j 1):", flush=True)
        print(f"  {out['direct']}", flush=True)
    out["speedup"] = round(out["bulk"]["articles_per_s"] / out["direct"]["articles_per_s"], 1)
    out["cpu_speedup"] = round(out["bulk"]["articles_per_cpu_s"]
                               / out["direct"]["articles_per_cpu_s"], 1)
    out["load"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    noisy = max(out["load"]) > (os.cpu_count() or 1)
    print(f"ingest DIR: {out['bulk']['articles_per_s']} articles/s "
          f"({out['bulk']['kib_per_article']} KiB per article), direct ingest: "
          f"{out['direct']['articles_per_s']} articles/s "
          f"({out['direct']['kib_per_article']} KiB per article): x{out['speedup']}; "
          f"rerun {out['bulk']['rerun_seconds']} s; load {out['load'][0]} → {out['load'][1]} on "
          f"{out['cpus']} cores" + (" (noisy run)" if noisy else ""))
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=2))
    return 0


def store_copies(db: Path) -> int:
    with Store.open(db) as store:
        return store.counts()["duplicates"]


if __name__ == "__main__":
    sys.exit(main())
