"""Indirect speech: the content clause a cue reports ("Kirby said [there has been ...]").

From the parse: the clausal complement (``ccomp``) of the speech verb; for "Y, X said." the
clause the verb hangs on; for "according to X" the clause "according" modifies, less the
"according to X" phrase itself. Returns token ranges into the doc; nothing here reads text.
"""
from __future__ import annotations

from .lexicon import QUOTE_ONLY_VERBS, SPEECH_VERBS

_EDGE_PUNCT = frozenset(",;:-—–(")
#: Marks that set a cue off from the clause it reports ("Y, X said").
_SET_OFF = frozenset(",—–―-")
_CLAUSE_HEADS = frozenset({"VERB", "AUX"})


def _trim(doc, start: int, end: int, holes: list[tuple[int, int]]) -> tuple[int, int]:
    """Shrink [start, end) past punctuation, conjunctions and holes at its edges."""
    changed = True
    while changed and start < end:
        changed = False
        for a, b in holes:
            if a <= start < b:
                start, changed = b, True
            if a < end <= b:
                end, changed = a, True
        while start < end and (doc[start].is_punct and doc[start].text in _EDGE_PUNCT
                               or doc[start].is_space or doc[start].dep_ == "cc"):
            start, changed = start + 1, True
        while start < end and (doc[end - 1].is_punct and doc[end - 1].text not in "\"”’'"
                               or doc[end - 1].is_space or doc[end - 1].dep_ == "cc"):
            end, changed = end - 1, True
    return start, end


def _reports(verb) -> bool:
    """A speech verb that reports a clause of its own."""
    return (verb.lemma_.lower() in SPEECH_VERBS and verb.lemma_.lower() not in QUOTE_ONLY_VERBS
            and any(c.dep_ == "ccomp" for c in verb.children))


def _span(token) -> tuple[int, int]:
    return token.left_edge.i, token.right_edge.i + 1


