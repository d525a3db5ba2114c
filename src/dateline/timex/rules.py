"""Rules that resolve an English time phrase against a reference date, without a parser.

``resolve_rules("late Thursday", date(2016, 11, 11))`` gives Thursday 2016-11-10. The rules cover
what news text mostly says: weekdays ("Thursday" is the most recent Thursday on or before the
reference date, as news uses it; the next one when the clause is about the future), "today",
"yesterday", "last night", "this morning", "last week", "earlier this month", "two days ago",
"in recent weeks", "in coming days", "soon", clock times ("6am", "6.10am", "00:48"), absolute
dates ("Nov. 10", "December 21, 2023", "28 October"), months, years and decades, and ranges
("between March 2015 and March 2016"). What they cannot place returns ``None`` so that the
caller may try dateparser; ages ("42-year-old") and bare numbers are reported as not time
expressions at all (:data:`NOT_TIME`); durations ("90 minutes") as undated "duration".
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from .words import (DAY_PARTS, MONTHS, NUMBER_WORDS, UNIT_DAYS, VAGUE_ADVERBS, VAGUE_SPAN,
                    WEEKDAY_NAMES, WEEKDAYS)


@dataclass(frozen=True)
class Resolution:
    """Where a phrase falls in the calendar: first day, last day (for ranges), granularity."""
    date: date | None
    end: date | None = None
    granularity: str | None = None   # day, week, month, year, time, range, vague, duration
    rule: str = ""
    timex: str | None = None         # the TIMEX3 value when the rule knows better ("1998-Q3")


_ANY_DAY = date(2001, 1, 1)   # stands in for a missing reference date to learn a granularity

#: Returned for phrases that spaCy labels DATE but that are no time expression (ages, numbers).
NOT_TIME = Resolution(None, None, None, "not-time")

_MONTH = (r"(?:" + "|".join(sorted((m for m in MONTHS if len(m) > 3 or m == "may"), key=len,
                                   reverse=True))
          + r"|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?)")
_WEEKDAY = r"(?:" + "|".join(WEEKDAY_NAMES) + ")"
_NUM = r"(?:\d+|a couple of|a few|couple of|few|several|" + "|".join(
    sorted((w for w in NUMBER_WORDS if " " not in w), key=len, reverse=True)) + ")"
_UNIT = r"(day|night|week|fortnight|month|year|decade)s?"

CLOCK = re.compile(r"\b(\d{1,2})(?:[:.](\d{2}))?\s?(am|pm)\b|\b([01]?\d|2[0-3]):([0-5]\d)\b"
                   r"|\b(noon|midday|midnight)\b")
_MONTH_DAY = re.compile(rf"\b({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}})\b)?")
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})"
                        rf"(?:,?\s+(\d{{4}})\b)?")
_MONTH_YEAR = re.compile(rf"\b({_MONTH}),?\s+(\d{{4}})\b")
_MONTH_ALONE = re.compile(rf"\b(?:(last|next|this|this past|this coming|early|mid|late)[\s-]+)?"
                          rf"({_MONTH})(?![\w])")
_WEEKDAY_RE = re.compile(rf"\b(?:(last|next|this|this past|this coming|past|coming)\s+)?"
                         rf"({_WEEKDAY})\b")
_MAY = re.compile(r"(?:(?:early|late|mid|last|next|this)[\s-])?may\b")
_YEAR = re.compile(r"(?<![\d,.])\b(1[5-9]\d\d|20\d\d)\b(?!-)")
_DECADE = re.compile(r"\b(1[5-9]\d0|20\d0)'?s\b")
_AGO_PARTS = re.compile(rf"\b({_NUM})[\s-]+{_UNIT}\s+ago\b")
_PERIOD = re.compile(r"\b(this|last|next|past|coming|previous|earlier this|later this|the past|"
                     r"the last|the coming|the next|the previous)\s+(week|weekend|month|year)\b")
_SPAN = re.compile(rf"\b(?:the\s+)?(past|last|next|coming|previous)\s+({_NUM})\s+"
                   rf"(hour|day|night|week|fortnight|month|year|decade)s?\b")
_FROM_NOW = re.compile(rf"\b(?:in\s+({_NUM})\s+{_UNIT}(?:'s)?(?:\s+time)?$"
                       rf"|({_NUM})\s+{_UNIT}\s+from\s+now\b)")
_ANCHORED = re.compile(  # "a week later", "that day", "the next morning": relative to an event
    rf"\b(?:{_NUM}|\d+)[\s-]+(?:second|minute|hour|day|night|week|month|year|decade)s?"
    rf"\s+(?:later|earlier|before|after|on)\b"
    rf"|^(?:the|that)\s+(?:same\s+)?(?:day|night|week|month|year)(?:\s+(?:before|after))?$"
    rf"|^the\s+(?:next|following|previous)\s+(?:day|night|morning|evening|week|month|year)$")
_FREQUENCY = re.compile(r"^(?:daily|weekly|monthly|yearly|annual|annually|nightly|hourly|"
                        r"quarterly|semiannual|semiannually|biweekly|seasonally|"
                        r"(?:each|every|all)\s+(?:day|night|week|month|year|season|minute|hour))$")
_VAGUE = re.compile(r"\b(recent|coming|next few|past few|last few|the next few|the past few|"
                    r"the last few|the coming|upcoming)\s+(hour|day|night|week|month|year)s\b")
_AGE = re.compile(r"\d+[\s-]*(?:year|month|week|day)s?[\s-]*old\b|\b(?:year|month)s?-old\b")
_DURATION = re.compile(rf"^(?:(?:about|around|almost|nearly|over|more than|less than|just|only|"
                       rf"some|at least|up to|roughly|for|the|another|an extra)\s+)*"
                       rf"(?:{_NUM}|\d[\d,]*(?:\.\d+)?|many|hundreds of|thousands of)?[\s-]*"
                       rf"(second|minute|hour|day|night|week|month|year|decade|century|centuries)s?"
                       rf"(?:'s)?(?:\s+long)?$")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_NUMERIC_DATE = re.compile(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b")
_RANGE = re.compile(r"^(?:between|from)\s+(.+?)\s+(?:and|to|until|till|-)\s+(.+)$")

_OR_SO = re.compile(r"\s+or\s+so\b")   # "a week or so ago", "the next year or so": approximate

_DEICTIC = {  # phrase → days from the reference date
    "the day before yesterday": -2, "the day after tomorrow": 2,
    "yesterday": -1, "last night": -1, "tomorrow": 1, "today": 0, "tonight": 0,
    "this morning": 0, "this afternoon": 0, "this evening": 0, "overnight": 0, "now": 0,
}


_MERIDIEM = re.compile(r"\b([ap])\.\s?m\b\.?")
_NOT_TIME_CHARS = re.compile(r"[^\w:.,/'\- ]+")
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Lower-case, plain spaces, 'a.m.' as 'am'; keeps digits, ':' and '.' inside times."""
    t = text.lower().replace("’", "'").replace("\u2013", "-").replace("\u2014", "-")
    t = _MERIDIEM.sub(r"\1m", t)
    t = _NOT_TIME_CHARS.sub(" ", t)
    t = _SPACES.sub(" ", t).strip(" .,'-")
    return t


