"""Sitemaps (XML, gzip, sitemap indexes followed to nested sitemaps): article addresses, with news:title and dates where given."""
from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from collections.abc import Iterator

from ..errors import InputError
from ..types import Failure
from .fetch import XML_TYPES, Fetcher
from .reading import gunzip_bounded
from .urls import UrlItem, is_url

MAX_DEPTH = 3             # an index of indexes of sitemaps, no deeper
MAX_SITEMAPS = 1000       # sitemaps read from one --sitemap, at most


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def parse(body: bytes) -> tuple[list[str], list[UrlItem]]:
    """(nested sitemap addresses, page items) of one sitemap document."""
    nested: list[str] = []
    pages: list[UrlItem] = []
    for _event, elem in ET.iterparse(io.BytesIO(body), events=("end",)):
        name = _local(elem.tag)
        if name not in ("sitemap", "url"):
            continue
        fields = {}
        for child in elem.iter():
            key = _local(child.tag)
            if key in ("loc", "title", "publication_date", "lastmod") and child.text and \
                    key not in fields:
                fields[key] = child.text.strip()
        loc = fields.get("loc", "")
        if name == "sitemap" and is_url(loc):
            nested.append(loc)
        elif name == "url" and is_url(loc):
            date = fields.get("publication_date")
            pages.append(UrlItem(loc, {"title": fields.get("title"),
                                       "published": date[:10] if date else None}))
        elem.clear()
    return nested, pages


def expand(sitemap_url: str, fetcher: Fetcher) -> Iterator[UrlItem | Failure]:
    """The page addresses of a sitemap or sitemap index, nested sitemaps read depth first."""
    seen: set[str] = set()
    stack = [(sitemap_url, 0)]
    while stack and len(seen) < MAX_SITEMAPS:
        url, depth = stack.pop()
        if url in seen:
            continue
        seen.add(url)
        try:
            body = fetcher.get(url, accept=XML_TYPES).body
            if body[:2] == b"\x1f\x8b":
                body = gunzip_bounded(body, fetcher.s.max_bytes)
            nested, pages = parse(body)
        except InputError as exc:
            yield Failure(url, exc.reason)
            continue
        except ET.ParseError as exc:
            yield Failure(url, f"not a sitemap: {exc}")
            continue
        yield from pages
        if depth >= MAX_DEPTH and nested:
            yield Failure(url, f"sitemap index nested more than {MAX_DEPTH} deep: "
                               f"{len(nested)} sitemaps left out")
            continue
        stack.extend((n, depth + 1) for n in reversed(nested))
