"""The web pages in a real browser: Debian's headless chromium driven by Playwright. Opens the
home page, searches, applies and removes a facet, opens an article, follows an entity, a speaker
and a story link, downloads the CSV, checks the chart; the same at 390 px with no horizontal
scroll; a hostile article runs nothing (dialog and console listeners); axe-core on every page
type; screenshots of each page type at both widths in tests/browser-shots/ (git-ignored)."""
from __future__ import annotations

import json
import re
import socket
import threading
import time
from pathlib import Path

import pytest

from dateline.corpus.ingest import ingest
from dateline.web import create_app

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = Path(__file__).resolve().parent / "browser-shots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(autouse=True, scope="module")
def _browser_installed():
    """`make test` installs chromium and axe-core (scripts/browser-deps.sh): missing is a
    failure, never a skip."""
    if not CHROMIUM.exists() or not AXE.exists():
        pytest.fail("needs /usr/bin/chromium and node_modules/axe-core: run scripts/browser-deps.sh"
                    " (make test does)")
HOSTILE = ("<script>alert('t')</script><img src=x onerror=alert('i')>"
           "<a href=\"javascript:alert('j')\">click</a>")
ARTICLES = [
    {"id": "a/bridge-1", "title": "Mayor Jane Holloway opens new bridge in Riverton",
     "published": "2024-03-04", "source": "Riverton Gazette",
     "text": "RIVERTON - Mayor Jane Holloway opened the new Elm Street bridge on Monday after "
             "two years of construction, the Riverton City Council said.\n\n"
             "\"This bridge connects our neighbourhoods again,\" Holloway said at the ceremony.\n\n"
             "Council member Tom Baker said the bridge would cut commuting times for thousands "
             "of residents of Riverton."},
    {"id": "a/bridge-2", "title": "Riverton bridge draws crowds on first weekend",
     "published": "2024-03-10", "source": "Valley News",
     "text": "RIVERTON - Thousands of residents walked across the new Elm Street bridge in "
             "Riverton over the weekend, a week after Mayor Jane Holloway opened it.\n\n"
             "\"I have waited years for this,\" said Maria Lopez, a teacher who lives on the "
             "east side.\n\nHolloway said traffic on the new bridge would be counted for a year."},
    {"id": "hostile", "title": HOSTILE + " Harbour festival returns to the bridge",
     "published": "2024-02-20", "source": "Coast Herald", "url": "javascript:alert('u')",
     "text": "PORTSEA - The harbour festival returned to Portsea on Saturday after a four-year "
             "break, drawing boats and visitors to the old bridge. " + HOSTILE + "\n\n"
             "\"The harbour is alive again,\" said festival director Ruth Chandler as the first "
             "ships sailed in under grey skies.\n\nOrganisers said more than 40 boats had "
             "registered for the weekend parade."},
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import uvicorn

    folder = tmp_path_factory.mktemp("browser")
    source = folder / "articles.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    db = str(folder / "corpus.db")
    assert ingest([str(source)], db).new == 3
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port,
                                        log_level="error"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


class Watched:
    """A page with listeners: any dialog or console error or page error is recorded."""

    def __init__(self, browser, width: int):
        self.context = browser.new_context(viewport={"width": width, "height": 900},
                                           accept_downloads=True)
        self.page = self.context.new_page()
        self.width = width
        self.problems: list[str] = []
        self.page.on("dialog", lambda d: (self.problems.append(f"dialog {d.message}"),
                                          d.dismiss()))
        self.page.on("console", lambda m: m.type == "error" and self.problems.append(
            f"console {m.text} {m.location.get('url')}"))
        self.page.on("pageerror", lambda e: self.problems.append(f"pageerror {e}"))

    def check(self, name: str) -> None:
        """No horizontal scroll, axe-core finds no violation, screenshot saved."""
        page = self.page
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), \
            f"{name} scrolls sideways at {self.width}px"
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})"
                               ".then(r => r.violations.map(v => v.id + ': ' + "
                               "v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')))")
        assert result == [], f"{name} at {self.width}px: {result}"
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}-{self.width}.png"), full_page=False)

    def close(self):
        self.context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_a_research_session(server, browser, width):
    w = Watched(browser, width)
    page = w.page
    try:
        page.goto(server + "/")
        w.check("home")
        page.fill("#f-q", "bridge")
        page.click("form.search button")
        page.wait_for_load_state()
        assert page.locator("p[role=status]").inner_text().startswith("3 articles")
        assert page.locator("svg.chart rect.bar").count() >= 1  # the chart is drawn
        box = page.locator("svg.chart").bounding_box()
        assert box and box["width"] > 200 and box["height"] > 50
        w.check("search")
        # apply a facet, then remove it
        page.locator(".facets a", has_text="Valley News").first.click()
        page.wait_for_load_state()
        assert page.locator("p[role=status]").inner_text().startswith("1 article")
        page.locator(".chips a", has_text="source: Valley News").click()
        page.wait_for_load_state()
        assert page.locator("p[role=status]").inner_text().startswith("3 articles")
        # the CSV of the whole result
        with page.expect_download() as info:
            page.locator("a", has_text="CSV").click()
        lines = Path(info.value.path()).read_text(encoding="utf-8").strip().splitlines()
        assert lines[0].startswith("id,") and len(lines) == 4
        # an article, an entity link in its text, a speaker link, a story link
        page.locator("section ul.results a.title", has_text="opens new bridge").first.click()
        page.wait_for_load_state()
        assert page.locator(".body a.ent.person").count() >= 1
        w.check("article")
        page.locator(".body a.ent.person").first.click()
        page.wait_for_load_state()
        assert page.url.startswith(server + "/people/") and page.locator("h1").count() == 1
        w.check("person")
        page.go_back()
        page.locator("main h3 a").first.click()  # the speaker of the first quotes
        page.wait_for_load_state()
        assert "/people/" in page.url and "404" not in page.title()
        page.go_back()
        page.locator("nav.story a").first.click()
        page.wait_for_load_state()
        assert "/stories/" in page.url and page.locator("ol.timeline li").count() >= 1
        w.check("story")
        page.goto(server + "/articles/a%2Fbridge-1")
        page.locator(".body a.ent.place").first.click()  # a place in the text: its page
        page.wait_for_load_state()
        assert "/places/" in page.url
        w.check("place")
        page.goto(server + "/articles/a%2Fbridge-1")
        page.locator(".body a.ent.org").first.click()  # an organisation in the text
        page.wait_for_load_state()
        assert "/orgs/" in page.url and page.locator("h1").count() == 1
        w.check("org")
        for url, name in (("/people", "people"), ("/quotes", "quotes"), ("/stories", "stories"),
                          ("/failures", "failures"), ("/api/docs", None)):
            assert page.goto(server + url).status == 200
            if name:
                w.check(name)
        assert w.problems == [], w.problems
        assert page.goto(server + "/no/such/page").status == 404
        w.check("error")
    finally:
        w.close()


