"""URLs: pages fetched concurrently (a bounded window, in input order) into articles with their final url and fetched_at."""
from __future__ import annotations

import io
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..api import make_article
from ..errors import InputError
from ..types import Article, Failure
from .fetch import Fetcher, FetchError, Response

_URL = re.compile(r"^https?://", re.I)


def is_url(text: str) -> bool:
    return bool(_URL.match(text))


def looks_like_address(text: str) -> bool:
    """A scheme-qualified address (ftp:, file:, …) that is not a path on this machine."""
    return bool(re.match(r"^[a-z][a-z0-9+.-]*://", text, re.I))


@dataclass
class UrlItem:
    """An address to fetch, with what a feed or sitemap said about it."""
    url: str
    meta: dict = field(default_factory=dict)


def read_url_list(path: str, stdin=None) -> Iterator[UrlItem | Failure]:
    """--urls FILE: one address a line; blank lines and # comments are passed over."""
    try:
        f = open(path, encoding="utf-8", errors="replace") if path != "-" else \
            io.TextIOWrapper(stdin, encoding="utf-8", errors="replace")
        with f:
            for n, line in enumerate(f, 1):
                line = line.strip()[:10_000]
                if not line or line.startswith("#"):
                    continue
                yield UrlItem(line) if is_url(line) else Failure(
                    f"{path}:{n}", f"not an http or https address: {line[:80]}")
    except OSError as exc:
        yield Failure(path, f"cannot read: {exc.strerror or exc}")


def page_article(item: UrlItem, resp: Response) -> Article:
    """A fetched page as an input article. Bytes that are not UTF-8 are decoded with the
    charset the server declares (else the load stage reads the page's own declaration)."""
    raw: str | bytes = resp.body
    if resp.charset and resp.charset not in ("utf-8", "utf8"):
        try:
            resp.body.decode("utf-8")
        except UnicodeDecodeError:
            try:
                raw = resp.body.decode(resp.charset)
            except (LookupError, UnicodeDecodeError):
                raise FetchError(f"not valid {resp.charset} text although the server declares it")
    meta = {k: v for k, v in item.meta.items() if k in ("title", "published", "description",
                                                          "source") and v}
    article = make_article(raw, id=item.url, url=resp.url, **meta)
    article.fetched_at = resp.fetched_at
    return article


def fetch_one(fetcher: Fetcher, item: UrlItem) -> Article | Failure:
    try:
        return page_article(item, fetcher.get(item.url))
    except InputError as exc:
        return Failure(item.url, exc.reason)
    except Exception as exc:  # a defect in one fetch costs that input only
        return Failure(item.url, f"cannot fetch: {exc!r}"[:300])


def fetch_all(items: Iterable[UrlItem | Failure], fetcher: Fetcher, concurrency: int = 4,
              skip: Callable[[str], str | None] | None = None) -> Iterator[Article | Failure]:
    """Fetch every item with ``concurrency`` threads, at most 2 × that many in flight, yielding
    in input order. ``skip(url)`` may return a reason not to fetch (e.g. already stored)."""
    pending: deque = deque()
    with ThreadPoolExecutor(max(1, concurrency), thread_name_prefix="fetch") as pool:
        try:
            for item in items:
                if not isinstance(item, UrlItem):  # an article read from a file, or a Failure
                    pending.append(item)
                else:
                    reason = skip(item.url) if skip else None
                    pending.append(Failure(item.url, reason, skipped=True) if reason else
                                   pool.submit(fetch_one, fetcher, item))
                while len(pending) > 2 * concurrency:
                    yield _result(pending.popleft())
            while pending:
                yield _result(pending.popleft())
        finally:
            for p in pending:
                if hasattr(p, "cancel"):
                    p.cancel()


def _result(p) -> Article | Failure:
    return p.result() if hasattr(p, "result") else p


def url_source(text: str) -> bool:
    return is_url(text) and not Path(text).exists()
