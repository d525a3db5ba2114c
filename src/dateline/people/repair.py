"""Repairs to what the small spaCy model gets wrong on news text, where a rule can tell.

``repair(doc)`` turns ``doc.ents`` into a list of :class:`Raw` mentions (token ranges with a
label), one pass over the entities:

* edges: a leading "the", honorifics ("Mr.") and title words ("President" inside a PERSON),
  a trailing possessive "'s", punctuation and line breaks are cut off the entity;
* a name split off a mis-tagged organisation: "Secretary of [Homeland Security Alejandro
  Mayorkas]ORG" → PERSON "Alejandro Mayorkas" (the title words stay for the title rules);
* a department that is part of a title is not an organisation: "Secretary of [State]ORG";
* photo credits ("Brendan Smialowski / AFP", "Photo: Jane Doe") and photo positions ("(r.)")
  are not entities of the story;
* a sentence-initial common noun is not a name ("[Ideas]GPE include ..."); a repeated name
  is two mentions ("[Mexico Mexico]GPE"); agencies tagged PERSON are organisations;
* a person is cut at punctuation no name holds ("James B.] Comey"), loses a capitals heading
  or a verb glued to it ("STREET BEATING Donald Trump", "Injecting Clinton"), gains a first
  name the model left out ("Sadiq [Khan]"); a "person" ending in a title or an organisation
  word is not one ("Oscar Nominee", "Trump Tower").

:func:`scan_missed` then finds the mentions of known people the model did not tag at all.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

import numpy
from spacy.attrs import POS
from spacy.parts_of_speech import PROPN

from .evidence import NAME_PARTICLES, given_name, is_place
from .names import name_key
from .words import (AGENCIES, CREDIT_MARKERS, DEPARTMENT_WORDS, HONORIFICS, NAME_LABELS,
                    ORG_NOUNS, ORG_WORDS, POSITION_MARKERS, TITLE_ABBREVIATIONS, TITLE_CONNECTORS,
                    TITLE_HEADS, TITLE_MODIFIERS)

#: Tags of words that do not begin a personal name (a verb or adjective glued to a name).
NOT_NAME_TAGS = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "JJ", "JJR", "JJS", "RB",
                           "IN", "DT", "CC", "MD", "UH", "PRP", "PRP$", "WP", "WDT", "WRB"})
NAME_PUNCT = frozenset({".", "-", "'", "’", "‘"})
SCORE = re.compile(r"\d{1,3}-\d{1,3}")
SCORED_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})
DASHES = frozenset({"-", "–", "—"})
PERSONISH = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "WORK_OF_ART"})
#: Any of the credit markers, in one search (not one substring test per marker).
_CREDIT_MARKER = re.compile("|".join(map(re.escape, CREDIT_MARKERS)))


@dataclass
class Raw:
    """One mention: tokens ``doc[start:end]`` with a label (after repair)."""
    start: int
    end: int
    label: str
    honorific: str | None = None
    source: str = "ner"          # ner, split, scan, relabel

    def span(self, doc):
        return doc[self.start:self.end]

    def text(self, doc) -> str:
        """The mention's words, whitespace normalised (cached: built once per mention)."""
        key = (self.start, self.end)
        if getattr(self, "_key", None) != key:
            self._key, self._text = key, " ".join(doc[self.start:self.end].text.split())
        return self._text


def is_title_word(token) -> bool:
    """A word that heads or modifies a person's title ("President", "Sen.", "acting")."""
    low = token.lower_
    return (low in TITLE_HEADS or low in TITLE_ABBREVIATIONS
            or (token.lemma_.lower() in TITLE_HEADS and token.tag_ in ("NNS", "NNPS"))
            or low in TITLE_MODIFIERS)


def is_title_head(token) -> bool:
    low = token.lower_
    if low in TITLE_HEADS or low in TITLE_ABBREVIATIONS:
        return True
    return token.tag_ in ("NNS", "NNPS") and token.lemma_.lower() in TITLE_HEADS


