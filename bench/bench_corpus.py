"""The corpus benchmark: ingest throughput, story-assignment time per article as the corpus
grows (1k, 10k, 100k stored articles; 1M with --large), and peak memory.

Everything runs on synthetic articles made in memory from the clusters dev set (read from
../shared/data, never copied): sentences shuffled, words swapped, new ids and dates. Databases
and inputs live in a temporary folder that is removed at the end.

  1. ingest: N perturbed articles through the full pipeline (`-j` workers) into a new corpus;
  2. assignment: the store is pre-filled with synthetic stories directly through SQL (no NLP)
     up to each size, then M perturbed, pre-analysed articles are stored one by one through
     ``store_article``; the time per article is split into story assignment (stories.add) and
     the rest (row, entities, FTS, near-copy signature);
  3. peak memory (max RSS) of this process and of the worker processes; database size per
     stored article at each size.

``--large`` adds the 1M point: the prefill is then written in bulk (synthetic rows straight into
articles, stories, story_terms and terms; nothing analysed), and may be kept with ``--keep DB``
to be reused by the next run (it is grown, never rebuilt). It takes longer than the default run
and is reported on its own.

Usage: python bench/bench_corpus.py [--quick | --large [--keep DB]] [--articles N]
                                    [--sizes 1000,10000,100000] [--measure M] [-j 1,2]
                                    [--json FILE]
"""
from __future__ import annotations

import argparse
import json
import math
import random
import re
import resource
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "data" / "clusters" / "dev.jsonl"
sys.path.insert(0, str(ROOT / "src"))

from dateline.corpus import stories  # noqa: E402
from dateline.corpus.features import article_terms, day_number, unit  # noqa: E402
from dateline.corpus.ingest import ingest, store_article  # noqa: E402
from dateline.corpus.store import Store, index_statements  # noqa: E402
from dateline.options import Options  # noqa: E402
from dateline.types import Article  # noqa: E402

_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")


