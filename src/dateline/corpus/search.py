"""Reading the corpus: full-text search with filters, quotes, stories, one article, failures.

Every function takes an open :class:`~dateline.corpus.store.Store` (read-only is enough) and
returns plain dicts and lists, ready for JSON; the CLI and the web app only format them.
Text queries use SQLite FTS5 syntax (words, "a phrase", AND/OR/NOT, prefix*); a query FTS5
cannot read raises :class:`~dateline.corpus.store.QueryError` with a readable reason.
"""
from __future__ import annotations

import calendar
import json
import re
import sqlite3
from datetime import date

from .identities import has_schema, person_alias_sql, speaker_name_sql
from .store import CorpusError, QueryError, Store

PLACE_TYPES = ("GPE", "LOC", "FAC")
_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
MARKS = ("[", "]")


# ---- filters ----------------------------------------------------------------------------------

def parse_day(text: str, *, end: bool = False) -> int:
    """'2018', '2018-02' or '2018-02-05' as a day number: the first day of the period, or with
    ``end`` its last day. Raises CorpusError for anything else."""
    match = _DATE.match(text.strip())
    if not match:
        raise CorpusError(f"not a date: {text!r} (use YYYY-MM-DD, YYYY-MM or YYYY)")
    year, month, day = int(match[1]), match[2], match[3]
    try:
        if month is None:
            value = date(year, 12, 31) if end else date(year, 1, 1)
        elif day is None:
            m = int(month)
            value = date(year, m, calendar.monthrange(year, m)[1] if end else 1)
        else:
            value = date(year, int(month), int(day))
    except ValueError:
        raise CorpusError(f"not a date: {text!r}") from None
    return value.toordinal()


#: The largest count SQLite takes (a signed 64-bit integer).
MAX_COUNT = 2 ** 63 - 1


def check_count(value: object, name: str, *, optional: bool = False) -> int | None:
    """``value`` as a whole number from 0 to :data:`MAX_COUNT` (a string of digits is read),
    or None when ``optional`` and it is None. Anything else raises :class:`CorpusError` naming
    ``name``, e.g. ``--offset must be a whole number from 0 to 9223372036854775807``. The CLI,
    the API and the web pages call this for every limit and offset they are given."""
    if value is None and optional:
        return None
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit() \
            and len(value.strip()) <= 19:
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_COUNT:
        raise CorpusError(f"{name} must be a whole number from 0 to {MAX_COUNT}")
    return value


def check_paging(limit: object, offset: object, *, names: tuple[str, str] = ("limit", "offset")
                 ) -> tuple[int | None, int]:
    """A checked (limit, offset) pair: limit None (no limit) or 0..MAX_COUNT, offset
    0..MAX_COUNT (None is 0); see :func:`check_count`."""
    return (check_count(limit, names[0], optional=True),
            check_count(0 if offset is None else offset, names[1]))


def _limit(limit: int | None) -> int:
    """SQLite's LIMIT for an optional limit (-1 is none)."""
    return -1 if limit is None else int(limit)


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def article_filters(*, person: str | None = None, org: str | None = None,
                    place: str | None = None, source: str | None = None,
                    since: str | None = None, until: str | None = None,
                    story: int | None = None, language: str | None = None,
                    alias: str = "a", identities: bool = False) -> tuple[list[str], list]:
    """SQL conditions (and their parameters) on the articles table for the common filters;
    with ``identities``, ``person`` also matches any alias of a linked corpus identity."""
    where: list[str] = []
    params: list = []
    entity = (f"{alias}.n IN (SELECT article FROM entities WHERE type IN ({{types}}) "
              "AND name LIKE ? ESCAPE '\\')")
    if person and identities:
        where.append("(" + entity.format(types="'PERSON'") + " OR " + person_alias_sql(alias) + ")")
        params += [_like(person), _like(person)]
    elif person:
        where.append(entity.format(types="'PERSON'"))
        params.append(_like(person))
    if org:
        where.append(entity.format(types="'ORG'"))
        params.append(_like(org))
    if place:
        types = ",".join(f"'{t}'" for t in PLACE_TYPES)
        where.append("(" + entity.format(types=types) +
                     f" OR json_extract({alias}.record, '$.dateline.place') LIKE ? ESCAPE '\\')")
        params += [_like(place), _like(place)]
    if source:
        where.append(f"({alias}.source LIKE ? ESCAPE '\\' OR {alias}.url LIKE ? ESCAPE '\\')")
        params += [_like(source), _like(source)]
    if since:
        where.append(f"{alias}.day >= ?")
        params.append(parse_day(since))
    if until:
        where.append(f"{alias}.day <= ?")
        params.append(parse_day(until, end=True))
    if story is not None:
        where.append(f"{alias}.story = ?")
        params.append(check_count(story, "story"))
    if language:
        where.append(f"json_extract({alias}.record, '$.language') = ?")
        params.append(language)
    return where, params


