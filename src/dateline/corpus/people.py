"""People across the corpus: how often each is named, with which titles, what they said, and
when they were first and last seen. Plain dicts and lists, like search.py.

People are grouped by the canonical name each article gives them (the fullest form used in the
article), so "Donald Trump" in one article and "Trump" alone in another are two rows.
"""
from __future__ import annotations

import json
from collections import Counter

from .features import day_text
from .search import _like
from .store import Store


def _titles(store: Store, name: str, limit: int = 5) -> list[dict]:
    counts: Counter[str] = Counter()
    for (titles,) in store.conn.execute(
            "SELECT titles FROM entities WHERE type = 'PERSON' AND name = ?", (name,)):
        for title in json.loads(titles or "[]"):
            if isinstance(title, str) and title.strip():
                counts[title.strip()] += 1
    return [{"title": t, "count": c} for t, c in counts.most_common(limit)]


def _quote_count(store: Store, name: str) -> int:
    return store.conn.execute("SELECT count(*) FROM quotes WHERE speaker = ?",
                              (name,)).fetchone()[0]


def people(store: Store, name: str | None = None, *, limit: int | None = 50,
           offset: int = 0) -> list[dict]:
    """People, most widely covered first (articles, then mentions); ``name`` keeps those whose
    name contains it. Each: name, articles, mentions, titles, quotes, first_seen, last_seen."""
    where = "e.type = 'PERSON'"
    params: list = []
    if name:
        where += " AND e.name LIKE ? ESCAPE '\\'"
        params.append(_like(name))
    with store.guard():
        rows = store.conn.execute(
            "SELECT e.name, count(DISTINCT e.article) AS articles, sum(e.mentions) AS mentions, "
            "min(a.day) AS first_day, max(a.day) AS last_day "
            f"FROM entities e JOIN articles a ON a.n = e.article WHERE {where} "
            "GROUP BY e.name ORDER BY articles DESC, mentions DESC, e.name LIMIT ? OFFSET ?",
            [*params, -1 if limit is None else limit, offset]).fetchall()
        return [{"name": r["name"], "articles": r["articles"], "mentions": r["mentions"] or 0,
                 "titles": _titles(store, r["name"]), "quotes": _quote_count(store, r["name"]),
                 "first_seen": day_text(r["first_day"]), "last_seen": day_text(r["last_day"])}
                for r in rows]


def person(store: Store, name: str, *, quotes: int = 10, articles: int = 10) -> dict | None:
    """One person by exact name (case-insensitive): the figures of :func:`people`, plus their
    latest quotes and articles. None when nobody has that name."""
    with store.guard():
        row = store.conn.execute(
            "SELECT name FROM entities WHERE type = 'PERSON' AND name = ? COLLATE NOCASE "
            "LIMIT 1", (name,)).fetchone()
        if row is None:
            return None
        exact = row["name"]
        found = [p for p in people(store, exact, limit=None) if p["name"] == exact]
        if not found:
            return None
        result = found[0]
        result["recent_quotes"] = [dict(r) for r in store.conn.execute(
            "SELECT q.text, q.cue, a.id AS article, a.title, a.published FROM quotes q "
            "JOIN articles a ON a.n = q.article WHERE q.speaker = ? "
            "ORDER BY a.day DESC, a.n DESC, q.pos LIMIT ?", (exact, quotes))]
        result["recent_articles"] = [dict(r) for r in store.conn.execute(
            "SELECT a.id, a.title, a.published, a.source, a.story FROM entities e "
            "JOIN articles a ON a.n = e.article WHERE e.type = 'PERSON' AND e.name = ? "
            "ORDER BY a.day DESC, a.n DESC LIMIT ?", (exact, articles))]
    return result
