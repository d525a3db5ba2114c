"""A resolved time phrase written as a TIMEX3 value (TimeML), so that dateline's dates compare
with the standard: "1998-03-05", "1998-W11", "1998-03", "1998", "1998-Q3", "1998-H1", "199X",
"PAST_REF", "PRESENT_REF", "FUTURE_REF", durations as "P2D", "P1Y".
"""
from __future__ import annotations

import calendar
import re
from datetime import date

from .rules import Resolution, normalise
from .words import NUMBER_WORDS

_DURATION = re.compile(r"\b(\d+|" + "|".join(w for w in NUMBER_WORDS if " " not in w)
                       + r")?[\s-]*(second|minute|hour|day|night|week|fortnight|month|year|decade"
                       r"|century|centuries)s?\b")
_UNIT_CODE = {"second": ("T", "S"), "minute": ("T", "M"), "hour": ("T", "H"), "day": ("", "D"),
              "night": ("", "D"), "week": ("", "W"), "month": ("", "M"), "year": ("", "Y"),
              "decade": ("", "DE"), "century": ("", "CE"), "centuries": ("", "CE")}
_FUTURE_WORDS = re.compile(r"\b(?:coming|next|upcoming|soon|shortly|future|ahead|from now)\b")
_PRESENT_WORDS = re.compile(r"^(?:now|right now|currently|these days|nowadays|today's|"
                            r"at present|presently|the present)$")


def _range_value(start: date, end: date) -> str | None:
    last = end.day == calendar.monthrange(end.year, end.month)[1]
    if start.year == end.year and start.day == 1 and last:
        if (start.month, end.month) == (1, 12):
            return f"{start.year}"
        if start.month == end.month:
            return f"{start.year}-{start.month:02d}"
        if start.month % 3 == 1 and end.month == start.month + 2:
            return f"{start.year}-Q{(start.month + 2) // 3}"
        if start.month in (1, 7) and end.month == start.month + 5:
            return f"{start.year}-H{1 if start.month == 1 else 2}"
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        if start.year % 10 == 0 and end.year == start.year + 9:
            return f"{start.year // 10}X"
        if start.year % 100 == 0 and end.year == start.year + 99:
            return f"{start.year // 100}XX"
    return None


def _duration(text: str) -> str | None:
    m = _DURATION.search(normalise(text))
    if not m:
        return None
    n = m.group(1)
    count = int(n) if n and n.isdigit() else NUMBER_WORDS.get(n or "a", 1)
    marker, code = _UNIT_CODE[m.group(2)]
    if code == "DE":
        count, code = count * 10, "Y"
    elif code == "CE":
        count, code = count * 100, "Y"
    elif m.group(2) == "fortnight":
        count, code = count * 2, "W"
    return f"P{marker}{count}{code}"


def timex_value(text: str, found: Resolution | None) -> str | None:
    """The TIMEX3 value of ``text`` resolved as ``found``; None where none can be written."""
    if found is None:
        return None
    if found.timex:
        return found.timex
    d, end, g = found.date, found.end, found.granularity
    if _PRESENT_WORDS.match(normalise(text)):
        return "PRESENT_REF"
    if g == "duration":
        return _duration(text)
    if g == "vague" or d is None:
        t = normalise(text)
        if g == "vague" and found.rule != "anchored":
            return "FUTURE_REF" if _FUTURE_WORDS.search(t) else "PAST_REF"
        return None
    if g in ("day", "time"):
        return d.isoformat()
    if g == "week":
        year, week, _ = d.isocalendar()
        return f"{year}-W{week:02d}"
    if g == "month":
        return d.isoformat()[:7]
    if g == "year":
        return str(d.year)
    if end is not None:
        return _range_value(d, end) or _duration(text) or d.isoformat()
    return d.isoformat()
