"""Distributed bench: articles/s for -j 1, -j 2 (records written as JSON Lines, as `analyze -o`
does), --dask local -j 1 and --dask local -j 2 (a partitioned run into a Parquet dataset, the
clusters started and warmed once), the Dask overhead per article at 2 workers in CPU time (all
the processes of a run: robust to a loaded machine) and in wall time, the machine's load beside
each speed-up (a run is marked noisy when the load exceeds the cores), and the client process's
peak memory for 200 vs 2,000 articles.

    python bench/bench_distributed.py        (about 3.5 minutes on this loaded 2-core machine,
                                              most of it the workers loading the model)
"""
from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src")]

N_ARTICLES = 64
ROUNDS = 2
IDLE_SECONDS = 5
PEOPLE = ["Jane Smith", "Ahmed Khan", "Maria Lopez", "Tom Baker", "Li Wei", "Sara Cohen"]
PLACES = ["the harbour", "the old bridge", "the rail depot", "the city hall", "the north dam"]


def article(i: int) -> dict:
    """A small generated news text (no dev data): a headline, a lead, a quote, a date."""
    who, where = PEOPLE[i % len(PEOPLE)], PLACES[i % len(PLACES)]
    body = (f"Repairs at {where} start next week\n\n"
            f"Work on {where} will begin on Monday after storms damaged it in March, officials "
            f"said on Tuesday. \"We expect the work to take about {3 + i % 5} months,\" said "
            f"{who}, who leads the works department. The council approved {2 + i % 9} million "
            f"dollars for the project, number {i}, and traffic will be diverted while crews "
            f"replace the damaged sections. Residents near {where} were told to expect noise.")
    return {"id": f"g{i}", "text": body}


def write_jsonl(path: Path, n: int) -> int:
    with open(path, "w") as f:
        for i in range(n):
            f.write(json.dumps(article(i)) + "\n")
    return path.stat().st_size


def load() -> float:
    return os.getloadavg()[0]


def speed() -> tuple[dict, dict]:
    from dateline.batch import write_jsonl as write_records
    from dateline.inputs import iter_inputs
    from dateline.model import load_model
    from dateline.options import Options
    from dateline.runner import run, run_partitioned
    from dateline.runner.cluster import close, connect

    tmp = Path(tempfile.mkdtemp(prefix="bench-distributed-"))
    path = tmp / "articles.jsonl"
    size = write_jsonl(path, N_ARTICLES)
    # 4 partitions of 16 articles (2 per worker at -j 2): a partition smaller than spaCy's
    # batch costs the parse its batching, not Dask (a real partition holds ~10,000 articles)
    part = size // 4 + 1
    load_model()
    started = time.perf_counter()
    clients = {}
    for n in (1, 2):
        clients[n] = connect("local", n)         # the LocalCluster `--dask local -j N` starts
    startup = time.perf_counter() - started

    def local(n: int):                          # `dateline analyze -j N -o FILE`
        def go() -> int:
            with open(tmp / "out.jsonl", "w", encoding="utf-8") as out:
                ok, bad = write_records(run(iter_inputs([str(path)]), Options(workers=n)), out)
            return ok + bad
        return go

    def dask(n: int):
        def go() -> int:
            out = tmp / f"ds-{n}"
            shutil.rmtree(out, ignore_errors=True)
            return run_partitioned([str(path)], str(out), Options(workers=n), dask=clients[n],
                                   partition_bytes=part).records
        return go

    def cpu(n: int | None) -> float:
        """CPU seconds used so far by this process, its waited-for children (a pool's workers)
        and the workers of the n-worker cluster: robust to a loaded machine, unlike speed."""
        own = time.process_time() + sum(resource.getrusage(resource.RUSAGE_CHILDREN)[:2])
        return own + (sum(clients[n].run(time.process_time).values()) if n else 0.0)

    modes = {"-j 1": (local(1), None), "-j 2": (local(2), None),
             "--dask local -j 1": (dask(1), 1), "--dask local -j 2": (dask(2), 2)}
    warm = time.perf_counter()
    for n in (1, 2):
        dask(n)()                                # the workers load the model once
    warmup = time.perf_counter() - warm
    rates: dict[str, list[tuple[float, float, float, float]]] = {m: [] for m in modes}
    for _ in range(ROUNDS):                      # interleaved: the machine is noisy
        for name, (fn, cluster) in modes.items():
            before, used = load(), cpu(cluster)
            t = time.perf_counter()
            n = fn()
            seconds = time.perf_counter() - t
            assert n == N_ARTICLES, (name, n)
            rates[name].append((n / seconds, before, load(), (cpu(cluster) - used) * 1000 / n))
    idle_from, wall = cpu(2), time.perf_counter()
    time.sleep(IDLE_SECONDS)                     # the event loops' own cost, no work at all
    idle = (cpu(2) - idle_from) / (time.perf_counter() - wall)
    for c in clients.values():
        close(c)
    shutil.rmtree(tmp, ignore_errors=True)
    return rates, {"startup": startup, "warmup": warmup, "idle": idle}


