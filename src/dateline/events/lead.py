"""One plain sentence built from the main event, for a terminal report:
"A top-level US delegation will head to Mexico in coming days to discuss concerns on migration."

The subject and predicate come from the lead sentence that tells the main event (a sentence of
the body reads better than headline style), else from the event's own who and what; the when
and why answers are added when the clause does not hold them already, why with the word that
introduced it in the text ("after", "because", "to" ...).
"""
from __future__ import annotations

import re

from ..types import Answer, Article, Event
from .clauses import body_clause, phrase_text
from .units import sentences

_MARKERS = ("because of", "due to", "in order to", "in response to", "in retaliation for",
            "because", "after", "following", "amid", "since", "as", "over", "for")


def _marked(answer: Answer, article: Article) -> str | None:
    """The why answer with the marker that stood before it ("after ...", "because ...")."""
    text = answer.text
    if text.lower().startswith(("to ", "because", "due to", "in order", "for ")):
        return text
    source = article.title if answer.source == "title" else article.body
    if answer.start is None or not source:
        return None
    before = source[max(0, answer.start - 24):answer.start].lower().rstrip(" '\"‘“")
    for marker in _MARKERS:
        if re.search(rf"\b{marker}$", before):
            return f"{marker} {text}"
    return None


def _clause_text(article: Article, sentence: str) -> tuple[str, str] | None:
    """Subject and predicate of the body sentence ``sentence``, time expressions left out."""
    doc = article.doc
    start = doc.text.find(sentence)
    if start < 0:
        return None
    span = doc.char_span(start, start + len(sentence), alignment_mode="expand")
    if span is None:
        return None
    times = set()
    for expr in article.times:
        if span.start_char <= expr.start < span.end_char:
            found = doc.char_span(expr.start, expr.end, alignment_mode="expand")
            times.update(t.i for t in found or [])
    for sent in sentences(doc):
        if sent.start <= span.start < sent.end:
            clause = body_clause(sent, frozenset(times))
            if clause is None or clause.subject is None:
                return None
            return (phrase_text(list(doc[slice(*clause.subject)])),
                    phrase_text(clause.tokens(clause.predicate)))
    return None


def lead_sentence(article: Article, event: Event) -> str | None:
    """A sentence saying who did what, when and why; None without who and what."""
    parts = _clause_text(article, event.sentence) if article.doc is not None and event.sentence \
        else None
    if parts is None:
        if event.who is None or event.what is None:
            return None
        parts = (event.who.text, event.what.text)
        if parts[1].lower().startswith(parts[0].lower()):
            parts = ("", parts[1])
    words = [p for p in parts if p]
    said = " ".join(words).lower()
    if event.when is not None and event.when.source in ("title", "body") \
            and event.when.text.lower() not in said:
        words.append(event.when.text)
    if event.why is not None:
        why = _marked(event.why, article)
        if why and event.why.text.lower() not in said:
            words.append(why)
    text = re.sub(r"\s+", " ", " ".join(words)).strip(" ,;:")
    if not text:
        return None
    return text[0].upper() + text[1:] + ("" if text.endswith((".", "!", "?")) else ".")
