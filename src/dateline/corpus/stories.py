"""Stories: every article joins the story it is most like, or starts one, as it is stored.

An article is a unit vector of its terms (features.py) weighted by their inverse document
frequency in the corpus. A story keeps the sum of its articles' vectors (its centroid, cut to
its heaviest terms), its size and the days it spans. The likeness of an article and a story is
the *average* cosine between the article and the story's articles, which the centroid gives at
once (centroid · article / size): the measure of average-link clustering, done incrementally.
It is faded by time when the article lies far outside the story's span.

An article joins the most alike story when the likeness reaches ``THRESHOLD``, or starts
a new story. Then the grown story is compared with the stories most like it, and merged with
the most alike when their average likeness (centroid · centroid / sizes) reaches
the same ``THRESHOLD``. Merging is what keeps the result close to the same whatever order the
articles come in: two halves of one event started apart meet again as they grow.

Weights drift while the corpus is young (a word's rarity is not known from ten articles), so a
story's centroid is re-weighed from its articles' stored terms once the corpus has grown by
``STALE_GROWTH`` since it was last weighed.

Finding candidates never compares every pair: the most specific terms are looked up in
``story_terms`` (an inverted index from term to stories, heaviest first, through an index),
a bounded number of postings per term, and only the best few candidates are scored. The cost
for each article is a fixed number of index look-ups, logarithmic in the size of the corpus.

Everything here runs inside the caller's write transaction.
"""
from __future__ import annotations

import json
import math
from collections import OrderedDict
from collections.abc import Iterable

from .features import day_text, heaviest, unit
from .store import Store
from . import tuning as T  # read at call time, so that scripts/tune_stories.py can vary them

_CHUNK = 500  # variables per IN (...) query
_FAR = 10 ** 9  # a day beyond any date


# ---- term weights -----------------------------------------------------------------------------

def _count_in(store: Store, terms: Iterable[str]) -> dict[str, int]:
    """Count an article's terms into the corpus; returns their document frequencies as they
    now stand (read back from the same statement: no second look-up)."""
    terms = list(terms)
    found: dict[str, int] = {}
    step = _CHUNK // 2  # two variables a term
    for i in range(0, len(terms), step):
        part = terms[i:i + step]
        found.update(store.execute(
            "INSERT INTO terms(term, df) VALUES " + ",".join(["(?, 1)"] * len(part))
            + " ON CONFLICT(term) DO UPDATE SET df = df + 1 RETURNING term, df", part).fetchall())
    return found


def _count_terms(store: Store, terms: Iterable[str], delta: int) -> None:
    store.conn.executemany(
        "INSERT INTO terms(term, df) VALUES (?, ?) "
        "ON CONFLICT(term) DO UPDATE SET df = df + excluded.df", [(t, delta) for t in terms])
    if delta < 0:  # only the terms just counted down (through the primary key, no scan)
        store.conn.executemany("DELETE FROM terms WHERE term = ? AND df <= 0",
                               [(t,) for t in terms])


class Weights:
    """Inverse document frequencies against the corpus as it stands (cached for one article)."""

    def __init__(self, store: Store, n_docs: int):
        self.store = store
        self.n = max(n_docs, 1)
        self.idf: dict[str, float] = {}

    def known(self, df: dict[str, int]) -> None:
        """Take the document frequencies of these terms as read already."""
        top = math.log(1 + self.n) + 1
        for t, count in df.items():
            self.idf[t] = top - math.log(1 + count)

    def load(self, terms: Iterable[str]) -> None:
        missing = [t for t in terms if t not in self.idf]
        top = math.log(1 + self.n) + 1
        for i in range(0, len(missing), _CHUNK):
            part = missing[i:i + _CHUNK]
            found = dict(self.store.execute(
                f"SELECT term, df FROM terms WHERE term IN ({','.join('?' * len(part))})", part))
            for t in part:
                self.idf[t] = top - math.log(1 + found.get(t, 0))

    def vector(self, terms: dict[str, float], loaded: bool = False) -> dict[str, float]:
        """The unit vector of an article's terms, weighted by rarity (``loaded``: their
        weights were looked up already)."""
        if not loaded:
            self.load(terms)
        idf = self.idf
        return unit({t: v * idf[t] for t, v in terms.items()})


