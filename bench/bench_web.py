"""The web benchmark: requests/s and p99 latency of `dateline serve` for a search, a search
with facets, an article page and a CSV download of 1,000 results, on a 10k-article corpus.

The corpus is synthetic and built by inserting records directly through SQL (no spaCy): made-up
words, people, organisations, places, sources and dates, seeded. The server runs as
`dateline serve` in its own process on 127.0.0.1; a bounded load generator (C clients, each
sending a fixed number of requests on one keep-alive connection) measures each endpoint in
turn, in interleaved rounds. Target: p99 of search <= 200 ms at 8 concurrent clients.

Usage: python bench/bench_web.py [--articles 10000] [--clients 8] [--requests 40]
                                 [--rounds 2] [--json FILE]
"""
from __future__ import annotations

import argparse
import http.client
import json
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dateline.corpus.store import Store  # noqa: E402

SYLLABLES = ["ka", "lo", "mi", "ren", "tas", "vo", "dur", "sel", "pa", "ni", "gor", "bel"]
TARGET_P99_MS = 200


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))


def build(path: str, n: int, seed: int = 7) -> None:
    """n synthetic articles with entities and quotes, straight into a new corpus."""
    rng = random.Random(seed)
    vocab = [word(rng) for _ in range(3000)]
    people = [f"{word(rng).title()} {word(rng).title()}" for _ in range(400)]
    orgs = [f"{word(rng).title()} Council" for _ in range(120)]
    places = [word(rng).title() for _ in range(80)]
    sources = [f"{word(rng).title()} News" for _ in range(30)]
    start = date(2024, 1, 1)
    with Store.open(path, write=True) as store, store.transaction():
        for i in range(n):
            day = start + timedelta(days=rng.randrange(365))
            words = rng.choices(vocab, k=250)
            if i % 10 == 0:
                words[5] = "harbour"  # one article in ten: the CSV query matches 1,000
            body = " ".join(words) + "."
            title = " ".join(rng.choices(vocab, k=7)).capitalize()
            ents = [(rng.choice(people), "PERSON"), (rng.choice(people), "PERSON"),
                    (rng.choice(orgs), "ORG"), (rng.choice(places), "GPE")]
            record = {"id": f"a{i}", "title": title, "published": day.isoformat(),
                      "source": rng.choice(sources), "language": "en", "body": body,
                      "entities": [{"name": e, "type": t, "spans": []} for e, t in ents],
                      "quotes": [], "events": [], "times": [], "removed": []}
            cur = store.execute(
                "INSERT INTO articles(id, input_id, title, published, day, source, url, body, "
                "record, story, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (f"k{i}", f"a{i}", title, day.isoformat(), day.toordinal(), record["source"],
                 f"https://example.org/{i}", body, json.dumps(record), None, "2024-12-31"))
            for name, kind in ents:
                store.execute("INSERT INTO entities(article, name, type, mentions, titles) "
                              "VALUES (?, ?, ?, 1, '[]')", (cur.lastrowid, name, kind))
            store.execute("INSERT INTO quotes(article, pos, text, speaker, cue, direct) "
                          "VALUES (?, 0, ?, ?, 'said', 1)",
                          (cur.lastrowid, " ".join(rng.choices(vocab, k=12)), ents[0][0]))
        store.set_meta("articles", n)
    return vocab


def load(port: int, paths: list[str], clients: int, per_client: int) -> dict:
    """Each client sends per_client requests (cycling through paths) on one connection."""
    latencies: list[float] = []
    errors = []
    lock = threading.Lock()

    def client(k: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine = []
        for j in range(per_client):
            path = paths[(k * per_client + j) % len(paths)]
            t = time.perf_counter()
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            mine.append(time.perf_counter() - t)
            if response.status != 200:
                errors.append((path, response.status))
        conn.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))]
    return {"requests": len(latencies), "rps": len(latencies) / wall,
            "p50_ms": 1000 * latencies[len(latencies) // 2], "p99_ms": 1000 * p99,
            "errors": errors[:3]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=40, help="requests per client")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-web-") as tmp:
        db = str(Path(tmp) / "web.db")
        t = time.perf_counter()
        vocab = build(db, args.articles)
        print(f"corpus: {args.articles} synthetic articles in {time.perf_counter() - t:.1f} s",
              flush=True)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = subprocess.Popen([sys.executable, "-m", "dateline.cli", "serve", "--db", db,
                                   "--port", str(port)], stderr=subprocess.DEVNULL,
                                  env={**__import__("os").environ,
                                       "PYTHONPATH": str(ROOT / "src")})
        try:
            for _ in range(300):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.1)
            rng = random.Random(3)
            words = rng.sample(vocab, 50)
            cases = {
                "search": [f"/api/articles?q={w}" for w in words],
                "facets": [f"/api/articles?q={w}&facets=true" for w in words],
                "article page": [f"/articles/k{rng.randrange(args.articles)}"
                                 for _ in range(50)],
                "csv 1000": ["/api/articles?q=harbour&format=csv"],
            }
            results: dict[str, list[dict]] = {name: [] for name in cases}
            for _ in range(args.rounds):
                for name, paths in cases.items():
                    per = max(2, args.requests // 10) if name == "csv 1000" else args.requests
                    results[name].append(load(port, paths, args.clients, per))
        finally:
            server.terminate()
            server.wait(10)
    summary = {}
    print(f"{'endpoint':<14} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}  ({args.clients} clients, "
          f"best of {args.rounds} rounds)")
    for name, runs in results.items():
        best = min(runs, key=lambda r: r["p99_ms"])
        summary[name] = best
        print(f"{name:<14} {best['rps']:8.1f} {best['p50_ms']:8.1f} {best['p99_ms']:8.1f}"
              + (f"  errors {best['errors']}" if best["errors"] else ""))
    ok = summary["search"]["p99_ms"] <= TARGET_P99_MS
    print(f"search p99 {summary['search']['p99_ms']:.0f} ms, target <= {TARGET_P99_MS} ms: "
          + ("ok" if ok else "MISSED"))
    if args.json:
        Path(args.json).write_text(json.dumps(summary, indent=2), encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
