"""Titles and affiliations of people, from the words around each mention of a name.

* pre-modifiers: "Secretary of State Antony Blinken", "National Security Council spokesman John
  Kirby" (affiliation "National Security Council"), "Mexico's President X", "Republican Senator
  X", "Presidents A and B" (both get "President");
* appositions: "John Smith, the company's chief executive," and "Kirby, a spokesman for the
  Pentagon," (affiliation "Pentagon"), and the reverse "the chief executive, John Smith,".

A title is only taken when its head is a role word (``words.TITLE_HEADS``, or a "-man",
"-woman", "-person", "-ist" noun); its left part that names an organisation, country or party
becomes the affiliation, and both the full title and the bare role are kept. Honorifics
("Mr.", "Dr.") are skipped, not titles. Each mention is looked at once, walking at most a
dozen tokens to its left, so the cost is linear in the number of mentions.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .repair import Raw, is_title_head
from .words import (DEPARTMENT_WORDS, FLOATING_MODIFIERS, HONORIFICS, ORG_WORDS, PARTY_CODES,
                    PERSON_ONLY_HEADS, ROLE_SUFFIXES, TITLE_ABBREVIATIONS, TITLE_CONNECTORS,
                    TITLE_HEADS, TITLE_MODIFIERS)

MAX_WALK = 12
AFFILIATION_LABELS = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC"})
STOP_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
COMPLEMENT_PREPS = frozenset({"of", "for", "at", "with", "to", "in", "on"})


@dataclass
class TitleInfo:
    """What the words around one mention say about the person."""
    titles: list[str] = field(default_factory=list)
    affiliation: str | None = None
    plural: bool = False          # the title was plural: "Presidents A and B"
    person_only: bool = False     # the head is a role only people hold ("spokesman")
    honorific: str | None = None  # "mr", "mrs", ... just before the name

    def __bool__(self) -> bool:
        return bool(self.titles or self.affiliation or self.honorific)

    def add(self, other: "TitleInfo") -> None:
        for t in other.titles:
            if t not in self.titles:
                self.titles.append(t)
        self.affiliation = self.affiliation or other.affiliation
        self.plural = self.plural or other.plural
        self.person_only = self.person_only or other.person_only
        self.honorific = self.honorific or other.honorific


def is_role_head(token) -> bool:
    """A noun that names a role: listed, or a "-man/-woman/-person/-ist" noun."""
    if is_title_head(token):
        return True
    low = token.lower_
    return token.pos_ == "NOUN" and token.is_lower and len(low) > 5 and low.endswith(ROLE_SUFFIXES)


def strip_the(text: str) -> str:
    for prefix in ("the ", "The "):
        if text.startswith(prefix):
            return text[len(prefix):]
    return text


def _allowed(doc, i: int, name_end: int, owner: list) -> bool:
    """Whether ``doc[i]`` may be part of a title to the left of a name."""
    tok = doc[i]
    if tok.is_space or tok.ent_type_ in STOP_LABELS:
        return False
    label = owner[i].label if owner[i] is not None else ""
    if label == "PERSON":
        return False
    if label:
        return True
    low = tok.lower_
    if tok.text == "-":
        return tok.whitespace_ == "" and i > 0 and doc[i - 1].whitespace_ == ""
    if tok.tag_ == "POS" or low in TITLE_CONNECTORS:
        return True
    if low == "the":                    # "Ambassador to the United Nations"
        return i > 0 and doc[i - 1].lower_ in ("of", "for", "to", "on")
    if tok.is_punct:
        return False
    if tok.text[:1].isupper():
        return tok.pos_ in ("PROPN", "NOUN", "ADJ") or low in TITLE_MODIFIERS
    if low in TITLE_HEADS or low in TITLE_MODIFIERS or low in TITLE_ABBREVIATIONS:
        return True
    return (tok.pos_ in ("NOUN", "ADJ") and tok.dep_ in ("compound", "amod", "nmod")
            and i < tok.head.i < name_end)


def _token_text(tok, first: bool) -> str:
    low = tok.lower_
    if low in TITLE_ABBREVIATIONS:
        return TITLE_ABBREVIATIONS[low]
    if tok.tag_ in ("NNS", "NNPS") and tok.lemma_.lower() in TITLE_HEADS:
        lemma = tok.lemma_
        return lemma[:1].upper() + lemma[1:] if tok.text[:1].isupper() else lemma.lower()
    if first and tok.is_sent_start and low in FLOATING_MODIFIERS:
        return low                       # "Former President X" → "former President"
    return tok.text


def _text(doc, a: int, b: int) -> str:
    words = []
    for i in range(a, b):
        tok = doc[i]
        words.append(_token_text(tok, i == a))
        words.append(tok.whitespace_ if i < b - 1 else "")
    return " ".join("".join(words).split())


def _find_head(doc, a: int, b: int, owner: list) -> int | None:
    """The head of the title in ``doc[a:b]``: its last word, or the word before "of X" when X
    is a department or a named organisation or place ("Secretary of State", "Ambassador to
    the United Nations"; not "Mayor of London Sadiq")."""
    if is_role_head(doc[b - 1]):
        return b - 1
    last = doc[b - 1].lower_
    if last in TITLE_CONNECTORS or last == "the":
        return None
    for c in range(a + 1, b - 1):
        if doc[c].lower_ in ("of", "for", "to", "on") and is_title_head(doc[c - 1]):
            if all(_complement_word(doc, i, owner) for i in range(c + 1, b)):
                return c - 1
    return None


def _complement_word(doc, i: int, owner: list) -> bool:
    """A word of a title's complement: "[the United Nations]", "[Foreign Affairs]"."""
    tok = doc[i]
    if owner[i] is not None:
        return owner[i].label in AFFILIATION_LABELS
    low = tok.lower_
    return low in ORG_WORDS or low in TITLE_CONNECTORS or low == "the" or tok.text == "-"


def _trim_left(doc, a: int, b: int) -> int:
    """Skip determiners, possessive pronouns, numbers, connectors and punctuation at the
    left edge, and a lowercase word standing before a name ("shooting [Harborview ...]")."""
    while a < b:
        tok = doc[a]
        if tok.lower_ in TITLE_CONNECTORS or tok.tag_ in ("DT", "PRP$", "POS", "CD") \
                or tok.is_punct or tok.is_space:
            a += 1
        elif (a + 1 < b and tok.is_lower and doc[a + 1].text[:1].isupper()
              and tok.lower_ not in TITLE_MODIFIERS and tok.lower_ not in TITLE_HEADS):
            a += 1
        else:
            break
    return a


def _demonym(tok) -> bool:
    """A capitalised adjective of party or nation before a title ("Republican", "Mexican")."""
    low = tok.lower_
    return (tok.tag_ == "JJ" and tok.text[:1].isupper() and low not in TITLE_MODIFIERS
            and low not in TITLE_HEADS
            # at a sentence start any adjective is capitalised ("Embattled"): demonym endings
            and (not tok.is_sent_start or low.endswith(("an", "ic", "ish", "ese", "i"))))


def _breaks_title(doc, i: int) -> bool:
    """A connector that joins two roles rather than a role and its complement."""
    low = doc[i].lower_
    if low in ("of", "for", "to", "on"):
        return True
    if low in ("and", "&"):
        return not (doc[i - 1].text[:1].isupper() and doc[i + 1].text[:1].isupper())
    return False


def title_from_span(doc, a: int, b: int, owner: list) -> TitleInfo | None:
    """The title in ``doc[a:b]`` (the words naming a role), with its affiliation, or None."""
    a = _trim_left(doc, a, b)
    if a >= b:
        return None
    head = _find_head(doc, a, b, owner)
    if head is None:
        return None
    if head == b - 1:              # "aide to [Senator]", "strategist and [former aide]"
        for i in range(b - 2, a - 1, -1):
            if _breaks_title(doc, i):
                a = _trim_left(doc, i + 1, b)
                break
    info = TitleInfo(plural=doc[head].tag_ in ("NNS", "NNPS"),
                     person_only=(doc[head].lemma_.lower() in PERSON_ONLY_HEADS
                                  or doc[head].lower_ in PERSON_ONLY_HEADS
                                  or doc[head].lower_ in TITLE_ABBREVIATIONS))
    start = a
    possessive = [i for i in range(a, head) if doc[i].tag_ == "POS"]
    if possessive:                              # "Mexico's President", "the company's CEO"
        p = possessive[-1]
        info.affiliation = _affiliation(doc, a, p, owner)
        start = p + 1
    else:                                       # "[former] White House adviser"
        e = a
        while e < head and owner[e] is None and doc[e].lower_ in TITLE_MODIFIERS:
            e += 1
        org = owner[e]
        if org is not None and org.label in AFFILIATION_LABELS and org.start == e \
                and org.end <= head:
            org_start, org_end = org.start, org.end
            info.affiliation = strip_the(org.span(doc).text)
        elif e < head and _demonym(doc[e]):     # "Republican Senator", untagged
            org_start, org_end = e, e + 1
            info.affiliation = doc[e].text
        else:
            org_start = org_end = None
        if org_end is not None:
            info.titles.append(_text(doc, a, b))
            if org_start > a:                   # "former Mexican foreign minister"
                info.titles.append(_text(doc, a, org_start) + " " + _text(doc, org_end, b))
                return _complement_affiliation(doc, head, b, info, owner)
            start = org_end
    if start > head:
        return None
    role = _text(doc, start, b)
    if role not in info.titles:
        info.titles.append(role)
    return _complement_affiliation(doc, head, b, info, owner)


def _complement_affiliation(doc, head: int, b: int, info: TitleInfo, owner: list
                            ) -> TitleInfo:
    if info.affiliation is None and head + 1 < b:   # "President of Mexico"
        info.affiliation = _affiliation(doc, head + 2, b, owner, departments=False)
    return info


def _affiliation(doc, a: int, b: int, owner: list, departments: bool = True) -> str | None:
    """The first organisation, country or group named in ``doc[a:b]``."""
    for i in range(a, b):
        raw = owner[i]
        if raw is not None and raw.label in AFFILIATION_LABELS:
            words = {t.lower_ for t in raw.span(doc)}
            if departments or not words <= DEPARTMENT_WORDS:
                return strip_the(raw.span(doc).text)
    return None


def premodifier(doc, raw: Raw, owner: list) -> TitleInfo:
    """The title standing right before the name ("Secretary of State Antony Blinken")."""
    info = TitleInfo()
    i = raw.start - 1
    if i >= 0 and doc[i].lower_ in HONORIFICS:
        info.honorific = doc[i].lower_.rstrip(".")
        i -= 1
    b = i + 1
    a = b
    while i >= 0 and b - i <= MAX_WALK and not doc[i + 1].is_sent_start \
            and _allowed(doc, i, raw.end, owner):
        a = i
        i -= 1
    if a < b:
        found = title_from_span(doc, a, b, owner)
        if found is not None:
            found.honorific = info.honorific
            return found
    return info


def apposition(doc, raw: Raw, owner: list) -> TitleInfo:
    """The title in an apposition: "Kirby, a spokesman for the Pentagon," or reverse."""
    info = TitleInfo()
    root = doc[raw.start:raw.end].root
    for child in root.rights:
        if child.dep_ != "appos" or child.i <= raw.end or doc[raw.end].text not in (",", "("):
            continue
        if not is_role_head(child) or owner[child.i] is not None:
            continue
        found = title_from_span(doc, max(child.left_edge.i, raw.end + 1), child.i + 1, owner)
        if found is not None:
            _complement(doc, child, found, owner)
            info.add(found)
        break
    head = root.head
    if root.dep_ == "appos" and head.i < raw.start and raw.start > 0 \
            and doc[raw.start - 1].text == "," and is_role_head(head) and owner[head.i] is None:
        found = title_from_span(doc, head.left_edge.i, head.i + 1, owner)
        if found is not None:
            _complement(doc, head, found, owner)
            info.add(found)
    return info


def _complement(doc, head, info: TitleInfo, owner: list) -> None:
    """"spokesman [for the Pentagon]": an organisation is the affiliation; a department
    ("of state") belongs to the title."""
    for prep in head.rights:
        if prep.dep_ != "prep" or prep.lower_ not in COMPLEMENT_PREPS:
            continue
        objs = [c for c in prep.children if c.dep_ == "pobj"]
        if not objs:
            continue
        a, b = objs[0].left_edge.i, objs[0].right_edge.i + 1
        words = [doc[i].lower_ for i in range(a, b)]
        if words and all(w in DEPARTMENT_WORDS for w in words) and prep.lower_ in ("of", "for"):
            extra = " " + prep.text + " " + _text(doc, a, b)
            info.titles = [t + extra for t in info.titles]
        elif info.affiliation is None:
            info.affiliation = _affiliation(doc, a, b, owner)
        break


def party_code(doc, raw: Raw) -> str | None:
    """The party in a US-style code after the name: "Ted Cruz (R-Texas)" → "Republican Party"."""
    e = raw.end
    if e + 2 < len(doc) and doc[e].text == "(" and doc[e + 1].text in PARTY_CODES \
            and doc[e + 2].text in ("-", ")", ",", "–"):
        return PARTY_CODES[doc[e + 1].text]
    return None


def find_titles(doc, raws: list[Raw]) -> dict[int, TitleInfo]:
    """Titles for every mention (by index in ``raws``), with "Presidents A and B" shared."""
    owner: list = [None] * len(doc)
    for raw in raws:
        for i in range(raw.start, raw.end):
            owner[i] = raw
    out: dict[int, TitleInfo] = {}
    previous: tuple[Raw, TitleInfo] | None = None
    for k, raw in enumerate(raws):
        if raw.label not in ("PERSON",) and not _namelike(doc, raw):
            continue
        info = premodifier(doc, raw, owner)
        info.add(apposition(doc, raw, owner))
        info.affiliation = info.affiliation or party_code(doc, raw)
        if not info.titles and previous is not None and previous[1].plural \
                and _coordinated(doc, previous[0], raw):
            info.add(TitleInfo(list(previous[1].titles), previous[1].affiliation,
                               plural=True, person_only=previous[1].person_only))
        if info:
            out[k] = info
        if raw.label == "PERSON" or info.person_only:
            previous = (raw, info)
    return out


def _coordinated(doc, first: Raw, second: Raw) -> bool:
    """"A and B", "A, B and C": only conjunctions and commas between the two names."""
    between = [doc[i].lower_ for i in range(first.end, second.start)]
    return 0 < len(between) <= 2 and all(w in ("and", ",", "&") for w in between)


def _namelike(doc, raw: Raw) -> bool:
    """A mention that could be a person's name mis-tagged as something else."""
    if raw.end - raw.start > 4:
        return False
    return all(t.text[:1].isupper() and (t.is_alpha or "-" in t.text or "'" in t.text)
               and t.lower_ not in TITLE_HEADS for t in raw.span(doc))
