"""What an article is about, as a bag of weighted terms for grouping articles into stories.

Built from the analysed record, never from a new parse: the title (counted twice), the lead
(the description and the first words of the body), the rest of the first part of the body at a
lower weight, and the people, organisations and places the article names, with the who and where
of its main event. Terms are lower-cased words without stop words, with a light plural folding;
entities are single terms ("@barack obama", see :func:`entity_key`) so that a name counts as one
thing. Weights are sublinear (1 + log tf); inverse document
frequencies are applied later, against the corpus (see stories.py).
"""
from __future__ import annotations

import functools
import heapq
import math
import re
from collections import Counter
from datetime import date

from . import tuning as T  # read at call time, so that scripts/tune_stories.py can vary them

_WORD = re.compile(r"[^\W\d_](?:[^\W_]|['’](?=[^\W\d_]))*|\d+(?:[.,]\d+)*")


@functools.lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | {"said", "says", "say", "told", "mr", "mrs", "ms", "dr"}


def fold(word: str) -> str:
    """Lower-case, straight apostrophes, no possessive, a plural folded to its singular."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def words(text: str | None) -> list[str]:
    """The words of a text in order (letters, digits, inner apostrophes)."""
    return _WORD.findall(text or "")


def content_terms(tokens: list[str]) -> list[str]:
    """The terms of the words of a text: folded, without stop words and one-letter words."""
    return [term for term in map(_term, tokens) if term is not None]


@functools.lru_cache(maxsize=1 << 16)
def _term(token: str) -> str | None:
    """The term of one word, or None (remembered: the words of news repeat)."""
    if len(token) < 2 or token.lower() in stop_words():
        return None
    return fold(token)


def entity_key(name: str | None) -> str | None:
    """The term of a named thing: "@" and its words, lower-cased and folded to ASCII.

    The one place where a name becomes a feature: corpus-wide identities (one id for "Barack
    Obama" and "Obama") replace it by returning "@" + the identity id instead."""
    if not name:
        return None
    from anyascii import anyascii

    key = " ".join(w.lower() for w in words(anyascii(name)))
    return "@" + key if key else None


def entity_counts(record: dict) -> Counter[str]:
    """The named things of an article (people, organisations, places ...), each counted
    1 + log(mentions), and the who and where of its main event once more."""
    counts: Counter[str] = Counter()
    for entity in record.get("entities") or []:
        if entity.get("type") in T.ENTITY_TYPES:
            key = entity_key(entity.get("name"))
            if key:
                counts[key] += 1 + math.log(max(1, entity.get("mentions") or 1))
    events = record.get("events") or []
    event = events[0] if events and isinstance(events[0], dict) else {}
    for field in ("who", "where"):
        answer = event.get(field)
        key = entity_key(answer.get("text") if isinstance(answer, dict) else None)
        if key in counts:  # only names the article itself names (not a stray phrase)
            counts[key] += 1
    return counts


def article_terms(record: dict, body_words: list[str] | None = None) -> dict[str, float]:
    """The weighted terms of an article record (title, description, body, entities).
    ``body_words``: ``words(record["body"])``, when the caller has them already."""
    counts: Counter[str] = Counter()
    for term in content_terms(words(record.get("title"))):
        counts[term] += T.TITLE_WEIGHT
    body = words(record.get("body")) if body_words is None else body_words
    lead = words(record.get("description")) + body[:T.LEAD_WORDS]
    for term in content_terms(lead):
        counts[term] += T.LEAD_WEIGHT
    for term in content_terms(body[T.LEAD_WORDS:T.BODY_WORDS]):
        counts[term] += T.REST_WEIGHT
    if T.ENTITY_WEIGHT > 0:
        for key, count in entity_counts(record).items():
            counts[key] += T.ENTITY_WEIGHT * count
    weights = {t: (1 + math.log(c)) if c >= 1 else c for t, c in counts.items()}
    if len(weights) > T.MAX_TERMS:
        weights = dict(heaviest(weights, T.MAX_TERMS))
    return weights


def heaviest(weights: dict, k: int) -> list[tuple]:
    """The ``k`` heaviest items of ``weights``, heaviest first, ties in key order: the first
    ``k`` of ``sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))``. Only the items at
    least as heavy as the k-th heaviest weight (found among the bare weights) are sorted."""
    if len(weights) > k:
        floor = heapq.nlargest(k, weights.values())[-1]
        items = [kv for kv in weights.items() if kv[1] >= floor]
    else:
        items = list(weights.items())
    return sorted(items, key=_heaviest_first)[:k]


def _heaviest_first(item: tuple) -> tuple:
    return -item[1], item[0]


def unit(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {t: v / norm for t, v in vector.items()} if norm else {}


def day_number(published: str | None, fallback: str | None = None) -> int | None:
    """A date as a day number (proleptic ordinal), from "YYYY-MM-DD" or a longer ISO stamp."""
    for value in (published, fallback):
        if value and len(value) >= 10:
            try:
                return date.fromisoformat(value[:10]).toordinal()
            except ValueError:
                continue
    return None


def day_text(day: int | None) -> str | None:
    return date.fromordinal(day).isoformat() if day else None

