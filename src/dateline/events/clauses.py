"""The main clause of a sentence or headline: its predicate, its subject, where it stands.

Body sentences are read through the dependency parse: the root verb, or, when the root reports
speech placed after what was said ("A delegation will head to Mexico, the White House said"),
the reported clause. Headlines are read with more care, since the small model often tags
headline verbs as nouns ("Lady Gaga stages protest", "Taliban bomber rams truck"): a word is
taken for the headline's verb when it is tagged a verb in a place a verb can stand, or when it
is the third-person form of a verb the body uses ("rams" where the body says "rammed").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .units import SUBJECT_DEPS, is_finite_verb, root_of
from .words import CLAUSE_BREAKS, MEANS_PREPS, REPORTING_VERBS

_SEGMENT_BREAKS = {":", "|", "--", "—", "–"}
_QUOTES = {"'", '"', "‘", "’", "“", "”"}
_NP_DEPS_RIGHT = {"compound", "amod", "nummod", "poss", "case", "conj", "cc", "flat", "nmod",
                  "quantmod", "det"}
_PREDICATE_STOP_DEPS = {"advcl", "parataxis", "relcl", "acl"}
_DANGLING = {"DET", "ADP", "SCONJ", "CCONJ", "PART"}   # words a phrase cannot end on
_PUNCT_BREAKS = {",", ";", ":", "(", ")", "--", "—", "–", "|", "?", "!"}
_EMPTY_QUOTES = re.compile(r"[\"“]\s*[\"”]|‘\s*’")
_SPACES = re.compile(r"\s+")


@dataclass
class Clause:
    """A predicate with its subject, as token ranges of ``doc``."""
    doc: Doc
    verb: Token
    predicate: tuple[int, int]
    subject: tuple[int, int] | None
    container: tuple[int, int]          # the sentence or headline segment holding the clause
    source: str                         # "title" or "body"
    attribution: Token | None = None    # the reporting verb above the clause, if any
    skip: frozenset[int] = field(default_factory=frozenset)  # tokens left out of the predicate

    @property
    def span(self) -> Span:
        return self.doc[self.container[0]:self.container[1]]

    def tokens(self, rng: tuple[int, int] | None) -> list[Token]:
        if rng is None:
            return []
        return [t for t in self.doc[rng[0]:rng[1]] if t.i not in self.skip]


def phrase_text(tokens: list[Token]) -> str:
    """Tokens as text, with their own spacing, trimmed of edge punctuation."""
    text = "".join(t.text_with_ws for t in tokens).strip()
    text = _EMPTY_QUOTES.sub(" ", text)        # quotes whose words were left out
    text = _SPACES.sub(" ", text)
    return text.strip(" ,;:-–—").strip()


# ---- noun phrases ----------------------------------------------------------------------------

def noun_phrase(head: Token, lo: int, hi: int) -> tuple[int, int]:
    """The noun phrase headed by ``head`` without relative clauses, appositions and most
    prepositional phrases ("Dozens of rescuers in China" → "Dozens of rescuers")."""
    start = max(lo, head.left_edge.i)
    while start < head.i and (head.doc[start].is_punct or head.doc[start].dep_ in ("prep", "cc")):
        start += 1
    end = head.i + 1
    nominal_conj = any(c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN", "PRON", "NUM")
                       for c in head.rights)
    for child in head.rights:
        if child.i >= hi:
            break
        keep = child.dep_ in _NP_DEPS_RIGHT or (child.dep_ == "prep" and child.lower_ == "of") \
            or (child.dep_ == "punct" and child.text in ("'", "’") and child.i == end)
        if child.dep_ == "conj":
            keep = child.pos_ in ("PROPN", "NOUN", "PRON", "NUM")
        if child.dep_ == "cc" or (child.dep_ == "punct" and child.text == ","):
            keep = nominal_conj and any(c.dep_ == "conj" and c.i > child.i for c in head.rights)
        if not keep:
            break
        if child.dep_ == "conj":
            end = max(end, noun_phrase(child, lo, hi)[1])
        else:
            end = max(end, min(hi, child.right_edge.i + 1))
    return start, end


def subject_of(verb: Token) -> Token | None:
    """The verb's subject; for a conjoined verb without one, its first conjunct's."""
    for _ in range(3):
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS and child.dep_ != "expl":
                return child
        if verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:
            verb = verb.head
            continue
        break
    return None


# ---- predicates --------------------------------------------------------------------------------

def predicate_range(verb: Token, lo: int, hi: int, skip: frozenset[int] = frozenset(),
                    max_tokens: int = 14) -> tuple[int, int]:
    """From the verb's auxiliaries to where an adverbial clause, a second verb, a purpose
    "to", a clause break word or punctuation starts."""
    doc = verb.doc
    start = verb.i
    while start - 1 >= lo and (doc[start - 1].dep_ in ("aux", "auxpass", "neg")
                               or doc[start - 1].i in skip
                               or (doc[start - 1].dep_ == "advmod"
                                   and doc[start - 1].head.i == verb.i)):
        start -= 1
    while start < verb.i and (doc[start].i in skip or doc[start].dep_ == "advmod"):
        start += 1
    stops = {c.left_edge.i for c in verb.rights if c.dep_ in _PREDICATE_STOP_DEPS}
    has_object = any(c.dep_ in ("dobj", "dative", "attr", "oprd") for c in verb.children)
    for child in verb.rights:
        obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
        if child.dep_ != "prep" or obj is None:
            continue
        if child.lower_ == "for" and not has_object:        # "arrives ... for talks": a purpose
            stops.add(child.i)
        elif child.lower_ in MEANS_PREPS and child.lower_ != "by" and not _is_party(obj):
            stops.add(child.i)                               # "with truck bomb": a means
    stops |= {c.i for c in verb.rights if c.dep_ in ("cc", "conj") and
              (c.pos_ in ("VERB", "AUX") or c.dep_ == "cc")}
    end = verb.i + 1
    depth_quote = False
    for tok in doc[verb.i + 1:hi]:
        if tok.i in stops or tok.i - start >= max_tokens:
            break
        low = tok.lower_
        if tok.text in _QUOTES:
            depth_quote = not depth_quote
        if not depth_quote and (tok.text in _PUNCT_BREAKS or tok.is_space) \
                and not _in_list(tok):
            break
        if low in CLAUSE_BREAKS and tok.dep_ in ("mark", "prep", "advmod", "cc") \
                and not _inside_noun_phrase(tok, verb):
            break
        if low == "to" and tok.dep_ == "aux" and tok.head.dep_ == "advcl":
            break
        if low == "for" and tok.dep_ == "prep" and not has_object:
            break                       # "arrives at the White House for talks": a purpose
        if low == "in" and doc[tok.i + 1:tok.i + 3].text.lower() == "order to":
            break
        end = tok.i + 1
    while end > verb.i + 1 and (doc[end - 1].is_punct and doc[end - 1].text not in _QUOTES
                                or doc[end - 1].i in skip
                                or doc[end - 1].pos_ in _DANGLING and doc[end - 1].dep_ != "prt"):
        # "... have abandoned the" (cut short) → "... have abandoned"; "crash out" stays
        end -= 1
    return start, end


def _in_list(tok: Token) -> bool:
    """A comma between the items of a list ("asked Blinken, Mayorkas and Randall")."""
    return tok.text == "," and tok.head.pos_ in ("NOUN", "PROPN") and any(
        c.dep_ == "conj" and c.i > tok.i for c in tok.head.children)


def _is_party(tok: Token) -> bool:
    """A person or group taking part ("meets with Obama"), not a means."""
    return tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or tok.pos_ == "PRON"


def _inside_noun_phrase(tok: Token, verb: Token) -> bool:
    """"as" in "such as", "after" in "the day after": words that do not open a clause here."""
    return tok.head.i != verb.i and tok.head.pos_ in ("NOUN", "PROPN", "ADJ") \
        and tok.dep_ != "mark"


# ---- body sentences ------------------------------------------------------------------------------

def main_verb(sent: Span) -> tuple[Token | None, Token | None]:
    """The event verb of a sentence and the reporting verb above it (or None)."""
    root = root_of(sent)
    if root.pos_ not in ("VERB", "AUX"):
        root = next((t for t in sent if is_finite_verb(t) and subject_of(t) is not None), None)
        if root is None:
            return None, None
    if root.lemma_.lower() in REPORTING_VERBS:
        for child in root.children:
            if child.dep_ in ("ccomp", "parataxis") and child.i < root.i \
                    and child.pos_ in ("VERB", "AUX") and sent.start <= child.i < sent.end:
                return child, root
    return root, None


def body_clause(sent: Span, skip: frozenset[int] = frozenset(), max_tokens: int = 14
                ) -> Clause | None:
    """The main clause of a body sentence (None without a verb); its predicate runs to
    ``max_tokens`` tokens at most."""
    verb, attribution = main_verb(sent)
    if verb is None:
        return None
    lo, hi = sent.start, sent.end
    subj = subject_of(verb)
    subject = noun_phrase(subj, lo, hi) if subj is not None and lo <= subj.i < hi else None
    predicate = predicate_range(verb, lo, hi, skip, max_tokens)
    return Clause(doc=sent.doc, verb=verb, predicate=predicate,
                  subject=subject, container=(lo, hi), source="body", attribution=attribution,
                  skip=skip)


# ---- headlines ---------------------------------------------------------------------------------

def segments(doc: Doc) -> list[tuple[int, int]]:
    """Parts of a headline between colons, pipes and dashes, quotes left whole."""
    out, start, quoted = [], 0, False
    for tok in doc:
        if tok.text in ('"', "“", "”"):
            quoted = not quoted
        if tok.text in _SEGMENT_BREAKS and not quoted:
            if tok.i > start:
                out.append((start, tok.i))
            start = tok.i + 1
    if start < len(doc):
        out.append((start, len(doc)))
    return out


def _is_quotation(doc: Doc, seg: tuple[int, int]) -> bool:
    return doc[seg[0]].text in _QUOTES


def _verb_form_of(tok: Token, body_lemmas: frozenset[str]) -> bool:
    """"rams", "stages", "reacts": a headline -s word whose stem the body uses as a verb."""
    low = tok.lower_
    if not low.endswith("s") or len(low) < 4 or tok.is_stop:
        return False
    stems = {low[:-1], low[:-2] if low.endswith("es") else low[:-1]}
    return bool(stems & body_lemmas)


_TAGGED_NOT_MAIN = {"amod", "compound", "aux", "auxpass", "pcomp", "xcomp", "relcl", "advcl",
                    "csubj", "nsubj"}
_AFTER_VERB = {"NOUN", "PROPN", "DET", "ADJ", "NUM", "VERB", "ADP", "PRON"}


def _is_headline_verb(tok: Token, lo: int, hi: int, body_lemmas: frozenset[str]) -> bool:
    """Whether ``tok``, standing after a subject, is the headline's verb."""
    doc = tok.doc
    prev = doc[tok.i - 1]
    after = doc[tok.i + 1].pos_ if tok.i + 1 < hi else None
    if tok.pos_ == "VERB" and tok.dep_ not in _TAGGED_NOT_MAIN:
        return tok.dep_ != "acl" or _heads_first_phrase(tok, lo)
    if tok.pos_ == "AUX" and tok.dep_ == "ROOT":
        return True
    if tok.pos_ not in ("NOUN", "PROPN") or prev.pos_ not in ("NOUN", "PROPN"):
        return False
    if _verb_form_of(tok, body_lemmas):                    # "Taliban bomber rams truck"
        return after in _AFTER_VERB
    # "Bill Murray and Barack Obama lead celebrations": a base form after a plural subject
    plural = prev.tag_ in ("NNS", "NNPS") or any(t.lower_ == "and" for t in doc[lo:tok.i]) \
        or (prev.lower_.endswith("s") and not prev.lower_.endswith("ss"))
    return tok.lower_ in body_lemmas and plural and after in _AFTER_VERB - {"VERB", "ADP", "PROPN"}


