"""Reading stories: the list of stories, and one story as a timeline of its articles.

Plain dicts and lists, like search.py; the grouping itself is in stories.py.
"""
from __future__ import annotations

import json

from .search import _limit, article_filters, parse_day
from .store import Store

SORTS = {"recent": "s.last_day DESC, s.size DESC, s.id DESC",
         "size": "s.size DESC, s.last_day DESC, s.id DESC",
         "oldest": "s.first_day, s.id"}


def main_people(store: Store, story: int, limit: int = 3) -> list[str]:
    """The people named in most of a story's articles."""
    rows = store.conn.execute(
        "SELECT e.name, count(DISTINCT e.article) AS articles, sum(e.mentions) AS mentions "
        "FROM articles a JOIN entities e ON e.article = a.n "
        "WHERE a.story = ? AND e.type = 'PERSON' GROUP BY e.name "
        "ORDER BY articles DESC, mentions DESC, e.name LIMIT ?", (story, limit)).fetchall()
    return [r["name"] for r in rows]


def _story_row(store: Store, row) -> dict:
    sources = store.conn.execute("SELECT count(DISTINCT outlet(source, url)) FROM articles "
                                 "WHERE story = ?",
                                 (row["id"],)).fetchone()[0]
    return {"id": row["id"], "headline": row["headline"], "size": row["size"],
            "first": row["first"], "last": row["last"], "sources": sources,
            "people": main_people(store, row["id"])}


def list_stories(store: Store, *, since: str | None = None, until: str | None = None,
                 min_size: int = 1, person: str | None = None, query: str | None = None,
                 sort: str = "recent", limit: int | None = 20, offset: int = 0) -> list[dict]:
    """Stories with a headline, size, time span, number of sources and main people.

    ``since``/``until`` keep stories whose span overlaps the period; ``person`` and ``query``
    (a word of the headline) narrow them."""
    where, params = story_filters(since=since, until=until, min_size=min_size, person=person,
                                  query=query)
    order = SORTS.get(sort, SORTS["recent"])
    with store.guard():
        rows = store.conn.execute(
            "SELECT s.id, s.headline, s.size, s.first, s.last FROM stories s WHERE "
            + " AND ".join(where) + f" ORDER BY {order} LIMIT ? OFFSET ?",
            [*params, _limit(limit), offset]).fetchall()
        return [_story_row(store, r) for r in rows]


def story_filters(*, since: str | None = None, until: str | None = None, min_size: int = 1,
                  person: str | None = None, query: str | None = None) -> tuple[list[str], list]:
    """SQL conditions (and parameters) on the stories table ``s`` for the list's filters."""
    where = ["s.merged_into IS NULL", "s.size >= ?"]
    params: list = [min_size]
    if since:
        where.append("s.last_day >= ?")
        params.append(parse_day(since))
    if until:
        where.append("s.first_day <= ?")
        params.append(parse_day(until, end=True))
    if person:
        conditions, values = article_filters(person=person)
        where.append("s.id IN (SELECT a.story FROM articles a WHERE " + " AND ".join(conditions)
                     + ")")
        params += values
    if query:
        where.append("s.headline LIKE ?")
        params.append(f"%{query}%")
    return where, params


def _answer(value) -> str | None:
    if isinstance(value, dict):
        return value.get("text")
    return value if isinstance(value, str) else None


def main_event(record: dict) -> dict:
    """who / what / when of the article's main event (events[0]); empty values when none."""
    events = record.get("events") or []
    event = events[0] if events and isinstance(events[0], dict) else {}
    when = event.get("when")
    return {"who": _answer(event.get("who")), "what": _answer(event.get("what")),
            "when": _answer(when),
            "when_date": when.get("date") if isinstance(when, dict) else None}


def resolve(store: Store, story: int) -> int | None:
    """The live id of a story (a merged story points at the one it went into)."""
    seen = set()
    while story not in seen:
        seen.add(story)
        row = store.one("SELECT id, merged_into FROM stories WHERE id = ?", (story,))
        if row is None:
            return None
        if row["merged_into"] is None:
            return row["id"]
        story = row["merged_into"]
    return None


def _other_parts(store: Store, old: int, live: int) -> list[int]:
    """The other live stories that articles of an old story went to (a split by a rebuild)."""
    if store.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'story_moves'").fetchone() \
            is None:
        return []
    parts = {resolve(store, r[0]) for r in store.conn.execute(
        "SELECT new FROM story_moves WHERE old = ? ORDER BY articles DESC, new", (old,))}
    return sorted(p for p in parts if p is not None and p != live)


def get_story(store: Store, story: int) -> dict | None:
    """One story: headline, span, main people, and the timeline of its articles (oldest first),
    each with its main event. None when there is no such story."""
    live = resolve(store, int(story))
    if live is None:
        return None
    with store.guard():
        row = store.conn.execute("SELECT id, headline, size, first, last FROM stories "
                                 "WHERE id = ?", (live,)).fetchone()
        result = _story_row(store, row)
        result["merged_from"] = int(story) if live != int(story) else None
        result["also_in"] = _other_parts(store, int(story), live) if live != int(story) else []
        result["people"] = main_people(store, live, limit=8)
        articles = []
        for a in store.conn.execute(
                "SELECT id, input_id, title, published, source, url, duplicate_of, record "
                "FROM articles WHERE story = ? ORDER BY day IS NULL, day, n", (live,)):
            record = json.loads(a["record"])
            articles.append({"id": a["id"], "input_id": a["input_id"], "title": a["title"],
                             "published": a["published"], "source": a["source"], "url": a["url"],
                             "duplicate_of": a["duplicate_of"], "event": main_event(record),
                             "summary": record.get("summary")})
    result["articles"] = articles
    return result
