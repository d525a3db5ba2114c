"""One name per outlet: "NYTimes" (a page's site name) and "www.nytimes.com" (an address) are
the same source, counted once.

The key of an outlet is the name of its registered domain, without the public suffix
("nytimes" for www.nytimes.com, "bbc" for news.bbc.co.uk), found with the Public Suffix List of
the ``tld`` package (installed with trafilatura); a source that is not an address is folded to
its lower-case letters and digits ("NYTimes" → "nytimes"). The address of the article, when it
has one, wins over the name it gives: it names the outlet that published it.
"""
from __future__ import annotations

import functools
import re

_HOST = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)?([^/\s:?#]+\.[^/\s:?#]+)", re.IGNORECASE)


@functools.lru_cache(maxsize=4096)
def _domain(text: str) -> str | None:
    """The registered domain's name of an address or host name, else None."""
    from tld import get_tld

    match = _HOST.match(text.strip())
    if not match:
        return None
    host = match.group(1).lower().rstrip(".")
    found = get_tld(host, as_object=True, fail_silently=True, fix_protocol=True)
    if found is None or not found.domain:
        return None
    return found.domain


def outlet(source: str | None, url: str | None = None) -> str | None:
    """The key of the outlet of an article with this ``source`` and ``url`` (None when neither
    says)."""
    for text in (url, source):
        if text and " " not in text.strip():
            domain = _domain(text)
            if domain:
                return domain
    if source and source.strip():
        folded = re.sub(r"[\W_]+", "", source.casefold())
        return folded or source.strip().casefold()
    return None
