"""The corpus commands as a user runs them: real subprocesses, invented articles.

Covers: ingesting twice gives the same counts; kill -9 in the middle of an ingest, then a
resume, leaves every article exactly once; search works while an ingest runs; FTS syntax
errors, damaged, locked and missing databases give one clear line and exit status 2."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from corpus_fixtures import make_articles, many_articles, write_jsonl

from dateline.corpus.store import Store

ENV = {k: v for k, v in os.environ.items() if k != "DATELINE_DB"}


def dateline(*args: str, env: dict | None = None, timeout: float = 300
             ) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dateline.cli", *map(str, args)],
                          capture_output=True, text=True, timeout=timeout, env=env or ENV)


def start(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "dateline.cli", *map(str, args)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)


def stored(db) -> int:
    try:
        with Store.open(db) as store:
            return store.counts()["articles"]
    except Exception:
        return 0


def wait_for_articles(db, proc: subprocess.Popen, minimum: int = 1, timeout: float = 240) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        n = stored(db)
        if n >= minimum:
            return n
        if proc.poll() is not None:
            pytest.fail(f"ingest ended before storing anything: {proc.stderr.read()}")
        time.sleep(0.1)
    pytest.fail("ingest stored nothing in time")


def assert_one_line_error(result: subprocess.CompletedProcess, text: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("dateline: error: "), result.stderr
    assert text in lines[0], lines[0]


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    folder = tmp_path_factory.mktemp("small")
    path = write_jsonl(folder / "news.jsonl", make_articles(per_topic=2))
    with open(path, "a", encoding="utf-8") as f:
        f.write(json.dumps({"id": "tiny", "text": "Too short."}) + "\n")
    return path


@pytest.fixture(scope="module")
def small_db(small, tmp_path_factory):
    db = tmp_path_factory.mktemp("db") / "c.db"
    result = dateline("ingest", small, "--db", db, "--json")
    assert result.returncode == 1, result.stderr  # one input failed
    return db, json.loads(result.stdout)


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    return write_jsonl(tmp_path_factory.mktemp("big") / "many.jsonl", many_articles(240))


def test_ingest_twice_gives_the_same_counts(small, small_db):
    db, first = small_db
    assert (first["new"], first["duplicate"], first["failed"]) == (12, 0, 1)
    assert first["corpus"]["articles"] == 12 and first["corpus"]["stories"] == 6
    again = dateline("ingest", small, "--db", db, "--json")
    assert again.returncode == 1
    second = json.loads(again.stdout)
    assert (second["new"], second["duplicate"], second["failed"]) == (0, 12, 1)
    assert second["corpus"] == first["corpus"]
    text = dateline("ingest", small, "--db", db)
    assert text.stdout.strip() == f"0 new, 12 duplicate, 1 failed; {db} holds 12 articles in " \
                                  "6 stories"
    assert "tiny: no article" in text.stderr


def test_default_database_comes_from_the_environment(small, tmp_path):
    db = tmp_path / "env.db"
    env = dict(ENV, DATELINE_DB=str(db))
    result = subprocess.run([sys.executable, "-m", "dateline.cli", "ingest", str(small),
                             "--json", "--stages", "load,clean,parse"], capture_output=True,
                            text=True, env=env, cwd=tmp_path, timeout=300)
    assert json.loads(result.stdout)["new"] == 12
    assert db.exists() and not (tmp_path / "dateline.db").exists()


@pytest.mark.slow
def test_kill_9_then_resume_stores_every_article_once(big, tmp_path):
    db = tmp_path / "c.db"
    proc = start("ingest", big, "--db", db, "--no-progress")
    try:
        wait_for_articles(db, proc)
        assert proc.poll() is None, "the ingest finished before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    partial = stored(db)
    assert 0 < partial < 240
    resumed = dateline("ingest", big, "--db", db, "--json")
    assert resumed.returncode == 0, resumed.stderr
    summary = json.loads(resumed.stdout)
    assert summary["new"] + summary["duplicate"] == 240
    assert summary["duplicate"] == partial
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*), count(DISTINCT input_id) FROM articles").fetchone() == \
        (240, 240)
    assert conn.execute("SELECT sum(size) FROM stories WHERE merged_into IS NULL").fetchone() == \
        (240,)
    assert conn.execute("SELECT count(*) FROM articles WHERE story IS NULL").fetchone() == (0,)
    conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()


@pytest.mark.slow
def test_search_works_while_an_ingest_runs(big, tmp_path):
    db = tmp_path / "c.db"
    proc = start("ingest", big, "--db", db, "--no-progress")
    try:
        wait_for_articles(db, proc)
        result = dateline("search", "report", "--db", db, "--json")
        still_running = proc.poll() is None
        assert result.returncode == 0, result.stderr
        assert len(result.stdout.splitlines()) >= 1
        stories = dateline("stories", "--db", db)
        assert stories.returncode == 0, stories.stderr
        assert still_running, "the ingest ended before the search; make the input larger"
        assert proc.wait(timeout=600) == 0, proc.stderr.read()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert stored(db) == 240


@pytest.mark.parametrize("query", ['"unclosed', "comet AND", "bad:column"])
def test_fts_syntax_error_is_one_clear_line(small_db, query):
    db, _ = small_db
    assert_one_line_error(dateline("search", query, "--db", db), "cannot read the search query")


def test_damaged_database_is_named(tmp_path):
    db = tmp_path / "notes.db"
    db.write_text("shopping list: bread, milk\n" * 100)
    for args in (["search", "comet"], ["stories"], ["export"], ["ingest", str(db)]):
        assert_one_line_error(dateline(*args, "--db", db), "is not a dateline database")


def test_truncated_database_is_named(small_db, tmp_path):
    db, _ = small_db
    broken = tmp_path / "broken.db"
    data = db.read_bytes()
    broken.write_bytes(data[:100] + b"\x00" * 50 + data[150:4096 * 3])
    result = dateline("search", "comet", "--db", broken)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "dateline: error: " in result.stderr


def test_locked_database_is_named(small, small_db, tmp_path):
    db, _ = small_db
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        assert_one_line_error(dateline("ingest", small, "--db", db),
                              "is locked by another process, try again")
        readable = dateline("stories", "--db", db)  # readers are not blocked by a writer
        assert readable.returncode == 0
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    copy = tmp_path / "exclusive.db"
    copy.write_bytes(db.read_bytes())
    holder = sqlite3.connect(copy, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        assert_one_line_error(dateline("search", "comet", "--db", copy),
                              "is locked by another process, try again")
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_missing_database_is_named(tmp_path):
    assert_one_line_error(dateline("stories", "--db", tmp_path / "none.db"), "no corpus at")
    assert not (tmp_path / "none.db").exists()


def test_reading_commands(small_db, tmp_path):
    db, _ = small_db
    listed = dateline("stories", "--db", db, "--json")
    stories = [json.loads(line) for line in listed.stdout.splitlines()]
    assert len(stories) == 6 and all(s["size"] == 2 for s in stories)
    story = dateline("story", stories[0]["id"], "--db", db)
    assert story.returncode == 0 and f"Story {stories[0]['id']}: " in story.stdout
    assert_one_line_error(dateline("story", "999999", "--db", db), "no story 999999")
    found = dateline("search", "violins", "--db", db)
    assert found.returncode == 0 and "Vellmar" in found.stdout
    failures = dateline("failures", "--db", db)
    assert failures.stdout.startswith("tiny: no article")
    for args in (["people"], ["quotes"], ["search", "--since", "2031-03-10"]):
        result = dateline(*args, "--db", db)
        assert result.returncode == 0, (args, result.stderr)
    assert_one_line_error(dateline("search", "--since", "soon", "--db", db), "not a date")
    out = tmp_path / "articles.jsonl"
    exported = dateline("export", "--db", db, "-o", out)
    assert exported.returncode == 0
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(records) == 12 and all(isinstance(r["story"], int) for r in records)
    assert {r["id"] for r in records} == {f"{t}-{i}" for t in
                                          ("bridge", "orchestra", "comet", "harvest", "ferry",
                                           "election") for i in range(2)}
    csv_out = dateline("export", "--db", db, "--format", "csv", "--what", "stories")
    assert csv_out.stdout.startswith("id,headline,size,first,last,people,articles")
