"""parse: spaCy, once per article.

Reads ``body`` and ``title``; adds ``doc`` (the body's parse) and ``title_doc``. Offsets in
``doc`` are offsets into ``Article.body``, so every later stage can point into the body.
The batch form sends a whole chunk of articles through ``nlp.pipe`` in one call.
"""
from __future__ import annotations

from ..model import load_model
from ..options import Options
from ..pipeline import Stage
from ..types import Article


def compute(article: Article, options: Options):
    return batch([article], options)[0]


def batch(articles: list[Article], options: Options):
    nlp = load_model(options.model)
    bodies = nlp.pipe([a.body for a in articles], batch_size=options.batch_size)
    titles = nlp.pipe([a.title or "" for a in articles], batch_size=options.batch_size)
    return list(zip(bodies, titles))


def annotate(article: Article, result) -> None:
    article.doc, article.title_doc = result


STAGE = Stage(name="parse", reads=("body", "title"), adds=("doc", "title_doc"),
              compute=compute, annotate=annotate, batch=batch, essential=True)
