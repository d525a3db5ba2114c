"""people: placeholder being written."""
from __future__ import annotations

from ..pipeline import Stage


def compute(article, options):
    return []


def annotate(article, result) -> None:
    article.entities = result or article.entities


STAGE = Stage(name="people", reads=("doc",), adds=("entities",), compute=compute, annotate=annotate)
