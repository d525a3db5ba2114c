"""Corpus identities: one identity per person across articles, whatever the ingest order."""
from __future__ import annotations

import itertools
import json
import subprocess
import sys

import pytest

from dateline.corpus import identities, people
from dateline.corpus.ingest import delete_article, store_article
from dateline.corpus.names import name_key
from dateline.corpus.search import quotes
from dateline.corpus.store import Store
from dateline.types import Article, Entity, Quote


def person(name, *, titles=(), gender=None, aliases=(), mentions=1):
    return Entity(name, "PERSON", titles=list(titles), mentions=mentions, aliases=list(aliases),
                  gender=gender)


def article(id, day, entities, quotes_=(), title=None):
    words = " ".join(f"word{id}{i}" for i in range(30))
    return Article(id=id, title=title or f"Story {id}", published=f"2031-03-{day:02d}",
                   body=f"Text about {id}. {words}", entities=list(entities),
                   quotes=list(quotes_))


TRUMP = [
    article("a1", 3, [person("Trump", gender="male")],
            [Quote("We will win", speaker="Trump", speaker_mention="Trump", cue="said")]),
    article("a2", 4, [person("Donald Trump", titles=["President"], aliases=["Trump"])]),
    article("a3", 5, [person("President Trump", titles=["President"])]),
]
OBAMA = [
    article("b1", 10, [person("Barack Obama", gender="male")]),
    article("b2", 11, [person("Michelle Obama", gender="female")]),
]


def build(path, articles):
    with Store.open(path, write=True) as store, store.transaction():
        for a in articles:
            store_article(store, a, a.id)


def listing(path):
    with Store.open(path) as store:
        return {p["name"]: (p["articles"], sorted(a["alias"] for a in p["aliases"]))
                for p in people.people(store, limit=None)}


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "dateline.cli", *args], capture_output=True,
                          text=True, check=True)


def test_name_keys_fold_accents_hyphens_titles_and_middle_initials():
    assert name_key("François Hollande").key == name_key("Francois Hollande").key
    assert name_key("Kim Jong-un").key == name_key("Kim Jong Un").key
    assert name_key("Rex W. Tillerson").key == "rex tillerson"
    assert name_key("President Trump").key == "trump"
    assert name_key("Donald Trump Jr.").key != name_key("Donald Trump").key
    assert name_key("Justin Timberlake Justin Timberlake").key == "justin timberlake"


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_trump_three_ways_is_one_person_in_any_order(tmp_path, order):
    db = tmp_path / "c.db"
    build(db, [TRUMP[i] for i in order])
    found = listing(db)
    assert found == {"Donald Trump": (3, ["Donald Trump", "President Trump", "Trump"])}
    with Store.open(db) as store:
        one = people.person(store, "president trump")
        assert one["name"] == "Donald Trump" and one["quotes"] == 1
        assert [q["text"] for q in quotes(store, speaker="Donald")] == ["We will win"]


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_barack_and_michelle_obama_stay_two(tmp_path, order):
    db = tmp_path / "c.db"
    build(db, [OBAMA[i] for i in order])
    assert set(listing(db)) == {"Barack Obama", "Michelle Obama"}


def test_an_ambiguous_surname_stays_unlinked_and_gender_decides(tmp_path):
    db = tmp_path / "c.db"
    build(db, OBAMA + [article("b3", 12, [person("Obama")]),
                       article("b4", 12, [person("Obama", gender="female")])])
    found = listing(db)
    assert found["Barack Obama"][0] == 1 and found["Michelle Obama"][0] == 2
    assert "Obama" not in found  # the unresolved one is not listed as a third person


def test_a_name_most_articles_type_as_an_organisation_is_not_a_person(tmp_path):
    db = tmp_path / "c.db"
    org = [article(f"o{i}", 20 + i, [Entity("Vellcom", "ORG", mentions=2)]) for i in range(3)]
    build(db, org + [article("o9", 25, [person("Vellcom", gender="male")]),
                     article("o8", 25, [person("Zorbo Quax")])])  # no person evidence
    assert listing(db) == {}


def test_relink_and_replacement_give_the_same_identities(tmp_path):
    db = tmp_path / "c.db"
    build(db, TRUMP + OBAMA)
    before = listing(db)
    with Store.open(db, write=True) as store:
        assert identities.relink(store)["articles"] == 5
    assert listing(db) == before
    with Store.open(db, write=True) as store, store.transaction():
        assert delete_article(store, "a2", "now")
    with Store.open(db) as store:
        rows = store.conn.execute("SELECT count(*) FROM person_links").fetchone()[0]
    assert rows == 4
    assert listing(db)["Barack Obama"] == (1, ["Barack Obama"])


def test_cli_people_json_and_relink(tmp_path):
    db = tmp_path / "c.db"
    build(db, TRUMP)
    out = run_cli("relink", "--db", str(db), "--json")
    assert json.loads(out.stdout) == {"articles": 3, "identities": 1}
    out = run_cli("people", "--relink", "--db", str(db), "--json")
    row = json.loads(out.stdout.splitlines()[0])
    assert row["name"] == "Donald Trump" and row["articles"] == 3
    assert {a["alias"] for a in row["aliases"]} == {"Donald Trump", "President Trump", "Trump"}


def test_person_evidence_reads_the_people_stage_reasons():
    from dateline.corpus.identities import person_evidence

    nk = name_key("Vellcom")
    assert not person_evidence({"name": "Vellcom", "type_evidence": ["model", "speaker"]}, nk)
    assert person_evidence({"name": "Vellcom", "type_evidence": ["model", "honorific"]}, nk)
    assert not person_evidence({"name": "Vellcom", "type_evidence": ["given name", "the"]}, nk)
    assert not person_evidence({"name": "Vellcom", "gender": "female",
                                "type_evidence": ["surname", "given name alone"]}, nk)
    assert person_evidence({"name": "Vellcom", "gender": "female"}, nk)
    assert person_evidence({"name": "Anna Vellcom"}, name_key("Anna Vellcom"))
    assert not person_evidence({"name": "Zorbo Quax"}, name_key("Zorbo Quax"))


@pytest.mark.parametrize("order", [(0, 1, 2), (2, 1, 0)])
def test_quote_rows_show_the_identity_name_and_keep_the_mention(tmp_path, order):
    path = tmp_path / "c.db"
    build(path, [TRUMP[i] for i in order])
    with Store.open(path) as store:
        found = quotes(store)
    assert [(q["speaker"], q["speaker_mention"]) for q in found] == [("Donald Trump", "Trump")]


def test_export_of_quotes_shows_the_identity_name(tmp_path):
    from dateline.corpus.export import _quotes

    path = tmp_path / "c.db"
    build(path, TRUMP)
    with Store.open(path) as store:
        rows = list(_quotes(store))
    assert [(r["speaker"], r["speaker_mention"]) for r in rows] == [("Donald Trump", "Trump")]


def test_search_by_person_matches_any_alias_of_the_identity(tmp_path):
    from dateline.corpus.search import search

    path = tmp_path / "c.db"
    build(path, [article("k1", 3, [person("Kim Jong Un", gender="male")]),
                 article("k2", 4, [person("Kim Jong-un", aliases=["Kim"])]),
                 article("k3", 5, [person("Moon Jae-in")])])
    with Store.open(path) as store:
        assert identities.has_schema(store)
        ids = sorted(r["id"] for r in search(store, person="Kim Jong-un"))
        alone = sorted(r["id"] for r in search(store, person="Moon"))
    assert len(ids) == 2 and len(alone) == 1, (ids, alone)
