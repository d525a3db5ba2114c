"""Link checker: every page (every article, story, person, organisation and place page, and
every search, facet and list page they link to) reachable from the home page of a corpus of dev cluster articles
(the first 40 of ../shared/data/clusters/dev.jsonl: a full ingest is too slow for the test
suite on 2 cores) is crawled in-process; no link on any page leads to a 404 (or any error)."""
from __future__ import annotations

import itertools
import os
import re
from html import unescape
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from fastapi.testclient import TestClient

from dateline.corpus.ingest import ingest
from dateline.web import create_app

DEV = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "clusters" / "dev.jsonl"
ARTICLES = int(os.environ.get("DATELINE_LINK_ARTICLES", "40"))  # the whole set: 224
MAX_PAGES = 100 * ARTICLES
HREF = re.compile(r'href="([^"]*)"')


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    if not DEV.exists():
        pytest.skip(f"no dev set at {DEV}")
    folder = tmp_path_factory.mktemp("links")
    subset = folder / "dev40.jsonl"
    with DEV.open(encoding="utf-8") as f:
        subset.write_text("".join(itertools.islice(f, ARTICLES)), encoding="utf-8")
    db = str(folder / "corpus.db")
    assert ingest([str(subset)], db).new >= ARTICLES // 2
    return TestClient(create_app(db, allow_hosts=("testserver",)))


def test_no_link_leads_to_a_404(client):
    base = "http://testserver"
    todo, seen, broken = ["/"], {"/"}, []
    pages = 0
    while todo and pages < MAX_PAGES:
        url = todo.pop()
        response = client.get(url)
        pages += 1
        if response.status_code != 200:
            broken.append((url, response.status_code))
            continue
        if not response.headers["content-type"].startswith("text/html") or "?" in url:
            continue  # a page with a query (a search, a facet, a page of a list) is checked,
            # its own links not followed: their combinations have no end
        for href in HREF.findall(response.text):
            target, _ = urldefrag(urljoin(base + url, unescape(href)))
            parts = urlsplit(target)
            if parts.netloc != "testserver" or "format=" in parts.query:
                continue
            path = parts.path + ("?" + parts.query if parts.query else "")
            if path not in seen:
                seen.add(path)
                todo.append(path)
    print(f"crawled {pages} pages, {len(broken)} broken")
    assert broken == []
    assert pages > ARTICLES * 3  # the crawl went through articles and entity pages
    assert not todo, f"stopped at {MAX_PAGES} pages"