def read_dev() -> list[dict]:
    with open(DEV, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def perturb(record: dict, rng: random.Random, i: int) -> dict:
    """A new article from a dev article: its sentences shuffled, a few words swapped, a new id
    and a date moved by up to a month."""
    sentences = [s for s in _SENTENCE.split(record["text"]) if s.strip()]
    rng.shuffle(sentences)
    words = " ".join(sentences).split()
    for _ in range(max(1, len(words) // 20)):
        a, b = rng.randrange(len(words)), rng.randrange(len(words))
        words[a], words[b] = words[b], words[a]
    text = " ".join(words)
    paragraphs = re.sub(r"([.!?]) ", r"\1\n", text, count=len(words) // 40)
    day = day_number(record.get("published")) or 737000
    published = date.fromordinal(day + rng.randint(-30, 30)).isoformat()
    title = record.get("title") or ""
    title_words = title.split()
    if len(title_words) > 3:
        k = rng.randrange(len(title_words) - 1)
        title_words[k], title_words[k + 1] = title_words[k + 1], title_words[k]
    return {"id": f"synthetic-{i}", "title": " ".join(title_words), "text": paragraphs,
            "description": record.get("description"), "published": published,
            "source": f"outlet{rng.randrange(50)}.example"}


def as_article(record: dict) -> Article:
    """A perturbed record as a stored article would look, without analysis (no entities)."""
    body = "\n\n".join(p for p in record["text"].split("\n") if p.strip())
    return Article(id=record["id"], title=record["title"], published=record["published"],
                   source=record["source"], description=record.get("description"), body=body)


# ---- 1. ingest throughput ---------------------------------------------------------------------

def bench_ingest(dev: list[dict], n: int, workers: int, folder: Path) -> dict:
    rng = random.Random(1)
    path = folder / f"synthetic-{workers}.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps(perturb(rng.choice(dev), rng, i)) + "\n")
    db = folder / f"ingest-{workers}.db"
    start = time.perf_counter()
    summary = ingest([str(path)], db, Options(workers=workers))
    elapsed = time.perf_counter() - start
    start = time.perf_counter()
    again = ingest([str(path)], db, Options(workers=workers))
    rerun = time.perf_counter() - start
    return {"articles": n, "workers": workers, "new": summary.new, "failed": summary.failed,
            "seconds": round(elapsed, 1), "articles_per_s": round(n / elapsed, 1),
            "rerun_seconds": round(rerun, 2), "rerun_duplicates": again.duplicate}


# ---- 2. assignment time as the corpus grows ---------------------------------------------------

class Prefill:
    """Synthetic stories written straight into the store (no NLP, no candidate search): what
    the store holds after that many articles, to measure the next articles against."""

    def __init__(self, store: Store, vocabulary: list[str], seed: int = 7):
        self.store = store
        self.vocabulary = vocabulary
        self.rng = random.Random(seed)
        self.count = 0

    def fill(self, total: int, chunk: int = 10_000) -> None:
        """Grow the store to ``total`` articles. The postings go to a temporary table first and
        into story_terms once, in key order, with its secondary indexes made afterwards (a
        bulk load: the same rows, written in a fraction of the time)."""
        if self.count >= total:
            return
        conn = self.store.conn
        conn.execute("PRAGMA synchronous = OFF")  # a scratch corpus: a crash loses nothing
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS prefill_postings (term TEXT, story INTEGER, "
                     "weight REAL, reach_from INTEGER, reach_to INTEGER, size INTEGER)")
        while self.count < total:
            self._fill(min(total, self.count + chunk), total)
        with self.store.transaction():
            conn.execute("DROP INDEX IF EXISTS story_terms_story")
            conn.execute("INSERT INTO story_terms SELECT * FROM prefill_postings "
                         "ORDER BY term, reach_to, story")
            conn.execute("DELETE FROM prefill_postings")
            for statement in index_statements("story_terms_story"):
                conn.execute(statement)
        conn.execute("PRAGMA synchronous = NORMAL")
        # the prefill's pages go from the write-ahead log into the file now, not during the
        # measured articles' commits (a checkpoint of the whole prefill would be timed as theirs)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def _fill(self, upto: int, total: int) -> None:
        rng, store = self.rng, self.store
        now = "2020-01-01T00:00:00+00:00"
        before = self.count
        df: Counter[str] = Counter()
        story_rows, article_rows, posting_rows = [], [], []
        next_story = (store.one("SELECT max(id) FROM stories")[0] or 0) + 1
        idf = math.log(1 + total) + 1
        while self.count < upto:
            size = min(upto - self.count, rng.choice((1, 1, 1, 2, 3, 5, 8)))
            core = rng.sample(self.vocabulary, 12)
            day = 733100 + rng.randrange(3650)  # ten years of news up to the dev articles' dates
            story, next_story = next_story, next_story + 1
            centroid: dict[str, float] = {}
            for _ in range(size):
                terms = {t: 1.0 + rng.random() for t in rng.sample(core, 8)}
                for t in rng.sample(self.vocabulary, 30):
                    terms[t] = rng.random()
                df.update(terms)
                self.count += 1
                key = f"prefill-{self.count}"
                article_rows.append((key, key, " ".join(core[:6]), day, json.dumps(terms),
                                     story, now))
                for t, v in unit({t: v * idf for t, v in terms.items()}).items():
                    centroid[t] = centroid.get(t, 0.0) + v
            centroid = stories._trim(centroid)
            story_rows.append((story, size, day, day, " ".join(core[:6]), json.dumps(centroid),
                               total, now))
            low, high = stories._reach({"first_day": day, "last_day": day, "size": size})
            posting_rows += [(t, story, w, low, high, size)
                             for t, w in stories._postings(centroid).items()]
        with store.transaction():
            store.conn.executemany(
                "INSERT INTO stories(id, size, first_day, last_day, headline, centroid, "
                "weighed_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", story_rows)
            store.conn.executemany(
                "INSERT INTO articles(id, input_id, title, day, record, terms, story, "
                "ingested_at) VALUES (?, ?, ?, ?, '{}', ?, ?, ?)", article_rows)
            store.conn.executemany("INSERT INTO prefill_postings VALUES (?, ?, ?, ?, ?, ?)",
                                   posting_rows)
            store.conn.executemany(
                "INSERT INTO terms(term, df) VALUES (?, ?) ON CONFLICT(term) DO UPDATE "
                "SET df = df + excluded.df", sorted(df.items()))
            store.set_meta("articles", store.meta_int("articles") + self.count - before)


def bench_assignment(dev: list[dict], sizes: list[int], measure: int, folder: Path,
                     db: Path | None = None) -> list[dict]:
    db = db or folder / "grow.db"
    vocabulary = sorted({t for r in dev for t in article_terms(
        {"title": r.get("title"), "body": r["text"], "description": r.get("description")})})
    vocabulary += [f"{w}{i}" for i in range(30) for w in vocabulary[:2000]]
    results = []
    with Store.open(db, write=True) as store:
        prefill = Prefill(store, vocabulary)
        prefill.count = store.meta_int("articles")  # a kept corpus is grown, not rebuilt
        prefill.rng = random.Random(7 + prefill.count)
        add = stories.add
        spent = {"assign": 0.0}

        def timed_add(*args, **kwargs):
            start, start_cpu = time.perf_counter(), time.process_time()
            try:
                return add(*args, **kwargs)
            finally:
                spent["assign"] += time.perf_counter() - start
                spent["assign_cpu"] = spent.get("assign_cpu", 0.0) + (time.process_time()
                                                                      - start_cpu)

        stories.add = timed_add  # store_article calls stories.add through the module
        try:
            for size in sizes:
                start = time.perf_counter()
                prefill.fill(size, chunk=10_000 if size <= 100_000 else 50_000)
                fill_s = time.perf_counter() - start
                # new articles, also in a kept corpus that an earlier run measured already
                stored = store.meta_int("articles")
                rng = random.Random(3 + stored)
                batch = [as_article(perturb(rng.choice(dev), rng, 10_000_000 + stored + i))
                         for i in range(measure)]
                with store.transaction():  # warm up (imports, caches) before timing
                    for article in batch[:5]:
                        store_article(store, article, article.id)
                batch = batch[5:]
                spent["assign"] = spent["assign_cpu"] = 0.0
                start, start_cpu = time.perf_counter(), time.process_time()
                for i in range(0, len(batch), 64):
                    with store.transaction():
                        for article in batch[i:i + 64]:
                            store_article(store, article, article.id)
                total, total_cpu = time.perf_counter() - start, time.process_time() - start_cpu
                results.append({
                    "stored": store.meta_int("articles") - len(batch), "measured": len(batch),
                    "prefill_s": round(fill_s, 1),
                    "assign_ms": round(1000 * spent["assign"] / len(batch), 2),
                    "assign_cpu_ms": round(1000 * spent["assign_cpu"] / len(batch), 2),
                    "store_ms": round(1000 * total / len(batch), 2),
                    "store_cpu_ms": round(1000 * total_cpu / len(batch), 2),
                    "db_mb": round(db.stat().st_size / 1e6, 1),
                    "db_kb_per_article": round(db.stat().st_size / 1e3
                                               / store.meta_int("articles"), 2)})
                print(f"  {results[-1]}", flush=True)
        finally:
            stories.add = add
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller runs (1k and 10k only)")
    parser.add_argument("--large", action="store_true",
                        help="the story step at 1k, 10k, 100k and 1M stored (takes longer)")
    parser.add_argument("--keep", metavar="DB",
                        help="with --large: the grown corpus, kept to be reused by the next run")
    parser.add_argument("--articles", type=int, help="articles to ingest (default 300)")
    parser.add_argument("--sizes", help="corpus sizes (default 1000,10000,100000)")
    parser.add_argument("--measure", type=int, default=200, help="articles timed at each size")
    parser.add_argument("-j", "--jobs", default="1,2",
                        help="ingest workers, one run for each (default 1,2)")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    default_sizes = ("1000,10000" if args.quick else "1000,10000,100000,1000000" if args.large
                     else "1000,10000,100000")
    sizes = [int(s) for s in (args.sizes or default_sizes).split(",")]
    jobs = [int(j) for j in args.jobs.split(",")]
    n = args.articles or (60 if args.quick else 150)
    dev = read_dev()
    out: dict = {}
    with tempfile.TemporaryDirectory(prefix="dateline-bench-") as tmp:
        folder = Path(tmp)
        out["ingest"] = []
        for workers in ([] if args.large else jobs):
            print(f"ingest of {n} perturbed dev articles, -j {workers}:", flush=True)
            out["ingest"].append(bench_ingest(dev, n, workers, folder))
            print(f"  {out['ingest'][-1]}", flush=True)
        print(f"story assignment, {args.measure} articles timed at each size:", flush=True)
        out["assignment"] = bench_assignment(dev, sizes, args.measure, folder,
                                             Path(args.keep) if args.keep else None)
    self_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    out["peak_memory_mb"] = {"this_process": round(self_mb), "largest_worker": round(children_mb)}
    first, last = out["assignment"][0], out["assignment"][-1]
    # on CPU time: wall time on a shared machine waits for other processes
    out["assign_growth"] = round(last["assign_cpu_ms"] / first["assign_cpu_ms"], 2)
    for run in out["ingest"]:
        print(f"ingest -j {run['workers']}: {run['articles_per_s']} articles/s "
              f"(re-run of the same input: {run['rerun_seconds']} s)")
    print("assignment per article: " + ", ".join(
        f"{r['stored']:,} stored → {r['assign_ms']} ms, CPU {r['assign_cpu_ms']} ms (with "
        f"storing {r['store_ms']} ms, CPU {r['store_cpu_ms']} ms; {r['db_kb_per_article']} "
        f"kB/article)"
        for r in out["assignment"]) + f"; growth (CPU) x{out['assign_growth']}")
    print(f"peak memory: {out['peak_memory_mb']['this_process']} MB (this process), "
          f"{out['peak_memory_mb']['largest_worker']} MB (largest worker)")
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
