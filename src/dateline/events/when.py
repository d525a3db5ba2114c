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

_NO_WHEN = {"duration", None}
_WEAK = {"year", "range", "month"}


@dataclass
class TimeSpan:
    span: Span
    expr: TimeExpression

    @property
    def usable(self) -> bool:
        return self.expr.granularity not in _NO_WHEN and self.expr.source != "anchored"


def time_spans(doc: Doc, times: list[TimeExpression]) -> list[TimeSpan]:
    """Pair each time expression with its tokens in ``doc`` (offsets are ``doc`` offsets)."""
    out = []
    for expr in times:
        span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
        if span is not None and len(span):
            out.append(TimeSpan(span, expr))
    return out


def _reaches(tok: Token, target: Token, limit: int = 6) -> bool:
    for _ in range(limit):
        if tok.i == target.i:
            return True
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return tok.i == target.i


def when_candidates(clause: Clause, spans: list[TimeSpan]) -> list[Candidate]:
    lo, hi = clause.container
    out = []
    for ts in spans:
        if not (lo <= ts.span.start < hi) or not ts.usable:
            continue
        root = ts.span.root
        if _reaches(root, clause.verb):
            strength = 3.0
        elif clause.attribution is not None and _reaches(root, clause.attribution):
            strength = 2.5
        else:
            strength = 1.5
        if ts.expr.granularity in _WEAK:
            strength -= 1.0
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


def nearest_date(spans: list[TimeSpan], position: int) -> str | None:
    """The date of the dated day-level expression nearest a token position."""
    dated = [ts for ts in spans if ts.usable and ts.expr.date and ts.expr.granularity in ("day", "time")]
    if not dated:
        return None
    return min(dated, key=lambda ts: abs(ts.span.start - position)).expr.date
