"""how: the manner and means of the event's predicate.

Found: means and instruments ("with a truck bomb", "by ramming", "using diggers", "via
Twitter"); channels and exchanges ("in a conference call", "on the phone", "after telephone talks
between ..."); adverbs of manner ("awkwardly greeted"). People after "with" are company, not
means ("meets with Obama"), and the agent of a passive ("by police") is a who.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from .answers import Candidate, from_tokens, subtree_tokens
from .clauses import Clause
from .words import CHANNEL_NOUNS, COMPANY_NOUNS, MEANS_PREPS, NOT_MANNER, RECIPROCAL_VERBS

_DROP = frozenset({"relcl", "appos", "parataxis", "acl"})
_PEOPLE = {"PERSON", "ORG", "NORP", "GPE"}


def _pobj(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)


def _is_channel(noun: Token) -> bool:
    return noun.lemma_.lower() in CHANNEL_NOUNS or any(
        c.dep_ == "compound" and c.lemma_.lower() in CHANNEL_NOUNS for c in noun.children)


def _people(noun: Token) -> bool:
    """"with Obama", "with them", "with his family": company, not a means."""
    return noun.ent_type_ in _PEOPLE or noun.pos_ == "PRON" or noun.lemma_.lower() in COMPANY_NOUNS


def _after(marker: Token, lo: int, hi: int, source: str) -> Candidate | None:
    """"after surviving two red flags": the action the event came through (without "after")."""
    obj = _pobj(marker)
    if obj is None:
        return None
    if obj.pos_ in ("NOUN", "PROPN") and _is_channel(obj):          # "after telephone talks"
        return from_tokens(subtree_tokens(obj, lo, hi, _DROP), 2.5, "channel", source)
    if obj.pos_ in ("VERB", "AUX"):
        return from_tokens(subtree_tokens(obj, lo, hi, _DROP), 1.5, "after", source)
    return None


def _absolute(obj: Token) -> bool:
    """"with more than 100 others wounded": circumstances, not a means."""
    return obj.pos_ == "NUM" or any(
        c.dep_ in ("nsubj", "nsubjpass") or c.dep_ in ("acl", "nummod", "amod")
        and c.pos_ in ("VERB", "NUM") for c in obj.children)


def how_candidates(clause: Clause) -> list[Candidate]:
    """Manner and means on the clause's verb (and on the verb reporting it, weaker)."""
    return [c for c in (_without_times(c, clause) for c in _how(clause)) if c is not None]


def _without_times(cand: Candidate, clause: Clause) -> Candidate | None:
    """"with a blowtorch over the weekend" → "with a blowtorch"."""
    if cand.start is None or not clause.skip:
        return cand
    span = clause.doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if span is None or not any(t.i in clause.skip for t in span):
        return cand
    kept = []
    for tok in span:
        if tok.i in clause.skip:
            break
        kept.append(tok)
    if not any(t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ", "ADV", "NUM") for t in kept):
        return None                       # "On [this weekend's] broadcast": nothing left
    return from_tokens(kept, cand.strength, cand.kind, cand.source)


def _how(clause: Clause) -> list[Candidate]:
    lo, hi = clause.container
    verb = clause.verb
    out: list[Candidate | None] = []
    heads = [verb] + ([clause.attribution] if clause.attribution is not None else [])
    for head in heads:
        weight = 0.0 if head.i == verb.i else -0.5
        for child in head.children:
            if not (lo <= child.i < hi):
                continue
            low = child.lower_
            if child.dep_ == "prep" and low in MEANS_PREPS:
                obj = _pobj(child)
                if obj is None or _people(obj) or _absolute(obj):
                    continue
                if low == "with" and head.lemma_.lower() in RECIPROCAL_VERBS:
                    continue   # "met with his rival": company, not a means
                keep_marker = obj.dep_ == "pcomp" or low in ("using", "via", "through")
                tokens = subtree_tokens(obj, lo, hi, _DROP)
                if keep_marker:
                    tokens = [child] + tokens
                out.append(from_tokens(tokens, 3.0 + weight, "means", clause.source))
            elif child.dep_ == "prep" and low in ("after", "following"):
                cand = _after(child, lo, hi, clause.source)
                if cand is not None:
                    cand.strength += weight
                out.append(cand)
            elif child.dep_ == "prep" and low in ("in", "on", "via", "over", "during", "through"):
                obj = _pobj(child)
                if obj is not None and obj.pos_ in ("NOUN", "PROPN") and _is_channel(obj):
                    tokens = [child] + subtree_tokens(obj, lo, hi, _DROP)
                    out.append(from_tokens(tokens, 2.5 + weight, "channel", clause.source))
            elif child.dep_ == "advcl" and head.i == verb.i:
                mark = next((c for c in child.children if c.dep_ == "mark"), None)
                if mark is not None and mark.lower_ in ("after", "following"):
                    tokens = subtree_tokens(child, max(lo, mark.i + 1), hi, _DROP)
                    out.append(from_tokens(tokens, 1.5, "after", clause.source))
            elif child.dep_ == "advmod" and child.pos_ == "ADV" and child.lower_.endswith("ly") \
                    and child.lower_ not in NOT_MANNER and child.ent_type_ == "":
                out.append(from_tokens([child], 2.0 + weight, "manner", clause.source))
    return [c for c in out if c is not None]


def headline_circumstances(doc: Doc, source: str = "title") -> list[Candidate]:
    """A headline's "as" and "after" clauses read word by word, to the next marker or the end
    of the headline's part: "Seven killed as tram derails after 'speeding' round sharp bend"."""
    marks = [t.i for t in doc if t.lower_ in ("as", "after", "following", "because", "amid", "to",
                                              "for", ":", "|", ",") and t.i > 0]
    out: list[Candidate | None] = []
    for k, at in enumerate(marks):
        tok = doc[at]
        if tok.lower_ not in ("as", "after", "following") or tok.pos_ not in ("ADP", "SCONJ"):
            continue
        end = marks[k + 1] if k + 1 < len(marks) else len(doc)
        tokens = [t for t in doc[at + 1:end] if not t.is_space]
        verbal = any(t.pos_ == "VERB" or t.tag_ in ("VBZ", "VBD", "VBG") or (
            t.pos_ == "NOUN" and t.lower_.endswith("s") and t.i > at + 1
            and doc[t.i - 1].pos_ in ("NOUN", "PROPN")) for t in tokens)   # "tram derails"
        if verbal:
            out.append(from_tokens(tokens, 1.5 if tok.lower_ != "as" else 1.0, tok.lower_, source))
    return [c for c in out if c is not None]


def event_kind(clause: Clause, with_object: bool = False) -> Candidate | None:
    """What was done, when the text gives no manner or means: the predicate's verb with its
    particle ("rams", "hit out"), and with ``with_object`` the head of its object ("rams
    truck"). A weak answer that any manner or means beats."""
    verb = clause.verb
    if verb.pos_ not in ("VERB", "AUX") and not verb.tag_.startswith("VB"):
        return None
    tokens = [verb] + [c for c in verb.children if c.dep_ == "prt"]
    if with_object:
        tokens += [c for c in verb.children if c.dep_ in ("dobj", "attr") and c.pos_ == "NOUN"]
    tokens = sorted({t.i: t for t in tokens if t.i not in clause.skip}.values(),
                    key=lambda t: t.i)
    if not tokens:
        return None
    if len(tokens) > 1 and tokens[-1].i - tokens[0].i + 1 > len(tokens):
        return from_tokens(tokens[:1], 0.3, "kind", clause.source)   # not one phrase: the verb
    return from_tokens(tokens, 0.3, "kind", clause.source)
