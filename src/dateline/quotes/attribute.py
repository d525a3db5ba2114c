"""Attribution of quoted spans: which cue (and so which speaker) each quotation belongs to.

A quotation gets a cue the parse links to it ("said" whose complement lies inside the quote,
or a verb hanging on it), else the nearest cue in the same sentence after or before it, else a
dash and a name closing the line ('"…" ― Ana Ruiz'), else a colon introduction ("He said:"),
else the quote before it in the paragraph (the second half of "A," he said. "B."), else a bare
"X said on Tuesday." just before. A quotation nothing attributes (a scare quote, a title) and
a quoted name ("Make Your Kid a Millionaire", 'on "Meet the Press"') get none.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy

from .cues import Cue, dash_cue
from .indirect import content_of
from .marks import QuoteSpan, find_quotes, paragraph_bounds
from .speakers import subject_of
from .transcript import transcript_spans

_TERMINATORS = frozenset({".", "!", "?"})
#: How many tokens around a quote may hold its cue.
_WINDOW = 30


@dataclass
class Attribution:
    cue: Cue
    quotes: list[int] = field(default_factory=list)   # indexes into the quoted spans


class Text:
    """The parse of one text with its quotations: which quote each token is in, paragraphs."""

    def __init__(self, doc, text: str):
        self.doc, self.text = doc, text
        paragraphs = paragraph_bounds(text)
        turns = transcript_spans(text, paragraphs)
        self.labels: dict[int, tuple[int, int]] = {s.start: (a, b) for s, a, b in turns}
        marked = [q for q in find_quotes(text)
                  if not any(s.start <= q.start < s.end for s, _, _ in turns)]
        self.spans: list[QuoteSpan] = sorted(marked + [s for s, _, _ in turns],
                                             key=lambda q: q.start)
        idx, space = _columns(doc)
        starts = numpy.array([q.start for q in self.spans], dtype=numpy.int64)
        ends = numpy.array([q.end for q in self.spans], dtype=numpy.int64)
        # the quote each token is in (-1: none): the last quote starting at or before it
        quote = numpy.searchsorted(starts, idx, side="right") - 1
        inside = (quote >= 0) & (idx < ends[quote]) if len(starts) else numpy.zeros(len(idx), bool)
        owner = numpy.where(inside, quote, -1)
        self.owner: list[int] = owner.tolist()
        self.masked: list[bool] = inside.tolist()
        first, last = _first_last(owner[inside], inside.nonzero()[0])
        self.tokens: list[tuple[int, int]] = [(first.get(j, 0), last.get(j, -1) + 1)
                                              for j in range(len(self.spans))]
        para_starts = numpy.array([a for a, _ in paragraphs] or [0], dtype=numpy.int64)
        para = numpy.searchsorted(para_starts, idx, side="right")
        self.para: list[int] = para.tolist()
        words = (space == 0).nonzero()[0]
        self.para_first, last = _first_last(para[words], words)
        self.para_end: dict[int, int] = {p: i + 1 for p, i in last.items()}

    def clip(self, start: int, end: int, cue: Cue) -> tuple[int, int] | None:
        """[start, end) kept inside the cue's paragraph."""
        p = self.para[cue.i]
        start = max(start, self.para_first.get(p, start))
        end = min(end, self.para_end.get(p, end))
        while start < end and self.doc[start].is_space:
            start += 1
        return (start, end) if end - start >= 2 else None

    def content(self, cue: Cue):
        """What the cue reports (see ``indirect.content_of``), kept inside the cue's paragraph."""
        found = content_of(cue)
        if found is None:
            return None
        start, end, holes = found
        clipped = self.clip(start, end, cue)
        if clipped is None:
            return None
        start, end = clipped
        return start, end, [h for h in holes if start <= h[0] and h[1] <= end]

    def boundary(self, i: int) -> bool:
        tok = self.doc[i]
        return (tok.text in _TERMINATORS and not self.masked[i]) or "\n" in tok.text

    def window_after(self, q: int) -> list[int]:
        a, b = self.tokens[q]
        out = []
        i = b
        while i < len(self.doc) and i < b + _WINDOW and self.owner[i] < 0 and not self.boundary(i):
            out.append(i)
            i += 1
        return out

    def window_before(self, q: int) -> list[int]:
        a, _ = self.tokens[q]
        out = []
        i = a - 1
        while i >= 0 and i >= a - _WINDOW and self.owner[i] < 0 and not self.boundary(i):
            out.append(i)
            i -= 1
        return out

    def prev_token(self, i: int):
        """The nearest token before ``i`` that is not white space."""
        i -= 1
        while i >= 0 and self.doc[i].is_space:
            i -= 1
        return i


