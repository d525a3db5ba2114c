"""events: the article's main event and further events, each as who, what, when, where, why, how.

Reads ``doc``, ``title_doc``, ``title``, ``body``, ``entities``, ``times``, ``published`` and
``dateline``; adds ``events``, a list of :class:`~dateline.types.Event` whose first item is the
main event. Each answer is a :class:`~dateline.types.Answer` (text, offsets into the headline
when its ``source`` is "title", else into the body, confidence, and for ``when`` the resolved
date). See :mod:`dateline.events`.
"""
from __future__ import annotations

from ..events.build import extract_events
from ..options import Options
from ..pipeline import Stage
from ..types import Article, Event
from .times import article_reference


def compute(article: Article, options: Options) -> list[Event]:
    return extract_events(article, article_reference(article))


def annotate(article: Article, result: list[Event]) -> None:
    article.events = result


STAGE = Stage(name="events",
              reads=("doc", "title_doc", "title", "body", "entities", "times", "published",
                     "dateline"),
              adds=("events",), compute=compute, annotate=annotate)
