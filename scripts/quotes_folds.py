"""Quote scores on the two halves of PolNeAR dev, to check that rules of dateline.quotes written
from errors seen on half 0 (articles whose id's CRC32 is even) carry to the other half (half 1).

Usage: python scripts/quotes_folds.py QUOTES.jsonl
  QUOTES  `dateline analyze ../shared/data/quotes/dev.jsonl -o QUOTES --no-progress`
Prints end-to-end F1, extraction F1 and attribution of the direct and all subsets, per half and
for all.
"""
from __future__ import annotations

import importlib.util
import json
import sys
import tempfile
import zlib
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GOLD = SHARED / "data" / "quotes" / "dev.gold.jsonl"


def _scorer():
    spec = importlib.util.spec_from_file_location("score_quotes",
                                                  SHARED / "eval" / "score_quotes.py")
    sq = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sq)
    return sq


def _half_file(lines: list[str], half: str, folder: str, name: str) -> str:
    path = Path(folder) / f"{name}.{half}.jsonl"
    keep = [l for l in lines
            if half == "all" or zlib.crc32(json.loads(l)["id"].encode()) % 2 == int(half)]
    path.write_text("".join(keep), encoding="utf-8")
    return str(path)


def main(argv: list[str]) -> int:
    sq = _scorer()
    gold = GOLD.read_text(encoding="utf-8").splitlines(keepends=True)
    pred = Path(argv[0]).read_text(encoding="utf-8").splitlines(keepends=True)
    with tempfile.TemporaryDirectory() as folder:
        for half in ("0", "1", "all"):
            g = _half_file(gold, half, folder, "gold")
            p = _half_file(pred, half, folder, "pred")
            row = []
            for subset in ("direct", "all"):
                s = sq.score(g, p, subset)
                row.append(f"{subset}: e2e F1 {s['e2e_F1']:.3f} extraction F1 "
                           f"{s['extraction_F1']:.3f} attribution {s['attribution_acc']:.3f}")
            print(f"half {half:>3}: " + "; ".join(row))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
