"""Inputs: files, folders, JSON Lines, JSON, stdin, URLs, feeds, sitemaps and WARC files, each read by a small module into the same stream of articles and Failures.

Reading inputs is kept apart from running the pipeline (``dateline.batch``): an :class:`Inputs`
only yields input articles (``raw`` + the metadata the input brought) and :class:`Failure`
records for inputs that cannot even be read; any runner (this process, a pool, Dask) takes them.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..options import Options
from ..types import Article, Failure
from . import files, jsonarray, jsonl, warc
from .stdin import Stdin
from .urls import UrlItem, fetch_all, is_url, looks_like_address, read_url_list


def fetch_settings(options: Options):
    from .fetch import Settings

    return Settings(max_bytes=options.max_bytes, allow_private=options.allow_private,
                    timeout=options.timeout, per_host=options.per_host, delay=options.delay,
                    robots=options.robots)


class Inputs:
    """Every input named on a command line, in order. ``tally`` counts what was passed over
    (WARC records that are not pages); ``single`` says the whole is one article."""

    def __init__(self, paths: Iterable[str] = (), options: Options | None = None, *,
                 urls: Iterable[str] = (), feeds: Iterable[str] = (),
                 sitemaps: Iterable[str] = (), stdin=None,
                 skip_url: Callable[[str], str | None] | None = None):
        self.paths = [str(p) for p in paths]
        self.options = options or Options()
        self.url_files = list(urls)
        self.feeds = list(feeds)
        self.sitemaps = list(sitemaps)
        self.skip_url = skip_url
        self.tally: Counter = Counter()
        self._stdin = Stdin(stdin, self.options.max_bytes) if "-" in self.paths or \
            "-" in self.url_files else None
        self._fetcher = None
        self._feed_reader = None

    @property
    def fetcher(self):
        if self._fetcher is None:
            from .fetch import Fetcher

            self._fetcher = Fetcher(fetch_settings(self.options))
        return self._fetcher

    @property
    def single(self) -> bool:
        """One article (one text/HTML file, a URL, or stdin holding one), not a batch."""
        if self.url_files or self.feeds or self.sitemaps or len(self.paths) != 1:
            return False
        p = self.paths[0]
        if p == "-":
            return self._stdin.single
        if is_url(p):
            return True
        path = Path(p)
        return not path.is_dir() and not jsonl.is_jsonl(path) and not jsonarray.is_json(path) \
            and not warc.is_warc(path)

    def __iter__(self) -> Iterator[Article | Failure]:
        return self.articles()

    def articles(self) -> Iterator[Article | Failure]:
        """Local inputs are read in place; addresses (URLs, feed and sitemap items) are fetched
        concurrently, in their order among the others."""
        return fetch_all(self._items(), self.fetcher if self._needs_fetch() else None,
                         self.options.concurrency, self.skip_url)

    def _needs_fetch(self) -> bool:
        return bool(self.url_files or self.feeds or self.sitemaps
                    or any(is_url(p) for p in self.paths))

    def _items(self) -> Iterator[Article | Failure | UrlItem]:
        limit = self.options.max_bytes
        for p in self.paths:
            if p == "-":
                yield from self._stdin
            elif is_url(p):
                yield UrlItem(p)
            elif looks_like_address(p) and not Path(p).exists():
                yield Failure(p, "only http and https addresses are fetched")
            else:
                yield from read_path(Path(p), limit, self.tally)
        for f in self.url_files:
            yield from read_url_list(f, self._stdin.stream if self._stdin else None)
        for feed in self.feeds:
            yield from self.feed_reader.items(feed)
        for sitemap in self.sitemaps:
            from .sitemaps import expand

            yield from expand(sitemap, self.fetcher)

    @property
    def feed_reader(self):
        if self._feed_reader is None:
            from .feeds import FeedReader

            self._feed_reader = FeedReader(self.fetcher)
        return self._feed_reader

    def count(self) -> int | None:
        """How many inputs there are, for a progress bar; None when it cannot be known cheaply."""
        if self._stdin or self.url_files or self.feeds or self.sitemaps:
            return None
        total = 0
        for p in self.paths:
            if is_url(p):
                total += 1
                continue
            path = Path(p)
            for f in (files.walk(path) if path.is_dir() else [path]):
                if jsonl.is_jsonl(f):
                    total += jsonl.count_lines(f)
                elif warc.is_warc(f) or jsonarray.is_json(f):
                    return None
                elif files.is_text_name(f) or not path.is_dir():
                    total += 1
        return total

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()


def read_path(path: Path, limit: int, tally: Counter | None = None) -> Iterator[Article | Failure]:
    """The articles of one path on this machine: a folder, JSON Lines, JSON, WARC or one file."""
    if path.is_dir():
        for f in files.walk(path):
            if jsonl.is_jsonl(f) or jsonarray.is_json(f) or warc.is_warc(f) or \
                    files.is_text_name(f):
                yield from read_path(f, limit, tally)
    elif not path.exists():
        yield Failure(str(path), "no such file or folder")
    elif jsonl.is_jsonl(path):
        yield from jsonl.iter_jsonl(path, limit)
    elif jsonarray.is_json(path):
        yield from jsonarray.iter_json(path, limit)
    elif warc.is_warc(path):
        yield from warc.iter_warc(path, limit, tally)
    else:
        yield files.read_file(path, limit)


def iter_inputs(paths: Iterable[str | Path], stdin=None, options: Options | None = None
                ) -> Iterator[Article | Failure]:
    """Articles from every path ('-' is stdin; URLs are fetched)."""
    inputs = Inputs(paths, options, stdin=stdin)
    try:
        yield from inputs
    finally:
        inputs.close()


__all__ = ["Inputs", "iter_inputs", "read_path", "UrlItem"]