def _is_name_token(token) -> bool:
    """A capitalised proper-noun-like token that can be part of a personal name."""
    text = token.text
    return (text[:1].isupper() and token.is_alpha or "-" in text and text[:1].isupper()
            or (len(text) == 2 and text[0].isupper() and text[1] == ".")) \
        and token.lower_ not in ORG_WORDS and not is_title_word(token)


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    return lo, (len(text) if hi < 0 else hi)


def is_credit(doc, start: int, end: int, text: str | None = None) -> bool:
    """Whether tokens ``doc[start:end]`` stand in a photo credit ("© Jane Doe / AFP").
    ``text`` is ``doc.text``, passed in by callers that check many entities (it is rebuilt on
    every access)."""
    text = doc.text if text is None else text
    a, b = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    lo, hi = _line_bounds(text, a, b)
    before = text[max(lo, a - 40):a].lower()
    after = text[b:min(hi, b + 25)].lower()
    if _CREDIT_MARKER.search(before):
        return True
    after = after.lstrip()
    return "/" in text[a:b] or after.startswith(("/", "for afp", "for reuters", "via getty"))


def _trim(doc, start: int, end: int, label: str) -> tuple[int, int, str | None]:
    """Cut determiners, honorifics, possessives, punctuation and (for people) title words."""
    honorific = None
    while start < end:
        tok = doc[start]
        low = tok.lower_
        if tok.is_punct or tok.is_space or low in ("the", "a", "an") or tok.is_quote:
            start += 1
        elif low == "miss" and end - start > 3:      # "Miss Universe Alicia Machado"
            start += 2
        elif low in HONORIFICS and end - start > 1 and tok.text[:1].isupper():
            honorific = low.rstrip(".")
            start += 1
        elif label == "PERSON" and end - start > 1 and is_title_word(tok) \
                and not doc[start + 1].is_punct:
            start += 1
        elif label == "PERSON" and end - start > 1 and low in TITLE_CONNECTORS:
            start += 1
        elif label == "PERSON" and end - start > 1 and tok.tag_ in NOT_NAME_TAGS:
            start += 1                          # "[Injecting] Clinton's", "[Crooked] Hillary"
        elif start > 0 and doc[start - 1].lower_ == "miss" and end - start > 2:
            start += 1                          # "Miss [Universe] Alicia Machado"
        else:
            break
    while end > start:
        tok = doc[end - 1]
        if label in SCORED_LABELS and end - start > 1 and SCORE.fullmatch(tok.text):
            end -= 1                            # "the Boston Red Sox [7-0]"
        elif label in SCORED_LABELS and end - start > 3 and tok.like_num \
                and doc[end - 2].text == "-" and doc[end - 3].like_num:
            end -= 3                            # the same, tokenised "7", "-", "0"
        elif label == "ORG" and end - start > 1 and tok.lower_ in ORG_NOUNS and tok.is_lower:
            end -= 1                            # "Interfax news [agency]"
            while end - start > 1 and doc[end - 1].is_lower and doc[end - 1].is_alpha:
                end -= 1
        elif tok.is_punct or tok.is_space or tok.tag_ == "POS" or tok.lower_ in ("'s", "’s") \
                or tok.is_quote or (label == "PERSON" and end - start > 1
                                    and tok.tag_ in NOT_NAME_TAGS):
            end -= 1                            # "Mike Pence [Previously]"
        else:
            break
    return start, end, honorific


def _caps_prefix(doc, start: int, end: int) -> int:
    """Where the title-case part of "STREET BEATING Donald Trump" starts (``start`` if none)."""
    i = start
    while i < end and doc[i].is_upper and doc[i].is_alpha and len(doc[i]) > 1:
        i += 1
    return i if start < i < end and doc[i].text[:1].isupper() else start


