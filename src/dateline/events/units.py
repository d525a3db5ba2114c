"""Sentences of the body as the event finder uses them, and which of them make the lead.

spaCy's sentences may run across a paragraph break (a caption line glued to the next
paragraph); here a paragraph break always ends a sentence. A lead sentence is one that reports:
a finite verb with a subject, enough words, and not a line of credits or links.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})


def sentences(doc: Doc) -> list[Span]:
    """doc.sents, further cut at paragraph breaks; only pieces with a word in them."""
    out: list[Span] = []
    for sent in doc.sents:
        start = sent.start
        for tok in sent:
            if tok.is_space and "\n" in tok.text:
                if tok.i > start:
                    out.append(doc[start:tok.i])
                start = tok.i + 1
        if start < sent.end:
            out.append(doc[start:sent.end])
    return [s for s in out if any(t.is_alpha for t in s)]


def root_of(span: Span) -> Token:
    """The token of ``span`` whose head lies outside it (the first, if several)."""
    for tok in span:
        if tok.head.i == tok.i or not (span.start <= tok.head.i < span.end):
            return tok
    return span[0]


def is_finite_verb(tok: Token) -> bool:
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    if tok.tag_ in ("VBD", "VBZ", "VBP", "MD"):
        return True
    return any(c.dep_ in ("aux", "auxpass") for c in tok.children)


def reports(span: Span) -> bool:
    """True for a sentence that states something: a finite verb with a subject, 6+ words,
    not mostly capitalised words (credit and link lines are)."""
    words = [t for t in span if t.is_alpha]
    if len(words) < 6:
        return False
    lower = sum(1 for t in words if t.is_lower)
    if lower < len(words) * 0.25:
        return False
    return any(is_finite_verb(t) and any(c.dep_ in SUBJECT_DEPS for c in t.children)
               for t in span)


def lead_sentences(doc: Doc, limit: int = 5) -> list[Span]:
    """The first ``limit`` reporting sentences of the body."""
    out = []
    for sent in sentences(doc):
        if reports(sent):
            out.append(sent)
            if len(out) >= limit:
                break
    return out


def verb_lemmas(doc: Doc, limit: int = 400) -> frozenset[str]:
    """Lemmas of the verbs in the first ``limit`` tokens of the body (to mend headline tags)."""
    return frozenset(t.lemma_.lower() for t in doc[:limit] if t.pos_ == "VERB")