def test_hostile_article_runs_nothing(server, browser):
    w = Watched(browser, 1280)
    page = w.page
    try:
        page.goto(server + "/articles/hostile")
        page.wait_for_load_state("load")
        assert "<script>alert('t')</script>" in page.locator("h1").inner_text()
        assert "onerror=alert('i')" in page.locator(".body").inner_text()
        # nowhere on the page (header and story links included) a script, an image or a
        # javascript: link, nor any element with an event handler attribute
        assert page.locator("script, img, a[href^='javascript'], [onerror], [onclick]"
                            ).count() == 0
        page.goto(server + "/?q=harbour")
        assert page.locator("script, img, a[href^='javascript'], [onerror]").count() == 0
        assert "<script>" in page.locator("ul.results").inner_text()  # the title, as text
        page.locator("ul.results a.title").first.click()
        page.wait_for_load_state("load")
        time.sleep(0.3)
        assert w.problems == []
        w.check("hostile")
    finally:
        w.close()


def test_api_docs_load_our_swagger_ui(server, browser):
    w = Watched(browser, 1280)
    try:
        w.page.goto(server + "/api/docs")
        w.page.wait_for_selector(".swagger-ui .info", timeout=15000)
        assert re.search("dateline", w.page.locator(".swagger-ui .info").inner_text())
        assert w.problems == []
        w.check("apidocs")
    finally:
        w.close()


@pytest.mark.parametrize("width", [360, 1920])
def test_layout_holds_from_360_to_1920(server, browser, width):
    w = Watched(browser, width)
    try:
        for url in ("/", "/?q=bridge", "/articles/a%2Fbridge-1", "/people/Jane%20Holloway",
                    "/stories"):
            assert w.page.goto(server + url).status == 200
            assert w.page.evaluate("document.documentElement.scrollWidth <= innerWidth"), url
        assert w.problems == []
    finally:
        w.close()


def test_keyboard_reaches_the_content_and_the_search(server, browser):
    w = Watched(browser, 1280)
    page = w.page
    try:
        page.goto(server + "/?q=bridge")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Skip to content"
        page.keyboard.press("Enter")
        page.wait_for_function("location.hash === '#main'", timeout=10_000)
        assert page.url.endswith("#main")
        page.focus("#f-q")
        page.keyboard.press("End")
        page.keyboard.type(" OR storm")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "q=bridge+OR+storm" in page.url
        page.keyboard.press("Tab")  # the skip link again: its focus is drawn
        visible = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert visible != "none"
    finally:
        w.close()
