"""Quotes of one text: quoted spans tied to their cues and speakers, and indirect speech.

Steps, all on the one spaCy parse of the text:

1. find the quoted spans (``marks``) and mask their tokens, so that words inside a quotation
   are never taken for cues or speakers;
2. find the cues outside quotations (``cues``);
3. give each quoted span its cue (``attribute``); a quotation nothing attributes (a scare
   quote, a title) is left out;
4. a quoted span that is only a small part of the clause its cue reports becomes part of that
   clause (a "mixed" quote: the text is the clause, marks kept); otherwise quotes that share a
   cue are joined into one direct quote;
5. every other cue that reports a clause gives an indirect quote (``indirect``), unless its cue
   and clause stand inside another report ("X said [the videos show ...]").
"""
from __future__ import annotations

import bisect

from ..types import Quote
from .attribute import Text, attribute
from .cues import Cue, find_cues
from .headline import headline_quotes
from .marks import tidy
from .indirect import content_around
from .speakers import EntityIndex, Speaker, according_source, speaker_at, subject_of

#: A quoted span covering less than this share of the clause its cue reports is part of a
#: mixed quote rather than a quote of its own.
MIXED_SHARE = 0.5


def _speaker(cue: Cue, index: EntityIndex, masked) -> Speaker | None:
    if cue.source is not None:
        head = cue.source
    elif cue.kind == "according":
        head = according_source(cue.head)
    else:
        head = subject_of(cue.head, masked)
    return speaker_at(head, index) if head is not None else None


#: At most this many tokens of a quote's sentence are kept on each side of the quote and its
#: cue: run-on text (one "sentence" of 200 KB) must not make every quote carry all of it.
SENTENCE_WINDOW = 120


def _sentence_bounds(doc) -> tuple[list[int], list[int]]:
    """For every token, the start and end of its sentence, in one pass over ``doc.sents``
    (``Token.sent`` walks the sentence on each call: quadratic on run-on text)."""
    starts, ends = [0] * len(doc), [len(doc)] * len(doc)
    for sent in doc.sents:
        for i in range(sent.start, sent.end):
            starts[i], ends[i] = sent.start, sent.end
    return starts, ends


def _sentence(t: Text, first: int, last: int) -> str:
    """The sentences from token ``first`` to token ``last``, within their paragraphs (and
    within :data:`SENTENCE_WINDOW` tokens of them)."""
    doc = t.doc
    bounds = getattr(t, "_sentence_bounds", None)
    if bounds is None:
        bounds = _sentence_bounds(doc)
        t._sentence_bounds = bounds
    start = max(bounds[0][first], t.para_first.get(t.para[first], 0), first - SENTENCE_WINDOW)
    end = min(bounds[1][last], t.para_end.get(t.para[last], len(doc)),
              last + 1 + SENTENCE_WINDOW)
    end = max(end, start + 1)
    return t.text[doc[start].idx:doc[end - 1].idx + len(doc[end - 1])].strip()


def _quote(t: Text, text: str, start: int, end: int, cue: Cue, speaker: Speaker | None,
           direct: bool, first_tok: int, last_tok: int, fragments: list[dict]) -> Quote:
    return Quote(text=text, speaker=speaker.name if speaker else None,
                 speaker_mention=speaker.mention if speaker else None, cue=cue.text,
                 direct=direct, start=start, end=end,
                 sentence=_sentence(t, min(first_tok, cue.i), max(last_tok, cue.i)),
                 speaker_type=speaker.type if speaker else None, fragments=fragments)


def _fragment_of(source: str, a: int, b: int, text: str) -> dict | None:
    """{"start", "end"} of ``text`` (the piece source[a:b] tidied: stripped at both ends)
    inside source[a:b]; None when the piece gives no text."""
    if not text:
        return None
    at = source.find(text, a, b)
    if at < 0:
        return None
    return {"start": at, "end": at + len(text)}


def _span_fragments(source: str, spans) -> list[dict]:
    out = []
    for span in spans:
        for a, b in span.pieces:
            frag = _fragment_of(source, a, b, tidy(source[a:b]))
            if frag:
                out.append(frag)
    return out


