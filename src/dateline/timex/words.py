"""Word lists for time expressions (English news text)."""
from __future__ import annotations

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}

WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAYS = {name: number for number, name in enumerate(WEEKDAY_NAMES)}   # Monday is 0

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "couple of": 2, "a couple of": 2,
    "few": 3, "a few": 3, "several": 3,
}

#: Units of a period and their length in days (months and years approximately).
UNIT_DAYS = {"day": 1, "night": 1, "week": 7, "fortnight": 14, "month": 30, "year": 365,
             "decade": 3650}

#: Parts of a day: they keep the date of the day they belong to.
DAY_PARTS = ("morning", "afternoon", "evening", "night", "overnight", "midday", "noon",
             "midnight", "dawn", "dusk", "lunchtime", "early hours", "small hours", "rush hour")

#: Adverbs that are time expressions of their own (vague; no calendar date).
VAGUE_ADVERBS = ("soon", "shortly", "recently", "lately")

#: How far "recent"/"coming" periods reach, in units of the period.
VAGUE_SPAN = {"hour": 1, "day": 7, "night": 7, "week": 4, "month": 6, "year": 5}
