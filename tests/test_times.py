"""Time expressions: the rules against fixed reference dates, the dateparser fallback and its
cache, finding phrases in parsed text, and the times stage."""
from __future__ import annotations

from datetime import date

import pytest

from dateline.stages import times as times_stage
from dateline.timex import resolve as resolve_module
from dateline.timex.resolve import reference_date, resolve
from dateline.timex.rules import NOT_TIME, resolve_rules
from dateline.timex.spans import time_expressions
from dateline.types import Article, Dateline

FRIDAY = date(2023, 3, 10)        # a Friday
THURSDAY = date(2016, 11, 10)     # a Thursday


@pytest.mark.parametrize("text, ref, expected, granularity", [
    # weekdays: the most recent one on or before the reference date, as news uses them
    ("Thursday", THURSDAY, "2016-11-10", "day"),
    ("Tuesday", FRIDAY, "2023-03-07", "day"),
    ("late Thursday", date(2016, 11, 11), "2016-11-10", "day"),
    ("Wednesday night", FRIDAY, "2023-03-08", "day"),
    ("last Friday", FRIDAY, "2023-03-03", "day"),
    ("next Monday", FRIDAY, "2023-03-13", "day"),
    ("the early hours of Sunday", FRIDAY, "2023-03-05", "day"),
    # deictic days and parts of days
    ("yesterday", FRIDAY, "2023-03-09", "day"),
    ("last night", FRIDAY, "2023-03-09", "day"),
    ("this morning", FRIDAY, "2023-03-10", "day"),
    ("tomorrow", FRIDAY, "2023-03-11", "day"),
    ("three days ago", FRIDAY, "2023-03-07", "day"),
    # clock times keep the day they belong to
    ("6am", FRIDAY, "2023-03-10", "time"),
    ("shortly before 7 pm", FRIDAY, "2023-03-10", "time"),
    ("6.10am on Wednesday", FRIDAY, "2023-03-08", "time"),
    ("9pm local time on Tuesday evening", FRIDAY, "2023-03-07", "time"),
    ("5pm yesterday", FRIDAY, "2023-03-09", "time"),
    # absolute dates; a month and day without a year: the occurrence nearest the reference
    ("December 21, 2023", FRIDAY, "2023-12-21", "day"),
    ("Nov. 10", THURSDAY, "2016-11-10", "day"),
    ("Dec. 30", date(2024, 1, 4), "2023-12-30", "day"),
    ("Jan. 2", date(2023, 12, 28), "2024-01-02", "day"),
    ("28 October", THURSDAY, "2016-10-28", "day"),
    ("Sunday, Nov. 13, 2016", THURSDAY, "2016-11-13", "day"),
    ("2016-11-09", FRIDAY, "2016-11-09", "day"),
    # weeks, months, years, ranges
    ("last week", FRIDAY, "2023-02-27", "week"),
    ("earlier this month", FRIDAY, "2023-03-01", "month"),
    ("July", FRIDAY, "2023-07-01", "month"),        # no tense given: the nearest July
    ("next July", FRIDAY, "2023-07-01", "month"),
    ("February 2012", FRIDAY, "2012-02-01", "month"),
    ("2019", FRIDAY, "2019-01-01", "year"),
    ("the 1990s", FRIDAY, "1990-01-01", "range"),
    ("between March 2015 and May 2016", FRIDAY, "2015-03-01", "range"),
    ("the past 48 hours", FRIDAY, "2023-03-08", "range"),
    # vague periods
    ("in coming days", FRIDAY, "2023-03-11", "vague"),
    ("in recent weeks", FRIDAY, "2023-02-10", "vague"),
])
def test_rules_resolve_against_the_reference_date(text, ref, expected, granularity):
    found = resolve_rules(text, ref)
    assert found is not None and found.date is not None, text
    assert (found.date.isoformat(), found.granularity) == (expected, granularity)


@pytest.mark.parametrize("text, end", [
    ("in coming days", "2023-03-17"),
    ("last week", "2023-03-05"),
    ("earlier this month", "2023-03-10"),
    ("between March 2015 and May 2016", "2016-05-31"),
])
def test_ranges_have_a_last_day(text, end):
    assert resolve_rules(text, FRIDAY).end.isoformat() == end


