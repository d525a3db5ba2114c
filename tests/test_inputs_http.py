"""URLs, feeds, sitemaps, robots.txt and safe fetching, against a local server on 127.0.0.1."""
from __future__ import annotations

import socket

import pytest
from inputs_server import PAGE, PT, Server, gzip_bomb

from dateline.inputs import Inputs, fetch
from dateline.options import Options
from dateline.pipeline import Pipeline
from dateline.types import Failure

FAST = dict(allow_private=True, delay=0.0, timeout=2.0,
            stages=("load", "clean", "language"))


@pytest.fixture(scope="module")
def server():
    s = Server()
    s.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    s.add("/news/bridge", PAGE)
    s.add("/r1", "", status=302, headers={"Location": "/r2"})
    s.add("/r2", "", status=301, headers={"Location": "/news/bridge"})
    s.add("/loop", "", status=302, headers={"Location": "/loop"})
    s.add("/slow", PAGE, delay=3.0)
    s.add("/big", PAGE * 200)
    s.add("/bomb", gzip_bomb(50_000_000), headers={"Content-Encoding": "gzip"})
    s.add("/pt", PT)
    s.add("/private/page", PAGE)
    s.add("/image.png", b"\x89PNG....", "image/png")
    s.add("/to-internal", "", status=302,
          headers={"Location": f"http://127.0.0.2:{s.port}/news/bridge"})
    rss = ("<?xml version='1.0'?><rss version='2.0'><channel><title>Riverton News</title>"
           "<item><title>Council approves bridge</title><link>{base}/news/bridge</link>"
           "<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate>"
           "<description>&lt;p&gt;The council voted for a bridge.&lt;/p&gt;</description></item>"
           "<item><title>Câmara</title><link>{base}/pt</link></item></channel></rss>")
    s.add("/rss", rss.format(base=s.base), "application/rss+xml", headers={"ETag": '"v1"'})
    atom = ("<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
            "<title>Atom News</title><entry><title>Bridge</title>"
            "<link href='{base}/news/bridge'/><updated>2024-03-06T08:00:00Z</updated>"
            "<summary>A bridge.</summary></entry></feed>")
    s.add("/atom", atom.format(base=s.base), "application/atom+xml")
    s.add("/sitemap.xml", ("<?xml version='1.0'?><sitemapindex xmlns='http://www.sitemaps.org/"
                           "schemas/sitemap/0.9'><sitemap><loc>{base}/sm/news.xml</loc></sitemap>"
                           "</sitemapindex>").format(base=s.base), "application/xml")
    s.add("/sm/news.xml", ("<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/"
                           "sitemap/0.9' xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'>"
                           "<url><loc>{base}/news/bridge</loc><news:news><news:publication_date>"
                           "2024-03-05T09:00:00Z</news:publication_date><news:title>Bridge"
                           "</news:title></news:news></url><url><loc>{base}/pt</loc></url>"
                           "</urlset>").format(base=s.base), "application/xml")
    yield s
    s.close()


def analyse(urls=(), feeds=(), sitemaps=(), **opts):
    options = Options(**{**FAST, **opts})
    inputs = Inputs(urls, options, feeds=feeds, sitemaps=sitemaps)
    try:
        return list(Pipeline(options).run_many(inputs))
    finally:
        inputs.close()


def test_page_by_url_keeps_final_url_and_fetched_at(server):
    [rec] = analyse([server.base + "/r1"])
    assert not isinstance(rec, Failure), rec
    assert rec.id == server.base + "/r1" and rec.url == server.base + "/news/bridge"
    assert rec.fetched_at and rec.title == "Council approves bridge"
    assert "Riverton" in rec.body and rec.language == "en"


@pytest.mark.parametrize("path, opts, reason", [
    ("/missing", {}, "HTTP 404"),
    ("/slow", {"timeout": 0.5}, "timed out after 0.5 s"),
    ("/big", {"max_bytes": 100_000}, "over the limit of 100,000"),
    ("/bomb", {"max_bytes": 1_000_000}, "over the limit of 1,000,000 bytes once decompressed"),
    ("/loop", {}, "more than 5 redirects"),
    ("/private/page", {}, "robots.txt disallows"),
    ("/image.png", {}, "content type image/png"),
])
def test_bad_urls_are_one_line_failures(server, path, opts, reason):
    [rec] = analyse([server.base + path], **opts)
    assert isinstance(rec, Failure) and reason in rec.error, rec
    assert rec.id == server.base + path and "\n" not in rec.error


def test_loopback_refused_without_allow_private(server):
    [rec] = analyse([server.base + "/news/bridge"], allow_private=False)
    assert isinstance(rec, Failure)
    assert rec.error.startswith("refused: 127.0.0.1 resolves to 127.0.0.1, a loopback address")


