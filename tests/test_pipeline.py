"""The pipeline: stage order is checked, failures are contained, records round-trip."""
import pytest

import dateline
from dateline.api import make_article
from dateline.pipeline import Pipeline, PipelineError, Stage, check_order
from dateline.types import Article, Failure, record_from_dict
from support import EXAMPLE


def _noop(article, options):
    return None


def test_order_is_checked_before_running():
    reads_doc = Stage("x", reads=("doc",), adds=("y",), compute=_noop, annotate=lambda a, r: None)
    with pytest.raises(PipelineError, match="reads doc"):
        check_order([reads_doc])


def test_unknown_stage_is_named():
    with pytest.raises(PipelineError, match="unknown stage"):
        Pipeline(dateline.Options(stages=("load", "clean", "nope")))


def test_default_pipeline_is_in_order():
    assert repr(Pipeline()) == ("Pipeline(load → clean → language → parse → people → quotes → times → "
                                "events → summary)")


def test_a_failed_input_does_not_stop_the_others():
    good = EXAMPLE.read_text()
    items = [make_article(good, id="a"), make_article(b"", id="b"), make_article(good, id="c")]
    results = list(dateline.analyze_many(items))
    assert [r.id for r in results] == ["a", "b", "c"]
    assert isinstance(results[1], Failure) and results[1].error == "empty input"
    assert isinstance(results[0], Article) and results[0].body


def test_analysis_stage_crash_costs_only_its_output(monkeypatch):
    from dateline.stages import quotes

    def boom(article, options):
        raise RuntimeError("defect")

    monkeypatch.setattr(quotes, "STAGE", Stage("quotes", quotes.STAGE.reads, quotes.STAGE.adds,
                                               boom, quotes.STAGE.annotate))
    pipeline = Pipeline(dateline.Options(batch_size=3))
    article = pipeline.run(make_article(EXAMPLE.read_text(), id="x"))
    assert article.body and article.quotes == []
    assert any("quotes" in w and "defect" in w for w in article.warnings)


def test_api_analyze_raises_input_error_naming_the_reason():
    with pytest.raises(dateline.InputError, match="empty input"):
        dateline.analyze("   ")


def test_record_round_trips(seed_record):
    again = record_from_dict(seed_record).to_dict()
    assert again == seed_record
    assert "raw" not in seed_record and "doc" not in seed_record
