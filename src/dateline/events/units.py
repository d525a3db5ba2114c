"""Sentences of the body as the event finder uses them, and which of them make the lead.

spaCy's sentences may run across a paragraph break (a caption line glued to the next
paragraph); here a paragraph break always ends a sentence. A lead sentence is one that reports:
a finite verb with a subject, enough words, and not a line of credits or links.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.attrs import POS, SENT_START
from spacy.parts_of_speech import VERB
from spacy.tokens import Doc, Span, Token

_NEWLINES = re.compile(r"\n\s*")
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})


def sentences(doc: Doc, text: str | None = None) -> Iterator[Span]:
    """doc.sents, further cut at paragraph breaks; only pieces with a word in them (lazily).
    ``text`` is the doc's text when the caller has it (``Doc.text`` rebuilds it on every call)."""
    breaks = sorted({span.start for m in _NEWLINES.finditer(doc.text if text is None else text)
                     if (span := doc.char_span(m.start(), m.end(), alignment_mode="expand"))
                     is not None and len(span) and span[0].is_space})
    k = 0
    for sent in _sents(doc):
        start = sent.start
        while k < len(breaks) and breaks[k] < sent.end:
            if breaks[k] >= start:
                if breaks[k] > start:
                    yield from _worded(doc[start:breaks[k]])
                start = breaks[k] + 1
            k += 1
        if start < sent.end:
            yield from _worded(doc[start:sent.end])


def _sents(doc: Doc) -> Iterator[Span]:
    """doc.sents from the sentence-start array (doc.sents checks the whole doc on every call)."""
    if not len(doc):
        return
    starts = [int(i) for i in (doc.to_array(SENT_START) == 1).nonzero()[0] if i > 0]
    start = 0
    for i in starts:
        yield doc[start:i]
        start = i
    yield doc[start:len(doc)]


def _worded(span: Span) -> Iterator[Span]:
    if any(t.is_alpha for t in span):
        yield span


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


def lead_sentences(doc: Doc, limit: int = 5, text: str | None = None) -> list[Span]:
    """The first ``limit`` reporting sentences of the body. Which sentences report is kept in
    ``doc.user_data`` (by token range): events and summary both ask, for 8 and 10 sentences."""
    out = []
    known = doc.user_data.setdefault("dateline.reports", {})
    for sent in sentences(doc, text):
        key = (sent.start, sent.end)
        said = known.get(key)
        if said is None:
            said = known[key] = reports(sent)
        if said:
            out.append(sent)
            if len(out) >= limit:
                break
    return out


def verb_lemmas(doc: Doc, limit: int = 400) -> frozenset[str]:
    """Lemmas of the verbs in the first ``limit`` tokens of the body (to mend headline tags)."""
    verbs = (doc.to_array(POS)[:limit] == VERB).nonzero()[0].tolist()   # no Token per other word
    return frozenset(doc[i].lemma_.lower() for i in verbs)
