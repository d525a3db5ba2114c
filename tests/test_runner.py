"""Partitioned runs (issue 12): a Parquet dataset per run, the same records as a local
`dateline analyze`, resumable, idempotent, and whole when a Dask worker is killed midway."""
import json
import os
import re
import signal
import time

import pyarrow.parquet as pq
import pytest

from dateline.cli import main
from dateline.errors import DatelineError
from dateline.options import Options
from dateline.runner import choose, run_partitioned
from dateline.runner.partitions import list_inputs, read, split

STORY = ("Port reopens after storm\n\nThe city's port reopened on {day} after a storm closed it "
         "for three days, the harbour authority said. Ships waiting offshore began to unload, "
         "and Mayor Jane Smith said the town would recover quickly from the damage.")
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SMALL = 300   # bytes per JSON Lines partition: a few lines each


def write_inputs(root):
    """A JSON Lines file (ids given and not, a blank line, a malformed line, a too-short text)
    and a folder of text files (one empty)."""
    root.mkdir()
    lines = []
    for i, day in enumerate(DAYS):
        lines.append(json.dumps({"id": f"j{i}" if i % 2 else None,
                                 "text": STORY.format(day=day)}))
        if i == 2:
            lines += ["", "{not json"]
    lines.append(json.dumps({"text": "Too short."}))
    (root / "crawl.jsonl").write_text("\n".join(lines) + "\n")
    texts = root / "texts"
    texts.mkdir()
    for i, day in enumerate(DAYS[:3]):
        (texts / f"t{i}.txt").write_text(STORY.format(day=day).replace("storm", f"storm {i}"))
    (texts / "empty.txt").write_text("")
    write_warc(root / "pages.warc.gz")
    return [str(root / "crawl.jsonl"), str(texts), str(root / "pages.warc.gz")]


