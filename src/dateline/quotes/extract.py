"""Quotes of one text: quoted spans tied to their cues and speakers, and indirect speech.

Steps, all on the one spaCy parse of the text:

1. find the quoted spans (``marks``) and mask their tokens, so that words inside a quotation
   are never taken for cues or speakers;
2. find the cues outside quotations (``cues``);
3. give each quoted span its cue: one the parse links to it ("said" whose complement lies
   inside the quote, or a verb hanging on it), else the nearest cue in the same sentence after
   or before it, else a colon introduction ("He said:"), else the quote before it (the second
   half of "A," he said. "B." joins the first), else a bare "X said on Tuesday." just before;
   a quotation nothing attributes (a scare quote, a title) is left out;
4. a quoted span that is only a small part of the clause its cue reports becomes part of that
   clause (a "mixed" quote: the text is the clause, marks kept); otherwise quotes that share a
   cue are joined into one direct quote;
5. every other cue that reports a clause gives an indirect quote (``indirect``).
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from ..types import Quote
from .cues import Cue, dash_cue, find_cues
from .indirect import content_around, content_of
from .headline import headline_quotes
from .marks import QuoteSpan, find_quotes, paragraph_bounds
from .speakers import EntityIndex, Speaker, according_source, speaker_at, subject_of

_TERMINATORS = frozenset({".", "!", "?"})
#: How many tokens around a quote may hold its cue.
_WINDOW = 30
#: A quoted span covering less than this share of the clause its cue reports is part of a
#: mixed quote rather than a quote of its own.
MIXED_SHARE = 0.5


@dataclass
class _Attribution:
    cue: Cue
    quotes: list[int] = field(default_factory=list)   # indexes into the quoted spans


class _Text:
    """The parse of one text with its quotations: which quote each token is in, paragraphs."""

    def __init__(self, doc, text: str):
        self.doc, self.text = doc, text
        self.spans: list[QuoteSpan] = find_quotes(text)
        self.owner = [-1] * len(doc)
        self.tokens: list[tuple[int, int]] = [(0, 0)] * len(self.spans)
        starts = [s.start for s in self.spans]
        for tok in doc:
            j = bisect.bisect_right(starts, tok.idx) - 1
            if j >= 0 and tok.idx < self.spans[j].end:
                self.owner[tok.i] = j
        first: dict[int, int] = {}
        last: dict[int, int] = {}
        for i, j in enumerate(self.owner):
            if j >= 0:
                first.setdefault(j, i)
                last[j] = i
        self.tokens = [(first.get(j, 0), last.get(j, -1) + 1) for j in range(len(self.spans))]
        para_starts = [a for a, _ in paragraph_bounds(text)] or [0]
        self.para = [bisect.bisect_right(para_starts, t.idx) for t in doc]
        self.masked = [j >= 0 for j in self.owner]
        self._para_first: dict[int, int] = {}
        self._para_end: dict[int, int] = {}
        for tok in doc:
            if not tok.is_space:
                self._para_first.setdefault(self.para[tok.i], tok.i)
                self._para_end[self.para[tok.i]] = tok.i + 1

    def clip(self, start: int, end: int, cue: Cue) -> tuple[int, int] | None:
        """[start, end) kept inside the cue's paragraph."""
        p = self.para[cue.i]
        start, end = max(start, self._para_first.get(p, start)), min(end, self._para_end.get(p, end))
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


def _linked(cue: Cue, q: int, t: _Text) -> bool:
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


def _choose_cue(q: int, t: _Text, cues: dict[int, Cue]) -> Cue | None:
    after = [cues[i] for i in t.window_after(q) if i in cues]
    before = [cues[i] for i in t.window_before(q) if i in cues]
    linked = [c for c in after + before if _linked(c, q, t)]
    if linked:
        return min(linked, key=lambda c: abs(c.i - t.tokens[q][0]))
    span = t.spans[q]
    dash = dash_cue(t.doc, t.tokens[q][1], t.masked)
    if dash is not None:
        return dash
    if after and not _ends_sentence(span, t.text):
        return after[0]
    if before:
        return before[0]
    # '"Why not?" Vitter asked.': after a full sentence, only a cue that reports nothing else
    for cue in after:
        if cue.i - t.tokens[q][1] <= 8 and not any(
                c.dep_ in ("ccomp", "xcomp", "dobj") and not t.masked[c.i] for c in cue.head.children):
            return cue
    return None


