"""Datelines: the place (and agency, date) opening a story, parsed and stripped."""
from __future__ import annotations

import pytest

from dateline.clean import split_dateline


@pytest.mark.parametrize("paragraph, place, agency, date, rest", [
    ("Washington DC - A top-level delegation will soon head south.", "Washington DC", None, None,
     "A top-level delegation will soon head south."),
    ("LONDON (Reuters) - Britain said on Monday it would act.", "LONDON", "Reuters", None,
     "Britain said on Monday it would act."),
    ("WASHINGTON — The Senate voted on Tuesday to pass the bill.", "WASHINGTON", None, None,
     "The Senate voted on Tuesday to pass the bill."),
    ("PARIS, Dec 3 (AFP) - France said on Tuesday that it agreed.", "PARIS", "AFP", "Dec 3",
     "France said on Tuesday that it agreed."),
    ("SAN FRANCISCO, Calif. (AP) — A federal judge ruled on Monday.", "SAN FRANCISCO, Calif.",
     "AP", None, "A federal judge ruled on Monday."),
    ("CLEVELAND, Ohio – The band will tour again next summer.", "CLEVELAND, Ohio", None, None,
     "The band will tour again next summer."),
    ("Rio de Janeiro - Brazilian police said on Monday they had arrested two men.",
     "Rio de Janeiro", None, None, "Brazilian police said on Monday they had arrested two men."),
    ("MADRID — “It was a difficult day,” the coach said after the match.", "MADRID", None, None,
     "“It was a difficult day,” the coach said after the match."),
    ("Photo LONDON -- Britain's parliament met on Monday for a vote.", "LONDON", None, None,
     "Britain's parliament met on Monday for a vote."),
])
def test_dateline_formats(paragraph, place, agency, date, rest):
    found, remainder = split_dateline(paragraph)
    assert found is not None
    assert (found.place, found.agency, found.date) == (place, agency, date)
    assert remainder == rest
    assert paragraph.startswith(found.text)


def test_agency_without_place():
    found, remainder = split_dateline("(Reuters) — The state attorney general is investigating.")
    assert found.place is None and found.agency == "Reuters"
    assert remainder == "The state attorney general is investigating."


@pytest.mark.parametrize("paragraph", [
    "Kirby said - and he meant it - that the talks went well.",
    "Biden - the president - said he was glad.",
    "The White House - which said nothing - was quiet on Monday.",
    "Note: this story was updated on Monday afternoon.",
    "Example.com - A site that sells things to people online.",
    "Biden sending team to Mexico for border talks",
    "LONDON - Short.",
])
def test_not_a_dateline(paragraph):
    found, remainder = split_dateline(paragraph)
    assert found is None and remainder == paragraph
