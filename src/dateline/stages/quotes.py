"""quotes: who said what, on the body's parse (and the headline's).

Reads ``doc``, ``title_doc``, ``body``, ``title`` and ``entities``; adds ``quotes``: direct
quotes (with partial quotes and quotes running over several paragraphs), mixed and indirect
speech, each with its cue, the words naming its speaker there and the speaker's canonical name.
The work is done in :mod:`dateline.quotes`; this module only wires it into the pipeline.
"""
from __future__ import annotations

from ..options import Options
from ..pipeline import Stage
from ..quotes import extract
from ..types import Article, Quote


def compute(article: Article, options: Options) -> list[Quote]:
    return extract(article.doc, article.body, article.entities, article.title_doc, article.title)


def annotate(article: Article, result: list[Quote]) -> None:
    article.quotes = result


STAGE = Stage(name="quotes", reads=("doc", "title_doc", "body", "title", "entities"),
              adds=("quotes",), compute=compute, annotate=annotate)