def content_of(cue) -> tuple[int, int, list[tuple[int, int]]] | None:
    """The token range [start, end) of what a cue reports, and the ranges inside it that are
    not part of it (the cue phrase itself when it stands in the middle). None when the cue
    reports no clause."""
    head = cue.head
    doc = head.doc
    if cue.kind == "according":
        clause = head.head
        while clause.pos_ not in _CLAUSE_HEADS and clause.head.i != clause.i:
            clause = clause.head
        if clause.i == head.i:
            return None
        start, end = _span(clause)
        hole = _span(head)
        start, end = _trim(doc, start, end, [hole])
        if end - start < 3:
            return None
        return start, end, [hole] if start < hole[0] and hole[1] < end else []
    complements = [c for c in head.children if c.dep_ == "ccomp" and not _it_adjective(c)]
    if complements:
        # the complement nearest the verb is the one it reports, but one after it introduced
        # by "that" wins ("Y won, X noted that Z": a parse hanging Y on the verb too)
        marked = [c for c in complements if c.i > head.i
                  and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
        comp = min(marked or complements, key=lambda c: abs(c.i - head.i))
        if comp.i < head.i and (_reports(comp) or _has_object(head, cue.tells)
                                or not _after_comma(doc, (_phrase_start(head),))):
            return None            # "X said Y, he told reporters": one report, not two
        start, end = _span(comp)
        start, end = _trim(doc, start, end, [])
        if end - start < 2:
            return None
        if comp.i < head.i:
            # "Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt": the report goes
            # on after the cue when a comma sets the cue apart
            tail = [c for c in head.children if c.i > head.i and c.dep_ == "advcl"
                    and any(m.dep_ == "mark" for m in c.children)
                    and c.lemma_.lower() not in SPEECH_VERBS]
            if tail and doc[tail[0].left_edge.i - 1].text == ",":
                t_end = _trim(doc, tail[0].left_edge.i, tail[-1].right_edge.i + 1, [])[1]
                return start, t_end, [(end, tail[0].left_edge.i)]
        return start, end, []
    if head.dep_ in ("parataxis", "advcl", "ccomp") and head.head.i != head.i:
        # "Y, X said." parsed with the verb hanging on Y: the verb needs its own subject and
        # must not be subordinate ("as X said", "when X said")
        hole = _span(head)
        set_off = "," in (doc[hole[0]].text, doc[hole[0] - 1].text) and doc[hole[1] - 1].is_punct
        clause = _reported_clause(head, hole, set_off)
        deps = {c.dep_ for c in head.children}
        if clause is None or clause.pos_ not in _CLAUSE_HEADS or "nsubj" not in deps \
                or "mark" in deps or not _after_comma(doc, hole) or _has_object(head, cue.tells):
            return None
        if _reports(clause):
            return None            # "X said Y, he told reporters": one report, not two
        start, end = _span(clause)
        if end > hole[1] + 1 and set_off:
            # "Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt": around the cue
            start, end = _trim(doc, start, end, [])
            return (start, end, [hole]) if end - start >= 3 else None
        start, end = _trim(doc, start, min(end, hole[0]), [])
        return (start, end, []) if end - start >= 3 else None
    return None


def _after_comma(doc, hole: tuple[int, int]) -> bool:
    """The cue phrase follows a comma or a dash, as in "Y, X said" (not a colon: "Y: X declared
    war" reports nothing before it)."""
    at = hole[0]
    return doc[at].text in _SET_OFF or (at > 0 and doc[at - 1].text in _SET_OFF)


def _phrase_start(head) -> int:
    """The first token of a cue verb with its subject ("Mr. Clarke said")."""
    return min([c.left_edge.i for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
               + [head.i])


def _has_object(head, tells: bool) -> bool:
    """The verb has an object of its own ("declared war"), other than the listener of a verb
    of telling: it does not report the clause before it."""
    return not tells and any(c.dep_ in ("dobj", "xcomp") for c in head.children)


def _it_adjective(comp) -> bool:
    """A complement that is only "it" and an adjective, with no verb of its own: "will find it
    difficult to repeat", "declared it responsible" judge something, they report nothing."""
    deps = {c.dep_: c for c in comp.children}
    subject = deps.get("nsubj")
    return (comp.pos_ == "ADJ" and subject is not None and subject.lower_ == "it"
            and not any(d in deps for d in ("aux", "auxpass", "cop", "mark")))


def _reported_clause(head, hole: tuple[int, int], set_off: bool):
    """The clause a cue hanging on another verb reports: the verb it hangs on, before it; or,
    for a cue set off by commas inside the sentence ("Though A was easy, he said, B will be
    hard"), the main clause around it, climbing from a subordinate clause to its governor."""
    clause = head.head
    if set_off:
        while clause.dep_ == "advcl" and clause.head.i >= hole[1]:
            clause = clause.head
    elif clause.i > head.i:
        return None
    return clause


def _toward(head, tok):
    """The dependent of ``head`` on the path up from ``tok`` (None when ``head`` is not
    above it)."""
    for _ in range(60):
        if tok.head.i == tok.i:
            return None
        if tok.head.i == head.i:
            return tok
        tok = tok.head
    return None


def content_around(cue, first: int, last: int, listener: bool = False
                   ) -> tuple[int, int] | None:
    """The token range of what a cue reports when a quotation stands at tokens [first, last):
    the cue's dependent that holds the quotation ("said [there has been a 'dramatic increase'
    in migration]"), with the object before it for verbs that label ("called [it 'crazy']").
    None when the quotation does not hang on the cue."""
    head = cue.head
    doc = head.doc
    root = next((t for t in doc[first:last] if not (first <= t.head.i < last) and not t.is_punct),
                None)                  # the quotation's first root: the rest need not be built
    if root is None:
        return None
    dep = _toward(head, root)
    if dep is None or dep.dep_ in ("nsubj", "nsubjpass", "agent", "punct"):
        return None
    start, end = _span(dep)
    if not listener and dep.dep_ not in ("dobj", "ccomp"):
        for child in head.children:
            if child.dep_ == "dobj" and head.i < child.i < dep.i:
                start = min(start, child.left_edge.i)
    start, end = _trim(doc, min(start, first), max(end, last), [])
    return (start, end) if end > start else None
