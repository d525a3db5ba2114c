"""Stories: every article joins the story it is most like, or starts one, as it is stored.

A story is a centroid: the sum of its articles' unit term vectors (features.py), kept to its
heaviest terms, with the days it spans. An article is compared with a story by the cosine of
the two after weighting terms by their inverse document frequency in the corpus at that moment,
faded by time when the article lies far outside the story's span. It joins the best story whose
similarity reaches ``JOIN_THRESHOLD``; otherwise it starts a new one. When the article is also
close to a second story and the two centroids are alike (``MERGE_THRESHOLD``), the two stories
merge: this is what keeps the result close to the same whatever order articles come in.

Finding candidates never compares every pair: the article's most specific terms are looked up
in ``story_terms`` (an inverted index from term to stories, heaviest first, through an index),
a bounded number of postings per term, and only the best few candidates are scored in full.
The cost per article is a fixed number of index look-ups, logarithmic in the corpus size.

Everything here runs inside the caller's write transaction.
"""
from __future__ import annotations

import json
import math
from collections.abc import Iterable

from .features import day_text, unit
from .store import Store
from .tuning import (CANDIDATES, CENTROID_TERMS, JOIN_THRESHOLD, MERGE_THRESHOLD,
                     POSTINGS_PER_TERM, QUERY_TERMS, TIME_DECAY_DAYS, WINDOW_DAYS)

_CHUNK = 500  # variables per IN (...) query


def document_frequencies(store: Store, terms: Iterable[str]) -> dict[str, int]:
    terms = list(terms)
    out: dict[str, int] = {}
    for i in range(0, len(terms), _CHUNK):
        part = terms[i:i + _CHUNK]
        marks = ",".join("?" * len(part))
        out.update(store.execute(f"SELECT term, df FROM terms WHERE term IN ({marks})", part))
    return out


def _count_terms(store: Store, terms: Iterable[str], delta: int) -> None:
    store.conn.executemany(
        "INSERT INTO terms(term, df) VALUES (?, ?) "
        "ON CONFLICT(term) DO UPDATE SET df = df + excluded.df", [(t, delta) for t in terms])
    if delta < 0:
        store.execute("DELETE FROM terms WHERE df <= 0")


class Weights:
    """Inverse document frequencies against the corpus as it stands (cached per article)."""

    def __init__(self, store: Store, n_docs: int):
        self.store = store
        self.n = n_docs
        self.df: dict[str, int] = {}

    def load(self, terms: Iterable[str]) -> None:
        missing = [t for t in terms if t not in self.df]
        if missing:
            found = document_frequencies(self.store, missing)
            for t in missing:
                self.df[t] = found.get(t, 0)

    def idf(self, term: str) -> float:
        return math.log((1 + self.n) / (1 + self.df.get(term, 0))) + 1

    def apply(self, vector: dict[str, float]) -> dict[str, float]:
        self.load(vector)
        return {t: v * self.idf(t) for t, v in vector.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b.get(t, 0.0) for t, v in a.items())
    if not dot:
        return 0.0
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb)


def time_factor(day: int | None, first: int | None, last: int | None) -> float:
    """1 within WINDOW_DAYS of the story's span, fading beyond it."""
    if day is None or first is None or last is None:
        return 1.0
    gap = max(first - day, day - last, 0)
    return 1.0 if gap <= WINDOW_DAYS else math.exp(-(gap - WINDOW_DAYS) / TIME_DECAY_DAYS)


def candidates(store: Store, weighted: dict[str, float]) -> list[int]:
    """Stories sharing the article's most specific terms, best first (bounded in number)."""
    query = sorted(weighted.items(), key=lambda kv: (-kv[1], kv[0]))[:QUERY_TERMS]
    scores: dict[int, float] = {}
    for term, weight in query:
        for story, share in store.execute(
                "SELECT st.story, st.weight / s.size FROM story_terms st "
                "JOIN stories s ON s.id = st.story WHERE st.term = ? "
                "ORDER BY st.weight DESC LIMIT ?", (term, POSTINGS_PER_TERM)):
            scores[story] = scores.get(story, 0.0) + weight * share
    return sorted(scores, key=lambda s: (-scores[s], s))[:CANDIDATES]


