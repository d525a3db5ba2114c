"""The sample article, cleaned: every title, dateline, body, boilerplate and media-credit check of
shared/eval/check_seed.py passes (the people, quote and event checks belong to other stages)."""
from __future__ import annotations

import pytest
from support import scorer

CLEANING_CHECKS = ("body keeps", "drops", "photo credit")


def _is_cleaning(name: str) -> bool:
    return name in ("title", "dateline place") or name.startswith(CLEANING_CHECKS)


@pytest.mark.slow
def test_seed_cleaning_checks_pass(seed_record, seed_gold):
    results = [(name, ok, found) for name, ok, found in scorer("check_seed").checks(seed_record, seed_gold)
               if _is_cleaning(name)]
    assert len(results) == 2 + len(seed_gold["body_paragraphs"]) + len(seed_gold["boilerplate"]) + 1
    failed = [(name, found) for name, ok, found in results if not ok]
    assert not failed, failed


@pytest.mark.slow
def test_seed_removed_and_media(seed_record):
    removed = {r["text"]: r["reason"] for r in seed_record["removed"]}
    assert removed["Cover photo: Brendan Smialowski / AFP"] == "photo credit"
    assert removed["More on Mexico:"] == "related-articles block"
    assert len(seed_record["media"]) == 1
    assert seed_record["media"][0]["credit"] == "Brendan Smialowski / AFP"
    assert seed_record["dateline"]["place"] == "Washington DC"
    assert seed_record["extraction"] == "text-rules"
