"""HTML cleaning: trafilatura for the body and the page's metadata, then the plain-text rules.

The cascade, recorded in ``CleanResult.extraction`` so users see which path won:

1. ``trafilatura+text-rules`` — trafilatura's extractor finds the body (``favor_precision``,
   comments left out: on the HTML dev pages body F1 0.966 against 0.946 with its defaults and
   0.948 with ``favor_recall``); the plain-text rules then take out what it let through
   (share prompts, credits, teasers, the headline repeated as the first line), which lifts F1
   to 0.968. The line scoring and article region of the plain-text cleaner are not applied
   again: on text trafilatura already chose they cost recall (F1 0.957).
2. ``trafilatura-fallback`` — when it finds nothing, the text of the page's block elements
   (paragraphs, headings, list items, table cells ...) goes through the full plain-text cleaner.

The page's lines that the body leaves out are listed in ``removed`` (with a rule's reason where
one applies), and its ``<figcaption>`` texts become ``media``. Broken markup never raises: lxml
repairs what it can, and a page with no article in it (a login form, an index of links) ends
as "no article text found in the page".
"""
from __future__ import annotations

import logging
import re

from ..errors import InputError
from ..types import Media, Removed
from . import rules
from .media import split_credit
from .result import CleanResult
from .text import clean_lines, clean_text, rule_reason

log = logging.getLogger("dateline")

#: Elements whose text stands on a line of its own when a page is flattened.
_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "br",
           "blockquote", "pre", "figcaption", "section", "article", "header", "footer", "dd",
           "dt", "ul", "ol", "table", "main", "aside", "nav", "form", "title", "caption"}
_DROP = {"script", "style", "noscript", "template", "svg", "iframe", "head", "button", "select",
         "textarea", "option"}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def _trafilatura(html: str, url: str | None):
    import trafilatura

    try:
        return trafilatura.bare_extraction(html, url=url, favor_precision=True,
                                           include_comments=False, with_metadata=True)
    except Exception:  # trafilatura must never sink an article: fall back
        log.debug("trafilatura failed", exc_info=True)
        return None


def parse_page(html: str) -> tuple[list[str], list[str]]:
    """The text of a page, one block element per line (scripts, styles and forms left out), and
    the texts of its figure captions."""
    try:
        from lxml import html as lxml_html

        root = lxml_html.document_fromstring(html)
    except Exception:  # unparseable: strip the tags by hand
        text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", html)
        text = re.sub(r"(?i)<(?:br|/p|/div|/li|/h\d|/tr)\b[^>]*>", "\n", text)
        return [" ".join(re.sub(r"<[^>]*>", " ", line).split()) for line in text.split("\n")], []
    lines: list[str] = []
    captions: list[str] = []
    current: list[str] = []

    def flush():
        line = " ".join("".join(current).split())
        if line:
            lines.append(line)
        current.clear()

    def walk(el):
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in _DROP or not tag:
            if el.tail:
                current.append(el.tail)
            return
        block = tag in _BLOCKS
        if block:
            flush()
        if el.text:
            current.append(el.text)
        for child in el:
            walk(child)
        if block:
            if tag == "figcaption":
                captions.append(" ".join("".join(current).split()))
            flush()
        if el.tail:
            current.append(el.tail)

    walk(root)
    flush()
    return lines, [c for c in captions if c]


def page_lines(html: str) -> list[str]:
    return parse_page(html)[0]


def _account(result: CleanResult, lines: list[str], captions: list[str]) -> None:
    """Name in ``removed`` the page's lines that the extractor left out, and keep its figure
    captions as media."""
    body = " ".join(result.body.split())
    known = {r.text for r in result.removed}
    title = " ".join((result.title or "").split())
    opening = result.dateline.text if result.dateline and result.dateline.text else None
    for line in lines:
        if line in known or line in body:
            continue
        if opening and line.startswith(opening) and line[len(opening):].strip() in body:
            continue
        if line in captions:
            reason = rules.CAPTION
        elif line == title:
            reason = rules.TITLE
        else:
            reason = rule_reason(line) or (rules.MENU if len(line.split()) <= 6 else rules.OUTSIDE)
        result.removed.append(Removed(text=line, reason=reason))
        known.add(line)
    for caption in captions:
        if any(m.caption and (m.caption in caption or caption in m.caption) for m in result.media):
            continue
        pair = split_credit(caption)
        result.media.append(Media(caption=pair[0], credit=pair[1]) if pair else Media(caption=caption))


def _meta(doc, name: str) -> str | None:
    value = getattr(doc, name, None) if doc is not None else None
    return value.strip() if isinstance(value, str) and value.strip() else None


def clean_html(html: str, *, title: str | None = None, url: str | None = None) -> CleanResult:
    """Clean one HTML page (see the module docstring). Raises InputError when it holds no article."""
    doc = _trafilatura(html, url)
    meta_title = _meta(doc, "title")
    text = _meta(doc, "text")
    if text:
        result = clean_lines(text.split("\n"), title=title or meta_title, url=url, scored=False)
        result.extraction = "trafilatura+text-rules"
        if not result.body.strip():
            text = None
    lines, captions = parse_page(html)
    if not text:
        result = clean_text("\n".join(lines), title=title or meta_title, url=url)
        result.extraction = "trafilatura-fallback"
    if not result.body.strip():
        raise InputError("no article text found in the page")
    _account(result, lines, captions)
    result.title = title or meta_title or result.title
    date = _meta(doc, "date")
    result.published = date[:10] if date and _DATE.match(date) else result.published
    result.author = _meta(doc, "author") or result.author
    result.site = _meta(doc, "sitename") or result.site
    result.language = _meta(doc, "language") or result.language
    return result
