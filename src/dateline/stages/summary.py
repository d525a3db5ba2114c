"""summary: placeholder being written."""
from __future__ import annotations

from ..pipeline import Stage


def compute(article, options):
    return []


def annotate(article, result) -> None:
    article.summary = result or None


STAGE = Stage(name="summary", reads=("doc",), adds=("summary", "lead"), compute=compute, annotate=annotate)
