"""Near-copies: syndicated or lightly edited copies of an article already in the corpus.

Each body long enough gets a MinHash signature (datasketch) over its word shingles; the
signature is cut into bands, and each band's hash is stored in the ``lsh`` table with an index,
so finding the candidates for a new article is a handful of index look-ups whatever the size of
the corpus. A candidate is a copy when the signatures agree on at least ``COPY_JACCARD`` of
their positions (the estimated Jaccard similarity of the shingle sets).

The original of a group of copies is the earliest published (the first stored on a tie); every
copy points at it with ``duplicate_of``.
"""
from __future__ import annotations

import functools
import hashlib

import numpy as np

from .features import words
from .store import Store
from .tuning import BANDS, COPY_JACCARD, MIN_WORDS, NUM_PERM, SHINGLE_WORDS

ROWS = NUM_PERM // BANDS


@functools.lru_cache(maxsize=1)
def _template():
    from datasketch import MinHash

    # the shingles are hashed here, all at once (see _hashes); datasketch permutes the hashes
    return MinHash(num_perm=NUM_PERM, seed=1, hashfunc=int)


def _hashes(shingles: set[str]) -> list[int]:
    """The 32-bit hash of each shingle: the first four bytes of its SHA-1, little-endian
    (datasketch's ``sha1_hash32``, the same values, without a call per shingle to unpack it)."""
    sha1 = hashlib.sha1
    return np.frombuffer(b"".join([sha1(s.encode("utf-8")).digest()[:4] for s in shingles]),
                         dtype="<u4").tolist()


def signature(body: str, tokens: list[str] | None = None) -> np.ndarray | None:
    """The MinHash signature of a body (uint32 values), or None when it is too short to judge.
    ``tokens``: ``words(body)``, when the caller has them already."""
    tokens = [w.lower() for w in (words(body) if tokens is None else tokens)]
    if len(tokens) < MIN_WORDS:
        return None
    shingles = set(map(" ".join, zip(*(tokens[i:] for i in range(SHINGLE_WORDS)))))
    minhash = _template().copy()
    minhash.update_batch(_hashes(shingles))
    return minhash.hashvalues.astype(np.uint32)


def buckets(sig: np.ndarray) -> list[tuple[int, int]]:
    """(band, bucket) pairs of a signature: a signed 64-bit hash of each band's rows."""
    out = []
    for band in range(BANDS):
        digest = hashlib.blake2b(sig[band * ROWS:(band + 1) * ROWS].tobytes(), digest_size=8)
        out.append((band, int.from_bytes(digest.digest(), "little", signed=True)))
    return out


def find_original(store: Store, sig: np.ndarray, exclude: int | None = None
                  ) -> tuple[int, float] | None:
    """The stored article (row number) this signature copies, with the estimated similarity."""
    seen: set[int] = set()
    best: tuple[int, float] | None = None
    for band, bucket in buckets(sig):
        for (article,) in store.execute(
                "SELECT article FROM lsh WHERE band = ? AND bucket = ? LIMIT 64", (band, bucket)):
            if article in seen or article == exclude:
                continue
            seen.add(article)
            row = store.execute("SELECT sig FROM signatures WHERE article = ?",
                                (article,)).fetchone()
            if row is None:
                continue
            other = np.frombuffer(row[0], dtype=np.uint32)
            similarity = float(np.mean(other == sig))
            if similarity >= COPY_JACCARD and (best is None or similarity > best[1]):
                best = (article, similarity)
    return best


def remember(store: Store, article: int, sig: np.ndarray) -> None:
    """Store an article's signature and its band buckets (inside the caller's transaction)."""
    store.execute("INSERT OR REPLACE INTO signatures(article, sig) VALUES (?, ?)",
                  (article, sig.tobytes()))
    store.execute("DELETE FROM lsh WHERE article = ?", (article,))
    store.conn.executemany("INSERT INTO lsh(band, bucket, article) VALUES (?, ?, ?)",
                           [(band, bucket, article) for band, bucket in buckets(sig)])


def mark_copy(store: Store, new_n: int, new_key: str, new_day: int | None, copied: int) -> str:
    """Record that the new article and the stored article ``copied`` are copies of one story.
    Returns the key of the group's original (which may now be the new article)."""
    row = store.execute("SELECT id, duplicate_of FROM articles WHERE n = ?", (copied,)).fetchone()
    root_key = row["duplicate_of"] or row["id"]
    root = store.execute("SELECT n, day FROM articles WHERE id = ?", (root_key,)).fetchone()
    if root is not None and new_day is not None and (root["day"] is None or new_day < root["day"]):
        # the new article was published first: it becomes the original of the group
        store.execute("UPDATE articles SET duplicate_of = ? WHERE duplicate_of = ? OR id = ?",
                      (new_key, root_key, root_key))
        return new_key
    store.execute("UPDATE articles SET duplicate_of = ? WHERE n = ?", (root_key, new_n))
    return root_key


def forget(store: Store, article_key: str) -> None:
    """Before an article is removed: its copies point at the next original of the group."""
    copies = store.execute("SELECT id FROM articles WHERE duplicate_of = ? "
                           "ORDER BY day IS NULL, day, n", (article_key,)).fetchall()
    if not copies:
        return
    heir = copies[0]["id"]
    store.execute("UPDATE articles SET duplicate_of = NULL WHERE id = ?", (heir,))
    store.execute("UPDATE articles SET duplicate_of = ? WHERE duplicate_of = ?",
                  (heir, article_key))