def threshold(base: float, n_docs: int) -> float:
    """A threshold raised while the corpus is young: with few articles, which words are common
    is not yet known, and unrelated articles look more alike than they are."""
    return base + T.YOUNG_MARGIN * math.exp(-n_docs / T.YOUNG_DOCS)


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b[t] for t, v in a.items() if t in b)


def reach(first: int, last: int, size: int) -> float:
    """How far (days) beyond a story's span an article can still join it: the allowance, times
    the distance at which the fade brings even a perfect likeness below the threshold."""
    return allowance(first, last, size) * (1 + math.log(1 / T.THRESHOLD))


def allowance(first: int, last: int, size: int) -> float:
    """The days either side of a story's span within which time does not count: the event
    window ``WINDOW_DAYS``, widened by the square root of its number of articles (a story that
    keeps being reported reaches a little further, not in proportion: a burst of a hundred
    articles on one day is not a year-long story). The span itself grows only as articles
    within reach of its ends join it."""
    return T.WINDOW_DAYS * math.sqrt(max(size, 1))


def _fade(gap: int, allowed: float) -> float:
    return 1.0 if gap <= allowed else math.exp(-(gap - allowed) / allowed)


def time_factor(day: int | None, first: int | None, last: int | None, size: int = 1) -> float:
    """1 within the story's allowance (see :func:`allowance`) of its span, fading beyond it."""
    if day is None or first is None or last is None:
        return 1.0
    return _fade(max(first - day, day - last, 0), allowance(first, last, size))


def span_factor(a: dict, b: dict) -> float:
    """The time factor between two stories, by the gap between their spans."""
    if None in (a["first_day"], a["last_day"], b["first_day"], b["last_day"]):
        return 1.0
    allowed = max(allowance(a["first_day"], a["last_day"], a["size"]),
                  allowance(b["first_day"], b["last_day"], b["size"]))
    return _fade(max(a["first_day"] - b["last_day"], b["first_day"] - a["last_day"], 0), allowed)


# ---- stories as rows --------------------------------------------------------------------------

class _Decoded:
    """The last centroids decoded, by their stored text (a candidate story comes back often,
    and decoding its JSON is most of the cost of scoring it). Read-only: every change to a
    story builds a new centroid dict."""

    def __init__(self, size: int):
        self.size = size
        self.items: OrderedDict[str, dict[str, float]] = OrderedDict()

    def __call__(self, text: str) -> dict[str, float]:
        found = self.items.get(text)
        if found is None:
            found = self.items[text] = json.loads(text)
            if len(self.items) > self.size:
                self.items.popitem(last=False)
        else:
            self.items.move_to_end(text)
        return found


_decoded = _Decoded(T.DECODED_CENTROIDS)
#: The stored terms of the last articles read back (a story's members are re-read each time it
#: is re-weighed, and its headline's at each article it takes).
_decoded_terms = _Decoded(T.DECODED_CENTROIDS)


def _load(store: Store, story: int) -> dict:
    row = store.execute("SELECT id, size, first_day, last_day, centroid, weighed_at, "
                        "headline_score FROM stories WHERE id = ?", (story,)).fetchone()
    loaded = {"id": row["id"], "size": row["size"], "first_day": row["first_day"],
              "last_day": row["last_day"], "centroid": _decoded(row["centroid"]),
              "weighed_at": row["weighed_at"], "headline_score": row["headline_score"],
              "posted_size": row["size"]}
    loaded["reach"] = _reach(loaded)
    return loaded


def _trim(centroid: dict[str, float]) -> dict[str, float]:
    kept = {t: v for t, v in centroid.items() if v > 1e-9}
    if len(kept) > T.CENTROID_TERMS:
        kept = dict(heaviest(kept, T.CENTROID_TERMS))
    return kept


