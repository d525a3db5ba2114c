"""Counting what a search matches: its total, facets (top values with counts), articles per day
or week, the totals of the other lists, and what one entity co-occurs with.

The same filters and FTS5 query as :func:`dateline.corpus.search.search`, so a count always
agrees with the list it counts. Plain dicts and lists, like search.py.
"""
from __future__ import annotations

import threading
from collections import Counter
from datetime import date

from .search import PLACE_TYPES, _fts, _like, article_filters
from .store import Store

#: Entity types of each entity facet / page kind.
KINDS = {"person": ("PERSON",), "org": ("ORG",), "place": PLACE_TYPES}
FACET_LIMIT = 10
#: A histogram over more days than this counts weeks instead.
MAX_DAY_BARS = 120


def matching(query: str | None, **filters) -> tuple[str, list]:
    """SQL selecting the ``n`` of every article the search matches, and its parameters."""
    where, params = article_filters(**filters)
    if query and query.strip():
        sql = ("SELECT a.n FROM articles_fts JOIN articles a ON a.n = articles_fts.rowid "
               "WHERE articles_fts MATCH ?" + "".join(" AND " + w for w in where))
        return sql, [query, *params]
    return "SELECT a.n FROM articles a" + (" WHERE " + " AND ".join(where) if where else ""), \
        params


def _rows(store: Store, query: str | None, sql: str, params: list):
    with store.guard():
        return _fts(store, query or "", sql, params)


def total(store: Store, query: str | None = None, **filters) -> int:
    """How many articles the search matches (all of them, not one page)."""
    sql, params = matching(query, **filters)
    return _rows(store, query, f"SELECT count(*) FROM ({sql})", params)[0][0]


def facets(store: Store, query: str | None = None, *, limit: int = FACET_LIMIT,
           **filters) -> dict[str, list[dict]]:
    """The most frequent sources, people, organisations, places, languages and months among
    the matching articles: ``{facet: [{"value", "count"}, ...]}``, most frequent first (months
    newest first). Two passes over the matches, counted here."""
    sql, params = matching(query, **filters)
    counts: dict[str, Counter] = {f: Counter() for f in ("source", "person", "org", "place",
                                                         "language", "date")}
    languages = _languages(store)
    for n, source, published in _rows(
            store, query, f"SELECT a.n, a.source, a.published FROM articles a "
            f"WHERE a.n IN ({sql})", params):
        if source:
            counts["source"][source] += 1
        if published and len(published) >= 7:
            counts["date"][published[:7]] += 1
        if languages.get(n):
            counts["language"][languages[n]] += 1
    kind_of = {t: kind for kind, types in KINDS.items() for t in types}
    for name, kind, articles in _rows(
            store, query, "SELECT e.name, e.type, count(DISTINCT e.article) FROM "
            f"({sql}) m JOIN entities e ON e.article = m.n GROUP BY e.type, e.name", params):
        if kind in kind_of:
            counts[kind_of[kind]][name] += articles
    out = {}
    for facet, counter in counts.items():
        if facet == "date":
            top = sorted(counter.items(), reverse=True)[:limit]
        else:
            top = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
        out[facet] = [{"value": v, "count": c} for v, c in top]
    return out


_LANGUAGES: dict[str, tuple[int, dict[int, str]]] = {}
_LANGUAGES_LOCK = threading.Lock()


def _languages(store: Store) -> dict[int, str]:
    """Each article's language by row number, read from the records once per process and
    then only for rows added since (parsing every matching record per search is the slow
    part of the facets otherwise)."""
    with _LANGUAGES_LOCK:
        last, known = _LANGUAGES.get(store.path, (0, {}))
        rows = store.rows("SELECT n, json_extract(record, '$.language') FROM articles "
                          "WHERE n > ?", (last,))
        if rows:
            known = dict(known)
            known.update((n, lang) for n, lang in rows if lang)
            last = max(last, max(n for n, _ in rows))
            _LANGUAGES[store.path] = (last, known)
        return known


def _bars(rows) -> dict:
    """Per-day counts as bars by day, or by week (from Monday) over a long span."""
    counts = {r[0]: r[1] for r in rows if r[0]}
    if not counts:
        return {"by": "day", "bars": []}
    first, last = min(counts), max(counts)
    by, step = ("day", 1) if last - first < MAX_DAY_BARS else ("week", 7)
    start = first - (first - 1) % step
    bars = []
    for day in range(start, last + 1, step):
        n = sum(counts.get(d, 0) for d in range(day, day + step))
        bars.append({"date": date.fromordinal(day).isoformat(), "count": n})
    return {"by": by, "bars": bars}


def histogram(store: Store, query: str | None = None, **filters) -> dict:
    """Matching articles per day (or per week over a long span): ``{"by", "bars": [{"date",
    "count"}]}`` with the empty days in, oldest first; undated articles are left out."""
    sql, params = matching(query, **filters)
    return _bars(_rows(store, query, "SELECT a.day, count(*) FROM articles a "
                       f"WHERE a.n IN ({sql}) GROUP BY a.day", params))


# ---- one entity ---------------------------------------------------------------------------------

def _entity_where(kind: str) -> str:
    types = ",".join(f"'{t}'" for t in KINDS[kind])
    return f"e.type IN ({types}) AND e.name = ? COLLATE NOCASE"