def _load(store: Store, story: int) -> dict:
    row = store.execute("SELECT id, size, first_day, last_day, centroid, headline_score "
                        "FROM stories WHERE id = ?", (story,)).fetchone()
    return {"id": row["id"], "size": row["size"], "first_day": row["first_day"],
            "last_day": row["last_day"], "centroid": json.loads(row["centroid"]),
            "headline_score": row["headline_score"]}


def _trim(centroid: dict[str, float]) -> dict[str, float]:
    kept = {t: v for t, v in centroid.items() if v > 1e-9}
    if len(kept) > CENTROID_TERMS:
        kept = dict(sorted(kept.items(), key=lambda kv: (-kv[1], kv[0]))[:CENTROID_TERMS])
    return kept


def _save(store: Store, story: dict, old_terms: Iterable[str], now: str) -> None:
    """Write a story's row and the postings of its centroid (only the terms that changed)."""
    centroid = story["centroid"]
    store.execute(
        "UPDATE stories SET size = ?, first_day = ?, last_day = ?, first = ?, last = ?, "
        "centroid = ?, updated_at = ? WHERE id = ?",
        (story["size"], story["first_day"], story["last_day"], day_text(story["first_day"]),
         day_text(story["last_day"]), json.dumps(centroid, separators=(",", ":")), now,
         story["id"]))
    gone = [t for t in old_terms if t not in centroid]
    store.conn.executemany("DELETE FROM story_terms WHERE term = ? AND story = ?",
                           [(t, story["id"]) for t in gone])
    changed = story.get("changed", centroid.keys())
    store.conn.executemany(
        "INSERT INTO story_terms(term, story, weight) VALUES (?, ?, ?) "
        "ON CONFLICT(term, story) DO UPDATE SET weight = excluded.weight",
        [(t, story["id"], centroid[t]) for t in changed if t in centroid])


def add(store: Store, *, n: int, key: str, title: str | None, terms: dict[str, float],
        day: int | None, now: str, story: int | None = None) -> int:
    """Put the stored article (row ``n``) into a story and return the story's id.

    ``story`` forces the story (a near-copy joins its original's); otherwise the best candidate
    is chosen, or a new story started. Counts the article's terms into the corpus statistics.
    """
    n_docs = store.meta_int("articles")
    _count_terms(store, terms, +1)
    weights = Weights(store, n_docs)
    vector = weights.apply(terms)
    scored: list[tuple[float, dict]] = []
    if story is None and vector:
        for sid in candidates(store, vector):
            other = _load(store, sid)
            similarity = cosine(vector, weights.apply(other["centroid"]))
            similarity *= time_factor(day, other["first_day"], other["last_day"])
            scored.append((similarity, other))
        scored.sort(key=lambda pair: (-pair[0], pair[1]["id"]))
        if scored and scored[0][0] >= JOIN_THRESHOLD:
            story = scored[0][1]["id"]
    if story is None:
        story = store.execute("INSERT INTO stories(size, first_day, last_day, headline, "
                              "headline_id, updated_at) VALUES (0, ?, ?, ?, ?, ?)",
                              (day, day, title, key, now)).lastrowid
    target = _load(store, story)
    old_terms = list(target["centroid"])
    centroid = target["centroid"]
    for t, v in unit(terms).items():
        centroid[t] = centroid.get(t, 0.0) + v
    target["centroid"] = _trim(centroid)
    target["changed"] = list(terms)
    target["size"] += 1
    if day is not None:
        target["first_day"] = min(d for d in (target["first_day"], day) if d is not None)
        target["last_day"] = max(d for d in (target["last_day"], day) if d is not None)
    _save(store, target, old_terms, now)
    store.execute("UPDATE articles SET story = ? WHERE n = ?", (story, n))
    central = cosine(vector, weights.apply(target["centroid"])) if vector else 0.0
    if title and (central > target["headline_score"] or target["size"] == 1):
        store.execute("UPDATE stories SET headline = ?, headline_id = ?, headline_score = ? "
                      "WHERE id = ?", (title, key, central, story))
    # an article that links two alike stories merges them
    target_vector = weights.apply(target["centroid"])
    for similarity, other in scored:
        if similarity < JOIN_THRESHOLD:
            break
        if other["id"] == story:
            continue
        if cosine(target_vector, weights.apply(other["centroid"])) >= MERGE_THRESHOLD:
            story = merge(store, story, other["id"], now)
            break
    return story


