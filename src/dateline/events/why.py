"""why: causes and purposes of the event's predicate.

Found, strongest first: causal phrases ("because of", "due to", "in response to", "in
retaliation for") and "because" clauses; reason nouns with their object ("a revenge attack for
US air strikes"); purpose infinitives ("to discuss concerns on migration", "in order to"); the
cause a verb of blaming names ("blames defeat on the FBI director": the director); "since",
"after", "following", "amid" and "as" clauses; "over" and "for" phrases. The answer is the cause
itself, without its marker. Headlines are read word by word (their parse is less reliable):
from a marker to the next marker or the end of the headline's part.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from .answers import Candidate, from_tokens, subtree_tokens
from .clauses import Clause, noun_phrase
from .words import CAUSE_MARKERS, CAUSE_NOUNS, CAUSE_PHRASES, CAUSE_STRENGTH, CAUSE_VERBS

_CLAUSE_DROP = frozenset({"relcl", "appos", "parataxis"})
_PHRASE_STARTS = frozenset(p[0] for p in CAUSE_PHRASES)
_TEMPORAL = {"after", "following", "as", "since"}
_HEADLINE_STOPS = {":", "|", "--", "—", "–", ",", ";"}


def _object_tokens(marker: Token, lo: int, hi: int) -> list[Token]:
    """What a marker governs: the object of a preposition, or the clause after it."""
    objects = [c for c in marker.children if c.dep_ in ("pobj", "pcomp") and c.pos_ != "ADP"]
    objects.sort(key=lambda c: c.dep_ != "pobj")          # "because of heavy snow": snow
    return subtree_tokens(objects[0], lo, hi, _CLAUSE_DROP) if objects else []


def phrase_causes(span: Span, source: str = "body") -> list[Candidate]:
    """Causal phrases and reason nouns anywhere in ``span``."""
    doc, lo, hi = span.doc, span.start, span.end
    lowers = [t.lower_ for t in span]
    out = []
    for i in range(len(lowers)):
        if lowers[i] not in _PHRASE_STARTS and lowers[i] not in CAUSE_NOUNS:
            continue
        for phrase in CAUSE_PHRASES:
            n = len(phrase)
            if tuple(lowers[i:i + n]) == phrase:
                tokens = next((found for k in range(n - 1, -1, -1)
                               if (found := _object_tokens(doc[lo + i + k], lo, hi))), [])
                if phrase[1] in CAUSE_NOUNS and tokens:   # "in retaliation for X": the motive
                    tokens = list(doc[lo + i + 1:lo + i + n]) + tokens
                    out.append(from_tokens(tokens, CAUSE_STRENGTH["motive"], "motive", source))
                else:                                     # "because of X", "due to X": X
                    out.append(from_tokens(tokens, CAUSE_STRENGTH["phrase"], "phrase", source))
        tok = doc[lo + i]
        if tok.lemma_.lower() in CAUSE_NOUNS and tok.pos_ == "NOUN" and \
                (i == 0 or lowers[i - 1] != "in"):
            noun = tok.head if tok.dep_ == "compound" else tok     # "revenge attack for ..."
            prep = next((c for c in noun.rights if c.dep_ == "prep"
                         and c.lower_ in ("for", "to", "against")), None)
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
            if obj is not None:
                end = noun_phrase(obj, lo, hi)[1]
                tokens = [t for t in doc[tok.i:end] if lo <= t.i < hi]
                out.append(from_tokens(tokens, CAUSE_STRENGTH["noun"], "noun", source))
    return [c for c in out if c is not None]


def _blamed(clause: Clause) -> Candidate | None:
    """The cause a verb of blaming names: "blames X for Y" → X, "blames Y on X" → X."""
    verb = clause.verb
    slot = CAUSE_VERBS.get(verb.lemma_.lower()) or CAUSE_VERBS.get(verb.lower_.rstrip("s"))
    if slot is None:
        return None
    lo, hi = clause.container
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == slot:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return from_tokens(list(clause.doc[slice(*noun_phrase(obj, lo, hi))]),
                                   CAUSE_STRENGTH["blame"], "blame", clause.source)
    if any(c.dep_ == "prep" and c.lower_ == "for" for c in verb.children):
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is not None:
            tokens = subtree_tokens(obj, lo, hi, _CLAUSE_DROP)
            return from_tokens(tokens, CAUSE_STRENGTH["blame"], "blame", clause.source)
    return None


def why_candidates(clause: Clause) -> list[Candidate]:
    """Causes and purposes on the clause's verb (dependency parse; for body sentences)."""
    lo, hi = clause.container
    verb = clause.verb
    out: list[Candidate | None] = [_blamed(clause)]
    for child in verb.children:
        if not (lo <= child.i < hi):
            continue
        if child.dep_ == "advcl":
            marks = [c for c in child.children if c.dep_ == "mark"]
            mark = marks[0].lower_ if marks else None
            to = any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
            tokens = subtree_tokens(child, lo, hi, _CLAUSE_DROP)
            if mark in CAUSE_MARKERS:
                tokens = [t for t in tokens if t.i != marks[0].i]
                out.append(_cand(tokens, CAUSE_STRENGTH.get(mark, 2), mark, clause))
            elif to and child.i > verb.i:
                out.append(_cand(tokens, CAUSE_STRENGTH["purpose"], "purpose", clause))
        elif child.dep_ == "prep" and child.lower_ in CAUSE_MARKERS | {"for"} and child.i > verb.i:
            obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is None or obj.ent_type_ in ("PERSON", "ORG", "NORP"):
                continue   # "for Trump": a beneficiary, not a reason
            if obj.pos_ in ("NOUN", "PROPN") and child.lower_ in _TEMPORAL:
                continue   # "after the blast": in the body, mostly a time
            out.append(_cand(_object_tokens(child, lo, hi), CAUSE_STRENGTH.get(child.lower_, 1),
                             child.lower_, clause))
    out += phrase_causes(clause.span, clause.source)
    return [c for c in out if c is not None]


