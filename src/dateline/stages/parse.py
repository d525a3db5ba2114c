"""parse: spaCy, once per article.

Reads ``body`` and ``title``; adds ``doc`` (the body's parse) and ``title_doc``. Offsets in
``doc`` are offsets into ``Article.body``, so every later stage can point into the body.
The batch form sends a whole chunk of articles, titles and bodies, through ``nlp.pipe`` in one
call.

A text longer than :data:`PIECE_CHARS` (spaCy refuses texts over ``nlp.max_length``, 1M
characters, and needs memory in proportion to the longest text it is given) is parsed in
pieces cut at paragraph breaks (else line breaks, sentence ends, spaces), which are joined
into one ``Doc`` whose text is exactly the input: memory is bounded by the piece size, offsets
stay offsets into the body, and a sentence never spans two pieces.
"""
from __future__ import annotations

import re

from ..model import load_model
from ..options import Options
from ..pipeline import Stage
from ..types import Article

#: Longest text given to spaCy in one call (characters).
PIECE_CHARS = 100_000
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?][\"'”’)]*\s+"),
           re.compile(r"\s+"))


def pieces(text: str, size: int | None = None) -> list[str]:
    """``text`` cut into consecutive pieces of at most ``size`` (default :data:`PIECE_CHARS`)
    characters (joined, they are ``text``), each cut at the strongest break found in the second
    half of the window."""
    size = size or PIECE_CHARS
    out, at = [], 0
    while len(text) - at > size:
        window = text[at:at + size]
        cut = size
        for pattern in _BREAKS:
            ends = [m.end() for m in pattern.finditer(window, size // 2)]
            if ends:
                cut = ends[-1]
                break
        out.append(text[at:at + cut])
        at += cut
    out.append(text[at:])
    return out


def _parse(nlp, texts: list[str], batch_size: int):
    """Docs of ``texts`` in order, long ones parsed in pieces and joined."""
    from spacy.tokens import Doc

    cut = [pieces(t) for t in texts]
    short = iter(nlp.pipe((ps[0] for ps in cut if len(ps) == 1), batch_size=batch_size))
    for ps in cut:
        if len(ps) == 1:
            yield next(short)
        else:  # one piece at a time: memory holds one piece's parse state, not the batch's
            yield Doc.from_docs([nlp(p) for p in ps], ensure_whitespace=False)


def compute(article: Article, options: Options):
    return batch([article], options)[0]


def batch(articles: list[Article], options: Options):
    """(body doc, title doc) of each article: titles and bodies go through one ``nlp.pipe``,
    each title beside its body, so that a chunk's titles ride in its bodies' batches."""
    nlp = load_model(options.model)
    texts = [text for a in articles for text in (a.title or "", a.body)]
    docs = list(_parse(nlp, texts, 2 * options.batch_size))
    return list(zip(docs[1::2], docs[0::2]))


def annotate(article: Article, result) -> None:
    article.doc, article.title_doc = result


STAGE = Stage(name="parse", reads=("body", "title"), adds=("doc", "title_doc"),
              compute=compute, annotate=annotate, batch=batch, essential=True)
