"""Corpus identities: one identity per person across the corpus, linked at ingest by indexed name keys.

Each PERSON entity of an article is one *link* to an identity. A full name links to the identity
with the same name key (``names.name_key``: accents, case, punctuation, titles and middle
initials folded), its name without middle names, or a rapidfuzz near-spelling sharing the
surname. A partial name ("Trump", "President Trump", "Lopez Obrador") links to the identity that
the same story names in full, else the same days (``WINDOW_DAYS`` either side), else the whole
corpus, when exactly one fits (gender and titles narrow several); otherwise it stays on an
identity of its own, which the people list hides. A later full name re-resolves the partial
links it now explains (merging an emptied identity, recorded in ``identity_merges``), so the
result does not depend on the order of ingestion. ``relink`` recomputes everything from the
stored records. Look-ups go through indexes; no step scans all identities.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

import gender_guesser.detector
from rapidfuzz import fuzz

from .names import NameKey, name_key
from .store import Store

WINDOW_DAYS = 7          # a partial name is resolved by full names this many days either side
FUZZ_FULL = 90           # rapidfuzz ratio for two spellings of one full name ...
FUZZ_GIVEN = 80          # ... whose given names are this alike
SCHEMA = """
CREATE TABLE IF NOT EXISTS identities (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, key TEXT NOT NULL, initials TEXT NOT NULL DEFAULT '',
    articles INTEGER NOT NULL DEFAULT 0, mentions INTEGER NOT NULL DEFAULT 0,
    quotes INTEGER NOT NULL DEFAULT 0, evidence INTEGER NOT NULL DEFAULT 0,
    male INTEGER NOT NULL DEFAULT 0, female INTEGER NOT NULL DEFAULT 0,
    first_day INTEGER, last_day INTEGER);
