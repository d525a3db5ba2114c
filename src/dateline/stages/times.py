"""times: placeholder being written."""
from __future__ import annotations

from ..pipeline import Stage


def compute(article, options):
    return []


def annotate(article, result) -> None:
    article.times = result or article.times


STAGE = Stage(name="times", reads=("doc",), adds=("times",), compute=compute, annotate=annotate)
