"""`dateline ingest DIR`: a corpus loaded from a Parquet dataset of analysed records gives the
same articles, people and stories as a direct ingest of the same inputs; a damaged partition
costs only itself; a rerun adds nothing twice; a folder that is not a dataset is refused."""
from __future__ import annotations

import json
import subprocess
import sys

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from corpus_fixtures import make_articles, write_jsonl

from dateline.batch import iter_inputs, run
from dateline.corpus.bulk import DatasetError, load_dataset
from dateline.corpus.export import COLUMNS, export
from dateline.corpus.ingest import content_key, ingest
from dateline.corpus.store import Store
from dateline.options import Options
from dateline.types import Failure

TIMESTAMPS = ("ingested_at", "failed_at", "updated_at")


@pytest.fixture(scope="module")
def analysed(tmp_path_factory):
    """Fixture inputs (with a copy of one article, a near-copy and one that fails), their
    JSON Lines file, and (content key, analysed record | Failure) for each, in input order."""
    folder = tmp_path_factory.mktemp("bulk")
    records = make_articles(per_topic=3)
    copy = dict(records[0], id="bridge-copy", title="Bridge copy: " + records[0]["title"])
    records += [dict(records[1]), copy, {"id": "tiny", "text": "Too short."}]
    path = write_jsonl(folder / "news.jsonl", records)
    items = list(iter_inputs([str(path)]))
    keys = [content_key(a) for a in items]
    results = list(run(items, Options()))
    return path, list(zip(keys, results))


def write_dataset(folder, parts: dict[str, list], done: dict[str, bool] | None = None):
    """A dataset in the layout of a partitioned run: records and failures per partition."""
    (folder / "records").mkdir(parents=True)
    (folder / "failures").mkdir()
    names = [name for name, _ in COLUMNS["articles"]]
    for name, items in parts.items():
        rows = [{**dict.fromkeys(names), "id": r.id, "corpus_id": key, "title": r.title,
                 "body": r.body, "record": json.dumps(r.to_dict(), ensure_ascii=False)}
                for key, r in items if not isinstance(r, Failure)]
        schema = pa.schema([(n, pa.string()) for n in names if n not in ("story", "people",
                                                                           "published")])
        pq.write_table(pa.Table.from_pylist([{k: v for k, v in r.items() if k in schema.names}
                                             for r in rows], schema=schema),
                       folder / "records" / f"{name}.parquet")
        fails = [{"id": r.id, "error": r.error, "skipped": bool(r.skipped), "input": "x"}
                 for _, r in items if isinstance(r, Failure)]
        pq.write_table(pa.Table.from_pylist(fails, schema=pa.schema(
            [("id", pa.string()), ("error", pa.string()), ("skipped", pa.bool_()),
             ("input", pa.string())])), folder / "failures" / f"{name}.parquet")
    manifest = {"format": "dateline-dataset", "version": 1, "partitions": {
        name: {"records": len(items), "done": (done or {}).get(name, True)}
        for name, items in parts.items()}}
    (folder / "manifest.json").write_text(json.dumps(manifest))
    return folder


def exported(db, tmp_path, what: str) -> list[dict]:
    out = tmp_path / f"{what}.jsonl"
    with Store.open(db) as store:
        export(store, what, "jsonl", str(out))
    items = [json.loads(line) for line in out.read_text().splitlines()]
    for item in items:
        for name in TIMESTAMPS:
            item.pop(name, None)
    return items