def _fts(store: Store, query: str, sql: str, params: list) -> list[sqlite3.Row]:
    try:
        return store.conn.execute(sql, params).fetchall()
    except sqlite3.OperationalError as exc:
        text = str(exc)
        if "fts5" in text or "syntax error" in text or "no such column" in text \
                or "unterminated" in text or "unknown special query" in text:
            detail = text.replace("fts5: ", "")
            raise QueryError(
                f"cannot read the search query {query!r} ({detail}); words are matched as given, "
                f'"double quotes" make a phrase, AND/OR/NOT must be in capitals between words, '
                f"and word* matches a prefix") from None
        raise
    except sqlite3.Error:
        raise


# ---- articles ---------------------------------------------------------------------------------

_ARTICLE_COLUMNS = ("a.id, a.input_id, a.title, a.published, a.source, a.url, a.story, "
                    "a.duplicate_of")


def _article_row(row: sqlite3.Row) -> dict:
    return {"id": row["id"], "input_id": row["input_id"], "title": row["title"],
            "published": row["published"], "source": row["source"], "url": row["url"],
            "story": row["story"], "duplicate_of": row["duplicate_of"]}


def search(store: Store, query: str | None = None, *, person: str | None = None,
           org: str | None = None, place: str | None = None, source: str | None = None,
           since: str | None = None, until: str | None = None, story: int | None = None,
           language: str | None = None, limit: int | None = 20, offset: int = 0,
           marks: tuple[str, str] = MARKS, snippets: bool = True) -> list[dict]:
    """Articles matching an FTS5 ``query`` over title and body (best first), or, without a
    query, the latest articles; narrowed by the filters. Each result has a ``snippet`` (empty
    with ``snippets=False``, as for a download, which has no column for it)."""
    limit, offset = check_paging(limit, offset)
    where, params = article_filters(person=person, org=org, place=place, source=source,
                                    since=since, until=until, story=story, language=language,
                                    identities=bool(person) and has_schema(store))
    with store.guard():
        if query and query.strip():
            # the best page first (bm25 over every match, no snippet), then the snippets of
            # that page alone: snippet() in the ranking query is computed for every match
            snip = ("(SELECT snippet(articles_fts, 1, ?, ?, '…', 16) FROM articles_fts WHERE "
                    "articles_fts MATCH ? AND articles_fts.rowid = top.n)") if snippets else "''"
            join = " JOIN articles a ON a.n = articles_fts.rowid" if where else ""  # filters
            sql = ("WITH top AS MATERIALIZED (SELECT articles_fts.rowid AS n, bm25(articles_fts, "
                   f"4.0, 1.0) AS rank FROM articles_fts{join} "
                   "WHERE articles_fts MATCH ?" + "".join(" AND " + w for w in where)
                   + " ORDER BY rank, n LIMIT ? OFFSET ?) "
                   f"SELECT {_ARTICLE_COLUMNS}, top.rank AS rank, {snip} AS snip FROM top "
                   "JOIN articles a ON a.n = top.n ORDER BY top.rank, a.n")
            rows = _fts(store, query, sql, [query, *params, _limit(limit), offset]
                        + ([marks[0], marks[1], query] if snippets else []))
        else:
            snip = "substr(a.body, 1, 200)" if snippets else "''"
            sql = (f"SELECT {_ARTICLE_COLUMNS}, {snip} AS snip, NULL AS rank "
                   "FROM articles a" + (" WHERE " + " AND ".join(where) if where else "")
                   + " ORDER BY a.day DESC, a.n DESC LIMIT ? OFFSET ?")
            rows = store.conn.execute(sql, [*params, _limit(limit), offset]).fetchall()
    out = []
    for row in rows:
        item = _article_row(row)
        item["snippet"] = " ".join((row["snip"] or "").split())
        item["score"] = round(-row["rank"], 3) if row["rank"] is not None else None
        out.append(item)
    return out


