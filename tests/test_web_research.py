"""`dateline serve` as a research tool and as a guarded server: totals, facets, histogram, the
CSV/JSON Lines download, marked article text, entity pages; the Host check, HEAD, the body
bound, analyses apart from reads, unknown parameters, ids with "/", the bind before "serving".
Over a small corpus of articles written for these tests (ingested once per module)."""
from __future__ import annotations

import csv
import io
import json
import socket
import subprocess
import sys
import time

import httpx
import pytest
from fastapi.testclient import TestClient

from dateline.corpus.ingest import ingest
from dateline.web import create_app

HOSTILE = "<script>alert('x')</script><img src=x onerror=alert(2)> <a href=\"javascript:alert(3)\">"
ARTICLES = [
    {"id": "feeds/2024/bridge-1.txt", "title": "Mayor Jane Holloway opens new bridge in Riverton",
     "published": "2024-03-04", "source": "Riverton Gazette",
     "text": "RIVERTON (Gazette) - Mayor Jane Holloway opened the new Elm Street bridge on Monday "
             "after two years of construction.\n\n"
             "\"This bridge connects our neighbourhoods again,\" Holloway said at the ceremony.\n\n"
             "The Riverton City Council approved the project in 2021 at a cost of 12 million "
             "dollars. Council member Tom Baker said the bridge would cut commuting times.\n\n"
             "\"We kept our promise to the east side,\" Baker said."},
    {"id": "bridge-2", "title": "Riverton bridge draws crowds on first weekend",
     "published": "2024-03-10", "source": "Valley News",
     "text": "RIVERTON - Thousands of residents walked across the new Elm Street bridge over the "
             "weekend, a week after Mayor Jane Holloway opened it.\n\n"
             "\"I have waited years for this,\" said Maria Lopez, a teacher who lives on the east "
             "side.\n\nThe bridge replaces a crossing closed in 2019 after engineers found "
             "cracks. Holloway said bridge traffic would be counted for a year.\x02odd\x03 end."},
    {"id": "hostile", "title": HOSTILE + " Harbour festival returns",
     "published": "2024-02-20", "source": "Coast <b>Herald</b>", "url": "javascript:alert(1)",
     "text": "PORTSEA - The harbour festival returned to Portsea on Saturday after a four-year "
             "break, drawing boats and visitors from across the coast. " + HOSTILE + "\n\n"
             "\"The harbour is alive again,\" said festival director Ruth Chandler as the first "
             "ships sailed in.\n\nThe Portsea Harbour Board said more than 40 boats had "
             "registered for the weekend parade on the bridge."},
]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("webr")
    source = folder / "articles.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    path = str(folder / "corpus.db")
    assert ingest([str(source)], path).new == 3
    return path


@pytest.fixture(scope="module")
def client(db) -> TestClient:
    return TestClient(create_app(db, allow_hosts=("testserver",)), raise_server_exceptions=False)


def error_of(response, status: int) -> str:
    assert response.status_code == status, response.text[:300]
    body = response.json()
    assert set(body) == {"error"} and body["error"]["status"] == status
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'none'" in response.headers["content-security-policy"]
    return body["error"]["message"]


# ---- search as research -------------------------------------------------------------------------

def test_total_facets_and_histogram(client):
    body = client.get("/api/articles", params={"q": "bridge", "limit": 1, "facets": "true"}).json()
    assert body["total"] == 3 and len(body["results"]) == 1 and body["next_offset"] == 1
    assert body["facets_partial"] is False
    sources = {f["value"]: f["count"] for f in body["facets"]["source"]}
    assert sources == {"Riverton Gazette": 1, "Valley News": 1, "Coast <b>Herald</b>": 1}
    people = {f["value"]: f["count"] for f in body["facets"]["person"]}
    assert people.get("Jane Holloway") == 2
    assert {f["value"] for f in body["facets"]["date"]} == {"2024-03", "2024-02"}
    bars = body["histogram"]["bars"]
    assert body["histogram"]["by"] == "day" and sum(b["count"] for b in bars) == 3
    assert bars[0]["date"] == "2024-02-20" and bars[-1]["date"] == "2024-03-10"
    narrowed = client.get("/api/articles", params={"q": "bridge", "source": "Valley"}).json()
    assert narrowed["total"] == 1


def test_every_list_has_a_total(client):
    for url in ("/api/people", "/api/quotes", "/api/stories", "/api/failures"):
        body = client.get(url, params={"limit": 1}).json()
        assert isinstance(body["total"], int) and body["total"] >= len(body["results"]), url
    everyone = client.get("/api/people", params={"limit": 100}).json()
    assert everyone["total"] == len(everyone["results"])


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_download_is_the_whole_result(client, fmt):
    response = client.get("/api/articles", params={"q": "bridge", "format": fmt, "limit": 1})
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(response.text)))
    else:
        rows = [json.loads(line) for line in response.text.splitlines()]
    assert len(rows) == 3 and {r["source"] for r in rows} >= {"Valley News"}


