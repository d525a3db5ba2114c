"""Stories and near-copies, through the store API on invented articles (no NLP here)."""
from __future__ import annotations

import json
import random

import pytest
from corpus_fixtures import TOPICS, make_articles, store_records, topic_of

from dateline.corpus import stories, timeline
from dateline.corpus.features import article_terms, entity_counts, fold, words
from dateline.corpus.ingest import store_article
from dateline.corpus.store import Store
from dateline.corpus.tuning import CANDIDATES


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "c.db", write=True) as s:
        yield s


def partition(store: Store) -> set[frozenset[str]]:
    groups: dict[int, set[str]] = {}
    for row in store.rows("SELECT input_id, story FROM articles"):
        groups.setdefault(row["story"], set()).add(row["input_id"])
    return {frozenset(g) for g in groups.values()}


def topic_partition(records: list[dict]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for r in records:
        groups.setdefault(r["topic"], set()).add(r["id"])
    return {frozenset(g) for g in groups.values()}


def test_terms_fold_plurals_and_drop_stop_words():
    assert fold("Bridges") == "bridge"
    assert fold("ferries") == "ferry"
    assert fold("Olsen’s") == "olsen"
    assert fold("crisis") == "crisis"
    assert words("It's 4.5 km, isn't it?") == ["It's", "4.5", "km", "isn't", "it"]
    terms = article_terms({"title": "The bridges are closed", "body": "", "entities": [
        {"name": "Marta Olsen", "type": "PERSON", "mentions": 3}]})
    assert "the" not in terms and "are" not in terms
    assert {"bridge", "closed"} <= set(terms)
    assert "@marta olsen" in entity_counts({"entities": [
        {"name": "Marta Olsén", "type": "PERSON", "mentions": 3}]})


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_each_event_is_one_story_whatever_the_order(store, seed):
    records = make_articles(per_topic=4, seed=seed)
    random.Random(seed).shuffle(records)
    store_records(store, records)
    assert partition(store) == topic_partition(records)
    assert store.counts()["stories"] == len(TOPICS)


def test_story_list_and_timeline(store):
    records = make_articles(per_topic=3)
    keys = store_records(store, records)
    listed = timeline.list_stories(store, sort="size", limit=None)
    assert len(listed) == len(TOPICS)
    bridge = next(s for s in listed if "bridge" in s["headline"].lower())
    assert bridge["size"] == 3 and bridge["sources"] == 3
    assert bridge["people"] == ["Marta Olsen"]
    assert bridge["first"] == "2031-03-02" and bridge["last"] == "2031-03-04"
    story = timeline.get_story(store, bridge["id"])
    assert [a["published"] for a in story["articles"]] == ["2031-03-02", "2031-03-03",
                                                          "2031-03-04"]
    assert {a["id"] for a in story["articles"]} == {keys[f"bridge-{i}"] for i in range(3)}
    assert story["articles"][0]["event"]["who"] == "Marta Olsen"
    assert story["articles"][0]["event"]["when_date"] == "2031-03-02"
    assert timeline.get_story(store, 999_999) is None
    assert timeline.list_stories(store, person="Olsen") == [bridge]
    assert timeline.list_stories(store, since="2031-03-12") == \
        [s for s in listed if s["last"] >= "2031-03-12"]


def test_merge_moves_articles_and_old_id_resolves(store):
    records = make_articles(per_topic=2)
    store_records(store, [r for r in records if r["topic"] in ("bridge", "comet")])
    ids = sorted(r["story"] for r in store.rows("SELECT DISTINCT story FROM articles"))
    assert len(ids) == 2
    with store.transaction():
        kept = stories.merge(store, ids[0], ids[1], "2031-01-01T00:00:00+00:00")
    gone = ids[1] if kept == ids[0] else ids[0]
    assert {r["story"] for r in store.rows("SELECT story FROM articles")} == {kept}
    story = timeline.get_story(store, gone)
    assert story["id"] == kept and story["merged_from"] == gone and story["size"] == 4
    assert store.one("SELECT count(*) FROM story_terms WHERE story = ?", (gone,))[0] == 0
    assert [s["id"] for s in timeline.list_stories(store)] == [kept]


def test_near_copy_points_at_the_earliest_original(store):
    rec = make_articles(per_topic=1, topics=[topic_of("ferry")])[0]
    copy = dict(rec, id="ferry-copy", title="Passengers rescued from grounded ferry",
                source="wire.example", published="2031-03-12",
                text=rec["text"].replace("rough seas", "heavy seas"))
    earlier = dict(rec, id="ferry-earliest", source="first.example", published="2031-03-10",
                   text=rec["text"].replace("rough seas", "choppy seas"))
    # make the bodies long enough to be judged as copies
    pad = " ".join(f"Paragraph detail {i} about the grounding and the rescue." for i in range(12))
    for r in (rec, copy, earlier):
        r["text"] += "\n" + pad
    keys = store_records(store, [rec, copy])
    row = store.one("SELECT duplicate_of, story FROM articles WHERE id = ?", (keys["ferry-copy"],))
    assert row["duplicate_of"] == keys[rec["id"]]
    original_story = store.one("SELECT story FROM articles WHERE id = ?", (keys[rec["id"]],))[0]
    assert row["story"] == original_story
    keys.update(store_records(store, [earlier]))
    dups = {r["id"]: r["duplicate_of"] for r in store.rows("SELECT id, duplicate_of FROM articles")}
    assert dups[keys["ferry-earliest"]] is None
    assert dups[keys[rec["id"]]] == keys["ferry-earliest"]
    assert dups[keys["ferry-copy"]] == keys["ferry-earliest"]


def test_heaviest_is_the_head_of_the_full_sort_ties_in_key_order():
    from dateline.corpus.features import heaviest

    rng = random.Random(2)
    for _ in range(300):
        # coarse weights: many ties, also across the k-th place
        weights = {f"t{rng.randrange(500)}": rng.choice([0.5, 1.0, 2.0, rng.random()])
                   for _ in range(rng.randrange(1, 80))}
        for k in (1, 5, 24, 100):
            expected = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:k]
            assert heaviest(weights, k) == expected
    assert heaviest({3: 0.5, 1: 0.5, 2: 0.9}, 2) == [(2, 0.9), (1, 0.5)]


