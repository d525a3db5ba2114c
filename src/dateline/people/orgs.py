"""Organisations the model cuts, glues or misses: brackets, acronyms and repeated names.

* edges: "National League for Democracy (NLD" tagged as one name is two mentions, the name
  and its acronym (so is "Hizbollah (Party of God"); a month before a name is a date, not
  part of it ("[August] Chicago NAPM"), and so are a leading "pro-"/"anti-" word and
  trailing lowercase words ("[pro-Socialist] CFDT", "Interfax [news]"); a time zone after a
  clock time is no name at all ("1800 [GMT]", zone names from the tz database); a possessor is a name of its own ("[Farrakhan's]
  Nation of Islam"); a list is its items ("Mercantile or Commerce", "Derbyshire and Surrey")
  when the article names an item alone, or each item is a place;
* acronyms: "Kurdistan Democratic Party (KDP)" (or "FOMC (Federal Open Market Committee)")
  defines the acronym for the whole article: every bare mention of it, tagged or not, takes
  the type of the full name; a name the model cut in pieces is one when the acronym spells
  them all ("[London ... Futures] and [Options Exchange] (LIFFE)");
* repeated names: a name the article types as an organisation is one wherever the same words
  stand alone, untagged ("Comelf said ... Comelf's output").
"""
from __future__ import annotations

import calendar
import functools
import re
import zoneinfo

import numpy

from .evidence import CORPORATE, is_place
from .names import name_key
from .repair import Raw
from .words import ORG_WORDS

CLOSE = frozenset({")", "]"})
OPEN = frozenset({"(", "["})
MONTHS = frozenset(m.lower() for m in calendar.month_name[1:] + calendar.month_abbr[1:])
LIST_WORDS = frozenset({"and", "or", ",", "&"})
STANCE_PREFIXES = frozenset({"pro", "anti", "ex", "non"})
CONNECTORS = frozenset({"of", "for", "and", "the", "in", "on", "&", "de", "du", "des"})


@functools.lru_cache(maxsize=1)
def _zone_abbreviations() -> frozenset[str]:
    """"GMT", "EST", "EDT"...: the capital runs of the tz database's zone names ("EST5EDT")."""
    keys = (k for k in zoneinfo.available_timezones() if re.fullmatch(r"[A-Z0-9+-]+", k))
    return frozenset(w for k in keys for w in re.findall(r"[A-Z]{3,4}", k))


def _is_time_zone(doc, r: Raw) -> bool:
    prev = doc[r.start - 1] if r.start else None
    return r.end - r.start == 1 and doc[r.start].text in _zone_abbreviations() and \
        prev is not None and (prev.like_num or prev.lower_ in ("a.m.", "p.m.", "am", "pm"))


def cut_edges(doc, raws: list[Raw]) -> list[Raw]:
    """Mentions cut at an opening bracket inside them ("X (Y" → "X" and "Y"), and without a
    month, a stance prefix or lowercase words at their edges (see the module docstring)."""
    out: list[Raw] = []
    for r in raws:
        if r.label != "PERSON" and _is_time_zone(doc, r):
            continue
        if r.label != "PERSON" and r.end - r.start >= 2 and doc[r.start].lower_ in MONTHS \
                and doc[r.start + 1].text[:1].isupper():
            r.start += 1
        if r.label == "ORG" and r.end - r.start >= 4 and doc[r.start].lower_ in STANCE_PREFIXES \
                and doc[r.start + 1].text == "-":
            r.start += 3                  # "[pro - Socialist] CFDT": the whole compound
        while r.label == "ORG" and r.end - r.start >= 2 and doc[r.end - 1].is_lower \
                and doc[r.end - 1].is_alpha:
            r.end -= 1
        cut = next((i for i in range(r.start + 1, r.end - 1) if doc[i].text in OPEN), None)
        if r.label == "PERSON" or cut is None:
            out.append(r)
            continue
        end = next((i for i in range(cut + 1, r.end) if doc[i].text in CLOSE), r.end)
        out.append(Raw(r.start, cut, r.label, source=r.source))
        if end > cut + 1:
            out.append(Raw(cut + 1, end, r.label, source="split"))
    return _split_lists(doc, _split_possessor(doc, out))


