"""Quality gates for quotes and speakers: the shared scorer (PolNeAR dev split, end-to-end F1:
the quote found and its speaker right) with floors just under what the code achieves
(direct 0.889, all 0.610, attribution accuracy on direct quotes 0.9755 when last measured by
`make scores`, with the people stage of issue 8 merged;
the regex reference scores 0.461 and 0.186)."""
from __future__ import annotations

import pytest
from support import analysed, scorer, shared_path

DIRECT_FLOOR = 0.875
ALL_FLOOR = 0.595
SPEAKER_FLOOR = 0.97      # attribution accuracy on the direct quotes found


def _score(subset: str) -> dict:
    return scorer("score_quotes").score(str(shared_path("data", "quotes", "dev.gold.jsonl")),
                        str(analysed("quotes/dev.jsonl")), subset)


@pytest.mark.slow
def test_direct_quotes_end_to_end_f1():
    m = _score("direct")
    assert m["e2e_F1"] >= DIRECT_FLOOR, m
    assert m["attribution_acc"] >= SPEAKER_FLOOR, m


@pytest.mark.slow
def test_all_quotes_end_to_end_f1():
    m = _score("all")
    assert m["e2e_F1"] >= ALL_FLOOR, m
