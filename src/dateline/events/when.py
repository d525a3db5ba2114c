"""when: the time expression attached to the event's predicate.

A time expression counts for a clause when its head leads up to the clause's verb (strongest),
to the verb that reports it ("..., the White House said Thursday"), or when it merely stands in
the same sentence. Durations ("for 90 minutes") and times relative to another event ("a week
later") answer no "when".
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..types import TimeExpression
from .answers import Candidate
from .clauses import Clause

_WEAK = {"year", "range", "month"}


@dataclass
class TimeSpan:
    """A time expression with its tokens in the doc it was found in."""
    span: Span
    expr: TimeExpression

    @property
    def usable(self) -> bool:
        """A point or period in time that the rules know ("Thursday", "in coming days"), not a
        duration ("90 minutes"), a time relative to another event ("a week later") or a phrase
        nothing could read ("Election Day")."""
        return self.expr.granularity not in (None, "duration") and self.expr.source != "anchored"


def time_spans(doc: Doc, times: list[TimeExpression]) -> list[TimeSpan]:
    """Pair each time expression with its tokens in ``doc`` (offsets are ``doc`` offsets)."""
    out = []
    for expr in times:
        span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
        if span is not None and len(span):
            out.append(TimeSpan(span, expr))
    return out


def skip_tokens(spans: list[TimeSpan]) -> frozenset[int]:
    """Tokens of the time expressions that answer "when", with the preposition that governs
    each ("on Monday"): a predicate is written without them."""
    out: set[int] = set()
    for ts in spans:
        if not ts.usable or _dates_a_thing(ts.span):
            continue
        out.update(t.i for t in ts.span)
        start = ts.span.start
        if start > 0:
            prep = ts.span.doc[start - 1]
            if prep.dep_ == "prep" and prep.pos_ == "ADP" and ts.span.root.head.i == prep.i:
                out.add(prep.i)
    return frozenset(out)


def _dates_a_thing(span: Span) -> bool:
    """"Sunday's debate", "Tuesday's election": a time inside a noun phrase."""
    root = span.root
    return root.dep_ in ("poss", "compound", "nmod", "amod") and root.head.pos_ in ("NOUN", "PROPN")


def _hops(tok: Token, target: Token, limit: int = 6) -> int | None:
    """How many steps up the parse lead from ``tok`` to ``target`` (None: it is not above)."""
    for hops in range(limit + 1):
        if tok.i == target.i:
            return hops
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def when_candidates(clause: Clause, spans: list[TimeSpan]) -> list[Candidate]:
    """The usable time expressions of the clause's sentence, strongest on the verb itself."""
    lo, hi = clause.container
    out = []
    for ts in spans:
        if not (lo <= ts.span.start < hi) or not ts.usable:
            continue
        root = ts.span.root
        on_verb = _hops(root, clause.verb)
        on_report = _hops(root, clause.attribution) if clause.attribution is not None else None
        if on_verb is not None:           # the nearer the verb, the more its own time
            strength = 3.0 - 0.2 * max(0, on_verb - 2)
        elif on_report is not None:
            strength = 2.5 - 0.2 * max(0, on_report - 2)
        else:
            strength = 1.5
        if ts.expr.granularity in _WEAK:
            strength -= 1.0
        if _dates_a_thing(ts.span):
            strength -= 1.0               # "Tuesday's election": it dates a thing, not the event
        if ts.expr.date is None:
            strength -= 0.5
        out.append(Candidate(text=ts.expr.text, start=ts.expr.start, end=ts.expr.end,
                             strength=strength, kind=ts.expr.granularity or "time",
                             source=clause.source, date=ts.expr.date))
    return out


def first_dated(spans: list[TimeSpan], lo: int, hi: int, source: str) -> Candidate | None:
    """The first time expression in [lo, hi) placed on a day: the lead's nearest time."""
    for ts in spans:
        if lo <= ts.span.start < hi and ts.usable and ts.expr.date \
                and ts.expr.granularity in ("day", "time"):
            return Candidate(text=ts.expr.text, start=ts.expr.start, end=ts.expr.end,
                             strength=1.0, kind="lead", source=source, date=ts.expr.date)
    return None


def nearest(spans: list[TimeSpan], position: int) -> TimeSpan | None:
    """The dated day-level expression nearest a token position."""
    dated = [ts for ts in spans
             if ts.usable and ts.expr.date and ts.expr.granularity in ("day", "time")]
    return min(dated, key=lambda ts: abs(ts.span.start - position)) if dated else None