def article(store: Store, id: str) -> dict | None:
    """One stored article by corpus id (or by input id): its full record plus ``story``,
    ``corpus_id`` and ``duplicate_of``."""
    row = store.one("SELECT id, record, story, duplicate_of, ingested_at FROM articles "
                    "WHERE id = ?", (id,)) or \
        store.one("SELECT id, record, story, duplicate_of, ingested_at FROM articles "
                  "WHERE input_id = ? ORDER BY n DESC LIMIT 1", (id,))
    return export_record(row) if row else None


def export_record(row: sqlite3.Row) -> dict:
    """The stored record as exported: the article record, its story and corpus id."""
    record = json.loads(row["record"])
    record["story"] = row["story"]
    record["corpus_id"] = row["id"]
    record["duplicate_of"] = row["duplicate_of"]
    record["ingested_at"] = row["ingested_at"]
    return record


# ---- quotes -----------------------------------------------------------------------------------

def quotes(store: Store, query: str | None = None, *, speaker: str | None = None,
           since: str | None = None, until: str | None = None, source: str | None = None,
           story: int | None = None, limit: int | None = 20, offset: int = 0) -> list[dict]:
    """Quotes (newest first, or best first for an FTS5 ``query`` over the quoted words),
    optionally by a ``speaker`` (part of the name)."""
    limit, offset = check_paging(limit, offset)
    where, params = article_filters(since=since, until=until, source=source, story=story)
    if speaker and not has_schema(store):
        where.append("q.speaker LIKE ? ESCAPE '\\'")
        params.append(_like(speaker))
    elif speaker:  # any alias of the speaker's identity (corpus/identities.py)
        where.append("(q.speaker LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM person_links l "
                     "JOIN identity_aliases ia ON ia.identity = l.identity WHERE l.article = "
                     "q.article AND l.name = q.speaker AND ia.alias LIKE ? ESCAPE '\\'))")
        params += [_like(speaker), _like(speaker)]
    columns = ("q.text, q.speaker, q.speaker_mention, q.cue, q.direct, a.id AS article, "
               "a.title, a.published, a.source, a.story, "
               + (speaker_name_sql("q") if has_schema(store) else "NULL") + " AS identity")
    with store.guard():
        if query and query.strip():
            sql = (f"SELECT {columns} FROM quotes_fts JOIN quotes q ON q.n = quotes_fts.rowid "
                   "JOIN articles a ON a.n = q.article WHERE quotes_fts MATCH ?"
                   + "".join(" AND " + w for w in where)
                   + " ORDER BY bm25(quotes_fts) LIMIT ? OFFSET ?")
            rows = _fts(store, query, sql, [query, *params, _limit(limit), offset])
        else:
            sql = (f"SELECT {columns} FROM quotes q JOIN articles a ON a.n = q.article"
                   + (" WHERE " + " AND ".join(where) if where else "")
                   + " ORDER BY a.day DESC, a.n DESC, q.pos LIMIT ? OFFSET ?")
            rows = store.conn.execute(sql, [*params, _limit(limit), offset]).fetchall()
    return [{"text": r["text"], "speaker": r["identity"] or r["speaker"],
             "speaker_mention": r["speaker_mention"],
             "cue": r["cue"], "direct": bool(r["direct"]), "article": r["article"],
             "title": r["title"], "published": r["published"], "source": r["source"],
             "story": r["story"]} for r in rows]


# ---- failures ---------------------------------------------------------------------------------

def failures(store: Store, *, limit: int | None = None, offset: int = 0) -> list[dict]:
    """Inputs that could not be analysed, newest first, with the reason."""
    limit, offset = check_paging(limit, offset)
    rows = store.rows("SELECT id, input_id, error, failed_at FROM failures "
                      "ORDER BY failed_at DESC, input_id LIMIT ? OFFSET ?",
                      (-1 if limit is None else limit, offset))
    return [dict(r) for r in rows]
