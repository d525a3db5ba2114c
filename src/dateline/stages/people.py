"""people: the article's named entities, people first, with titles, affiliations and mentions.

Reads ``doc`` and ``title_doc`` (the spaCy parses of ``body`` and ``title``); adds ``entities``.
The work is done in :mod:`dateline.people`; this module only wires it into the pipeline.
"""
from __future__ import annotations

from ..options import Options
from ..pipeline import Stage
from ..people import extract_entities
from ..types import Article, Entity


def compute(article: Article, options: Options) -> list[Entity]:
    return extract_entities(article.doc, article.title_doc)


def annotate(article: Article, result: list[Entity]) -> None:
    article.entities = result


STAGE = Stage(name="people", reads=("doc", "title_doc", "body"), adds=("entities",),
              compute=compute, annotate=annotate)
