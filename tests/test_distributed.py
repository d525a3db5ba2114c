"""The same batch on a Dask cluster, streamed through the client: same records, same order,
failures in place (partitioned runs are tests/test_runner.py)."""
import pytest

from dateline.api import make_article
from dateline.options import Options
from dateline.runner import run
from dateline.runner.cluster import run_on_dask
from dateline.types import Failure

STORY = ("Port reopens after storm\n\nThe city's port reopened on Tuesday after a storm closed it "
         "for three days, the harbour authority said. Ships waiting offshore began to unload.")


@pytest.fixture(scope="module")
def client():
    from dask import distributed

    with distributed.Client(processes=False, n_workers=1, threads_per_worker=2,
                            dashboard_address=None) as c:
        yield c


def items():
    return [make_article(STORY, id="a"), Failure("b", "unreadable"), make_article(b"", id="c"),
            make_article(STORY.replace("Tuesday", "Friday"), id="d")]


def test_dask_gives_the_same_records_in_order(client):
    options = Options(batch_size=2)
    on_dask = [r.to_dict() for r in run_on_dask(items(), options, client, window=2)]
    local = [r.to_dict() for r in run(items(), options)]
    assert [r["id"] for r in on_dask] == ["a", "b", "c", "d"]
    assert on_dask == local
    assert on_dask[2] == {"id": "c", "error": "empty input"}
    assert [r.to_dict() for r in run(items(), options, dask=client)] == local
