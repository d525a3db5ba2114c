"""`dateline serve`: the JSON API and the web pages, in-process through httpx, over a small corpus
of articles written for these tests (ingested once per module)."""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from fastapi.testclient import TestClient

from dateline.cli import main
from dateline.corpus.ingest import ingest
from dateline.corpus.store import CorpusError, Store
from dateline.web import create_app

ARTICLES = [
    {"id": "bridge-1", "title": "Mayor Jane Holloway opens new bridge in Riverton",
     "published": "2024-03-04", "source": "Riverton Gazette",
     "text": "RIVERTON (Gazette) - Mayor Jane Holloway opened the new Elm Street bridge on Monday "
             "after two years of construction.\n\n"
             "\"This bridge connects our neighbourhoods again,\" Holloway said at the ceremony.\n\n"
             "The city council approved the project in 2021 at a cost of 12 million dollars. "
             "Council member Tom Baker said the bridge would cut commuting times for thousands "
             "of residents.\n\n"
             "\"We kept our promise to the east side,\" Baker said."},
    {"id": "bridge-2", "title": "Riverton bridge draws crowds on first weekend",
     "published": "2024-03-10", "source": "Valley News",
     "text": "RIVERTON - Thousands of residents walked across the new Elm Street bridge over the "
             "weekend, a week after Mayor Jane Holloway opened it.\n\n"
             "\"I have waited years for this,\" said Maria Lopez, a teacher who lives on the east "
             "side.\n\n"
             "The bridge, which cost 12 million dollars, replaces a crossing that was closed in "
             "2019 after engineers found cracks in its supports. Holloway said traffic on the "
             "bridge would be counted for a year."},
    {"id": "storm", "title": "Storm closes schools across Lakeland county",
     "published": "2024-03-12", "source": "Lakeland Times",
     "text": "LAKELAND - A winter storm closed schools across Lakeland county on Tuesday as heavy "
             "snow and strong winds knocked out power to thousands of homes.\n\n"
             "\"Our crews are working around the clock,\" said Peter Grant, a spokesman for "
             "Lakeland Power.\n\n"
             "Forecasters expect the snow to stop by Wednesday evening, and officials said "
             "schools would reopen on Thursday if roads were cleared."},
    {"id": "festival", "title": "<script>alert('x')</script> Harbour festival returns",
     "published": "2024-02-20", "source": "Coast <b>Herald</b>", "url": "javascript:alert(1)",
     "text": "PORTSEA - The harbour festival returned to Portsea on Saturday after a four-year "
             "break, drawing boats and visitors from across the coast.\n\n"
             "\"The harbour is alive again,\" said festival director Ruth Chandler as the first "
             "ships sailed in under grey skies.\n\n"
             "Organisers said more than 40 boats had registered for the weekend parade."},
    {"id": "broken", "title": "A record with no text"},
]
HEALTH_KEYS = {"articles", "stories", "failures", "duplicates"}


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("web")
    source = folder / "articles.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    path = str(folder / "corpus.db")
    summary = ingest([str(source)], path)
    assert (summary.new, summary.failed) == (4, 1)
    return path


@pytest.fixture(scope="module")
def client(db) -> TestClient:
    return TestClient(create_app(db, allow_hosts=("testserver",)), raise_server_exceptions=False)


def corpus_id(client, input_id: str) -> str:
    return client.get(f"/api/articles/{input_id}").json()["corpus_id"]


def assert_error(response, status: int, *words: str) -> str:
    """The one error shape of the API, exactly."""
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"status", "message"}
    assert body["error"]["status"] == status
    message = body["error"]["message"]
    assert isinstance(message, str) and message
    for word in words:
        assert word in message
    assert "Traceback" not in message and "sqlite3" not in message
    return message


# ---- the API ------------------------------------------------------------------------------------

def test_health(client):
    body = client.get("/api/health").json()
    assert body["status"] == "ok"
    assert set(body["corpus"]) >= HEALTH_KEYS
    assert body["corpus"]["articles"] == 4 and body["corpus"]["failures"] == 1


def test_search_articles(client):
    body = client.get("/api/articles", params={"q": "bridge"}).json()
    assert {a["input_id"] for a in body["results"]} == {"bridge-1", "bridge-2"}
    assert all("[bridge]" in a["snippet"].lower() for a in body["results"])
    assert body["next_offset"] is None and body["offset"] == 0


