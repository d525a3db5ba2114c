"""Entity scores on the two halves of CoNLL-2003 dev, to check that people/evidence.py's weights
(set on half 0: articles whose id's CRC32 is even) carry to the other half (half 1).

Usage: python scripts/entities_folds.py RECORDS.jsonl
  RECORDS  `dateline analyze ../shared/data/entities/dev.jsonl --stages load,clean,parse,people -o RECORDS`
Prints exact in-body P/R for PER, exact F1 for ORG and LOC, per half and for all.
"""
from __future__ import annotations

import importlib.util
import sys
import zlib
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def main(argv: list[str]) -> int:
    spec = importlib.util.spec_from_file_location("score_entities",
                                                  SHARED / "eval" / "score_entities.py")
    se = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(se)
    pred = se.load(argv[0])
    gold = se.load(SHARED / "data" / "entities" / "dev.gold.jsonl")
    inputs = se.load(SHARED / "data" / "entities" / "dev.jsonl")
    for half in ("0", "1", "all"):
        keep = (lambda k: True) if half == "all" else \
            (lambda k, h=int(half): zlib.crc32(k.encode()) % 2 == h)
        out = se.score({k: v for k, v in pred.items() if keep(k)},
                       {k: v for k, v in gold.items() if keep(k)}, inputs)
        per = out["PER"]["in_body"]["exact"]
        print(f"half {half:>3}: PER in-body P {per['P']:.3f} R {per['R']:.3f}  "
              f"ORG exact F1 {out['ORG']['all']['exact']['F1']:.3f}  "
              f"LOC exact F1 {out['LOC']['all']['exact']['F1']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
