"""Find the time expressions of a parsed text and resolve each against a reference date.

Candidates are spaCy's DATE and TIME entities plus what a regular expression finds that the
small model misses (clock times such as "6.10am", vague periods such as "in coming days", the
adverbs "soon", "shortly", "recently"). Candidates are widened over a leading modifier ("late
Thursday", "shortly before 7 pm", "around 6am") and joined when only glue words stand between
them ("11pm local time on Thursday evening", "Nov 9, 2016 at 1:57am"). A phrase whose clause
speaks of the future ("will travel on Thursday") resolves forward.
"""
from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Doc, Span

from ..types import TimeExpression
from .quarters import resolve_period, resolve_pointing
from .resolve import NOT_TIME, iso, resolve
from .tense import clause_tense
from .timex3 import timex_value

_LABELS = {"DATE", "TIME"}
_LEFT_MODIFIERS = {"late", "early", "earlier", "later", "around", "about", "approximately",
                   "roughly", "mid", "shortly", "just", "soon", "right", "immediately"}
_BEFORE_AFTER = {"before", "after"}
_GLUE = {"on", "at", "local", "time", "of"}
_STRIP = " ,\n\"'“”‘’"


#: Surface patterns spaCy's small model misses, searched in the text (a regular expression over
#: the text costs microseconds where a token Matcher with regex predicates costs milliseconds).
#: Every alternative starts a word with a digit or one of the letters in the look-ahead: tested
#: first, they turn most positions away at once (a third of the time of the alternatives alone).
_EXTRA = re.compile(
    r"\b(?=[\dcilmnprstu])"
    r"(?:(?P<clock>\d{1,2}(?:[:.]\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)(?![a-z])"
    r"|(?:[01]?\d|2[0-3]):[0-5]\d\b|(?:noon|midnight|midday)\b)"
    r"|(?P<vague>(?:in\s+)?(?:the\s+)?(?:coming|recent|upcoming|(?:next|past|last)\s+"
    r"(?:few|several|couple(?:\s+of)?))\s+(?:hours|days|nights|weeks|months|years)\b)"
    r"|(?P<adverb>(?:soon|shortly|recently|lately)\b))", re.I)


