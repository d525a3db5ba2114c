"""The table attribute ruler (dateline.ruler) gives exactly what spaCy's own attribute ruler
gives: on dev articles and titles, on text made to meet every kind of pattern of the English
pipeline, and with a table too small to hold a document's rows; a pattern it cannot run leaves
spaCy's matcher in place."""
from __future__ import annotations

import json

import numpy
import pytest
import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, SENT_START, TAG
from spacy.pipeline import AttributeRuler
from support import shared_path

from dateline import ruler
from dateline.model import load_model, resolve_model_name

ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE, SENT_START]
#: Made to meet the pipeline's two-token, regex, dependency and whitespace patterns.
MADE = ["Y'all gonna love it, let's go. There is a dog and there are cats.  \n\n It was I who "
        "did it; give it to me, she gets what she got.\n\n\n   gotta c'm on, 'em ol' somethin'",
        "", " ", "\n", "That is this; those are these. Do you? I do have them.",
        "He has done it, hasn't he? It's 'nuff, y' all."]


@pytest.fixture(scope="module")
def stock():
    return spacy.load(resolve_model_name())


def dev_texts(per_set: int) -> list[str]:
    """Bodies and titles of the first ``per_set`` articles of three dev sets."""
    texts = []
    for name in ("5w1h", "quotes", "clusters"):
        with open(shared_path("data", name, "dev.jsonl"), encoding="utf-8") as f:
            records = [json.loads(line) for line, _ in zip(f, range(per_set))]
        texts += [t for r in records for t in (r["text"], r.get("title") or "")]
    return texts


def assert_same(a, b):
    assert [t.text for t in a] == [t.text for t in b]
    assert numpy.array_equal(a.to_array(ATTRS), b.to_array(ATTRS))
    assert [str(t.morph) for t in a] == [str(t.morph) for t in b]
    assert [t.lemma_ for t in a] == [t.lemma_ for t in b]


def test_dateline_loads_the_table_ruler():
    component = load_model().get_pipe("attribute_ruler")
    assert isinstance(component, ruler.TableRuler) and component.table is not None
    assert load_model().pipe_names == spacy.load(resolve_model_name()).pipe_names


def test_same_docs_as_spacy_on_dev_articles_and_titles(stock):
    texts = dev_texts(25)
    assert len(texts) == 150
    for a, b in zip(stock.pipe(texts, batch_size=16), load_model().pipe(texts, batch_size=16)):
        assert_same(a, b)
    # what tokens meet is bounded by the patterns: far fewer kinds than distinct tokens seen
    table = load_model().get_pipe("attribute_ruler").table
    assert 0 < 10 * len(table.by_bits) < len(table.rows)


def test_same_docs_on_every_kind_of_pattern(stock):
    nlp = load_model()
    for text in MADE:
        assert_same(stock(text), nlp(text))
    doc = nlp(MADE[0])
    gon = [t for t in doc if t.lower_ == "gon"][0]
    assert (gon.lemma_, doc[gon.i + 1].lemma_) == ("go", "to")  # a two-token pattern, both ends


def test_a_table_too_small_for_one_document(stock, monkeypatch):
    monkeypatch.setattr(ruler, "TABLE_SIZE", 5)
    nlp = spacy.load(resolve_model_name())
    assert ruler.install(nlp)
    table = nlp.get_pipe("attribute_ruler").table
    for text in MADE[:1] + dev_texts(2):
        assert_same(stock(text), nlp(text))
        assert len(table.rows) <= 5


def test_a_pattern_the_table_cannot_run_keeps_spacys_matcher(stock):
    nlp = spacy.load(resolve_model_name())
    nlp.get_pipe("attribute_ruler").add([[{"LOWER": "very", "OP": "+"}, {"TAG": "JJ"}]],
                                        {"LEMMA": "VERY"}, index=-1)
    assert not ruler.install(nlp)
    assert type(nlp.get_pipe("attribute_ruler")) is AttributeRuler
    table = ruler.TableRuler(nlp.vocab)
    table.add_patterns(nlp.get_pipe("attribute_ruler").patterns)
    assert table.table is None
    doc = nlp.make_doc("a very very big deal")
    for name, component in nlp.pipeline[:3]:
        doc = component(doc)
    assert table.match(doc) == nlp.get_pipe("attribute_ruler").match(doc)
    assert [t.lemma_ for t in nlp("a very very big deal")][3] == "VERY"


def test_added_patterns_rebuild_the_table():
    nlp = spacy.load(resolve_model_name())
    ruler.install(nlp)
    component = nlp.get_pipe("attribute_ruler")
    assert component.table is not None
    component.add([[{"LOWER": "dateline"}]], {"LEMMA": "DATELINE"})
    assert [t.lemma_ for t in nlp("the dateline tool")][1] == "DATELINE"
    component.add([[{"LOWER": "tool", "OP": "?"}]], {"LEMMA": "TOOL"})
    assert component.table is None
    assert [t.lemma_ for t in nlp("the dateline tool")][1:] == ["DATELINE", "TOOL"]