def merge(store: Store, a: int, b: int, now: str) -> int:
    """Merge two stories; the larger (the older on a tie) keeps its id. Returns that id."""
    first, second = _load(store, a), _load(store, b)
    keep, gone = sorted((first, second), key=lambda s: (-s["size"], s["id"]))
    old_terms = list(keep["centroid"])
    centroid = dict(keep["centroid"])
    for t, v in gone["centroid"].items():
        centroid[t] = centroid.get(t, 0.0) + v
    keep["centroid"] = _trim(centroid)
    keep["size"] += gone["size"]
    days = [d for d in (keep["first_day"], keep["last_day"], gone["first_day"],
                        gone["last_day"]) if d is not None]
    keep["first_day"], keep["last_day"] = (min(days), max(days)) if days else (None, None)
    _save(store, keep, old_terms, now)
    store.execute("UPDATE articles SET story = ? WHERE story = ?", (keep["id"], gone["id"]))
    store.execute("DELETE FROM story_terms WHERE story = ?", (gone["id"],))
    store.execute("UPDATE stories SET size = 0, centroid = '{}', merged_into = ?, updated_at = ? "
                  "WHERE id = ?", (keep["id"], now, gone["id"]))
    store.execute("UPDATE stories SET merged_into = ? WHERE merged_into = ?",
                  (keep["id"], gone["id"]))
    return keep["id"]


def remove(store: Store, *, n: int, key: str, terms: dict[str, float], now: str) -> None:
    """Take a stored article out of its story and out of the corpus statistics."""
    _count_terms(store, terms, -1)
    row = store.execute("SELECT story FROM articles WHERE n = ?", (n,)).fetchone()
    if row is None or row["story"] is None:
        return
    story = _load(store, row["story"])
    store.execute("UPDATE articles SET story = NULL WHERE n = ?", (n,))
    if story["size"] <= 1:
        store.execute("DELETE FROM story_terms WHERE story = ?", (story["id"],))
        store.execute("DELETE FROM stories WHERE id = ? OR merged_into = ?",
                      (story["id"], story["id"]))
        return
    old_terms = list(story["centroid"])
    centroid = story["centroid"]
    for t, v in unit(terms).items():
        if t in centroid:
            centroid[t] -= v
    story["centroid"] = _trim(centroid)
    story["changed"] = list(terms)
    story["size"] -= 1
    span = store.execute("SELECT min(day), max(day) FROM articles WHERE story = ?",
                         (story["id"],)).fetchone()
    story["first_day"], story["last_day"] = span[0], span[1]
    _save(store, story, old_terms, now)
    head = store.execute("SELECT headline_id FROM stories WHERE id = ?", (story["id"],)).fetchone()
    if head["headline_id"] == key:
        heir = store.execute("SELECT id, title FROM articles WHERE story = ? AND title IS NOT NULL "
                             "ORDER BY day IS NULL, day, n LIMIT 1", (story["id"],)).fetchone()
        store.execute("UPDATE stories SET headline = ?, headline_id = ?, headline_score = 0 "
                      "WHERE id = ?", (heir["title"] if heir else None,
                                       heir["id"] if heir else None, story["id"]))