def _split_possessor(doc, raws: list[Raw]) -> list[Raw]:
    """"Farrakhan's Nation of Islam" → "Farrakhan" and "Nation of Islam", when the article
    names the possessor alone and the whole does not end as an organisation's name does
    ("Boatmen's Bancshares Inc"); the possessed part is dropped when it holds no proper noun
    ("Magna's [North American]")."""
    forms = {name_key(r.text(doc)) for r in raws}
    out: list[Raw] = []
    for r in raws:
        pos = next((i for i in range(r.start + 1, r.end - 1)
                    if doc[i].lower_ in ("'s", "’s")), None)
        last = doc[r.end - 1].lower_.rstrip(".")
        if r.label != "ORG" or pos is None or last in ORG_WORDS or last in CORPORATE \
                or name_key(doc[r.start:pos].text) not in forms:
            out.append(r)
            continue
        out.append(Raw(r.start, pos, r.label, source=r.source))
        if any(t.tag_ in ("NNP", "NNPS") for t in doc[pos + 1:r.end]):
            out.append(Raw(pos + 1, r.end, r.label, source="split"))
    return out


def _split_lists(doc, raws: list[Raw]) -> list[Raw]:
    """A name that is a list of names the article names alone, or of places, is its items."""
    forms = {name_key(r.text(doc)) for r in raws}
    out: list[Raw] = []
    for r in raws:
        cuts = [i for i in range(r.start + 1, r.end - 1) if doc[i].lower_ in LIST_WORDS]
        if r.label == "PERSON" or not cuts:
            out.append(r)
            continue
        bounds = [r.start] + [c for i in cuts for c in (i, i + 1)] + [r.end]
        items = [(a, b) for a, b in zip(bounds[::2], bounds[1::2])]
        keys = [name_key(doc[a:b].text) for a, b in items]
        if all(b > a and doc[a].text[:1].isupper() for a, b in items) and (
                any(k in forms for k in keys) or all(is_place(k) for k in keys)):
            out.extend(Raw(a, b, r.label, source="split") for a, b in items)
        else:
            out.append(r)
    return out


def _initials(words: list[str]) -> list[str]:
    return [w[0] for w in words if w and w[0].isalpha()]


def is_acronym(acronym: str, words: list[str]) -> bool:
    """Whether the letters of ``acronym`` are initials of ``words``, in order, the first one
    first ("KDP" of "Kurdistan Democratic Party", "OIC" of "Organisation of Islamic
    Conference")."""
    initials = _initials(words)
    low = acronym.lower()
    if len(low) < 2 or not initials or low[0] != initials[0]:
        return False
    it = iter(initials)
    return all(ch in it for ch in low)


def _acronym_token(tok) -> bool:
    text = tok.text
    return 2 <= len(text) <= 8 and text.isalpha() and text.isupper()


def _definitions(doc, raws: list[Raw]) -> dict[str, str]:
    """Acronym text → the label of the name it stands for, from "Name (ACR)" and "ACR
    (Name)"."""
    defs: dict[str, str] = {}
    by_start = {r.start: r for r in raws}
    for r in raws:
        if r.label == "PERSON":
            continue
        words = [t.lower_ for t in doc[r.start:r.end]]
        e = r.end
        if e + 2 < len(doc) and doc[e].text in OPEN and doc[e + 2].text in CLOSE \
                and _acronym_token(doc[e + 1]) and is_acronym(doc[e + 1].text, words):
            defs.setdefault(doc[e + 1].text, r.label)
        s = r.start
        if s >= 2 and doc[s - 1].text in OPEN and _acronym_token(doc[s - 2]) \
                and is_acronym(doc[s - 2].text, words) and r.end < len(doc) \
                and doc[r.end].text in CLOSE:
            inner = by_start.get(s - 2)
            if inner is None or inner.end == s - 1:
                defs.setdefault(doc[s - 2].text, r.label)
    return defs


def _covered(doc, raws: list[Raw]) -> bytearray:
    covered = bytearray(len(doc))
    for r in raws:
        for i in range(r.start, r.end):
            covered[i] = 1
    return covered


def _spelled_start(doc, end: int, acronym: str) -> int | None:
    """The first token of the longest run of capitalised words and connectors ending at
    ``end`` whose initials the acronym spells, or None."""
    best, s = None, end - 1
    while s >= 0 and end - s <= 12 and not doc[s].is_space and "\n" not in doc[s].text_with_ws \
            and (doc[s].text[:1].isupper() or doc[s].lower_ in CONNECTORS):
        if doc[s].text[:1].isupper() and doc[s].lower_ != "the" \
                and is_acronym(acronym, [t.lower_ for t in doc[s:end]]):
            best = s
        s -= 1
    return best


