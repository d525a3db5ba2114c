"""The quotes stage: quotation marks, cues, speakers, indirect speech, headlines.

Every case is a small (text, expected) pair written for these tests; texts are parsed with the
real model (fixture ``nlp``). Without ``entities`` the speakers are resolved from the parse's own
named entities; one case hands in entities as the people stage makes them.
"""
from __future__ import annotations

import pytest

from dateline.options import Options
from dateline.quotes import extract
from dateline.quotes.marks import find_quotes
from dateline.stages import quotes as stage
from dateline.types import Article, Entity, Mention


def quotes_of(nlp, text: str, title: str | None = None, entities=None):
    return extract(nlp(text), text, entities, nlp(title) if title else None, title)


def only(quotes, **expected):
    """The one quote whose text contains ``expected['has']`` (or the only quote), checked."""
    has = expected.pop("has", None)
    found = [q for q in quotes if has is None or has in q.text]
    assert len(found) == 1, [(q.text, q.speaker) for q in quotes]
    q = found[0]
    for field, value in expected.items():
        assert getattr(q, field) == value, (field, getattr(q, field), q)
    return q


# -- quotation marks ---------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("“We will act,” she said.", ["We will act"]),
    ('"We will act," she said.', ["We will act"]),
    ("«Nous agirons», a-t-il dit.", ["Nous agirons"]),
    ("„Wir handeln“, sagte sie.", ["Wir handeln"]),
    ("She called it ‘a fine day’ for the town.", ["a fine day"]),
    ("He said 'enough is enough' to the crowd.", ["enough is enough"]),
    ("''We are ready,'' he said.", ["We are ready"]),
    ("There was “no evidence\" of a plot.", ["no evidence"]),
    ("Don't touch the voters' rights in the '90s, it's Kim’s call.", []),
    ("He said “the “inner” part” again.", ["inner"]),
    ("“Outer ‘inner’ words,” she said.", ["Outer ‘inner’ words"]),
])
def test_marks_find_each_style(text, expected):
    assert [q.text(text) for q in find_quotes(text)] == expected


def test_quote_over_several_paragraphs_is_one_quote():
    text = "“First part of it.\n\n“Second part of it.\n\n“Last part,” she said."
    (quote,) = find_quotes(text)
    assert quote.text(text) == "First part of it.\n\nSecond part of it.\n\nLast part"
    assert len(quote.pieces) == 3 and quote.start == 0
    assert quote.end == len(text) - len(" she said.")


def test_unbalanced_mark_costs_only_its_own_quote():
    text = ("“This one never closes.\n\nLater a “second one” closes.\n\n"
            "And a “third one” closes too.")
    assert [q.text(text) for q in find_quotes(text)] == ["second one", "third one"]


def test_marks_never_fail_on_odd_input():
    alphabet = ['"', "“", "”", "'", "‘", "’", "„", "«", "a", " ", "\n"]
    texts = ["", "'''", "\n\n“\n\n“\n\n"] + [a + b + c + d for a in alphabet for b in alphabet
                                              for c in alphabet for d in alphabet]
    for text in texts:
        previous_end = 0
        for q in find_quotes(text):
            assert previous_end <= q.start <= q.inner_start <= q.inner_end <= q.end <= len(text)
            previous_end = q.end


# -- direct quotes and their speakers --------------------------------------------------------

def test_speaker_after_the_quote(nlp):
    only(quotes_of(nlp, "“The plan is ready,” Maria Lopez said on Monday."),
         text="The plan is ready", speaker="Maria Lopez", speaker_mention="Maria Lopez",
         cue="said", direct=True, speaker_type="PERSON")


def test_speaker_inverted_after_said(nlp):
    q = only(quotes_of(nlp, "“The plan is ready,” said Tom Baker, the city’s housing director."),
             text="The plan is ready", speaker="Tom Baker", direct=True)
    assert q.speaker_mention == "Tom Baker"


def test_speaker_before_with_colon(nlp):
    only(quotes_of(nlp, "Tom Baker told reporters: “We are not done yet.”"),
         text="We are not done yet.", speaker="Tom Baker", cue="told reporters", direct=True)


def test_quote_paragraph_after_a_colon_paragraph(nlp):
    text = "Tom Baker spoke at the town hall on Tuesday. He said:\n\n“We will rebuild every house.”"
    only(quotes_of(nlp, text), has="rebuild", speaker="Tom Baker", speaker_mention="He",
         direct=True)


