"""language: which language the body is in, and whether the model's stages can run on it.

Reads ``body``; adds ``language`` (ISO 639-1, by py3langid on the clean body). The stages that
need the model's language (parse, people, quotes, times, events, summary) are left out for an
article in another language, with a warning; the record keeps its clean text and metadata.
With ``options.languages`` set, an article in another language is skipped (not failed).
A page without a date of its own takes the date its input gave as a fallback (a WARC record's).
"""
from __future__ import annotations

from ..clean.lang import identify
from ..errors import InputError
from ..options import Options
from ..pipeline import Stage
from ..types import Article

#: The stages whose rules and model are for the model's language only.
MODEL_STAGES = ("parse", "people", "quotes", "times", "events", "summary")


class SkippedInput(InputError):
    """An input left out on purpose: not a failure of the input."""
    skipped = True


def model_language(options: Options) -> str:
    """The language of the spaCy pipeline: the prefix of its package name ("en_core_web_sm")."""
    name = options.model or "en"
    prefix = name.split("_", 1)[0].lower()
    return prefix if 2 <= len(prefix) <= 3 else "en"


def compute(article: Article, options: Options) -> tuple[str | None, str | None]:
    language = identify(article.body) or article.language
    if options.languages and language not in options.languages:
        raise SkippedInput(f"language {language or 'unknown'}, not "
                           f"{' or '.join(options.languages)} (--language)")
    return language, model_warning(language, options)


def annotate(article: Article, result: tuple[str | None, str | None]) -> None:
    article.language, warning = result
    if warning:
        article.warnings.append(warning)
        article.skip_stages = MODEL_STAGES
    if not article.published and article.published_fallback:
        article.published = article.published_fallback


def model_warning(language: str | None, options: Options) -> str | None:
    """The warning for an article the model's stages cannot read (None when they can)."""
    want = model_language(options)
    if language and want != "xx" and language != want:
        return (f"language {language}: people, quotes and events need a {language} pipeline "
                "(--model)")
    return None


STAGE = Stage(name="language", reads=("body",), adds=("language",),
              compute=compute, annotate=annotate, essential=True)
