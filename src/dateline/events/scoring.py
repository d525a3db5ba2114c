"""Score candidate event clauses by position, frequency and agreement with the headline.

Agreement is the share of the headline's content words (lemmas of nouns, proper nouns, verbs,
adjectives and numbers) that the clause's sentence repeats; frequency is how often the
clause's subject is named in the body; position favours the first sentences, where news
writing puts what matters most.
"""
from __future__ import annotations

import numpy
from spacy.attrs import LEMMA
from spacy.tokens import Doc, Span

from .clauses import Clause

_CONTENT = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}


def content_lemmas(span: Span | Doc) -> frozenset[str]:
    """Lemmas of the content words (nouns, proper nouns, verbs, adjectives, numbers). Kept in
    the doc's ``user_data`` by token range: events and summary ask for the same sentences."""
    doc, key = (span.doc, (span.start, span.end)) if isinstance(span, Span) else (span, None)
    known = doc.user_data.setdefault("dateline.content_lemmas", {})
    found = known.get(key)
    if found is None:
        found = known[key] = frozenset(t.lemma_.lower() for t in span
                                       if t.pos_ in _CONTENT and not t.is_stop and t.is_alpha)
    return found


def agreement(clause: Clause, title_lemmas: set[str]) -> float:
    if not title_lemmas:
        return 0.0
    return len(content_lemmas(clause.span) & title_lemmas) / len(title_lemmas)


def _position(order: int) -> float:
    """The lead's first sentence counts most, the fourth and later nothing."""
    return max(0.0, 0.45 - 0.15 * order)


def align(clauses: list[Clause], title: Doc | None) -> Clause | None:
    """The lead clause that tells the headline's event: most agreement, earlier on ties."""
    if not clauses:
        return None
    if title is None:
        return clauses[0]
    lemmas = content_lemmas(title)
    scored = [(agreement(c, lemmas) + _position(k), -k, c) for k, c in enumerate(clauses)]
    return max(scored, key=lambda x: x[:2])[2]


def rank_clauses(clauses: list[Clause], title: Doc | None, doc: Doc) -> list[Clause]:
    """Clauses best first, by agreement with the headline, position and subject frequency."""
    lemmas = content_lemmas(title) if title is not None else set()
    column = doc.to_array(LEMMA)      # counted for the few subjects that need it, not all lemmas

    def frequency(clause: Clause) -> float:
        """How often the body names the subject's head word (five times or more: 1)."""
        if clause.subject is None:
            return 0.0
        head = clause.doc[clause.subject[1] - 1]
        if head.pos_ not in ("PROPN", "NOUN"):
            return 0.0
        return min(1.0, int(numpy.count_nonzero(column == head.lemma)) / 5)

    scored = [(agreement(c, lemmas) + _position(k) + 0.3 * frequency(c), -k, c)
              for k, c in enumerate(clauses)]
    return [c for *_, c in sorted(scored, key=lambda x: x[:2], reverse=True)]