def hashed(words) -> numpy.ndarray:
    """The spaCy string hashes of ``words``, sorted (for :func:`among`)."""
    from spacy.strings import hash_string

    return numpy.array(sorted({hash_string(w) for w in words}), dtype=numpy.uint64)


def among(column: numpy.ndarray, table: numpy.ndarray) -> numpy.ndarray:
    """Which values of a doc's column (ORTH, LOWER...) are in ``table`` (:func:`hashed`): a
    binary search per token, without numpy.isin's set-up, which costs more on a headline."""
    if not len(table):
        return numpy.zeros(len(column), dtype=bool)
    at = numpy.minimum(numpy.searchsorted(table, column), len(table) - 1)
    return table[at] == column


def _with_text(doc, texts) -> list[int]:
    """Indices of the tokens whose text may be one of ``texts`` (equal hashes in the doc's ORTH
    column, without a Token object per token); callers check the text itself."""
    from spacy.attrs import ORTH

    if not texts or not len(doc):
        return []
    return among(doc.to_array(ORTH), hashed(texts)).nonzero()[0].tolist()


def _join_spelled(doc, raws: list[Raw]) -> list[Raw]:
    """Pieces of a name the acronym after it spells in full, joined into one organisation."""
    for e in _with_text(doc, OPEN):
        if not (1 <= e < len(doc) - 2 and doc[e].text in OPEN and doc[e + 2].text in CLOSE
                and _acronym_token(doc[e + 1])):
            continue
        start = _spelled_start(doc, e, doc[e + 1].text)
        inside = [x for x in raws if start is not None and x.start >= start and x.end <= e]
        if inside and any(x.label == "ORG" for x in inside) and (
                len(inside) > 1 or (inside[0].start, inside[0].end) != (start, e)) \
                and not any(x.start < start < x.end or x.start < e < x.end for x in raws):
            joined = Raw(start, e, "ORG", source="split")
            raws = sorted([x for x in raws if x not in inside] + [joined], key=lambda x: x.start)
    return raws


def acronym_mentions(doc, raws: list[Raw]) -> list[Raw]:
    """Every mention of an acronym defined in the article typed as its full name; untagged
    ones added (see the module docstring)."""
    raws = _join_spelled(doc, raws)
    defs = _definitions(doc, raws)
    if not defs:
        return raws
    for r in raws:
        if r.end - r.start == 1 and doc[r.start].text in defs and r.label != "PERSON":
            r.label = defs[doc[r.start].text]
    covered = _covered(doc, raws)
    added = [Raw(i, i + 1, defs[doc[i].text], source="acronym") for i in _with_text(doc, defs)
             if not covered[i] and doc[i].text in defs]
    return sorted(raws + added, key=lambda r: r.start) if added else raws


def _free(doc, covered, a: int, b: int) -> bool:
    """Tokens ``a..b`` are untagged and not part of a longer capitalised name."""
    if any(covered[a:b]):
        return False
    def namey(k: int) -> bool:
        t = doc[k]
        return t.text[:1].isupper() and t.pos_ == "PROPN" and not covered[k]
    return not (a > 0 and namey(a - 1) and not doc[a].is_sent_start) and \
        not (b < len(doc) and namey(b))


def repeated_orgs(doc, raws: list[Raw]) -> list[Raw]:
    """Untagged mentions of names the article types as organisations (see the module
    docstring); one pass over the tokens."""
    forms: dict[str, list[tuple[str, ...]]] = {}
    for r in raws:
        if r.label == "ORG" and any(t.text[:1].isupper() for t in doc[r.start:r.end]):
            words = tuple(t.text for t in doc[r.start:r.end])
            if len(name_key(" ".join(words))) and words not in forms.get(words[0], ()):
                forms.setdefault(words[0], []).append(words)
    if not forms:
        return raws
    for v in forms.values():
        v.sort(key=len, reverse=True)
    covered = _covered(doc, raws)
    added: list[Raw] = []
    after, n = 0, len(doc)
    for i in _with_text(doc, forms):           # the tokens a form starts with, in order
        if i < after or covered[i]:
            continue
        for words in forms.get(doc[i].text, ()):
            j = i + len(words)
            if j <= n and tuple(t.text for t in doc[i:j]) == words and _free(doc, covered, i, j):
                added.append(Raw(i, j, "ORG", source="scan"))
                after = j
                break
    return sorted(raws + added, key=lambda r: r.start) if added else raws
