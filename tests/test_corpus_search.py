"""Queries over a corpus of invented articles (stored through the store API, no NLP):
search with filters, FTS syntax errors, quotes, people, failures, export."""
from __future__ import annotations

import csv
import io
import json

import pytest
from corpus_fixtures import TOPICS, make_articles, store_records

from dateline.corpus import export, people, search
from dateline.corpus.ingest import store_failure
from dateline.corpus.store import CorpusError, QueryError, Store


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    db = tmp_path_factory.mktemp("corpus") / "c.db"
    with Store.open(db, write=True) as store:
        keys = store_records(store, make_articles(per_topic=3))
        with store.transaction():
            store_failure(store, "input:broken.jsonl:3", "broken.jsonl:3",
                          "malformed JSON on line 3", "2031-03-20T10:00:00+00:00")
    with Store.open(db) as reader:
        yield reader, keys


def test_search_ranks_matching_articles_with_snippets(corpus):
    store, keys = corpus
    found = search.search(store, "violins")
    assert {r["input_id"] for r in found} == {f"orchestra-{i}" for i in range(3)}
    assert all("[violin" in r["snippet"].lower() or "[violins]" in r["snippet"].lower()
               for r in found)
    assert found[0]["score"] >= found[-1]["score"]
    assert search.search(store, '"harbour tunnel"')[0]["input_id"].startswith("bridge")
    assert search.search(store, "comet AND frost") == []
    assert {r["input_id"] for r in search.search(store, "comet OR frost")} == \
        {f"{t}-{i}" for t in ("comet", "harvest") for i in range(3)}
    assert len(search.search(store, "violin*", limit=2)) == 2
    assert len(search.search(store, "violin*", limit=2, offset=2)) == 1


@pytest.mark.parametrize("filters, topics", [
    ({"person": "Olsen"}, {"bridge"}),
    ({"person": "olsen"}, {"bridge"}),
    ({"org": "Philharmonic"}, {"orchestra"}),
    ({"place": "Port Ardley"}, {"ferry"}),
    ({"since": "2031-03-12"}, {"ferry", "election"}),
    ({"until": "2031-03-03"}, {"bridge"}),
    ({"since": "2031-03", "until": "2031-03-05"}, {"bridge", "orchestra"}),
    ({"person": "Galloway", "until": "2031-03-05"}, set()),
])
def test_search_filters_without_query(corpus, filters, topics):
    store, _ = corpus
    found = search.search(store, None, limit=None, **filters)
    assert {r["input_id"].rsplit("-", 1)[0] for r in found} == topics


def test_search_filter_by_source_and_story(corpus):
    store, _ = corpus
    found = search.search(store, None, source="harbourgazette", limit=None)
    assert found and all(r["source"] == "harbourgazette.example" for r in found)
    story = search.search(store, "comet")[0]["story"]
    assert {r["input_id"] for r in search.search(store, None, story=story)} == \
        {f"comet-{i}" for i in range(3)}


@pytest.mark.parametrize("query", ['"unclosed phrase', "comet AND", "(comet", "nosuch:column",
                                   "AND OR", "comet NEAR("])
def test_malformed_queries_get_a_clear_message(corpus, query):
    store, _ = corpus
    with pytest.raises(QueryError, match="cannot read the search query") as info:
        search.search(store, query)
    assert "sqlite" not in str(info.value).lower()
    with pytest.raises(QueryError):
        search.quotes(store, query)


@pytest.mark.parametrize("bad", ["yesterday", "2031-13-01", "2031-02-30", "31/03/2031"])
def test_bad_dates_are_refused(corpus, bad):
    store, _ = corpus
    with pytest.raises(CorpusError, match="not a date"):
        search.search(store, None, since=bad)


def test_quotes_by_speaker_and_words(corpus):
    store, _ = corpus
    by_speaker = search.quotes(store, speaker="Castellan", limit=None)
    assert len(by_speaker) == 3
    assert by_speaker[0]["text"].startswith("It is the brightest comet")
    assert by_speaker[0]["cue"] == "said" and by_speaker[0]["direct"] is True
    assert {q["speaker"] for q in search.quotes(store, "irreplaceable")} == {"Ilse Brandauer"}
    assert search.quotes(store, "irreplaceable", speaker="Olsen") == []
    assert len(search.quotes(store, limit=None)) == 3 * len(TOPICS)


def test_people_list_and_one_person(corpus):
    store, keys = corpus
    listed = people.people(store, limit=None)
    assert len(listed) == len(TOPICS)
    olsen = next(p for p in listed if p["name"] == "Marta Olsen")
    assert olsen == {"name": "Marta Olsen", "articles": 3, "mentions": 6,
                     "titles": [{"title": "the city engineer", "count": 3}], "quotes": 3,
                     "first_seen": "2031-03-02", "last_seen": "2031-03-04",
                     "aliases": [{"alias": "Marta Olsen", "count": 3}], "gender": None,
                     "id": olsen["id"]}
    assert [p["name"] for p in people.people(store, "galloway")] == ["Henrietta Galloway"]
    one = people.person(store, "henrietta galloway")
    assert one["articles"] == 3 and len(one["recent_quotes"]) == 3
    assert one["recent_articles"][0]["published"] == "2031-03-15"
    assert people.person(store, "Nobody Here") is None


def test_failures_are_listed(corpus):
    store, _ = corpus
    assert search.failures(store) == [{"id": "input:broken.jsonl:3", "input_id": "broken.jsonl:3",
                                       "error": "malformed JSON on line 3",
                                       "failed_at": "2031-03-20T10:00:00+00:00"}]


def test_article_by_corpus_id_or_input_id(corpus):
    store, keys = corpus
    record = search.article(store, keys["comet-1"])
    assert record["id"] == "comet-1" and record["corpus_id"] == keys["comet-1"]
    assert record["story"] is not None and record["entities"][0]["name"] == "Ravi Castellan"
    assert search.article(store, "comet-1") == record
    assert search.article(store, "no-such-id") is None


@pytest.mark.parametrize("what, count", [("articles", 18), ("quotes", 18), ("people", 6),
                                         ("stories", 6)])
def test_export_jsonl_and_csv(corpus, what, count):
    store, _ = corpus
    out = io.StringIO()
    assert export.export(store, what, "jsonl", out) == count
    items = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(items) == count
    out = io.StringIO()
    export.export(store, what, "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == count
    assert list(rows[0]) == [name for name, _ in export.COLUMNS[what]]
    if what == "articles":
        assert {"id", "story", "corpus_id", "body", "entities", "quotes"} <= set(items[0])
        assert json.loads(rows[0]["record"])["id"] == rows[0]["id"]
    if what == "stories":
        assert sum(i["size"] for i in items) == 18
        assert all(len(i["articles"]) == i["size"] for i in items)


def test_export_parquet(corpus, tmp_path):
    import pyarrow.parquet as pq

    store, _ = corpus
    for what, count in (("articles", 18), ("quotes", 18), ("people", 6), ("stories", 6)):
        path = tmp_path / f"{what}.parquet"
        assert export.export(store, what, "parquet", str(path)) == count
        table = pq.read_table(path)
        assert table.num_rows == count
        assert table.schema.names == [name for name, _ in export.COLUMNS[what]]


def test_export_refuses_unknown_kinds(corpus):
    store, _ = corpus
    with pytest.raises(CorpusError, match="unknown export format"):
        export.export(store, "articles", "xml", io.StringIO())
    with pytest.raises(CorpusError, match="cannot export"):
        export.export(store, "tweets", "jsonl", io.StringIO())
