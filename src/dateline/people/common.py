"""Names used as something else than a person's name: a quoted title, a noun after "the"."""
from __future__ import annotations

from collections import defaultdict

from .evidence import WEIGHTS, given_name, modifies_noun
from .names import name_key

#: Determiners no personal name takes ("the Briton", "a Democrat"; not "the Clintons").
DETERMINERS = frozenset({"the", "a", "an", "another", "every", "each", "this", "that"})
#: The ``Raw.source`` of mentions retyped here (later relabelling leaves them alone), which
#: is also the reason recorded for their type, and the type it is a reason for.
KINDS = {"quoted title": ("WORK_OF_ART",), "determiner": ("NORP",), "modifier": ("NORP",)}
SOURCES = frozenset(KINDS)


def retype_quoted_titles(doc, raws, reasons: dict) -> None:
    """A "person" of two words or more standing alone between quotation marks is the title
    of a work (' " Viva Zapata " and " On the Waterfront " '), not someone named there."""
    for r in raws:
        if r.label == "PERSON" and r.end - r.start >= 2 and r.start > 0 and r.end < len(doc) \
                and doc[r.start - 1].is_quote and doc[r.end].is_quote:
            _retype(doc, r, "WORK_OF_ART", "quoted title", reasons)


def retype_common_nouns(doc, raws, reasons: dict) -> None:
    """A one-word "person" that every mention gives a determiner ("the Briton", "the third
    Briton") is a noun for a kind of people, not a name (NORP)."""
    mentions = defaultdict(list)
    for r in raws:
        if r.label == "PERSON" and r.end - r.start == 1:
            mentions[name_key(r.text(doc))].append(r)
    for group in mentions.values():
        if all(_determined(doc, r.start) and not r.honorific for r in group):
            for r in group:
                _retype(doc, r, "NORP", "determiner", reasons)


def _determined(doc, start: int) -> bool:
    """Whether the word at ``start`` follows a determiner, perhaps with an ordinal between."""
    i = start - 1
    if i > 0 and doc[i].ent_type_ == "ORDINAL":
        i -= 1
    return i >= 0 and doc[i].lower_ in DETERMINERS and doc[i].tag_ == "DT"


def retype_modifiers(doc, raws, reasons: dict) -> None:
    """A "person" with no person evidence that every mention uses to modify a noun, without
    a given name ("the Rwandan Hutu refugees"; not "the Marc Dupont case"), names a kind of
    thing or people, not someone (NORP)."""
    mentions = defaultdict(list)
    for r in raws:
        if r.label == "PERSON":
            mentions[name_key(r.text(doc))].append(r)
    for key, group in mentions.items():
        person_cues = [c for c in reasons.get(key, ()) if WEIGHTS.get(c, ("",))[0] == "PERSON"]
        if not person_cues and all(modifies_noun(doc, r.end) and not given_name(doc[r.start].text)
                                   for r in group):
            for r in group:
                _retype(doc, r, "NORP", "modifier", reasons)


def _retype(doc, r, label: str, reason: str, reasons: dict) -> None:
    r.label, r.source = label, reason
    key = name_key(r.text(doc))
    reasons[key] = [x for x in reasons.get(key, ()) if x != "model"] + [reason]