def test_search_filters(client):
    def ids(**params):
        return {a["input_id"] for a in client.get("/api/articles", params=params).json()["results"]}

    assert ids(person="Holloway") == {"bridge-1", "bridge-2"}
    assert ids(person="Peter Grant") == {"storm"}
    assert ids(source="Valley") == {"bridge-2"}
    assert ids(since="2024-03-05", until="2024-03-11") == {"bridge-2"}
    assert ids(q="bridge", until="2024-03") == {"bridge-1", "bridge-2"}
    assert ids(q="snow", person="Holloway") == set()


def test_search_pages(client):
    first = client.get("/api/articles", params={"limit": 2}).json()
    assert len(first["results"]) == 2 and first["next_offset"] == 2
    second = client.get("/api/articles", params={"limit": 2, "offset": 2}).json()
    assert len(second["results"]) == 2 and second["next_offset"] is None
    seen = [a["input_id"] for a in first["results"] + second["results"]]
    assert sorted(seen) == ["bridge-1", "bridge-2", "festival", "storm"]
    assert seen[0] == "storm"  # newest first without a query


def test_one_article_by_input_id_and_corpus_id(client):
    record = client.get("/api/articles/bridge-1").json()
    assert record["title"] == "Mayor Jane Holloway opens new bridge in Riverton"
    assert "Elm Street bridge" in record["body"]
    assert record["story"] is not None and record["corpus_id"]
    assert any(e["name"] == "Jane Holloway" for e in record["entities"])
    again = client.get(f"/api/articles/{record['corpus_id']}").json()
    assert again == record


def test_people(client):
    body = client.get("/api/people", params={"name": "holloway"}).json()
    assert [p["name"] for p in body["results"]] == ["Jane Holloway"]
    assert body["results"][0]["articles"] == 2
    everyone = {p["name"] for p in client.get("/api/people").json()["results"]}
    assert {"Jane Holloway", "Tom Baker", "Maria Lopez", "Peter Grant"} <= everyone


def test_person(client):
    person = client.get("/api/people/jane holloway").json()
    assert person["name"] == "Jane Holloway"
    assert "Mayor" in [t["title"] for t in person["titles"]]
    assert (person["first_seen"], person["last_seen"]) == ("2024-03-04", "2024-03-10")
    assert any("neighbourhoods" in q["text"] for q in person["recent_quotes"])


def test_quotes(client):
    body = client.get("/api/quotes", params={"speaker": "Baker"}).json()
    assert body["results"] and all(q["speaker"] == "Tom Baker" for q in body["results"])
    assert any(q["text"] == "We kept our promise to the east side" for q in body["results"])
    found = client.get("/api/quotes", params={"q": "crews"}).json()["results"]
    assert [q["speaker"] for q in found] == ["Peter Grant"]


def test_stories_and_story(client):
    stories = client.get("/api/stories").json()["results"]
    bridge = client.get("/api/articles/bridge-1").json()["story"]
    assert client.get("/api/articles/bridge-2").json()["story"] == bridge
    assert bridge in [s["id"] for s in stories]
    story = client.get(f"/api/stories/{bridge}").json()
    assert story["size"] == 2
    assert [a["input_id"] for a in story["articles"]] == ["bridge-1", "bridge-2"]  # oldest first
    assert "Jane Holloway" in story["people"]


def test_failures(client):
    failures = client.get("/api/failures").json()["results"]
    assert len(failures) == 1
    assert "text" in failures[0]["error"] and failures[0]["input_id"]


def test_analyze_does_not_store(client):
    text = ("OAKDALE - Firefighters rescued two hikers from Bear Mountain on Sunday after a rock "
            "slide blocked the trail, officials said.\n\n"
            "\"They were cold but unhurt,\" fire chief Dana Ruiz said.")
    response = client.post("/api/analyze", json={"text": text, "title": "Hikers rescued",
                                                  "published": "2024-05-05"})
    assert response.status_code == 200
    record = response.json()
    assert record["title"] == "Hikers rescued" and "rescued two hikers" in record["body"]
    assert any(q["speaker"] == "Dana Ruiz" for q in record["quotes"])
    assert client.get("/api/health").json()["corpus"]["articles"] == 4


def test_analyze_html(client):
    html = ("<html><head><title>Library reopens</title></head><body><article><p>The town library "
            "reopened on Friday after a six-month renovation that added a reading garden, new "
            "shelves and a room for children, the council said in a statement.</p></article>"
            "</body></html>")
    record = client.post("/api/analyze", json={"html": html}).json()
    assert record["input_kind"] == "html" and "reading garden" in record["body"]


