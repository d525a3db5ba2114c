"""Choose the story constants by cross-validation that leaves whole events out, and report it.

The analysed records are read from a file made once (so spaCy does not run again):

    PYTHONPATH=src python -m dateline.cli analyze ../shared/data/clusters/dev.jsonl \\
        -o /tmp/stories/analysed.jsonl
    PYTHONPATH=src python scripts/tune_stories.py /tmp/stories/analysed.jsonl

The events of the gold file are dealt into 5 folds (seeded). For each fold, every combination
of the grid below is scored on the articles of the other four folds (stored one by one through
the corpus code, in a shuffled order, into an in-memory corpus); the best combination is then
scored on the held-out fold's articles, stored with all the others (the held-out events' labels
were never looked at to choose it). The report gives each fold's choice and score, the mean and
the spread (max - min) of the held-out scores, then the current constants (tuning.py) in five
shuffled orders and in one batch run of the same method (average link over all articles at
once, ``batch_stories``).

Usage: python scripts/tune_stories.py ANALYSED.jsonl [--gold GOLD] [--folds 5] [--json]
                                      [--quick]
"""
from __future__ import annotations

import argparse
import itertools
import json
import random
import statistics
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dateline.corpus import duplicates, stories, tuning  # noqa: E402
from dateline.corpus.features import article_terms, day_number  # noqa: E402
from dateline.corpus.store import Store  # noqa: E402

GOLD = ROOT.parent / "shared" / "data" / "clusters" / "dev.gold.jsonl"
#: The constants that decide quality, and the values tried for each.
GRID = {"THRESHOLD": [0.12, 0.15, 0.18, 0.21, 0.24, 0.27],
        "ENTITY_WEIGHT": [0.0, 0.5, 1.0],
        "WINDOW_DAYS": [7, 14, 30, 60, 120]}
#: A smaller grid around the current choice (what `make scores` runs).
QUICK_GRID = {"THRESHOLD": [0.15, 0.18, 0.21], "ENTITY_WEIGHT": [0.0],
              "WINDOW_DAYS": [30, 60, 120]}
NOW = "2030-01-01T00:00:00+00:00"


def load(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def record_key(record: dict) -> str:
    return record.get("input_id") or record["id"]


# ---- the method, on records already analysed ------------------------------------------------

def cluster(records: list[dict], *, signatures: dict | None = None) -> dict[str, int]:
    """Store the records one by one in this order (story step and near-copies only, through
    the corpus code) into an in-memory corpus; {record key: story id}."""
    signatures = signatures if signatures is not None else {}
    with Store.open(":memory:", write=True) as store, store.transaction():
        for record in records:
            key = record_key(record)
            terms = article_terms(record)
            day = day_number(record.get("published"), NOW)
            n = store.execute("INSERT INTO articles(id, input_id, title, day, record, terms, "
                              "ingested_at) VALUES (?, ?, ?, ?, '{}', ?, ?)",
                              (key, key, record.get("title"), day, json.dumps(terms),
                              NOW)).lastrowid
            store.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 "
                          "WHERE key = 'articles'")
            if key not in signatures:
                signatures[key] = duplicates.signature(record.get("body") or "")
            sig, story = signatures[key], None
            if sig is not None:
                copied = duplicates.find_original(store, sig, exclude=n)
                if copied is not None:
                    duplicates.mark_copy(store, n, key, day, copied[0])
                    story = store.execute("SELECT story FROM articles WHERE n = ?",
                                          (copied[0],)).fetchone()[0]
                duplicates.remember(store, n, sig)
            stories.add(store, n=n, key=key, title=record.get("title"), terms=terms, day=day,
                        now=NOW, story=story)
        return {row[0]: row[1] for row in store.execute("SELECT id, story FROM articles")}


