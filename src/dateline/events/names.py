"""Who, named in full: "Clinton" becomes "Hillary Clinton" when the article names her so;
"he" becomes the person last named before it."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from ..types import Entity
from .words import PRONOUNS

_NAMED = ("PERSON", "ORG")
_NAME_WORD = re.compile(r"^(?:[A-Z][a-z'’.-]+|[A-Z]\.(?:[A-Z]\.)*|[A-Z]{2,4}|Mc[A-Z][a-z]+)$")
_THE = re.compile(r"^the\s+", re.I)


def _is_name(text: str) -> bool:
    """Two to four capitalised words ("Hillary Clinton", "George W. Bush")."""
    words = text.split()
    return 1 <= len(words) <= 4 and all(_NAME_WORD.match(w) for w in words)


class Names:
    """Full names by their last word: the article's entities (when the people stage found
    them), else the fullest PERSON/ORG form spaCy found in the body, the most frequent first."""

    def __init__(self, doc: Doc | None, entities: list[Entity], ents: list[Span] | None = None):
        self.full: dict[tuple[str, str], str] = {}
        for ent in sorted(entities or [], key=lambda e: -e.mentions):
            if ent.type in _NAMED and _is_name(ent.name):
                self._add(ent.name, ent.type)
        if doc is not None:
            counts: dict[tuple[str, str], int] = {}
            for ent in ents if ents is not None else doc.ents:
                if ent.label_ not in _NAMED:
                    continue
                text = _THE.sub("", ent.text.strip())
                if _is_name(text):
                    counts[(text, ent.label_)] = counts.get((text, ent.label_), 0) + 1
            for (text, label), _ in sorted(counts.items(), key=lambda x: -x[1]):
                self._add(text, label)
        #: Words that are parts of names (a headline word spelled like one is no verb)
        self.tokens = frozenset(w for full in self.full.values() for w in full.split())

    def _add(self, full: str, label: str) -> None:
        key = (label, full.split()[-1].lower())
        known = self.full.get(key)
        if known is None or (len(full.split()) > len(known.split())
                             and known.lower() in full.lower()):
            self.full[key] = full

    def canonical(self, span: Span) -> str | None:
        """The full name for a subject whose head is a name ("Clinton" → "Hillary Clinton",
        "Brazil's Massa" → "Felipe Massa"); None when the subject is not a name."""
        head = span.root
        if head.pos_ != "PROPN" or (head.ent_type_ and head.ent_type_ not in _NAMED):
            return None
        if any(t.dep_ == "conj" for t in span):
            return None   # "Trump and Obama": several people
        name = [t for t in span if t.pos_ == "PROPN" and t.i <= head.i
                and (t.i == head.i or t.dep_ in ("compound", "flat"))]
        for label in ([head.ent_type_] if head.ent_type_ else list(_NAMED)):
            full = self.full.get((label, head.lower_))
            if full and all(t.lower_ in full.lower().split() for t in name):
                return full
        return None


def resolve_pronoun(span: Span, names_before: list[Span]) -> str | None:
    """The person a subject pronoun ("he", "she") stands for: the last named before it."""
    if len(span) != 1 or span[0].lower_ not in PRONOUNS:
        return None
    for ent in reversed(names_before):
        if ent.label_ == "PERSON" and ent.end <= span.start:
            return ent.text
    return None
