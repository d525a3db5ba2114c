"""The Python API: the functions the CLI, the corpus and the web app all call."""
from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Iterator

from .options import Options
from .types import Article, Failure


@functools.lru_cache(maxsize=8)
def pipeline_for(options: Options):
    """One pipeline per distinct options object, built once per process."""
    from .pipeline import Pipeline

    return Pipeline(options)


def content_id(data: str | bytes) -> str:
    """A stable id for an input without one: the first 16 hex digits of its SHA-256."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    return hashlib.sha256(raw).hexdigest()[:16]


def make_article(raw: str | bytes, *, id: str | None = None, title: str | None = None,
                 published: str | None = None, url: str | None = None, source: str | None = None,
                 description: str | None = None) -> Article:
    return Article(id=id or content_id(raw), raw=raw, title=title, published=published, url=url,
                   source=source, description=description)


def analyze(text_or_html: str | bytes, *, title: str | None = None, published: str | None = None,
            url: str | None = None, options: Options | None = None, id: str | None = None,
            source: str | None = None) -> Article:
    """Analyse one article (plain text or HTML). Raises InputError when it cannot be analysed."""
    article = make_article(text_or_html, id=id, title=title, published=published, url=url,
                           source=source)
    return pipeline_for(options or Options()).run(article)


def analyze_many(articles: Iterable[Article | Failure], options: Options | None = None
                 ) -> Iterator[Article | Failure]:
    """Analyse articles (see :func:`make_article`) as a stream, in input order, in this process.
    A failed input yields a :class:`Failure` in its place (and a Failure given as input is
    passed through in place); the others go through."""
    return pipeline_for(options or Options()).run_many(articles)
