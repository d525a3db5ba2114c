"""Quality gates for time expressions: the shared scorer (score_timex.py) on TimeBank 1.2 as
released for TempEval-3 (183 news documents, TIMEX3 gold, the document date as reference).

Floors sit just under what the code achieves: when last measured (`dateline analyze
../shared/data/timex/dev.jsonl` then score_timex.py) DATE value F1 0.760, DATE relaxed span F1
0.919, quarter/half accuracy 0.930, day 0.912, month 0.907, year 0.924 on matched DATEs.
"""
from __future__ import annotations

import pytest
from support import analysed, scorer, shared_path

VALUE_F1_FLOOR = 0.75
SPAN_F1_FLOOR = 0.91
#: value accuracy on matched gold DATEs, by the form of the gold value
FORM_FLOORS = {"quarter/half": 0.92, "day": 0.90, "month": 0.89, "year": 0.91}


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
