"""times: every time expression of the body, resolved against the article's reference date.

Reads ``doc``, ``body``, ``published`` and ``dateline``; adds ``times``, a list of
:class:`~dateline.types.TimeExpression` (text, body offsets, first and last day, granularity,
and the rule or "dateparser" that placed it). The reference date is the publication date,
else a dateline date that names its year; without one, only absolute dates are placed.
See :mod:`dateline.timex` for the rules.
"""
from __future__ import annotations

from ..options import Options
from ..pipeline import Stage
from ..timex.resolve import reference_date
from ..timex.spans import time_expressions
from ..types import Article, TimeExpression


def article_reference(article: Article):
    """The date an article's relative time expressions are read against (or None)."""
    dateline_date = article.dateline.date if article.dateline else None
    return reference_date(article.published, dateline_date)


def compute(article: Article, options: Options) -> list[TimeExpression]:
    if article.doc is None or not article.body:
        return []
    return time_expressions(article.doc, article_reference(article), text=article.body)


def annotate(article: Article, result: list[TimeExpression]) -> None:
    article.times = result


STAGE = Stage(name="times", reads=("doc", "body", "published", "dateline"), adds=("times",),
              compute=compute, annotate=annotate)
