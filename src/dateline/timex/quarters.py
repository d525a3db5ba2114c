"""Quarters, halves and fiscal years: "the third quarter", "first-half profit", "fiscal 1999",
and the phrases that point back at a period named before ("the quarter", "a year earlier",
"the year-ago period", "that year").

A quarter or half without its year is placed by the tense of its clause: in a past clause the
latest one begun by the reference date, in a future clause the next one not yet over, else
the nearest. A fiscal calendar is unknown unless stated, so fiscal quarters are read as calendar
quarters. Pointing phrases take the last period of the same kind named earlier in the text
(``anchor``): "the year-earlier quarter" is that quarter a year before.
"""
from __future__ import annotations

import calendar
import re
from datetime import date

from .rules import Resolution, normalise

_ORDINAL = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
            "4th": 4, "final": 4}
_QUARTER = re.compile(r"\b(first|second|third|fourth|final|1st|2nd|3rd|4th)"
                      r"(?:[\s-]+fiscal)?[\s-]+(quarter|qtr|half|period)\b")
_FISCAL_ORDINAL = re.compile(r"\bfiscal[\s-]+(first|second|third|fourth|1st|2nd|3rd|4th)"
                             r"[\s-]+(quarter|half)\b")
_LAST_HALF = re.compile(r"\b(last|latter|back|second|first|front)[\s-]+half\b")
_Q_CODE = re.compile(r"\b(?:q([1-4])|([1-4])q)\b")
_TWO_QUARTERS = re.compile(r"\b(first|last)\s+two\s+quarters\b")
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
_FISCAL_YEAR = re.compile(r"\bfiscal(?:\s+year)?\s+'?(\d{4}|\d{2})\b|\bfy\s?'?(\d{4}|\d{2})\b")
#: "the quarter", "the latest quarter", "that period": the period named before.
_POINTING = re.compile(r"^(?:the|that|this|its|the latest|the most recent|the latest fiscal|"
                       r"the fiscal|the same|the current|the recent|the just-ended|"
                       r"the just ended|the comparable|the corresponding|this fiscal)"
                       r"\s+(quarter|period|half)$")
#: "a year earlier", "year-ago", "the year-earlier quarter", "last year's quarter".
_YEAR_BACK = re.compile(r"^(?:the\s+)?(?:comparable\s+|corresponding\s+|same\s+)?"
                        r"(?:a\s+year\s+(?:ago|earlier|before)|year[\s-](?:ago|earlier)"
                        r"(?:\s+(?:\w+\s+)?(?:quarter|period|half|level|results))?"
                        r"|(?:quarter|period)\s+a\s+year\s+(?:ago|earlier)"
                        r"|last\s+year's\s+(?:\w+\s+)?(?:quarter|period)"
                        r"|(?:period|quarter)\s+last\s+year)$")
_LATEST = re.compile(r"\b(?:latest|most recent|just-ended|just ended|recent|past)\b")
_THAT_YEAR = re.compile(r"^(?:that|the same|the following|the next|the previous|the prior|"
                        r"the preceding)\s+year$")


def quarter_range(year: int, q: int) -> tuple[date, date]:
    first = 3 * (q - 1) + 1
    return date(year, first, 1), date(year, first + 2, calendar.monthrange(year, first + 2)[1])


def half_range(year: int, h: int) -> tuple[date, date]:
    return (date(year, 1, 1), date(year, 6, 30)) if h == 1 else (date(year, 7, 1),
                                                                   date(year, 12, 31))


def period(year: int, kind: str, n: int) -> Resolution:
    """The ``n``-th quarter or half of ``year`` as a range with its TIMEX3 value."""
    start, end = quarter_range(year, n) if kind == "Q" else half_range(year, n)
    return Resolution(start, end, "range", "quarter" if kind == "Q" else "half",
                      f"{year}-{kind}{n}")


def _place(kind: str, n: int, ref: date, tense: str | None) -> Resolution:
    """The year of a quarter or half named without one, by the tense of its clause."""
    options = [period(y, kind, n) for y in (ref.year - 1, ref.year, ref.year + 1)]
    if tense == "past":     # the latest begun ("earned ... in the third quarter")
        return [p for p in options if p.date <= ref][-1]
    mid = lambda p: abs((p.date - ref).days + (p.end - p.date).days / 2)  # noqa: E731
    return min(options, key=mid)


