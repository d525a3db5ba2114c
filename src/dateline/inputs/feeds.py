"""RSS and Atom feeds (feedparser): each item an address to fetch with the feed's title, date and description; conditional requests."""
from __future__ import annotations

import calendar
import html
import re
from collections.abc import Iterator
from datetime import datetime, timezone

from ..errors import InputError
from ..types import Failure
from .fetch import XML_TYPES, Fetcher
from .urls import UrlItem, is_url

_TAG = re.compile(r"<[^>]*>")


def _plain(text: str | None) -> str | None:
    if not text:
        return None
    return re.sub(r"\s+", " ", html.unescape(_TAG.sub(" ", text))).strip() or None


def _date(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            try:
                return datetime.fromtimestamp(calendar.timegm(value), timezone.utc).date().isoformat()
            except (OverflowError, ValueError, OSError):
                continue
    return None


class FeedReader:
    """Reads feeds, remembering each one's ETag and Last-Modified so that a later round asks
    only for what changed (HTTP 304 gives no items)."""

    def __init__(self, fetcher: Fetcher):
        self.fetcher = fetcher
        self.validators: dict[str, dict[str, str]] = {}

    def items(self, feed_url: str) -> Iterator[UrlItem | Failure]:
        try:
            resp = self.fetcher.get(feed_url, accept=XML_TYPES,
                                    headers=self.validators.get(feed_url))
        except InputError as exc:
            yield Failure(feed_url, exc.reason)
            return
        if resp.status == 304:
            return
        validators = {}
        if resp.headers.get("etag"):
            validators["If-None-Match"] = resp.headers["etag"]
        if resp.headers.get("last-modified"):
            validators["If-Modified-Since"] = resp.headers["last-modified"]
        self.validators[feed_url] = validators
        import feedparser

        parsed = feedparser.parse(resp.body, response_headers={"content-location": resp.url})
        if not parsed.entries and (parsed.bozo or not parsed.get("version")):
            yield Failure(feed_url, "not an RSS or Atom feed")
            return
        source = _plain(parsed.feed.get("title"))
        for entry in parsed.entries:
            link = entry.get("link")
            if not link or not is_url(link):
                yield Failure(f"{feed_url}#{entry.get('id') or entry.get('title') or '?'}"[:300],
                              "feed item without an http(s) link")
                continue
            yield UrlItem(link, {"title": _plain(entry.get("title")), "published": _date(entry),
                                 "description": _plain(entry.get("summary")),
                                 "source": source})
