"""The people stage: NER repairs, canonical names, titles, affiliations, spans and resolve().

Every case is a small (text, expected) pair written for these tests. Docs are parsed with the
real model (fixture ``nlp``); where a case is about repairing a specific model error, the error
is put into the doc by hand (``forced``) so that the test does not depend on the model making
it again.
"""
from __future__ import annotations

import pytest

from dateline.options import Options
from dateline.people import entity_at, extract_entities, nearest_person, resolve
from dateline.people.names import name_key
from dateline.stages import people as stage
from dateline.types import Article


def run(nlp, body: str, title: str = ""):
    """The stage's result on an article whose body (and title) are set."""
    article = Article(id="t", title=title or None, body=body, doc=nlp(body), title_doc=nlp(title))
    return stage.compute(article, Options())


def forced(nlp, text: str, ents: list[tuple]):
    """``text`` parsed, with exactly the entities ``ents``: (substring, label) for its first
    occurrence, (substring, label, n) for its n-th (from 0)."""
    doc = nlp(text)
    spans = []
    for sub, label, *nth in ents:
        start = -1
        for _ in range((nth[0] if nth else 0) + 1):
            start = text.index(sub, start + 1)
        span = doc.char_span(start, start + len(sub), label=label)
        assert span is not None, sub
        spans.append(span)
    doc.set_ents(spans, default="outside")
    return doc


def person(entities, name):
    found = [e for e in entities if e.type == "PERSON" and e.name == name]
    assert found, f"no person {name!r} in {[(e.name, e.type) for e in entities]}"
    return found[0]


def names(entities, type_=None):
    return [e.name for e in entities if type_ is None or e.type == type_]


# --- canonical names -------------------------------------------------------------------------

@pytest.mark.parametrize("text, full, short", [
    ("John Kirby, a Pentagon spokesman, spoke on Monday. Kirby said the talks went well.",
     "John Kirby", "Kirby"),
    ("President Andres Manuel Lopez Obrador met reporters in the capital. Lopez Obrador said "
     "the plan would work.", "Andres Manuel Lopez Obrador", "Lopez Obrador"),
    ("Joe Biden spoke on Tuesday. Biden's plan was criticised by Republicans.",
     "Joe Biden", "Biden"),
])
def test_short_forms_join_the_fullest_name(nlp, text, full, short):
    ents = run(nlp, text)
    e = person(ents, full)
    assert e.mentions == 2 and short in e.aliases
    assert [s.text for s in e.spans] == [full, short]      # no possessive 's in the span
    assert names(ents, "PERSON") == [full]


def test_headline_gives_the_full_name_but_no_spans(nlp):
    ents = run(nlp, "Caddell said voters were worried. Caddell spoke on the radio.",
               title="Pat Caddell: voters are worried")
    e = person(ents, "Pat Caddell")
    assert e.mentions == 2 and all(s.text == "Caddell" for s in e.spans)


def test_headline_word_glued_to_a_name_is_no_new_person(nlp):
    body = "Barack Obama spoke in Washington on Saturday. Obama praised the museum."
    doc = nlp(body)
    title_doc = forced(nlp, "Obama Says Museum Tells a Story", [("Obama Says", "PERSON")])
    assert names(extract_entities(doc, title_doc), "PERSON") == ["Barack Obama"]


def test_shared_surname_goes_to_the_one_named_most(nlp):
    text = ("Hillary Clinton visited Ohio on Monday. Hillary Clinton spoke about jobs. She was "
            "joined by her daughter Chelsea Clinton at a school. Later, Clinton told voters "
            "that the economy was improving.")
    ents = run(nlp, text)
    hillary = person(ents, "Hillary Clinton")
    assert hillary.spans[-1].text == "Clinton"
    assert person(ents, "Chelsea Clinton").mentions == 1


def test_honorific_of_the_other_gender_is_someone_else(nlp):
    text = ("The campaign plans to employ Mr. Obama and the first lady, Michelle Obama, in the "
            "coming weeks. Mr. Obama will speak in Ohio.")
    ents = run(nlp, text)
    assert person(ents, "Michelle Obama").mentions == 1
    assert person(ents, "Obama").mentions == 2
    assert person(ents, "Obama").gender == "male"
    assert person(ents, "Michelle Obama").gender == "female"


def test_name_key_normalises():
    assert name_key("Liz Sherwood-Randall") == name_key("Liz Sherwood Randall")
    assert name_key("López Obrador’s") == ("lopez", "obrador")
    assert name_key("the White House") == ("white", "house")
    assert name_key("Mr. Kirby") == ("kirby",)
    assert name_key("U.S.") == name_key("US")
    assert name_key("Joseph R. Biden Jr.") == ("joseph", "r", "biden")


# --- titles and affiliations -----------------------------------------------------------------