def test_the_future_points_forward():
    assert resolve_rules("Thursday", FRIDAY, future=True).date == date(2023, 3, 16)
    assert resolve_rules("Thursday", FRIDAY).date == date(2023, 3, 9)


@pytest.mark.parametrize("text", ["42-year-old", "62", "the 10th", "daily", "each year", "1,000"])
def test_ages_numbers_and_frequencies_are_no_time(text):
    assert resolve_rules(text, FRIDAY) is NOT_TIME


@pytest.mark.parametrize("text, granularity", [
    ("90 minutes", "duration"), ("more than 108 years", "duration"), ("a week later", "vague"),
    ("the next day", "vague"), ("soon", "vague"), ("recently", "vague"), ("years ago", "vague"),
])
def test_durations_and_anchored_times_have_no_date(text, granularity):
    found = resolve_rules(text, FRIDAY)
    assert found.date is None and found.granularity == granularity


def test_without_a_reference_only_absolute_dates_are_placed():
    assert resolve_rules("March 3, 2021", None).date == date(2021, 3, 3)
    thursday = resolve_rules("Thursday", None)
    assert thursday.date is None and thursday.granularity == "day"
    assert resolve_rules("Nov. 10", None).date is None


def test_dateparser_takes_what_the_rules_leave(monkeypatch):
    resolve.cache_clear()
    found = resolve("10/11/2016", FRIDAY)
    assert found.rule == "dateparser" and found.date == date(2016, 10, 11)


def test_rules_come_first_and_answers_are_cached(monkeypatch):
    resolve.cache_clear()
    calls = []
    monkeypatch.setattr(resolve_module, "_dateparser", lambda text, ref: calls.append(text))
    assert resolve("Thursday", FRIDAY).rule == "weekday"
    assert resolve("3/4/2021", FRIDAY) is None                # no rule: dateparser asked once
    assert resolve("3/4/2021", FRIDAY) is None
    assert resolve("Election Day", FRIDAY) is None            # nothing datable: not even asked
    assert resolve("11th-hour", FRIDAY) is None
    assert calls == ["3/4/2021"]
    resolve.cache_clear()


def test_reference_date_prefers_publication_then_dateline():
    assert reference_date("2016-11-10") == THURSDAY
    assert reference_date("2016-11-10T08:00:00Z") == THURSDAY
    assert reference_date(None, "Nov. 9, 2016") == date(2016, 11, 9)
    assert reference_date(None, "Nov. 9") is None
    assert reference_date(None, None) is None


def test_phrases_are_found_widened_and_joined(nlp):
    doc = nlp("The blast was heard at around 11pm local time on Thursday evening, police said. "
              "The minister will travel to Rome on Monday and talks may follow in coming days. "
              "The 42-year-old driver was arrested late Wednesday.")
    found = {t.text: t for t in time_expressions(doc, FRIDAY)}
    assert found["around 11pm local time on Thursday evening"].date == "2023-03-09"
    assert found["around 11pm local time on Thursday evening"].granularity == "time"
    assert found["Monday"].date == "2023-03-13"                 # "will travel": the future
    assert found["in coming days"].granularity == "vague"
    assert found["late Wednesday"].date == "2023-03-08"
    assert not any("year-old" in t for t in found)
    for expr in found.values():
        assert doc.text[expr.start:expr.end] == expr.text


def test_times_stage_reads_the_reference_from_the_dateline(nlp):
    body = "Rescuers reached the village on Tuesday. The road had been closed since Sunday."
    article = Article(id="t", body=body, doc=nlp(body),
                      dateline=Dateline(place="Kathmandu", date="March 10, 2023"))
    result = times_stage.compute(article, None)
    assert [(t.text, t.date) for t in result] == [("Tuesday", "2023-03-07"),
                                                  ("Sunday", "2023-03-05")]
    assert set(times_stage.STAGE.reads) >= {"doc", "body", "published", "dateline"}


def test_times_stage_keeps_unresolvable_phrases(nlp):
    body = "Voters went to the polls on Election Day, two days after the rally on Sunday."
    article = Article(id="u", body=body, doc=nlp(body), published="2023-03-10")
    texts = {t.text: t for t in times_stage.compute(article, None)}
    assert any("Election Day" in t and texts[t].date is None for t in texts), texts


def test_times_stage_degrades_on_empty_input(nlp):
    assert times_stage.compute(Article(id="e", body="", doc=nlp("")), None) == []


