"""Word lists for quote attribution: the verbs that report speech, and the nouns for speakers.

Lemmas, lower case. Kept apart from the algorithm so that they can be read and extended alone.
"""
from __future__ import annotations

#: Verbs that report what someone said or wrote (with a quote or a content clause).
SPEECH_VERBS = frozenset("""
    say tell add note write state declare announce claim argue insist warn suggest acknowledge
    admit report confirm deny reply respond answer ask recall predict tweet post explain
    conclude observe remark comment concede contend maintain assert stress emphasize emphasise
    complain lament charge allege testify reveal disclose indicate reiterate repeat boast joke
    quip shout yell scream cry exclaim whisper mutter counter retort caution promise pledge vow
    urge demand propose agree speculate wonder question hint signal forecast project estimate
    calculate find show advise recommend muse reason read continue begin instruct inform assure
    remind brag gush rail blast threaten complain cite describe reckon mention point
    acknowledge rule order proclaim recount relate affirm aver opine posit theorize surmise
""".split())

#: Speech verbs that need a particle to report speech ("point out").
PARTICLE_VERBS = {"point": "out"}

#: Speech verbs that report speech only when a quotation follows or a colon introduces it.
QUOTE_ONLY_VERBS = frozenset({"continue", "begin", "read", "describe", "cite", "rail", "blast",
                              "order", "rule", "mention", "relate"})

#: Nouns naming a person by role: "the spokesman said" can be resolved to a named person.
ROLE_NOUNS = frozenset("""
    spokesman spokeswoman spokesperson president minister secretary chairman chairwoman chair
    director chief governor senator mayor leader candidate nominee official officer adviser
    advisor aide ambassador general commander judge attorney lawyer prosecutor founder
    executive ceo head manager economist analyst professor author lawmaker representative
    congressman congresswoman sheriff captain coach premier chancellor king queen prince
    pope bishop rev reverend pastor prime vice deputy envoy negotiator strategist pollster
    consultant owner partner researcher scientist doctor dr. mr. mrs. ms. councilman
    councilwoman commissioner treasurer auditor inspector administrator superintendent
    principal dean president-elect emir sultan diplomat
""".split())

#: Pronouns by the kind of speaker they can stand for.
#: Nouns naming groups of people or bodies that speak: "officials said", "the company said".
#: Any other common noun ("the scan", "video footage", "shares") is no speaker.
GROUP_NOUNS = frozenset("""
    official source people police analyst expert critic resident witness protester supporter
    opponent voter member worker employee staff student parent doctor scientist researcher
    investigator authority government administration campaign team family friend neighbour
    neighbor colleague spokespeople lawmaker legislator democrat republican leader observer
    diplomat activist organizer organiser fan player owner customer user citizen officer
""".split())

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "i", "me"})
GROUP_PRONOUNS = frozenset({"they", "them", "we", "us"})
THING_PRONOUNS = frozenset({"it"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
MALE_PRONOUNS = frozenset({"he", "him", "his"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers"})
MALE_HONORIFICS = frozenset({"mr.", "mr", "sir", "lord", "king", "prince"})
FEMALE_HONORIFICS = frozenset({"mrs.", "mrs", "ms.", "ms", "miss", "madam", "dame", "lady",
                               "queen", "princess"})

#: Entity types that can speak.
SPEAKER_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})

#: Words that may stand before a name in a speaker mention but are not part of the name.
DETERMINERS = frozenset({"the", "a", "an"})
