"""The JSON API under /api. Each route calls the corpus query function the CLI calls and returns
its result; lists come in pages: {"results", "limit", "offset", "next_offset"}."""
from __future__ import annotations

import threading
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BaseModel, ConfigDict, model_validator

from .. import __version__
from ..api import analyze as analyze_text
from ..corpus import people as people_q
from ..corpus import search, timeline
from ..corpus.store import Store
from .app import DEFAULT_LIMIT, MAX_LIMIT, corpus
from .errors import BadRequest
from .views import check_dates, page

router = APIRouter(prefix="/api")
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"results per page (1-{MAX_LIMIT})")]
Offset = Annotated[int, Query(ge=0, description="results to skip")]
Corpus = Annotated[Store, Depends(corpus)]
#: One analysis at a time: the spaCy pipeline is shared by the whole process.
_analyze_lock = threading.Lock()


@router.get("/health")
def health(store: Corpus) -> dict:
    """The server is up and the corpus readable: its counts."""
    return {"status": "ok", "version": __version__, "corpus": store.counts()}


@router.get("/articles")
def articles(store: Corpus, q: str | None = None, person: str | None = None,
             org: str | None = None, place: str | None = None, source: str | None = None,
             since: str | None = None, until: str | None = None, story: int | None = None,
             limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict:
    """Full-text search (FTS5 syntax) over titles and bodies, best first; without ``q`` the
    latest articles. The filters narrow either."""
    check_dates(since, until)
    return page(lambda **kw: search.search(
        store, q, person=person, org=org, place=place, source=source, since=since, until=until,
        story=story, **kw), limit, offset)


@router.get("/articles/{id}")
def article(store: Corpus, id: str) -> dict:
    """One article's full record, with its story id and corpus id (by corpus or input id)."""
    record = search.article(store, id)
    if record is None:
        raise HTTPException(404, f"no article with id {id!r}")
    return record


@router.get("/people")
def people(store: Corpus, name: str | None = None, limit: Limit = DEFAULT_LIMIT,
           offset: Offset = 0) -> dict:
    """People, most widely covered first; ``name`` keeps those whose name contains it."""
    return page(lambda **kw: people_q.people(store, name, **kw), limit, offset)


@router.get("/people/{name:path}")
def person(store: Corpus, name: str) -> dict:
    """One person by exact name (any case): titles, counts, first/last seen, recent quotes."""
    found = people_q.person(store, name)
    if found is None:
        raise HTTPException(404, f"no person named {name!r}")
    return found


@router.get("/quotes")
def quotes(store: Corpus, q: str | None = None, speaker: str | None = None,
           source: str | None = None, since: str | None = None, until: str | None = None,
           story: int | None = None, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict:
    """Quotes, newest first (best first for an FTS5 ``q`` over the quoted words)."""
    check_dates(since, until)
    return page(lambda **kw: search.quotes(
        store, q, speaker=speaker, source=source, since=since, until=until, story=story, **kw),
        limit, offset)


@router.get("/stories")
def stories(store: Corpus, q: str | None = None, person: str | None = None,
            since: str | None = None, until: str | None = None, sort: str = "recent",
            min_size: Annotated[int, Query(ge=1)] = 1, limit: Limit = DEFAULT_LIMIT,
            offset: Offset = 0) -> dict:
    """Stories with headline, size, span, sources and main people; ``q`` is a headline word."""
    check_dates(since, until)
    if sort not in timeline.SORTS:
        raise BadRequest(f"sort must be one of {', '.join(timeline.SORTS)}, not {sort!r}")
    return page(lambda **kw: timeline.list_stories(
        store, since=since, until=until, min_size=min_size, person=person, query=q, sort=sort,
        **kw), limit, offset)


@router.get("/stories/{id}")
def story(store: Corpus, id: int) -> dict:
    """One story and the timeline of its articles (a merged story answers with the one it
    went into)."""
    found = timeline.get_story(store, id)
    if found is None:
        raise HTTPException(404, f"no story with id {id}")
    return found


@router.get("/failures")
def failures(store: Corpus, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict:
    """Inputs the ingest could not analyse, newest first, with the reason."""
    return page(lambda **kw: search.failures(store, **kw), limit, offset)


class AnalyzeRequest(BaseModel):
    """One article to analyse: ``text`` or ``html``, with optional metadata."""
    model_config = ConfigDict(extra="forbid")
    text: str | None = None
    html: str | None = None
    title: str | None = None
    published: str | None = None
    url: str | None = None

    @model_validator(mode="after")
    def one_content(self) -> "AnalyzeRequest":
        if (self.text is None) == (self.html is None):
            raise ValueError('give the article as "text" or as "html" (one of them)')
        return self


@router.post("/analyze")
def analyze(body: AnalyzeRequest, request: Request) -> dict:
    """Analyse one article and return its record. Nothing is stored."""
    content = body.text if body.text is not None else body.html
    with _analyze_lock:
        record = analyze_text(content, title=body.title, published=body.published,
                              url=body.url, options=request.app.state.options)
    return record.to_dict()
