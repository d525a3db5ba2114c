"""The web pages: server-rendered Jinja2 over the same corpus query functions as the API."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from ..corpus import people as people_q
from ..corpus import search, timeline
from ..corpus.store import QueryError, Store
from .app import DEFAULT_LIMIT, corpus
from .errors import BadRequest
from .views import SNIPPET_MARKS, article_view, blank_to_none, check_dates, page

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)
Corpus = Annotated[Store, Depends(corpus)]
Offset = Annotated[int, Query(ge=0)]
RECENT_STORIES = 10


def render(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, name, context,
                                                        status_code=status)


@router.get("/")
def index(request: Request, store: Corpus, q: str | None = None, person: str | None = None,
          org: str | None = None, place: str | None = None, source: str | None = None,
          since: str | None = None, until: str | None = None, offset: Offset = 0):
    """The search form with its results, and the latest stories."""
    form = blank_to_none(q=q, person=person, org=org, place=place, source=source, since=since,
                         until=until)
    results, error, status = None, None, 200
    if any(form.values()):
        try:
            check_dates(form["since"], form["until"])
            results = page(lambda **kw: search.search(
                store, form["q"], person=form["person"], org=form["org"], place=form["place"],
                source=form["source"], since=form["since"], until=form["until"],
                marks=SNIPPET_MARKS, **kw), DEFAULT_LIMIT, offset)
        except (QueryError, BadRequest) as exc:
            error, status = str(exc), 400
    stories = timeline.list_stories(store, limit=RECENT_STORIES)
    return render(request, "index.html", status, form=form, results=results, error=error,
                  stories=stories, counts=store.counts())


@router.get("/articles/{id}")
def article(request: Request, store: Corpus, id: str):
    record = search.article(store, id)
    if record is None:
        raise HTTPException(404, f"no article with id {id!r}")
    story = timeline.get_story(store, record["story"]) if record.get("story") is not None \
        else None
    return render(request, "article.html", record=record, view=article_view(record),
                  story=story)


@router.get("/stories")
def stories(request: Request, store: Corpus, q: str | None = None, person: str | None = None,
            offset: Offset = 0):
    form = blank_to_none(q=q, person=person)
    results = page(lambda **kw: timeline.list_stories(
        store, query=form["q"], person=form["person"], **kw), DEFAULT_LIMIT, offset)
    return render(request, "stories.html", form=form, results=results)


@router.get("/stories/{id}")
def story(request: Request, store: Corpus, id: int):
    found = timeline.get_story(store, id)
    if found is None:
        raise HTTPException(404, f"no story with id {id}")
    return render(request, "story.html", story=found)


@router.get("/people")
def people(request: Request, store: Corpus, name: str | None = None, offset: Offset = 0):
    form = blank_to_none(name=name)
    results = page(lambda **kw: people_q.people(store, form["name"], **kw), DEFAULT_LIMIT,
                   offset)
    return render(request, "people.html", form=form, results=results)


@router.get("/people/{name:path}")
def person(request: Request, store: Corpus, name: str):
    found = people_q.person(store, name)
    if found is None:
        raise HTTPException(404, f"no person named {name!r}")
    return render(request, "person.html", person=found)


@router.get("/quotes")
def quotes(request: Request, store: Corpus, q: str | None = None, speaker: str | None = None,
           offset: Offset = 0):
    form = blank_to_none(q=q, speaker=speaker)
    results, error, status = None, None, 200
    try:
        results = page(lambda **kw: search.quotes(store, form["q"], speaker=form["speaker"], **kw),
                       DEFAULT_LIMIT, offset)
    except QueryError as exc:
        error, status = str(exc), 400
    return render(request, "quotes.html", status, form=form, results=results, error=error)


@router.get("/failures")
def failures(request: Request, store: Corpus, offset: Offset = 0):
    results = page(lambda **kw: search.failures(store, **kw), DEFAULT_LIMIT, offset)
    return render(request, "failures.html", results=results)
