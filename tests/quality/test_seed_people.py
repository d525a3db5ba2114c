"""The sample article, analysed end to end: every "person X" and "title of X" check of
shared/eval/check_seed.py passes (the other checks belong to other stages)."""
from __future__ import annotations

import pytest
from support import scorer


def _is_people(name: str) -> bool:
    return name.startswith(("person ", "title of "))


@pytest.mark.slow
def test_seed_people_checks_pass(seed_record, seed_gold):
    results = [(name, ok, found) for name, ok, found in scorer("check_seed").checks(seed_record, seed_gold)
               if _is_people(name)]
    assert len(results) == 2 * len(seed_gold["people"])      # every person found, so titled too
    failed = [(name, found) for name, ok, found in results if not ok]
    assert not failed, failed


@pytest.mark.slow
def test_seed_people_details(seed_record):
    people = {e["name"]: e for e in seed_record["entities"] if e["type"] == "PERSON"}
    assert set(people) == {"Joe Biden", "Andres Manuel Lopez Obrador", "Antony Blinken",
                           "Alejandro Mayorkas", "Liz Sherwood Randall", "John Kirby"}
    kirby = people["John Kirby"]
    assert kirby["affiliation"] == "National Security Council"
    assert "Kirby" in kirby["aliases"] and kirby["mentions"] >= 5
    assert people["Alejandro Mayorkas"]["titles"] == ["Secretary of Homeland Security"]
    assert "Lopez Obrador" in people["Andres Manuel Lopez Obrador"]["aliases"]
    names = [e["name"] for e in seed_record["entities"]]
    for wrong in ("State", "r.", "Ideas", "Mexico Mexico", "the White House",
                  "Brendan Smialowski / AFP", "Brendan Smialowski"):
        assert wrong not in names
    body = seed_record["body"]
    for e in seed_record["entities"]:
        assert all(body[s["start"]:s["end"]] == s["text"] for s in e["spans"])