# ---- issue 14: dates by tense and reference, quarters, coarse granularity, TIMEX3 values ----

MAY_STORY = date(2024, 5, 14)       # a Tuesday
DECEMBER_STORY = date(2023, 12, 4)  # a Monday
EARNINGS_STORY = date(2021, 10, 28)


def _times(nlp, sentence: str, ref: date):
    return {t.text: t for t in time_expressions(nlp(sentence), ref)}


@pytest.mark.parametrize("sentence, ref, phrase, value", [
    # a month and day without a year: last October in a past clause, months after
    ("The factory closed on Oct. 23 after a fire.", MAY_STORY, "Oct. 23", "2023-10-23"),
    # a month without a year in a story about plans: next April
    ("The council plans to open the bridge in April.", DECEMBER_STORY, "April", "2024-04"),
    ("The union will strike in March.", DECEMBER_STORY, "March", "2024-03"),
    ("Sales fell sharply in September.", DECEMBER_STORY, "September", "2023-09"),
    # a weekday in a Monday story about what comes next: tomorrow
    ("Ministers will meet on Tuesday to agree the budget.", DECEMBER_STORY, "Tuesday",
     "2023-12-05"),
    ("The minister resigned on Friday.", DECEMBER_STORY, "Friday", "2023-12-01"),
    # an occurrence close to the reference date wins over the tense of a reporting verb
    ("The board has set Dec. 15 as the deadline for bids.", DECEMBER_STORY, "Dec. 15",
     "2023-12-15"),
    # quarters and halves resolve to their range
    ("Profit rose in the third quarter.", EARNINGS_STORY, "the third quarter", "2021-Q3"),
    ("The company expects a fourth-quarter loss.", EARNINGS_STORY, "fourth-quarter", "2021-Q4"),
    ("Its first-half profit doubled.", EARNINGS_STORY, "first-half", "2021-H1"),
    ("Revenue grew in the second quarter of 2019.", EARNINGS_STORY,
     "the second quarter of 2019", "2019-Q2"),
    ("The plant was sold in fiscal 1999.", EARNINGS_STORY, "fiscal 1999", "1999"),
    # coarse expressions keep their granularity
    ("The mine shut a decade ago.", EARNINGS_STORY, "a decade ago", "201X"),
    ("Prices have climbed in recent weeks.", EARNINGS_STORY, "in recent weeks", "PAST_REF"),
    ("Two firms merged a few years ago.", EARNINGS_STORY, "a few years ago", "PAST_REF"),
    # weeks as weeks, this year as the year
    ("The talks broke down last week.", EARNINGS_STORY, "last week", "2021-W42"),
    ("Output will rise this year.", EARNINGS_STORY, "this year", "2021"),
    ("Exports fell in July last year.", EARNINGS_STORY, "July last year", "2020-07"),
    ("Shares fell earlier in the year.", EARNINGS_STORY, "earlier in the year", "2021"),
    ("The latest quarter's results were weak.", EARNINGS_STORY, "The latest quarter's",
     "2021-Q3"),
    # spoken years of broadcast transcripts
    ("He was elected in nineteen ninety-six.", EARNINGS_STORY, "nineteen ninety-six", "1996"),
    # "the past year", "the last week": the calendar year or week before, not a count of days
    ("Membership has doubled over the past year.", EARNINGS_STORY, "the past year", "2020"),
    ("Rents rose in the last week.", EARNINGS_STORY, "the last week", "2021-W42"),
    # a date that completes an adjective ("payable", "effective") is not dated by the verb's
    # past: the occurrence nearest the story
    ("The board declared a dividend, payable Dec. 15 to holders.", EARNINGS_STORY, "Dec. 15",
     "2021-12-15"),
    ("The bank named a new chairman, effective Feb. 1.", EARNINGS_STORY, "Feb. 1", "2022-02-01"),
    # ... but a predicate adjective is the verb's own clause: its past holds
    ("The shares were worth more in March.", DECEMBER_STORY, "March", "2023-03"),
    # a bare past participle tells of what was done; "is to" of what is planned
    ("Under the terms, announced Friday, holders would get cash.", EARNINGS_STORY, "Friday",
     "2021-10-22"),
    ("Its shares are to resume trading Tuesday.", EARNINGS_STORY, "Tuesday", "2021-11-02"),
    ("Output was estimated at 2 million tons Thursday.", EARNINGS_STORY, "Thursday",
     "2021-10-28"),
    # "later in the day" is the story's day; "or so" is approximate and keeps the unit
    ("The president arrived in Paris later in the day.", EARNINGS_STORY, "later in the day",
     "2021-10-28"),
    ("The ships docked a month or so ago.", EARNINGS_STORY, "a month or so ago", "2021-09"),
    # the determiner spaCy leaves out of "this year's", the noun it leaves out of "1988 period"
    ("This year's results include a gain.", EARNINGS_STORY, "This year", "2021"),
])
def test_dates_by_tense_and_reference(nlp, sentence, ref, phrase, value):
    found = _times(nlp, sentence, ref)
    assert phrase in found, found
    assert found[phrase].timex_value == value, found[phrase]