def _extra_pieces(doc: Doc, text: str) -> list[tuple[int, int]]:
    out = []
    for m in _EXTRA.finditer(text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None or not len(span):
            continue
        if m.lastgroup == "adverb" and span[0].pos_ != "ADV":
            continue
        out.append((span.start, span.end))
    return out


def _widen(doc: Doc, start: int) -> int:
    """Move ``start`` left over modifiers: "late Thursday", "shortly before 7 pm"."""
    i = start
    if i >= 2 and doc[i - 1].lower_ in _BEFORE_AFTER and doc[i - 2].lower_ in _LEFT_MODIFIERS:
        i -= 2
    while i >= 1 and doc[i - 1].lower_ in _LEFT_MODIFIERS and i > start - 3:
        i -= 1
    return i


def candidate_spans(doc: Doc, text: str | None = None) -> list[Span]:
    """The time phrases of ``doc`` (whose text is ``text``), widened and joined, in text order."""
    pieces = {(e.start, e.end) for e in doc.ents if e.label_ in _LABELS}
    pieces.update(_extra_pieces(doc, doc.text if text is None else text))
    merged: list[list[int]] = []
    for s, e in sorted((_widen(doc, s), e) for s, e in pieces):
        if merged and s < merged[-1][1]:                    # overlapping: keep the union
            merged[-1][1] = max(merged[-1][1], e)
        elif merged and _glued(doc, merged[-1], s):
            merged[-1][1] = e
        else:
            merged.append([s, e])
    out = []
    for s, e in merged:
        s, e = _with_period_noun(doc, s, e)
        out.extend(split_range(doc[s:e]))
    return out


#: Words that join two time expressions into one phrase of spaCy's ("Aug. 26 to Oct. 20",
#: "between 1985 and 1987", "the quarter ended Sept. 30"); TimeML writes each part apart.
_JOINS = {"to", "through", "until", "till", "and", "ended", "ending"}
_RANGE_OPENERS = {"from", "between"}
_REF = date(2001, 1, 1)


def _is_time(span: Span) -> bool:
    text = span.text.strip(_STRIP)
    if not text or not any(t.is_alpha or t.like_num for t in span):
        return False
    found = resolve_period(text, _REF) or resolve_pointing(text, _REF, None, None, None) \
        or resolve(text, _REF)
    return found is not None and found is not NOT_TIME and (
        found.date is not None or found.granularity in ("range", "day", "month", "year", "week"))


def split_range(span: Span) -> list[Span]:
    """A phrase of two time expressions joined by "to", "and", "ended" ("from Sept. 14 to
    Thursday", "the quarter ended Sept. 30") as its two parts; other phrases as they are."""
    doc = span.doc
    for tok in span[1:-1]:
        if tok.lower_ not in _JOINS:
            continue
        left, right = doc[span.start:tok.i], doc[tok.i + 1:span.end]
        if left and left[0].lower_ in _RANGE_OPENERS:
            left = doc[left.start + 1:left.end]
        if left and right and _is_time(left) and _is_time(right):
            return [left, *split_range(right)]
    return [span]


def _with_period_noun(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """"this year's", "the 1988 period": the determiner and the period noun spaCy leaves out
    of a bare "year" or "1988"."""
    if end - start == 1 and doc[start].lower_ in ("year", "quarter", "month", "week") \
            and start >= 1 and doc[start - 1].lower_ in ("this", "that", "last", "next"):
        return start - 1, end
    if end - start == 1 and doc[start].like_num and end < len(doc) \
            and doc[end].lower_ in ("period", "quarter") and doc[end].pos_ == "NOUN":
        return (start - 1 if start >= 1 and doc[start - 1].lower_ == "the" else start), end + 1
    return start, end


def _glued(doc: Doc, left: list[int], right_start: int) -> bool:
    """"6.10am on Wednesday", "Nov 9, 2016 at 1:57am": a time and a day with glue between
    (not "108 years on Wednesday": a duration stays apart)."""
    gap = doc[left[1]:right_start]
    if len(gap) > 3 or not all(t.lower_ in _GLUE for t in gap):
        return False
    found = resolve(doc[left[0]:left[1]].text, None)
    return found is not None and found.granularity in ("time", "day")


#: How many sentences after a quarter is named a phrase may still point at it ("a year
#: earlier"); decided on part of TimeBank and checked on the rest (scripts/cv_timex.py).
ANCHOR_SENTENCES = 8


def _sentence_index(span: Span) -> int:
    doc = span.doc
    if not doc.has_annotation("SENT_START"):
        return 0
    return span.sent.start    # a token index: sentences are compared by their first token


def _sentences_between(doc: Doc, first: int, last: int) -> int:
    """How many sentences begin after token ``first`` up to token ``last`` (-1: none yet)."""
    if first < 0:
        return 1 << 20
    return sum(1 for t in doc[first + 1:last + 1] if t.is_sent_start)


def is_future(span: Span) -> bool:
    """True when the clause of ``span`` speaks of the future: "will meet on Thursday"."""
    return clause_tense(span) == "future"


def time_expressions(doc: Doc, ref, offset: int = 0, text: str | None = None
                     ) -> list[TimeExpression]:
    """Every time expression of ``doc`` resolved against ``ref`` (a date or None).

    ``offset`` is added to character offsets (0 for a body doc whose text is the body);
    ``text`` is the doc's text when the caller has it. Each phrase is read by the tense of its
    clause; phrases that point back ("the quarter", "a year earlier", "that year") take the
    last quarter or date named before them.
    Ages and bare numbers that spaCy labels DATE are left out; phrases nothing can place keep
    their text with ``date`` None.
    """
    out: list[TimeExpression] = []
    quarter = year = None
    quarter_at = -1
    for span in candidate_spans(doc, text):
        phrase = span.text.strip(_STRIP)
        if not phrase:
            continue
        start = span.start_char + offset + span.text.index(phrase)
        tense = clause_tense(span)
        sent = _sentence_index(span)
        if _sentences_between(span.doc, quarter_at, sent) > ANCHOR_SENTENCES:
            quarter = None                    # a quarter named long before is not pointed at
        found = resolve_pointing(phrase, ref, tense, quarter, year) \
            or resolve_period(phrase, ref, tense) or resolve(phrase, ref, tense=tense)
        if found is NOT_TIME:
            continue
        if found is not None and found.rule in ("quarter", "half") and found.date:
            quarter, quarter_at = found, sent
        elif found is not None and found.rule == "pointing" and found.timex and "-" in found.timex:
            quarter_at = sent                 # pointing again keeps the quarter in view
        elif found is not None and found.date and found.granularity in ("day", "month", "year"):
            year = found
        out.append(TimeExpression(
            text=phrase, start=start, end=start + len(phrase),
            date=iso(found.date) if found else None, end_date=iso(found.end) if found else None,
            granularity=found.granularity if found else None,
            source=(found.rule or None) if found else "unresolved",
            timex_value=timex_value(phrase, found)))
    return out