def _headline_verb(doc: Doc, seg: tuple[int, int], body_lemmas: frozenset[str],
                   names: frozenset[str]) -> Token | None:
    """The first word of the part that is its verb, after a subject, outside quotes; None when a
    subordinate clause starts first."""
    lo, hi = seg
    seen_subject = quoted = False
    for tok in doc[lo:hi]:
        if tok.text in _QUOTES:
            quoted = not quoted
        if quoted or tok.is_punct:
            continue
        # "Minister to visit" is the future ("will visit"), "Race to reach" an infinitive
        infinitive = tok.i > lo and doc[tok.i - 1].lower_ == "to" and not (
            tok.i - 2 >= lo and doc[tok.i - 2].pos_ in ("NOUN", "PROPN"))
        relative = tok.i > lo and doc[tok.i - 1].tag_ in ("WP", "WDT")   # "Who Was in a Hospital"
        if seen_subject and not infinitive and not relative and tok.text not in names \
                and _is_headline_verb(tok, lo, hi, body_lemmas):
            return tok
        if tok.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
            seen_subject = True
        elif tok.pos_ == "SCONJ" or tok.lower_ in CLAUSE_BREAKS:
            return None
    return None


def _heads_first_phrase(verb: Token, lo: int) -> bool:
    """"Seven killed as ...": a participle after the headline's first noun phrase."""
    head = verb.head
    return head.i < verb.i and all(t.pos_ not in ("VERB", "AUX", "SCONJ", "PART")
                                   for t in verb.doc[lo:verb.i])


