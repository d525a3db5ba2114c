"""From a parsed article to its entities: repair → titles → people merged → others merged.

``extract_entities(doc, title_doc)`` returns :class:`~dateline.types.Entity` records, people
first, then the rest, each group by mentions (most first) then first appearance. ``spans``
hold every mention in the body (character offsets into ``doc.text``), including short forms
and mentions the model missed ("Kirby" after "John Kirby" was named, found by a scan of the
tokens); ``mentions`` is their number. The title adds name forms and titles, not spans.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..types import Entity, Mention
from . import common, evidence, gender, orgs, teams
from .names import Key, PersonIndex, name_key
from .repair import Raw, repair, scan_missed
from .titles import TitleInfo, find_titles, strip_the
from .words import HONORIFICS

LOCATIVE = frozenset({"in", "from", "at", "into", "across", "near", "inside", "outside"})


@dataclass
class _Cluster:
    label: str
    first: int
    spans: list[Mention] = field(default_factory=list)
    forms: Counter = field(default_factory=Counter)
    form_order: dict = field(default_factory=dict)
    labels: Counter = field(default_factory=Counter)
    titles: list[str] = field(default_factory=list)
    affiliations: Counter = field(default_factory=Counter)
    canon: tuple = ()
    gender: str | None = None

    def see(self, text: str, label: str, order: int) -> None:
        self.forms[text] += 1
        self.form_order.setdefault(text, order)
        self.labels[label] += 1

    def add_info(self, info: TitleInfo | None) -> None:
        if info is None:
            return
        known = {t.lower() for t in self.titles}
        for t in info.titles:
            if t.lower() not in known:
                self.titles.append(t)
                known.add(t.lower())
        if info.affiliation:
            self.affiliations[info.affiliation] += 1


def _text(doc, raw: Raw) -> str:
    return raw.text(doc)


def _analyse(doc, text: str) -> tuple[list[Raw], dict, dict]:
    """Mentions repaired, names the model missed added, each name typed by its evidence
    (``text`` is ``doc.text``, which spaCy rebuilds on every access)."""
    raws = orgs.cut_edges(doc, repair(doc, text))
    raws = sorted(raws + evidence.find_untagged(
        doc, raws, lambda a, b: Raw(a, b, "PERSON", source="evidence")), key=lambda r: r.start)
    infos = find_titles(doc, raws)
    reasons = evidence.retype(doc, raws, infos)
    raws = teams.retype_teams(doc, raws, reasons, text)
    common.retype_quoted_titles(doc, raws, reasons)
    common.retype_common_nouns(doc, raws, reasons)
    common.retype_modifiers(doc, raws, reasons)
    raws = orgs.repeated_orgs(doc, orgs.acronym_mentions(doc, raws))
    return raws, infos, reasons


def extract_entities(doc, title_doc=None) -> list[Entity]:
    """The article's entities (see the module docstring)."""
    if doc is None or len(doc) == 0:
        return []
    text = doc.text
    raws, _, reasons = _analyse(doc, text)
    _vote_single_names(doc, raws)
    person_keys = [name_key(_text(doc, r)) for r in raws if r.label == "PERSON"]
    long_keys = {k for k in person_keys if len(k) >= 2}
    title_people = []                    # (text, key, TitleInfo | None): headline people
    if title_doc is not None and len(title_doc):
        title_raws, title_infos, _ = _analyse(title_doc, title_doc.text)
        title_people = [(_text(title_doc, r),
                         _headline_form(name_key(_text(title_doc, r)), person_keys, long_keys),
                         title_infos.get(k)) for k, r in enumerate(title_raws)
                        if r.label == "PERSON"]
    index = PersonIndex(k for k in person_keys + [k for _, k, _ in title_people] if k)

    for r in raws:      # "[Kirby]ORG" once "John Kirby" is named (a headline: in 2-3 words)
        if r.label != "PERSON" and r.end - r.start <= 4 and r.source not in common.SOURCES:
            key = name_key(_text(doc, r))
            cands = index.candidates(key, first_names=False)
            if cands and all(index.canon[c] in long_keys or 1 < len(index.canon[c]) <= 3
                             for c in cands) and not (
                    r.label in ("GPE", "LOC") and r.start and doc[r.start - 1].lower_ in LOCATIVE):
                r.label, r.source = "PERSON", "relabel"
    forms = set(person_keys) | {c[-1:] for c in index.canon}
    raws = sorted(raws + scan_missed(doc, raws, forms), key=lambda r: r.start)
    infos = find_titles(doc, raws)

    people = _people(doc, text, raws, infos, index, title_people)
    others = _others(doc, text, raws)
    ents = [_entity(c, c.canon, c.gender, reasons) for c in people if c.spans]
    rest = [_entity(c, None, None, reasons) for c in others if c.spans]
    ents.sort(key=lambda e: (-e.mentions, e.spans[0].start))
    rest.sort(key=lambda e: (-e.mentions, e.spans[0].start))
    return ents + rest


