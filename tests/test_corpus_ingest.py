"""Ingest in process, through the real pipeline, on invented articles: idempotence, duplicates,
failures, --force and --retry."""
from __future__ import annotations

import json

import pytest
from corpus_fixtures import make_articles, write_jsonl

from dateline.corpus.ingest import content_key, ingest
from dateline.corpus.search import failures
from dateline.corpus.store import Store
from dateline.types import Article


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("inputs")
    path = write_jsonl(folder / "news.jsonl", make_articles(per_topic=3))
    with open(path, "a", encoding="utf-8") as f:
        f.write('{"id": "broken", "text": \n')                       # malformed JSON
        f.write(json.dumps({"id": "tiny", "text": "Too short."}) + "\n")  # no article text
    return path


def snapshot(db) -> dict:
    with Store.open(db) as store:
        return {"counts": store.counts(),
                "articles": sorted((r["id"], r["input_id"], r["story"]) for r in store.rows(
                    "SELECT id, input_id, story FROM articles")),
                "stories": sorted(tuple(r) for r in store.rows(
                    "SELECT id, size, first, last FROM stories WHERE merged_into IS NULL"))}


def test_ingesting_twice_stores_everything_once(inputs, tmp_path):
    db = tmp_path / "c.db"
    seen = []
    first = ingest([str(inputs)], db, progress=seen.append)
    assert (first.new, first.duplicate, first.failed) == (18, 0, 2)
    assert sum(seen) == 20
    before = snapshot(db)
    assert before["counts"]["articles"] == 18
    assert before["counts"]["stories"] == 6
    second = ingest([str(inputs)], db)
    assert (second.new, second.duplicate, second.failed) == (0, 18, 2)
    assert snapshot(db) == before
    with Store.open(db) as store:
        reasons = {f["input_id"]: f["error"] for f in failures(store)}
    assert set(reasons) == {f"{inputs}:19", "tiny"}
    assert "malformed JSON" in reasons[f"{inputs}:19"]
    assert "no article" in reasons["tiny"]


def test_repeated_input_is_a_duplicate(inputs, tmp_path):
    db = tmp_path / "c.db"
    summary = ingest([str(inputs), str(inputs)], db)
    # the second copy of each input is a duplicate, the failed "tiny" one included; the
    # malformed line has no content to compare, so it fails twice
    assert (summary.new, summary.duplicate, summary.failed) == (18, 19, 3)
    assert snapshot(db)["counts"]["articles"] == 18


def test_force_replaces_and_keeps_the_stories(inputs, tmp_path):
    db = tmp_path / "c.db"
    ingest([str(inputs)], db)
    before = snapshot(db)
    forced = ingest([str(inputs)], db, force=True)
    assert (forced.new, forced.replaced, forced.duplicate) == (0, 18, 0)
    after = snapshot(db)
    assert after["counts"] == before["counts"]
    assert {a[:2] for a in after["articles"]} == {a[:2] for a in before["articles"]}
    groups = lambda snap: {frozenset(a[1] for a in snap["articles"] if a[2] == s)  # noqa: E731
                           for s in {a[2] for a in snap["articles"]}}
    assert groups(after) == groups(before)


def test_retry_re_analyses_earlier_failures(inputs, tmp_path):
    db = tmp_path / "c.db"
    ingest([str(inputs)], db)
    with Store.open(db, write=True) as store, store.transaction():
        store.execute("UPDATE failures SET error = 'stale reason' WHERE input_id = 'tiny'")
    again = ingest([str(inputs)], db)
    assert again.failed == 2
    with Store.open(db) as store:
        assert {f["error"] for f in failures(store) if f["input_id"] == "tiny"} == {"stale reason"}
    retried = ingest([str(inputs)], db, retry=True)
    assert retried.failed == 2
    with Store.open(db) as store:
        assert "no article" in next(f["error"] for f in failures(store)
                                    if f["input_id"] == "tiny")


def test_content_key_covers_text_and_metadata():
    a = Article(id="1", raw="Same text.", title="One")
    b = Article(id="2", raw="Same text.", title="One")
    c = Article(id="1", raw="Same text.", title="Two")
    d = Article(id="1", raw=b"Same text.", title="One")
    assert content_key(a) == content_key(b) == content_key(d)
    assert content_key(a) != content_key(c)
    assert content_key(Article(id="x", raw="Same text.")) != content_key(a)


def test_workers_give_the_same_corpus(inputs, tmp_path):
    from dateline.options import Options

    one, two = tmp_path / "one.db", tmp_path / "two.db"
    ingest([str(inputs)], one)
    summary = ingest([str(inputs)], two, Options(workers=2, batch_size=4))
    assert (summary.new, summary.failed) == (18, 2)
    assert snapshot(one) == snapshot(two)