def write_warc(path):
    """A web archive: one HTML page, one image (passed over), one more page."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=True)
        for i, (ctype, body) in enumerate([
                ("text/html", f"<html><head><title>Dam</title></head><body><article><p>"
                              f"{STORY.format(day='Friday')}</p></article></body></html>"),
                ("image/png", "\x89PNG"),
                ("text/html", f"<html><body><article><p>{STORY.format(day='Sunday')} The mayor "
                              "spoke again.</p></article></body></html>")]):
            http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"http://news.example/{i}", "response", http_headers=http,
                payload=io.BytesIO(body.encode())))


def local_records(paths, tmp_path):
    out = tmp_path / "local.jsonl"
    assert main(["analyze", *paths, "-o", str(out), "--no-progress"]) == 1   # some failed
    return [json.loads(line) for line in out.read_text().splitlines()]


def dataset(out):
    records = pq.read_table(out / "records").to_pylist()
    failures = pq.read_table(out / "failures").to_pylist()
    return records, failures


def assert_same_as_local(out, local):
    records, failures = dataset(out)
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids)), "a record is in the dataset twice"
    stored = {r["id"]: json.loads(r["record"]) for r in records}
    # each row carries the corpus key a direct ingest gives the same input (as an export does)
    assert all(re.fullmatch(r"[0-9a-f]{16}", r["corpus_id"] or "") and
               stored[r["id"]].pop("corpus_id") == r["corpus_id"] for r in records)
    assert stored == {r["id"]: r for r in local if "error" not in r}
    assert {f["id"]: f["error"] for f in failures} == \
        {r["id"]: r["error"] for r in local if "error" in r}
    assert not [p for p in out.rglob(".*") if p.is_file()], "a temporary file was left"


@pytest.fixture(scope="module")
def cluster():
    from dateline.runner.cluster import close, connect

    client = connect("local", 2)       # the LocalCluster of `--dask local -j 2`
    yield client
    close(client)


def test_partitions_own_the_lines_that_start_in_their_range(tmp_path):
    paths = write_inputs(tmp_path / "in")
    parts = split(list_inputs(paths), SMALL)
    ranges = [p for p in parts if p.end is not None and p.paths == (paths[0],)]
    assert any(p.end is not None and p.paths == (paths[2],) for p in parts)   # the WARC too
    assert len(ranges) > 3 and [p.start for p in ranges][1:] == [p.end for p in ranges][:-1]
    read_back = [item.id for p in ranges for _, item in read(p, 10_000)]
    whole = [item.id for p in split(list_inputs(paths[:1]), 1 << 20) for _, item in read(p, 10_000)]
    assert read_back == whole and len(whole) == 9     # every line once, with its line number
    assert [p.name for p in split(list_inputs(paths), SMALL)] == [p.name for p in parts]


def test_a_partitioned_run_on_dask_holds_the_records_of_a_local_analyze(tmp_path, cluster):
    paths = write_inputs(tmp_path / "in")
    local = local_records(paths, tmp_path)
    out = tmp_path / "ds"
    summary = run_partitioned(paths, str(out), Options(), dask=cluster, partition_bytes=SMALL)
    assert_same_as_local(out, local)
    assert summary.done == summary.partitions > 3 and summary.skipped == 0 and not summary.errors
    assert (summary.records, summary.failures) == (
        sum("error" not in r for r in local), sum("error" in r for r in local))
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["format"] == "dateline-dataset" and manifest["version"] == 1
    assert all(e["done"] for e in manifest["partitions"].values())
    assert pq.read_schema(out / "records" / (next(iter(manifest["partitions"])) + ".parquet")) \
        .names[:3] == ["corpus_id", "id", "story"]

    # a rerun after deleting one partition's output redoes that one only
    victim = sorted(manifest["partitions"])[1]
    (out / "records" / f"{victim}.parquet").unlink()
    redone = []
    again = run_partitioned(paths, str(out), Options(), dask=cluster, partition_bytes=SMALL,
                            on_partition=lambda name, result: redone.append(name))
    assert redone == [victim] and again.skipped == summary.partitions - 1
    assert_same_as_local(out, local)


def test_a_worker_killed_midway_leaves_no_duplicate_or_partial_record(tmp_path, cluster):
    paths = write_inputs(tmp_path / "in")
    local = local_records(paths, tmp_path)
    pids = set(cluster.run(os.getpid).values())
    killed = []

    def kill_one(name, result):
        if not killed:   # the first partition is done: the other worker is inside its next one
            victim = max(cluster.processing().items(), key=lambda kv: len(kv[1]))
            pid = cluster.run(os.getpid, workers=[victim[0]])[victim[0]]
            os.kill(pid, signal.SIGKILL)
            killed.append((pid, victim[1]))

    out = tmp_path / "ds"
    summary = run_partitioned(paths, str(out), Options(), dask=cluster, partition_bytes=SMALL,
                              on_partition=kill_one)
    assert killed and killed[0][0] in pids and killed[0][1], "no worker was killed mid-task"
    assert summary.done == summary.partitions and not summary.errors
    assert_same_as_local(out, local)
    deadline = time.monotonic() + 60          # the nanny replaces the worker: later tests run
    while len(cluster.scheduler_info()["workers"]) < 2 and time.monotonic() < deadline:
        time.sleep(0.5)
    assert killed[0][0] not in set(cluster.run(os.getpid).values())


def test_running_twice_gives_the_same_files_in_a_process_and_in_a_pool(tmp_path):
    paths = write_inputs(tmp_path / "in")
    one, two = tmp_path / "one", tmp_path / "two"
    run_partitioned(paths, str(one), Options(), partition_bytes=SMALL)
    run_partitioned(paths, str(two), Options(workers=2), partition_bytes=SMALL)
    files = sorted(p.relative_to(one) for p in one.rglob("*.parquet"))
    assert files and files == sorted(p.relative_to(two) for p in two.rglob("*.parquet"))
    for name in files + [one / "manifest.json"]:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


def test_a_folder_that_is_not_a_dataset_or_holds_an_input_is_refused(tmp_path, capsys):
    paths = write_inputs(tmp_path / "in")
    with pytest.raises(DatelineError, match="not empty and holds no dateline dataset"):
        run_partitioned(paths[:1], str(tmp_path / "in" / "texts"), Options())
    with pytest.raises(DatelineError, match="inside the output folder"):
        run_partitioned(paths, str(tmp_path / "in"), Options())
    out = tmp_path / "ds"
    out.mkdir()
    (out / "manifest.json").write_text('{"format": "something else"}')
    with pytest.raises(DatelineError, match="not a dateline dataset"):
        run_partitioned(paths, str(out), Options())
    (out / "manifest.json").write_text(json.dumps(
        {"format": "dateline-dataset", "version": 1, "options": {}, "partitions": {}}))
    assert main(["analyze", *paths, "--out", str(out), "--no-progress"]) == 2
    assert "made with other options" in capsys.readouterr().err
    assert main(["analyze", "-", "--out", str(tmp_path / "new"), "--no-progress"]) == 2
    assert "not standard input" in capsys.readouterr().err
    assert main(["analyze", *paths, "--out", str(tmp_path / "new"), "-o", "x.jsonl"]) == 2
    assert "-o cannot go with --out" in capsys.readouterr().err


def test_the_command_line_runs_and_resumes_a_partitioned_run(tmp_path, capsys):
    paths = write_inputs(tmp_path / "in")
    out = str(tmp_path / "ds")
    args = ["analyze", *paths, "--out", out, "--partition-size", str(SMALL), "--no-progress",
            "--stages", "load,clean"]
    assert main(args) == 1                   # some inputs failed: empty, too short, not JSON
    first = capsys.readouterr().err.strip().splitlines()[-1]
    assert first.startswith("dateline: ") and " partitions, 12 analysed, 3 failed → " in first
    assert main(args) == 1
    assert "done before" in capsys.readouterr().err


def test_the_runners_agree_on_records():
    from dateline.api import make_article
    from dateline.types import Failure

    def items():   # fresh ones each time: the pipeline lets go of an article's raw input
        return [make_article(STORY.format(day="Monday"), id="a"), Failure("b", "unreadable"),
                make_article(b"", id="c")]

    here = [r.to_dict() for r in choose(Options()).records(items())]
    with choose(Options(workers=2)) as pool:
        assert [r.to_dict() for r in pool.records(items())] == here
    assert [r["id"] for r in here] == ["a", "b", "c"] and here[2]["error"] == "empty input"


def test_object_storage_through_fsspec_in_and_out(tmp_path):
    """fsspec's in-memory filesystem stands for s3:// and the like: the inputs are listed and
    read by byte range there, and the dataset is written there."""
    import fsspec

    memory = fsspec.filesystem("memory")
    lines = [json.dumps({"id": f"m{i}", "text": STORY.format(day=day)})
             for i, day in enumerate(DAYS)] + ["{broken"]
    memory.pipe("/runner-test/in/crawl.jsonl", ("\n".join(lines) + "\n").encode())
    options = Options(stages=("load", "clean"))
    try:
        summary = run_partitioned(["memory://runner-test/in/*.jsonl"], "memory://runner-test/ds",
                                  options, partition_bytes=SMALL)
        assert summary.partitions > 3 and summary.done == summary.partitions
        records = pq.read_table("/runner-test/ds/records", filesystem=memory).to_pylist()
        failures = pq.read_table("/runner-test/ds/failures", filesystem=memory).to_pylist()
        assert sorted(r["id"] for r in records) == [f"m{i}" for i in range(len(DAYS))]
        (failure,) = failures                 # the broken line, named by its URL and line
        assert failure["input"].startswith("memory://") and \
            failure["input"].endswith("/runner-test/in/crawl.jsonl")
        assert failure["id"] == f"{failure['input']}:{len(DAYS) + 1}" and not failure["skipped"]
        again = run_partitioned(["memory://runner-test/in/*.jsonl"], "memory://runner-test/ds",
                                options, partition_bytes=SMALL)
        assert again.skipped == summary.partitions and again.done == 0
    finally:
        memory.rm("/runner-test", recursive=True)


def test_ingest_dir_and_a_direct_ingest_store_the_same_failure_rows(tmp_path, capsys):
    """Inputs that cannot be read (a broken JSON line) and inputs the pipeline refuses (empty,
    too short) get the same failure rows, keyed alike, loaded from a dataset or ingested."""
    from dateline.corpus.store import Store

    paths = write_inputs(tmp_path / "in")
    (tmp_path / "in" / "texts" / "tiny.txt").write_text("Too short.")
    (tmp_path / "in" / "texts" / "tiny copy.txt").write_text("Too short.")   # the same input
    options = ["--stages", "load,clean", "--no-progress"]
    direct, loaded, out = tmp_path / "direct.db", tmp_path / "loaded.db", tmp_path / "ds"
    assert main(["ingest", *paths, "--db", str(direct), *options]) == 1
    said = capsys.readouterr().out
    assert main(["analyze", *paths, "--out", str(out), "--partition-size", str(SMALL),
                 *options]) == 1
    assert main(["ingest", str(out), "--db", str(loaded), "--no-progress"]) == 1
    assert said.startswith("12 new, 2 duplicate, 3 failed;")   # the copies of "Too short."
    assert capsys.readouterr().out.startswith("12 new, 2 duplicate, 3 failed;")

    def rows(db):
        with Store.open(db) as store:
            return sorted(tuple(r) for r in store.rows(
                "SELECT id, input_id, error FROM failures"))

    want = rows(direct)
    assert len(want) == 3 and {r[2] for r in want} >= {"empty input"}
    assert any(r[0].startswith("input:") for r in want)              # the broken line
    assert any(re.fullmatch(r"[0-9a-f]{16}", r[0]) for r in want)    # refused by the pipeline
    assert rows(loaded) == want


def test_the_local_cluster_workers_run_with_the_measured_settings(cluster):
    """`--dask local` workers: glibc's adaptive memory trimming left alone (Dask's nanny would set
    MALLOC_TRIM_THRESHOLD_), the profiler off, the event-loop check every second."""
    import dask

    def settings():
        return (os.environ.get("MALLOC_TRIM_THRESHOLD_"),
                dask.config.get("distributed.worker.profile.enabled"),
                dask.config.get("distributed.admin.tick.interval"))

    assert set(cluster.run(settings).values()) == {(None, False, "1s")}
