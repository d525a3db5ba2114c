"""Summary and lead: extractive sentences of the body, and one plain sentence built from the
main event."""
from __future__ import annotations

import pytest

from dateline.stages import events as events_stage
from dateline.stages import summary as summary_stage
from dateline.stages import times as times_stage
from dateline.types import Article

BODY = ("Photo: Agency\n\n"
        "Hundreds of schools in Wales were closed on Thursday because of heavy snow, the "
        "government said. Forecasters expect more snow over the weekend. "
        "Roads in the north were blocked by drifts, police said. "
        "The education minister visited a school in Cardiff on Friday. "
        "Parents were told to check websites for updates.")


@pytest.fixture(scope="module")
def analyse(nlp):
    def run(title, body, published="2023-03-10"):
        article = Article(id="s", title=title, body=body, published=published, doc=nlp(body),
                          title_doc=nlp(title or ""))
        article.times = times_stage.compute(article, None)
        article.events = events_stage.compute(article, None)
        article.summary, article.lead = summary_stage.compute(article, None)
        return article
    return run


def test_summary_is_two_or_three_sentences_of_the_body_in_order(analyse):
    a = analyse("Snow closes schools across Wales", BODY)
    sentences = [s for s in a.summary.split(". ") if s]
    assert 2 <= len(sentences) <= 3
    assert a.summary.startswith("Hundreds of schools in Wales were closed")
    positions = [a.body.index(s.rstrip(".")) for s in sentences]
    assert positions == sorted(positions)
    assert "Photo: Agency" not in a.summary


def test_lead_is_built_from_the_main_event(analyse):
    a = analyse("Snow closes schools across Wales", BODY)
    assert a.lead == "Hundreds of schools in Wales were closed on Thursday because of heavy snow."


@pytest.mark.parametrize("title, body, lead", [
    ("Minister to visit Paris for trade talks",
     "The trade minister will travel to Paris on Monday to discuss tariffs with her French "
     "counterpart, officials said.",
     "The trade minister will travel to Paris on Monday to discuss tariffs with her French "
     "counterpart."),
    ("Rockets fired at airport",
     "Rebels fired rockets at the airport in Sanaa late Wednesday in retaliation for air "
     "strikes, a spokesman said.",
     "Rebels fired rockets at the airport in Sanaa late Wednesday in retaliation for air strikes."),
    ("Vault raided", "Thieves broke into a bank vault in Lyon with a blowtorch over the weekend.",
     "Thieves broke into a bank vault in Lyon over the weekend."),
])
def test_lead_keeps_the_words_that_introduce_when_and_why(analyse, title, body, lead):
    assert analyse(title, body).lead == lead


def test_empty_body_gives_no_summary(analyse, nlp):
    article = Article(id="e", title="Nothing", body="", doc=nlp(""), title_doc=nlp("Nothing"))
    assert summary_stage.compute(article, None) == (None, None)
    a = analyse("Caption only", "Getty Images / AFP")
    assert a.summary is None


def test_stage_declares_what_it_reads_and_adds():
    assert set(summary_stage.STAGE.reads) >= {"body", "doc", "events", "entities"}
    assert summary_stage.STAGE.adds == ("summary", "lead")


def test_lead_keeps_a_time_that_dates_a_thing(analyse):
    a = analyse("Senator mocks rival", "The senator ridiculed Sunday's debate in a radio interview.")
    assert a.lead == "The senator ridiculed Sunday's debate in a radio interview."