def test_signatures_are_datasketchs_own_sha1_minhash():
    """The signature hashes its shingles in one go; the values are those of datasketch's
    MinHash with its own SHA-1 hash, one shingle at a time (so signatures stored by earlier
    versions still compare), with or without the body's words given."""
    import numpy as np
    from datasketch import MinHash

    from dateline.corpus import duplicates
    from dateline.corpus.tuning import NUM_PERM, SHINGLE_WORDS

    rng = random.Random(4)
    vocabulary = [f"w{i}" for i in range(40)] + ["Ölsen", "naïve", "Straße", "日本"]
    for length in (60, 200):
        body = " ".join(rng.choice(vocabulary) for _ in range(length))
        tokens = [w.lower() for w in words(body)]
        reference = MinHash(num_perm=NUM_PERM, seed=1)
        reference.update_batch([" ".join(tokens[i:i + SHINGLE_WORDS]).encode("utf-8")
                                for i in range(len(tokens) - SHINGLE_WORDS + 1)])
        expected = reference.hashvalues.astype(np.uint32)
        assert np.array_equal(duplicates.signature(body), expected)
        assert np.array_equal(duplicates.signature(body, words(body)), expected)
    assert duplicates.signature("too short to judge") is None


def test_short_bodies_are_never_copies(store):
    rec = make_articles(per_topic=1, topics=[topic_of("comet")])[0]
    short = dict(rec, text="Astronomers found a comet.")
    store_records(store, [dict(short, id="a"), dict(short, id="b", source="other.example")])
    assert store.one("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL")[0] == 0


def test_replacing_an_article_keeps_counts_consistent(store):
    records = make_articles(per_topic=3, topics=[topic_of("harvest")])
    keys = store_records(store, records)
    df_before = dict(store.rows("SELECT term, df FROM terms"))
    store_records(store, records[:1])  # same key: replaced, not added
    assert store.counts()["articles"] == 3
    assert dict(store.rows("SELECT term, df FROM terms")) == df_before
    (story,) = {r["story"] for r in store.rows("SELECT story FROM articles")}
    assert store.one("SELECT size FROM stories WHERE id = ?", (story,))[0] == 3
    assert keys[records[0]["id"]] in {r["id"] for r in store.rows("SELECT id FROM articles")}
    assert store.one("SELECT count(*) FROM quotes")[0] == 3
    with store.transaction():  # the FTS indexes follow the replaced rows
        store.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
        store.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('integrity-check')")
    assert store.one("SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH 'night'")[0] == 3