def test_download_of_a_bad_query_is_a_400(client):
    error_of(client.get("/api/articles", params={"q": '"open', "format": "csv"}), 400)


def test_search_page_has_total_facets_chart_and_removable_filters(client):
    html = client.get("/", params={"q": "bridge", "source": "Valley News"}).text
    assert "1 article" in html and "<svg" in html and 'class="bar"' in html
    assert 'aria-label="Remove filter source: Valley News"' in html
    assert 'href="/?q=bridge"' in html  # removing the source filter
    assert "format=csv" in html and "format=jsonl" in html


# ---- the article page and entity pages ----------------------------------------------------------

def test_article_text_is_marked_escaped_and_linked(client):
    html = client.get("/articles/hostile").text
    assert "<script>alert" not in html and "onerror=alert(2)>" not in html
    assert "&lt;script&gt;" in html and 'href="javascript' not in html
    assert 'class="ent person" href="/people/Ruth%20Chandler"' in html
    assert 'class="quote"' in html


def test_article_ids_with_a_slash(client):
    record = client.get("/api/articles/feeds/2024/bridge-1.txt")
    assert record.status_code == 200 and record.json()["id"] == "feeds/2024/bridge-1.txt"
    assert client.get("/articles/feeds%2F2024%2Fbridge-1.txt").status_code == 200
    assert client.get("/articles/feeds/2024/bridge-1.txt").status_code == 200


def test_control_marks_in_a_body_never_become_mark(client):
    body = client.get("/api/articles", params={"q": "odd"}).json()
    assert body["total"] == 1
    html = client.get("/", params={"q": "odd"}).text
    assert html.count("<mark>") == html.count("</mark>") >= 1
    assert "<mark>odd</mark>" in html and "\x02" not in html and "\x03" not in html


def test_person_org_place_and_speaker_pages(client):
    person = client.get("/people/Jane%20Holloway")
    assert person.status_code == 200 and "<svg" in person.text
    assert "Named in the same articles" in person.text
    api = client.get("/api/people/Jane Holloway").json()
    assert api["articles"] == 2 and "cooccurring" in api and api["attention"]["bars"]
    orgs = client.get("/api/articles/bridge-2").json()["entities"]
    for e in orgs:
        kind = {"PERSON": "people", "ORG": "orgs", "GPE": "places", "LOC": "places",
                "FAC": "places"}.get(e["type"])
        if kind:
            assert client.get(f"/{kind}/" + e["name"].replace("/", "%2F")).status_code == 200
    assert client.get("/orgs/Nothing%20Such").status_code == 404
    error_of(client.get("/api/places/Nowhere At All"), 404)


# ---- the guards ---------------------------------------------------------------------------------

def test_host_header_is_checked(db):
    app = create_app(db)  # bound to 127.0.0.1: loopback names only
    local = TestClient(app, base_url="http://127.0.0.1:8000")
    assert local.get("/api/health").status_code == 200
    assert TestClient(app, base_url="http://localhost").get("/api/health").status_code == 200
    evil = TestClient(app, base_url="http://attacker.example")
    assert "attacker.example" in error_of(evil.get("/api/health"), 400)
    page = evil.get("/")
    assert page.status_code == 400 and "text/html" in page.headers["content-type"]


def test_head_answers_like_get(client):
    for url in ("/", "/api/health", "/articles/bridge-2", "/api/articles?q=bridge"):
        head, get = client.head(url), client.get(url)
        assert head.status_code == get.status_code == 200, url
        assert head.content == b"" and head.headers["content-type"] == get.headers["content-type"]


def test_request_body_is_bounded(db):
    small = TestClient(create_app(db, allow_hosts=("testserver",), max_body=1000))
    message = error_of(small.post("/api/analyze", json={"text": "x" * 5000}), 413)
    assert "1000" in message

    def chunks():  # no content-length: the bound holds while reading
        for _ in range(10):
            yield b"x" * 500
    error_of(small.post("/api/analyze", content=chunks(),
                        headers={"content-type": "application/json"}), 413)


