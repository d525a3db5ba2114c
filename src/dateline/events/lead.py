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
from .when import skip_tokens, time_spans

_DATED = re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|(?:jan|feb|mar|apr|may|jun|jul|"
                    r"aug|sep|oct|nov|dec)[a-z]*\.? \d", re.I)
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


def _with_preposition(article: Article, when: Answer) -> str:
    """The when answer with the preposition the text gave it ("over the weekend"), or "on"
    before a bare day or date ("on Friday")."""
    if when.source == "body" and when.start and article.doc is not None:
        span = article.doc.char_span(when.start, when.end, alignment_mode="expand")
        if span is not None and span.start > 0:
            prep = article.doc[span.start - 1]
            if prep.pos_ == "ADP" and prep.dep_ == "prep":
                return f"{prep.text} {when.text}"
    return f"on {when.text}" if _DATED.match(when.text) else when.text


def _clause_text(article: Article, event: Event) -> tuple[str, str] | None:
    """Subject and predicate of the event's body sentence; time expressions are left out but
    for the event's own when, which stays where the sentence put it ("late Wednesday")."""
    doc = article.doc
    start = article.body.find(event.sentence)
    if start < 0:
        return None
    span = doc.char_span(start, start + len(event.sentence), alignment_mode="expand")
    if span is None:
        return None
    exprs = [t for t in article.times if span.start_char <= t.start < span.end_char
             and not (event.when is not None and event.when.start == t.start)]
    skip = skip_tokens(time_spans(doc, exprs))
    for sent in sentences(doc, article.body):
        if sent.start <= span.start < sent.end:
            clause = body_clause(sent, skip, max_tokens=40)
            if clause is None or clause.subject is None:
                return None
            return (phrase_text(list(doc[slice(*clause.subject)])),
                    phrase_text(clause.tokens(clause.predicate)))
    return None


def lead_sentence(article: Article, event: Event) -> str | None:
    """A sentence saying who did what, when and why; None without who and what."""
    parts = _clause_text(article, event) if article.doc is not None and event.sentence else None
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
        words.append(_with_preposition(article, event.when))
    if event.why is not None:
        why = _marked(event.why, article)
        if why and event.why.text.lower() not in said:
            words.append(why)
    text = re.sub(r"\s+", " ", " ".join(words)).strip(" ,;:")
    if not text:
        return None
    ended = text.rstrip("'\"’”").endswith((".", "!", "?"))
    return text[0].upper() + text[1:] + ("" if ended else ".")
