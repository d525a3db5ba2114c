"""HTML cleaning: trafilatura with the plain-text rules after it, its fallback, bad pages."""
from __future__ import annotations

import pytest

import dateline
from dateline.clean import clean_html, rules
from dateline.clean import html as clean_html_module
from dateline.errors import InputError

PARAS = [
    "The town council on Tuesday approved the construction of a new bridge over the river, "
    "ending a debate that has divided residents for more than a decade.",
    "Council members voted six to three in favour of the plan, which will cost an estimated "
    "40 million dollars and take three years to complete.",
    "The old bridge, built in 1952, was closed to heavy traffic last year after engineers found "
    "cracks in two of its supports.",
    "Mayor Ellen Park said the vote was a relief for the families who now drive twenty minutes "
    "out of their way to reach the hospital.",
    "Opponents said they would ask the state to review the cost estimates before any work "
    "begins on the site.",
]
PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Council approves new bridge | Riverton Daily</title>
<meta property="og:title" content="Council approves new bridge over the river">
<meta property="og:site_name" content="Riverton Daily">
<meta name="author" content="Maria Lopez">
<meta property="article:published_time" content="2020-03-03T10:32:00Z">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav></header>
<main><article>
<h1>Council approves new bridge over the river</h1>
<p class="byline">By Maria Lopez</p>
<p>RIVERTON (AP) — {PARAS[0]}</p>
<figure><img src="bridge.jpg"><figcaption>Workers inspect the old bridge on Monday.
 © John Smith / AP</figcaption></figure>
<p>{PARAS[1]}</p><p>{PARAS[2]}</p><p>{PARAS[3]}</p><p>{PARAS[4]}</p>
<p>Share this article</p>
</article>
<aside><h2>Related</h2><ul><li><a href="/a">Storm damage closes schools for a week</a></li>
<li><a href="/b">Library reopens after repairs</a></li></ul></aside></main>
<footer><p>© 2020 Riverton Daily. All rights reserved.</p><a href="/privacy">Privacy Policy</a>
</footer></body></html>"""


@pytest.fixture(scope="module")
def page():
    return clean_html(PAGE, url="https://example.com/news/council-approves-new-bridge")


def test_body_paragraphs_from_trafilatura(page):
    assert page.body.split("\n\n") == PARAS
    assert page.extraction == "trafilatura+text-rules"


def test_metadata_from_the_page(page):
    assert page.title == "Council approves new bridge over the river"
    assert page.author == "Maria Lopez"
    assert page.published == "2020-03-03"
    assert page.site == "Riverton Daily"
    assert page.dateline.place == "RIVERTON" and page.dateline.agency == "AP"


def test_left_out_lines_are_accounted_for(page):
    why = {r.text: r.reason for r in page.removed}
    assert why["Share this article"] == rules.SHARE
    assert why["Council approves new bridge over the river"] == rules.TITLE
    assert why["Home"] == rules.MENU
    assert why["© 2020 Riverton Daily. All rights reserved."] == rules.COPYRIGHT
    assert why["Storm damage closes schools for a week"] in (rules.MENU, rules.OUTSIDE)
    assert not any(p in why for p in PARAS)


def test_figure_caption_becomes_media(page):
    assert [(m.caption, m.credit) for m in page.media] == [
        ("Workers inspect the old bridge on Monday.", "John Smith / AP")]


def test_fallback_when_trafilatura_finds_nothing(monkeypatch):
    monkeypatch.setattr(clean_html_module, "_trafilatura", lambda html, url: None)
    result = clean_html(PAGE)
    assert result.extraction == "trafilatura-fallback"
    assert result.body.split("\n\n") == PARAS


def test_broken_markup_does_not_crash():
    broken = ("<html><body><div><p>" + PARAS[0] + "<p>" + PARAS[1] + "</div></span><p>"
              + PARAS[2] + "<b><i>" + PARAS[3] + "</b></i><table><tr><td>" + PARAS[4])
    result = clean_html(broken)
    for para in PARAS:
        assert " ".join(para.split()[:8]) in result.body


@pytest.mark.parametrize("page", [
    """<html><head><title>Sign in</title></head><body><form action="/login">
    <h1>Sign in to your account</h1><label>Email</label><input name="email">
    <label>Password</label><input type="password" name="pw"><button>Log in</button>
    <a href="/forgot">Forgot your password?</a></form></body></html>""",
    "<html><body><h1>Latest news</h1><ul>"
    + "".join(f'<li><a href="/story/{i}">Headline number {i} about the council</a></li>'
              for i in range(30)) + "</ul></body></html>",
    "<html><body></body></html>",
])
def test_page_without_an_article_is_refused(page):
    with pytest.raises(InputError, match="no article text found in the page"):
        dateline.analyze(page, options=dateline.Options(stages=("load", "clean")))


def test_stage_on_html_fills_record():
    rec = dateline.analyze(PAGE, options=dateline.Options(stages=("load", "clean")))
    assert rec.input_kind == "html"
    assert rec.title == "Council approves new bridge over the river"
    assert rec.published == "2020-03-03" and rec.source == "Riverton Daily"
    assert rec.body.split("\n\n") == PARAS
