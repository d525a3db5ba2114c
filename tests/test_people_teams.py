"""people/teams.py: telling a sports report, on (text, expected) pairs written for these tests."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, expected", [
    ("The striker scored twice before half-time and the coach praised him.", True),
    ("The Striker, the COACH and the referee argued.", True),          # any case counts
    ("The coach said the league would decide.", False),                # two sports words
    ("Lyon won 2-1 and Nice drew 0-0 on Sunday.", True),               # two results
    ("The council met on Monday to discuss the budget.", False),
])
def test_a_sports_report_is_told_by_results_or_three_sports_words(nlp, text, expected):
    from dateline.people.teams import SPORTS_WORDS, is_sports

    doc = nlp(text)
    assert is_sports(doc) is expected
    if "-" not in text:  # the word count agrees with counting the tokens one by one
        assert (sum(t.lower_ in SPORTS_WORDS for t in doc) >= 3) is expected
