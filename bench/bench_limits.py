"""The limits benchmark: the quotes stage must stay linear (or n·log n) in an article's length.

Adversarial texts are generated here (never read from files): run-on quoted text with no
sentence end ('"Yes," John Smith said, "we will go ..., '), the same with sentence ends, and a
transcript-like run of short attributed quotes. Each is made at 20 KB and at 200 KB, analysed
up to the people stage, and then only the quotes stage is timed, interleaved and repeated; the
figure is the ratio of the best 200 KB time to the best 20 KB time (10 × the text: a linear
stage gives about 10, a quadratic one about 100). The target is a ratio of at most 12.

Usage: python bench/bench_limits.py [--repeat N] [--json FILE]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dateline.api import make_article  # noqa: E402
from dateline.options import Options  # noqa: E402
from dateline.pipeline import Pipeline  # noqa: E402
from dateline.stages import quotes  # noqa: E402

TARGET = 12.0
PATTERNS = {
    "run-on quotes": '"Yes," John Smith said, "we will go there tomorrow and see what happens, ',
    "quoted sentences": '"We will go there tomorrow," John Smith said. "Then we will see." ',
    "short turns": 'Mary Jones said: "No." Then John Smith told reporters, "Maybe later." ',
}


def adversarial(unit: str, size: int) -> str:
    """``unit`` repeated to ``size`` characters, as one paragraph after a short lead."""
    lead = "WASHINGTON (AP) — Officials met on Monday to discuss the plan, a spokesman said.\n\n"
    body = unit * (size // len(unit) + 1)
    return lead + body[:size - len(lead)]


def prepared(text: str):
    """The article analysed up to (not including) the quotes stage."""
    options = Options(stages=("load", "clean", "parse", "people"))
    return Pipeline(options).run(make_article(text, id="bench")), Options()


def quotes_time(article, options) -> float:
    start = time.perf_counter()
    quotes.compute(article, options)
    return time.perf_counter() - start


def measure(repeat: int = 3, small: int = 20_000, large: int = 200_000) -> dict:
    out = {}
    for name, unit in PATTERNS.items():
        a_small = prepared(adversarial(unit, small))
        a_large = prepared(adversarial(unit, large))
        best_small = best_large = float("inf")
        for _ in range(repeat):  # interleaved: the machine's noise hits both alike
            best_small = min(best_small, quotes_time(*a_small))
            best_large = min(best_large, quotes_time(*a_large))
        out[name] = {"small_s": round(best_small, 3), "large_s": round(best_large, 3),
                     "ratio": round(best_large / best_small, 2)}
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", metavar="FILE")
    args = parser.parse_args()
    results = measure(args.repeat)
    worst = max(r["ratio"] for r in results.values())
    for name, r in results.items():
        print(f"quotes stage, {name}: 20 KB {r['small_s']} s, 200 KB {r['large_s']} s, "
              f"ratio {r['ratio']}")
    print(f"quotes stage 200 KB / 20 KB: worst ratio {worst} (target ≤ {TARGET})")
    if args.json:
        Path(args.json).write_text(json.dumps({"quotes": results, "worst_ratio": worst}))
    return 0 if worst <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
