"""Names used as something else than a person's name: a quoted title, a noun after "the"."""
from __future__ import annotations

from collections import defaultdict

from .names import name_key

#: Determiners no personal name takes ("the Briton", "a Democrat"; not "the Clintons").
DETERMINERS = frozenset({"the", "a", "an", "another", "every", "each", "this", "that"})
#: The ``Raw.source`` of mentions retyped here (later relabelling leaves them alone).
SOURCES = frozenset({"quoted", "determiner"})


def retype_quoted_titles(doc, raws) -> None:
    """A "person" of two words or more standing alone between quotation marks is the title
    of a work (' " Viva Zapata " and " On the Waterfront " '), not someone named there."""
    for r in raws:
        if r.label == "PERSON" and r.end - r.start >= 2 and r.start > 0 and r.end < len(doc) \
                and doc[r.start - 1].is_quote and doc[r.end].is_quote:
            r.label, r.source = "WORK_OF_ART", "quoted"


def retype_common_nouns(doc, raws) -> None:
    """A one-word "person" that every mention gives a determiner ("the Briton", "the third
    Briton") is a noun for a kind of people, not a name (NORP)."""
    mentions = defaultdict(list)
    for r in raws:
        if r.label == "PERSON" and r.end - r.start == 1:
            mentions[name_key(r.text(doc))].append(r)
    for group in mentions.values():
        if all(_determined(doc, r.start) and not r.honorific for r in group):
            for r in group:
                r.label, r.source = "NORP", "determiner"


def _determined(doc, start: int) -> bool:
    """Whether the word at ``start`` follows a determiner, perhaps with an ordinal between."""
    i = start - 1
    if i > 0 and doc[i].ent_type_ == "ORDINAL":
        i -= 1
    return i >= 0 and doc[i].lower_ in DETERMINERS and doc[i].tag_ == "DT"
