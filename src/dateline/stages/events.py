"""events: placeholder being written."""
from __future__ import annotations

from ..pipeline import Stage


def compute(article, options):
    return []


def annotate(article, result) -> None:
    article.events = result or article.events


STAGE = Stage(name="events", reads=("doc",), adds=("events",), compute=compute, annotate=annotate)