def test_removing_the_last_article_removes_its_story(store):
    from dateline.corpus.ingest import delete_article

    keys = store_records(store, make_articles(per_topic=1, topics=[topic_of("orchestra")]))
    with store.transaction():
        assert delete_article(store, next(iter(keys.values())), "now")
    assert store.counts() == {"articles": 0, "stories": 0, "failures": 0, "duplicates": 0}
    assert store.one("SELECT count(*) FROM story_terms")[0] == 0
    assert store.one("SELECT count(*) FROM terms")[0] == 0
    assert store.one("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'violins'")[0] == 0


def test_candidates_are_bounded_and_found_through_indexes(store):
    # many one-article stories sharing a common word: candidates stay bounded
    from dateline.types import Article

    with store.transaction():
        for i in range(80):
            art = Article(id=f"x{i}", title=f"Harbour report {i} zq{i}", published="2031-01-01",
                          body=f"The harbour report number zq{i} mentions cranes{i}.")
            store_article(store, art, f"key{i}")
    weights = stories.Weights(store, store.meta_int("articles"))
    vector = weights.vector(article_terms({"title": "Harbour report", "body": "harbour"}))
    assert 0 < len(stories.candidates(store, vector)) <= CANDIDATES
    plans = {
        "postings": (stories.CANDIDATES_SQL, ("harbour", 1, 64, 2, 16)),
        "lsh": ("SELECT article FROM lsh WHERE band = ? AND bucket = ? LIMIT 64", (0, 1)),
        "df": ("SELECT term, df FROM terms WHERE term IN (?, ?)", ("a", "b")),
    }
    for name, (sql, params) in plans.items():
        plan = " ".join(r[3] for r in store.rows("EXPLAIN QUERY PLAN " + sql, params))
        assert "SCAN st" not in plan and "SCAN lsh" not in plan and "SCAN terms" not in plan, \
            (name, plan)
        assert "USING" in plan, (name, plan)
        if name == "postings":  # one range of the postings' key, no story is read
            assert "USING PRIMARY KEY (term=? AND reach_to>?)" in plan, plan
            assert "stories" not in plan, plan


def test_a_young_corpus_asks_for_more_likeness():
    assert stories.threshold(0.2, 0) > stories.threshold(0.2, 100) > \
        stories.threshold(0.2, 1000) >= 0.2
    assert stories.threshold(0.2, 10_000) == pytest.approx(0.2)


def test_time_fades_likeness_far_outside_a_story():
    assert stories.time_factor(100, 100, 110) == 1.0
    assert stories.time_factor(None, 100, 110) == 1.0
    far = stories.time_factor(100 + 365, 100, 110)
    assert 0 <= far < stories.time_factor(100 + 60, 100, 110) <= 1.0
    # a story that keeps being reported reaches further
    assert stories.time_factor(200, 100, 110, size=20) > stories.time_factor(200, 100, 110)


# ---- issue 11: halves of an event, a year apart, rebuild, old ids ----------------------------

def _half(topic: dict, facts: list[str], day: str, i: int, title: str) -> dict:
    name, role = topic["person"]
    text = "\n".join(facts + [f"“{topic['quote']},” said {name}, {role}."])
    return {"id": f"{topic['slug']}-{day}-{i}", "title": title, "text": text, "published": day,
            "source": f"outlet{i}.example", "topic": topic["slug"]}


def halves() -> list[dict]:
    """One event told in two halves (different facts, the same people and place), and two
    articles that tell both."""
    topic = topic_of("bridge")
    facts, titles = topic["facts"], topic["titles"]
    first = [_half(topic, facts[:3], "2031-03-02", i, titles[0]) for i in range(3)]
    second = [_half(topic, facts[3:], "2031-03-04", 3 + i, titles[2]) for i in range(3)]
    both = [_half(topic, facts[i::2], "2031-03-05", 6 + i, titles[1]) for i in range(2)]
    return first + second + both