def test_quote_standing_alone_after_x_said(nlp):
    text = ("The mayor, Tom Baker, spoke in a statement on Tuesday.\n\nBaker said on Tuesday.\n\n"
            "“We will rebuild every house on this street before the winter.”")
    only(quotes_of(nlp, text), has="rebuild", speaker="Tom Baker", direct=True)


def test_pronoun_speaker_resolved_to_the_person(nlp):
    text = "Tom Baker toured the site on Monday. “It was worse than we feared,” he said."
    only(quotes_of(nlp, text), has="worse", speaker="Tom Baker", speaker_mention="he",
         speaker_type="PERSON")


def test_pronoun_prefers_the_main_speaker_to_an_embedded_subject(nlp):
    text = ("Tom Baker said Anna Ruiz would lead the rebuilding. "
            "“We trust her completely,” he said.")
    only(quotes_of(nlp, text), has="trust", speaker="Tom Baker", speaker_mention="he")


def test_role_noun_speaker_resolved_by_title(nlp):
    text = ("The ministry spokesman Ali Reza met journalists in Cairo on Sunday. Omar Said, a "
            "banker, also attended. “Talks will resume next week,” the spokesman said.")
    only(quotes_of(nlp, text), has="Talks", speaker="Ali Reza",
         speaker_mention="the spokesman")


def test_organisation_as_speaker(nlp):
    text = "The new rules take effect in May, the European Commission said on Friday."
    only(quotes_of(nlp, text), text="The new rules take effect in May",
         speaker="European Commission", speaker_mention="the European Commission",
         speaker_type="ORG", direct=False)


def test_country_as_speaker(nlp):
    only(quotes_of(nlp, "“We reject the proposal,” Mexico said in a statement."),
         text="We reject the proposal", speaker="Mexico", speaker_type="GPE")


def test_partial_quote_woven_into_a_sentence(nlp):
    text = ("Tom Baker met the governor on Monday. The two men talked “in broad terms about "
            "what can be done at the border to slow that down,” he said.")
    only(quotes_of(nlp, text), has="broad terms",
         text="in broad terms about what can be done at the border to slow that down",
         speaker="Tom Baker", speaker_mention="he", direct=True)


def test_short_partial_quote_stays_inside_its_clause(nlp):
    text = ("Tom Baker said there had been a “sharp rise” in rents across the city over the "
            "past two years.")
    q = only(quotes_of(nlp, text), has="sharp rise", speaker="Tom Baker", direct=False)
    assert "rents across the city" in q.text and q.text.startswith("there had been")
    assert text[q.start:q.end] == q.text


def test_quote_interrupted_by_its_cue_is_one_quote(nlp):
    text = "“We are ready,” Tom Baker said. “The trucks leave at dawn.”"
    q = only(quotes_of(nlp, text), speaker="Tom Baker", direct=True)
    assert q.text.startswith("We are ready") and q.text.endswith("The trucks leave at dawn.")


def test_quote_running_over_paragraphs(nlp):
    text = ("Tom Baker spoke for an hour. “We lost everything in the flood.\n\n"
            "“Now we start again, one house at a time,” he said.")
    q = only(quotes_of(nlp, text), speaker="Tom Baker", direct=True)
    assert q.text == ("We lost everything in the flood.\n\n"
                      "Now we start again, one house at a time")


def test_dash_attribution(nlp):
    only(quotes_of(nlp, "“The debate changed my mind about the vote.” ― Ana Ruiz"),
         speaker="Ana Ruiz", cue="―", direct=True)


def test_two_speakers_in_two_paragraphs(nlp):
    text = ("“Every time you say that,” Jon Tester said, “you give them ammunition.”\n\n"
            "“Why is this not proof that the bank is too big?” David Vitter asked.")
    quotes = quotes_of(nlp, text)
    only(quotes, has="ammunition", speaker="Jon Tester")
    only(quotes, has="too big", speaker="David Vitter", cue="asked")


# -- what is not a quote ----------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The so-called “Buffett rule” would raise taxes on the rich.",
    "She appeared on “Meet the Press” on Sunday and left early.",
    "Their book, “Make Your Kid a Millionaire,” sold well last year.",
    "The storm flooded the valley and closed the main road for a week.",
])
def test_no_quote(nlp, text):
    assert quotes_of(nlp, text) == []


def test_unbalanced_mark_keeps_the_other_quotes(nlp):
    text = ("Tom Baker said “the plan is dead for now.\n\n"
            "Anna Ruiz said: “We will try again next year.”")
    quotes = quotes_of(nlp, text)
    only(quotes, has="try again", speaker="Anna Ruiz", direct=True)
    assert not any(q.direct and "plan is dead" in q.text for q in quotes)