def _number(word: str) -> int:
    word = word.strip()
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word, 1)


def _month_number(word: str) -> int:
    return MONTHS[word.rstrip(".")]


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


#: How a month, a day or a weekday without its year is read where the clause's tense does not
#: say: "nearest" occurrence, or the "past" one. Decided on part of TimeBank and checked on
#: the rest (scripts/cv_timex.py).
UNMARKED = {"present": "nearest", None: "nearest", "weekday": "past"}
#: An occurrence this close to the reference date is the one meant, whatever the tense ("has set
#: Nov. 10 as the deadline" in a story of Nov. 2): days for a month and day, months for a month.
NEAR = {"days": 45, "months": 2}


def _direction(tense: str | None) -> str:
    return tense if tense in ("past", "future") else UNMARKED.get(tense, "nearest")


def _nearest_year(month: int, day: int, ref: date | None, tense: str | None = None
                  ) -> date | None:
    """A month and day without a year: by the tense of the clause, the last occurrence on or
    before the reference date (past), the next on or after it (future), else the nearest."""
    if ref is None:
        return None
    options = [d for d in (_safe_date(ref.year + k, month, day) for k in (-1, 0, 1)) if d]
    way = _direction(tense)
    nearest = min(options, key=lambda d: abs((d - ref).days)) if options else None
    if nearest is not None and abs((nearest - ref).days) <= NEAR["days"]:
        return nearest
    if way == "past" and any(d <= ref for d in options):
        return max(d for d in options if d <= ref)
    if way == "future" and any(d >= ref for d in options):
        return min(d for d in options if d >= ref)
    return min(options, key=lambda d: abs((d - ref).days)) if options else None