def headline_clause(doc: Doc, body_lemmas: frozenset[str], names: frozenset[str],
                    skip: frozenset[int] = frozenset()) -> Clause | None:
    """The headline's clause, or None when no part of it has a verb."""
    for seg in segments(doc):
        if _is_quotation(doc, seg):
            continue
        verb = _headline_verb(doc, seg, body_lemmas, names)
        if verb is None:
            continue
        lo, hi = seg
        subj = subject_of(verb)
        if subj is not None and lo <= subj.i < verb.i:
            subject = noun_phrase(subj, lo, verb.i)
        else:
            subject = _linear_subject(doc, lo, verb.i)
        if verb.dep_ == "acl" and verb.head.i < verb.i:   # "Seven killed": the head is the subject
            subject = _linear_subject(doc, lo, verb.i)
        return Clause(doc=doc, verb=verb, predicate=predicate_range(verb, verb.i, hi, skip),
                      subject=subject, container=seg, source="title", skip=skip)
    return None


def _linear_subject(doc: Doc, lo: int, hi: int) -> tuple[int, int] | None:
    start, end = lo, hi
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return (start, end) if end > start else None


def nominal_headline(doc: Doc) -> tuple[int, int] | None:
    """A headline without a verb: its longest part that is not a quotation."""
    parts = [s for s in segments(doc) if not _is_quotation(doc, s)]
    if not parts:
        return None
    return max(parts, key=lambda s: (s[1] - s[0], s[0]))
