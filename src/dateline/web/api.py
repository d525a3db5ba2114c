"""The JSON API under /api. Each route calls the corpus query function the CLI calls and returns
its result; lists come in pages: {"results", "limit", "offset", "next_offset", "total"}.
A query parameter a route does not take is a 400."""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from pydantic import BaseModel, ConfigDict, model_validator

from .. import __version__
from ..api import analyze as analyze_text
from ..corpus import facets as facets_q
from ..corpus import people as people_q
from ..corpus import search, timeline
from ..corpus.store import Store
from .app import DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET, corpus
from .errors import BadRequest, known_parameters
from . import profiles
from .export import download
from .views import check_dates, page

router = APIRouter(prefix="/api", dependencies=[Depends(known_parameters)])
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"results per page (1-{MAX_LIMIT})")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="results to skip")]
StoryId = Annotated[int, Query(ge=0, le=2**62)]
Corpus = Annotated[Store, Depends(corpus)]


@router.get("/health")
def health(store: Corpus) -> dict:
    """The server is up and the corpus readable: its counts."""
    return {"status": "ok", "version": __version__, "corpus": store.counts()}


@router.get("/articles")
def articles(store: Corpus, q: str | None = None, person: str | None = None,
             org: str | None = None, place: str | None = None, source: str | None = None,
             since: str | None = None, until: str | None = None, story: StoryId | None = None,
             language: str | None = None, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0,
             facets: bool = False, format: Literal["json", "csv", "jsonl"] = "json"):
    """Full-text search (FTS5 syntax) over titles and bodies, best first; without ``q`` the
    latest articles. The filters narrow either. ``total`` counts every match; ``facets=true``
    adds the top sources, people, organisations, places, languages and months with their
    counts, and the matches per day (``histogram``); ``format=csv`` or ``jsonl`` streams every
    match as a file instead of a page."""
    check_dates(since, until)
    filters = dict(person=person, org=org, place=place, source=source, since=since,
                   until=until, story=story, language=language)
    if format != "json":
        return download(store.path, q, filters, format)
    result = page(lambda **kw: search.search(store, q, **filters, **kw), limit, offset,
                  total=lambda: facets_q.total(store, q, **filters))
    if facets:
        result["facets"] = facets_q.facets(store, q, **filters)
        result["facets_partial"] = result["total"] > facets_q.FACET_SCAN  # as facets_partial()
        result["histogram"] = facets_q.histogram(store, q, **filters)
    return result


@router.get("/articles/{id:path}")
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
    return page(lambda **kw: people_q.people(store, name, **kw), limit, offset,
                total=lambda: facets_q.total_people(store, name))


@router.get("/people/{name:path}")
def person(store: Corpus, name: str) -> dict:
    """One person by exact name (any case): titles, aliases, counts, first/last seen, recent
    quotes and articles, co-occurring entities, articles per day. A speaker who is no person
    entity answers with their quotes (``speaker_only``)."""
    found = profiles.person(store, name)
    if found is None:
        raise HTTPException(404, f"no person named {name!r}")
    return found


@router.get("/orgs/{name:path}")
def org(store: Corpus, name: str) -> dict:
    """One organisation by exact name (any case): counts, first/last seen, latest articles."""
    return _entity(store, "org", name)


@router.get("/places/{name:path}")
def place(store: Corpus, name: str) -> dict:
    """One place by exact name (any case): counts, first/last seen, latest articles."""
    return _entity(store, "place", name)


def _entity(store: Store, kind: str, name: str) -> dict:
    found = profiles.entity(store, kind, name)
    if found is None:
        raise HTTPException(404, f"no {'organisation' if kind == 'org' else kind} named {name!r}")
    return found


@router.get("/quotes")
def quotes(store: Corpus, q: str | None = None, speaker: str | None = None,
           source: str | None = None, since: str | None = None, until: str | None = None,
           story: StoryId | None = None, limit: Limit = DEFAULT_LIMIT,
           offset: Offset = 0) -> dict:
    """Quotes, newest first (best first for an FTS5 ``q`` over the quoted words)."""
    check_dates(since, until)
    filters = dict(speaker=speaker, source=source, since=since, until=until, story=story)
    return page(lambda **kw: search.quotes(store, q, **filters, **kw), limit, offset,
                total=lambda: facets_q.total_quotes(store, q, **filters))


@router.get("/stories")
def stories(store: Corpus, q: str | None = None, person: str | None = None,
            since: str | None = None, until: str | None = None, sort: str = "recent",
            min_size: Annotated[int, Query(ge=1, le=2**62)] = 1, limit: Limit = DEFAULT_LIMIT,
            offset: Offset = 0) -> dict:
    """Stories with headline, size, span, sources and main people; ``q`` is a headline word."""
    check_dates(since, until)
    if sort not in timeline.SORTS:
        raise BadRequest(f"sort must be one of {', '.join(timeline.SORTS)}, not {sort!r}")
    filters = dict(since=since, until=until, min_size=min_size, person=person, query=q)
    return page(lambda **kw: timeline.list_stories(store, sort=sort, **filters, **kw), limit,
                offset, total=lambda: facets_q.total_stories(store, **filters))


@router.get("/stories/{id}")
def story(store: Corpus, id: Annotated[int, Path(ge=0, le=2**62)]) -> dict:
    """One story and the timeline of its articles (a merged story answers with the one it
    went into)."""
    found = timeline.get_story(store, id)
    if found is None:
        raise HTTPException(404, f"no story with id {id}")
    return found


@router.get("/failures")
def failures(store: Corpus, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict:
    """Inputs the ingest could not analyse, newest first, with the reason."""
    return page(lambda **kw: search.failures(store, **kw), limit, offset,
                total=lambda: facets_q.total_failures(store))


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
async def analyze(body: AnalyzeRequest, request: Request) -> dict:
    """Analyse one article and return its record. Nothing is stored. Analyses run on workers
    of their own (reads keep answering); when they and their queue are full: 429."""
    content = body.text if body.text is not None else body.html
    options = request.app.state.options

    def run() -> dict:
        return analyze_text(content, title=body.title, published=body.published, url=body.url,
                            options=options).to_dict()

    return await request.app.state.analyzer.run(run)