def month_range(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _add_months(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def _weekday(modifier: str | None, name: str, ref: date, tense: str | None) -> date:
    target = WEEKDAYS[name]
    back = (ref.weekday() - target) % 7       # 0 when the reference date is that day
    ahead = (target - ref.weekday()) % 7
    if modifier in ("last", "this past", "past"):
        return ref - timedelta(days=back or 7)
    if modifier == "next":
        return ref + timedelta(days=ahead or 7)
    way = tense if tense in ("past", "future") else UNMARKED.get(
        "weekday" if tense is None else tense, "past")
    future = way == "future"
    if modifier in ("this coming", "coming") or (future and modifier != "this"):
        return ref + timedelta(days=ahead)
    if modifier == "this":
        return ref + timedelta(days=ahead) if future else ref - timedelta(days=back)
    if way == "nearest" and ahead < back:
        return ref + timedelta(days=ahead)
    return ref - timedelta(days=back)


def _period(which: str, unit: str, ref: date) -> Resolution:
    # "the past week", "the last year", "the next month": that week, year or month as a whole
    # (as TimeML writes them), not a count of days back from the reference date
    which = which.replace("the ", "")
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(which, 0)
    if unit in ("week", "weekend"):
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=step)
        if unit == "weekend":
            start, end = monday + timedelta(days=5), monday + timedelta(days=6)
        else:
            start, end = monday, monday + timedelta(days=6)
        if which == "earlier this":
            end = ref
        return Resolution(start, end, "week", f"{which} {unit}")
    if unit == "month":
        start, end = month_range(*_year_month(ref, step))
        if which == "earlier this":
            end = ref
        return Resolution(start, end, "month", f"{which} month")
    start, end = date(ref.year + step, 1, 1), date(ref.year + step, 12, 31)
    if which == "earlier this":
        end = ref
    return Resolution(start, end, "year", f"{which} year")


def _year_month(ref: date, step: int) -> tuple[int, int]:
    year, month0 = divmod(ref.year * 12 + ref.month - 1 + step, 12)
    return year, month0 + 1


def _back(ref: date, n: int, unit: str) -> date:
    if unit == "month":
        return _add_months(ref, -n)
    if unit == "year":
        return _safe_date(ref.year - n, ref.month, ref.day) or ref - timedelta(days=365 * n)
    return ref - timedelta(days=UNIT_DAYS[unit] * n)


def _forward(ref: date, n: int, unit: str) -> date:
    if unit == "month":
        return _add_months(ref, n)
    if unit == "year":
        return _safe_date(ref.year + n, ref.month, ref.day) or ref + timedelta(days=365 * n)
    return ref + timedelta(days=UNIT_DAYS[unit] * n)


def _with_clock(res: Resolution, t: str) -> Resolution:
    """A day with a clock time in the same phrase is a point in time on that day."""
    if res.granularity == "day" and CLOCK.search(t):
        return Resolution(res.date, res.end, "time", res.rule)
    return res


def _absolute(t: str, ref: date | None, tense: str | None = None) -> Resolution | None:
    for pattern, month_group, day_group in ((_MONTH_DAY, 1, 2), (_DAY_MONTH, 2, 1)):
        m = pattern.search(t)
        if not m:
            continue
        month, day, year = _month_number(m.group(month_group)), int(m.group(day_group)), m.group(3)
        if not 1 <= day <= 31:
            continue
        d = _safe_date(int(year), month, day) if year else _nearest_year(month, day, ref, tense)
        return Resolution(d, None, "day", "month-day" if not year else "full-date")
    m = _MONTH_YEAR.search(t)
    if m:
        start, end = month_range(int(m.group(2)), _month_number(m.group(1)))
        return Resolution(start, end, "month", "month-year")
    return None


def _relative_day(t: str, ref: date, tense: str | None) -> Resolution | None:
    m = _WEEKDAY_RE.search(t)
    if m:
        return Resolution(_weekday(m.group(1), m.group(2), ref, tense), None, "day", "weekday")
    for phrase, offset in _DEICTIC.items():
        if phrase == "now" and t != "now":
            continue
        if re.search(rf"\b{phrase}\b", t):
            return Resolution(ref + timedelta(days=offset), None, "day", phrase)
    if re.search(r"\b(?:days|weeks|months|years|decades)\s+ago\b", t) and not _AGO_PARTS.search(t):
        return Resolution(None, None, "vague", "ago", "PAST_REF")   # "years ago": some time back
    m = _AGO_PARTS.search(t)
    if m:
        unit = m.group(2)
        if m.group(1).strip() in ("a few", "few", "several", "a couple of", "couple of"):
            return Resolution(None, None, "vague", "ago", "PAST_REF")   # "a few years ago"
        start = _back(ref, _number(m.group(1)), "day" if unit == "night" else unit)
        if unit == "decade":     # "a decade ago": that decade, not a day of it
            first = start.year // 10 * 10
            return Resolution(date(first, 1, 1), date(first + 9, 12, 31), "range", "ago",
                              f"{first // 10}X")
        gran = {"week": "week", "month": "month", "year": "year"}.get(unit, "day")
        return Resolution(start, None, gran, "ago")
    return None


def _relative_period(t: str, ref: date) -> Resolution | None:
    m = _FROM_NOW.search(t)
    if m:
        n, unit = _number(m.group(1) or m.group(3)), m.group(2) or m.group(4)
        unit = "day" if unit == "night" else unit
        granularity = "day" if unit == "day" else unit
        return Resolution(_forward(ref, n, unit), None, granularity, "from-now")
    m = _SPAN.search(t)
    if m:
        n, unit = _number(m.group(2)), m.group(3)
        if unit == "hour":
            n, unit = max(1, n // 24), "day"
        unit = "day" if unit == "night" else unit
        if m.group(1) in ("next", "coming"):
            return Resolution(ref, _forward(ref, n, unit), "range", "next-n")
        return Resolution(_back(ref, n, unit), ref, "range", "past-n")
    m = _PERIOD.search(t)
    if m:
        return _period(m.group(1), m.group(2), ref)
    if re.search(r"\b(?:the|over the|at the|during the)\s+weekend\b", t):
        # the weekend just past, or the one under way
        return _period("this" if ref.weekday() >= 5 else "last", "weekend", ref)
    m = _VAGUE.search(t)
    if m:
        unit = m.group(2)
        reach = VAGUE_SPAN[unit]
        unit = "day" if unit in ("night", "hour") else unit
        if any(w in m.group(1) for w in ("coming", "next", "upcoming")):
            end = _forward(ref, reach, unit)
            return Resolution(ref + timedelta(days=1), end, "vague", "coming")
        return Resolution(_back(ref, reach, unit), ref, "vague", "recent")
    return None


def _month_or_year(t: str, ref: date | None, tense: str | None) -> Resolution | None:
    m = _MONTH_ALONE.search(t)
    if m and (m.group(2) != "may" or _MAY.match(t)):     # "may" the month, not the verb
        month = _month_number(m.group(2))
        year_match = _YEAR.search(t)
        said = re.search(r"\b(this|last|next) year\b", t)
        if year_match:
            year = int(year_match.group(1))
        elif ref is None:
            return Resolution(None, None, "month", "month")
        elif said:                                   # "July last year"
            year = ref.year + {"this": 0, "last": -1, "next": 1}[said.group(1)]
        else:
            year = _month_year(m.group(1), month, ref, _direction(tense))
        start, end = month_range(year, month)
        return Resolution(start, end, "month", "month")
    m = _DECADE.search(t)
    if m:
        first = int(m.group(1))
        return Resolution(date(first, 1, 1), date(first + 9, 12, 31), "range", "decade")
    m = _YEAR.search(t)
    if m:
        year = int(m.group(1))
        return Resolution(date(year, 1, 1), date(year, 12, 31), "year", "year")
    return None


def _month_year(modifier: str | None, month: int, ref: date, way: str) -> int:
    """The year of a month named without one: "this" month is of this year, "next" and "last"
    the next and last one; else the nearest when it is within NEAR months, otherwise the last
    one in a past clause, the next one in a future clause, the nearest in others."""
    if modifier == "this":
        return ref.year
    # months from the reference month to that month in the previous, this and next year
    steps = {y: (y - ref.year) * 12 + month - ref.month for y in (ref.year - 1, ref.year,
                                                                  ref.year + 1)}
    if modifier == "next":
        return min(y for y, k in steps.items() if k > 0)
    if modifier in ("last", "this past"):
        return max(y for y, k in steps.items() if k < 0)
    nearest = min(steps, key=lambda y: abs(steps[y]))
    if abs(steps[nearest]) <= NEAR["months"] or way == "nearest":
        return nearest
    if way == "past":
        return max(y for y, k in steps.items() if k <= 0)
    return min(y for y, k in steps.items() if k >= 0)


def _range(t: str, ref: date | None, tense: str | None) -> Resolution | None:
    m = _RANGE.match(t)
    if not m:
        return None
    first = resolve_rules(m.group(1), ref, tense=tense)
    last = resolve_rules(m.group(2), ref, tense=tense)
    if not first or not last or not first.date or not last.date:
        return None
    return Resolution(first.date, last.end or last.date, "range", "range")


def _not_time(t: str) -> bool:
    """Ages, frequencies, bare numbers and ordinals: labelled DATE by spaCy, but no time."""
    if _AGE.search(t) or _FREQUENCY.match(t):
        return True
    number = re.fullmatch(r"(?:the\s+)?[\d,.\s'-]+(?:s|th|st|nd|rd)?", t)
    return bool(number) and not _YEAR.fullmatch(t) and not _DECADE.search(t)


def resolve_rules(text: str, ref: date | None, future: bool = False,
                  tense: str | None = None) -> Resolution | None:
    """Resolve ``text`` against the reference date ``ref`` by rule; None when no rule applies.

    ``future`` says the clause speaks of the future ("will meet on Thursday"): bare weekdays and
    months then point forward. Without a reference date only absolute dates are placed.
    """
    t = _OR_SO.sub("", spoken_years(normalise(text)))
    if not t:
        return None
    tense = tense or ("future" if future else None)
    iso = _ISO_DATE.search(t)
    if iso:
        return _with_clock(Resolution(_safe_date(*map(int, iso.groups())), None, "day", "iso"), t)
    if _NUMERIC_DATE.search(t):
        return None  # 10/11/2016: day or month first depends on the writer; dateparser decides
    if _not_time(t):
        return NOT_TIME
    found = _current(t, ref) or _part_of(t, ref, tense)
    if found:
        return found
    if _ANCHORED.search(t) and not _absolute(t, ref, tense):
        return Resolution(None, None, "vague", "anchored")   # "a week later": relative to an event
    ranged = _range(t, ref, tense)
    if ranged:
        return ranged
    found = _absolute(t, ref, tense)
    if found:
        return _with_clock(found, t)
    found = _relative_day(t, ref or _ANY_DAY, tense) or _relative_period(t, ref or _ANY_DAY)
    if found:   # without a reference date: a time expression all the same, of no calendar date
        if ref is None:
            found = Resolution(None, None, found.granularity, found.rule)
        return _with_clock(found, t)
    found = _month_or_year(t, ref, tense)
    if found:
        return found
    if CLOCK.search(t):
        return Resolution(ref, None, "time", "clock")
    if t in VAGUE_ADVERBS or re.fullmatch(r"(?:very |quite )?(?:soon|shortly|recently|lately)", t):
        return Resolution(None, None, "vague", "adverb")
    if _DURATION.match(t):
        return Resolution(None, None, "duration", "duration")
    if any(re.search(rf"\b{p}\b", t) for p in DAY_PARTS):
        return Resolution(None, None, "time", "day-part")
    return None


_SPOKEN_UNITS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_SPOKEN_TENS = {w: 10 * n for n, w in enumerate(
    "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if w != "_"}
_SPOKEN_YEAR = re.compile(
    r"\b(?:(nineteen|eighteen|twenty)[\s-]+(?:(" + "|".join(_SPOKEN_TENS) + r")(?:[\s-]+("
    + "|".join(list(_SPOKEN_UNITS)[1:10]) + r"))?|(ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|hundred))"
    r"|(?<=year )two thousand(?:[\s-]+(?:and[\s-]+)?(" + "|".join(list(_SPOKEN_UNITS)[1:])
    + r"))?)\b")


def spoken_years(t: str) -> str:
    """Years written as spoken in broadcast transcripts: "nineteen ninety-six" → "1996",
    "the year two thousand" → "the year 2000"."""
    def year(m: re.Match) -> str:
        if m.group(1) is None:
            return str(2000 + _SPOKEN_UNITS.get(m.group(5) or "zero", 0))
        century = _SPOKEN_UNITS[m.group(1)] if m.group(1) != "twenty" else 20
        if m.group(4):
            rest = 0 if m.group(4) == "hundred" else _SPOKEN_UNITS[m.group(4)]
        else:
            rest = _SPOKEN_TENS[m.group(2)] + _SPOKEN_UNITS.get(m.group(3) or "zero", 0)
        return str(century * 100 + rest)
    return _SPOKEN_YEAR.sub(year, t) if ("teen" in t or "thousand" in t or "twenty" in t) else t


_PART_OF = re.compile(r"^(?:the\s+)?(?:first|last|past|final|latest)\s+\w+\s+(?:months|weeks|days)"
                      r"\s+of\s+(.+)$")
_YEAR_END = re.compile(r"^(?:around\s+|by\s+|at\s+)?(?:the\s+)?(?:year[\s-]end|year's\s+end|"
                       r"end\s+of\s+(?:the|this)\s+year)$")
_MONTH_OF_YEAR = re.compile(rf"^(?:early\s+|mid[\s-]|late\s+)?({_MONTH})\s+(this|last|next)\s+year$")


def _part_of(t: str, ref: date | None, tense: str | None) -> Resolution | None:
    """"the first nine months of the year" (of that year), "year-end" (this year's end),
    "July last year" (that July)."""
    if ref is None:
        return None
    m = _PART_OF.match(t)
    if m:
        whole = resolve_rules(m.group(1), ref, tense=tense)
        return whole if whole is not None and whole.date is not None else None
    if _YEAR_END.match(t):
        return Resolution(date(ref.year, 1, 1), date(ref.year, 12, 31), "year", "year-end")
    m = _MONTH_OF_YEAR.match(t)
    if m:
        year = ref.year + {"this": 0, "last": -1, "next": 1}[m.group(2)]
        start, end = month_range(year, _month_number(m.group(1)))
        return Resolution(start, end, "month", "month")
    return None


_CURRENT = re.compile(r"^(?:this|the current|the present|the|the full|the whole|the entire)"
                      r"(?:\s+(?:fiscal|calendar))?\s+year$|^this\s+(week|month)$"
                      r"|^(?:earlier|later)\s+in\s+the\s+(year|month|week|day)$")


def _current(t: str, ref: date | None) -> Resolution | None:
    """"this year", "the current fiscal year", "the full year", "this week": the period of the
    reference date."""
    m = _CURRENT.match(t)
    if not m or ref is None:
        return None
    unit = m.group(1) or m.group(2) or "year"
    if unit == "day":                      # "later in the day": the day of the reference date
        return Resolution(ref, None, "day", "this day")
    return _period("this", unit, ref)
