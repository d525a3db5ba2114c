"""Distributed bench: articles/s and CPU cost per article for -j 1, -j 2 (records written as
JSON Lines, as `analyze -o` does), the same partitioned run (`--out DIR`, a Parquet dataset) in
this process, on a local pool of 2 (-j 2) and on --dask local -j 1 / -j 2 (the clusters started
and warmed once); the Dask overhead per article; the machine's load beside each figure; the
client process's peak memory for 200 vs 2,000 articles.

CPU time, not wall time, is the measure of cost: it is summed over every process of a run (this
process with the scheduler, its live descendants such as the Dask workers, and its joined
children such as a pool's workers), and it stretches far less than wall time when other
processes share the cores. Each mode runs on SIZES articles; the per-article cost is the slope
between the two sizes, the fixed cost per run what is left at the smaller one, so that a pool's
start or a run's scheduling is not spread over a few articles. The Dask overhead is the cost per
article on Dask over the same partitioned run without Dask (in this process at 1 worker, on the
pool at 2), and over -j N with JSON Lines, taken in each round (the modes of a round run side by
side) and given as the median of the rounds with their spread. Each line says whether other
processes left fewer free cores than the run needed (bench/run.py MachineLoad: DISTURBED).

    python bench/bench_distributed.py [--previous-config] [--quick]
        (about 5 minutes on this loaded 2-core machine; --previous-config: the LocalCluster with
         only the profiler off, the settings before runner.cluster.CLUSTER_CONFIG)
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src")]

from run import SPEEDUP_TARGET, MachineLoad  # noqa: E402  (bench/run.py, this script's folder)

SIZES = (32, 96)
PER_PARTITION = 16            # articles per partition (a real partition holds ~10,000)
ROUNDS = 3
IDLE_SECONDS = 5
PREVIOUS_CONFIG = {"distributed.worker.profile.enabled": False}
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


def tree_cpu(exclude: frozenset = frozenset()) -> float:
    """CPU seconds used so far by this process, its live descendants (but the ``exclude`` pids:
    the workers of a cluster the run does not use) and the children each of them has joined
    (a pool's workers are reaped by a forkserver, not by this process: without its children's
    times, a worker that ended during the run would count as another process's load)."""
    import psutil

    total = sum(resource.getrusage(resource.RUSAGE_CHILDREN)[:2])
    me = psutil.Process()
    for proc in [me, *me.children(recursive=True)]:
        if proc.pid in exclude:
            continue
        try:
            times = proc.cpu_times()
        except psutil.Error:              # ended meanwhile: counted once joined, if ours
            continue
        total += times.user + times.system
        if proc is not me:                # this process's joined children: RUSAGE_CHILDREN
            total += times.children_user + times.children_system
    return total


def usage() -> tuple[float, float, int]:
    """This process's own (user CPU s, system CPU s, minor page faults): run on a worker."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime, r.ru_stime, r.ru_minflt


class Run:
    """One measured run: wall seconds, CPU seconds over every process, the machine's load, and
    on a cluster what its workers report of their own (user s, system s, page faults)."""

    def __init__(self, fn, n: int, need: float, exclude: frozenset, client=None):
        def own() -> float:
            return tree_cpu(exclude)

        def workers() -> list[float]:
            return [sum(x) for x in zip(*client.run(usage).values())] if client else [0] * 3

        with MachineLoad(need, own=own) as self.load:
            before, cpu, t = workers(), own(), time.perf_counter()
            got = fn(n)
            self.wall, self.cpu = time.perf_counter() - t, own() - cpu
            self.workers = [b - a for a, b in zip(before, workers())]
        assert got == n, (fn, n, got)


def modes(tmp: Path, clients: dict) -> dict:
    """name → (function of n articles, workers it needs, the mode it is compared with, the
    cluster it runs on or None)."""
    from dateline.batch import write_jsonl as write_records
    from dateline.inputs import iter_inputs
    from dateline.options import Options
    from dateline.runner import run, run_partitioned

    def jsonl(workers: int):                   # `dateline analyze -j N -o FILE`
        def go(n: int) -> int:
            with open(tmp / "out.jsonl", "w", encoding="utf-8") as out:
                ok, bad = write_records(run(iter_inputs([str(tmp / f"a{n}.jsonl")]),
                                            Options(workers=workers)), out)
            return ok + bad
        return go

    def partitioned(workers: int, dask: bool):  # `dateline analyze [-j N] [--dask local] --out`
        def go(n: int) -> int:
            out = tmp / f"ds-{workers}-{dask}"
            shutil.rmtree(out, ignore_errors=True)
            path = tmp / f"a{n}.jsonl"
            part = path.stat().st_size // (n // PER_PARTITION) + 1
            return run_partitioned([str(path)], str(out), Options(workers=workers),
                                   dask=clients[workers] if dask else None,
                                   partition_bytes=part).records
        return go

    return {"-j 1": (jsonl(1), 1, None, None), "-j 2": (jsonl(2), 2, None, None),
            "--out DIR": (partitioned(1, False), 1, "-j 1", None),
            "-j 2 --out DIR": (partitioned(2, False), 2, "-j 2", None),
            "--dask local -j 1 --out DIR": (partitioned(1, True), 1, "--out DIR", 1),
            "--dask local -j 2 --out DIR": (partitioned(2, True), 2, "-j 2 --out DIR", 2)}


def speed(config: dict | None) -> tuple[dict, dict]:
    from dateline.model import load_model
    from dateline.runner.cluster import close, connect

    tmp = Path(tempfile.mkdtemp(prefix="bench-distributed-"))
    for n in SIZES:
        write_jsonl(tmp / f"a{n}.jsonl", n)
    load_model()
    fixed: dict = {}
    cpu, t = tree_cpu(), time.perf_counter()
    clients = {n: connect("local", n, config) for n in (1, 2)}   # what `--dask local -j N` starts
    fixed["startup"] = (time.perf_counter() - t, tree_cpu() - cpu)
    table = modes(tmp, clients)
    cpu, t = tree_cpu(), time.perf_counter()
    for fn, _, _, _ in list(table.values())[-2:]:
        fn(SIZES[0])                             # the workers load the model once
    fixed["warmup"] = (time.perf_counter() - t, tree_cpu() - cpu)
    pids = {n: frozenset(c.run(os.getpid).values()) for n, c in clients.items()}
    runs: dict[str, dict[int, list[Run]]] = {m: {n: [] for n in SIZES} for m in table}
    for _ in range(ROUNDS):                      # interleaved: the machine is noisy
        for n in SIZES:
            for name, (fn, workers, _, cluster) in table.items():
                idle = frozenset().union(*(p for c, p in pids.items() if c != cluster))
                # N workers need the cores of the -j 2 speed-up target (bench/run.py), as there:
                # needing all N would mark every run the kernel's own work touched
                runs[name][n].append(Run(fn, n, min(workers, SPEEDUP_TARGET), idle,
                                         clients.get(cluster)))
    cpu, t = tree_cpu(pids[1]), time.perf_counter()
    time.sleep(IDLE_SECONDS)                     # the event loops' own cost, no work at all
    fixed["idle"] = (tree_cpu(pids[1]) - cpu) / (time.perf_counter() - t)
    fixed["task"] = per_partition(tmp, clients[1], pids[2])
    for c in clients.values():
        close(c)
    shutil.rmtree(tmp, ignore_errors=True)
    return {name: (runs[name], table[name][2]) for name in table}, fixed


def per_partition(tmp: Path, client, exclude: frozenset) -> float:
    """CPU ms that a partition costs on Dask beyond the same partition in this process (every
    process counted): SIZES[-1] one-article partitions against one, reading only (stage load),
    the least of ROUNDS."""
    from dateline.options import Options
    from dateline.runner import run_partitioned

    path, n = tmp / f"a{SIZES[-1]}.jsonl", SIZES[-1]
    options = Options(stages=("load",))
    cost: dict[tuple, float] = {}
    for _ in range(ROUNDS):
        for dask in (None, client):
            for parts in (1, n):
                out = tmp / "ds-tasks"
                shutil.rmtree(out, ignore_errors=True)
                cpu = tree_cpu(exclude)
                run_partitioned([str(path)], str(out), options, dask=dask,
                                partition_bytes=path.stat().st_size // parts + 1)
                used = (tree_cpu(exclude) - cpu) * 1000
                cost[dask is None, parts] = min(cost.get((dask is None, parts), used), used)
    extra = {here: (cost[here, n] - cost[here, 1]) / (n - 1) for here in (True, False)}
    return extra[False] - extra[True]


def per_round(runs: dict[int, list[Run]]) -> list[tuple[float, float]]:
    """(CPU ms per article, fixed CPU ms per run) in each round: the slope between the sizes
    run in that round, and what it leaves at the smaller size."""
    small, big = SIZES
    out = []
    for r_small, r_big in zip(runs[small], runs[big]):
        per = (r_big.cpu - r_small.cpu) * 1000 / (big - small)
        out.append((per, r_small.cpu * 1000 - per * small))
    return out


def overhead(runs: dict[int, list[Run]], ref: dict[int, list[Run]]) -> tuple[float, float, float]:
    """(median, least, greatest) over the rounds of the CPU per article of ``runs`` over that of
    ``ref`` in the same round, less 1: a round's modes run side by side, so a slow spell of the
    machine weighs on both."""
    ratios = sorted(a[0] / b[0] - 1 for a, b in zip(per_round(runs), per_round(ref)))
    return statistics.median(ratios), ratios[0], ratios[-1]


def report(results: dict, fixed: dict) -> None:
    cpus = os.cpu_count() or 1
    big = SIZES[-1]
    print(f"{SIZES[0]} and {big} generated articles per run, {PER_PARTITION} per partition, "
          f"full pipeline, {ROUNDS} interleaved rounds, {cpus} cpus. CPU = every process of the "
          "run; per article = the slope between the sizes, and fixed per run, medians of the "
          f"rounds; articles/s = best at {big}; DISTURBED = other processes left fewer free "
          "cores than the run needs:")
    for name, (runs, _) in results.items():
        best = max(runs[big], key=lambda r: big / r.wall)
        per, fix = (statistics.median(x) for x in zip(*per_round(runs)))
        disturbed = sum(r.load.disturbed for n in SIZES for r in runs[n])
        mark = f"  DISTURBED {disturbed}/{len(SIZES) * ROUNDS} runs" if disturbed else ""
        print(f"  {name:28s} {big / best.wall:6.2f}/s  {per:6.1f} CPU ms/article  "
              f"{fix:+7.0f} CPU ms/run  ({best.load}){mark}")
    rate = {name: big / min(r.wall for r in runs[big]) for name, (runs, _) in results.items()}
    print(f"  speed-up -j 2 / -j 1 = {rate['-j 2'] / rate['-j 1']:.2f}; --dask local -j 2 / "
          f"-j 1 = {rate['--dask local -j 2 --out DIR'] / rate['--dask local -j 1 --out DIR']:.2f}")

    def told(name: str, ref: str) -> str:
        mid, low, high = overhead(results[name][0], results[ref][0])
        return f"{mid * 100:+.1f}% ({low * 100:+.1f}..{high * 100:+.1f}) over `{ref}`"

    print("  CPU per article, median of the rounds (least..greatest):")
    for n in (2, 1):
        name = f"--dask local -j {n} --out DIR"
        target = " (target <= 10%)" if n == 2 else ""
        print(f"  Dask overhead at {n} worker{'s' if n > 1 else ''}: "
              f"{told(name, results[name][1])}{target}, {told(name, f'-j {n}')} (JSON Lines)")
    print(f"  a partitioned run (Parquet) over JSON Lines: {told('--out DIR', '-j 1')}, "
          f"{told('-j 2 --out DIR', '-j 2')}")
    for n in (1, 2):
        runs = results[f"--dask local -j {n} --out DIR"][0][big]
        user, system, faults = (statistics.median(r.workers[k] for r in runs) for k in range(3))
        print(f"  the workers' own, --dask local -j {n}, per article (median of the rounds at "
              f"{big}): user {user * 1000 / big:.1f} ms, system {system * 1000 / big:.1f} ms, "
              f"{faults / big:.0f} page faults")
    print(f"  a partition's own cost on Dask beyond the same in this process: "
          f"{fixed['task']:.1f} CPU ms (scheduling, messages; reading only, 1-article partitions)")
    print(f"  fixed, not counted above: starting the two LocalClusters {fixed['startup'][0]:.1f} s "
          f"({fixed['startup'][1]:.1f} CPU s), the workers loading the model "
          f"{fixed['warmup'][0]:.1f} s ({fixed['warmup'][1]:.1f} CPU s, 3 workers); idle, this "
          f"process (the schedulers) and the 2 workers use {fixed['idle']:.3f} CPU s per second")


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
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--previous-config", action="store_true",
                        help="LocalClusters with only the profiler off (before CLUSTER_CONFIG)")
    parser.add_argument("--quick", action="store_true", help="one round instead of three")
    args = parser.parse_args()
    global ROUNDS
    ROUNDS = 1 if args.quick else ROUNDS
    report(*speed(PREVIOUS_CONFIG if args.previous_config else None))
    m = memory()
    print("client process peak memory, partitioned run on --dask local -j 2 (stage load only):")
    for n, (records, parts, mb, s) in m.items():
        print(f"  {n:5d} articles {mb:5d} MB  {records:5d} records  {parts:3d} partitions  "
              f"{s:5.1f} s")
    print(f"  2000 / 200 = {m[2000][2] / m[200][2]:.2f} (target <= 1.2)")


if __name__ == "__main__":
    main()