def _mention_gender(r: Raw, info: TitleInfo | None) -> str | None:
    """What one mention says of a person's gender: "Mr. X", "spokeswoman X"."""
    honorific = r.honorific or (info.honorific if info else None)
    if honorific and (HONORIFICS.get(honorific) or HONORIFICS.get(honorific + ".")):
        return HONORIFICS.get(honorific) or HONORIFICS.get(honorific + ".")
    for t in info.titles if info else ():
        g = gender.title_gender(t)
        if g:
            return g
    return None


def _people(doc, body: str, raws: list[Raw], infos: dict, index: PersonIndex,
            title_people: list) -> list[_Cluster]:
    """Person mentions assigned to people in text order (headline first, as context)."""
    clusters: dict[int, _Cluster] = {}

    def cluster(cid: int, first: int) -> _Cluster:
        c = clusters.setdefault(cid, _Cluster("PERSON", first))
        c.canon = index.canon[cid]
        return c

    for text, key, info in title_people:
        cid = index.assign(key, -10**6)
        if cid is not None:
            c = cluster(cid, 1 << 30)
            c.add_info(info)
            if name_key(text) == key:          # not "Obama Says" (read as "Obama")
                c.see(text, "PERSON", -1)
    _split_by_gender(doc, raws, infos, index)
    mentions = []
    for k, r in enumerate(raws):
        if r.label != "PERSON":
            continue
        text, info = _text(doc, r), infos.get(k)
        key = name_key(text)
        cid = index.assign(key, r.start)
        if cid is None:
            continue
        c = cluster(cid, r.start)
        c.first = min(c.first, r.start)
        c.see(text, "PERSON", r.start)
        c.spans.append(_mention(doc, body, r))
        c.add_info(info)
        mentions.append((r.start, r.end, cid, r.honorific or (info.honorific if info else None)))
    genders = gender.guess(doc, mentions, {cid: c.titles for cid, c in clusters.items()})
    for cid, c in clusters.items():
        c.gender = genders.get(cid)
    return list(clusters.values())


def _split_by_gender(doc, raws: list[Raw], infos: dict, index: PersonIndex) -> None:
    """A short form used for a man when the full name is a woman's (or the reverse) is
    someone else: "Mr. Obama" is not "the first lady, Michelle Obama"."""
    said: dict[Key, str] = {}
    for k, r in enumerate(raws):
        g = _mention_gender(r, infos.get(k)) if r.label == "PERSON" else None
        if g:
            said.setdefault(name_key(_text(doc, r)), g)
    canon = {c: said[c] for c in index.canon if c in said}
    for key, g in said.items():
        cands = index.candidates(key)
        if cands and key not in index.canon and all(
                canon.get(index.canon[c], g) != g for c in cands):
            index.split(key, -10**9)


def _others(doc, body: str, raws: list[Raw]) -> list[_Cluster]:
    """Organisations, places, groups...: merged on their normalised name."""
    acronyms = _acronyms(doc, raws)
    clusters: dict[Key, _Cluster] = {}
    for r in raws:
        if r.label == "PERSON":
            continue
        text = _text(doc, r)
        key = name_key(strip_the(text))
        key = acronyms.get(key, key)
        c = clusters.setdefault(key, _Cluster(r.label, r.start))
        c.see(text, r.label, r.start)
        c.spans.append(_mention(doc, body, r))
    return list(clusters.values())


def _mention(doc, body: str, r: Raw) -> Mention:
    """The mention's words in the body (``body``: ``doc.text``) with their offsets."""
    if r.end <= r.start:
        span = r.span(doc)
        return Mention(text=span.text, start=span.start_char, end=span.end_char)
    last = doc[r.end - 1]
    start, end = doc[r.start].idx, last.idx + len(last)
    return Mention(text=body[start:end], start=start, end=end)


def _headline_form(key: Key, body_keys: list[Key], long_keys: set[Key]) -> Key:
    """A headline's title case glues words to names: "Obama Says" → "obama" when the body
    says "Obama"; "Rip Donald Trump" → "donald trump". A first name before a body form is kept
    ("Pat Caddell" over the body's "Caddell") unless the body has a longer form."""
    for k in long_keys:
        if len(key) > len(k) and key[-len(k):] == k:
            return k
    for n in range(len(key) - 1, 0, -1):
        if key[:n] in body_keys or any(key[n - len(k):n] == k for k in long_keys if len(k) <= n):
            return key[:n]
    return key


