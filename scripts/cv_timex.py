#!/usr/bin/env python3
"""Cross-validate the time rules' constants on TimeBank, leaving whole documents out.

The constants (dateline.timex.rules.NEAR: how near an occurrence wins over the tense;
dateline.timex.spans.ANCHOR_SENTENCES: how far back "the quarter" or "a year earlier" looks)
are chosen on the documents of all folds but one (best DATE value F1 there; the shipped values
win ties) and scored on the left-out fold with the shared scorer. Prints each fold's choice
and value F1, the cross-validated value F1 (all left-out folds together), the fold spread, and
the shipped constants on all documents.

Usage: PYTHONPATH=src python scripts/cv_timex.py [--folds 5] [--data ../shared/data/timex]
"""
from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import statistics
import sys
from pathlib import Path

from dateline.api import analyze_many, make_article
from dateline.options import Options
from dateline.stages.times import article_reference
from dateline.timex import rules, spans

ROOT = Path(__file__).resolve().parent.parent
GRID = {"days": (30, 45, 90), "months": (1, 2, 3), "anchor": (1, 8, 1000)}


def shipped() -> dict:
    return {"days": rules.NEAR["days"], "months": rules.NEAR["months"],
            "anchor": spans.ANCHOR_SENTENCES}


def apply(v: dict) -> None:
    rules.NEAR.update(days=v["days"], months=v["months"])
    spans.ANCHOR_SENTENCES = v["anchor"]


def predict(articles, inputs, S) -> dict:
    """Each document's times with offsets carried into its input text once (the scorer's
    character alignment is slow), so that the scorer reads them as they are."""
    out = {}
    for a in articles:
        times = spans.time_expressions(a.doc, article_reference(a), text=a.body)
        rec = {"id": a.id, "body": a.body,
               "times": [{"text": t.text, "start": t.start, "end": t.end, "date": t.date,
                          "end_date": t.end_date, "granularity": t.granularity} for t in times]}
        text = inputs[a.id]["text"]
        out[a.id] = {"id": a.id, "body": text, "times": S.carry(rec, text)}
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "timex"))
    ap.add_argument("--eval", default=str(ROOT.parent / "shared" / "eval"))
    a = ap.parse_args(argv)
    sys.path.insert(0, a.eval)
    import score_timex as S
    data = Path(a.data)
    gold, inputs = S.load(str(data / "dev.gold.jsonl")), S.load(str(data / "dev.jsonl"))
    arts = [make_article(r["text"], id=r["id"], title=r.get("title"), published=r.get("published"))
            for r in inputs.values()]
    articles = [x for x in analyze_many(arts, Options(stages=("load", "clean", "parse")))
                if hasattr(x, "doc")]
    base = shipped()
    grid = [base] + [v for v in (dict(zip(GRID, vals)) for vals in itertools.product(*GRID.values()))
                     if v != base]
    table = []
    try:
        for v in grid:
            apply(v)
            table.append((v, predict(articles, inputs, S)))
    finally:
        apply(base)
    ids = sorted(gold)
    fold_of = {i: int(hashlib.sha256(i.encode()).hexdigest(), 16) % a.folds for i in ids}

    def f1(pred, keep):
        return S.score(pred, {i: gold[i] for i in keep}, inputs)[0]["date_value"]["F1"]

    held, rates = {}, []
    for f in range(a.folds):
        train = [i for i in ids if fold_of[i] != f]
        test = [i for i in ids if fold_of[i] == f]
        choice, pred = max(table, key=lambda vp: f1(vp[1], train))
        rates.append(f1(pred, test))
        held.update({i: pred[i] for i in test if i in pred})
        print(f"fold {f}: {len(test)} documents, chose {choice}, held-out DATE value F1 "
              f"{rates[-1]:.3f}")
    print(f"cross-validated DATE value F1 {f1(held, ids):.3f} (fold spread {min(rates):.3f}-"
          f"{max(rates):.3f}, sd {statistics.pstdev(rates):.3f}); shipped {base} on all "
          f"{len(ids)} documents {f1(table[0][1], ids):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
