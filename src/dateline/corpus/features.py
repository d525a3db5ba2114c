"""What an article is about, as a bag of weighted terms for grouping articles into stories.

Built from the analysed record, never from a new parse: the title (counted twice), the lead
(the description and the first words of the body), the rest of the first part of the body at a
lower weight, and the people, organisations and places the article names. Terms are lower-cased
words without stop words, with a light plural folding; entities are single terms ("@barack obama")
so that a name counts as one thing. Weights are sublinear (1 + log tf); inverse document
frequencies are applied later, against the corpus (see stories.py).
"""
from __future__ import annotations

import functools
import math
import re
from collections import Counter
from datetime import date

from .tuning import (BODY_WORDS, ENTITY_TYPES, ENTITY_WEIGHT, LEAD_WEIGHT, LEAD_WORDS,
                     MAX_TERMS, REST_WEIGHT, TITLE_WEIGHT)

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
    stops = stop_words()
    return [fold(t) for t in tokens if len(t) > 1 and t.lower() not in stops]


def article_terms(record: dict) -> dict[str, float]:
    """The weighted terms of an article record (title, description, body, entities)."""
    counts: Counter[str] = Counter()
    for term in content_terms(words(record.get("title"))):
        counts[term] += TITLE_WEIGHT
    body = words(record.get("body"))
    lead = words(record.get("description")) + body[:LEAD_WORDS]
    for term in content_terms(lead):
        counts[term] += LEAD_WEIGHT
    for term in content_terms(body[LEAD_WORDS:BODY_WORDS]):
        counts[term] += REST_WEIGHT
    for entity in record.get("entities") or []:
        if entity.get("type") in ENTITY_TYPES and entity.get("name"):
            name = " ".join(w.lower() for w in words(entity["name"]))
            if name:
                counts["@" + name] += ENTITY_WEIGHT * (1 + math.log(max(1, entity.get("mentions")
                                                                         or 1)))
    weights = {t: (1 + math.log(c)) if c >= 1 else c for t, c in counts.items()}
    if len(weights) > MAX_TERMS:
        weights = dict(sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_TERMS])
    return weights


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