def test_speaker_never_taken_from_inside_a_quote(nlp):
    text = "“Fox and Friends is my favourite show,” said Tom Baker on Thursday."
    only(quotes_of(nlp, text), speaker="Tom Baker")


def test_relative_pronoun_is_the_mention_its_noun_the_speaker(nlp):
    text = "The plan came from Tom Baker, who said the city would hire 40 inspectors."
    only(quotes_of(nlp, text), has="40 inspectors", speaker="Tom Baker", speaker_mention="who")


def test_as_x_put_it(nlp):
    text = "As Anna Ruiz put it, the network offers “a perspective you will not get elsewhere.”"
    only(quotes_of(nlp, text), has="perspective", speaker="Anna Ruiz")


# -- indirect speech ----------------------------------------------------------------------------

def test_indirect_with_that_clause(nlp):
    only(quotes_of(nlp, "Tom Baker said the city will hire 40 new inspectors next year."),
         text="the city will hire 40 new inspectors next year", speaker="Tom Baker",
         cue="said", direct=False)


def test_indirect_clause_before_the_cue(nlp):
    text = "Ideas include adding bus lanes and widening the old bridge, Tom Baker said."
    only(quotes_of(nlp, text), text="Ideas include adding bus lanes and widening the old bridge",
         speaker="Tom Baker", direct=False)


def test_indirect_around_a_parenthetical_cue(nlp):
    text = "The company was a giant, Tom Baker said, until it went bankrupt in 1999."
    q = only(quotes_of(nlp, text), speaker="Tom Baker", direct=False)
    assert q.text == "The company was a giant until it went bankrupt in 1999"


@pytest.mark.parametrize("text, mention", [
    ("According to officials, the bridge will reopen in June.", "officials"),
    ("The bridge will reopen in June, according to city officials.", "city officials"),
])
def test_according_to(nlp, text, mention):
    only(quotes_of(nlp, text), has="bridge will reopen in June", speaker_mention=mention,
         cue="according to", direct=False)


def test_passive_report_is_not_a_cue(nlp):
    assert quotes_of(nlp, "The road was said to be closed, as might be expected in winter.") == []


def test_parenthetical_cue_after_a_report_adds_nothing(nlp):
    text = "Tom Baker said the plan would cost $5 million, he told reporters on Friday."
    quotes = quotes_of(nlp, text)
    only(quotes, has="cost $5 million", speaker="Tom Baker")


# -- headlines --------------------------------------------------------------------------------

def test_headline_quote_takes_the_speaker_of_the_body_quote(nlp):
    title = "City to rebuild homes “within two years” after flood"
    body = "The city will rebuild the homes “within two years,” Mayor Tom Baker told reporters."
    quotes = quotes_of(nlp, body, title=title)
    head = [q for q in quotes if q.start is None]
    assert [(q.text, q.speaker, q.sentence) for q in head] == [
        ("within two years", "Tom Baker", title)]
    assert any(q.start is not None and q.speaker == "Tom Baker" for q in quotes)


def test_headline_shorthand_colon(nlp):
    title = "Baker: City will rebuild every home before winter"
    body = "Mayor Tom Baker spoke on Monday. He said the work would start in May."
    q = only([q for q in quotes_of(nlp, body, title=title) if q.start is None],
             speaker="Tom Baker", speaker_mention="Baker", cue=":", direct=False)
    assert q.text == "City will rebuild every home before winter"


def test_headline_shorthand_says_at_the_end(nlp):
    title = "City will rebuild every home before winter, mayor says"
    q = only([q for q in quotes_of(nlp, "Work starts in May.", title=title) if q.start is None],
             speaker_mention="mayor", cue="says", direct=False)
    assert q.text == "City will rebuild every home before winter"


def test_headline_label_is_not_a_speaker(nlp):
    title = "The Latest: City will rebuild every home before winter"
    assert [q for q in quotes_of(nlp, "Work starts in May.", title=title) if q.start is None] == []


# -- entities from the people stage, the stage itself -----------------------------------------

def test_entities_give_the_canonical_name(nlp):
    text = "“We are ready,” Baker said."
    baker = Entity(name="Thomas Baker", type="PERSON", aliases=["Baker"],
                   spans=[Mention("Baker", text.index("Baker"), text.index("Baker") + 5)])
    only(quotes_of(nlp, text, entities=[baker]), speaker="Thomas Baker", speaker_mention="Baker")