@pytest.mark.parametrize("body, words", [
    ({}, ['give the article as "text" or as "html"']),
    ({"text": "a", "html": "<p>b</p>"}, ['"text" or as "html"']),
    ({"text": "x", "colour": "red"}, ["colour"]),
])
def test_analyze_bad_body_is_422(client, body, words):
    assert_error(client.post("/api/analyze", json=body), 422, *words)


def test_analyze_unusable_text_is_422(client):
    message = assert_error(client.post("/api/analyze", json={"text": "Too short."}), 422,
                           "no article text found")
    assert message.startswith("no article text found")  # the reason, not a content hash


def test_analyze_body_not_json_is_422(client):
    response = client.post("/api/analyze", content=b"not json",
                           headers={"content-type": "application/json"})
    assert assert_error(response, 422) == "the request body is not valid JSON"


# ---- errors -------------------------------------------------------------------------------------

def test_error_shape_is_pinned(client):
    response = client.get("/api/articles/no-such-article")
    assert response.json() == {"error": {"status": 404,
                                         "message": "no article with id 'no-such-article'"}}


@pytest.mark.parametrize("url, status, words", [
    ("/api/people/Nobody Here", 404, ["Nobody Here"]),
    ("/api/stories/9999", 404, ["9999"]),
    ("/api/no/such/route", 404, ["/api/no/such/route"]),
    ("/api/articles?limit=1000", 400, ["limit"]),
    ("/api/articles?offset=-1", 400, ["offset"]),
    ("/api/stories/abc", 400, ["id"]),
    ("/api/articles?offset=99999999999999999999", 400, ["offset"]),
    ("/api/articles?limit=99999999999999999999", 400, ["limit"]),
    ("/api/quotes?offset=99999999999999999999", 400, ["offset"]),
    ("/api/people?offset=99999999999999999999", 400, ["offset"]),
    ("/api/stories?offset=99999999999999999999&min_size=99999999999999999999", 400, ["offset"]),
    ("/api/failures?offset=99999999999999999999", 400, ["offset"]),
    ("/api/stories/99999999999999999999", 400, ["id"]),
    ("/api/articles?story=99999999999999999999", 400, ["story"]),
    ("/api/articles?persn=Trump", 400, ["persn"]),
    ("/api/people?nam=x", 400, ["nam"]),
    ("/api/health?x=1", 400, ["'x'"]),
    ("/api/articles?since=2024-13-45", 400, ["not a date"]),
    ("/api/stories?sort=sideways", 400, ["sort"]),
])
def test_errors(client, url, status, words):
    assert_error(client.get(url), status, *words)


@pytest.mark.parametrize("query", ['"unclosed phrase', "bridge AND", "title:(", "NOT"])
def test_malformed_fts_query_is_400_with_the_corpus_message(client, query):
    message = assert_error(client.get("/api/articles", params={"q": query}), 400)
    assert "cannot read the search query" in message
    message = assert_error(client.get("/api/quotes", params={"q": query}), 400)
    assert "cannot read the search query" in message


def test_method_not_allowed(client):
    assert_error(client.delete("/api/articles"), 405, "DELETE")


