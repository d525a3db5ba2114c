"""Quality gates for time expressions: the shared scorer (score_timex.py) on TimeBank 1.2 as
released for TempEval-3 (183 news documents, TIMEX3 gold, the document date as reference).

Floors sit just under what the code achieves: when last measured (`dateline analyze
../shared/data/timex/dev.jsonl` then score_timex.py) DATE value F1 0.737, DATE relaxed span F1
0.909, quarter/half accuracy 0.917, day 0.885, month 0.906, year 0.901 on matched DATEs.
"""
from __future__ import annotations

import pytest
from support import analysed, scorer, shared_path

VALUE_F1_FLOOR = 0.72
SPAN_F1_FLOOR = 0.90
#: value accuracy on matched gold DATEs, by the form of the gold value
FORM_FLOORS = {"quarter/half": 0.88, "day": 0.86, "month": 0.88, "year": 0.87}


def _score() -> dict:
    module = scorer("score_timex")
    gold, inputs = (module.load(str(shared_path("data", "timex", name)))
                    for name in ("dev.gold.jsonl", "dev.jsonl"))
    return module.score(module.load(str(analysed("timex/dev.jsonl"))), gold, inputs)[0]


def test_floors_are_above_what_came_before():
    assert VALUE_F1_FLOOR > 0.509 and FORM_FLOORS["quarter/half"] > 0.8


@pytest.mark.slow
def test_date_values_and_spans():
    result = _score()
    assert result["docs"] == 183
    assert result["date_value"]["F1"] >= VALUE_F1_FLOOR, result["date_value"]
    assert result["date_relaxed"]["F1"] >= SPAN_F1_FLOOR, result["date_relaxed"]
    for form, floor in FORM_FLOORS.items():
        assert result["value_acc"][form]["acc"] >= floor, (form, result["value_acc"][form])
