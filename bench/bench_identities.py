"""The identities benchmark: time to link one new article's people to corpus identities at 1k,
10k and 100k stored articles (target: at most 2 ms at 100k).

The stored corpus is synthetic and written straight into the tables (no spaCy, no ingest):
generated given names and surnames, five people an article (four full names, one surname only),
a Zipf-like choice of people, days over three years, five articles a story. Then M new articles
(three known people, one new, one surname only) are linked one by one with
``identities.link_article``, timed, inside a transaction that is rolled back. Reference: the same
run times a plain indexed look-up of the article row (``SELECT ... WHERE n = ?``), so the ratio
is comparable across machines. Databases live in a temporary folder removed at the end.

Usage: python bench/bench_identities.py [--sizes 1000,10000,100000] [--measure M] [--json FILE]
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import string
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dateline.corpus import identities  # noqa: E402
from dateline.corpus.identities import Mention  # noqa: E402
from dateline.corpus.names import name_key  # noqa: E402
from dateline.corpus.store import Store  # noqa: E402

PER_ARTICLE = 5
DAYS = 3 * 365
DAY0 = 740000


def word(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.ascii_lowercase) for _ in range(n)).capitalize()


def fill(store: Store, size: int, rng: random.Random) -> list[tuple[str, str]]:
    """Write ``size`` synthetic articles and their identities straight into the tables."""
    givens = [word(rng, rng.randint(4, 7)) for _ in range(400)]
    surnames = [word(rng, rng.randint(5, 9)) for _ in range(max(2000, size // 4))]
    people = list(dict.fromkeys((rng.choice(givens), rng.choice(surnames))
                                for _ in range(max(1000, size))))
    ident_rows, key_rows, link_rows, alias = [], [], [], Counter()
    stats: dict[int, list] = {}
    article_rows = []
    for n in range(1, size + 1):
        day = DAY0 + rng.randrange(DAYS)
        article_rows.append((n, f"s{n}", day, n // 5 + 1, "{}", "", "2031-01-01"))
        for j in range(PER_ARTICLE):
            p = min(int(rng.paretovariate(1.1)) - 1, len(people) - 1) if j == 0 \
                else rng.randrange(len(people))
            ident = p + 1
            given, surname = people[p]
            full = j < PER_ARTICLE - 1
            name = f"{given} {surname}" if full else surname
            m = Mention(name, name_key(name), 1, 0, None, [], [name], True)
            link_rows.append((n, name, ident, m.nk.key, day, int(full), m.data()))
            alias[(ident, name)] += 1
            s = stats.setdefault(ident, [0, day, day])
            s[0] += 1
            s[1], s[2] = min(s[1], day), max(s[2], day)
    for p, (given, surname) in enumerate(people):
        ident = p + 1
        nk = name_key(f"{given} {surname}")
        s = stats.get(ident, [0, None, None])
        ident_rows.append((ident, f"{given} {surname}", nk.key, s[0], s[0], s[0], s[1], s[2]))
        key_rows.append((nk.key, "name", ident))
        key_rows += [(t, "tail", ident) for t in nk.tails()]
    c = store.conn
    with store.transaction():
        c.executemany("INSERT INTO articles(n, id, day, story, record, body, ingested_at) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?)", article_rows)
        c.executemany("INSERT INTO identities(id, name, key, articles, mentions, evidence, "
                      "first_day, last_day) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", ident_rows)
        c.executemany("INSERT OR IGNORE INTO identity_keys(key, kind, identity) VALUES (?, ?, ?)",
                      key_rows)
        c.executemany("INSERT INTO person_links(article, name, identity, key, day, full, data) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?)", link_rows)
        c.executemany("INSERT INTO identity_aliases(identity, alias, count) VALUES (?, ?, ?)",
                      [(i, a, k) for (i, a), k in alias.items()])
    c.execute("ANALYZE")
    return people


def measure(store: Store, size: int, people, measure_n: int, rng: random.Random) -> dict:
    c = store.conn
    link, ref = [], []
    c.execute("BEGIN IMMEDIATE")
    try:
        for k in range(measure_n):
            n = size + 1 + k
            day = DAY0 + rng.randrange(DAYS)
            story = rng.randrange(1, size // 5 + 2)
            c.execute("INSERT INTO articles(n, id, day, story, record, body, ingested_at) "
                      "VALUES (?, ?, ?, ?, '{}', '', '2031-01-01')", (n, f"new{n}", day, story))
            known = [people[rng.randrange(len(people))] for _ in range(3)]
            entities = [{"name": f"{g} {s}", "type": "PERSON", "mentions": 2,
                         "aliases": [s], "titles": []} for g, s in known]
            entities.append({"name": f"{word(rng, 6)} {word(rng, 8)}", "type": "PERSON",
                             "mentions": 1, "gender": "female"})
            entities.append({"name": people[rng.randrange(len(people))][1], "type": "PERSON",
                             "mentions": 1})
            entities.append({"name": word(rng, 7), "type": "ORG", "mentions": 1})
            t0 = time.perf_counter()
            identities.link_article(store, n, entities, Counter(), day, story)
            t1 = time.perf_counter()
            c.execute("SELECT id, day, story FROM articles WHERE n = ?", (n - 1,)).fetchone()
            t2 = time.perf_counter()
            link.append(t1 - t0)
            ref.append(t2 - t1)
    finally:
        c.execute("ROLLBACK")
    ms = sorted(x * 1000 for x in link)
    return {"articles": size, "median_ms": round(statistics.median(ms), 3),
            "p90_ms": round(ms[int(len(ms) * 0.9)], 3),
            "ratio_to_lookup": round(statistics.median(link) / statistics.median(ref), 1)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--measure", type=int, default=300)
    ap.add_argument("--json", metavar="FILE")
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="dateline-bench-ids-") as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            rng = random.Random(size)
            with Store.open(Path(tmp) / f"c{size}.db", write=True) as store:
                identities.ensure_schema(store)
                people = fill(store, size, rng)
                row = measure(store, size, people, args.measure, rng)
            rows.append(row)
            print(f"{size:>7} stored articles: link one article {row['median_ms']:.2f} ms "
                  f"median, {row['p90_ms']:.2f} ms p90 ({row['ratio_to_lookup']}x an indexed "
                  "row look-up)", flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1))
    worst = max(r["median_ms"] for r in rows)
    print(f"target ≤ 2 ms at the largest size: {'met' if rows[-1]['median_ms'] <= 2 else 'NOT met'}"
          f" (worst median {worst:.2f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
