"""Near-duplicate lines: word-bigram shingles compared by Jaccard similarity and containment.

Scraped pages repeat themselves: a photo caption is often a near-copy of the lead, a related-article
teaser appears twice (once with its section label glued on), galleries repeat their captions.
Candidate pairs come from an inverted index of shingles, so the cost grows with the number of
shared shingles, not with the square of the number of lines.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

_TOKEN = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, n: int = 2) -> frozenset[tuple[str, ...]]:
    """The set of word n-grams of a text (lower-cased); a text of fewer than n words is one shingle."""
    return _shingles(list(map(str.lower, _TOKEN.findall(text))), n)


def _shingles(toks: list[str], n: int = 2) -> frozenset[tuple[str, ...]]:
    if len(toks) < n:
        return frozenset([tuple(toks)]) if toks else frozenset()
    return frozenset(zip(*(toks[k:] for k in range(n))))     # each run of n words, in order


def jaccard(a: frozenset, b: frozenset) -> float:
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def containment(a: frozenset, b: frozenset) -> float:
    """How much of the smaller set lies inside the larger one."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def similar_pairs(texts: list[str], *, min_shingles: int = 4, jaccard_min: float = 0.5,
                  containment_min: float = 0.9, max_postings: int = 40
                  ) -> list[tuple[int, int, float, float]]:
    """Pairs (i, j, jaccard, containment), i < j, of texts that are near-copies of each other:
    similar by Jaccard, or one inside the other when they are of like size (a caption and the
    same caption with its credit; a teaser with and without its section label).

    Texts with fewer than ``min_shingles`` shingles only pair when exactly equal (after
    lower-casing and dropping punctuation). Shingles shared by more than ``max_postings`` texts
    (menus, stock phrases) are not used to find candidates.
    """
    words = [list(map(str.lower, _TOKEN.findall(text))) for text in texts]
    sets = [_shingles(toks) for toks in words]
    pairs: dict[tuple[int, int], tuple[float, float]] = {}
    exact: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, toks in enumerate(words):
        key = tuple(toks)
        if key:
            exact[key].append(i)
    for group in exact.values():
        for a in range(len(group)):
            for b in range(a + 1, min(len(group), a + 50)):
                pairs[(group[a], group[b])] = (1.0, 1.0)
    postings: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, s in enumerate(sets):
        if len(s) >= min_shingles:
            for sh in s:
                postings[sh].append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for ids in postings.values():
        if len(ids) < 2 or len(ids) > max_postings:
            continue
        for a in range(len(ids)):
            for b in range(a + 1, len(ids)):
                shared[(ids[a], ids[b])] += 1
    for (i, j), n in shared.items():
        if (i, j) in pairs:
            continue
        a, b = sets[i], sets[j]
        jac = n / (len(a) + len(b) - n)
        con = n / min(len(a), len(b))
        similar_size = min(len(a), len(b)) >= 0.5 * max(len(a), len(b))
        if jac >= jaccard_min or (con >= containment_min and similar_size
                                  and min(len(a), len(b)) >= min_shingles):
            pairs[(i, j)] = (jac, con)
    return sorted((i, j, jac, con) for (i, j), (jac, con) in pairs.items())


def groups(n: int, pairs: list[tuple[int, int, float, float]]) -> list[list[int]]:
    """Connected groups (union-find) of the indices 0..n-1 joined by ``pairs``; singletons left out."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j, _, _ in pairs:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    out: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        out[find(i)].append(i)
    return [sorted(g) for g in out.values() if len(g) > 1]
