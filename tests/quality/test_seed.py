"""The sample article end to end: every check of ../shared/eval/check_seed.py passes
(title, dateline, body, boilerplate, media, people and titles, quotes and speakers, main event)."""
import pytest
from support import scorer


@pytest.mark.slow
def test_every_seed_check_passes(seed_record, seed_gold):
    results = list(scorer("check_seed").checks(seed_record, seed_gold))
    assert len(results) >= 49
    failed = [(name, found) for name, ok, found in results if not ok]
    assert not failed, failed