def _cand(tokens: list[Token], strength: float, kind: str, clause: Clause) -> Candidate | None:
    words = [t for t in tokens if t.is_alpha or t.like_num]
    if not words or sum(t.i in clause.skip for t in words) * 2 >= len(words):
        return None   # "after 20 laps on Sunday", "over the weekend": a time, not a cause
    return from_tokens(tokens, strength, kind, clause.source)


def headline_causes(clause: Clause) -> list[Candidate]:
    """Causes and purposes a headline states: from each marker to the next one or the end of
    its part ("Seven killed as tram derails after 'speeding' round sharp bend")."""
    doc = clause.doc
    lo, hi = 0, len(doc)
    markers = []
    for tok in doc:
        low = tok.lower_
        if low in CAUSE_MARKERS | {"for", "because"} and tok.pos_ in ("ADP", "SCONJ") and tok.i > 0:
            markers.append((tok.i, tok.i + 1, low))
        elif low == "to" and tok.pos_ == "PART" and tok.head.pos_ == "VERB" and tok.i > 0 \
                and tok.head.i != clause.verb.i \
                and tok.head.dep_ in ("advcl", "xcomp", "relcl", "conj", "ROOT") \
                and doc[tok.i - 1].pos_ not in ("VERB", "AUX"):
            markers.append((tok.i, tok.i, "purpose"))     # "... to make them lighter"
    out: list[Candidate | None] = []
    for k, (at, first, kind) in enumerate(markers):
        end = markers[k + 1][0] if k + 1 < len(markers) else hi
        stop = next((t.i for t in doc[first:end] if t.text in _HEADLINE_STOPS), end)
        tokens = [t for t in doc[first:stop] if not t.is_space]
        if kind == "for" and clause.verb.lemma_.lower() in CAUSE_VERBS:
            continue   # "blames X for Y": Y is what is blamed, the cause is X
        out.append(_cand(tokens, CAUSE_STRENGTH.get(kind, 1), kind, clause))
    out.append(_blamed(clause))
    out += phrase_causes(doc[lo:hi], clause.source)
    return [c for c in out if c is not None]
