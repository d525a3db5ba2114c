"""The HTML dev pages served from a local server and read by URL give the same body F1 as read
from the file (within 0.002): fetching changes nothing in what is extracted."""
from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from inputs_server import Server  # noqa: E402
from support import scorer, shared_path  # noqa: E402

from dateline.inputs import Inputs  # noqa: E402
from dateline.options import Options  # noqa: E402
from dateline.pipeline import Pipeline  # noqa: E402

OPTS = Options(stages=("load", "clean"), allow_private=True, delay=0.0, per_host=4,
               concurrency=4, robots=False)


def bodies(items) -> dict[str, str]:
    return {r.id: getattr(r, "body", "") or "" for r in Pipeline(OPTS).run_many(items)}


def test_body_f1_by_url_equals_by_file():
    path = shared_path("data", "body", "dev.html.jsonl.gz")
    gold = {}
    with open(shared_path("data", "body", "dev.gold.jsonl"), encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                gold[r["id"]] = r.get("body") or ""
    server = Server()
    ids = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for n, line in enumerate(f):
            r = json.loads(line)
            server.add(f"/p/{n}", r["html"])
            ids[f"{server.base}/p/{n}"] = r["id"]
    try:
        by_file = bodies(Inputs([str(path)], OPTS))
        inputs = Inputs(list(ids), OPTS)
        by_url = {ids[k]: v for k, v in bodies(inputs).items()}
        inputs.close()
    finally:
        server.close()
    score = scorer("score_body").score
    f_file = score(gold, {i: by_file.get(i, "") for i in gold}, n_boot=1)["f1"]
    f_url = score(gold, {i: by_url.get(i, "") for i in gold}, n_boot=1)["f1"]
    print(f"body F1 by file {f_file:.4f}, by URL {f_url:.4f}")
    assert f_file > 0.5
    assert abs(f_file - f_url) <= 0.002, (f_file, f_url)