def batch_stories(records: list[dict]) -> dict[str, int]:
    """The same method over all the records at once: the same vectors (weights from the whole
    set), the same average likeness and time factor, and the same threshold, merged greedily
    best pair first (average-link agglomerative clustering); near-copies start together."""
    import numpy as np

    weights = _BatchWeights(records)
    vectors = [weights.vector(article_terms(r)) for r in records]
    days = [day_number(r.get("published"), NOW) for r in records]
    vocabulary = {t: i for i, t in enumerate(sorted({t for v in vectors for t in v}))}
    x = np.zeros((len(records), len(vocabulary)))
    for i, v in enumerate(vectors):
        for t, w in v.items():
            x[i, vocabulary[t]] = w
    sums = x @ x.T  # sum of pairwise cosines between the members of two clusters
    members = {i: [i] for i in range(len(records))}
    spans = {i: (days[i], days[i]) for i in range(len(records))}
    for a, b in _copies(records):
        _join(members, spans, sums, a, b)
    limit = stories.threshold(tuning.THRESHOLD, len(records))
    while True:
        best = None
        live = sorted(members)
        for i, a in enumerate(live):
            for b in live[i + 1:]:
                score = sums[a, b] / (len(members[a]) * len(members[b]))
                if score < limit or (best and score <= best[0]):
                    continue
                score *= stories.span_factor(
                    {"first_day": spans[a][0], "last_day": spans[a][1], "size": len(members[a])},
                    {"first_day": spans[b][0], "last_day": spans[b][1], "size": len(members[b])})
                if score >= limit and (best is None or score > best[0]):
                    best = (score, a, b)
        if best is None:
            break
        _join(members, spans, sums, best[1], best[2])
    return {record_key(records[i]): root for root, group in members.items() for i in group}


class _BatchWeights(stories.Weights):
    def __init__(self, records: list[dict]):
        self.n = len(records)
        df: dict[str, int] = defaultdict(int)
        for r in records:
            for t in article_terms(r):
                df[t] += 1
        import math
        top = math.log(1 + self.n) + 1
        self.idf = {t: top - math.log(1 + c) for t, c in df.items()}

    def load(self, terms) -> None:
        pass


def _copies(records: list[dict]) -> list[tuple[int, int]]:
    sigs = [duplicates.signature(r.get("body") or "") for r in records]
    pairs = []
    for a, b in itertools.combinations(range(len(records)), 2):
        if sigs[a] is not None and sigs[b] is not None and \
                float((sigs[a] == sigs[b]).mean()) >= tuning.COPY_JACCARD:
            pairs.append((a, b))
    return pairs


def _join(members, spans, sums, a, b) -> None:
    a, b = _root(members, a), _root(members, b)
    if a == b:
        return
    a, b = min(a, b), max(a, b)
    members[a] += members.pop(b)
    spans[a] = (min(spans[a][0], spans[b][0]), max(spans[a][1], spans[b][1]))
    sums[a, :] += sums[b, :]
    sums[:, a] += sums[:, b]


def _root(members, i):
    return i if i in members else next(r for r, g in members.items() if i in g)


# ---- scoring --------------------------------------------------------------------------------

def bcubed(pred: dict[str, int], gold: dict[str, int], only: set[str] | None = None) -> float:
    """B-cubed F1 (as ../shared/eval/score_clusters.py), over the articles ``only`` when given
    (their predicted stories still count every article in them)."""
    by_pred, by_gold = defaultdict(set), defaultdict(set)
    for key in gold:
        by_pred[pred.get(key, key)].add(key)
        by_gold[gold[key]].add(key)
    keys = [k for k in gold if only is None or k in only]
    p = r = 0.0
    for key in keys:
        same_pred, same_gold = by_pred[pred.get(key, key)], by_gold[gold[key]]
        both = len(same_pred & same_gold)
        p += both / len(same_pred)
        r += both / len(same_gold)
    p, r = p / len(keys), r / len(keys)
    return 2 * p * r / (p + r) if p + r else 0.0


def shuffled(records: list[dict], seed: int) -> list[dict]:
    order = records[:]
    random.Random(seed).shuffle(order)
    return order


def set_constants(values: dict) -> dict:
    """Set constants in tuning.py (for this process); returns the old values."""
    old = {name: getattr(tuning, name) for name in values}
    for name, value in values.items():
        setattr(tuning, name, value)
    return old


