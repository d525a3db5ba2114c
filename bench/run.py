"""`make bench`: speed and memory of the pipeline as ratios against references measured in the
same run, on the shared dev sets (read from ../shared/data, never copied).

  1. time per article, full pipeline vs bare spaCy ``nlp.pipe`` on the same texts (5w1h dev):
     target ratio <= 1.15 (foundation and full), also given against the cleaned bodies and
     against spaCy as dateline loads it (the table attribute ruler, ``dateline.ruler``) on the
     titles and cleaned bodies the parse stage gives it (the stages' own overhead); bare spaCy
     is the pipeline as it ships, loaded apart; on wall time and, beside it, on this
     process's CPU time (steadier on a shared machine), with the CPU time of each stage
     (``Pipeline.stage_cpu``);
  2. throughput with -j 2 against -j 1: target >= 1.6x (needs 2 free cores);
  beside 1 and 2 the machine's load during the run (see :class:`MachineLoad`): a missed target
  on a run that other processes disturbed is marked so, to tell noise from a real loss;
  3. peak memory of a 1,000-article run within 1.2x of a 100-article run (streaming);
  4. the topic benches, each its own script: bench/bench_corpus.py (stories, ingest),
     bench_identities.py (linking), bench_limits.py (quotes stage on long text),
     bench_inputs.py (URL and WARC input), bench_web.py (the pages under load),
     bench_distributed.py (-j and --dask local throughput, client memory), bench_bulk.py
     (`ingest DIR` of 10k records).

Usage: python bench/run.py [--quick] [--json FILE] [--only PART ...] [--repeat N]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
FOUNDATION = ("load", "clean", "parse", "people")
#: The topic benches run after the pipeline's own (bench/bench_<name>.py, each its own script).
BENCHES = ("corpus", "identities", "limits", "inputs", "web", "distributed", "bulk")
#: The parts of this script, for ``--only``: its own three benches, then the topic benches.
PARTS = ("pipeline", "workers", "memory", "topics")


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def articles(records: list[dict]):
    from dateline.api import make_article

    return [make_article(r["text"], id=r["id"], title=r.get("title"), published=r.get("published"))
            for r in records]


#: -j 2 against -j 1 throughput to reach; a run is disturbed when fewer cores than this were free.
SPEEDUP_TARGET = 1.6
#: Time per article of the pipeline over bare spaCy ``nlp.pipe`` on the same texts, not to pass.
PIPELINE_TARGET = 1.15


def _busy_seconds() -> float | None:
    """CPU seconds every process on the machine has used since boot (/proc/stat), or None."""
    try:
        with open("/proc/stat", encoding="ascii") as f:
            fields = f.readline().split()[1:]
    except OSError:
        return None
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def _own_seconds() -> float:
    t = os.times()  # children: the worker processes, once they have been joined
    return t.user + t.system + t.children_user + t.children_system


class MachineLoad:
    """The machine's load while a measurement runs: ``os.getloadavg()`` (1 min) at its start and
    end, and the cores that *other* processes kept busy on average (all CPU time in /proc/stat
    less this process's and its children's). The run is *disturbed* when the cores left free,
    ``cpu_count - others``, were fewer than the ``need`` of the measurement (1 for a serial run,
    the speed-up target for -j 2); the load average alone cannot tell, since it counts the run
    itself. ``own``: the CPU seconds of the run's own processes when they are not all this
    process and its joined children (a Dask cluster's workers live through the run)."""

    def __init__(self, need: float = 1.0, own=None):
        self.need, self.cpus, self.own = need, os.cpu_count() or 1, own or _own_seconds

    def __enter__(self):
        self.load_start = os.getloadavg()[0]
        self._wall, self._busy, self._own = time.perf_counter(), _busy_seconds(), self.own()
        return self

    def __exit__(self, *exc):
        wall = time.perf_counter() - self._wall
        busy = _busy_seconds()
        self.load_end = os.getloadavg()[0]
        self.others = (None if busy is None or self._busy is None else
                       max(0.0, (busy - self._busy - (self.own() - self._own)) / wall))
        return False

    @property
    def disturbed(self) -> bool:
        if self.others is None:  # no /proc/stat: fall back on the load average
            return max(self.load_start, self.load_end) >= self.cpus
        return self.cpus - self.others < self.need

    def figures(self) -> dict:
        return {"loadavg_start": self.load_start, "loadavg_end": self.load_end, "cpus": self.cpus,
                "other_processes_cores": self.others, "disturbed": self.disturbed}

    def __str__(self) -> str:
        others = "" if self.others is None else f", other processes {self.others:.2f} cores"
        return (f"load {self.load_start:.2f}→{self.load_end:.2f} on {self.cpus} cpus{others}"
                + (": DISTURBED" if self.disturbed else ""))


def best_of(n: int, fn) -> float:
    return interleaved(n, {"x": fn})["x"]


def interleaved(n: int, fns: dict) -> dict[str, float]:
    """Best wall time of each function over n rounds (see :func:`interleaved_times`)."""
    return {name: wall for name, (wall, _cpu) in interleaved_times(n, fns).items()}


def interleaved_times(n: int, fns: dict) -> dict[str, tuple[float, float]]:
    """Best wall time and best CPU time (this process's ``time.process_time``) of each function
    over n rounds, the functions taking turns within each round, so that a slow spell of a shared
    machine hits them all alike. CPU time does not count the waits for a core that other
    processes took, so its ratios are steadier than wall-time ratios on a shared machine."""
    best = {name: (float("inf"), float("inf")) for name in fns}
    for _ in range(n):
        for name, fn in fns.items():
            wall, cpu = time.perf_counter(), time.process_time()
            fn()
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            best[name] = (min(best[name][0], wall), min(best[name][1], cpu))
    return best


def ratios(times: dict[str, tuple[float, float]], reference: str, n: int) -> dict:
    """Per-article ms (wall and CPU) of each entry of ``times`` and their ratios to
    ``reference``'s: ``{name}_ms_per_article``, ``{name}_cpu_ms_per_article``, and for the
    others ``{name}_ratio`` (wall) and ``{name}_cpu_ratio``."""
    ref_wall, ref_cpu = times[reference]
    out = {}
    for name, (wall, cpu) in times.items():
        out[f"{name}_ms_per_article"] = 1000 * wall / n
        out[f"{name}_cpu_ms_per_article"] = 1000 * cpu / n
        if name != reference:
            out[f"{name}_ratio"] = wall / ref_wall
            out[f"{name}_cpu_ratio"] = cpu / ref_cpu if ref_cpu else float("inf")
    return out


def bench_pipeline_ratio(records: list[dict], repeats: int) -> dict:
    import spacy

    import dateline
    from dateline.api import pipeline_for
    from dateline.model import load_model, resolve_model_name

    nlp = load_model()
    # the reference is spaCy as it ships (its own attribute ruler); dateline's loaded model runs
    # the same components with the table ruler (dateline.ruler): both are timed
    stock = spacy.load(resolve_model_name())
    texts = [r["text"] for r in records]
    list(stock.pipe(texts[:4]))  # warm up
    full, foundation = dateline.Options(), dateline.Options(stages=FOUNDATION)
    list(dateline.analyze_many(articles(records[:4]), full))
    # the pipeline parses the bodies the clean stage leaves, not the raw text: the ratio to bare
    # spaCy on those bodies is the pipeline's own overhead, cleaning included
    bodies = list(dateline.analyze_many(articles(records),
                                        dateline.Options(stages=("load", "clean"))))
    cleaned = [a.body for a in bodies]
    # what the parse stage gives spaCy: each title beside its body (stages/parse.py)
    parsed = [text for a in bodies for text in (a.title or "", a.body)]
    t = interleaved_times(repeats, {
        "bare_spacy": lambda: list(stock.pipe(texts, batch_size=full.batch_size)),
        "bare_clean": lambda: list(stock.pipe(cleaned, batch_size=full.batch_size)),
        "spacy_as_run": lambda: list(nlp.pipe(parsed, batch_size=2 * full.batch_size)),
        "foundation": lambda: list(dateline.analyze_many(articles(records), foundation)),
        "full": lambda: list(dateline.analyze_many(articles(records), full))})
    n = len(records)
    out = {"articles": n, **ratios(t, "bare_spacy", n)}
    for reference, suffix in (("bare_clean", "clean"), ("spacy_as_run", "own")):
        against = ratios({k: t[k] for k in (reference, "foundation", "full")}, reference, n)
        for name in ("foundation", "full"):
            out[f"{name}_ratio_{suffix}"] = against[f"{name}_ratio"]
            out[f"{name}_cpu_ratio_{suffix}"] = against[f"{name}_cpu_ratio"]
    out["bare_spacy_on_clean_bodies_ms_per_article"] = out.pop("bare_clean_ms_per_article")
    out["bare_spacy_on_clean_bodies_cpu_ms_per_article"] = out.pop("bare_clean_cpu_ms_per_article")
    out["stage_cpu_ms_per_article"] = stage_cpu(
        pipeline_for(full), lambda: list(dateline.analyze_many(articles(records), full)), n)
    return out


def stage_cpu(pipeline, run, n: int) -> dict[str, float]:
    """CPU ms per article of each stage of ``pipeline`` over one more ``run()`` of n articles
    (``Pipeline.stage_cpu``, compute and annotate): where the time outside spaCy goes. Empty
    for a pipeline that does not count (an older checkout measured with this script)."""
    if not hasattr(pipeline, "stage_cpu"):
        return {}
    before = dict(pipeline.stage_cpu)
    run()
    return {name: 1000 * (cpu - before.get(name, 0.0)) / n
            for name, cpu in pipeline.stage_cpu.items()}


def bench_workers(records: list[dict], copies: int) -> dict:
    import dateline
    from dateline.batch import run

    many = [dict(r, id=f"{r['id']}-{i}") for i in range(copies) for r in records]
    list(run(articles(many[:4]), dateline.Options()))  # warm up, model loaded
    with MachineLoad(need=1) as j1_load:
        one = best_of(1, lambda: list(run(articles(many), dateline.Options(workers=1))))
    with MachineLoad(need=SPEEDUP_TARGET) as j2_load:
        two = best_of(1, lambda: list(run(articles(many), dateline.Options(workers=2))))
    return {"articles": len(many), "j1_articles_per_s": len(many) / one,
            "j2_articles_per_s": len(many) / two, "speedup": one / two, "cpus": os.cpu_count(),
            "j1_load": j1_load, "j2_load": j2_load}


_MEMORY_CHILD = """
import json, resource, sys
from dateline.batch import analyse_path_to_file
ok, failed = analyse_path_to_file(sys.argv[1], sys.argv[2])
print(json.dumps({"ok": ok, "failed": failed,
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def bench_memory(records: list[dict], small: int, large: int) -> dict:
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in (small, large):
            src = Path(tmp) / f"in{n}.jsonl"
            with open(src, "w", encoding="utf-8") as f:
                for i in range(n):
                    r = records[i % len(records)]
                    f.write(json.dumps(dict(r, id=f"{r['id']}-{i}")) + "\n")
            proc = subprocess.run([sys.executable, "-c", _MEMORY_CHILD, str(src), str(Path(tmp) / "o")],
                                  capture_output=True, text=True, check=True)
            out[n] = json.loads(proc.stdout)
    return {"small": small, "large": large, "small_peak_mib": out[small]["peak_mib"],
            "large_peak_mib": out[large]["peak_mib"],
            "ratio": out[large]["peak_mib"] / out[small]["peak_mib"]}


def verdict(ok: bool, *loads: "MachineLoad") -> str:
    """"ok" or "MISSED", the latter "MISSED, disturbed" when another process took the cores the
    measurement needed, so that noise is told from a real loss."""
    if ok:
        return "ok"
    return "MISSED, disturbed run" if any(load.disturbed for load in loads) else "MISSED"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer repeats and articles")
    ap.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    ap.add_argument("--skip-corpus", action="store_true", help="leave out the corpus benchmark")
    ap.add_argument("--only", choices=PARTS, action="append",
                    help="run only this part (repeatable): " + ", ".join(PARTS))
    ap.add_argument("--repeat", type=int, help="rounds of the pipeline ratio (default 5, 2 quick)")
    args = ap.parse_args(argv)
    only = set(args.only or PARTS)
    w5 = read_jsonl(DATA / "5w1h" / "dev.jsonl")
    results = {}

    if "pipeline" in only:
        with MachineLoad(need=1) as load:
            r = bench_pipeline_ratio(w5, args.repeat or (2 if args.quick else 5))
        r["load"] = load.figures()
        results["pipeline"] = r
        print(f"pipeline vs bare spaCy nlp.pipe ({r['articles']} 5w1h dev articles, best of "
              f"{args.repeat or (2 if args.quick else 5)} interleaved rounds): bare "
              f"{r['bare_spacy_ms_per_article']:.1f} ms/article, CPU "
              f"{r['bare_spacy_cpu_ms_per_article']:.1f} ms/article; {load}")
        for name, label in (("foundation", "foundation (load→clean→parse→people)"),
                            ("full", "full pipeline")):
            print(f"  {label} {r[name + '_ms_per_article']:.1f} ms/article, ratio "
                  f"{r[name + '_ratio']:.2f} (target <= {PIPELINE_TARGET}: "
                  f"{verdict(r[name + '_ratio'] <= PIPELINE_TARGET, load)}); CPU "
                  f"{r[name + '_cpu_ms_per_article']:.1f} ms/article, CPU ratio "
                  f"{r[name + '_cpu_ratio']:.2f} (target <= {PIPELINE_TARGET}: "
                  f"{verdict(r[name + '_cpu_ratio'] <= PIPELINE_TARGET)})")
        print(f"  (bare spaCy on the cleaned bodies {r['bare_spacy_on_clean_bodies_ms_per_article']:.1f} "
              f"ms/article: foundation {r['foundation_ratio_clean']:.2f}x, full "
              f"{r['full_ratio_clean']:.2f}x; CPU foundation {r['foundation_cpu_ratio_clean']:.2f}x, "
              f"full {r['full_cpu_ratio_clean']:.2f}x)")
        print(f"  (spaCy as dateline loads it, table attribute ruler, on the titles and cleaned "
              f"bodies the parse stage gives it "
              f"{r['spacy_as_run_ms_per_article']:.1f} ms/article, CPU "
              f"{r['spacy_as_run_cpu_ms_per_article']:.1f}: the stages' own overhead, foundation "
              f"{r['foundation_ratio_own']:.2f}x, full {r['full_ratio_own']:.2f}x; CPU foundation "
              f"{r['foundation_cpu_ratio_own']:.2f}x, full {r['full_cpu_ratio_own']:.2f}x)")
        print("  CPU ms/article by stage (full pipeline, one more run): " + ", ".join(
            f"{name} {ms:.1f}" for name, ms in r["stage_cpu_ms_per_article"].items()))

    if "workers" in only:
        r = results["workers"] = bench_workers(w5, 2 if args.quick else 4)
        print(f"throughput ({r['articles']} articles, {r['cpus']} cpus): -j 1 {r['j1_articles_per_s']:.2f}/s "
              f"({r['j1_load']}), -j 2 {r['j2_articles_per_s']:.2f}/s ({r['j2_load']}), "
              f"speedup {r['speedup']:.2f}x (target >= {SPEEDUP_TARGET}: "
              f"{verdict(r['speedup'] >= SPEEDUP_TARGET, r['j1_load'], r['j2_load'])})")

    if "memory" in only:
        clusters = read_jsonl(DATA / "clusters" / "dev.jsonl")
        r = results["memory"] = bench_memory(clusters, 100, 300 if args.quick else 1000)
        print(f"peak memory: {r['small']} articles {r['small_peak_mib']:.0f} MiB, {r['large']} articles "
              f"{r['large_peak_mib']:.0f} MiB, ratio {r['ratio']:.2f} (target <= 1.2: {verdict(r['ratio'] <= 1.2)})")

    for name in BENCHES if "topics" in only else ():
        path = ROOT / "bench" / f"bench_{name}.py"
        if path.exists() and not (args.skip_corpus and name == "corpus"):
            print(f"{name}:", flush=True)
            quick = args.quick and "--quick" in path.read_text()
            subprocess.run([sys.executable, str(path)] + (["--quick"] if quick else []),
                           check=False)
    if args.json:
        for r in results.values():  # the load objects as their figures
            for k, v in list(r.items()):
                if isinstance(v, MachineLoad):
                    r[k] = v.figures()
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