def corpus(db, tmp_path) -> dict:
    with Store.open(db) as store:
        fails = sorted((r["input_id"], r["error"]) for r in store.rows(
            "SELECT input_id, error FROM failures"))
        counts = store.counts()
        fts = store.rows("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'Kellport'"
                         )[0][0]
        quotes = store.rows("SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH 'girder'"
                            )[0][0]
        check = store.rows("PRAGMA integrity_check")[0][0]
        triggers = sorted(r[0] for r in store.rows(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'"))
    return {"articles": exported(db, tmp_path, "articles"),
            "people": exported(db, tmp_path, "people"),
            "stories": exported(db, tmp_path, "stories"),
            "failures": [f[0].rsplit(":", 1)[-1] if ":" in f[0] else f[0] for f in fails],
            "counts": counts, "fts": (fts, quotes), "integrity": check, "triggers": triggers}


def test_ingest_dir_gives_the_corpus_of_a_direct_ingest(analysed, tmp_path):
    path, items = analysed
    direct = tmp_path / "direct.db"
    summary = ingest([str(path)], direct)
    assert (summary.new, summary.duplicate, summary.failed) == (19, 1, 1)
    dataset = write_dataset(tmp_path / "ds", {"part-a": items[:7], "part-b": items[7:]})
    bulk = tmp_path / "bulk.db"
    loaded = load_dataset(dataset, bulk)
    assert (loaded.new, loaded.duplicate, loaded.failed) == (19, 1, 1)
    assert loaded.copies == summary.copies >= 1
    want, got = corpus(direct, tmp_path), corpus(bulk, tmp_path)
    assert got["articles"] == want["articles"]
    assert got["stories"] == want["stories"]
    assert got["people"] == want["people"]
    assert got["counts"] == want["counts"]
    assert got["fts"] == want["fts"] and got["fts"][0] > 0 and got["fts"][1] > 0
    assert got["failures"] == ["tiny"] and want["failures"] == ["tiny"]
    assert got["integrity"] == "ok"
    assert got["triggers"] == want["triggers"] and len(got["triggers"]) == 4
    assert any(a["duplicate_of"] for a in got["articles"])  # the near-copy was found
    assert len({a["story"] for a in got["articles"]}) < len(got["articles"])


def test_rerun_adds_nothing_and_resumes(analysed, tmp_path):
    _, items = analysed
    bulk = tmp_path / "bulk.db"
    first = write_dataset(tmp_path / "one", {"part-a": items[:7], "part-b": items[7:]},
                          done={"part-b": False})
    half = load_dataset(first, bulk)
    assert half.new == 7
    full = write_dataset(tmp_path / "two", {"part-a": items[:7], "part-b": items[7:]})
    rest = load_dataset(full, bulk)
    assert (rest.new, rest.duplicate) == (12, 8)
    again = load_dataset(full, bulk)
    assert (again.new, again.duplicate) == (0, 20)
    direct = tmp_path / "direct.db"
    load_dataset(full, direct)
    assert corpus(bulk, tmp_path)["articles"] == corpus(direct, tmp_path)["articles"]
    with Store.open(bulk) as store:
        assert store.counts()["articles"] == 19
        assert store.rows("SELECT count(*) FROM failures")[0][0] == 1


def test_damaged_partition_costs_only_itself(analysed, tmp_path):
    _, items = analysed
    dataset = write_dataset(tmp_path / "ds", {"good": items[:7], "bad": items[7:14],
                                              "hostile": items[14:]})
    (dataset / "records" / "bad.parquet").write_bytes(b"PAR1" + b"\x00garbage" * 100 + b"PAR1")
    table = pa.table({"id": ["h1", "h2", "h3"],
                      "record": ["[" * 100000 + "]" * 100000, '{"id": 5, "body": 7}',
                                 json.dumps({"id": "sur", "title": "x\ud800y",
                                             "body": "Lone \ud800 surrogate."})]})
    pq.write_table(table, dataset / "records" / "hostile.parquet")
    errors: list[str] = []
    summary = load_dataset(dataset, tmp_path / "c.db", on_error=errors.append)
    assert len(errors) == 1 and "bad.parquet" in errors[0] and "\n" not in errors[0]
    assert summary.new == 7 + 1  # the good partition and the surrogate record
    reasons = {f["input_id"]: f["error"] for f in summary.failures if "input_id" in f}
    assert set(reasons) == {"h1", "h2", "tiny"}  # tiny: the failures file of "hostile"
    with Store.open(tmp_path / "c.db") as store:
        assert store.rows("SELECT title FROM articles WHERE input_id = 'h3'")[0][0] == "x\ufffdy"
        assert store.rows("PRAGMA integrity_check")[0][0] == "ok"
    result = subprocess.run([sys.executable, "-m", "dateline.cli", "ingest", str(dataset),
                             "--db", str(tmp_path / "d.db"), "--no-progress"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    lines = [x for x in result.stderr.splitlines() if "bad.parquet" in x]
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert "8 new" in result.stdout


def test_not_a_dataset(tmp_path):
    with pytest.raises(DatasetError, match="not a dateline dataset"):
        load_dataset(tmp_path, tmp_path / "c.db")
    (tmp_path / "records").mkdir()
    (tmp_path / "manifest.json").write_text('{"format": "something-else"}')
    with pytest.raises(DatasetError, match="not a dateline dataset"):
        load_dataset(tmp_path, tmp_path / "c.db")
    result = subprocess.run([sys.executable, "-m", "dateline.cli", "ingest", str(tmp_path),
                             "--db", str(tmp_path / "c.db")], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "not a dateline dataset" in result.stderr
    (tmp_path / "manifest.json").write_text(json.dumps(
        {"format": "dateline-dataset", "version": 1, "partitions": {"../../etc": {"done": True}}}))
    with pytest.raises(DatasetError, match="not a file name"):
        load_dataset(tmp_path, tmp_path / "c.db")
    (tmp_path / "manifest.json").write_text(json.dumps(
        {"format": "dateline-dataset", "version": 1, "partitions": {"p": {"done": False}}}))
    result = subprocess.run([sys.executable, "-m", "dateline.cli", "ingest", str(tmp_path),
                             "--db", str(tmp_path / "c.db")], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 2 and "no records in the done partitions" in result.stderr
    result = subprocess.run([sys.executable, "-m", "dateline.cli", "ingest", str(tmp_path),
                             "--db", str(tmp_path / "c.db"), "--force"], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 2 and "--force does not apply" in result.stderr


def test_a_load_stopped_mid_chunk_keeps_whole_chunks_and_resumes(analysed, tmp_path,
                                                                 monkeypatch):
    from dateline.corpus import bulk

    _, items = analysed
    dataset = write_dataset(tmp_path / "ds", {"part-a": items[:10], "part-b": items[10:]})
    calls = []
    real = bulk.place_article

    def dies_at_the_twelfth(*args, **kwargs):
        calls.append(1)
        if len(calls) == 12:
            raise SystemExit("killed")  # not an error of the record: the run stops
        return real(*args, **kwargs)

    monkeypatch.setattr(bulk, "CHUNK_ROWS", 5)
    monkeypatch.setattr(bulk, "place_article", dies_at_the_twelfth)
    db = tmp_path / "c.db"
    with pytest.raises(SystemExit):
        load_dataset(dataset, db)
    half = corpus(db, tmp_path)
    assert half["counts"]["articles"] == 10  # two whole chunks of five, not the third's two
    assert half["triggers"] == sorted(bulk._TRIGGER_NAMES) and half["integrity"] == "ok"
    monkeypatch.setattr(bulk, "place_article", real)
    rest = load_dataset(dataset, db)
    assert (rest.new, rest.duplicate) == (9, 11)
    whole = tmp_path / "whole.db"
    load_dataset(dataset, whole)
    assert corpus(db, tmp_path) == corpus(whole, tmp_path)


def test_ingest_on_dask_gives_the_corpus_of_a_local_ingest(analysed, tmp_path):
    """`ingest INPUTS --dask local -j 2` = a partitioned run beside the corpus, then its load."""
    from dateline.cli import main

    path, _ = analysed
    local, remote = tmp_path / "local.db", tmp_path / "dask.db"
    assert main(["ingest", str(path), "--db", str(local), "--no-progress"]) == 1  # "tiny" fails
    assert main(["ingest", str(path), "--db", str(remote), "--no-progress", "--dask", "local",
                 "-j", "2", "--partition-size", "2000"]) == 1
    manifest = json.loads((tmp_path / "dask.db.dataset" / "manifest.json").read_text())
    assert len(manifest["partitions"]) > 2                   # it really ran in partitions
    want, got = corpus(local, tmp_path), corpus(remote, tmp_path)
    for part in ("articles", "stories", "people", "counts", "fts", "integrity", "triggers"):
        assert got[part] == want[part], part
    assert [a["corpus_id"] for a in got["articles"]] == [a["corpus_id"] for a in want["articles"]]
    # a rerun resumes the dataset and adds nothing
    assert main(["ingest", str(path), "--db", str(remote), "--no-progress", "--dask", "local",
                 "-j", "2", "--partition-size", "2000"]) == 1
    assert corpus(remote, tmp_path)["counts"] == want["counts"]
