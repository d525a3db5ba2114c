"""The tense of the clause a time expression stands in, read from spaCy's parse.

"past" for a verb in the past (VBD, or a participle with "have"/"had"/"was"), "future" for
"will"/"shall"/"going to", a modal ("could", "would", "may"), or a verb under a verb of plans
("plans to", "expects to", "is scheduled to", "agreed to meet"), "present" for the present,
None where no verb governs the phrase (a headline, a list). The rules read a month, a day or a
weekday without its year or week by this tense, as HeidelTime does.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

_FUTURE_AUX = frozenset({"will", "wo", "'ll", "shall"})
_MODALS = frozenset({"would", "could", "may", "might", "should", "must", "can", "'d"})
#: Verbs whose complement is a plan ("plans to", "expected to", "agreed to meet"): the
#: complement's time lies ahead of what is reported.
_PLAN_VERBS = frozenset({"plan", "expect", "schedule", "intend", "aim", "hope", "want", "seek",
                         "propose", "agree", "promise", "vow", "prepare", "set", "threaten",
                         "decide", "arrange", "due", "slate", "anticipate", "forecast",
                         "project", "predict", "estimate"})


#: Verbs of plans that, in the passive, make a plan of their own ("is scheduled for",
#: "was expected in"); "was estimated at" reports a measure, not a plan.
_PLANNED_PASSIVES = _PLAN_VERBS - {"estimate", "project", "forecast", "predict", "anticipate"}


def governing_verb(span: Span) -> Token | None:
    """The verb the phrase hangs from, climbing at most four heads."""
    head = span.root
    for _ in range(5):
        if head.pos_ in ("VERB", "AUX") or head.tag_ in ("MD",) or head.lower_ == "due":
            return head
        if head.head.i == head.i:
            return None
        head = head.head
    return None


def _under_adjective(span: Span, verb: Token) -> bool:
    """The phrase completes an adjective on the way up to the verb ("payable Dec. 15",
    "effective Feb. 1"): the date of a state the verb sets up, not of the verb's act. A
    predicate adjective ("were worth more in March") is the verb's own clause."""
    node = span.root.head
    while node.i != verb.i and node.head.i != node.i:
        if node.pos_ == "ADJ" and node.i < span.start and node.dep_ != "acomp":
            return True
        node = node.head
    return False


def _planned(verb: Token) -> bool:
    """The verb is the complement of a verb of plans, or a plan itself ("scheduled")."""
    node = verb
    for _ in range(2):
        if node.lemma_.lower() in _PLANNED_PASSIVES and node.tag_ in ("VBN", "JJ") and any(
                c.dep_ in ("auxpass", "aux") and c.lemma_ == "be" for c in node.children):
            return True                                 # "is scheduled for", "was expected in"
        if node.dep_ in ("xcomp", "ccomp") and node.head.lemma_.lower() in _PLAN_VERBS \
                and node.tag_ == "VB":
            return True                                 # "plans to meet", "agreed to sell"
        node = node.head
    return False


def clause_tense(span: Span) -> str | None:
    """"past", "present" or "future" for the clause of ``span``; None without a verb."""
    verb = governing_verb(span)
    if verb is None or _under_adjective(span, verb):
        return None
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {c.lower_ for c in aux}
    if words & _FUTURE_AUX or (verb.lower_ == "going" and any(c.lower_ == "to" for c in
                                                                verb.children)):
        return "future"
    if words & _MODALS or verb.tag_ == "MD":
        return "future"
    if _planned(verb):
        return "future"
    if any(c.tag_ == "VBD" for c in aux) or verb.tag_ == "VBD":
        return "past"
    if verb.tag_ == "VBN" and any(c.lemma_ == "have" for c in aux):
        return "past"
    if verb.tag_ == "VBN" and (verb.dep_ in ("acl", "relcl") or not aux and verb.dep_ in (
            "advcl", "conj")):   # "the quarter ended Sept. 30", "the terms, announced Friday,"
        return "past"
    if verb.tag_ == "VB" and verb.head.lemma_ == "be" and verb.dep_ == "xcomp" and any(
            c.lower_ == "to" for c in verb.children):        # "is to resume trading Tuesday"
        return "future"
    if verb.tag_ in ("VBZ", "VBP") or any(c.tag_ in ("VBZ", "VBP") for c in aux):
        return "present"
    if verb.tag_ in ("VBG", "VBN") and not aux and verb.dep_ in ("advcl", "xcomp", "conj") \
            and verb.head.i != verb.i:                  # "..., rising to $42 in June": its head's
        return clause_tense(verb.doc[verb.head.i:verb.head.i + 1])
    if verb.tag_ == "VB" and verb.dep_ in ("xcomp", "ccomp", "advcl"):
        return clause_tense(verb.head.doc[verb.head.i:verb.head.i + 1]) if verb.head.i != verb.i \
            else None
    return None
