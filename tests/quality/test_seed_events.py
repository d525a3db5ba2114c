"""The sample article, analysed end to end: every "main event X" check of
shared/eval/check_seed.py passes; the further events, the times, the summary and the lead."""
from __future__ import annotations

import pytest
from support import scorer


@pytest.mark.slow
def test_seed_main_event_checks_pass(seed_record, seed_gold):
    results = [(name, ok, found) for name, ok, found in scorer("check_seed").checks(seed_record, seed_gold)
               if name.startswith("main event ")]
    assert len(results) == len(seed_gold["main_event"]) == 6
    failed = [(name, found) for name, ok, found in results if not ok]
    assert not failed, failed


@pytest.mark.slow
def test_seed_main_event_answers(seed_record):
    main = seed_record["events"][0]
    assert main["who"]["text"] == "Joe Biden"
    assert main["when"]["text"] == "in coming days" and main["when"]["source"] == "title"
    assert main["where"]["text"] == "Mexico"
    assert main["why"]["text"] == "to discuss concerns on migration"
    assert main["how"]["text"].startswith("telephone talks between Presidents Joe Biden")
    body = seed_record["body"]
    assert body[main["why"]["start"]:main["why"]["end"]] == main["why"]["text"]


@pytest.mark.slow
def test_seed_further_events_include_the_telephone_call(seed_record):
    call = [e for e in seed_record["events"][1:]
            if e["how"] and "telephone call" in e["how"]["text"]]
    assert len(call) == 1
    assert call[0]["who"]["text"] == "Biden and Lopez Obrador"
    assert call[0]["when"]["text"] == "Thursday"


@pytest.mark.slow
def test_seed_times_summary_and_lead(seed_record):
    times = {t["text"]: t for t in seed_record["times"]}
    assert {"Thursday", "in coming days", "in recent weeks", "soon"} <= set(times)
    assert times["in coming days"]["granularity"] == "vague"
    assert seed_record["lead"] == ("A top-level US delegation will head to Mexico in coming days "
                                   "to discuss concerns on migration.")
    summary = seed_record["summary"]
    assert summary.startswith("A top-level US delegation will soon head to Mexico")
    assert 2 <= summary.count(". ") + 1 <= 3
    assert "Cover photo" not in summary