def _columns(doc) -> tuple[numpy.ndarray, numpy.ndarray]:
    """Every token's character offset and is_space, from the doc's array (a Token object per
    token, three times over, cost more than the rest of this class)."""
    from spacy.attrs import IDX, IS_SPACE

    cols = doc.to_array([IDX, IS_SPACE]).astype(numpy.int64)
    return cols[:, 0], cols[:, 1]


def _first_last(keys: numpy.ndarray, at: numpy.ndarray) -> tuple[dict[int, int], dict[int, int]]:
    """For each key, the first and the last of the positions ``at`` it comes with (``keys`` is
    in order: equal keys stand together)."""
    if not len(keys):
        return {}, {}
    change = numpy.flatnonzero(numpy.diff(keys)) + 1
    heads = numpy.concatenate(([0], change))
    tails = numpy.concatenate((change - 1, [len(keys) - 1]))
    names = keys[heads].tolist()
    return dict(zip(names, at[heads].tolist())), dict(zip(names, at[tails].tolist()))


def _linked(cue: Cue, q: int, t: Text) -> bool:
    """The parse ties the cue to the quote: its complement or object is inside it, or it
    hangs on a word inside it."""
    a, b = t.tokens[q]
    head = cue.head
    if a <= head.head.i < b:
        return True
    return any(a <= c.i < b for c in head.children if c.dep_ in ("ccomp", "dobj", "xcomp",
                                                                   "parataxis", "advcl", "dep"))


def _ends_sentence(span: QuoteSpan, text: str) -> bool:
    inner = text[span.inner_start:span.inner_end].rstrip()
    return inner.endswith((".", "!", "?", "…"))


def _label_cue(t: Text, start: int, end: int) -> Cue | None:
    """The cue of a transcript turn: its label ("PENCE:") names the speaker."""
    label = t.doc.char_span(start, end, alignment_mode="expand")
    if label is None:
        return None
    return Cue(label[0], "label", [], quote_only=True, source=label[-1], label=":")


def _holding(q: int, t: Text, before: list[Cue]) -> Cue | None:
    """The nearest cue before the quote whose reported clause holds it ('X said they want
    "justice for Y," but pledged ...': the quote is part of what "said" reports, not a quote
    of "pledged")."""
    a, b = t.tokens[q]
    words = [i for i in range(a, b) if not t.doc[i].is_punct]
    if not words:
        return None
    a, b = words[0], words[-1] + 1
    for cue in before:
        found = None if cue.quote_only else t.content(cue)
        if found is not None and found[0] <= a and b <= found[1]:
            return cue
    return None


def _choose_cue(q: int, t: Text, cues: dict[int, Cue]) -> Cue | None:
    if t.spans[q].start in t.labels:
        return _label_cue(t, *t.labels[t.spans[q].start])
    after = [cues[i] for i in t.window_after(q) if i in cues]
    before = [cues[i] for i in t.window_before(q) if i in cues]
    holding = _holding(q, t, before)
    if holding is not None:
        return holding
    linked = [c for c in after + before if _linked(c, q, t)]
    if linked:
        return min(linked, key=lambda c: abs(c.i - t.tokens[q][0]))
    span = t.spans[q]
    dash = dash_cue(t.doc, t.text, span.end, t.masked)
    if dash is not None:
        return dash
    if after and not _ends_sentence(span, t.text):
        return after[0]
    if before:
        return before[0]
    # '"Why not?" Vitter asked.': after a full sentence, only a cue that reports nothing else
    # (and is not the cue of the next quotation: '"A." To which she said, "B."')
    for cue in after:
        reports = any(c.dep_ in ("ccomp", "xcomp", "dobj") and not t.masked[c.i]
                      for c in cue.head.children)
        if q + 1 < len(t.spans) and _linked(cue, q + 1, t):
            continue
        if cue.i - t.tokens[q][1] <= 8 and not reports:
            return cue
    return None


