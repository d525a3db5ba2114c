"""The load stage: decoding, text-or-HTML by content, and the refusals of bad input."""
import codecs

import pytest

from dateline.errors import InputError
from dateline.options import Options
from dateline.stages import load
from dateline.types import Article


def run_load(raw, **opts):
    article = Article(id="t", raw=raw)
    load.annotate(article, load.compute(article, Options(**opts)))
    return article


@pytest.mark.parametrize("raw, kind", [
    ("<!DOCTYPE html><html><body><p>Hello</p></body></html>", "html"),
    ("  <html lang='en'><head><title>x</title></head></html>", "html"),
    ("<!-- saved page --><div class='story'><p>One.</p><p>Two.</p></div>", "html"),
    ("A plain story about the <b>council</b>.\n\nIt met on Monday.", "text"),
    ("Profits rose 5% as sales < forecasts > last year.", "text"),
])
def test_text_or_html_by_content(raw, kind):
    assert run_load(raw).input_kind == kind


def test_html_without_extension_or_doctype_but_many_tags():
    raw = "<p>" + "</p><p>".join(f"Paragraph {i} of the story." for i in range(10)) + "</p>"
    assert run_load(raw).input_kind == "html"


@pytest.mark.parametrize("raw, reason", [
    (b"", "empty input"),
    (b"   \n\t\n ", "empty input"),
    (b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00" * 20, "binary data"),
    (b"Caf\xe9 owner said the price rose.", "not UTF-8"),
])
def test_bad_bytes_are_refused_with_a_reason(raw, reason):
    with pytest.raises(InputError) as info:
        run_load(raw)
    assert reason in info.value.reason


def test_size_limit_is_an_option():
    raw = b"word " * 1000
    with pytest.raises(InputError, match="over the limit of 100"):
        run_load(raw, max_bytes=100)
    assert run_load(raw, max_bytes=10_000).input_kind == "text"


def test_utf8_bom_and_utf16_are_decoded():
    text = "Le maire a dit: «Nous irons»."
    assert run_load(codecs.BOM_UTF8 + text.encode()).raw == text
    assert run_load(text.encode("utf-16")).raw == text


def test_html_declaring_latin1_is_decoded_by_its_charset():
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>Caf\xe9</p></body></html>'
    article = run_load(page.encode("latin-1"))
    assert article.input_kind == "html" and "Café" in article.raw


def test_line_endings_are_normalised():
    assert run_load(b"Title\r\n\r\nBody line.\rMore.").raw == "Title\n\nBody line.\nMore."


def test_lone_surrogate_becomes_replacement_character():
    import json

    article = run_load("Council \ud800 votes. " * 10)
    assert "\ud800" not in article.raw and "\ufffd" in article.raw
    json.dumps(article.raw, ensure_ascii=False).encode("utf-8")