CHILD = r"""
import sys, shutil, tempfile
sys.path.insert(0, {src!r})
from dateline.options import Options
from dateline.runner import run_partitioned
out = tempfile.mkdtemp(prefix="bench-distributed-ds-")
shutil.rmtree(out)
s = run_partitioned([{path!r}], out, Options(stages=("load",), workers=2),
                    dask="local", partition_bytes={part})
shutil.rmtree(out)
# VmHWM: this process's own peak (the workers are processes of their own)
hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM")][0].split()[1]
print(s.records, s.partitions, int(hwm) // 1024)
"""


def memory() -> dict:
    tmp = Path(tempfile.mkdtemp(prefix="bench-distributed-"))
    result = {}
    for n in (200, 2000):
        path = tmp / f"a{n}.jsonl"
        write_jsonl(path, n)
        t = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", CHILD.format(
            src=str(ROOT / "src"), path=str(path), part=64 << 10)],
            capture_output=True, text=True, timeout=600)
        if out.returncode:
            raise SystemExit(out.stderr[-2000:])
        records, parts, mb = map(int, out.stdout.split())
        result[n] = (records, parts, mb, time.perf_counter() - t)
    shutil.rmtree(tmp, ignore_errors=True)
    return result


def main() -> None:
    cpus = os.cpu_count() or 1
    rates, times = speed()
    best = {k: max(r[0] for r in v) for k, v in rates.items()}
    cost = {k: min(r[3] for r in v) for k, v in rates.items()}
    print(f"articles/s, {N_ARTICLES} generated articles, full pipeline, best of {ROUNDS} "
          f"interleaved rounds ({cpus} cpus; load = 1-minute load average before→after; CPU ms "
          "per article over every process of the run, the least of the rounds):")
    for name, runs in rates.items():
        r, before, after, _ = max(runs)
        noisy = "  NOISY (load > cores)" if max(before, after) > cpus else ""
        print(f"  {name:18s} {r:6.2f}/s  {cost[name]:6.1f} CPU ms/article   "
              f"load {before:4.1f}→{after:4.1f}{noisy}")
    noisy = any(max(r[1], r[2]) > cpus for v in rates.values() for r in v)
    mark = "  NOISY: load exceeded the cores, speed-ups are not meaningful" if noisy else ""
    print(f"  speed-up -j 2 / -j 1 = {best['-j 2'] / best['-j 1']:.2f}; --dask local -j 2 / "
          f"--dask local -j 1 = {best['--dask local -j 2'] / best['--dask local -j 1']:.2f}{mark}")
    for n in (2, 1):
        wall = best[f"-j {n}"] / best[f"--dask local -j {n}"] - 1
        work = cost[f"--dask local -j {n}"] / cost[f"-j {n}"] - 1
        target = " (target <= 10%)" if n == 2 else ""
        print(f"  Dask overhead per article at {n} worker{'s' if n > 1 else ''}: "
              f"CPU {work * 100:+.1f}%{target}, wall {wall * 100:+.1f}%")
    print(f"  (not counted: starting the two LocalClusters {times['startup']:.1f} s, the "
          f"workers loading the model {times['warmup']:.1f} s; idle, the client, scheduler "
          f"and 2 workers use {times['idle']:.3f} CPU s per second)")
    m = memory()
    print("client process peak memory, partitioned run on --dask local -j 2 (stage load only):")
    for n, (records, parts, mb, s) in m.items():
        print(f"  {n:5d} articles {mb:5d} MB  {records:5d} records  {parts:3d} partitions  {s:5.1f} s")
    print(f"  2000 / 200 = {m[2000][2] / m[200][2]:.2f} (target <= 1.2)")


if __name__ == "__main__":
    main()
