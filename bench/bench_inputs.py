"""Inputs bench: pages/s for URL input (local server, concurrency 1 and 8) against file input, and
peak memory reading a WARC of 2,000 vs 200 records, a 1 GiB-line gzip and a gzip of newlines.

    python bench/bench_inputs.py        (about 2-3 minutes on 2 cores)
"""
from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

N_PAGES = 40
ROUNDS = 2


def pages() -> list[str]:
    from inputs_server import PARAGRAPH

    return [f"<html><head><title>Bridge story {i}</title></head><body><article><h1>Bridge {i}</h1>"
            + "".join(f"<p>{PARAGRAPH} Mayor Jane Smith{i} said the work starts in week {k}.</p>"
                      for k in range(6)) + "</article></body></html>" for i in range(N_PAGES)]


def rate(items_fn, options) -> float:
    from dateline.batch import run

    t = time.perf_counter()
    n = sum(1 for _ in run(items_fn(), options))
    return n / (time.perf_counter() - t)


def speed() -> dict:
    from inputs_server import Server

    from dateline.inputs import Inputs
    from dateline.model import load_model
    from dateline.options import Options

    load_model()
    tmp = Path(tempfile.mkdtemp(prefix="bench-inputs-"))
    server = Server()
    path = tmp / "pages.jsonl"
    with open(path, "w") as f:
        for i, html in enumerate(pages()):
            server.add(f"/p/{i}", html)
            f.write(json.dumps({"id": str(i), "html": html}) + "\n")
    urls = [f"{server.base}/p/{i}" for i in range(N_PAGES)]
    base = Options(allow_private=True, delay=0.0, robots=False)
    rates: dict[str, list[float]] = {"file": [], "url c1": [], "url c8": []}
    for _ in range(ROUNDS):  # interleaved: the machine is noisy
        rates["file"].append(rate(lambda: Inputs([str(path)], base), base))
        for c in (1, 8):
            o = base.replace(concurrency=c, per_host=c)
            rates[f"url c{c}"].append(rate(lambda o=o: Inputs(urls, o), o))
    server.close()
    return {k: max(v) for k, v in rates.items()}


CHILD = r"""
import sys
sys.path.insert(0, {src!r})
from dateline.inputs import Inputs
from dateline.options import Options
n = sum(1 for _ in Inputs([{path!r}], Options(max_bytes=5_000_000)))
# VmHWM: this process's own peak (ru_maxrss would carry the forking parent's over exec)
hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM")][0].split()[1]
print(n, int(hwm) // 1024)
"""


def peak(path: Path) -> tuple[int, int, float]:
    t = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", CHILD.format(src=str(ROOT / "src"), path=str(path))],
                         capture_output=True, text=True, timeout=600).stdout.split()
    return int(out[0]), int(out[1]), time.perf_counter() - t


def write_warc(path: Path, n: int) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    html = pages()
    with open(path, "wb") as f:
        w = WARCWriter(f, gzip=True)
        for i in range(n):
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(
                f"http://news.example/{i}", "response", http_headers=http,
                payload=io.BytesIO((html[i % N_PAGES] + "<!-- %d -->" % i).encode())))


def memory() -> dict:
    tmp = Path(tempfile.mkdtemp(prefix="bench-inputs-"))
    result = {}
    for n in (200, 2000):
        write_warc(tmp / f"w{n}.warc.gz", n)
        result[f"warc {n}"] = peak(tmp / f"w{n}.warc.gz")
    line = tmp / "line.jsonl.gz"
    with gzip.open(line, "wb", compresslevel=9) as f:
        block = b"x" * (1 << 24)
        for _ in range(64):          # one 1 GiB line
            f.write(block)
        f.write(b"\n")
    result["1 GiB-line gzip"] = peak(line)
    newlines = tmp / "newlines.jsonl.gz"
    with gzip.open(newlines, "wb", compresslevel=9) as f:
        block = b"\n" * (1 << 24)
        for _ in range(64):
            f.write(block)
    result["gzip of 1 GiB of newlines"] = peak(newlines)
    result["_sizes"] = {p.name: p.stat().st_size for p in (line, newlines)}
    return result


def main() -> None:
    r = speed()
    print(f"pages/s, {N_PAGES} pages, full pipeline, best of {ROUNDS} interleaved rounds:")
    for k, v in r.items():
        print(f"  {k:8s} {v:6.2f}")
    print(f"  file / url c8 = {r['file'] / r['url c8']:.2f} (target <= 1.2)")
    m = memory()
    sizes = m.pop("_sizes")
    print("peak memory reading inputs (RSS of a child process):")
    for k, (n, mb, s) in m.items():
        print(f"  {k:28s} {mb:5d} MB  {n:5d} records  {s:5.1f} s")
    print(f"  warc 2000 / warc 200 = {m['warc 2000'][1] / m['warc 200'][1]:.2f} (target <= 1.2); "
          f"compressed sizes {sizes}")


if __name__ == "__main__":
    main()