_TITLE_SMALL = frozenset("a an the of in on at and or for to with by from as vs".split())
_OBJECT_PREPS = frozenset("on in at from to with by of for about during into onto via".split())


def _not_speech(q: int, t: _Text) -> bool:
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


def _colon_cue(q: int, t: _Text, cues: dict[int, Cue]) -> Cue | None:
    """A cue introducing the quote with a colon, in the sentence before it ("He said:")."""
    i = t.prev_token(t.tokens[q][0])
    if i < 0 or t.doc[i].text != ":":
        return None
    sent = t.doc[i].sent
    found = [cues[j] for j in range(sent.start, i) if j in cues]
    return found[-1] if found else None


def _bare_cue(q: int, t: _Text, cues: dict[int, Cue], used: set[int]) -> Cue | None:
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
        if cue.kind == "verb" and t.content(cue) is None and subject_of(cue.head, t.masked) is not None:
            if not any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in cue.head.children):
                return cue
    return None


def attribute(t: _Text, cues: dict[int, Cue]) -> list[_Attribution]:
    """Give each quoted span a cue; quotes with none are left out."""
    by_cue: dict[int, _Attribution] = {}
    order: list[_Attribution] = []
    cue_of: dict[int, Cue] = {}
    for q in range(len(t.spans)):
        if _not_speech(q, t):
            continue
        cue = _choose_cue(q, t, cues) or _colon_cue(q, t, cues)
        if cue is None and q > 0 and q - 1 in cue_of:
            prev = cue_of[q - 1]
            a_prev, b_prev = t.tokens[q - 1]
            same_para = t.para[a_prev] == t.para[t.tokens[q][0]]
            if same_para or b_prev <= prev.i < t.tokens[q][0]:
                cue = prev                         # "A," he said. "B."
            elif _starts_paragraph(q, t) and _ends_paragraph(q - 1, t):
                cue = prev                         # a quote running on in the next paragraph
        if cue is None and _starts_paragraph(q, t):
            cue = _bare_cue(q, t, cues, set(by_cue))
        if cue is None:
            continue
        cue_of[q] = cue
        if cue.i not in by_cue:
            by_cue[cue.i] = _Attribution(cue)
            order.append(by_cue[cue.i])
        by_cue[cue.i].quotes.append(q)
    return order


def _starts_paragraph(q: int, t: _Text) -> bool:
    i = t.prev_token(t.tokens[q][0])
    return i < 0 or t.para[i] != t.para[t.tokens[q][0]]


def _ends_paragraph(q: int, t: _Text) -> bool:
    b = t.tokens[q][1]
    while b < len(t.doc) and t.doc[b].is_punct and "\n" not in t.doc[b].text:
        b += 1
    return b >= len(t.doc) or t.para[b] != t.para[t.tokens[q][0]] or t.doc[b].is_space


def _speaker(cue: Cue, index: EntityIndex, masked) -> Speaker | None:
    if cue.source is not None:
        head = cue.source
    elif cue.kind == "according":
        head = according_source(cue.head)
    else:
        head = subject_of(cue.head, masked)
    return speaker_at(head, index) if head is not None else None


def _sentence(t: _Text, first: int, last: int) -> str:
    doc = t.doc
    start = doc[first].sent.start
    end = doc[last].sent.end
    return doc[start:end].text.strip()


def _quote(t: _Text, text: str, start: int, end: int, cue: Cue, speaker: Speaker | None,
           direct: bool, first_tok: int, last_tok: int) -> Quote:
    return Quote(text=text, speaker=speaker.name if speaker else None,
                 speaker_mention=speaker.mention if speaker else None, cue=cue.text,
                 direct=direct, start=start, end=end,
                 sentence=_sentence(t, min(first_tok, cue.i), max(last_tok, cue.i)),
                 speaker_type=speaker.type if speaker else None)


