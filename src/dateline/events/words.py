"""Word lists for finding events and their circumstances in English news text."""
from __future__ import annotations

#: Verbs that report speech or writing: "..., the White House said Thursday".
REPORTING_VERBS = frozenset("""
say tell add claim state report announce confirm reveal insist warn write tweet note explain
argue suggest acknowledge admit declare allege deny told
""".split())

#: Place entity labels (and ORG when it stands after a locative preposition: "at the White House").
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
LOCATIVE_PREPS = frozenset({"in", "at", "outside", "inside", "near", "into", "onto", "on", "to",
                            "across", "from", "around", "towards", "toward", "off", "behind"})
ORG_PLACE_PREPS = frozenset({"in", "at", "outside", "inside", "near", "into", "behind"})

#: Subordinators and prepositions opening a cause or reason.
CAUSE_MARKERS = frozenset({"because", "since", "as", "after", "amid", "following", "over",
                           "despite", "given"})
#: Multi-word causal prepositions, as lower-case token sequences.
CAUSE_PHRASES = (("because", "of"), ("due", "to"), ("owing", "to"), ("thanks", "to"),
                 ("as", "a", "result", "of"), ("in", "the", "wake", "of"), ("caused", "by"),
                 ("in", "response", "to"), ("in", "retaliation", "for"), ("in", "revenge", "for"),
                 ("in", "protest", "at"), ("in", "protest", "against"))
#: Nouns that name a reason when followed by "for"/"to": "a revenge attack for ...".
CAUSE_NOUNS = frozenset({"retaliation", "revenge", "response", "reprisal", "reaction", "protest"})
#: How strong each kind of cause is when several compete (higher wins).
CAUSE_STRENGTH = {"because": 5, "motive": 5, "noun": 5, "phrase": 4.5, "purpose": 4, "blame": 3.5,
                  "since": 3, "after": 3, "following": 3, "amid": 3, "as": 2, "over": 2, "for": 1,
                  "despite": 1, "given": 2}
#: Verbs that name a cause, and the preposition that introduces it ("blame Y on X",
#: "attribute Y to X"); with "for" ("blame X for Y") the cause is the object.
CAUSE_VERBS = {"blame": "on", "attribute": "to", "credit": "with"}

#: Prepositions of manner and means: "with a truck bomb", "by ramming", "using diggers".
MEANS_PREPS = frozenset({"with", "by", "using", "via", "through"})
#: Verbs of social interaction: their "with" names company, not a means ("meets with Obama").
RECIPROCAL_VERBS = frozenset("""
meet talk speak agree disagree clash negotiate fight argue work sign deal consult join partner
merge collaborate cooperate side ally compete play dine chat speak meet celebrate
""".split())
#: Nouns for people that keep one company ("with his family"), not means.
COMPANY_NOUNS = frozenset("""
team family wife husband friend colleague official partner son daughter mother father child
children supporter fan player
""".split())
#: Nouns naming a channel or exchange: "in a conference call", "after telephone talks".
CHANNEL_NOUNS = frozenset("""
call phone telephone talks talk conversation statement letter letters interview tweet tweets post
speech email emails video message meeting briefing conference press telegram broadcast
negotiations discussion discussions summit vote referendum
""".split())
#: Adverbs that are no manner ("reportedly", "also"): never a "how" answer.
NOT_MANNER = frozenset("""
also only just even still already reportedly allegedly apparently now then later earlier again
never ever not so too very really quite largely mostly partly nearly almost finally initially
soon shortly recently currently previously once together further however meanwhile instead
""".split())

#: Words that open an adverbial clause in a headline ("..., after X", "as X", "to X").
CLAUSE_BREAKS = frozenset({"after", "as", "because", "since", "while", "when", "amid", "despite",
                           "following", "before", "until", "though", "although", "whereas",
                           "if", "unless", "so"})

#: Person pronouns a subject may be (resolved to the nearest person).
PRONOUNS = frozenset({"he", "she", "they", "him", "her", "them", "it", "we", "i", "you"})