def test_crash_is_a_500_with_the_headers(db, monkeypatch):
    from dateline.corpus import search
    app = TestClient(create_app(db, allow_hosts=("testserver",)), raise_server_exceptions=False)
    monkeypatch.setattr(search, "failures", lambda *a, **k: 1 / 0)
    assert "internal error" in error_of(app.get("/api/failures"), 500)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_reads_answer_while_80_analyses_are_asked(db):
    """A real server on loopback, 80 concurrent real analyses asked: beyond one running and
    four waiting they get a 429 at once, and a read keeps answering meanwhile."""
    import asyncio

    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "dateline.cli", "serve", "--db", db,
                               "--port", str(port)], stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    text = ARTICLES[0]["text"]
    try:
        for _ in range(200):
            try:
                httpx.get(base + "/api/health", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)

        async def load():
            async with httpx.AsyncClient(base_url=base, timeout=120) as http:
                posts = [asyncio.create_task(http.post("/api/analyze", json={"text": text}))
                         for _ in range(80)]
                await asyncio.sleep(0.5)
                times = []
                for _ in range(5):
                    started = time.perf_counter()
                    health = await http.get("/api/health")
                    times.append(time.perf_counter() - started)
                    assert health.status_code == 200
                return [p.status_code for p in await asyncio.gather(*posts)], times
        statuses, times = asyncio.run(load())
        assert statuses.count(200) >= 5 and statuses.count(429) >= 60, statuses
        assert set(statuses) <= {200, 429}
        assert max(times) < 2.0, times
    finally:
        server.terminate()
        server.wait(10)


def test_serve_on_a_port_in_use_says_only_why(db):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        run = subprocess.run([sys.executable, "-m", "dateline.cli", "serve", "--db", db,
                              "--port", str(port)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 2
    assert "serving" not in run.stderr and f"cannot serve on 127.0.0.1:{port}" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1


def test_marked_text_nests_spans_and_drops_crossing_ones():
    from dateline.web.markup import marked_paragraphs

    body = "Ann <b>Lee</b> said \"go now\" on Monday.\n\nSecond & last."
    record = {"body": body,
              "entities": [{"name": "Ann <b>Lee</b>", "type": "PERSON",
                            "spans": [{"start": 0, "end": 14}]},
                           {"name": "Crossing", "type": "ORG",
                            "spans": [{"start": 10, "end": 24}]}],  # crosses the quote
              "quotes": [{"start": 20, "end": 29, "speaker": "Ann <b>Lee</b>"}],
              "times": [{"start": 33, "end": 39, "date": "2024-03-04"}],
              "events": [{"who": {"start": 0, "end": 14, "source": "body"},
                          "when": {"start": 99, "end": 120, "source": "body"}}]}
    first, second = (str(p) for p in marked_paragraphs(record))
    assert "<b>" not in first and "&lt;b&gt;Lee&lt;/b&gt;" in first
    assert '<span class="w w-who" title="who"><a class="ent person" ' \
           'href="/people/Ann%20%3Cb%3ELee%3C%2Fb%3E"' in first
    assert "Crossing" not in first and 'class="quote"' in first
    assert 'href="/?since=2024-03-04&amp;until=2024-03-04"' in first
    assert second == "Second &amp; last."


# ---- a match of most of the corpus: facets agree with a count by hand, are bounded, CSV is all --

@pytest.fixture(scope="module")
def big(tmp_path_factory):
    from corpus_fixtures import many_articles, store_records

    from dateline.corpus.store import Store

    records = many_articles(400, seed=5)
    path = str(tmp_path_factory.mktemp("big") / "corpus.db")
    with Store.open(path, write=True) as store:
        store_records(store, records)
    return path, records


def test_facets_of_a_match_of_every_article_agree_with_a_count_by_hand(big):
    from collections import Counter

    from corpus_fixtures import as_article

    from dateline.corpus import facets
    from dateline.corpus.store import Store

    path, records = big
    with Store.open(path) as store:
        assert facets.total(store, "report") == len(records)  # every body says "report number"
        found = facets.facets(store, "report", limit=100)
        assert not facets.facets_partial(store, "report")
        cut = facets.facets(store, "report", scan=50)
        assert facets.facets_partial(store, "report", scan=50)
    sources = Counter(r["source"] for r in records)
    people = Counter(e.name for r in records for e in as_article(r).entities if e.type == "PERSON")
    months = Counter(r["published"][:7] for r in records)
    assert {f["value"]: f["count"] for f in found["source"]} == sources
    assert {f["value"]: f["count"] for f in found["person"]} == people
    assert {f["value"]: f["count"] for f in found["date"]} == months
    counts = [f["count"] for f in found["person"]]
    assert counts == sorted(counts, reverse=True)
    # cut to the first 50 matches: no facet counts more than 50
    assert sum(f["count"] for f in cut["source"]) == 50
    assert all(len(v) <= facets.FACET_LIMIT for v in cut.values())


def test_csv_of_a_match_of_every_article_is_all_of_it_in_rank_order(big):
    from dateline.corpus import search
    from dateline.corpus.store import Store

    path, records = big
    client = TestClient(create_app(path, allow_hosts=("testserver",)))
    response = client.get("/api/articles", params={"q": "report", "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(response.text)))
    with Store.open(path) as store:
        ranked = [r["id"] for r in search.search(store, "report", limit=None)]
        paged = [r["id"] for k in range(0, len(records), 70)
                 for r in search.search(store, "report", limit=70, offset=k)]
    assert len(rows) == len(records) == len(set(ranked))
    assert [r["id"] for r in rows] == ranked == paged  # chunks of the stream never overlap
