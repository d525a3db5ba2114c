"""quotes: who said what, on the body's parse and the headline's.

Reads ``doc``, ``title_doc``, ``body``, ``title`` and ``entities``; adds ``quotes``, in text
order, the headline's first. Each :class:`~dateline.types.Quote` has

- ``text``: for a direct quote the words inside the marks (the parts of a quote interrupted by
  its cue, "A," he said, "B.", joined; the paragraphs of a long quote joined by a blank line);
  for indirect speech the reported clause ("there has been ..."); for a mixed quote, a short
  quotation woven into a reported clause, the clause with its marks kept;
- ``direct``: true when the text is all inside quotation marks;
- ``speaker``: the canonical name (an entity of the people stage where there are any, else a
  name merged from the parse's entities), or the words naming an unnamed source ("officials");
- ``speaker_mention``: the words naming the speaker at this quote ("he", "the spokesman");
- ``cue``: "said", "told reporters", "according to", ":" (a transcript turn or a headline),
  "―" ('"…" ― Ana Ruiz');
- ``start``/``end``: offsets of the text in the body (None for headline quotes);
- ``sentence``: the sentence(s) holding the quote and its cue (the headline for its quotes);
- ``speaker_type``: PERSON, ORG, GPE, NORP when known.

The work is done in :mod:`dateline.quotes`; this module only wires it into the pipeline.
"""
from __future__ import annotations

from ..options import Options
from ..pipeline import Stage
from ..quotes import extract
from ..types import Article, Quote


def compute(article: Article, options: Options) -> list[Quote]:
    return extract(article.doc, article.body, article.entities, article.title_doc,
                   article.title)


def annotate(article: Article, result: list[Quote]) -> None:
    article.quotes = result


STAGE = Stage(name="quotes", reads=("doc", "title_doc", "body", "title", "entities"),
              adds=("quotes",), compute=compute, annotate=annotate)
