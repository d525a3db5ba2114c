"""summary: two or three sentences of the body that tell the story, and a one-line lead.

Reads ``body``, ``doc``, ``title_doc``, ``events``, ``entities`` and ``times``; adds ``summary``
(extractive: the sentence telling the main event, then the best of the first reporting sentences
by position, agreement with the headline and the people and places they name, in body order)
and ``lead`` (one plain sentence built from the main event, see :mod:`dateline.events.lead`).
"""
from __future__ import annotations

from ..events.lead import lead_sentence
from ..events.scoring import content_lemmas
from ..events.units import lead_sentences
from ..options import Options
from ..pipeline import Stage
from ..types import Article

MAX_SENTENCES = 3
CANDIDATES = 10
MAX_WORDS = 90


def _summary(article: Article) -> str | None:
    doc = article.doc
    pool = lead_sentences(doc, CANDIDATES, article.body)
    if not pool:
        return None
    title = content_lemmas(article.title_doc) if article.title_doc is not None else set()
    names = {e.name.lower() for e in article.entities if e.mentions > 1}
    main = (article.events[0].sentence or "") if article.events else ""

    def score(k: int, sent) -> float:
        lemmas = content_lemmas(sent)
        agree = len(lemmas & title) / len(title) if title else 0.0
        text = sent.text
        low = text.lower()
        named = sum(1 for n in names if n in low)
        told = 2.0 if text.strip() == main else 0.0
        return 1.0 / (1 + k) + agree + 0.1 * min(named, 3) + told

    ranked = sorted(range(len(pool)), key=lambda k: -score(k, pool[k]))
    chosen, words = [], 0
    for k in ranked:
        n = sum(1 for t in pool[k] if t.is_alpha)
        if chosen and words + n > MAX_WORDS and len(chosen) >= 2:
            continue
        chosen.append(k)
        words += n
        if len(chosen) >= MAX_SENTENCES:
            break
    return " ".join(pool[k].text.strip() for k in sorted(chosen))


def compute(article: Article, options: Options) -> tuple[str | None, str | None]:
    if article.doc is None or not article.body.strip():
        return None, None
    summary = _summary(article)
    lead = lead_sentence(article, article.events[0]) if article.events else None
    return summary, lead


def annotate(article: Article, result: tuple[str | None, str | None]) -> None:
    article.summary, article.lead = result


STAGE = Stage(name="summary", reads=("body", "doc", "title_doc", "events", "entities", "times"),
              adds=("summary", "lead"), compute=compute, annotate=annotate)