def test_unexpected_error_is_500_without_traceback(client, monkeypatch):
    from dateline.corpus import search

    def broken(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(search, "search", broken)
    message = assert_error(client.get("/api/articles"), 500)
    assert "secret internals" not in message


def test_reads_while_a_writer_holds_the_database(db, client):
    writer = Store.open(db, write=True)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.set_meta("web-test", 1)
        assert client.get("/api/articles", params={"q": "storm"}).status_code == 200
        writer.execute("ROLLBACK")
    finally:
        writer.close()


# ---- pages --------------------------------------------------------------------------------------

def page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def test_home_page(client):
    html = page(client, "/")
    csp = client.get("/").headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp
    assert '<form class="search"' in html and 'name="person"' in html
    assert "Storm closes schools across Lakeland county" in html  # a recent story


def test_home_page_search(client):
    html = page(client, "/?q=bridge&person=&source=")
    assert "Riverton bridge draws crowds on first weekend" in html
    assert "Recent stories" not in html  # the results take their place
    assert "<mark>bridge</mark>" in html
    assert 'value="bridge"' in html


def test_home_page_bad_query_shows_the_message(client):
    html = page(client, '/?q="unclosed', 400)
    assert "cannot read the search query" in html and '<form class="search"' in html


def test_article_page(client):
    html = page(client, f"/articles/{corpus_id(client, 'bridge-1')}")
    assert "<h1>Mayor Jane Holloway opens new bridge in Riverton</h1>" in html
    assert "RIVERTON (Gazette) -" in html  # the dateline
    assert "Main event" in html and "Elm Street bridge on Monday" in html
    assert '<a href="/people/Jane%20Holloway">Jane Holloway</a>' in html
    assert "Council member" in html  # a title
    quotes = html[html.index("<h2>Quotes</h2>"):]
    baker = quotes.index('<h3><a href="/people/Tom%20Baker">Tom Baker</a></h3>')
    assert quotes.index("Jane Holloway") < baker < quotes.index("We kept our promise")
    story = client.get("/api/articles/bridge-1").json()["story"]
    assert f'href="/stories/{story}"' in html


def test_stories_pages(client):
    html = page(client, "/stories")
    assert "2 articles" in html     # the headline is the story's most representative title
    assert ("Mayor Jane Holloway opens new bridge in Riverton" in html
            or "Riverton bridge draws crowds on first weekend" in html)
    story = client.get("/api/articles/bridge-1").json()["story"]
    html = page(client, f"/stories/{story}")
    assert 'class="timeline"' in html
    assert html.index("2024-03-04") < html.index("2024-03-10")
    assert "Riverton bridge draws crowds on first weekend" in html


def test_people_pages(client):
    html = page(client, "/people")
    assert "Jane Holloway" in html and "Mayor" in html
    html = page(client, "/people/Jane%20Holloway")
    assert "<h1>Jane Holloway</h1>" in html and "2024-03-04" in html and "2024-03-10" in html
    assert "This bridge connects our neighbourhoods again" in html


def test_quotes_and_failures_pages(client):
    html = page(client, "/quotes?speaker=Grant")
    assert "Our crews are working around the clock" in html
    assert "We kept our promise" not in html
    html = page(client, "/failures")
    assert "<td>broken</td>" in html and "has no &#34;text&#34;" in html


def test_pages_link_to_the_next_and_previous_page(client, monkeypatch):
    from dateline.web import pages

    monkeypatch.setattr(pages, "DEFAULT_LIMIT", 1)
    count = len(client.get("/api/quotes", params={"speaker": "Holloway"}).json()["results"])
    assert count >= 2
    first = page(client, "/quotes?speaker=Holloway")
    assert 'href="http://testserver/quotes?speaker=Holloway&amp;offset=1">Next' in first
    assert "Previous" not in first
    second = page(client, "/quotes?speaker=Holloway&offset=1")
    assert 'speaker=Holloway&amp;offset=0">&larr; Previous' in second
    last = page(client, f"/quotes?speaker=Holloway&offset={count - 1}")
    assert "Previous" in last and "Next" not in last


def test_page_not_found_is_html(client):
    html = page(client, "/articles/nothing-here", 404)
    assert "no article with id" in html
    page(client, "/stories/424242", 404)
    page(client, "/people/Nobody%20Here", 404)


def test_everything_shown_is_escaped(client):
    festival = corpus_id(client, "festival")
    pages = [page(client, f"/articles/{festival}"), page(client, "/?q=harbour"),
             page(client, "/"), page(client, "/stories")]
    for html in pages:
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert(" in html
    article = pages[0]
    assert "Coast &lt;b&gt;Herald&lt;/b&gt;" in article
    assert 'href="javascript:' not in article


# ---- start-up -----------------------------------------------------------------------------------

def test_app_refuses_a_missing_or_foreign_database(tmp_path):
    with pytest.raises(CorpusError, match="no corpus"):
        create_app(str(tmp_path / "missing.db"))
    junk = tmp_path / "junk.db"
    junk.write_text("not a database at all\n" * 100)
    with pytest.raises(CorpusError, match="not a dateline database"):
        create_app(str(junk))


def test_serve_refuses_a_missing_database_with_one_line(tmp_path, capsys):
    assert main(["serve", "--db", str(tmp_path / "missing.db")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("dateline: error: no corpus at") and "\n" not in err


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_answers_on_localhost(db):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "dateline.cli", "serve", "--db", db,
                             "--port", str(port)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health",
                                            timeout=5) as response:
                    body = json.load(response)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(proc.stderr.read().decode() if proc.poll() is not None
                                         else "the server did not answer in 60 s") from None
                time.sleep(0.2)
        assert body["status"] == "ok" and body["corpus"]["articles"] == 4
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
