"""Speakers: who a cue's subject is, the words naming them, and the entity they refer to.

The subject comes from the dependency parse (``nsubj`` of the speech verb, the ``pobj`` of
"according to", the noun a relative clause hangs on), never from inside a quotation. Pronouns
("he said") and role nouns ("the spokesman said") are resolved to the nearest compatible person
mentioned before them (gender and title must not disagree; the subject of a main clause or of
a speech verb is preferred); names to their canonical entity. Entities come from the people
stage when it ran (their ``spans``, ``aliases``, ``titles`` and ``gender``), else from the
parse's own named entities, merged by surname.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from ..people.words import ORG_NOUNS, ROLE_SUFFIXES
from .lexicon import (DETERMINERS, FEMALE_HONORIFICS, FEMALE_PRONOUNS, GROUP_NOUNS, GROUP_PRONOUNS,
                      MALE_HONORIFICS, MALE_PRONOUNS, PERSON_PRONOUNS, RELATIVE_PRONOUNS,
                      ROLE_NOUNS, SPEAKER_TYPES, SPEECH_VERBS, THING_PRONOUNS)

#: Dependents of a noun that belong to the words naming it ("spokesman John Kirby").
_NAME_PARTS = frozenset({"compound", "det", "amod", "poss", "nmod", "nummod", "quantmod", "case",
                         "flat", "punct"})
_SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it", "you"})
#: How far back (characters) a pronoun or role noun may look for the person it stands for.
_LOOKBACK = 2500


@dataclass
class Speaker:
    """The speaker of one cue: the mention in the text and the entity it names, when known."""
    mention: str
    name: str | None
    type: str | None
    head: object = None              # spaCy Token heading the mention
    start: int | None = None         # character offsets of the mention
    end: int | None = None


@dataclass
class _Known:
    start: int
    end: int
    name: str
    type: str
    salience: int = 0                # 2: subject of a speech verb or a main clause; 1: a subject


def _strip_det(text: str) -> str:
    words = text.split()
    while words and words[0].lower() in DETERMINERS:
        words = words[1:]
    text = " ".join(words)
    return text[:-2] if text.endswith(("'s", "’s")) else text


class EntityIndex:
    """Entity mentions of the article by position, with canonical names, titles and genders."""

    def __init__(self, doc, entities=None, masked=None):
        self.known: list[_Known] = []
        self.titles: dict[str, set[str]] = {}
        self.gender: dict[str, str] = {}
        self.types: dict[str, str] = {}
        self._aliases: dict[str, str] = {}
        covered: set[int] = set()
        for entity in entities or []:
            if entity.type not in SPEAKER_TYPES:
                continue
            self.types[entity.name] = entity.type
            for alias in [entity.name, *entity.aliases]:
                self._aliases.setdefault(alias.lower(), entity.name)
            self.titles.setdefault(entity.name, set()).update(
                w.lower() for t in entity.titles for w in t.split())
            gender = getattr(entity, "gender", None)
            if gender in ("male", "female"):
                self.gender[entity.name] = gender[0]
            for m in entity.spans:
                self.known.append(_Known(m.start, m.end, entity.name, entity.type))
                covered.update(range(m.start, m.end))
        if doc is not None:
            self._from_doc(doc, covered, masked)
        self.known.sort(key=lambda k: k.start)
        self._starts = [k.start for k in self.known]
        if doc is not None:
            self._mark_subjects(doc)

    # -- building ------------------------------------------------------------------------
    def _from_doc(self, doc, covered: set[int], masked) -> None:
        ents = [e for e in doc.ents if e.label_ in SPEAKER_TYPES]
        surnames: dict[str, str] = {}
        for ent in ents:                       # fullest form of each person, keyed by surname
            if ent.label_ == "PERSON":
                name = _strip_det(ent.text)
                key = name.split()[-1].lower() if name else ""
                if key and len(name) > len(surnames.get(key, "")):
                    surnames[key] = name
        for ent in ents:
            if ent.start_char in covered:
                continue
            name = _strip_det(ent.text)
            if not name:
                continue
            canonical = self._aliases.get(name.lower())
            if canonical is None and ent.label_ == "PERSON":
                canonical = surnames.get(name.split()[-1].lower(), name)
            canonical = canonical or name
            etype = self.types.setdefault(canonical, ent.label_)
            self.known.append(_Known(ent.start_char, ent.end_char, canonical, etype))
            if etype == "PERSON":
                self._learn_person(ent, canonical)

    def _learn_person(self, ent, name: str) -> None:
        """Titles ("spokesman John Kirby", "Kirby, the spokesman") and gender ("Mr. Kirby")."""
        root = ent.root
        words = self.titles.setdefault(name, set())
        for tok in ent.doc[max(0, ent.start - 4):ent.end]:
            low = tok.lower_
            if low in MALE_HONORIFICS:
                self.gender.setdefault(name, "m")
            elif low in FEMALE_HONORIFICS:
                self.gender.setdefault(name, "f")
        for child in root.children:
            if child.dep_ == "compound" and child.i < ent.start:
                words.update(t.lemma_.lower() for t in child.subtree if t.pos_ in ("NOUN", "PROPN"))
            elif child.dep_ == "appos":
                words.add(child.lemma_.lower())
        if root.dep_ == "appos":
            words.add(root.head.lemma_.lower())

    def _mark_subjects(self, doc) -> None:
        for k in self.known:
            span = doc.char_span(k.start, k.end, alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            while root.dep_ in ("compound", "flat", "appos") and root.head.i != root.i:
                root = root.head
            if root.dep_ in ("nsubj", "nsubjpass"):
                verb = root.head
                main = verb.dep_ == "ROOT" or verb.lemma_.lower() in SPEECH_VERBS
                k.salience = 2 if main else 1

    # -- look-ups ------------------------------------------------------------------------
    def within(self, start: int, end: int) -> list[_Known]:
        i = bisect.bisect_left(self._starts, start)
        out = []
        while i < len(self.known) and self.known[i].start < end:
            if self.known[i].end <= end:
                out.append(self.known[i])
            i += 1
        return out

    def before(self, offset: int):
        """Known mentions before ``offset``, nearest first, within the look-back window."""
        i = bisect.bisect_left(self._starts, offset) - 1
        while i >= 0 and self.known[i].start >= offset - _LOOKBACK:
            yield self.known[i]
            i -= 1

    def alias(self, text: str) -> str | None:
        return self._aliases.get(_strip_det(text).lower())

    def surname(self, text: str) -> str | None:
        """The person whose last name this is, in any case ("PENCE" -> "Mike Pence")."""
        last = text.split()[-1].lower() if text.split() else ""
        names = {k.name for k in self.known
                 if k.type == "PERSON" and k.name.split()[-1].lower() == last}
        return max(names, key=len) if len(names) == 1 else None


def _noun_head(tok):
    """The noun a name part belongs to ("John" in "John Kirby" -> "Kirby")."""
    for _ in range(6):
        if tok.dep_ in ("compound", "flat") and tok.head.i > tok.i:
            tok = tok.head
        elif tok.dep_ == "appos" and tok.head.pos_ in ("PROPN", "NOUN"):
            tok = tok.head                         # "Flynn, a top surrogate, said"
        else:
            break
    return tok


def _nominal(tok) -> bool:
    return tok.pos_ in ("PROPN", "NOUN") or (tok.pos_ == "PRON" and tok.lower_ in _SUBJECT_PRONOUNS)


def _neighbour_subject(verb, free):
    """When the parse gives the verb no usable subject (a quote confused it): the name just
    after it ("said James Acton") or just before it ("..., Flynn, a surrogate, said")."""
    doc = verb.doc
    i = verb.i + 1
    while i < len(doc) and i <= verb.i + 3 and (doc[i].pos_ in ("ADV", "PART")
                                                 or doc[i].dep_ == "npadvmod"):
        i += 1
    if (i < len(doc) and free(doc[i]) and _nominal(doc[i])
            and doc[i].ent_type_ not in ("DATE", "TIME")):
        head = _noun_head(doc[i])
        if free(head):
            return head
    i = verb.i - 1
    while i >= 0 and (doc[i].is_punct or doc[i].pos_ == "ADV" or doc[i].is_space):
        if "\n" in doc[i].text:
            return None
        i -= 1
    if i >= 0 and free(doc[i]) and _nominal(doc[i]):
        head = _noun_head(doc[i])
        return head if free(head) else doc[i]
    return None


def subject_of(verb, masked=None, depth: int = 0):
    """The token heading the subject of a speech verb, from the parse (None when there is none).
    ``masked[i]`` is true for tokens inside quotation marks, which cannot be the speaker."""
    def free(tok) -> bool:
        return masked is None or not masked[tok.i]

    confused = False
    # the subject nearest the verb first: a parse may give it two ("His promises
    # notwithstanding, analyses agree")
    for child in sorted(verb.children, key=lambda c: abs(c.i - verb.i)):
        if child.dep_ in ("nsubj", "nsubjpass") and not child.is_punct:
            if not free(child):
                confused = True
                continue
            if child.dep_ == "nsubjpass" and depth == 0:
                break                              # "he was told": the listener, not the speaker
            return child
    for child in verb.children:
        if child.dep_ == "agent":                  # "it was announced by the ministry"
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    if any(c.dep_ == "nsubjpass" and free(c) for c in verb.children) and depth == 0:
        return None
    if confused:
        return _neighbour_subject(verb, free)
    if verb.dep_ == "relcl":
        return verb.head
    if verb.dep_ == "xcomp" and verb.head.i < verb.i:
        # object control: "forced Stumpf to admit", "asked the judge to explain"
        for child in verb.head.children:
            if child.dep_ == "dobj" and child.i < verb.i and free(child) and _nominal(child):
                return child
    if depth < 3 and verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
        return subject_of(verb.head, masked, depth + 1)
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head                           # "a statement saying ..."
    if depth == 0 and verb.dep_ in ("ROOT", "parataxis", "ccomp", "compound"):
        # "compound": the inverted 'Said Ellis: "..."' parsed as part of the name
        return _neighbour_subject(verb, free)
    return None


def according_source(token):
    """The source named by "according to X": the object of "to"."""
    for child in token.children:
        if child.lower_ == "to":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if nxt is not None and nxt.i + 1 < len(token.doc):
        for tok in token.doc[nxt.i + 1:min(len(token.doc), nxt.i + 8)]:
            if tok.pos_ in ("PROPN", "NOUN", "PRON"):
                while tok.head.i > tok.i and tok.dep_ in ("compound", "amod"):
                    tok = tok.head
                return tok
    return None


def mention_tokens(head) -> tuple[int, int]:
    """Token range [start, end) of the words naming the speaker: the head with its compounds,
    determiner, adjectives and possessor, joined conjuncts, and the named entity it is part of."""
    if head.pos_ == "PRON":
        return head.i, head.i + 1
    start, end = head.i, head.i + 1
    for child in head.children:
        if child.dep_ in _NAME_PARTS and child.i < head.i and child.dep_ != "punct":
            start = min(start, child.left_edge.i)
        elif child.dep_ in ("compound", "flat", "case") and child.i > head.i:
            end = max(end, child.right_edge.i + 1)
        elif child.dep_ == "conj" and child.pos_ in ("PROPN", "NOUN"):
            end = max(end, mention_tokens(child)[1])
    if head.ent_iob_ in ("B", "I"):
        doc = head.doc
        s = head.i
        while s > 0 and doc[s].ent_iob_ == "I":
            s -= 1
        e = head.i + 1
        while e < len(doc) and doc[e].ent_iob_ == "I":
            e += 1
        start, end = min(start, s), max(end, e)
    doc = head.doc
    for i in range(head.i - 1, start - 1, -1):      # never across a line break
        if "\n" in doc[i].text:
            start = i + 1
            break
    for i in range(head.i + 1, end):
        if "\n" in doc[i].text:
            end = i
            break
    while end > start + 1 and doc[end - 1].dep_ in ("punct", "case") and doc[end - 1].text != "'s":
        end -= 1
    while start < head.i and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return start, end


def _pronoun_gender(word: str) -> str | None:
    if word in MALE_PRONOUNS:
        return "m"
    if word in FEMALE_PRONOUNS:
        return "f"
    return None


def _resolve_person(index: EntityIndex, offset: int, gender: str | None = None,
                    title: str | None = None) -> _Known | None:
    """The person a pronoun or role noun at ``offset`` stands for: the nearest earlier person
    who is a subject, else the nearest person; gender and title must not disagree."""
    best: dict[int, _Known] = {}
    for k in index.before(offset):
        if k.type != "PERSON":
            continue
        if gender and index.gender.get(k.name, gender) != gender:
            continue
        if title and title not in index.titles.get(k.name, ()):
            continue
        best.setdefault(k.salience, k)
        if k.salience == 2:
            break
    for salience in (2, 1, 0):
        if salience in best:
            return best[salience]
    return None


def _resolve_group(index: EntityIndex, offset: int) -> _Known | None:
    for k in index.before(offset):
        if k.type in ("ORG", "NORP", "GPE") and k.salience:
            return k
    return None


def speaker_at(head, index: EntityIndex) -> Speaker:
    """The speaker whose mention is headed by ``head``."""
    doc = head.doc
    if head.lower_ in RELATIVE_PRONOUNS and head.head.dep_ == "relcl" and head.dep_ == "nsubj":
        # "Kirby, who said ...": the mention is "who", the speaker the noun it stands for
        found = speaker_at(head.head.head, index)
        return Speaker(head.text, found.name, found.type, head, head.idx, head.idx + len(head))
    start, end = mention_tokens(head)
    span = doc[start:end]
    mention = span.text
    s_char, e_char = span.start_char, span.end_char
    low = head.lower_
    if head.pos_ == "PRON":
        found = None
        if low in PERSON_PRONOUNS:
            found = _resolve_person(index, s_char, _pronoun_gender(low))
        elif low in GROUP_PRONOUNS or low in THING_PRONOUNS:
            found = _resolve_group(index, s_char)
        return Speaker(mention, found.name if found else None, found.type if found else None,
                       head, s_char, e_char)
    inside = index.within(s_char, e_char)
    if inside:
        own = [k for k in inside if k.start <= head.idx < k.end]
        pick = own[0] if own else None
        if pick is None:
            people = [k for k in inside if k.type == "PERSON" and k.start > s_char]
            # "Trump's spokesman": a possessor is not the speaker
            possessive = any(t.dep_ == "poss" for t in span)
            pick = people[-1] if people and not possessive else None
        if pick is not None and any(c.isupper() for c in pick.name):   # not "[scan]NORP"
            return Speaker(mention, pick.name, pick.type, head, s_char, e_char)
    name = index.alias(mention) or (index.surname(mention) if mention.isupper() else None)
    if name:
        return Speaker(mention, name, index.types.get(name), head, s_char, e_char)
    lemma = head.lemma_.lower()
    if lemma in ROLE_NOUNS and any(t.lower_ in ("the", "this") or t.dep_ == "poss" for t in span):
        found = (_resolve_person(index, s_char, title=lemma)
                 or (_resolve_person(index, s_char) if span[0].lower_ == "the" else None))
        if found is not None:
            return Speaker(mention, found.name, "PERSON", head, s_char, e_char)
    if not _can_speak(head):
        return Speaker(mention, None, None, head, s_char, e_char)
    return Speaker(mention, _strip_det(mention) or mention, None, head, s_char, e_char)


def _can_speak(head) -> bool:
    """Whether a mention that names no known entity can be a speaker: a name (a proper noun
    not in capitals, which a heading would be), a role ("the spokesman"), a group of people or
    a body ("officials", "the company"); not a thing ("the scan", "video footage")."""
    if head.pos_ == "PROPN" and head.text[:1].isupper():
        return not head.is_upper or len(head) <= 5
    lemma = head.lemma_.lower()
    return (lemma in ROLE_NOUNS or lemma in GROUP_NOUNS or lemma in ORG_NOUNS
            or lemma.endswith(ROLE_SUFFIXES))