@pytest.mark.parametrize("seed", range(6))
def test_a_story_split_in_two_halves_meets_again_whatever_the_order(store, seed):
    records = halves()
    if seed == 0:  # the worst order: each half first, the articles that join them last
        pass
    else:
        random.Random(seed).shuffle(records)
    store_records(store, records)
    assert len(partition(store)) == 1, partition(store)


def test_two_events_a_year_apart_with_the_same_people_are_two_stories(store):
    topic = topic_of("bridge")
    name, role = topic["person"]
    first = make_articles(per_topic=3, topics=[topic])
    later = [dict(r, id=f"later-{i}", published="2032-03-0" + str(2 + i),
                  title=f"Kellport bridge reopens a year after closure, {name} says",
                  text="\n".join([
                      "The Kellport bridge reopened to traffic after a year of repairs.",
                      f"{name}, {role}, cut a ribbon as the first buses crossed the estuary.",
                      "The Kellport Transit Authority said new steel girders were fitted.",
                      f"“{topic['quote']},” said {name}."]))
             for i, r in enumerate(first)]
    store_records(store, first + later)
    assert partition(store) == {frozenset(r["id"] for r in first),
                                frozenset(r["id"] for r in later)}


def test_rebuild_gives_the_stories_of_a_fresh_ingest_and_old_ids_follow(store, tmp_path):
    from dateline.corpus.rebuild import rebuild

    records = make_articles(per_topic=3) + halves()
    random.Random(4).shuffle(records)
    store_records(store, records)
    before = partition(store)
    old_ids = {r["input_id"]: r["story"] for r in store.rows("SELECT input_id, story FROM articles")}
    with store.transaction():  # as after an upgrade: stored features from an older method
        store.execute("UPDATE articles SET terms = '{\"old\": 1.0}'")
        store.execute("UPDATE stories SET centroid = '{}'")
        done = rebuild(store, "2031-06-01T00:00:00+00:00")
    assert partition(store) == before
    assert done["stories"] == len(before) == store.counts()["stories"]
    with Store.open(tmp_path / "fresh.db", write=True) as fresh:
        store_records(fresh, records)
        assert partition(fresh) == before
        assert dict(fresh.rows("SELECT term, df FROM terms")) == \
            dict(store.rows("SELECT term, df FROM terms"))
    now = {r["input_id"]: r["story"] for r in store.rows("SELECT input_id, story FROM articles")}
    for input_id, old in old_ids.items():
        assert timeline.resolve(store, old) == now[input_id]
        assert timeline.get_story(store, old)["merged_from"] == old


def test_cli_rebuild_and_old_story_ids(tmp_path, capsys):
    import json

    from dateline.cli import main

    db = tmp_path / "c.db"
    with Store.open(db, write=True) as s:
        store_records(s, make_articles(per_topic=2))
        old = s.one("SELECT story FROM articles WHERE input_id = 'comet-0'")[0]
    assert main(["stories", "--rebuild", "--db", str(db)]) == 0
    out = capsys.readouterr()
    assert "rebuilt" in out.err and "2 articles" in out.out
    assert main(["story", str(old), "--db", str(db), "--json"]) == 0
    story = json.loads(capsys.readouterr().out)
    assert story["merged_from"] == old and story["id"] != old
    assert {a["input_id"] for a in story["articles"]} == {"comet-0", "comet-1"}



#: The tables that grow with the corpus: no statement of the story step may read all of one.
BIG_TABLES = ("articles", "stories", "story_terms", "terms", "lsh", "signatures", "entities")


def test_every_statement_of_the_story_step_goes_through_an_index(store):
    """Every statement run while articles are stored, replaced and merged into stories (caught
    by SQLite's trace hook with its values) is planned again with EXPLAIN QUERY PLAN: none
    scans a whole table that grows with the corpus."""
    statements: list[str] = []
    records = halves() + make_articles(per_topic=3)  # each half first: they meet by a merge
    store.conn.set_trace_callback(statements.append)
    try:
        store_records(store, records)
        store_records(store, records[:2])  # the same keys again: replaced (taken out, put back)
    finally:
        store.conn.set_trace_callback(None)
    assert store.one("SELECT count(*) FROM stories WHERE merged_into IS NOT NULL")[0] > 0
    checked = set()
    for sql in statements:
        head = sql.lstrip().split(None, 1)[0].upper() if sql.strip() else ""
        if head not in ("SELECT", "UPDATE", "DELETE") or sql in checked:
            continue
        checked.add(sql)
        plan = [r[3] for r in store.rows("EXPLAIN QUERY PLAN " + sql)]
        scans = [step for step in plan if step.startswith("SCAN ")
                 and step.split()[1] in BIG_TABLES and "USING" not in step]
        assert not scans, (sql, plan)
    assert any("story_terms" in sql for sql in checked)
    assert any("merged_into" in sql for sql in checked)
    assert any("DELETE FROM terms" in sql for sql in checked)


