"""Typed by evidence (people/evidence.py), headings out of the body (clean), speakers that can
speak (quotes/speakers.py): (text, expected) pairs written for these tests, one for each kind
of failure a user reported (a platform or company tagged as a person, a heading as speaker,
a thing as speaker, a person tagged as an organisation)."""
from __future__ import annotations

import pytest

from dateline import analyze
from dateline.clean.text import is_heading
from dateline.options import Options
from dateline.people import evidence
from dateline.stages import people as stage
from dateline.types import Article


def entities(nlp, body: str, title: str = ""):
    article = Article(id="t", title=title or None, body=body, doc=nlp(body), title_doc=nlp(title))
    return {e.name: e for e in stage.compute(article, Options())}


def test_given_names_come_from_the_names_package():
    assert evidence.given_name("Theresa") and evidence.given_name("Pavel")
    assert evidence.given_name("Twitter") is None and evidence.given_name("qualcomm") is None


def test_gazetteer_knows_countries_and_cities():
    assert evidence.is_place(("moldova",)) and evidence.is_place(("glasgow",))
    assert not evidence.is_place(("durov",))


@pytest.mark.parametrize("body, name, cue", [
    ("The dissident was freed on Friday. Police said Wang, 45, would be sent to a labour camp. "
     "Wang was arrested in the east.", "Wang", "age"),
    ("The club signed Todd Van Poppel on Monday. Van Poppel pitched a five-hitter.",
     "Todd Van Poppel", "given name"),
    ("Officials met Mr. Okonkwo in Lagos. Okonkwo said the talks went well.", "Okonkwo",
     "honorific"),
])
def test_person_evidence(nlp, body, name, cue):
    ents = entities(nlp, body)
    assert ents[name].type == "PERSON", ents[name]
    assert cue in ents[name].type_evidence


@pytest.mark.parametrize("body, name", [
    ("Shares of Zentrix fell 4 percent. Zentrix shares have lost a third this year, and "
     "Zentrix said it would cut jobs.", "Zentrix"),
    ("The rebels took Vardoran without a fight. Fighting went on near Vardoran and in "
     "Vardoran itself, a town of 20,000 people.", "Vardoran"),
])
def test_no_person_without_person_evidence(nlp, body, name):
    ents = entities(nlp, body)
    if name in ents:
        assert ents[name].type != "PERSON", ents[name]
        assert ents[name].type_evidence and "model" not in ents[name].type_evidence[:1] \
            or ents[name].type in ("ORG", "GPE")


def test_a_name_with_a_given_name_is_kept_although_its_last_word_is_a_rank(nlp):
    ents = entities(nlp, "Prime Minister John Major says the union is safe. Major spoke "
                         "in London on Friday.")
    assert "John Major" in ents and ents["John Major"].type == "PERSON"


def test_every_entity_says_why_it_has_its_type(nlp):
    ents = entities(nlp, "Secretary of State Antony Blinken met Mexico's President in Mexico "
                         "City. Blinken said the talks were useful.")
    assert all(e.type_evidence for e in ents.values())
    assert "role" in ents["Antony Blinken"].type_evidence \
        or "given name" in ents["Antony Blinken"].type_evidence


@pytest.mark.parametrize("line, heading", [
    ("QUALCOMM'S DEAL WITH NXP", True),
    ("Quick Menu Update", True),
    ("Why the vote matters", False),
    ("The company said it would appeal.", False),
    ("NEW YORK (Reuters) - Shares fell on Monday as investors sold.", False),
])
def test_headings(line, heading):
    assert is_heading(line) is heading


def test_a_heading_leaves_the_body_and_never_speaks():
    text = ("Chipmakers weigh a merger\n\n"
            "Broadcom raised its offer for the rival chipmaker on Monday, valuing it at more "
            "than $120 billion, in what would be the largest deal the industry has seen.\n\n"
            "MERGER TALKS WITH REGULATORS\n\n"
            "\"There is no antitrust issue. We will close the deal,\" said Tan, who runs "
            "Broadcom, adding that he had met officials in Washington this month.\n\n"
            "Hock Tan, Broadcom's chief executive, has made a series of large acquisitions "
            "over the past decade and says he expects more.")
    record = analyze(text, title="Chipmakers weigh a merger")
    assert "MERGER TALKS WITH REGULATORS" not in record.body
    assert any(r.reason == "section heading" and r.text == "MERGER TALKS WITH REGULATORS"
               for r in record.removed)
    quote = next(q for q in record.quotes if q.text.startswith("There is no antitrust"))
    assert quote.speaker == "Hock Tan", quote


@pytest.mark.parametrize("text", [
    "\"The tumour has shrunk by half,\" the scan showed, according to doctors at the clinic "
    "who read it on Tuesday morning before the family arrived.",
    "\"Get out of the car now,\" video footage showed, as the officers shouted at the driver "
    "who had stopped on the bridge late on Sunday night.",
])
def test_a_thing_is_no_speaker(text):
    record = analyze(text * 3)
    for q in record.quotes:
        assert q.speaker not in ("the scan", "scan", "video footage", "Video footage"), q


@pytest.mark.parametrize("body, canonical, alias", [
    ("Secretary of State Rex W. Tillerson flew to Ankara on Monday. Rex Tillerson met the "
     "foreign minister there, and Tillerson said talks would go on.", "Rex W. Tillerson",
     "Rex Tillerson"),
    ("President François Marchetti opened the summit on Monday. Francois Marchetti said the "
     "talks would last two days.", "François Marchetti", "Francois Marchetti"),
    ("North Korea's leader Kim Jong-un watched the launch on Monday. Kim Jong Un said the test "
     "was a success.", None, None),
])
def test_name_variants_are_one_person(nlp, body, canonical, alias):
    people = [e for e in entities(nlp, body).values() if e.type == "PERSON"]
    if canonical is None:
        kims = [e for e in people if e.name.replace("-", " ").lower().startswith("kim jong")]
        assert len(kims) == 1, people
        return
    assert [e.name for e in people].count(canonical) == 1, people
    person = next(e for e in people if e.name == canonical)
    assert alias in person.aliases and all(e.name != alias for e in people)
