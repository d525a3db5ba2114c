"""dateline: read news articles and tell what they report.

    >>> import dateline
    >>> record = dateline.analyze(open("examples/000_484f4576bc07e65b.txt").read())
    >>> record.title, [e.name for e in record.people()]

``analyze`` takes one article (text or HTML) and returns an :class:`Article`;
``analyze_many`` streams many. Both take one :class:`Options`.
"""
from __future__ import annotations

from .api import analyze, analyze_many
from .errors import DatelineError, InputError, ModelError
from .options import Options
from .types import Article, Entity, Event, Failure, Quote

__all__ = ["analyze", "analyze_many", "Options", "Article", "Entity", "Event", "Quote", "Failure",
           "DatelineError", "InputError", "ModelError"]
__version__ = "0.1.0"
