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
    ("July", FRIDAY, "2022-07-01", "month"),
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
