"""bench/run.py's helpers on tiny inputs: interleaved timing (wall and CPU), ratios, the
machine-load marker and the verdict (the benches themselves are run by `make bench`)."""
from __future__ import annotations

import importlib.util
import time
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[1] / "bench" / "run.py"
_spec = importlib.util.spec_from_file_location("bench_run", _PATH)
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)


def _spin(seconds: float) -> None:
    """Keep the CPU busy for ``seconds`` of this process's CPU time."""
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass


def test_interleaved_times_takes_turns_and_keeps_the_best_round():
    calls, cost = [], iter([0.03, 0.01, 0.02, 0.02, 0.04, 0.02])

    def fn(name):
        def run():
            calls.append(name)
            _spin(next(cost))
        return run

    best = bench.interleaved_times(3, {"a": fn("a"), "b": fn("b")})
    assert calls == ["a", "b", "a", "b", "a", "b"]
    wall_a, cpu_a = best["a"]
    wall_b, cpu_b = best["b"]
    assert 0.015 <= cpu_a < 0.03 and 0.005 <= cpu_b < 0.02  # the best of 0.03/0.02/0.04, 0.01/0.02/0.02
    assert wall_a >= cpu_a - 0.002 and wall_b >= cpu_b - 0.002


def test_cpu_time_leaves_out_sleeping_while_wall_time_counts_it():
    (wall, cpu), = bench.interleaved_times(1, {"sleep": lambda: time.sleep(0.05)}).values()
    assert wall >= 0.045 and cpu < 0.02


def test_interleaved_gives_the_wall_times():
    best = bench.interleaved(2, {"x": lambda: time.sleep(0.01)})
    assert set(best) == {"x"} and best["x"] >= 0.009
    assert bench.best_of(1, lambda: time.sleep(0.01)) >= 0.009


def test_ratios_per_article_and_against_the_reference():
    r = bench.ratios({"bare": (2.0, 1.0), "full": (3.0, 1.1)}, "bare", 10)
    assert r["bare_ms_per_article"] == pytest.approx(200.0)
    assert r["bare_cpu_ms_per_article"] == pytest.approx(100.0)
    assert r["full_ms_per_article"] == pytest.approx(300.0)
    assert r["full_ratio"] == pytest.approx(1.5)
    assert r["full_cpu_ratio"] == pytest.approx(1.1)
    assert "bare_ratio" not in r


def test_machine_load_counts_other_processes_not_its_own_work():
    with bench.MachineLoad(need=0.0) as load:
        _spin(0.2)  # this process's own work is not "other processes"
    assert load.others is None or load.others >= 0.0
    assert load.disturbed is False  # nothing is needed, so nothing can be missing
    figures = load.figures()
    assert figures["cpus"] == load.cpus and figures["disturbed"] is False
    assert "DISTURBED" not in str(load)


def test_machine_load_is_disturbed_when_fewer_cores_were_free_than_needed():
    with bench.MachineLoad(need=10_000) as load:  # more cores than any machine has
        pass
    assert load.disturbed is True
    assert str(load).endswith(": DISTURBED")
    assert bench.verdict(False, load) == "MISSED, disturbed run"
    assert bench.verdict(True, load) == "ok"


def test_verdict_without_load_is_a_plain_miss():
    assert bench.verdict(False) == "MISSED"


def test_stage_cpu_is_the_cpu_of_one_more_run_per_article():
    class Pipeline:
        stage_cpu = {"parse": 1.0, "people": 0.5}

    def run():
        Pipeline.stage_cpu = {"parse": 3.0, "people": 0.9}

    got = bench.stage_cpu(Pipeline, run, 4)
    assert got == pytest.approx({"parse": 500.0, "people": 100.0})
    assert bench.stage_cpu(object(), run, 4) == {}  # a pipeline that does not count


def _burn_in_a_grandchild(reaped) -> None:
    """Start a process that spins for 1 CPU s, join it (it is reaped here, not above), say so,
    then stay alive a while, as a pool's forkserver does."""
    import multiprocessing as mp

    child = mp.get_context("spawn").Process(target=_spin, args=(1.0,))
    child.start()
    child.join()
    reaped.set()
    time.sleep(5)


def test_tree_cpu_counts_a_worker_that_ended_under_another_process():
    """bench_distributed.tree_cpu: a pool's worker is reaped by its forkserver, not by the
    bench; its CPU must still count as the run's own, not as another process's load."""
    import multiprocessing as mp
    import sys

    sys.path.insert(0, str(_PATH.parent))  # bench_distributed imports run.py as `run`
    spec = importlib.util.spec_from_file_location(
        "bench_distributed", _PATH.parent / "bench_distributed.py")
    dist = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(dist)
    ctx = mp.get_context("spawn")
    reaped = ctx.Event()
    middle = ctx.Process(target=_burn_in_a_grandchild, args=(reaped,))
    before = dist.tree_cpu()
    middle.start()
    assert reaped.wait(60)
    grown = dist.tree_cpu() - before     # the grandchild has ended; the middle still lives
    middle.terminate()
    middle.join()
    assert grown >= 1.0, grown
