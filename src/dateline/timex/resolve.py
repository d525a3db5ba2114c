"""Resolve time phrases: rules first, dateparser for what the rules leave, both cached.

dateparser is slow (milliseconds a call, a quarter second to warm up), so it is imported lazily,
called only on phrases the rules could not place and that look datable (a month, a weekday, a
year, a numeric date, "ago"), and its answers are cached per (phrase, reference date).
"""
from __future__ import annotations

import functools
import re
from datetime import date, datetime, timedelta

from .rules import NOT_TIME, Resolution, month_range, normalise, resolve_rules
from .words import MONTHS, WEEKDAY_NAMES

#: What dateparser is asked about: phrases naming a month, a weekday or a year, a numeric date,
#: or counting back or forward ("a fortnight ago"). Other phrases the rules could not read
#: ("Election Day", "the final days", "11th-hour") it reads no better, or wrongly.
_DATABLE = re.compile(r"\b(?:" + "|".join([*MONTHS, *WEEKDAY_NAMES]) + r")\b"
                      r"|\b\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{2,4})?\b|\b1[5-9]\d\d\b|\b20\d\d\b"
                      r"|\bago\b|\bfrom now\b|\bhence\b")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def parse_iso(value: str | None) -> date | None:
    """'2016-11-10' (or an ISO timestamp) as a date; None for anything else."""
    match = _ISO.match((value or "").strip())
    if not match:
        return None
    try:
        return date(*map(int, match.groups()))
    except ValueError:
        return None


def reference_date(published: str | None, dateline_date: str | None = None) -> date | None:
    """The date relative expressions are read against: the publication date, else a dateline
    date that names its year ("Nov. 10, 2016"); None when neither gives one."""
    ref = parse_iso(published)
    if ref or not dateline_date:
        return ref
    ref = parse_iso(dateline_date)
    if ref:
        return ref
    found = resolve_rules(dateline_date, None)
    if found and found.date and found.granularity in ("day", "time"):
        return found.date
    return None


@functools.lru_cache(maxsize=64)
def _parser(ref: date):
    from dateparser.date import DateDataParser

    settings = {"RELATIVE_BASE": datetime(ref.year, ref.month, ref.day),
                "PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    return DateDataParser(languages=["en"], settings=settings)


@functools.lru_cache(maxsize=8192)
def _dateparser(text: str, ref: date) -> Resolution | None:
    try:
        data = _parser(ref).get_date_data(text)
    except Exception:  # dateparser raises on odd input now and then; a phrase is not worth it
        return None
    if data is None or data.date_obj is None:
        return None
    start = data.date_obj.date()
    period = data.period or "day"
    if period == "month":
        start, end = month_range(start.year, start.month)
    elif period == "year":
        start, end = date(start.year, 1, 1), date(start.year, 12, 31)
    elif period == "week":
        start = start - timedelta(days=start.weekday())
        end = start + timedelta(days=6)
    else:
        end = None
    granularity = {"time": "time", "day": "day", "week": "week", "month": "month",
                   "year": "year"}.get(period, "day")
    return Resolution(start, end, granularity, "dateparser")


@functools.lru_cache(maxsize=16384)
def resolve(text: str, ref: date | None, future: bool = False, tense: str | None = None
            ) -> Resolution | None:
    """Resolve a time phrase against ``ref``; :data:`~.rules.NOT_TIME` for ages and numbers,
    a Resolution with ``date`` None for what is a time expression but has no calendar place,
    None when nothing recognises the phrase."""
    found = resolve_rules(text, ref, future, tense)
    if found is not None or ref is None:
        return found
    if not _DATABLE.search(normalise(text)):
        return None
    return _dateparser(text, ref)


def iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


__all__ = ["NOT_TIME", "Resolution", "reference_date", "resolve", "parse_iso", "iso"]