def test_offsets_point_into_the_body(nlp):
    text = "Tom Baker spoke.\n\n“We are ready,” he said. Ana Ruiz said prices rose sharply."
    for q in quotes_of(nlp, text):
        assert q.start is not None and q.end is not None
        assert text[q.start:q.end] == q.text
        assert q.sentence and q.sentence in text


def test_stage_declares_what_it_reads_and_adds():
    assert set(stage.STAGE.reads) == {"doc", "title_doc", "body", "title", "entities"}
    assert stage.STAGE.adds == ("quotes",)


@pytest.mark.parametrize("body", ["", "   ", "“", "“\n\n”", "said said said", "'' '' ''"])
def test_stage_degrades_on_odd_input(nlp, body):
    article = Article(id="t", title="“", body=body, doc=nlp(body), title_doc=nlp("“"))
    result = stage.compute(article, Options())
    assert isinstance(result, list)
    stage.annotate(article, result)
    assert article.quotes == result


def test_stage_without_a_parse_returns_nothing():
    assert stage.compute(Article(id="t", body="text"), Options()) == []


def test_transcript_turns(nlp):
    text = ("Chris Wallace spoke to Mike Pence on Sunday.\n\n"
            "WALLACE: Do you really see those two as equivalent, governor?\n\n"
            "\"PENCE: Well, she thinks this is an episode of “Shark Tank.” It is not.\"\n\n"
            "NOTE: The transcript was edited for length.")
    quotes = quotes_of(nlp, text)
    only(quotes, has="equivalent", speaker="Chris Wallace", speaker_mention="WALLACE", cue=":")
    q = only(quotes, has="Shark Tank", speaker="Mike Pence", speaker_mention="PENCE")
    assert q.text == "Well, she thinks this is an episode of “Shark Tank.” It is not."
    assert not any("edited" in q.text for q in quotes)


def test_lone_capitalised_label_is_not_a_transcript(nlp):
    text = ("Tom Baker spoke on Monday.\n\n"
            "CLARIFICATION: An earlier version of this story misstated the date of the meeting.")
    assert quotes_of(nlp, text) == []


def test_role_noun_resolved_through_the_people_stage_titles(nlp):
    text = ("Ana Ruiz met Tom Baker in Lima on Monday. “The budget will balance,” "
            "the minister added.")
    ruiz = Entity(name="Ana Ruiz", type="PERSON", titles=["Minister of Finance"],
                  spans=[Mention("Ana Ruiz", 0, 8)], gender="female")
    baker = Entity(name="Tom Baker", type="PERSON", titles=["banker"],
                   spans=[Mention("Tom Baker", 13, 22)], gender="male")
    only(quotes_of(nlp, text, entities=[ruiz, baker]), has="budget", speaker="Ana Ruiz",
         speaker_mention="the minister")


def test_pronoun_gender_from_the_people_stage(nlp):
    text = ("Ana Ruiz spoke first. Tom Baker said the plan was late. "
            "“The budget will balance,” she said.")
    ruiz = Entity(name="Ana Ruiz", type="PERSON", spans=[Mention("Ana Ruiz", 0, 8)],
                  gender="female")
    at = text.index("Tom Baker")
    baker = Entity(name="Tom Baker", type="PERSON", spans=[Mention("Tom Baker", at, at + 9)],
                   gender="male")
    only(quotes_of(nlp, text, entities=[ruiz, baker]), has="budget", speaker="Ana Ruiz",
         speaker_mention="she")


# -- a quotation inside another cue's clause; subjects; cues set off inside a sentence ---

@pytest.mark.parametrize("text, speaker", [
    ("Farmers said they wanted “fair prices for milk,” but promised to keep the roads open.",
     "Farmers"),
    ("Nurses said the ward needed “more hands at night,” but agreed to finish the shift.",
     None),
])
def test_quotation_inside_a_reported_clause_belongs_to_its_cue(nlp, text, speaker):
    # one quote, of "said" whose clause holds it, not a second one of the verb after it
    (quote,) = quotes_of(nlp, text)
    assert quote.cue == "said" and quote.speaker == speaker
    assert "hands at night" in quote.text or "prices for milk" in quote.text


def test_punctuation_is_never_the_subject_of_a_cue(nlp):
    # the parse makes the dash a second subject of "boasted"
    only(quotes_of(nlp, "The town's tax returns were made public ― Lopez boasted, "
                        "“That makes us rich.”"),
         text="That makes us rich.", speaker="Lopez", cue="boasted")