def test_pointing_phrases_take_the_period_named_before(nlp):
    text = ("Net income rose 8% in the third quarter. Sales in the quarter were $2 billion, "
            "up from $1.8 billion a year earlier.")
    found = _times(nlp, text, EARNINGS_STORY)
    assert found["the third quarter"].timex_value == "2021-Q3"
    assert found["the quarter"].timex_value == "2021-Q3"
    assert found["a year earlier"].timex_value == "2020-Q3"
    assert (found["a year earlier"].date, found["a year earlier"].end_date) == (
        "2020-07-01", "2020-09-30")


def test_a_year_earlier_without_a_quarter_is_last_year(nlp):
    found = _times(nlp, "Exports rose 4%, after falling a year earlier.", EARNINGS_STORY)
    assert found["a year earlier"].timex_value == "2020"


def test_quarter_ranges_are_written_as_ranges():
    from dateline.timex.quarters import resolve_period
    found = resolve_period("the third quarter", EARNINGS_STORY, "past")
    assert (found.date, found.end, found.granularity) == (date(2021, 7, 1), date(2021, 9, 30),
                                                          "range")
    assert resolve_period("the first half", EARNINGS_STORY, "past").timex == "2021-H1"
    assert resolve_period("the summer", EARNINGS_STORY) is None


@pytest.mark.parametrize("text, value", [
    ("two days", "P2D"), ("90 minutes", "PT90M"), ("a year", "P1Y"), ("now", "PRESENT_REF"),
    ("in coming days", "FUTURE_REF"), ("soon", "FUTURE_REF"),
])
def test_timex_values_of_durations_and_vague_times(text, value):
    from dateline.timex.timex3 import timex_value
    assert timex_value(text, resolve(text, EARNINGS_STORY)) == value


def test_tense_of_the_clause(nlp):
    from dateline.timex.tense import clause_tense
    cases = {"The bank will report results on Monday.": "future",
             "The bank plans to report results on Monday.": "future",
             "The bank reported results on Monday.": "past",
             "The bank reports results on Monday.": "present"}
    for sentence, tense in cases.items():
        doc = nlp(sentence)
        span = next(e for e in doc.ents if e.label_ == "DATE")
        assert clause_tense(span) == tense, sentence


@pytest.mark.parametrize("sentence, parts", [
    # two time expressions joined by "to", "and" or "ended" are two TIMEX3s, as TimeML writes
    ("The fund bought shares from Sept. 14 to Thursday.",
     [("Sept. 14", "2021-09-14"), ("Thursday", "2021-10-28")]),
    ("He sold his stake between 1985 and 1987.", [("1985", "1985"), ("1987", "1987")]),
    ("Profit fell in the quarter ended Sept. 30.",
     [("the quarter", "2021-Q3"), ("Sept. 30", "2021-09-30")]),
])
def test_joined_time_expressions_are_split(nlp, sentence, parts):
    found = [(t.text, t.timex_value) for t in time_expressions(nlp(sentence), EARNINGS_STORY)]
    assert found == parts


def test_a_hyphenated_period_is_not_split(nlp):
    text = "Sales rose in the third quarter, up from the year-ago third quarter."
    found = _times(nlp, text, EARNINGS_STORY)
    assert found["the year-ago third quarter"].timex_value == "2020-Q3", found


def test_a_named_year_period_points_at_the_quarter_in_view(nlp):
    text = "Net rose in the third quarter of 1989. In the 1988 period, the company lost money."
    found = _times(nlp, text, date(1989, 11, 1))
    assert found["the 1988 period"].timex_value == "1988-Q3", found