def _postings(centroid: dict[str, float]) -> dict[str, float]:
    """The terms of a centroid that are indexed in story_terms: its heaviest ones."""
    if len(centroid) <= T.POSTING_TERMS:
        return centroid
    return dict(heaviest(centroid, T.POSTING_TERMS))


def _save(store: Store, story: dict, old_centroid: dict[str, float], now: str) -> None:
    """Write a story's row, and bring its postings in story_terms up to date (only the
    postings that changed are written: all of them when the story's size or reach changed,
    which every posting holds). Postings are keyed by (term, reach_to, story): the story's
    are read first (through the index by story), and each is written by its key."""
    centroid = story["centroid"]
    store.execute(
        "UPDATE stories SET size = ?, first_day = ?, last_day = ?, first = ?, last = ?, "
        "centroid = ?, weighed_at = ?, updated_at = ? WHERE id = ?",
        (story["size"], story["first_day"], story["last_day"], day_text(story["first_day"]),
         day_text(story["last_day"]), json.dumps(centroid, separators=(",", ":")),
         story["weighed_at"], now, story["id"]))
    sid = story["id"]
    old, new = _postings(old_centroid), _postings(centroid)
    posted = dict(store.execute("SELECT term, reach_to FROM story_terms WHERE story = ?", (sid,)))
    store.conn.executemany("DELETE FROM story_terms WHERE term = ? AND reach_to = ? AND story = ?",
                           [(t, r, sid) for t, r in posted.items() if t not in new])
    low, high = _reach(story)
    size = story["size"]
    moved = (low, high) != story.get("reach") or size != story.get("posted_size")
    store.conn.executemany(
        "UPDATE story_terms SET weight = ?, reach_from = ?, reach_to = ?, size = ? "
        "WHERE term = ? AND reach_to = ? AND story = ?",
        [(w, low, high, size, t, posted[t], sid) for t, w in new.items()
         if t in posted and (moved or old.get(t) != w or posted[t] != high)])
    store.conn.executemany(
        "INSERT INTO story_terms(term, story, weight, reach_from, reach_to, size) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [(t, sid, w, low, high, size) for t, w in new.items() if t not in posted])
    story["reach"], story["posted_size"] = (low, high), size


def _reach(story: dict) -> tuple[int, int]:
    """The days within which an article can still join the story (indexed in story_terms)."""
    first, last = story["first_day"], story["last_day"]
    if first is None or last is None:
        return (-_FAR, _FAR)
    # rounded up to whole windows, so that the postings are rewritten only now and then
    window = T.WINDOW_DAYS
    extra = window * math.ceil(reach(first, last, story["size"]) / window)
    return (first - extra, last + extra)


def _reweigh(store: Store, story: dict, weights: Weights, now: str, force: bool = False) -> None:
    """Rebuild a story's centroid from its articles' terms with today's weights, when the
    corpus has grown enough since it was last weighed (small stories only: a large story's
    weights have settled)."""
    stale = weights.n > story["weighed_at"] * (1 + T.STALE_GROWTH)
    if not force and (not stale or story["size"] > T.REWEIGH_MAX_SIZE):
        return
    centroid: dict[str, float] = {}
    rows = [(key, title, _decoded_terms(terms or "{}")) for key, title, terms in store.execute(
        "SELECT id, title, terms FROM articles WHERE story = ?", (story["id"],))]
    weights.load({t for _, _, terms in rows for t in terms})  # one look-up for all members
    members = []
    for key, title, terms in rows:
        vector = weights.vector(terms, loaded=True)
        members.append((key, title, vector))
        for t, v in vector.items():
            centroid[t] = centroid.get(t, 0.0) + v
    old_centroid = story["centroid"]
    story["centroid"] = _trim(centroid)
    story["weighed_at"] = weights.n
    _save(store, story, old_centroid, now)
    # every member is at hand: the headline is chosen again among all of them
    scored = [(likeness(v, story), key, title) for key, title, v in members if title]
    if scored:
        score, key, title = max(scored, key=lambda s: (s[0], s[1]))
        store.execute("UPDATE stories SET headline = ?, headline_id = ?, headline_score = ? "
                      "WHERE id = ?", (title, key, score, story["id"]))
        story["headline_score"] = score


def likeness(vector: dict[str, float], story: dict) -> float:
    """Average cosine between an article's unit vector and the story's articles."""
    return _dot(vector, story["centroid"]) / story["size"] if story["size"] else 0.0


#: The postings of one term alive at a day: through the key of story_terms (term, reach_to,
#: story), the first ``POSTINGS_SCANNED`` whose reach ends on or after the day (a bounded range,
#: which the size of the corpus does not lengthen), of which those whose reach has begun by
#: then, the heaviest ``POSTINGS_PER_TERM``, each with its weight in the story's average (the
#: posting holds the story's size, schema 4). One range of one B-tree: no index to go through,
#: no story visited.
CANDIDATES_SQL = ("SELECT story, weight / size FROM (SELECT story, weight, size, reach_from "
                  "FROM story_terms WHERE term = ? AND reach_to >= ? ORDER BY reach_to LIMIT ?) "
                  "WHERE reach_from <= ? ORDER BY weight DESC LIMIT ?")


def candidates(store: Store, vector: dict[str, float], first: int | None = None,
               last: int | None = None, limit: int | None = None,
               terms: int | None = None) -> list[int]:
    """Stories sharing the heaviest terms of a vector (its ``terms`` heaviest, default
    ``QUERY_TERMS``) whose reach covers the days ``first``..``last``, best first (bounded in
    number: a fixed number of index look-ups, each over the stories of one term alive at that
    time, which the size of the corpus does not change)."""
    query = heaviest(vector, terms or T.QUERY_TERMS)
    low = -_FAR if last is None else last
    high = _FAR if first is None else first
    scores: dict[int, float] = {}
    cursor = store.conn.cursor()
    cursor.row_factory = None  # plain tuples: the rows are only unpacked
    for term, weight in query:
        for story, share in cursor.execute(CANDIDATES_SQL, (term, low, T.POSTINGS_SCANNED, high,
                                                            T.POSTINGS_PER_TERM)):
            scores[story] = scores.get(story, 0.0) + weight * share
    return [story for story, _ in heaviest(scores, limit or T.CANDIDATES)]


# ---- adding, merging, removing ----------------------------------------------------------------

def add(store: Store, *, n: int, key: str, title: str | None, terms: dict[str, float],
        day: int | None, now: str, story: int | None = None, n_docs: int | None = None) -> int:
    """Put the stored article (row ``n``) into a story and return the story's id.

    ``story`` forces the story (a near-copy joins its original's); otherwise the most alike
    story is chosen, or a new story started. Counts the article's terms into the corpus.
    ``n_docs`` is the number of articles stored so far (default: the corpus count)."""
    df = _count_in(store, terms)
    weights = Weights(store, store.meta_int("articles") if n_docs is None else n_docs)
    weights.known(df)
    vector = weights.vector(terms, loaded=True)
    target: dict | None = None
    if story is None and vector:
        best: tuple[float, dict] | None = None
        for sid in candidates(store, vector, day, day):
            other = _load(store, sid)
            _reweigh(store, other, weights, now)
            score = likeness(vector, other) * time_factor(day, other["first_day"],
                                                          other["last_day"], other["size"])
            if score >= threshold(T.THRESHOLD, weights.n) and (best is None
                                                                  or score > best[0]):
                best = (score, other)
        if best is not None:  # the story as just loaded (and re-weighed): not read again
            story, target = best[1]["id"], best[1]
    started = story is None
    if started:
        story = store.execute("INSERT INTO stories(size, first_day, last_day, headline, "
                              "headline_id, weighed_at, updated_at) VALUES (0, ?, ?, ?, ?, ?, ?)",
                              (day, day, title, key, weights.n, now)).lastrowid
    if target is None:
        target = _load(store, story)
        _reweigh(store, target, weights, now)
    old_centroid = target["centroid"]
    centroid = dict(old_centroid)
    for t, v in vector.items():
        centroid[t] = centroid.get(t, 0.0) + v
    target["centroid"] = _trim(centroid)
    target["size"] += 1
    if day is not None:
        target["first_day"] = min(d for d in (target["first_day"], day) if d is not None)
        target["last_day"] = max(d for d in (target["last_day"], day) if d is not None)
    _save(store, target, old_centroid, now)
    store.execute("UPDATE articles SET story = ? WHERE n = ?", (story, n))
    central = likeness(vector, target)
    if title and target["size"] > 1:  # the most representative title: the most central article
        head = store.execute("SELECT a.terms FROM stories s JOIN articles a ON a.id = "
                             "s.headline_id WHERE s.id = ?", (story,)).fetchone()
        if head is not None:
            target["headline_score"] = likeness(weights.vector(_decoded_terms(head[0] or "{}")),
                                                target)
    if title and (central > target["headline_score"] or target["size"] == 1):
        store.execute("UPDATE stories SET headline = ?, headline_id = ?, headline_score = ? "
                      "WHERE id = ?", (title, key, central, story))
    if started:
        # a new story of one article is its article: every story it could merge with was a
        # candidate just above (the same likeness, time factor and threshold) and none was
        # alike enough, so there is nothing to settle
        return story
    return _settle(store, target, weights, now)


def _settle(store: Store, target: dict, weights: Weights, now: str) -> int:
    """Merge a story that grew with the most alike other story, if any is alike enough."""
    best: tuple[float, int] | None = None
    for sid in candidates(store, target["centroid"], target["first_day"], target["last_day"],
                          T.MERGE_CANDIDATES + 1, T.MERGE_QUERY_TERMS):
        if sid == target["id"]:
            continue
        other = _load(store, sid)
        _reweigh(store, other, weights, now)
        score = _dot(target["centroid"], other["centroid"]) / (target["size"] * other["size"])
        score *= span_factor(target, other)
        if score >= threshold(T.THRESHOLD, weights.n) and (best is None
                                                               or score > best[0]):
            best = (score, sid)
    if best is None:
        return target["id"]
    kept = merge(store, target["id"], best[1], now)
    return _settle(store, _load(store, kept), weights, now)


def merge(store: Store, a: int, b: int, now: str) -> int:
    """Merge two stories; the larger (the older on a tie) keeps its id. Returns that id."""
    first, second = _load(store, a), _load(store, b)
    keep, gone = sorted((first, second), key=lambda s: (-s["size"], s["id"]))
    old_centroid = keep["centroid"]
    centroid = dict(old_centroid)
    for t, v in gone["centroid"].items():
        centroid[t] = centroid.get(t, 0.0) + v
    keep["centroid"] = _trim(centroid)
    keep["size"] += gone["size"]
    keep["weighed_at"] = min(keep["weighed_at"], gone["weighed_at"])
    days = [d for d in (keep["first_day"], keep["last_day"], gone["first_day"],
                        gone["last_day"]) if d is not None]
    keep["first_day"], keep["last_day"] = (min(days), max(days)) if days else (None, None)
    _save(store, keep, old_centroid, now)
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
    story["size"] -= 1
    span = store.execute("SELECT min(day), max(day) FROM articles WHERE story = ?",
                         (story["id"],)).fetchone()
    story["first_day"], story["last_day"] = span[0], span[1]
    _reweigh(store, story, Weights(store, store.meta_int("articles") - 1), now, force=True)
    head = store.execute("SELECT headline_id FROM stories WHERE id = ?", (story["id"],)).fetchone()
    if head["headline_id"] == key:
        heir = store.execute("SELECT id, title FROM articles WHERE story = ? AND title IS NOT NULL "
                             "ORDER BY day IS NULL, day, n LIMIT 1", (story["id"],)).fetchone()
        store.execute("UPDATE stories SET headline = ?, headline_id = ?, headline_score = 0 "
                      "WHERE id = ?", (heir["title"] if heir else None,
                                       heir["id"] if heir else None, story["id"]))
