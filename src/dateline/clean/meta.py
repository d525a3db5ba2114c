"""The page's own metadata in plain text: where its headline stands, and its date.

* :func:`locate_title` finds the headline line: the one equal to the given title, or the
  headline-like line that best matches the words of the page's URL.
* :func:`parse_date` reads a written-out date ("Updated 10:32 am, Tuesday, March 3, 2020").
"""
from __future__ import annotations

import re

from . import blocks as B
from . import lang, rules


def _title_case(words: list[str]) -> bool:
    """Most longer words capitalised: "Pence Gives GOP A Boost With Solid Debate Win"."""
    long = [w for w in words if len(w) > 3 and w[0].isalpha()]
    return len(long) >= 2 and sum(w[0].isupper() for w in long) >= 0.75 * len(long)


def looks_like_headline(text: str) -> bool:
    """A title-like line: a few words, capital first, no full stop at the end (unless Title Case)."""
    words = text.split()
    if not 2 <= len(words) <= 30 or len(text) > 220:
        return False
    if re.search(r"[,;:][\"”’'»)]*$", text):
        return False
    if re.search(r"\.[\"”’'»)]*$", text) and not text.endswith("...") and not _title_case(words):
        return False
    if not (text[0].isupper() or text[0].isdigit() or text[0] in "\"“‘'¿¡"):
        return False
    return True


def slug_words(url: str | None) -> set[str]:
    if not url:
        return set()
    path = re.sub(r"^[a-z]+://[^/]+", "", url.lower())
    return {w for w in re.findall(r"[a-z]{3,}", path) if w not in {"html", "htm", "php", "www",
                                                                   "news", "article", "story"}}


def _norm(text: str) -> str:
    return " ".join(lang.words(text))


def _prose_after(blocks: list[B.Block], i: int, span: int = 12) -> int:
    return sum(b.words for b in blocks[i + 1:i + 1 + span] if b.cls == B.GOOD and b.reason is None)


def locate_title(blocks: list[B.Block], title: str | None, url: str | None) -> int | None:
    """Index of the page's headline line: the line equal to the given title, or the headline-like
    line that best matches the words of the URL. Of equal candidates (a headline is often
    repeated in 'trending' lists), the first one followed by prose."""
    cands: list[tuple[float, int, int]] = []
    if title:
        t = _norm(title)
        for b in blocks:
            if t and _norm(b.text) == t:
                cands.append((1.0, _prose_after(blocks, b.index), b.index))
    else:
        slug = slug_words(url)
        for b in blocks if slug else ():
            ws = set(lang.words(b.text))
            if not ws or b.reason not in (None, rules.TEASER, rules.REPEATED) \
                    or not looks_like_headline(b.text):
                continue
            s = len(ws & slug) / len(ws | slug)
            if s >= 0.4:
                cands.append((round(s, 1), _prose_after(blocks, b.index), b.index))
    if not cands:
        return None
    top = max(c[0] for c in cands)
    best = [c for c in cands if c[0] == top]
    # the first such line that a stretch of prose follows; failing that, the most prose
    followed = [c for c in best if c[1] >= 60]
    return min(followed, key=lambda c: c[2])[2] if followed else max(best, key=lambda c: c[1])[2]


_MONTH_NUM = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_FULL_DATE = re.compile(rf"(?:(?P<m1>{rules.MONTHS})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
                        rf"(?P<y1>\d{{4}})|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{rules.MONTHS}),?"
                        rf"\s+(?P<y2>\d{{4}})|(?P<iso>\d{{4}}-\d{{2}}-\d{{2}}))", re.I)


def parse_date(text: str) -> str | None:
    """YYYY-MM-DD from the first full date written out in a line ("Nov 19, 2019", "19 November
    2019", "2019-11-19"); None when there is none (a bare "11/19/19" is left alone)."""
    m = _FULL_DATE.search(text)
    if not m:
        return None
    if m.group("iso"):
        return m.group("iso")
    month = (m.group("m1") or m.group("m2"))[:3].lower()
    day, year = int(m.group("d1") or m.group("d2")), int(m.group("y1") or m.group("y2"))
    if not 1 <= day <= 31 or month not in _MONTH_NUM:
        return None
    return f"{year:04d}-{_MONTH_NUM[month]:02d}-{day:02d}"


def published(blocks: list[B.Block], start: int, title_at: int | None) -> str | None:
    """The date of the date line (or byline) between the headline and the article's top, or
    just before the article when the headline is not known."""
    lo = title_at if title_at is not None and title_at < start else max(0, start - 5)
    for b in blocks[lo:start + 3]:
        if b.reason in (rules.DATE, rules.BYLINE):
            date = parse_date(b.text)
            if date:
                return date
    return None