def _content_text(t: _Text, start: int, end: int, holes) -> tuple[str, int, int]:
    doc = t.doc
    s_char, e_char = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    pieces = [(s_char, e_char)]
    for a, b in holes:
        h_start, h_end = doc[a].idx, doc[b - 1].idx + len(doc[b - 1])
        pieces = [(s_char, h_start), (h_end, e_char)]
    text = " ".join(t.text[a:b].strip(" ,;") for a, b in pieces if t.text[a:b].strip(" ,;"))
    return text, s_char, e_char


def _split_mixed(t: _Text, cue: Cue, qs: list[int]):
    """Split a cue's quotations into direct ones and the clauses of mixed quotes: a quotation
    that is only a small part of the clause the cue reports is kept inside that clause."""
    direct: list[int] = []
    clauses: list[tuple[int, int]] = []
    for q in qs:
        a, b = t.tokens[q]
        if len(t.spans[q].pieces) > 1:
            direct.append(q)                  # a quote over several paragraphs is never partial
            continue
        around = content_around(cue, a, b, cue.tells)
        if around is not None:
            around = t.clip(around[0], around[1], cue)
        if around is not None:
            s, e = around
            words = sum(1 for i in range(s, e) if not t.doc[i].is_punct)
            quoted = sum(1 for i in range(s, e) if t.masked[i] and not t.doc[i].is_punct)
            if words and quoted / words < MIXED_SHARE:
                clauses.append((s, e))
                continue
        direct.append(q)
    outer: list[tuple[int, int]] = []
    for s, e in sorted(set(clauses), key=lambda c: c[0] - c[1]):
        if not any(o_s <= s and e <= o_e for o_s, o_e in outer):
            outer.append((s, e))
    return direct, sorted(outer)


def extract(doc, text: str, entities=None, title_doc=None, title: str | None = None
            ) -> list[Quote]:
    """Direct, mixed and indirect quotes of ``text`` (whose parse is ``doc``), in text order,
    after those of the headline ``title`` (whose parse is ``title_doc``)."""
    body = extract_body(doc, text, entities)
    return headline_quotes(title_doc, title, body, entities) + body


def extract_body(doc, text: str, entities=None) -> list[Quote]:
    """Direct, mixed and indirect quotes of ``text`` (whose parse is ``doc``), in text order."""
    if doc is None or not text.strip() or len(doc) == 0:
        return []
    t = _Text(doc, text)
    cues = find_cues(doc, t.masked)
    index = EntityIndex(doc, entities, t.masked)
    quotes: list[tuple[int, Quote]] = []
    used_cues: set[int] = set()
    for att in attribute(t, cues):
        cue = att.cue
        used_cues.add(cue.i)
        speaker = _speaker(cue, index, t.masked)
        if speaker is None:
            continue
        direct, mixed = _split_mixed(t, cue, att.quotes)
        for c_start, c_end in mixed:
            body, s_char, e_char = _content_text(t, c_start, c_end, [])
            quotes.append((s_char, _quote(t, body, s_char, e_char, cue, speaker, False,
                                          c_start, c_end - 1)))
        if direct:
            spans = [t.spans[q] for q in direct]
            body = " ".join(s.text(text) for s in spans)
            start, end = spans[0].bounds(text)[0], spans[-1].bounds(text)[1]
            quotes.append((start,
                           _quote(t, body, start, end, cue,
                                  speaker, True, t.tokens[direct[0]][0],
                                  t.tokens[direct[-1]][1] - 1)))
    for i, cue in cues.items():
        if i in used_cues or cue.quote_only:
            continue
        content = t.content(cue)
        if content is None:
            continue
        speaker = _speaker(cue, index, t.masked)
        if speaker is None:
            continue
        c_start, c_end, holes = content
        body, s_char, e_char = _content_text(t, c_start, c_end, holes)
        if len(body.split()) < 3:
            continue
        quotes.append((s_char, _quote(t, body, s_char, e_char, cue, speaker, False,
                                      c_start, c_end - 1)))
    quotes.sort(key=lambda x: x[0])
    return [q for _, q in quotes]