def test_postings_are_each_storys_heaviest_terms_with_its_size_and_reach(store):
    """After stories are started, grown, merged and articles replaced: every live story has
    exactly the postings of its centroid's heaviest terms, once each, with its weight, size and
    reach (what the candidate look-up reads); merged stories have none."""
    records = halves() + make_articles(per_topic=3)
    store_records(store, records)
    store_records(store, records[:3])  # replaced: taken out of their stories, put back
    assert store.one("SELECT count(*) FROM stories WHERE merged_into IS NOT NULL")[0] > 0
    assert store.one("SELECT count(*) FROM (SELECT 1 FROM story_terms GROUP BY term, story "
                     "HAVING count(*) > 1)")[0] == 0
    live = store.rows("SELECT id, size, first_day, last_day, centroid FROM stories "
                      "WHERE merged_into IS NULL")
    assert len(live) > 1
    for row in live:
        expected = stories._postings(json.loads(row["centroid"]))
        low, high = stories._reach(dict(row))
        got = {r["term"]: (r["weight"], r["size"], r["reach_from"], r["reach_to"])
               for r in store.rows("SELECT * FROM story_terms WHERE story = ?", (row["id"],))}
        assert got == {t: (w, row["size"], low, high) for t, w in expected.items()}, row["id"]
    assert store.one("SELECT count(*) FROM story_terms WHERE story NOT IN "
                     "(SELECT id FROM stories WHERE merged_into IS NULL)")[0] == 0


def test_the_headline_is_the_most_representative_title_whatever_the_order(tmp_path):
    """Four articles of one event: the headline is the title of the article most like the rest
    (the highest average likeness), the same one in every order, never the first or the latest
    stored as such, and never the odd title of words no other article uses."""
    topic = topic_of("bridge")
    facts, name = topic["facts"], topic["person"][0]
    records = [
        {"id": "full", "title": "Kellport bridge closed after crack found in main span",
         "published": "2031-03-02", "source": "a.example",
         "text": "\n".join(facts + [f"{name} said the span would stay shut."])},
        {"id": "part1", "title": "Engineers shut cracked Kellport bridge", "published":
         "2031-03-02", "source": "b.example", "text": "\n".join(facts[:3])},
        {"id": "part2", "title": "Inspectors check the Kellport bridge span", "published":
         "2031-03-03", "source": "c.example", "text": "\n".join(facts[3:])},
        {"id": "odd", "title": "Motorists fume", "published": "2031-03-03",
         "source": "d.example", "text": "\n".join(facts[1:3] + facts[4:5])},
    ]
    records = [dict(r, topic="bridge") for r in records] + make_articles(
        per_topic=3, topics=[t for t in TOPICS if t["slug"] != "bridge"])
    headlines = set()
    for seed in range(4):
        random.Random(seed).shuffle(records)
        with Store.open(tmp_path / f"h{seed}.db", write=True) as store:
            store_records(store, records)
            assert {"full", "part1", "part2", "odd"} in partition(store), partition(store)
            story = store.one("SELECT s.id, s.headline FROM stories s JOIN articles a ON "
                              "a.story = s.id WHERE a.input_id = 'full'")
            weights = stories.Weights(store, store.meta_int("articles"))
            loaded = stories._load(store, story["id"])
            central = {r["title"]: stories.likeness(weights.vector(json.loads(r["terms"])), loaded)
                       for r in store.rows("SELECT title, terms FROM articles WHERE story = ?",
                                           (story["id"],))}
        headlines.add(story["headline"])
        assert story["headline"] == max(central, key=central.get), (seed, central)
    assert len(headlines) == 1 and "Motorists fume" not in headlines, headlines
