"""Canonical names: one entity per person (or organisation, place...) across an article.

A person's canonical name is the fullest form the article uses; shorter forms join it when
they are a subsequence of it ending in the same surname ("Kirby" → "John Kirby", "Lopez
Obrador" → "Andres Manuel Lopez Obrador", "Sherwood-Randall" → "Liz Sherwood Randall"), or its
first name. A short form shared by two people ("Clinton" for Bill and Hillary) goes to the
one named most recently. Other entities merge on their normalised text ("the White House" =
"White House", "U.S." = "US", an acronym given in brackets after the full name).

Public helpers for later stages: :func:`resolve` (a name or mention string → the article's
entity), :func:`entity_at` (a body offset → the entity mentioned there) and
:func:`nearest_person` (the person named last before an offset, for "he"/"she").
"""
from __future__ import annotations

import functools
import unicodedata
from collections import Counter
from collections.abc import Iterable

from anyascii import anyascii

from ..types import Entity
from .words import HONORIFICS, TITLE_ABBREVIATIONS, TITLE_HEADS, TITLE_MODIFIERS

Key = tuple[str, ...]
GENERATIONAL = frozenset({"jr", "sr", "ii", "iii", "iv"})


@functools.lru_cache(maxsize=8192)
def name_key(text: str) -> Key:
    """A name for comparison: no accents (transliterated to ASCII), case, dots, hyphens,
    possessive, leading "the"/honorific: "François" = "Francois", "Kim Jong-un" = "Kim Jong Un"."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    if not text.isascii():               # "Łukasz", "Søren", "Мария": anyascii transliterates
        text = anyascii(text.replace("’", "'"))
    text = text.replace("’", "'").lower()
    for suffix in ("'s", "'"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    words = text.replace("-", " ").replace("–", " ").split()
    words = [w.replace(".", "") for w in words]
    words = [w for w in words if w]
    while len(words) > 1 and (words[0] == "the" or words[0] in HONORIFICS
                              or words[0] + "." in HONORIFICS):
        words = words[1:]
    while len(words) > 2 and words[-1] in GENERATIONAL:
        words = words[:-1]
    return tuple(words)


def is_short_form(short: Key, full: Key) -> bool:
    """Whether ``short`` names the same person as ``full`` ("kirby" ⊂ "john kirby")."""
    if not short or not full or len(short) > len(full):
        return False
    if short == full:
        return True
    if short[-1] == full[-1]:
        it = iter(full)
        return all(word in it for word in short)       # ordered subsequence
    return False


def is_first_name(short: Key, full: Key) -> bool:
    return len(short) == 1 and len(full) > 1 and short[0] == full[0]


class PersonIndex:
    """Person clusters built from name forms, longest first; then mentions assigned in order.

    A short form several people share goes to the one the article names in full most often
    (the story's protagonist: "Clinton" is Hillary, not her daughter Chelsea or her husband
    Bill, who are named in full when meant); on a tie, to the one named last.
    """

    def __init__(self, keys: Iterable[Key]):
        counts = Counter(keys)
        self.canon: list[Key] = []
        for key in sorted(counts, key=lambda k: -len(k)):
            if not any(is_short_form(key, c) for c in self.canon):
                # a first name alone joins the full name, unless it is the commoner form
                # ("Obama" twelve times is not the first name of a glued "Obama Says")
                if not any(is_first_name(key, c) and counts[key] <= counts[c]
                           for c in self.canon):
                    self.canon.append(key)
        self.counts = counts
        self.weight = [counts[c] for c in self.canon]
        self._cands: dict[Key, tuple[list[int], list[int]]] = {}
        self.last_seen: dict[int, int] = {}

    def candidates(self, key: Key, first_names: bool = True) -> list[int]:
        """Clusters ``key`` may name: the exact one, else those it is a short form of, else
        (when ``first_names``) those whose first name it is."""
        if key not in self._cands:
            exact = [i for i, c in enumerate(self.canon) if c == key]
            short = exact or [i for i, c in enumerate(self.canon) if is_short_form(key, c)]
            first = [] if exact else [i for i, c in enumerate(self.canon)
                                      if is_first_name(key, c)]
            self._cands[key] = (short, first)
        short, first = self._cands[key]
        return short or (first if first_names else [])

    def split(self, key: Key, position: int) -> int:
        """Make ``key`` a person of its own ("Mr. Obama" is not "the first lady, Michelle
        Obama"); later mentions of ``key`` go to it."""
        self.canon.append(key)
        self.weight.append(self.counts.get(key, 1))
        self._cands = {}
        self.last_seen[len(self.canon) - 1] = position
        return len(self.canon) - 1

    def assign(self, key: Key, position: int) -> int | None:
        """The cluster for a mention of ``key`` at ``position`` (mentions come in order)."""
        cands = self.candidates(key)
        if not cands:
            return None
        if len(cands) == 1:
            best = cands[0]
        else:
            best = max(cands, key=lambda c: (self.weight[c], self.last_seen.get(c, -10**9)))
        self.last_seen[best] = position
        return best


def strip_title_words(words: list[str]) -> list[str]:
    """Drop leading title words and honorifics: "President Lopez Obrador" → "Lopez Obrador"."""
    while len(words) > 1:
        low = words[0].lower()
        if low in HONORIFICS or low in TITLE_ABBREVIATIONS or low in TITLE_HEADS \
                or low in TITLE_MODIFIERS or low in ("the", "of", "for", "a", "an"):
            words = words[1:]
        else:
            break
    return words


def resolve(entities: list[Entity], mention: str) -> Entity | None:
    """The entity of the article named by ``mention``, or None.

    ``mention`` may be a full name, a short form, a possessive, carry a title or honorific
    ("Kirby", "Biden's", "President Lopez Obrador", "Mr. Kirby", "the White House") or be a
    title alone ("the spokesman", when one person of the article has that title).
    People are preferred over other entities; among several people sharing a short form
    the one mentioned most wins.
    """
    if not mention or not mention.strip():
        return None
    words = strip_title_words(mention.strip().strip("\"“”‘’'.,;:()").split())
    key = name_key(" ".join(words))
    if not key:
        return None
    people = [e for e in entities if e.type == "PERSON"]
    others = [e for e in entities if e.type != "PERSON"]
    for group in (people, others):
        for n in range(len(key)):                # "council spokesman john kirby" → "john kirby"
            tail = key[n:]
            for e in group:
                if tail == name_key(e.name) or any(tail == name_key(a) for a in e.aliases):
                    return e
    short = [e for e in people if is_short_form(key, name_key(e.name))] \
        or [e for e in people if is_first_name(key, name_key(e.name))]
    if short:
        return max(short, key=lambda e: e.mentions)
    role = " ".join(w for w in name_key(mention) if w not in ("the", "a", "an"))
    if role:
        holders = [e for e in people
                   if any(t.lower() == role or t.lower().endswith(" " + role) for t in e.titles)]
        if len(holders) == 1:
            return holders[0]
    return None


def entity_at(entities: list[Entity], start: int, end: int | None = None) -> Entity | None:
    """The entity with a mention overlapping body characters ``start:end``, or None."""
    end = start + 1 if end is None else end
    for e in entities:
        for m in e.spans:
            if m.start < end and start < m.end:
                return e
    return None


def nearest_person(entities: list[Entity], offset: int, gender: str | None = None
                   ) -> Entity | None:
    """The person mentioned last before body offset ``offset`` (for "he said"): with
    ``gender`` ("male"/"female"), people known to be of the other gender are passed over."""
    best, best_end = None, -1
    for e in entities:
        if e.type != "PERSON" or (gender and e.gender and e.gender != gender):
            continue
        for m in e.spans:
            if best_end < m.end <= offset:
                best, best_end = e, m.end
    return best
