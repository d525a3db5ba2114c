"""quotes: placeholder being written."""
from __future__ import annotations

from ..pipeline import Stage


def compute(article, options):
    return []


def annotate(article, result) -> None:
    article.quotes = result or article.quotes


STAGE = Stage(name="quotes", reads=("doc",), adds=("quotes",), compute=compute, annotate=annotate)
