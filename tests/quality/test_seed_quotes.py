"""The sample article, analysed end to end: every quote and speaker check of
shared/eval/check_seed.py passes (the five direct quotes, all John Kirby's, one of them with
"he" as the only mention of him; the White House's indirect statement; Kirby's indirect one)."""
from __future__ import annotations

import pytest
from support import scorer


@pytest.mark.slow
def test_seed_quote_checks_pass(seed_record, seed_gold):
    results = [(name, ok, found) for name, ok, found in scorer("check_seed").checks(seed_record, seed_gold)
               if name.startswith(("quote ", "  speaker is"))]
    # every quote found, so its speaker checked too
    assert len(results) == 2 * len(seed_gold["quotes"])
    failed = [(name, found) for name, ok, found in results if not ok]
    assert not failed, failed


@pytest.mark.slow
def test_seed_quote_details(seed_record):
    quotes = seed_record["quotes"]
    body = seed_record["body"]
    he = [q for q in quotes if q["speaker_mention"] == "he"]
    assert [(q["text"][:20], q["speaker"], q["direct"]) for q in he] == [
        ("in broad terms about", "John Kirby", True)]
    white_house = [q for q in quotes if q["speaker"] == "White House"]
    assert len(white_house) == 1 and not white_house[0]["direct"]
    assert white_house[0]["speaker_mention"] == "the White House"
    assert white_house[0]["speaker_type"] == "ORG"
    # every speaker is a canonical name, never a pronoun; body quotes point into the body
    assert {q["speaker"] for q in quotes} == {"John Kirby", "White House"}
    for q in quotes:
        if q["start"] is not None and "\n" not in q["text"]:
            assert body[q["start"]:q["end"]] == q["text"]
    assert "told reporters" in {q["cue"] for q in quotes}