def _segments(doc, start: int, end: int, label: str) -> list[tuple[int, int]]:
    """Split an entity at line breaks, a person at punctuation no name holds ("James B.]
    Comey", "Anthony Weiner - husband"), and a repeated name in two ("Mexico Mexico")."""
    parts, s = [], start
    for i in range(start, end):
        tok = doc[i]
        if tok.is_space or "\n" in tok.text or (
                tok.text in DASHES and tok.whitespace_ and i > start and doc[i - 1].whitespace_
        ) or (
                label == "PERSON" and tok.is_punct
                and (tok.text not in NAME_PUNCT or tok.whitespace_ or doc[i - 1].whitespace_)):
            if i > s:
                parts.append((s, i))
            s = i + 1
    if end > s:
        parts.append((s, end))
    out = []
    for a, b in parts:
        n = b - a
        if n >= 2 and n % 2 == 0 and [doc[i].lower_ for i in range(a, a + n // 2)] \
                == [doc[i].lower_ for i in range(a + n // 2, b)]:
            out += [(a, a + n // 2), (a + n // 2, b)]
        else:
            out.append((a, b))
    return out


def _after_title_of(doc, start: int) -> bool:
    """Whether ``doc[start]`` follows "<title head> of|for" ("Secretary of State")."""
    return (start >= 2 and doc[start - 1].lower_ in ("of", "for")
            and is_title_head(doc[start - 2]))


def _split_person_off(doc, start: int, end: int, person_words: set[str]) -> int | None:
    """Where a personal name starts inside a mis-tagged organisation, or None.

    "Homeland Security Secretary Alejandro Mayorkas" (title head inside) and
    "[Homeland Security Alejandro Mayorkas]" after "Secretary of" (last organisation word).
    """
    if end - start < 2:
        return None
    cut = None
    for i in range(start, end - 1):
        low = doc[i].lower_
        if is_title_head(doc[i]) and doc[i].text[:1].isupper():
            cut = i + 1
        elif low in ORG_WORDS and _after_title_of(doc, start):
            cut = i + 1
    if cut is None or cut >= end or end - cut > 3:
        return None
    if end - cut == 1 and doc[cut].lower_ not in person_words:   # "General [Motors]"
        return None
    if all(_is_name_token(doc[i]) for i in range(cut, end)):
        return cut
    return None


def _is_common_word(doc, start: int, end: int) -> bool:
    """A single common word tagged as a name at the start of a sentence or quote ("Ideas",
    "Harsh")."""
    tok = doc[start]
    if end - start != 1 or tok.tag_ in ("NNP", "NNPS") or tok.pos_ == "PROPN":
        return False
    return tok.is_sent_start or (start > 0 and (doc[start - 1].is_punct or doc[start - 1].is_space))


def _is_headline(doc, start: int, end: int) -> bool:
    """A capitals headline read as a name: four words or more, all capitals, with a verb
    ("MILAN 'S LENTINI MOVES TO ATALANTA")."""
    tokens = doc[start:end]
    return end - start >= 4 and all(t.is_upper or not t.is_alpha for t in tokens) \
        and any(t.tag_.startswith("VB") or t.tag_ == "POS" for t in tokens)


def _keep(doc, start: int, end: int) -> bool:
    """Worth keeping: two letters or more, a capital, not a photo position marker ("r.")."""
    tokens = doc[start:end]
    if sum(map(str.isalpha, tokens.text)) < 2:
        return False
    if not any(t.text[:1].isupper() for t in tokens):
        return False
    return not all(t.lower_.strip(".") in POSITION_MARKERS for t in tokens)


def repair(doc, text: str | None = None) -> list[Raw]:
    """The entities of ``doc`` (whose text is ``text``, when the caller has it) worth keeping,
    repaired; sorted by position."""
    out: list[Raw] = []
    ents = doc.ents
    person_words = {t.lower_ for ent in ents if ent.label_ == "PERSON" for t in ent}
    text = doc.text if text is None else text
    for ent in ents:
        if ent.label_ not in NAME_LABELS:
            continue
        for seg_start, seg_end in _segments(doc, ent.start, ent.end, ent.label_):
            label = ent.label_
            if seg_start > ent.start and doc[seg_start - 1].text in DASHES:
                if seg_end - seg_start == 1:
                    continue            # "GERMANY - [Bunds] extended ...": the story's first word
            if (seg_start, seg_end) != (ent.start, ent.end) and is_place(
                    name_key(doc[seg_start:seg_end].text)):
                label = "GPE"           # "[BRITAIN] - Gilts"
            out.extend(_repair_one(doc, text, seg_start, seg_end, label, person_words))
    out.sort(key=lambda r: r.start)
    for r in out:
        if r.label == "PERSON":
            r.start = _first_name_before(doc, r.start, r.end)
            r.end = _hyphenated_given_after(doc, r.start, r.end)
            r.end = _surname_after(doc, r.start, r.end)
            r.end = _regnal_after(doc, r.start, r.end)
    return out


#: Regnal and generational numerals after a given name ("Elizabeth I", "Pedro II", "Malcolm X").
REGNAL = frozenset("I II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI".split())


def _regnal_after(doc, start: int, end: int) -> int:
    """Take in a regnal numeral after a one-word given name: "Queen [Elizabeth] I"."""
    if end - start == 1 and end < len(doc) and doc[end].text in REGNAL \
            and not doc[end].ent_type_ and given_name(doc[start].text):
        return end + 1
    return end


def _surname_after(doc, start: int, end: int) -> int:
    """Take in the family name the model left out after a one-word given name: "[Bob] Estes
    shot a 67" (the given name is a compound of the capitalised, untagged word after it)."""
    if end - start != 1 or end >= len(doc):
        return end
    first, tok = doc[start], doc[end]
    if first.dep_ == "compound" and first.head.i == end and given_name(first.text) \
            and _untagged_name_word(tok):
        return end + 1
    return end


def _untagged_name_word(tok) -> bool:
    """A capitalised proper noun outside any entity that is no title, honorific or
    organisation word."""
    return tok.tag_ in ("NNP", "NNPS") and tok.is_alpha and tok.text[:1].isupper() \
        and not tok.is_upper and not tok.ent_type_ and not is_title_word(tok) \
        and tok.lower_ not in HONORIFICS and tok.lower_ not in ORG_WORDS


def _hyphenated_given_after(doc, start: int, end: int) -> int:
    """Take in a hyphenated given name after a one-word family name, the Korean order:
    "[Kim] In-so" (a capitalised word, a hyphen and a lower-case syllable, written solid)."""
    if end - start != 1 or end + 3 > len(doc):
        return end
    a, hyphen, b = doc[end], doc[end + 1], doc[end + 2]
    if a.is_alpha and a.text[:1].isupper() and not a.is_upper and hyphen.text == "-" \
            and not a.whitespace_ and not hyphen.whitespace_ and b.is_alpha and b.is_lower \
            and not a.ent_type_:
        return end + 3
    return end


def _first_name_before(doc, start: int, end: int) -> int:
    """Take in a first name the model left out of a one-word name: "Mayor of London Sadiq
    [Khan]" (an untagged proper noun, mid-sentence, that is no title or organisation word)."""
    i = start - 1
    if end - start != 1 or i < 0:
        return start
    tok = doc[i]
    if tok.lower_ in NAME_PARTICLES and tok.text[:1].isupper() and tok.is_alpha \
            and not tok.ent_type_:
        return i                                # "when [De] Wilde fumbled"
    if tok.tag_ == "NNP" and _untagged_name_word(tok) and (
            not tok.is_sent_start or (tok.dep_ == "compound" and tok.head.i == start)):
        return i                                # "[Constand] Viljoen, leader of ..."
    return start


def _repair_one(doc, text: str, start: int, end: int, label: str,
                person_words: set[str]) -> list[Raw]:
    """The mentions in entity tokens ``doc[start:end]`` tagged ``label``: none, one or two."""
    start, end, honorific = _trim(doc, start, end, label)
    cut = _caps_prefix(doc, start, end) if label == "PERSON" else start
    if cut > start:      # a capitals heading glued to a name: "BARBRA STREISAND Streisand"
        if end - cut >= 2:
            return _repair_one(doc, text, cut, end, label, person_words)
        return (_repair_one(doc, text, start, cut, label, person_words)
                + _repair_one(doc, text, cut, end, label, person_words))
    if start >= end or not _keep(doc, start, end) or _is_headline(doc, start, end):
        return []
    low = text[doc[start].idx:doc[end - 1].idx + len(doc[end - 1])].lower()
    if low in AGENCIES or low.rstrip(".") in AGENCIES:
        if is_credit(doc, start, end, text):
            return []
        return [Raw(start, end, "ORG")]
    if label in ("PERSON", "ORG", "NORP", "GPE") and is_credit(doc, start, end, text):
        if label == "PERSON" or any(t.text == "/" or t.lower_ in AGENCIES for t in doc[start:end]):
            return []
    if _is_common_word(doc, start, end):
        return []
    if label != "PERSON" and end < len(doc) and is_title_head(doc[end]) \
            and all(doc[i].lower_ in DEPARTMENT_WORDS for i in range(start, end)):
        return []                    # "[Education] Minister X": the portfolio of a title
    last = doc[end - 1]
    if label == "PERSON":
        if any(t.lower_ in AGENCIES for t in doc[start:end]):
            return []                                       # "Clinton Getty": a caption credit
        if (is_title_head(last) or (last.tag_ == "NNPS" and last.lower_.endswith("s"))) \
                and not (end - start >= 2 and given_name(doc[start].text)):
            return []                        # "Oscar Nominee", "Pell Grants"; not "John Major"
        if last.lower_ in ORG_WORDS:
            label = "ORG"
    if label in PERSONISH:
        cut = _split_person_off(doc, start, end, person_words)
        if cut is not None:
            person = Raw(cut, end, "PERSON", source="split")
            if _after_title_of(doc, start):      # "Secretary of [Homeland Security X Y]"
                return [person]
            first = cut                          # "[Homeland Security Secretary X Y]"
            while first > start and is_title_word(doc[first - 1]):
                first -= 1
            prefix = "ORG" if label == "PERSON" else label
            return ([Raw(start, first, prefix, source="split")] if first > start else []) + [person]
        if _after_title_of(doc, start) and label == "ORG" \
                and all(doc[i].lower_ in DEPARTMENT_WORDS for i in range(start, end)):
            return []
    return [Raw(start, end, label, honorific=honorific)]


def scan_missed(doc, raws: list[Raw], forms: set[tuple[str, ...]]) -> list[Raw]:
    """Mentions of known people (``forms``: name keys) that the model did not tag, such as a
    bare "Kirby" after "John Kirby": one pass over the tokens, longest form first."""
    covered = bytearray(len(doc))
    for raw in raws:
        for i in range(raw.start, raw.end):
            covered[i] = 1
    by_first: dict[str, list[tuple]] = defaultdict(list)
    for key in forms:
        by_first[key[0]].append(key)
    for v in by_first.values():
        v.sort(key=len, reverse=True)
    found: list[Raw] = []
    n = len(doc)
    proper = numpy.nonzero(doc.to_array(POS) == PROPN)[0].tolist()
    last = -1
    for i in proper:
        tok = doc[i]
        if i < last or covered[i] or not tok.text[:1].isupper():
            continue
        hit = None
        first = name_key(tok.text)
        for key in by_first.get(first[0] if first else "", ()):
            j = i + len(key)
            if j <= n and not any(covered[i:j]) \
                    and tuple(w for t in doc[i:j] for w in name_key(t.text)) == key:
                hit = j
                break
        if hit is not None and not _inside_other_name(doc, i, hit, covered):
            prev = doc[i - 1].lower_ if i else ""
            found.append(Raw(i, hit, "PERSON", source="scan",
                             honorific=prev.rstrip(".") if prev in HONORIFICS else None))
            last = hit
    return found


def _inside_other_name(doc, a: int, b: int, covered) -> bool:
    """"Mary [Kirby]" is someone else: a capitalised name word next to the match."""
    def namey(k: int) -> bool:
        t = doc[k]
        return (t.pos_ == "PROPN" and t.text[:1].isupper() and not covered[k]
                and not is_title_word(t) and t.lower_ not in HONORIFICS and not t.is_sent_start)
    return (a > 0 and namey(a - 1) and not doc[a - 1].is_sent_start) or (b < len(doc) and namey(b))
