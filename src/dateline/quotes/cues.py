"""Cues: the words that report speech ("said", "told reporters", "according to").

Verb cues come from the parse (a verb whose lemma reports speech); phrase cues ("according
to") from the doc's lowercase column. Tokens inside quotation marks are never cues: they belong to what
was said, not to the report of it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .lexicon import PARTICLE_VERBS, QUOTE_ONLY_VERBS, SPEECH_VERBS

#: Verbs whose object names the listener: "told reporters", "told The Associated Press".
_LISTENER_VERBS = frozenset({"tell", "ask", "inform", "remind", "assure", "advise", "warn",
                             "instruct", "urge"})


@dataclass
class Cue:
    """A speech cue in the doc: its head token and the tokens of the phrase."""
    head: object                     # spaCy Token: the verb, or "according"
    kind: str                        # "verb", "according" or "dash"
    words: list = field(default_factory=list)
    quote_only: bool = False         # only a cue when a quotation goes with it
    tells: bool = False              # its object is the listener ("told reporters")
    source: object = None            # the speaker's head token, for cues without a verb
    label: str | None = None         # the cue's text when it is not made of whole tokens

    @property
    def i(self) -> int:
        return self.head.i

    @property
    def text(self) -> str:
        if self.label is not None:
            return self.label
        text = " ".join(t.text for t in sorted(self.words, key=lambda t: t.i))
        return text.lower() if self.kind == "according" else text


def _according_to(doc) -> list[int]:
    """Starts of the token pairs "according to" (any case), from the doc's LOWER column in one
    array pass (a spaCy Matcher costs more than the rest of the cue search on a long text)."""
    from spacy.attrs import LOWER

    if len(doc) < 2:
        return []
    lower = doc.to_array(LOWER)
    strings = doc.vocab.strings
    hits = (lower[:-1] == strings.add("according")) & (lower[1:] == strings.add("to"))
    return [int(i) for i in hits.nonzero()[0]]


def children(token) -> list:
    """``children(token)``, from an index of the doc built once in one pass (spaCy's
    ``Token.children`` walks the token's whole subtree: quadratic over a run-on parse)."""
    doc = token.doc
    index = doc.user_data.get("dateline.children")
    if index is None or len(index) != len(doc):
        from spacy.attrs import HEAD

        index = [[] for _ in range(len(doc))]
        # heads as offsets from the doc's array (no Token object per token)
        for i, offset in enumerate(doc.to_array(HEAD).astype("int64").tolist()):
            if offset:
                index[i + offset].append(i)
        doc.user_data["dateline.children"] = index
    return [doc[i] for i in index[token.i]]


def _listener(verb) -> list:
    """The listener named after a verb of telling, when short: "told reporters"."""
    for child in children(verb):
        if child.dep_ in ("dobj", "dative", "iobj") and child.i > verb.i:
            words = list(child.subtree)
            if len(words) <= 4 and all(w.dep_ not in ("ccomp", "relcl", "acl") for w in words):
                return words
    return []


def verb_cue(token) -> Cue | None:
    """The cue headed by this token when it is a reporting verb, else None."""
    if token.pos_ != "VERB":
        return None
    lemma = token.lemma_.lower()
    if lemma == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in children(token)):
        return Cue(token, "verb", [token, *[c for c in children(token) if c.lower_ == "it"]],
                   quote_only=True)                 # "as Ms. Simonyan put it"
    if lemma not in SPEECH_VERBS:
        return None
    if token.dep_ == "amod":
        return None                                   # "the said document"
    deps = {c.dep_ for c in children(token)}
    if "auxpass" in deps and "agent" not in deps:
        return None                                   # "as might be expected", "he was told"
    words = [token]
    particle = PARTICLE_VERBS.get(lemma)
    if particle:
        prt = [c for c in children(token) if c.dep_ == "prt" and c.lower_ == particle]
        if not prt:
            return None
        words += prt
    else:
        words += [c for c in children(token) if c.dep_ == "prt"]
    if lemma in _LISTENER_VERBS:
        words += _listener(token)
    return Cue(token, "verb", words, quote_only=lemma in QUOTE_ONLY_VERBS,
               tells=lemma in _LISTENER_VERBS)


_DASHES = "―—–-"


def _tokens_between(doc, start: int, end: int) -> list:
    """The tokens starting at character offsets [start, end), found by bisection (not a walk
    over the whole doc for every quote)."""
    lo, hi = 0, len(doc)
    while lo < hi:
        mid = (lo + hi) // 2
        if doc[mid].idx < start:
            lo = mid + 1
        else:
            hi = mid
    out = []
    while lo < len(doc) and doc[lo].idx < end:
        out.append(doc[lo])
        lo += 1
    return out


def dash_cue(doc, text: str, after: int, masked) -> Cue | None:
    """'"…" ― Pamela Padilla': a dash just after a quotation (character offset ``after``), then
    a name closing the line."""
    i = after
    while i < len(text) and text[i] in " \t":
        i += 1
    if i >= len(text) or text[i] not in _DASHES:
        return None
    dash_at = i
    while i < len(text) and text[i] in _DASHES:
        i += 1
    name = _tokens_between(doc, i, i + 80)
    for k, tok in enumerate(name):
        if "\n" in tok.text:
            name = name[:k]
            break
    while name and (name[-1].is_punct or name[-1].is_space):
        name.pop()
    if not name or len(name) > 5 or any(masked[t.i] for t in name):
        return None
    if not all(t.pos_ == "PROPN" or t.is_punct for t in name):
        return None
    head = doc.char_span(dash_at, dash_at + 1, alignment_mode="expand")
    if head is None:
        return None
    return Cue(head[0], "dash", [], quote_only=True, source=name[-1], label=text[dash_at])


def find_cues(doc, masked) -> dict[int, Cue]:
    """Every cue outside quotation marks, keyed by its head token's index.

    ``masked[i]`` is true for tokens inside quotation marks.
    """
    from spacy.attrs import POS
    from spacy.parts_of_speech import VERB

    cues: dict[int, Cue] = {}
    # only verbs head a verb cue: their indices from the POS column (no Token per other word)
    for i in (doc.to_array(POS) == VERB).nonzero()[0].tolist():
        if masked[i]:
            continue
        cue = verb_cue(doc[i])
        if cue is not None:
            cues[i] = cue
    for start in _according_to(doc):
        if masked[start]:
            continue
        cues[start] = Cue(doc[start], "according", list(doc[start:start + 2]))
    return cues