@pytest.mark.parametrize("text, name, title, affiliation", [
    ("Secretary of State Antony Blinken traveled to Paris on Monday.",
     "Antony Blinken", "Secretary of State", None),
    ("National Security Council spokesman John Kirby told reporters the talks would continue.",
     "John Kirby", "National Security Council spokesman", "National Security Council"),
    ("Republican Senator Ted Cruz said the bill would fail.",
     "Ted Cruz", "Republican Senator", "Republican"),
    ("Mexican Foreign Minister Marcelo Ebrard said the talks went well.",
     "Marcelo Ebrard", "Foreign Minister", "Mexican"),
    ("Former President Barack Obama spoke on Monday.", "Barack Obama", "former President", None),
    ("Prime Minister Justin Trudeau arrived in Ottawa on Sunday.",
     "Justin Trudeau", "Prime Minister", None),
])
def test_title_from_premodifier(nlp, text, name, title, affiliation):
    e = person(run(nlp, text), name)
    assert title in e.titles
    assert e.affiliation == affiliation


def test_role_is_kept_apart_from_the_organisation(nlp):
    e = person(run(nlp, "National Security Council spokesman John Kirby told reporters."),
               "John Kirby")
    assert e.titles == ["National Security Council spokesman", "spokesman"]


def test_plural_title_goes_to_each_person(nlp):
    ents = run(nlp, "Presidents Joe Biden and Emmanuel Macron met in Paris on Friday.")
    assert person(ents, "Joe Biden").titles == ["President"]
    assert person(ents, "Emmanuel Macron").titles == ["President"]


@pytest.mark.parametrize("text, name, title, affiliation", [
    ("John Smith, the company's chief executive, said profits rose.",
     "John Smith", "chief executive", None),
    ("Kirby, a spokesman for the Pentagon, declined to comment.",   # model: Kirby is an ORG
     "Kirby", "spokesman", "Pentagon"),
    ("Dr. Jane Doe, a surgeon at St Mary's Hospital, disagreed with the report.",
     "Jane Doe", "surgeon", "St Mary's Hospital"),
])
def test_title_from_apposition(nlp, text, name, title, affiliation):
    e = person(run(nlp, text), name)
    assert title in e.titles
    assert e.affiliation == affiliation


def test_honorifics_are_not_titles(nlp):
    ents = run(nlp, "Mr. Smith said the deal was fair. Dr. Jane Doe disagreed with him.")
    for e in ents:
        assert not any(t.lower().rstrip(".") in ("mr", "dr") for t in e.titles)
    assert person(ents, "Smith").gender == "male"


def test_party_code_after_the_name(nlp):
    e = person(run(nlp, "Sen. Ted Cruz (R-Texas) said the bill would fail."), "Ted Cruz")
    assert e.titles == ["Senator"] and e.affiliation == "Republican Party"


def test_every_title_seen_is_kept_once(nlp):
    text = ("Secretary of State Antony Blinken flew to Kyiv. Blinken, the top US diplomat, met "
            "officials. Secretary of State Antony Blinken then left.")
    e = person(run(nlp, text), "Antony Blinken")
    assert e.titles.count("Secretary of State") == 1
    assert "top US diplomat" in e.titles or "diplomat" in " ".join(e.titles)


# --- repairs of model errors (put into the doc by hand) --------------------------------------

def test_title_and_name_split_out_of_an_organisation(nlp):
    doc = forced(nlp, "Secretary of Homeland Security Alejandro Mayorkas visited the border.",
                 [("Homeland Security Alejandro Mayorkas", "ORG")])
    ents = extract_entities(doc)
    e = person(ents, "Alejandro Mayorkas")
    assert e.titles == ["Secretary of Homeland Security"]
    assert names(ents) == ["Alejandro Mayorkas"]


def test_department_of_a_title_is_no_organisation(nlp):
    doc = forced(nlp, "Biden asked Secretary of State Antony Blinken to travel.",
                 [("Biden", "PERSON"), ("State", "ORG"), ("Antony Blinken", "PERSON")])
    ents = extract_entities(doc)
    assert "State" not in names(ents)
    assert person(ents, "Antony Blinken").titles == ["Secretary of State"]


def test_photo_position_and_credit_are_not_entities(nlp):
    text = ("Talks between Presidents Joe Biden (r.) and Andres Manuel Lopez Obrador (l.)\n\n"
            "© Brendan Smialowski / AFP")
    doc = forced(nlp, text, [("Joe Biden", "PERSON"), ("r.", "NORP"),
                             ("Andres Manuel Lopez Obrador", "PERSON"),
                             ("Brendan Smialowski / AFP", "PERSON")])
    assert names(extract_entities(doc)) == ["Joe Biden", "Andres Manuel Lopez Obrador"]


def test_common_word_opening_a_sentence_is_no_place(nlp):
    doc = forced(nlp, "Ideas include more checkpoints on rail lines, Kirby said.",
                 [("Ideas", "GPE"), ("Kirby", "PERSON")])
    assert names(extract_entities(doc)) == ["Kirby"]


def test_repeated_name_is_two_mentions(nlp):
    text = "Mexico Mexico blasts US drugs demand"
    doc = forced(nlp, text, [("Mexico Mexico", "GPE")])
    (mexico,) = extract_entities(doc)
    assert mexico.name == "Mexico" and mexico.type == "GPE"
    assert [(s.start, s.end) for s in mexico.spans] == [(0, 6), (7, 13)]