def _vote_single_names(doc, raws: list[Raw]) -> None:
    """A one-word name the model tags as a person less often than as something else
    ("Politifact" twice ORG, once PERSON) is not a person, unless the article names a person
    in full with it."""
    labels: dict[Key, Counter] = defaultdict(Counter)
    for r in raws:
        if r.source != "relabel":
            labels[name_key(_text(doc, r))][r.label] += 1
    full = {k[-1] for k in labels if len(k) > 1 and labels[k]["PERSON"]}
    for r in raws:
        key = name_key(_text(doc, r))
        if r.label == "PERSON" and r.source != "relabel" and len(key) == 1 and key[0] not in full:
            votes = labels[key]
            other, n = max(((l, c) for l, c in votes.items() if l != "PERSON"),
                           key=lambda x: x[1], default=(None, 0))
            if other is not None and n > votes["PERSON"]:
                r.label = other


def _acronyms(doc, raws: list[Raw]) -> dict:
    """"National Security Council (NSC)": the acronym's key → the full name's key, when the
    acronym's letters are initials of the name's words, in order ("WASHINGTON (AP)" is not)."""
    out = {}
    for r in raws:
        e = r.end
        if r.label != "PERSON" and e + 2 < len(doc) and doc[e].text == "(" \
                and doc[e + 2].text == ")" and doc[e + 1].text.isupper() \
                and len(doc[e + 1].text) >= 2:
            full = name_key(strip_the(_text(doc, r)))
            if _is_acronym(doc[e + 1].text.lower(), [w[0] for w in full]):
                out[name_key(doc[e + 1].text)] = full
    return out


def _is_acronym(acronym: str, initials: list[str]) -> bool:
    if not initials or acronym[0] != initials[0]:
        return False
    it = iter(initials)
    return all(ch in it for ch in acronym)


def _usual_form(c: _Cluster, key: Key) -> Key:
    """The fullest form, unless a word before it is seen once against many uses of the rest
    ("Crooked Hillary Clinton" once, "Hillary Clinton" often)."""
    counts = Counter()
    for f, n in c.forms.items():
        counts[name_key(f)] += n
    rest = key[1:]
    if len(rest) >= 2 and counts[rest] >= 3 and counts[rest] >= 3 * counts[key]:
        return rest
    return key


def _evidence(c: _Cluster, label: str, reasons: dict) -> list[str]:
    """Why the entity has its type: the reasons of its name forms (see people.evidence)."""
    kind = "GPE" if label in ("GPE", "LOC", "FAC") else label
    out: list[str] = []
    for f in c.forms:
        for r in reasons.get(name_key(f), ()):
            if r not in out and evidence.WEIGHTS.get(r, common.KINDS.get(r, (kind,)))[0] == kind:
                out.append(r)         # only the reasons for the type it has
    if label == "PERSON" and len(out) > 1 and "model" in out:
        out.remove("model")
    return out or ["model"]


def _entity(c: _Cluster, canon_key, gender_: str | None, reasons: dict) -> Entity:
    if canon_key is not None:
        canon_key = _usual_form(c, canon_key)
        forms = [f for f in c.forms if name_key(f) == canon_key] or list(c.forms)
    else:
        longest = max(len(name_key(strip_the(f))) for f in c.forms)
        forms = [f for f in c.forms if len(name_key(strip_the(f))) == longest]
    name = strip_the(max(forms, key=lambda f: (not f.isupper(), c.forms[f], -c.form_order[f])))
    if name.isupper() and c.label == "PERSON":          # "BARBRA STREISAND" → "Barbra Streisand"
        name = " ".join(w[:1] + w[1:].lower() if w.isalpha() else w for w in name.split())
    aliases = []
    for f in sorted(c.forms, key=c.form_order.get):
        f = strip_the(f)
        if f != name and f not in aliases:
            aliases.append(f)
    label = c.labels.most_common(1)[0][0] if c.labels else c.label
    affiliation = c.affiliations.most_common(1)[0][0] if c.affiliations else None
    return Entity(name=name, type=label, titles=list(c.titles), mentions=len(c.spans),
                  aliases=aliases, affiliation=affiliation, spans=list(c.spans),
                  gender=gender_ if label == "PERSON" else None,
                  type_evidence=_evidence(c, label, reasons))
