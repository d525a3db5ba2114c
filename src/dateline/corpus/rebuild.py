"""Re-cluster a corpus: every story recomputed from the stored records, in one pass, no parsing.

After an upgrade of the story method (its features or constants), ``rebuild`` replays the
story step of ingest over the stored articles in the order they were stored: each article's
terms are recomputed from its stored record (``features.article_terms``; the record holds
everything the analysis found), the corpus statistics are counted again as they grow, and a
near-copy joins its original's story, exactly as a fresh ingest of the same inputs would do.

The old story ids keep leading somewhere: each old story points (``merged_into``) at the new
story that took most of its articles, and every move is recorded in ``story_moves`` (old id,
new id, articles), so a story split by the new method can be followed to all its parts.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict

from . import stories
from .features import article_terms
from .store import Store

_SCHEMA = ("CREATE TABLE IF NOT EXISTS story_moves (old INTEGER NOT NULL, new INTEGER NOT NULL, "
           "articles INTEGER NOT NULL, moved_at TEXT NOT NULL, PRIMARY KEY (old, new)) "
           "WITHOUT ROWID")


def rebuild(store: Store, now: str) -> dict:
    """Recompute every story (inside the caller's transaction). Returns counts."""
    store.execute(_SCHEMA)
    old_story = {n: s for n, s in store.execute("SELECT n, story FROM articles")}
    store.execute("DELETE FROM story_terms")
    store.execute("DELETE FROM terms")
    store.execute("UPDATE articles SET story = NULL")
    first_new = (store.one("SELECT max(id) FROM stories")[0] or 0) + 1
    story_of_key: dict[str, int] = {}
    count = 0
    rows = store.execute("SELECT n, id, title, day, record, duplicate_of FROM articles "
                         "ORDER BY n").fetchall()
    for row in rows:
        count += 1
        record = json.loads(row["record"] or "{}")
        terms = article_terms(record)
        store.execute("UPDATE articles SET terms = ? WHERE n = ?",
                      (json.dumps(terms, separators=(",", ":")), row["n"]))
        story = _copy_story(store, row, story_of_key)
        story_of_key[row["id"]] = stories.add(
            store, n=row["n"], key=row["id"], title=row["title"], terms=terms, day=row["day"],
            now=now, story=story, n_docs=count)
    moved = _record_moves(store, old_story, first_new, now)
    live = store.one("SELECT count(*) FROM stories WHERE merged_into IS NULL AND id >= ?",
                     (first_new,))[0]
    return {"articles": count, "stories": live, "old_stories": moved}


def _copy_story(store: Store, row, story_of_key: dict[str, int]) -> int | None:
    """The story a near-copy joins: that of the earliest stored article of its group."""
    root = row["duplicate_of"]
    if root is None:
        # the original of a group stored after its copies joined the story of one of them
        found = store.one("SELECT story FROM articles WHERE duplicate_of = ? AND n < ? "
                          "AND story IS NOT NULL ORDER BY n LIMIT 1", (row["id"], row["n"]))
        return found[0] if found else None
    found = store.one("SELECT story FROM articles WHERE (id = ? OR duplicate_of = ?) AND n < ? "
                      "AND story IS NOT NULL ORDER BY n LIMIT 1", (root, root, row["n"]))
    return found[0] if found else None


def _record_moves(store: Store, old_story: dict[int, int | None], first_new: int,
                  now: str) -> int:
    """Point each old story at the new story that took most of its articles; record all."""
    new_story = {n: s for n, s in store.execute("SELECT n, story FROM articles")}
    moves: dict[int, Counter] = defaultdict(Counter)
    for n, old in old_story.items():
        if old is not None and new_story.get(n) is not None:
            moves[old][new_story[n]] += 1
    for old, where in moves.items():
        store.conn.executemany(
            "INSERT INTO story_moves(old, new, articles, moved_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(old, new) DO UPDATE SET articles = excluded.articles, "
            "moved_at = excluded.moved_at", [(old, new, k, now) for new, k in where.items()])
        main = min(where, key=lambda s: (-where[s], s))
        store.execute("UPDATE stories SET merged_into = ? WHERE id = ? OR merged_into = ?",
                      (main, old, old))
    store.execute("UPDATE stories SET size = 0, centroid = '{}' WHERE id < ?", (first_new,))
    store.execute("DELETE FROM stories WHERE id < ? AND merged_into IS NULL", (first_new,))
    return len(moves)


def keep_story_id(store: Store, old: int, n: int, story: int) -> int:
    """After the article in row ``n`` was replaced (``ingest --force``) and placed in
    ``story``: when its old story ``old`` is gone (the article was all of it), the old id keeps
    leading to the article's story. When the article is again a story of its own, that story
    takes back the old id (it is the same story); when it joined another story, the old id is
    kept as a row pointing there (``merged_into``), as a merge leaves it. Returns the id the
    article's story now has (inside the caller's transaction)."""
    if old == story or store.one("SELECT 1 FROM stories WHERE id = ?", (old,)):
        return story
    alone = store.one("SELECT count(*) FROM articles WHERE story = ?", (story,))[0] == 1 and \
        store.one("SELECT 1 FROM stories WHERE merged_into = ?", (story,)) is None
    if not alone:
        store.execute("INSERT INTO stories(id, size, merged_into, updated_at) "
                      "SELECT ?, 0, ?, updated_at FROM stories WHERE id = ?", (old, story, story))
        return story
    store.execute("UPDATE stories SET id = ? WHERE id = ?", (old, story))
    store.execute("UPDATE story_terms SET story = ? WHERE story = ?", (old, story))
    store.execute("UPDATE articles SET story = ? WHERE story = ?", (old, story))
    return old