def folds_of(gold: dict[str, int], k: int, seed: int = 0) -> list[set]:
    events = sorted(set(gold.values()))
    random.Random(seed).shuffle(events)
    return [set(events[i::k]) for i in range(k)]


def cross_validate(records: list[dict], gold: dict[str, int], *, k: int = 5,
                   grid: dict | None = None, log=None) -> dict:
    """Leave-events-out cross-validation of the constants in ``grid``."""
    grid = grid or GRID
    names = list(grid)
    combos = [dict(zip(names, values)) for values in itertools.product(*grid.values())]
    signatures: dict = {}
    folds, results = folds_of(gold, k), []
    saved = {name: getattr(tuning, name) for name in names}
    try:
        for i, events in enumerate(folds):
            held = {key for key, e in gold.items() if e in events}
            fit = [r for r in records if record_key(r) not in held]
            fit_gold = {key: e for key, e in gold.items() if key not in held}
            scored = []
            for combo in combos:
                set_constants(combo)
                scored.append((bcubed(cluster(shuffled(fit, i), signatures=signatures),
                                      fit_gold), combo))
            best_fit = max(score for score, _ in scored)
            # among the combinations within 0.002 of the best, the middle one (a flat optimum)
            near = [combo for score, combo in scored if score >= best_fit - 0.002]
            chosen = near[len(near) // 2]
            set_constants(chosen)
            held_scores = [bcubed(cluster(shuffled(records, 100 + i * 10 + s),
                                          signatures=signatures), gold, held) for s in range(2)]
            results.append({"fold": i + 1, "events": len(events), "articles": len(held),
                            "chosen": chosen, "fit_f1": round(best_fit, 3),
                            "held_out_f1": round(statistics.mean(held_scores), 3)})
            if log:
                log(results[-1])
    finally:
        set_constants(saved)
    held = [r["held_out_f1"] for r in results]
    return {"folds": results, "mean": round(statistics.mean(held), 3),
            "spread": round(max(held) - min(held), 3), "min": min(held), "max": max(held)}


def orders(records: list[dict], gold: dict[str, int], seeds=(1, 2, 3, 4, 5)) -> dict:
    """The current constants in shuffled orders and in a batch run."""
    signatures: dict = {}
    f1 = {seed: round(bcubed(cluster(shuffled(records, seed), signatures=signatures), gold), 3)
          for seed in seeds}
    batch = round(bcubed(batch_stories(records), gold), 3)
    values = list(f1.values())
    return {"orders": f1, "spread": round(max(values) - min(values), 3), "batch": batch,
            "from_batch": round(max(abs(v - batch) for v in values), 3)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("analysed", help="analysed records of the clusters dev set (JSON Lines)")
    ap.add_argument("--gold", default=str(GOLD))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="a small grid (a smoke test)")
    ap.add_argument("--no-cv", action="store_true", help="only the orders and the batch run")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    args = ap.parse_args(argv)
    records = load(args.analysed)
    gold = {g["id"]: g["event_id"] for g in load(args.gold)}
    records = [r for r in records if record_key(r) in gold]
    out: dict = {}
    if not args.no_cv:
        out["cross_validation"] = cross_validate(
            records, gold, k=args.folds, grid=QUICK_GRID if args.quick else GRID,
            log=None if args.json else lambda r: print(r, flush=True))
    out["current"] = {name: getattr(tuning, name) for name in GRID}
    out.update(orders(records, gold))
    if args.json:
        print(json.dumps(out))
    else:
        if "cross_validation" in out:
            cv = out["cross_validation"]
            print(f"cross-validated B-cubed F1 {cv['mean']:.3f} over {args.folds} folds of "
                  f"events (min {cv['min']:.3f}, max {cv['max']:.3f}, spread {cv['spread']:.3f})")
        print(f"constants {out['current']}: orders {out['orders']} (spread {out['spread']:.3f}), "
              f"batch {out['batch']:.3f} (largest gap to it {out['from_batch']:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