def _content_text(t: Text, start: int, end: int, holes) -> tuple[str, int, int, list[dict]]:
    """The text of tokens [start, end) less the token ranges in ``holes`` (a cue standing in
    the middle of what it reports), with its character offsets and its fragments."""
    doc = t.doc
    s_char, e_char = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    pieces, at = [], s_char
    for a, b in sorted(holes):
        pieces.append((at, doc[a].idx))
        at = doc[b - 1].idx + len(doc[b - 1])
    pieces.append((at, e_char))
    text = " ".join(t.text[a:b].strip(" ,;") for a, b in pieces if t.text[a:b].strip(" ,;"))
    fragments = [f for f in (_fragment_of(t.text, a, b, t.text[a:b].strip(" ,;"))
                             for a, b in pieces) if f]
    return text, s_char, e_char, fragments


#: Quotations of fewer words than this, with no sentence end, are fragments.
MIN_FRAGMENT_WORDS = 3


def _fragment(q: int, t: Text) -> bool:
    """A word or two that is not a sentence of its own ("No." and "Why?" are)."""
    span = t.spans[q]
    inner = t.text[span.inner_start:span.inner_end].strip()
    sentence = inner.endswith(("!", "?")) or (inner.endswith(".") and inner[:1].isupper())
    return span.words(t.text) < MIN_FRAGMENT_WORDS and not sentence


def _split_mixed(t: Text, cue: Cue, qs: list[int]):
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
            words = quoted = 0               # the words of the clause, and those quoted
            for i in range(s, e):
                if not t.doc[i].is_punct:
                    words += 1
                    quoted += t.masked[i]
            if words and quoted / words < MIXED_SHARE:
                clauses.append((s, e))
                continue
        direct.append(q)
    # a fragment of a word or two is a label or a scare quote unless a clause holds it
    direct = [q for q in direct if not _fragment(q, t)]
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
    t = Text(doc, text)
    cues = find_cues(doc, t.masked)
    index = EntityIndex(doc, entities, t.masked)
    quotes: list[tuple[int, Quote]] = []
    used_cues: set[int] = set()
    for att in attribute(t, cues):
        cue = att.cue
        speaker = _speaker(cue, index, t.masked)
        if speaker is None:
            used_cues.add(cue.i)
            continue
        direct, mixed = _split_mixed(t, cue, att.quotes)
        if direct or mixed:
            used_cues.add(cue.i)
        for c_start, c_end in mixed:
            body, s_char, e_char, frags = _content_text(t, c_start, c_end, [])
            quotes.append((s_char, _quote(t, body, s_char, e_char, cue, speaker, False,
                                          c_start, c_end - 1, frags)))
        if direct:
            spans = [t.spans[q] for q in direct]
            body = " ".join(s.text(text) for s in spans)
            start, end = spans[0].bounds(text)[0], spans[-1].bounds(text)[1]
            quotes.append((start,
                           _quote(t, body, start, end, cue,
                                  speaker, True, t.tokens[direct[0]][0],
                                  t.tokens[direct[-1]][1] - 1, _span_fragments(text, spans))))
    reports: list[tuple[int, Quote, int]] = []
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
        body, s_char, e_char, frags = _content_text(t, c_start, c_end, holes)
        if len(body.split()) < 3:
            continue
        reports.append((s_char, _quote(t, body, s_char, e_char, cue, speaker, False,
                                       c_start, c_end - 1, frags), cue.head.idx))
    quotes += _outermost(reports, [q for _, q in quotes if not q.direct])
    quotes.sort(key=lambda x: x[0])
    return [q for _, q in quotes]


def _outermost(reports: list[tuple[int, Quote, int]], mixed: list[Quote]
               ) -> list[tuple[int, Quote]]:
    """The indirect quotes (start, quote, offset of the cue) less those whose cue and clause
    stand inside another report (indirect or mixed): in "The mayor said the videos show the
    driver leaving", what the videos show is part of what the mayor said. A report whose cue
    follows it ("..., according to X") is never dropped. One sweep in order of start."""
    spans = sorted((q.start, q.end) for q in [q for _, q, _ in reports] + mixed
                   if q.start is not None)
    starts = [s for s, _ in spans]
    reach, far = [], -1                   # the furthest end of the spans starting up to each
    for _, end in spans:
        far = max(far, end)
        reach.append(far)
    out = []
    for start, quote, cue_at in reports:
        k = bisect.bisect_right(starts, cue_at) - 1
        if cue_at < start and k >= 0 and reach[k] >= quote.end:
            continue
        out.append((start, quote))
    return out