@pytest.mark.parametrize("text, expected", [
    ("Though the first merger was smooth, Ana Ruiz said, the second one would be far harder "
     "to finish.",
     "Though the first merger was smooth the second one would be far harder to finish"),
    ("Ana Ruiz runs the firm. Though that deal was relatively easy, she said, replacing the "
     "chief would be much harder and could lead to a fight.",
     "Though that deal was relatively easy replacing the chief would be much harder and could "
     "lead to a fight"),
])
def test_cue_set_off_inside_a_sentence_reports_the_whole_sentence(nlp, text, expected):
    only(quotes_of(nlp, text), text=expected, cue="said", direct=False)


@pytest.mark.parametrize("text", [
    "The city has faced storms before: Mayor Ana Ruiz declared an emergency in 2019.",
    "We have seen this before: the mayor declared war on the gangs.",
    "The river rose fast, the mayor declared an emergency on Monday.",
])
def test_verb_with_its_own_object_or_after_a_colon_reports_nothing_before_it(nlp, text):
    assert quotes_of(nlp, text) == []


@pytest.mark.parametrize("text, expected, cue", [
    ("The dam will hold until spring, Ana Ruiz said on Monday.",
     "The dam will hold until spring", "said"),
    ("The dam will hold until spring, the engineers told reporters.",
     "The dam will hold until spring", "told reporters"),
])
def test_clause_before_a_cue_after_a_comma_is_reported(nlp, text, expected, cue):
    only(quotes_of(nlp, text), text=expected, cue=cue, direct=False)


def test_inverted_said_parsed_into_the_name_still_has_its_speaker(nlp):
    # the parse makes "Said" a compound of "Ellis"
    only(quotes_of(nlp, "The plan would make the code more complicated. Said Ellis: “I don’t "
                        "get the sense she is interested in reform.”"),
         text="I don’t get the sense she is interested in reform.", speaker="Ellis")


def test_cue_of_the_next_quotation_does_not_take_the_one_before(nlp):
    text = ('Ana Ruiz runs the farm. I had to change my answer: "Of course I will stay. I was '
            'only joking." To which she said, "Thank God you are staying with us."')
    assert [q.text for q in quotes_of(nlp, text)] == ["Thank God you are staying with us."]


def test_that_clause_after_the_verb_wins_over_a_complement_parsed_before_it(nlp):
    # the parse hangs "won" on "noted" as well as the "that" clause
    text = ("Writing for a Chicago Tribune panel that all agreed Ruiz won the debate, Mark Lee "
            "noted that the way Ruiz carried herself was critical to her success.")
    only(quotes_of(nlp, text), text="that the way Ruiz carried herself was critical to her "
                                    "success", speaker="Mark Lee", cue="noted")


@pytest.mark.parametrize("text, speaker", [
    ("Senator Ana Ruiz forced Tom Baker to admit that no executives had been punished.",
     "Tom Baker"),
    ("The judge ordered Tom Baker to explain that the money had been moved.", "Tom Baker"),
])
def test_object_of_a_control_verb_is_the_speaker_of_its_infinitive(nlp, text, speaker):
    only(quotes_of(nlp, text), speaker=speaker, direct=False)


@pytest.mark.parametrize("text, expected", [
    ("Ana Ruiz will also find it difficult to repeat her attacks on the mayor.", []),
    ("Tom Baker will find it hard to explain his votes on the budget.", []),
    ("Ana Ruiz found that the plan was too costly for the town.",
     ["that the plan was too costly for the town"]),
])
def test_it_and_an_adjective_is_a_judgement_not_a_report(nlp, text, expected):
    assert [q.text for q in quotes_of(nlp, text)] == expected


def test_report_inside_another_report_is_part_of_it(nlp):
    text = "The mayor said the videos show the driver leaving his car calmly."
    assert [(q.text, q.cue) for q in quotes_of(nlp, text)] == [
        ("the videos show the driver leaving his car calmly", "said")]


def test_report_whose_cue_follows_it_is_kept_beside_the_outer_one(nlp):
    text = ("Police have said they have no plans to release the tapes, according to lawyers "
            "for the family.")
    found = [(q.cue, q.speaker_mention) for q in quotes_of(nlp, text)]
    assert ("according to", "lawyers") in found and ("said", "Police") in found


def test_subject_nearest_the_verb_wins_when_the_parse_gives_two(nlp):
    # the parse makes both "promises" and "analyses" subjects of "agree"
    text = ("His promises to cut taxes notwithstanding, independent analyses agree the top "
            "earners would gain most.")
    only(quotes_of(nlp, text), text="the top earners would gain most",
         speaker_mention="independent analyses")
