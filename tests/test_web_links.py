"""Link checker: a corpus of every dev cluster article (../shared/data/clusters/dev.jsonl, 224) is
ingested once (one session fixture), and every page reachable from its home page (every article,
story, person, organisation and place page, every list page, and every search, facet and paging
link on them) is fetched in-process by a pool of threads: no link or asset on any page leads to
a 404 (or to any other error)."""
from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from html import unescape
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from fastapi.testclient import TestClient
from support import shared_path

from dateline.corpus.ingest import ingest
from dateline.web import create_app

LINK = re.compile(r'(?:href|src)="([^"]*)"')
#: A crawl of more pages than this is a runaway (a link that makes new links without end).
MAX_PAGES = 60_000
THREADS = 4
pytestmark = pytest.mark.slow  # an ingest of 224 articles, then about 5,700 pages


@pytest.fixture(scope="session")
def dev_corpus(tmp_path_factory) -> tuple[str, int]:
    """The corpus of all dev cluster articles, and how many lines the dev file has."""
    dev = shared_path("data", "clusters", "dev.jsonl")
    lines = sum(1 for line in dev.open(encoding="utf-8") if line.strip())
    db = str(tmp_path_factory.mktemp("links") / "corpus.db")
    summary = ingest([str(dev)], db)
    assert summary.new + summary.duplicate == lines and summary.failed == 0
    return db, summary.new


def links(base: str, url: str, html: str) -> list[str]:
    """The local paths a page links to (href and src), without fragments and downloads."""
    out = []
    for href in LINK.findall(html):
        target, _ = urldefrag(urljoin(base + url, unescape(href)))
        parts = urlsplit(target)
        if parts.scheme not in ("http", "https") or parts.netloc != "testserver" \
                or "format=" in parts.query:
            continue
        out.append(parts.path + ("?" + parts.query if parts.query else ""))
    return out


def crawl(client: TestClient, start: str = "/", depth: int | None = None
          ) -> tuple[dict[str, int], dict[str, str]]:
    """Breadth first from ``start`` (``depth`` links deep at most): the status of every page reached, and the page that first
    linked to each. A page with a query (a search, a facet, a page of a list) is checked but its
    own links are not followed (their combinations have no end); the pages it links to without
    a query are."""
    base = "http://testserver"
    status: dict[str, int] = {}
    parent: dict[str, str] = {start: ""}
    level = [start]

    def fetch(url: str) -> tuple[str, int, list[str]]:
        response = client.get(url)
        html = response.headers.get("content-type", "").startswith("text/html")
        found = links(base, url, response.text) if response.status_code == 200 and html else []
        if "?" in url:
            found = [u for u in found if "?" not in u]
        return url, response.status_code, found

    with ThreadPoolExecutor(THREADS) as pool:
        while level and len(status) < MAX_PAGES and (depth is None or depth >= 0):
            depth = None if depth is None else depth - 1
            following = []
            for url, code, found in pool.map(fetch, level):
                status[url] = code
                for target in found:
                    if target not in parent:
                        parent[target] = url
                        following.append(target)
            level = following
    assert not level or depth is not None, f"stopped after {MAX_PAGES} pages"
    return status, parent


def test_no_link_on_any_page_of_the_dev_corpus_leads_to_a_404(dev_corpus):
    db, articles = dev_corpus
    client = TestClient(create_app(db, allow_hosts=("testserver",)))
    status, parent = crawl(client)
    broken = [(url, code, parent[url]) for url, code in status.items() if code != 200]
    kinds = {k: sum(u.startswith(f"/{k}/") for u in status)
             for k in ("articles", "people", "orgs", "places", "stories")}
    print(f"crawled {len(status)} pages: {kinds}, {len(broken)} broken")
    assert broken == [], broken[:20]
    # every stored article's page was reached, and the entity and story pages with them
    assert kinds["articles"] >= articles
    assert kinds["people"] and kinds["orgs"] and kinds["places"] and kinds["stories"]
    assert any(u.startswith("/static/") for u in status)  # assets are checked too


def test_the_crawler_reports_a_broken_link(dev_corpus, monkeypatch):
    """The checker can fail: a page that links to a missing article is reported with it."""
    db, _ = dev_corpus
    client = TestClient(create_app(db, allow_hosts=("testserver",)))
    original = client.get

    def get(url, **kw):
        response = original(url, **kw)
        if url == "/stories":
            response._content = response.content.replace(
                b"</main>", b'<a href="/articles/no-such-article">x</a></main>')
        return response

    monkeypatch.setattr(client, "get", get)
    status, parent = crawl(client, "/stories", depth=1)
    assert status["/articles/no-such-article"] == 404
    assert parent["/articles/no-such-article"] == "/stories"
    assert sum(code == 200 for code in status.values()) > 1
