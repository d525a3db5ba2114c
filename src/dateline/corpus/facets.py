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
#: Facets count at most this many matching articles (the first by row number).
FACET_SCAN = 20_000
#: A histogram over more days than this counts weeks instead.
MAX_DAY_BARS = 120


def matching(query: str | None, **filters) -> tuple[str, list]:
    """SQL selecting the ``n`` of every article the search matches, and its parameters."""
    where, params = article_filters(**filters)
    if query and query.strip() and not where:  # the text index alone
        return "SELECT rowid AS n FROM articles_fts WHERE articles_fts MATCH ?", [query]
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
           scan: int = FACET_SCAN, **filters) -> dict[str, list[dict]]:
    """The most frequent sources, people, organisations, places, languages and months among
    the matching articles: ``{facet: [{"value", "count"}, ...]}``, most frequent first (months
    newest first). One statement: the match set once, each facet grouped, sorted and cut to
    ``limit`` in SQL. The match set is cut to its first ``scan`` articles (by row number), so
    the time is bounded on any corpus (:func:`facets_partial` says whether it was cut)."""
    sql, params = matching(query, **filters)
    kind = "CASE e.type " + " ".join(f"WHEN '{t}' THEN '{k}'" for k, types in KINDS.items()
                                      for t in types) + " END"
    types = ",".join(f"'{t}'" for types in KINDS.values() for t in types)
    statement = (
        f"WITH m(n) AS MATERIALIZED ({sql} LIMIT {int(scan)}), "
        "g AS MATERIALIZED (SELECT a.source AS s, substr(a.published, 1, 7) AS mo, count(*) AS c "
        "FROM m CROSS JOIN articles a ON a.n = m.n GROUP BY s, mo), "
        f"ent AS (SELECT {kind} AS k, e.name AS v, count(DISTINCT e.article) AS c FROM m "
        f"CROSS JOIN entities e ON e.article = m.n WHERE e.type IN ({types}) GROUP BY k, v), "
        "ranked AS (SELECT k, v, c, row_number() OVER (PARTITION BY k ORDER BY c DESC, v) AS r "
        "FROM ent) "
        "SELECT * FROM (SELECT 'source', s, sum(c) AS c FROM g WHERE s <> '' GROUP BY s "
        "ORDER BY c DESC, s LIMIT ?) "
        "UNION ALL SELECT * FROM (SELECT 'date', mo, sum(c) FROM g WHERE length(mo) = 7 "
        "GROUP BY mo ORDER BY mo DESC LIMIT ?) "
        "UNION ALL SELECT k, v, c FROM ranked WHERE r <= ? "
        "UNION ALL SELECT '', n, 0 FROM m")
    out: dict[str, list[dict]] = {f: [] for f in ("source", "person", "org", "place",
                                                  "language", "date")}
    languages, found = _languages(store), Counter()
    for facet, value, count in _rows(store, query, statement, [*params, limit, limit, limit]):
        if facet:
            out[facet].append({"value": value, "count": count})
        elif languages.get(value):  # the rows of the match set: their language, counted here
            found[languages[value]] += 1
    for facet in ("person", "org", "place"):  # the window gives each kind in rank order
        out[facet].sort(key=lambda item: (-item["count"], item["value"]))
    out["language"] = [{"value": v, "count": c}
                       for v, c in sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]
    return out


def facets_partial(store: Store, query: str | None = None, *, scan: int = FACET_SCAN,
                   **filters) -> bool:
    """True when the search matches more than ``scan`` articles: its facets count the first
    ``scan`` of them only."""
    return total(store, query, **filters) > scan


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