def test_leading_the_is_dropped(nlp):
    ents = run(nlp, "The White House said on Thursday that the trip would go ahead.")
    assert names(ents) == ["White House"] and ents[0].type == "ORG"


def test_surname_tagged_as_organisation_joins_the_person(nlp):
    doc = forced(nlp, "John Kirby spoke first. Later Kirby took questions.",
                 [("John Kirby", "PERSON"), ("Kirby", "ORG", 1)])
    ents = extract_entities(doc)
    assert names(ents) == ["John Kirby"] and ents[0].mentions == 2


def test_mentions_the_model_missed_are_found(nlp):
    text = "John Kirby spoke first. Then Kirby took questions from reporters."
    doc = forced(nlp, text, [("John Kirby", "PERSON")])      # the second Kirby untagged
    (kirby,) = extract_entities(doc)
    assert [s.text for s in kirby.spans] == ["John Kirby", "Kirby"]


def test_acronym_in_brackets_joins_its_organisation(nlp):
    text = "The National Security Council (NSC) met on Friday. The NSC said little."
    doc = forced(nlp, text, [("National Security Council", "ORG"), ("NSC", "ORG"),
                             ("NSC", "ORG", 1)])
    (nsc,) = extract_entities(doc)
    assert nsc.name == "National Security Council" and nsc.mentions == 3 and "NSC" in nsc.aliases


# --- the record ------------------------------------------------------------------------------

SAMPLE = ("Biden asked Secretary of State Antony Blinken to travel to Mexico, National Security "
          "Council spokesman John Kirby told reporters.\n\nThe talks will continue, Kirby said. "
          "He added that Mexico's President Andres Manuel Lopez Obrador agreed. Kirby said the "
          "White House would send a team.")


def test_spans_point_into_the_body(nlp):
    ents = run(nlp, SAMPLE)
    for e in ents:
        assert e.mentions == len(e.spans) > 0
        for s in e.spans:
            assert SAMPLE[s.start:s.end] == s.text
    starts = [s.start for e in ents for s in e.spans]
    assert len(starts) == len(set(starts))                  # no mention counted twice


def test_people_first_then_others_by_mentions(nlp):
    ents = run(nlp, SAMPLE)
    types = [e.type for e in ents]
    assert types[: types.count("PERSON")] == ["PERSON"] * types.count("PERSON")
    assert ents[0].name == "John Kirby"
    people = [e for e in ents if e.type == "PERSON"]
    assert [e.mentions for e in people] == sorted((e.mentions for e in people), reverse=True)


def test_gender_from_pronouns(nlp):
    text = ("Maria Lopez runs the clinic. She said the clinic would stay open. Lopez said her "
            "staff were tired. She added that funding would run out in May.")
    assert person(run(nlp, text), "Maria Lopez").gender == "female"


@pytest.mark.parametrize("mention, expected", [
    ("Kirby", "John Kirby"),
    ("Kirby's", "John Kirby"),
    ("Mr. Kirby", "John Kirby"),
    ("National Security Council spokesman John Kirby", "John Kirby"),
    ("the spokesman", "John Kirby"),
    ("President Lopez Obrador", "Andres Manuel Lopez Obrador"),
    ("Lopez Obrador", "Andres Manuel Lopez Obrador"),
    ("Blinken", "Antony Blinken"),
    ("the White House", "White House"),
    ("Mexico", "Mexico"),
    ("Jane Roe", None),
    ("", None),
])
def test_resolve(nlp, mention, expected):
    found = resolve(run(nlp, SAMPLE), mention)
    assert (found.name if found else None) == expected


def test_entity_at_and_nearest_person(nlp):
    ents = run(nlp, SAMPLE)
    at = SAMPLE.index("Kirby said")
    assert entity_at(ents, at).name == "John Kirby"
    assert entity_at(ents, SAMPLE.index("travel")) is None
    he = SAMPLE.index("He added")
    assert nearest_person(ents, he).name == "John Kirby"
    assert nearest_person(ents, SAMPLE.index("agreed")).name == "Andres Manuel Lopez Obrador"


@pytest.mark.parametrize("body", ["", "   ", "no names here at all.", "“Unbalanced quote, he said."])
def test_odd_input_degrades(nlp, body):
    assert run(nlp, body) == []


def test_no_doc_gives_no_entities():
    assert extract_entities(None) == []


def test_stage_declares_what_it_reads_and_adds():
    assert set(stage.STAGE.reads) == {"doc", "title_doc", "body"}
    assert stage.STAGE.adds == ("entities",)
    article = Article(id="t")
    stage.STAGE.annotate(article, [])
    assert article.entities == []


def test_among_tells_which_tokens_hold_the_hashed_words(nlp):
    from spacy.attrs import LOWER

    from dateline.people.orgs import among, hashed

    doc = nlp("The Reds beat the Blues 2-1 in the final.")
    column = doc.to_array(LOWER)
    hit = among(column, hashed(["the", "final", "absent"])).tolist()
    assert [t.text for t, h in zip(doc, hit) if h] == ["The", "the", "the", "final"]
    assert not among(column, hashed([])).any()
    assert among(column[:0], hashed(["the"])).tolist() == []