_TITLE_SMALL = frozenset("a an the of in on at and or for to with by from as vs".split())
_OBJECT_PREPS = frozenset("on in at from to with by of for about during into onto via".split())


def _not_speech(q: int, t: Text) -> bool:
    """A quoted name rather than quoted speech: a title in title case ("Make Your Kid a
    Millionaire"), or a short quote standing as the object of a preposition ("on 'Fox News
    Sunday'", "the 'Buffett rule'" is left to the cue test)."""
    a, b = t.tokens[q]
    words = [tok for tok in t.doc[a:b] if tok.is_alpha]
    if not words or len(words) > 8:
        return False
    inner = t.text[t.spans[q].inner_start:t.spans[q].inner_end].strip()
    if len(words) >= 2 and not inner.endswith(("!", "?")) and all(
            w.text[0].isupper() for w in words if w.lower_ not in _TITLE_SMALL):
        return True
    roots = [tok for tok in t.doc[a:b] if not (a <= tok.head.i < b) and not tok.is_punct]
    return len(roots) == 1 and roots[0].dep_ == "pobj" and roots[0].head.lower_ in _OBJECT_PREPS


def _colon_cue(q: int, t: Text, cues: dict[int, Cue]) -> Cue | None:
    """A cue introducing the quote with a colon, in the sentence before it ("He said:")."""
    i = t.prev_token(t.tokens[q][0])
    if i < 0 or t.doc[i].text != ":":
        return None
    sent = t.doc[i].sent
    found = [cues[j] for j in range(sent.start, i) if j in cues]
    return found[-1] if found else None


def _bare_cue(q: int, t: Text, cues: dict[int, Cue], used: set[int]) -> Cue | None:
    """"X said on Tuesday." standing just before a quote: a cue with a subject that reports
    nothing of its own."""
    i = t.prev_token(t.tokens[q][0])
    if i < 0 or t.masked[i]:
        return None
    sent = t.doc[i].sent
    for j in range(sent.end - 1, sent.start - 1, -1):
        cue = cues.get(j)
        if cue is None or j in used or t.masked[j]:
            continue
        if (cue.kind == "verb" and t.content(cue) is None
                and subject_of(cue.head, t.masked) is not None):
            if not any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in cue.head.children):
                return cue
    return None


def attribute(t: Text, cues: dict[int, Cue]) -> list[Attribution]:
    """Give each quoted span a cue; quotes with none are left out."""
    by_cue: dict[int, Attribution] = {}
    order: list[Attribution] = []
    cue_of: dict[int, Cue] = {}
    for q in range(len(t.spans)):
        if t.tokens[q][1] <= t.tokens[q][0] or _not_speech(q, t):
            continue
        cue = _choose_cue(q, t, cues) or _colon_cue(q, t, cues)
        if cue is None and q > 0 and q - 1 in cue_of:
            prev = cue_of[q - 1]
            a_prev, b_prev = t.tokens[q - 1]
            same_para = t.para[a_prev] == t.para[t.tokens[q][0]]
            if same_para:
                cue = prev                         # "A," he said. "B."
            elif _starts_paragraph(q, t) and _ends_paragraph(q - 1, t):
                cue = prev                         # a quote running on in the next paragraph
        if cue is None and _starts_paragraph(q, t):
            cue = _bare_cue(q, t, cues, set(by_cue))
        if cue is None:
            continue
        cue_of[q] = cue
        if cue.i not in by_cue:
            by_cue[cue.i] = Attribution(cue)
            order.append(by_cue[cue.i])
        by_cue[cue.i].quotes.append(q)
    return order


def _starts_paragraph(q: int, t: Text) -> bool:
    i = t.prev_token(t.tokens[q][0])
    return i < 0 or t.para[i] != t.para[t.tokens[q][0]]


def _ends_paragraph(q: int, t: Text) -> bool:
    b = t.tokens[q][1]
    while b < len(t.doc) and t.doc[b].is_punct and "\n" not in t.doc[b].text:
        b += 1
    return b >= len(t.doc) or t.para[b] != t.para[t.tokens[q][0]] or t.doc[b].is_space