def _explicit_year(t: str, ref: date | None) -> int | None:
    m = _YEAR.search(t)
    if m:
        return int(m.group(1))
    if ref is None:
        return None
    for word, step in (("this year", 0), ("last year", -1), ("next year", 1),
                       ("the current year", 0), ("this fiscal year", 0)):
        if word in t:
            return ref.year + step
    return None


def _pointed(found: Resolution) -> Resolution:
    """A period reached by pointing back: it does not become the period pointed at next."""
    return Resolution(found.date, found.end, found.granularity, "pointing", found.timex)


def resolve_period(text: str, ref: date | None, tense: str | None = None,
                   anchor: Resolution | None = None) -> Resolution | None:
    """A quarter, half or fiscal year in ``text``; None when it names none."""
    t = normalise(text)
    kind_n = _kind(t)
    if kind_n is not None:
        kind, n = kind_n
        year = _explicit_year(t, ref)
        if year is not None:
            return period(year, kind, n)
        if ref is None:
            return Resolution(None, None, "range", "quarter")
        return _place(kind, n, ref, tense)
    m = _FISCAL_YEAR.search(t)
    if m and not re.search(r"\b(?:quarter|half)\b", t):
        digits = m.group(1) or m.group(2)
        year = int(digits) if len(digits) == 4 else 1900 + int(digits) if int(digits) > 30 \
            else 2000 + int(digits)
        return Resolution(date(year, 1, 1), date(year, 12, 31), "year", "fiscal-year",
                          str(year))
    return None


def _kind(t: str) -> tuple[str, int] | None:
    m = _QUARTER.search(t) or _FISCAL_ORDINAL.search(t)
    if m:
        unit = m.group(2)
        if unit == "period":
            return None
        n = _ORDINAL[m.group(1)]
        if unit == "half":
            return ("H", 1 if n == 1 else 2) if n <= 2 or m.group(1) == "final" else None
        return "Q", n
    m = _TWO_QUARTERS.search(t)
    if m:
        return "H", 1 if m.group(1) == "first" else 2
    m = _LAST_HALF.search(t)
    if m:
        return "H", 1 if m.group(1) in ("first", "front") else 2
    m = _Q_CODE.search(t)
    if m:
        return "Q", int(m.group(1) or m.group(2))
    return None


def resolve_pointing(text: str, ref: date | None, tense: str | None,
                     quarter: Resolution | None, year: Resolution | None
                     ) -> Resolution | None:
    """Phrases that point back at a period named before: ``quarter`` is the last quarter or
    half of the text, ``year`` the last year or date."""
    t = re.sub(r"'s$", "", normalise(text))          # "the latest quarter's results"
    if ref is None:
        return None
    m = _POINTING.match(t)
    if m and m.group(1) != "period" or (m and quarter is not None):
        if "current" in t or (t.startswith("this") and quarter is None):
            return _pointed(_place("Q", (ref.month - 1) // 3 + 1, ref, None))
        if quarter is not None and not _LATEST.search(t):
            return _pointed(quarter)
        last_q = (ref.month - 1) // 3 or 4          # the last quarter over by the reference
        return _pointed(_place("Q", last_q, ref, "past")) if m.group(1) == "quarter" else None
    own = _kind(t)
    year_back = _YEAR_BACK.match(t) is not None
    named_year = _YEAR.search(t) if re.search(r"\b(?:quarter|period)$", t) else None
    if year_back or (named_year and quarter is not None and own is None):
        if own is not None:                          # "the year-ago third quarter"
            return _pointed(period((quarter.date.year if quarter else ref.year) - 1, *own))
        if quarter is None:       # "a year earlier" with no period named before: last year
            y = ref.year - 1
            return Resolution(date(y, 1, 1), date(y, 12, 31), "year", "pointing", str(y))
        kind, n = quarter.timex[5], int(quarter.timex[6])
        year = int(named_year.group(1)) if named_year else quarter.date.year - 1
        return _pointed(period(year, kind, n))
    m = _THAT_YEAR.match(t)
    if m and year is not None and year.date is not None:
        step = {"following": 1, "next": 1, "previous": -1, "prior": -1, "preceding": -1}
        y = year.date.year + step.get(t.split()[1], 0)
        return Resolution(date(y, 1, 1), date(y, 12, 31), "year", "that-year", str(y))
    return None
