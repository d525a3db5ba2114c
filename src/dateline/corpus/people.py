"""People across the corpus, one row per identity (corpus/identities.py): coverage, titles, aliases, quotes.

Plain dicts and lists, like search.py. The list keeps identities with person evidence in some
article, that are typed PERSON by more articles than type the same name otherwise (ORG, GPE,
PRODUCT ...), and that are not a partial name ("Obama") left unresolved between several people.
"""
from __future__ import annotations

from .features import day_text
from .identities import has_schema
from .search import _like
from .store import CorpusError, Store

#: An identity a reader should see as a person (see the module docstring).
LISTED = (
    "i.evidence > 0 AND i.articles > coalesce((SELECT sum(nt.count) FROM identity_keys k "
    "JOIN name_types nt ON nt.key = k.key WHERE k.identity = i.id AND k.kind = 'name' "
    "AND nt.type != 'PERSON'), 0) AND NOT EXISTS (SELECT 1 FROM identity_keys t "
    "WHERE t.key = i.key AND t.kind = 'tail' AND t.identity != i.id)")


def _check(store: Store) -> None:
    if not has_schema(store):
        raise CorpusError(f"{store.path} has no person identities yet; build them with "
                          f"`dateline relink --db {store.path}`")


def _row(store: Store, r) -> dict:
    titles = store.conn.execute("SELECT title, count FROM identity_titles WHERE identity = ? "
                                "ORDER BY count DESC, title LIMIT 5", (r["id"],)).fetchall()
    aliases = store.conn.execute("SELECT alias, count FROM identity_aliases WHERE identity = ? "
                                 "ORDER BY count DESC, alias", (r["id"],)).fetchall()
    gender = "male" if r["male"] > r["female"] else "female" if r["female"] > r["male"] else None
    return {"id": r["id"], "name": r["name"], "articles": r["articles"],
            "mentions": r["mentions"], "quotes": r["quotes"],
            "titles": [{"title": t, "count": c} for t, c in titles],
            "aliases": [{"alias": a, "count": c} for a, c in aliases], "gender": gender,
            "first_seen": day_text(r["first_day"]), "last_seen": day_text(r["last_day"])}


def _listed(name: str | None) -> tuple[str, list]:
    where, params = LISTED, []
    if name:
        where += (" AND i.id IN (SELECT identity FROM identity_aliases "
                  "WHERE alias LIKE ? ESCAPE '\\')")
        params.append(_like(name))
    return where, params


def count_people(store: Store, name: str | None = None) -> int:
    """How many people :func:`people` lists (for totals beside a page of them)."""
    with store.guard():
        _check(store)
        where, params = _listed(name)
        return store.conn.execute(f"SELECT count(*) FROM identities i WHERE {where}",
                                  params).fetchone()[0]


def people(store: Store, name: str | None = None, *, limit: int | None = 50,
           offset: int = 0) -> list[dict]:
    """People (identities), most widely covered first (articles, then mentions); ``name``
    keeps those with an alias containing it. Each: id, name (canonical), articles, mentions,
    quotes, titles [{title, count}], aliases [{alias, count}], gender, first_seen, last_seen."""
    with store.guard():
        _check(store)
        where, params = _listed(name)
        rows = store.conn.execute(
            f"SELECT i.* FROM identities i WHERE {where} ORDER BY i.articles DESC, "
            "i.mentions DESC, i.name LIMIT ? OFFSET ?",
            [*params, -1 if limit is None else limit, offset]).fetchall()
        return [_row(store, r) for r in rows]


def find(store: Store, name: str) -> list[int]:
    """The identities answering to ``name`` exactly (any alias, any case), most covered first."""
    with store.guard():
        _check(store)
        return [r[0] for r in store.conn.execute(
            "SELECT i.id FROM identity_aliases a JOIN identities i ON i.id = a.identity "
            "WHERE a.alias = ? COLLATE NOCASE GROUP BY i.id "
            "ORDER BY i.articles DESC, i.id", (name,))]


def identity(store: Store, ident: int, *, quotes: int = 10, articles: int = 10) -> dict | None:
    """One identity by id: the figures of :func:`people`, its latest quotes and articles, and
    the identities merged into it."""
    with store.guard():
        _check(store)
        row = store.conn.execute("SELECT * FROM identities WHERE id = ?", (ident,)).fetchone()
        if row is None:
            return None
        result = _row(store, row)
        result["recent_quotes"] = [dict(r) for r in store.conn.execute(
            "SELECT q.text, q.cue, a.id AS article, a.title, a.published FROM person_links l "
            "JOIN quotes q ON q.article = l.article AND q.speaker = l.name "
            "JOIN articles a ON a.n = l.article WHERE l.identity = ? "
            "ORDER BY a.day DESC, a.n DESC, q.pos LIMIT ?", (ident, quotes))]
        result["recent_articles"] = [dict(r) for r in store.conn.execute(
            "SELECT a.id, a.title, a.published, a.source, a.story FROM person_links l "
            "JOIN articles a ON a.n = l.article WHERE l.identity = ? "
            "ORDER BY a.day DESC, a.n DESC LIMIT ?", (ident, articles))]
        result["merged"] = [dict(r) for r in store.conn.execute(
            "SELECT from_identity AS id, name, reason FROM identity_merges "
            "WHERE into_identity = ?", (ident,))]
    return result


def person(store: Store, name: str, *, quotes: int = 10, articles: int = 10) -> dict | None:
    """One person by any alias (case-insensitive): the most covered identity answering to it,
    with latest quotes and articles; ``others`` lists other identities with that alias. None
    when nobody has that name."""
    found = find(store, name)
    if not found:
        return None
    result = identity(store, found[0], quotes=quotes, articles=articles)
    if result is not None:
        result["others"] = found[1:]
    return result