def entity(store: Store, kind: str, name: str, *, articles: int = 10) -> dict | None:
    """An organisation or a place (``kind`` "org"/"place"; "person" works too) by exact name:
    articles, mentions, first/last seen, latest articles. None when nothing has that name."""
    where = _entity_where(kind)
    with store.guard():
        row = store.conn.execute(
            "SELECT min(e.name) AS name, count(DISTINCT e.article) AS articles, "
            "sum(e.mentions) AS mentions, min(a.day) AS first, max(a.day) AS last "
            f"FROM entities e JOIN articles a ON a.n = e.article WHERE {where}",
            (name,)).fetchone()
        if row is None or not row["articles"]:
            return None
        recent = [dict(r) for r in store.conn.execute(
            "SELECT DISTINCT a.id, a.title, a.published, a.source, a.story FROM entities e "
            f"JOIN articles a ON a.n = e.article WHERE {where} "
            "ORDER BY a.day DESC, a.n DESC LIMIT ?", (name, articles))]
    day = lambda d: date.fromordinal(d).isoformat() if d else None  # noqa: E731
    return {"name": row["name"], "kind": kind, "articles": row["articles"],
            "mentions": row["mentions"] or 0, "first_seen": day(row["first"]),
            "last_seen": day(row["last"]), "recent_articles": recent}


def cooccurring(store: Store, kind: str, name: str, *, limit: int = FACET_LIMIT) -> dict:
    """The people, organisations and places named in the most articles that also name this
    entity: ``{kind: [{"value", "count"}]}``."""
    inner = f"SELECT e.article FROM entities e WHERE {_entity_where(kind)}"
    out = {}
    with store.guard():
        for other, types in KINDS.items():
            marks = ",".join("?" * len(types))
            rows = store.conn.execute(
                "SELECT o.name AS value, count(DISTINCT o.article) AS count FROM entities o "
                f"WHERE o.article IN ({inner}) AND o.type IN ({marks}) "
                "AND NOT (o.name = ? COLLATE NOCASE) GROUP BY o.name "
                "ORDER BY count DESC, value LIMIT ?", (name, *types, name, limit)).fetchall()
            out[other] = [{"value": r["value"], "count": r["count"]} for r in rows]
    return out


def attention(store: Store, kind: str, name: str) -> dict:
    """Articles naming this entity per day (or week), as :func:`histogram`."""
    with store.guard():
        rows = store.conn.execute(
            "SELECT a.day, count(DISTINCT a.n) FROM entities e JOIN articles a ON a.n = e.article "
            f"WHERE {_entity_where(kind)} GROUP BY a.day", (name,)).fetchall()
    return _bars(rows)


def story_days(store: Store, story: int) -> dict:
    """A story's articles per day (or week), as :func:`histogram`."""
    return _bars(store.rows("SELECT day, count(*) FROM articles WHERE story = ? GROUP BY day",
                            (story,)))


def speaker_quotes(store: Store, name: str, *, limit: int = 20) -> tuple[int, list[dict]]:
    """Quotes attributed to exactly this speaker name (any case), newest first, and how many
    there are: for speakers that are no person entity (an organisation, "the company")."""
    with store.guard():
        count = store.conn.execute("SELECT count(*) FROM quotes WHERE speaker = ? "
                                   "COLLATE NOCASE", (name,)).fetchone()[0]
        rows = store.conn.execute(
            "SELECT q.text, q.cue, a.id AS article, a.title, a.published FROM quotes q "
            "JOIN articles a ON a.n = q.article WHERE q.speaker = ? COLLATE NOCASE "
            "ORDER BY a.day DESC, a.n DESC, q.pos LIMIT ?", (name, limit)).fetchall()
    return count, [dict(r) for r in rows]


# ---- totals of the other lists ------------------------------------------------------------------

def total_quotes(store: Store, query: str | None = None, *, speaker: str | None = None,
                 **filters) -> int:
    """How many quotes :func:`dateline.corpus.search.quotes` would list."""
    where, params = article_filters(**filters)
    if speaker:
        where.append("q.speaker LIKE ? ESCAPE '\\'")
        params.append(_like(speaker))
    if query and query.strip():
        sql = ("SELECT count(*) FROM quotes_fts JOIN quotes q ON q.n = quotes_fts.rowid "
               "JOIN articles a ON a.n = q.article WHERE quotes_fts MATCH ?"
               + "".join(" AND " + w for w in where))
        return _rows(store, query, sql, [query, *params])[0][0]
    sql = ("SELECT count(*) FROM quotes q JOIN articles a ON a.n = q.article"
           + (" WHERE " + " AND ".join(where) if where else ""))
    return store.one(sql, params)[0]


def total_people(store: Store, name: str | None = None) -> int:
    """How many people :func:`dateline.corpus.people.people` would list (identities)."""
    from .people import count_people

    return count_people(store, name)


def total_failures(store: Store) -> int:
    return store.one("SELECT count(*) FROM failures")[0]


def total_stories(store: Store, **filters) -> int:
    """How many stories :func:`dateline.corpus.timeline.list_stories` would list."""
    from .timeline import story_filters

    where, params = story_filters(**filters)
    return store.one("SELECT count(*) FROM stories s WHERE " + " AND ".join(where), params)[0]