def test_redirect_to_internal_address_is_refused(server, monkeypatch):
    """news.example "resolves" to the test server, taken as public; its redirect to 127.0.0.2
    (loopback) is checked on the resolved address of that hop and refused."""
    real_kind, real_gai = fetch._kind, socket.getaddrinfo
    monkeypatch.setattr(fetch, "_kind", lambda ip: None if str(ip) == "127.0.0.1" else real_kind(ip))
    monkeypatch.setattr(socket, "getaddrinfo", lambda host, *a, **k: real_gai(
        "127.0.0.1" if host == "news.example" else host, *a, **k))
    [ok] = analyse([f"http://news.example:{server.port}/news/bridge"], allow_private=False)
    assert not isinstance(ok, Failure), ok
    [rec] = analyse([f"http://news.example:{server.port}/to-internal"], allow_private=False)
    assert isinstance(rec, Failure) and "127.0.0.2, a loopback address" in rec.error


def test_other_schemes_refused():
    [rec] = analyse(["file:///etc/passwd"])
    assert isinstance(rec, Failure) and "only http and https" in rec.error


def test_portuguese_page_keeps_text_and_warns(server):
    options = Options(allow_private=True, delay=0.0)
    inputs = Inputs([server.base + "/pt"], options)
    [rec] = list(Pipeline(options).run_many(inputs))
    assert rec.language == "pt" and "ponte" in rec.body
    assert rec.people() == [] and rec.quotes == [] and rec.events == []
    assert any(w.startswith("language pt: people, quotes and events need a pt pipeline")
               for w in rec.warnings)


def test_language_filter_skips_not_fails(server):
    recs = analyse([server.base + "/news/bridge", server.base + "/pt"], languages=("en",))
    assert not isinstance(recs[0], Failure)
    assert isinstance(recs[1], Failure) and recs[1].skipped and "language pt" in recs[1].error


def test_rss_feed_items_carry_title_date_description(server):
    recs = analyse(feeds=[server.base + "/rss"])
    assert [r.url for r in recs] == [server.base + "/news/bridge", server.base + "/pt"]
    assert recs[0].published == "2024-03-05" and recs[0].description == "The council voted for a bridge."
    assert recs[0].source == "Riverton News"


def test_atom_feed(server):
    [rec] = analyse(feeds=[server.base + "/atom"])
    assert rec.url == server.base + "/news/bridge" and rec.published == "2024-03-06"


def test_not_a_feed(server):
    [rec] = analyse(feeds=[server.base + "/news/bridge"])
    assert isinstance(rec, Failure) and "not an RSS or Atom feed" in rec.error


def test_sitemap_index_with_nested_sitemap(server):
    recs = analyse(sitemaps=[server.base + "/sitemap.xml"])
    assert [r.id for r in recs] == [server.base + "/news/bridge", server.base + "/pt"]
    assert recs[0].published == "2024-03-05"


def test_feed_conditional_request_gives_no_items_when_unchanged(server):
    options = Options(**FAST)
    inputs = Inputs([], options, feeds=[server.base + "/rss"])
    assert len(list(inputs)) == 2
    server.routes["/rss"] = (304, {}, b"", 0)  # the server says: not modified
    try:
        assert list(inputs) == []
        assert server.hits[-1][1].get("If-None-Match") == '"v1"'
    finally:
        inputs.close()


def test_ingest_feed_twice_fetches_new_items_only(server, tmp_path, capsys):
    from dateline.cli import main

    db = str(tmp_path / "c.db")
    server.add("/feed2", ("<?xml version='1.0'?><rss version='2.0'><channel><title>T</title>"
                          "<item><title>Bridge</title><link>{b}/news/bridge</link></item>"
                          "</channel></rss>").format(b=server.base), "application/rss+xml")
    args = ["ingest", "--feed", server.base + "/feed2", "--db", db, "--allow-private",
            "--delay", "0", "--stages", "load,clean,language", "--no-progress"]
    pages = lambda: sum(1 for path, _ in server.hits if path == "/news/bridge")  # noqa: E731
    before = pages()
    assert main(args) == 0
    assert pages() == before + 1 and "1 new" in capsys.readouterr().out
    assert main(args) == 0
    assert pages() == before + 1, "a stored URL is not fetched again"
    assert "0 new, 0 duplicate, 0 failed, 1 skipped" in capsys.readouterr().out
    assert main(args + ["--refresh"]) == 0
    assert pages() == before + 2


def test_every_durations():
    from dateline.cli.inputs import parse_every
    from dateline.errors import DatelineError

    assert [parse_every(t) for t in ("15m", "90s", "1h", "30")] == [900, 90, 3600, 30]
    with pytest.raises(DatelineError):
        parse_every("soon")
