"""clean: raw text or HTML into title, dateline, body paragraphs, media and removed lines.

Reads ``raw`` (decoded by the load stage) and ``input_kind``, and the input's own ``title``,
``published``, ``url`` and ``source`` when given (those are kept). Adds the clean ``body``
(paragraphs separated by a blank line), ``dateline``, ``author``, ``language``, ``media``,
``removed`` (every dropped line with its reason) and ``extraction`` (the path that produced the
body: "text-rules", "trafilatura+text-rules", "trafilatura-fallback", or "description" when the
text holds no article but the input's description does); fills ``title``,
``published`` and ``source`` from the page when the input had none.

The work is done in :mod:`dateline.clean`; this module only wires it into the pipeline.
"""
from __future__ import annotations

import dataclasses

from ..clean import CleanResult, clean_html, clean_text
from ..errors import InputError
from ..options import Options
from ..pipeline import Stage
from ..types import Article, Removed

#: A description given with the input stands in for a body that is too short when it has at
#: least this many words (a headline-like one-liner does not).
MIN_DESCRIPTION_WORDS = 8


def compute(article: Article, options: Options) -> CleanResult:
    raw = article.raw if isinstance(article.raw, str) else (article.raw or b"").decode("utf-8",
                                                                                      "replace")
    if article.input_kind == "html":
        result = clean_html(raw, title=article.title, url=article.url)
    else:
        result = clean_text(raw, title=article.title, url=article.url)
    words = result.words
    if words < options.min_words and _usable_description(article.description):
        # A feed item or a page whose text is all boilerplate: the input's own description is
        # the only account of the story there is. The cleaned text is kept in `removed`.
        removed = result.removed + ([Removed(result.body, "replaced by the description")]
                                    if result.body.strip() else [])
        return dataclasses.replace(result, body=article.description.strip(), removed=removed,
                                   extraction="description")
    if words < options.min_words:
        if article.input_kind == "html":
            raise InputError("no article text found in the page")
        given = len(raw.split())
        if given < options.min_words:
            raise InputError(f"no article text found: too short to be an article ({given} words, "
                             f"fewer than {options.min_words})")
        raise InputError(f"no article text found: {words} words left after cleaning "
                         f"(fewer than {options.min_words})")
    return result


def _usable_description(description: str | None) -> bool:
    return bool(description) and len(description.split()) >= MIN_DESCRIPTION_WORDS


def annotate(article: Article, result: CleanResult) -> None:
    article.title = article.title or result.title
    article.published = article.published or result.published
    article.source = article.source or result.site
    article.author = result.author
    article.language = result.language
    article.dateline = result.dateline
    article.body = result.body
    article.removed = result.removed
    article.media = result.media
    article.extraction = result.extraction


STAGE = Stage(name="clean", reads=("raw", "input_kind", "description"),
              adds=("title", "published", "source", "author", "language", "dateline", "body",
                    "removed", "media", "extraction"),
              compute=compute, annotate=annotate, essential=True)
