"""Issue 9, the corpus side: nothing lost, nothing silent. A setting that fails every input is
one error up front; one bad record costs only itself; kill -9 loses and doubles nothing; one
writer at a time; a read-only corpus is readable; exports never destroy the corpus and fail in
one line on a full disk; Parquet columns are typed; numeric arguments are checked."""
from __future__ import annotations

import fcntl
import json
import os
import random
import resource
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import pytest

from corpus_fixtures import make_articles, many_articles, write_jsonl
from dateline.corpus.search import MAX_COUNT, check_count, check_paging
from dateline.corpus.store import CorpusError, Store, storable, writer_lock
from test_corpus_cli import ENV, assert_one_line_error, dateline, start


@pytest.fixture(scope="module")
def news(tmp_path_factory):
    return write_jsonl(tmp_path_factory.mktemp("news") / "news.jsonl", make_articles(per_topic=2))


@pytest.fixture(scope="module")
def corpus(news, tmp_path_factory):
    db = tmp_path_factory.mktemp("corpus") / "c.db"
    result = dateline("ingest", news, "--db", db, "--json")
    assert result.returncode == 0, result.stderr
    return db


def stored_ids(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return [r[0] for r in conn.execute("SELECT input_id FROM articles")]
    finally:
        conn.close()


# ---- item 3: a setting that fails every input ---------------------------------------------------

def test_missing_model_is_one_error_and_stores_nothing(news, tmp_path):
    db = tmp_path / "c.db"
    result = dateline("ingest", news, "--db", db, "--model", "en_core_web_no_such_model")
    assert_one_line_error(result, "'en_core_web_no_such_model' is not installed")
    assert not db.exists() or stored_ids(db) == []
    if db.exists():
        assert sqlite3.connect(db).execute("SELECT count(*) FROM failures").fetchone()[0] == 0
    again = dateline("ingest", news, "--db", db, "--json")  # the right model: all analysed
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["new"] == len(make_articles(per_topic=2))


def test_run_errors_are_not_failures_of_the_input(news, tmp_path, monkeypatch):
    from dateline.corpus import ingest as ingest_module
    from dateline.errors import ModelError
    from dateline.stages import parse

    def broken(*_args, **_kw):
        raise ModelError("the model broke")

    monkeypatch.setattr(parse, "load_model", broken)
    db = tmp_path / "c.db"
    with pytest.raises(ModelError):
        ingest_module.ingest([str(news)], str(db))
    with Store.open(db) as store:
        assert store.counts()["failures"] == 0 and store.counts()["articles"] == 0


# ---- items 7, 8: one record that cannot be stored costs only itself ------------------------------

def test_storable_replaces_lone_surrogates_one_for_one():
    assert storable("a\ud800b\udfffc") == "a\ufffdb\ufffdc"
    assert storable("plain") == "plain" and storable(None) is None


def test_lone_surrogates_in_text_and_id_are_stored(tmp_path):
    good = make_articles(per_topic=1)[:2]
    bad = dict(good[0], id="bad\ud800id", text=good[0]["text"] + " He said \ud800 so.")
    path = tmp_path / "s.jsonl"
    with open(path, "w", encoding="utf-8", errors="surrogatepass") as f:
        for record in (good[1], bad, dict(good[0], id="after")):
            f.write(json.dumps(record) + "\n")  # json escapes the surrogate as \ud800
    db = tmp_path / "c.db"
    for _ in range(2):  # a rerun neither crashes nor doubles anything
        result = dateline("ingest", path, "--db", db, "--json")
        assert "Traceback" not in result.stderr and result.returncode in (0, 1), result.stderr
    ids = stored_ids(db)
    assert good[1]["id"] in ids and "after" in ids and len(ids) == len(set(ids))


def test_an_exception_storing_one_record_loses_no_other(news, tmp_path, monkeypatch):
    from dateline.corpus import ingest as ingest_module

    real = ingest_module.store_article
    victim = make_articles(per_topic=2)[1]["id"]

    def flaky(store, article, key, now=None):
        if article.id == victim:
            raise RecursionError("maximum recursion depth exceeded")
        return real(store, article, key, now)

    monkeypatch.setattr(ingest_module, "store_article", flaky)
    db = tmp_path / "c.db"
    summary = ingest_module.ingest([str(news)], str(db))
    assert summary.failed == 1 and summary.new == len(make_articles(per_topic=2)) - 1
    assert "RecursionError" in summary.failures[0]["error"]
    monkeypatch.setattr(ingest_module, "store_article", real)
    again = ingest_module.ingest([str(news)], str(db), retry=True)
    assert again.new == 1 and victim in stored_ids(db)


def test_a_reader_that_raises_costs_only_its_path(news, tmp_path, monkeypatch):
    from dateline.corpus import ingest as ingest_module

    real = ingest_module.iter_inputs

    def hostile(paths, stdin=None):
        if str(paths[0]).endswith("hostile.jsonl"):
            raise RecursionError("maximum recursion depth exceeded while decoding")
        return real(paths, stdin=stdin)

    monkeypatch.setattr(ingest_module, "iter_inputs", hostile)
    hostile_path = tmp_path / "hostile.jsonl"
    hostile_path.write_text("[" * 100_000 + "]" * 100_000 + "\n")
    db = tmp_path / "c.db"
    summary = ingest_module.ingest([str(hostile_path), str(news)], str(db))
    assert summary.new == len(make_articles(per_topic=2)) and summary.failed == 1
    assert "hostile.jsonl" in summary.failures[0]["input_id"]


# ---- item 9: numeric arguments ------------------------------------------------------------------

@pytest.mark.parametrize("value", [-1, MAX_COUNT + 1, 99999999999999999999, "12x", 1.5, True,
                                   "99999999999999999999"])
def test_check_count_refuses(value):
    with pytest.raises(CorpusError, match="offset must be a whole number from 0 to"):
        check_count(value, "offset")


def test_check_paging_reads_digits_and_none():
    assert check_paging("20", "0") == (20, 0)
    assert check_paging(None, None) == (None, 0)
    assert check_paging(5, MAX_COUNT) == (5, MAX_COUNT)


@pytest.mark.parametrize("args", [("search", "comet", "--offset", "99999999999999999999"),
                                  ("quotes", "--limit", "99999999999999999999"),
                                  ("stories", "--offset", "-5"),
                                  ("story", "99999999999999999999")])
def test_cli_numbers_too_big_are_one_line(corpus, args):
    assert_one_line_error(dateline(*args, "--db", corpus), "must be a whole number from 0 to")


def test_search_function_checks_its_own_numbers(corpus):
    from dateline.corpus.search import quotes, search

    with Store.open(corpus) as store:
        with pytest.raises(CorpusError):
            search(store, "bridge", offset=10 ** 20)
        with pytest.raises(CorpusError):
            quotes(store, limit=-2)
        assert search(store, None, offset=MAX_COUNT) == []


# ---- items 10, 15: export never destroys the corpus, full disk is one line ----------------------

def test_export_onto_the_corpus_is_refused(corpus, tmp_path):
    before = corpus.read_bytes()
    for target in (corpus, Path(str(corpus) + "-wal")):
        assert_one_line_error(dateline("export", "--db", corpus, "-o", target),
                              "it is the corpus")
    link = tmp_path / "link.db"
    link.symlink_to(corpus)
    assert_one_line_error(dateline("export", "--db", corpus, "-o", link), "it is the corpus")
    assert corpus.read_bytes() == before and stored_ids(corpus)


def _full_disk():
    """In the child: files may not grow past 36 KB (EFBIG, as a full disk gives ENOSPC); the
    reader's 32 KB -shm still fits, the exports (about 80 KB) do not."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (36_000, 36_000))


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_export_on_a_full_disk_is_one_line_and_keeps_the_old_file(corpus, tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    out.write_text("the old export")
    result = subprocess.run([sys.executable, "-m", "dateline.cli", "export", "--db", str(corpus),
                             "--format", fmt, "-o", str(out)], capture_output=True, text=True,
                            env=ENV, preexec_fn=_full_disk, timeout=300)
    assert_one_line_error(result, f"cannot write {out}")
    assert out.read_text() == "the old export"
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary file left


def test_export_to_a_full_stdout_is_one_line(corpus):
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "dateline.cli", "export", "--db",
                                 str(corpus)], stdout=full, stderr=subprocess.PIPE, text=True,
                                env=ENV, timeout=300)
    assert_one_line_error(result, "No space left on device")


# ---- item 21: typed Parquet, flat CSV -----------------------------------------------------------

def test_parquet_columns_are_typed_and_csv_is_flat(corpus, tmp_path):
    import csv

    import pyarrow as pa
    import pyarrow.parquet as pq

    for what in ("articles", "quotes", "people", "stories"):
        assert dateline("export", "--db", corpus, "--what", what, "--format", "parquet",
                        "-o", tmp_path / f"{what}.parquet").returncode == 0
        assert dateline("export", "--db", corpus, "--what", what, "--format", "csv",
                        "-o", tmp_path / f"{what}.csv").returncode == 0
    articles = pq.read_table(tmp_path / "articles.parquet")
    assert articles.schema.field("published").type == pa.date32()
    assert articles.schema.field("people").type == pa.list_(pa.string())
    days = [d for d in articles.column("published").to_pylist() if d]
    assert days and all(isinstance(d, date) for d in days)
    people = pq.read_table(tmp_path / "people.parquet")
    assert people.schema.field("titles").type == pa.list_(
        pa.struct([("title", pa.string()), ("count", pa.int64())]))
    assert people.schema.field("first_seen").type == pa.date32()
    stories = pq.read_table(tmp_path / "stories.parquet")
    assert stories.schema.field("articles").type == pa.list_(pa.string())
    assert all(stories.column("articles").to_pylist())
    quotes = pq.read_table(tmp_path / "quotes.parquet")
    assert "speaker_type" in quotes.schema.names and quotes.num_rows > 0
    assert set(quotes.column("speaker_type").to_pylist()) - {None} <= {"PERSON", "ORG", "GPE",
                                                                       "NORP"}
    with open(tmp_path / "articles.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert all(isinstance(json.loads(r["people"]), list) for r in rows)
    assert any(len(r["published"]) == 10 for r in rows)
    with open(tmp_path / "quotes.csv", encoding="utf-8", newline="") as f:
        assert "speaker_type" in csv.DictReader(f).fieldnames


# ---- item 16: one writer at a time --------------------------------------------------------------

def test_second_ingest_is_refused_while_the_first_runs(tmp_path):
    news = write_jsonl(tmp_path / "many.jsonl", many_articles(60, seed=3))
    db = tmp_path / "c.db"
    first = start("ingest", news, "--db", db, "--json")
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and first.poll() is None:
            if _locked(Path(f"{db}.lock")):
                break
            time.sleep(0.05)
        assert first.poll() is None, "the first ingest ended before the test could race it"
        second = dateline("ingest", news, "--db", db)
        assert_one_line_error(second, "is being written by another dateline ingest")
        assert "one writer at a time" in second.stderr
    finally:
        out, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    assert json.loads(out)["new"] == 60 and len(stored_ids(db)) == 60


def _locked(path: Path) -> bool:
    if not path.exists():
        return False
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


def test_writer_lock_is_released_and_reentrant_after(tmp_path):
    db = tmp_path / "c.db"
    with writer_lock(db):
        with pytest.raises(CorpusError, match="one writer at a time"):
            with writer_lock(db):
                pass
    with writer_lock(db):  # released when the first run ended
        pass


# ---- the fault test: kill -9 at random points, then resume --------------------------------------

def test_kill_9_at_random_points_loses_and_doubles_nothing(tmp_path):
    records = many_articles(48, seed=11)
    news = write_jsonl(tmp_path / "many.jsonl", records)
    db = tmp_path / "c.db"
    rng = random.Random(9)
    for trial in range(3):
        proc = start("ingest", news, "--db", db, "--no-progress")
        time.sleep(rng.uniform(1.0, 6.0) + trial)
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
        conn = sqlite3.connect(db)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            conn.close()
    result = dateline("ingest", news, "--db", db, "--json")
    assert result.returncode == 0, result.stderr
    ids = stored_ids(db)
    assert sorted(ids) == sorted(r["id"] for r in records)  # none lost, none doubled
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT value FROM meta WHERE key = 'articles'").fetchone()[0] == "48"
        fts = conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'the'"
                           ).fetchone()[0]
        assert fts == 48
    finally:
        conn.close()


# ---- item 17: a read-only corpus is readable ----------------------------------------------------

def test_read_only_copy_serves_searches(corpus, monkeypatch):
    """A copy with a-w on the file and its folder. As root (who ignores permissions) the
    permission check is made to answer as it would for another user, and the commands run in
    this process; otherwise they run as commands."""
    from dateline.cli import main

    folder = Path(tempfile.mkdtemp(prefix="dateline-ro-"))
    try:
        copy = folder / "c.db"
        shutil.copy(corpus, copy)
        copy.chmod(0o444)
        folder.chmod(0o555)
        root = os.geteuid() == 0
        if root:
            real_access = os.access
            monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if (
                mode & os.W_OK and str(p).startswith(str(folder))) else real_access(p, mode))
        before = sorted(p.name for p in folder.iterdir())
        for args in (("search", "bridge"), ("stories",), ("people",), ("quotes",),
                     ("failures",), ("export",), ("search", "bridge", "--json")):
            if root:
                assert main([*args, "--db", str(copy)]) == 0, args
            else:
                result = dateline(*args, "--db", copy)
                assert result.returncode == 0, (args, result.stderr)
        with Store.open(copy) as store:
            assert store.counts()["articles"] == len(stored_ids(corpus))
        assert sorted(p.name for p in folder.iterdir()) == before  # nothing written beside it
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


def test_immutable_when_asked(corpus):
    with Store.open(corpus, immutable=True) as store:
        assert store.counts()["articles"] > 0
        assert not store.writable