CREATE INDEX IF NOT EXISTS identities_cover ON identities(articles DESC, mentions DESC);
CREATE TABLE IF NOT EXISTS identity_keys (
    key TEXT NOT NULL, kind TEXT NOT NULL, identity INTEGER NOT NULL,
    PRIMARY KEY (key, kind, identity)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS identity_keys_identity ON identity_keys(identity);
CREATE TABLE IF NOT EXISTS person_links (
    article INTEGER NOT NULL, name TEXT NOT NULL, identity INTEGER NOT NULL, key TEXT NOT NULL,
    day INTEGER, full INTEGER NOT NULL, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS person_links_article ON person_links(article, name);
CREATE INDEX IF NOT EXISTS person_links_identity ON person_links(identity, full, day);
CREATE INDEX IF NOT EXISTS person_links_key ON person_links(key, day);
CREATE TABLE IF NOT EXISTS identity_aliases (
    identity INTEGER NOT NULL, alias TEXT NOT NULL, count INTEGER NOT NULL,
    PRIMARY KEY (identity, alias)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS identity_aliases_alias ON identity_aliases(alias COLLATE NOCASE);
CREATE TABLE IF NOT EXISTS identity_titles (
    identity INTEGER NOT NULL, title TEXT NOT NULL, count INTEGER NOT NULL,
    PRIMARY KEY (identity, title)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS name_types (
    key TEXT NOT NULL, type TEXT NOT NULL, count INTEGER NOT NULL,
    PRIMARY KEY (key, type)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS identity_merges (
    from_identity INTEGER NOT NULL, into_identity INTEGER NOT NULL, name TEXT, reason TEXT);
"""
_GENDER = gender_guesser.detector.Detector(case_sensitive=False)
#: The people stage's reasons (``type_evidence``, people/evidence.py) that show a person, and
#: those that show an organisation or a place (an article giving one of these votes "not a
#: person" for the name, whatever its label). "speaker", "surname" and "given name alone" are
#: too weak to count either way (organisations speak; bands have given names).
PERSON_CUES = frozenset({"given name", "honorific", "role", "age", "who"})
OTHER_CUES = frozenset({"the", "which", "organisation word", "organisation noun", "shares", "team", "country in name",
                        "gazetteer", "locative", "place apposition", "no person evidence"})


def ensure_schema(store: Store) -> None:
    """Create the identity tables of an older corpus (writers only; idempotent)."""
    for statement in SCHEMA.split(";"):
        if statement.strip():
            store.conn.execute(statement)


def speaker_name_sql(quote: str = "q") -> str:
    """SQL for the canonical name of a quote's speaker (alias ``quote`` of the quotes table):
    the name of the identity its article links the speaker to; NULL when it is not linked."""
    return (f"(SELECT i.name FROM person_links l JOIN identities i ON i.id = l.identity "
            f"WHERE l.article = {quote}.article AND l.name = {quote}.speaker LIMIT 1)")


def person_alias_sql(article: str = "a") -> str:
    """SQL condition: article ``article`` links a person whose identity has an alias LIKE the
    one parameter ("Kim Jong-un" finds the articles that say "Kim Jong Un")."""
    return (f"{article}.n IN (SELECT l.article FROM identity_aliases ia JOIN person_links l "
            "ON l.identity = ia.identity WHERE ia.alias LIKE ? ESCAPE '\\')")


def has_schema(store: Store) -> bool:
    return store.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'identities'"
                              ).fetchone() is not None


@dataclass
class Mention:
    """One article's PERSON entity as linked: what it adds to its identity."""
    name: str
    nk: NameKey
    mentions: int = 0
    quotes: int = 0
    gender: str | None = None
    titles: list[str] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)
    evidence: bool = False

    def data(self) -> str:
        return json.dumps({"m": self.mentions, "q": self.quotes, "g": self.gender,
                           "t": self.titles, "f": self.forms, "e": self.evidence},
                          ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def load(cls, name: str, data: str) -> "Mention":
        d = json.loads(data)
        return cls(name, name_key(name), d["m"], d["q"], d["g"], d["t"], d["f"], d["e"])


def _cues(entity: dict) -> set[str]:
    ev = entity.get("type_evidence") or []
    return {str(i).strip().lower() for i in ([ev] if isinstance(ev, str) else ev)}


def person_evidence(entity: dict, nk: NameKey) -> bool:
    """Whether an article gives this PERSON evidence of being a person: a person cue of the
    people stage (``type_evidence``) and no organisation or place cue; without such reasons
    (an older record), a gender (pronoun or honorific), a title, or a full name opening with a
    given name (gender-guesser)."""
    cues = _cues(entity)
    if cues & OTHER_CUES:
        return False
    if cues & PERSON_CUES or entity.get("titles") or nk.titles:
        return True
    if cues - {"model"}:
        return False
    if entity.get("gender") in ("male", "female"):
        return True
    return nk.full and _GENDER.get_gender(nk.tokens[0]) != "unknown"


def mentions_of(entities: list[dict], speakers: Counter) -> tuple[list[Mention], Counter]:
    """The PERSON mentions of one article's entity dicts, and the name-key count of all types."""
    out, types = [], Counter()
    for e in entities:
        name = (e.get("name") or "").strip()
        nk = name_key(name)
        if not nk.tokens:
            continue
        kind = e.get("type") or ""
        types[(nk.key, "ORG" if kind == "PERSON" and _cues(e) & OTHER_CUES else kind)] += 1
        if kind != "PERSON":
            continue
        titles = [t for t in e.get("titles") or [] if isinstance(t, str) and t.strip()]
        titles += [t for t in nk.titles if t not in (x.lower() for x in titles)]
        forms = list(dict.fromkeys([name] + [a for a in e.get("aliases") or []
                                             if isinstance(a, str) and _part_of(a, nk)]))
        out.append(Mention(name, nk, int(e.get("mentions") or 0), speakers.get(name, 0),
                           e.get("gender"), titles, forms, person_evidence(e, nk)))
    return out, types


def _part_of(alias: str, nk: NameKey) -> bool:
    """Whether an alias the article merged is a form of the name (its words are the name's)."""
    words = name_key(alias).tokens
    return bool(words) and set(words) <= set(nk.tokens)


# ---- linking ----------------------------------------------------------------------------------

def link_article(store: Store, n: int, entities: list[dict], speakers: Counter,
                 day: int | None, story: int | None) -> None:
    """Link the PERSON entities of stored article ``n`` to identities (inside the writer's
    transaction). ``speakers`` counts the quotes of each entity name."""
    mentions, types = mentions_of(entities, speakers)
    store.conn.executemany(
        "INSERT INTO name_types(key, type, count) VALUES (?, ?, 1) "
        "ON CONFLICT(key, type) DO UPDATE SET count = count + 1", list(types))
    for m in sorted(mentions, key=lambda m: -len(m.nk.tokens)):
        _link(store, n, m, day, story)


def _link(store: Store, n: int, m: Mention, day, story) -> None:
    tails = _ids(store, "SELECT identity FROM identity_keys WHERE key = ? AND kind = 'tail'",
                 (m.nk.key,))
    if tails:
        target = resolve_partial(store, tails, m, n, day, story)
        if target is not None:
            _attach(store, n, m, target, day, full=False)
            return
        _attach(store, n, m, _own(store, m), day, full=False)
        return
    target = _find_full(store, m.nk) if m.nk.full else None
    if target is None:
        target = _own(store, m)
    _attach(store, n, m, target, day, full=m.nk.full)
    if m.nk.full:
        _explain_partials(store, target, m.nk, n, day, story)


def _ids(store: Store, sql: str, params) -> list[int]:
    return [r[0] for r in store.conn.execute(sql, params)]


def _find_full(store: Store, nk: NameKey) -> int | None:
    keys = [nk.key] + ([nk.first_last()] if nk.first_last() else [])
    rows = store.conn.execute(
        "SELECT i.id, i.initials, i.articles FROM identity_keys k JOIN identities i "
        f"ON i.id = k.identity WHERE k.key IN ({','.join('?' * len(keys))}) "
        "AND k.kind IN ('name', 'fl')", keys).fetchall()
    fits = [r for r in rows if not (nk.initials and r[1] and nk.initials != r[1])]
    if fits:
        return max(fits, key=lambda r: (r[2], -r[0]))[0]
    rows = store.conn.execute(
        "SELECT i.id, i.key, i.articles FROM identity_keys k JOIN identities i "
        "ON i.id = k.identity WHERE k.key = ? AND k.kind = 'tail'", (nk.tokens[-1],)).fetchall()
    near = [r for r in rows if fuzz.ratio(r[1], nk.key) >= FUZZ_FULL
            and fuzz.ratio(r[1].split()[0], nk.tokens[0]) >= FUZZ_GIVEN]
    return max(near, key=lambda r: (r[2], -r[0]))[0] if near else None


def _own(store: Store, m: Mention) -> int:
    """The identity answering to exactly this name key (created when missing)."""
    row = store.conn.execute(
        "SELECT identity FROM identity_keys WHERE key = ? AND kind = 'name' ORDER BY identity "
        "LIMIT 1", (m.nk.key,)).fetchone()
    if row:
        return row[0]
    cur = store.conn.execute("INSERT INTO identities(name, key, initials) VALUES (?, ?, ?)",
                             (m.name, m.nk.key, m.nk.initials))
    ident = cur.lastrowid
    keys = [(m.nk.key, "name", ident)]
    if m.nk.full:
        keys += [(t, "tail", ident) for t in m.nk.tails()]
        if m.nk.first_last():
            keys.append((m.nk.first_last(), "fl", ident))
    store.conn.executemany("INSERT OR IGNORE INTO identity_keys(key, kind, identity) "
                           "VALUES (?, ?, ?)", keys)
    return ident


def resolve_partial(store: Store, candidates: list[int], m: Mention, n: int, day, story
                    ) -> int | None:
    """The one identity a partial name means, by context tiers (same story, same days, the
    corpus); None when none or several fit with no evidence to choose."""
    marks = ",".join("?" * len(candidates))
    tiers = []
    if story is not None:
        tiers.append(("SELECT DISTINCT l.identity FROM articles a JOIN person_links l "
                      f"ON l.article = a.n WHERE a.story = ? AND l.identity IN ({marks}) "
                      "AND l.full = 1", [story, *candidates]))
    if day is not None:
        tiers.append(("SELECT DISTINCT identity FROM person_links WHERE identity IN "
                      f"({marks}) AND full = 1 AND day BETWEEN ? AND ?",
                      [*candidates, day - WINDOW_DAYS, day + WINDOW_DAYS]))
    tiers.append((f"SELECT id FROM identities WHERE id IN ({marks}) AND articles > 0",
                  candidates))
    for sql, params in tiers:
        present = _ids(store, sql, params)
        if not present:
            continue
        return _choose(store, present, m)
    return None


def _choose(store: Store, present: list[int], m: Mention) -> int | None:
    if len(present) > 1 and m.gender in ("male", "female"):
        other = "female" if m.gender == "male" else "male"
        present = [i for i in present if not store.conn.execute(
            f"SELECT {other} > {m.gender} FROM identities WHERE id = ?", (i,)).fetchone()[0]]
    if len(present) > 1 and m.titles:
        words = {t.lower() for t in m.titles}
        present = [i for i in present if any(r[0].lower() in words for r in store.conn.execute(
            "SELECT title FROM identity_titles WHERE identity = ?", (i,)))] or present
    return present[0] if len(present) == 1 else None


def _explain_partials(store: Store, ident: int, nk: NameKey, n: int, day, story) -> None:
    """A full name newly present in a story or in some days re-resolves the partial links
    there it may explain (the work is bounded by the new coverage, not the corpus)."""
    tails = nk.tails()
    if not tails:
        return
    marks = ",".join("?" * len(tails))
    links: list = []
    if story is not None and not store.conn.execute(
            "SELECT 1 FROM articles a JOIN person_links l ON l.article = a.n WHERE a.story = ? "
            "AND l.identity = ? AND l.full = 1 AND a.n != ? LIMIT 1",
            (story, ident, n)).fetchone():
        links += store.conn.execute(
            "SELECT l.rowid, l.article, l.name, l.identity, l.day, l.data, a.story FROM articles a "
            f"JOIN person_links l ON l.article = a.n WHERE a.story = ? AND l.key IN ({marks})",
            [story, *tails]).fetchall()
    if day is not None:
        lo, hi = day - WINDOW_DAYS, day + WINDOW_DAYS
        before = store.conn.execute("SELECT max(day) FROM person_links WHERE identity = ? AND "
                                    "full = 1 AND day <= ? AND article != ?",
                                    (ident, day, n)).fetchone()[0]
        after = store.conn.execute("SELECT min(day) FROM person_links WHERE identity = ? AND "
                                   "full = 1 AND day >= ? AND article != ?",
                                   (ident, day, n)).fetchone()[0]
        if before is not None:
            lo = max(lo, before + WINDOW_DAYS + 1)
        if after is not None:
            hi = min(hi, after - WINDOW_DAYS - 1)
        if lo <= hi:
            links += store.conn.execute(
                "SELECT l.rowid, l.article, l.name, l.identity, l.day, l.data, a.story "
                "FROM person_links l JOIN articles a ON a.n = l.article "
                f"WHERE l.key IN ({marks}) AND l.day BETWEEN ? AND ?",
                [*tails, lo, hi]).fetchall()
    done = set()
    for rowid, article, name, old, lday, data, lstory in links:
        if rowid in done or old == ident:
            continue
        done.add(rowid)
        m = Mention.load(name, data)
        cands = _ids(store, "SELECT identity FROM identity_keys WHERE key = ? AND kind = 'tail'",
                     (m.nk.key,))
        target = resolve_partial(store, cands, m, article, lday, lstory) or old
        if target != old:
            _detach(store, rowid, m, old)
            _attach(store, article, m, target, lday, full=False)
            if store.conn.execute("SELECT articles FROM identities WHERE id = ?",
                                  (old,)).fetchone()[0] == 0:
                _drop(store, old, target, "a later full name explains it")


# ---- counters ---------------------------------------------------------------------------------

def _attach(store: Store, n: int, m: Mention, ident: int, day, full: bool) -> None:
    c = store.conn
    c.execute("INSERT INTO person_links(article, name, identity, key, day, full, data) "
              "VALUES (?, ?, ?, ?, ?, ?, ?)", (n, m.name, ident, m.nk.key, day, int(full),
                                               m.data()))
    _count(store, ident, m, +1)


def _detach(store: Store, rowid: int, m: Mention, ident: int) -> None:
    store.conn.execute("DELETE FROM person_links WHERE rowid = ?", (rowid,))
    _count(store, ident, m, -1)


def _count(store: Store, ident: int, m: Mention, sign: int) -> None:
    c = store.conn
    c.execute("UPDATE identities SET articles = articles + ?, mentions = mentions + ?, "
              "quotes = quotes + ?, evidence = evidence + ?, male = male + ?, "
              "female = female + ? WHERE id = ?",
              (sign, sign * m.mentions, sign * m.quotes, sign * int(m.evidence),
               sign * (m.gender == "male"), sign * (m.gender == "female"), ident))
    for table, column, values in (("identity_aliases", "alias", m.forms),
                                  ("identity_titles", "title", m.titles)):
        c.executemany(f"INSERT INTO {table}(identity, {column}, count) VALUES (?, ?, ?) "
                      f"ON CONFLICT(identity, {column}) DO UPDATE SET count = count + ?",
                      [(ident, v, sign, sign) for v in dict.fromkeys(values)])
        c.execute(f"DELETE FROM {table} WHERE identity = ? AND count <= 0", (ident,))
    first, last = c.execute("SELECT min(day), max(day) FROM person_links WHERE identity = ?",
                            (ident,)).fetchone()
    forms = c.execute("SELECT alias, count FROM identity_aliases WHERE identity = ?",
                      (ident,)).fetchall()
    best = max(forms, key=lambda r: (name_key(r[0]).full, r[1], len(r[0]), r[0]),
               default=None)
    c.execute("UPDATE identities SET first_day = ?, last_day = ?, name = coalesce(?, name) "
              "WHERE id = ?", (first, last, best[0] if best else None, ident))


def _drop(store: Store, ident: int, into: int | None, reason: str) -> None:
    name = store.conn.execute("SELECT name FROM identities WHERE id = ?", (ident,)).fetchone()
    for table in ("identity_aliases", "identity_titles"):
        store.conn.execute(f"DELETE FROM {table} WHERE identity = ?", (ident,))
    store.conn.execute("DELETE FROM identity_keys WHERE identity = ?", (ident,))
    store.conn.execute("DELETE FROM identities WHERE id = ?", (ident,))
    if into is not None:
        store.conn.execute("INSERT INTO identity_merges(from_identity, into_identity, name, "
                           "reason) VALUES (?, ?, ?, ?)", (ident, into, name and name[0], reason))


def unlink_article(store: Store, n: int, entities: list[dict]) -> None:
    """Remove what stored article ``n`` added (before it is deleted or replaced)."""
    _, types = mentions_of(entities, Counter())
    store.conn.executemany("UPDATE name_types SET count = count - 1 WHERE key = ? AND type = ?",
                           list(types))
    for rowid, name, ident, data in store.conn.execute(
            "SELECT rowid, name, identity, data FROM person_links WHERE article = ?",
            (n,)).fetchall():
        _detach(store, rowid, Mention.load(name, data), ident)
        if store.conn.execute("SELECT articles FROM identities WHERE id = ?",
                              (ident,)).fetchone()[0] == 0:
            _drop(store, ident, None, "no article names it")


def speakers_of(store: Store, n: int) -> Counter:
    return Counter(r[0] for r in store.conn.execute(
        "SELECT speaker FROM quotes WHERE article = ? AND speaker IS NOT NULL", (n,)))


def relink(store: Store) -> dict:
    """Recompute every identity from the stored records (one transaction, the writer's), in
    publication order. Returns {"articles", "identities"}."""
    ensure_schema(store)
    with store.transaction():
        for table in ("identities", "identity_keys", "person_links", "identity_aliases",
                      "identity_titles", "name_types", "identity_merges"):
            store.conn.execute(f"DELETE FROM {table}")
        rows = store.conn.execute("SELECT n, day, story, json_extract(record, '$.entities') "
                                  "FROM articles ORDER BY day, n").fetchall()
        for n, day, story, entities in rows:
            link_article(store, n, json.loads(entities or "[]"), speakers_of(store, n), day,
                         story)
        count = store.conn.execute("SELECT count(*) FROM identities").fetchone()[0]
    return {"articles": len(rows), "identities": count}


def _ready(store: Store) -> None:
    if not getattr(store, "_identities_ready", False):
        ensure_schema(store)
        store._identities_ready = True


def link_stored(store: Store, n: int, entities: list[dict], day, story) -> None:
    """Ingest's hook: link a just-stored article (its quotes are stored already)."""
    _ready(store)
    link_article(store, n, entities, speakers_of(store, n), day, story)


def unlink_stored(store: Store, n: int) -> None:
    """Ingest's hook: undo the links of a stored article about to be deleted."""
    _ready(store)
    row = store.conn.execute("SELECT json_extract(record, '$.entities') FROM articles "
                             "WHERE n = ?", (n,)).fetchone()
    unlink_article(store, n, json.loads(row[0] or "[]") if row else [])
