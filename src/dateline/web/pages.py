"""The web pages: server-rendered Jinja2 over the same corpus query functions as the API."""
from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse

from ..corpus import facets as facets_q
from ..corpus import people as people_q
from ..corpus import search, timeline
from ..corpus.store import QueryError, Store
from . import charts, profiles
from .app import DEFAULT_LIMIT, MAX_OFFSET, corpus
from .errors import BadRequest
from .markup import marked_paragraphs
from .views import SNIPPET_MARKS, article_view, blank_to_none, check_dates, page

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)
Corpus = Annotated[Store, Depends(corpus)]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
RECENT_STORIES = 10
FILTERS = ("q", "person", "org", "place", "source", "language", "since", "until")
FILTER_NAMES = {"q": "words", "person": "person", "org": "organisation", "place": "place",
                "source": "source", "language": "language", "since": "since", "until": "until"}


def render(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, name, context,
                                                        status_code=status)


def _query(form: dict, **changes) -> str:
    values = {k: v for k, v in {**form, **changes}.items() if v}
    return urlencode(values)


@router.get("/")
def index(request: Request, store: Corpus, q: str | None = None, person: str | None = None,
          org: str | None = None, place: str | None = None, source: str | None = None,
          language: str | None = None, since: str | None = None, until: str | None = None,
          offset: Offset = 0):
    """The search form with its results, total, facets and chart; without a search, the latest
    stories (a search page has its results instead: listing the stories doubled its cost)."""
    form = blank_to_none(q=q, person=person, org=org, place=place, source=source,
                         language=language, since=since, until=until)
    results = facet_lists = chart = error = None
    status = 200
    filters = {k: form[k] for k in FILTERS if k != "q"}
    if any(form.values()):
        try:
            check_dates(form["since"], form["until"])
            results = page(lambda **kw: search.search(store, form["q"], **filters,
                                                      marks=SNIPPET_MARKS, **kw),
                           DEFAULT_LIMIT, offset,
                           total=lambda: facets_q.total(store, form["q"], **filters))
            facet_lists = facets_q.facets(store, form["q"], **filters)
            base = "/?" + _query(form, since=None, until=None)
            chart = charts.bars(facets_q.histogram(store, form["q"], **filters),
                                label="Matching articles over time",
                                link=base + ("&" if base != "/?" else ""))
        except (QueryError, BadRequest) as exc:
            error, status = str(exc), 400
    active = [(FILTER_NAMES[k], form[k], "/?" + _query(form, **{k: None}))
              for k in FILTERS if form[k]]
    stories = None if any(form.values()) else timeline.list_stories(store, limit=RECENT_STORIES)
    add = {facet: (lambda value, facet=facet: "/?" + _query(form, **_facet_filter(facet, value)))
           for facet in ("source", "person", "org", "place", "language", "date")}
    return render(request, "index.html", status, form=form, results=results, error=error,
                  stories=stories, counts=store.counts(), facets=facet_lists, chart=chart,
                  active=active, add=add, download="/api/articles?" + _query(form),
                  names=FILTER_NAMES)


def _facet_filter(facet: str, value: str) -> dict:
    if facet == "date":
        return {"since": value, "until": value}
    return {facet: value}


@router.get("/articles/{id:path}")
def article(request: Request, store: Corpus, id: str):
    record = search.article(store, id)
    if record is None:
        raise HTTPException(404, f"no article with id {id!r}")
    story = timeline.get_story(store, record["story"]) if record.get("story") is not None \
        else None
    neighbours = None
    if story:
        ids = [a["id"] for a in story["articles"]]
        at = ids.index(record["corpus_id"]) if record["corpus_id"] in ids else -1
        neighbours = (story["articles"][at - 1] if at > 0 else None,
                      story["articles"][at + 1] if 0 <= at < len(ids) - 1 else None)
    return render(request, "article.html", record=record, view=article_view(record),
                  paragraphs=marked_paragraphs(record), story=story, neighbours=neighbours)


@router.get("/stories")
def stories(request: Request, store: Corpus, q: str | None = None, person: str | None = None,
            offset: Offset = 0):
    form = blank_to_none(q=q, person=person)
    results = page(lambda **kw: timeline.list_stories(
        store, query=form["q"], person=form["person"], **kw), DEFAULT_LIMIT, offset,
        total=lambda: facets_q.total_stories(store, query=form["q"], person=form["person"]))
    return render(request, "stories.html", form=form, results=results)


@router.get("/stories/{id}")
def story(request: Request, store: Corpus, id: Annotated[int, Path(ge=0, le=2**62)]):
    found = timeline.get_story(store, id)
    if found is None:
        raise HTTPException(404, f"no story with id {id}")
    chart = charts.bars(facets_q.story_days(store, found["id"]), label="Articles of the story "
                        "over time")
    return render(request, "story.html", story=found, chart=chart)


@router.get("/people")
def people(request: Request, store: Corpus, name: str | None = None, offset: Offset = 0):
    form = blank_to_none(name=name)
    results = page(lambda **kw: people_q.people(store, form["name"], **kw), DEFAULT_LIMIT,
                   offset, total=lambda: facets_q.total_people(store, form["name"]))
    return render(request, "people.html", form=form, results=results)


@router.get("/people/{name:path}")
def person(request: Request, store: Corpus, name: str):
    found = profiles.person(store, name)
    if found is None:
        raise HTTPException(404, f"no person named {name!r}")
    chart = charts.bars(found["attention"], label=f"Articles naming {found['name']} over time",
                        link="/?" + urlencode({"person": found["name"]}) + "&")
    return render(request, "entity.html", entity=found, kind="person", chart=chart)


@router.get("/orgs/{name:path}")
def org(request: Request, store: Corpus, name: str):
    return _entity_page(request, store, "org", name)


@router.get("/places/{name:path}")
def place(request: Request, store: Corpus, name: str):
    return _entity_page(request, store, "place", name)


def _entity_page(request: Request, store: Store, kind: str, name: str):
    found = profiles.entity(store, kind, name)
    if found is None:
        raise HTTPException(404, f"no {'organisation' if kind == 'org' else kind} named {name!r}")
    chart = charts.bars(found["attention"], label=f"Articles naming {found['name']} over time",
                        link="/?" + urlencode({kind: found["name"]}) + "&")
    return render(request, "entity.html", entity=found, kind=kind, chart=chart)


@router.get("/quotes")
def quotes(request: Request, store: Corpus, q: str | None = None, speaker: str | None = None,
           offset: Offset = 0):
    form = blank_to_none(q=q, speaker=speaker)
    results, error, status = None, None, 200
    try:
        results = page(lambda **kw: search.quotes(store, form["q"], speaker=form["speaker"], **kw),
                       DEFAULT_LIMIT, offset,
                       total=lambda: facets_q.total_quotes(store, form["q"],
                                                           speaker=form["speaker"]))
    except QueryError as exc:
        error, status = str(exc), 400
    return render(request, "quotes.html", status, form=form, results=results, error=error)


@router.get("/failures")
def failures(request: Request, store: Corpus, offset: Offset = 0):
    results = page(lambda **kw: search.failures(store, **kw), DEFAULT_LIMIT, offset,
                   total=lambda: facets_q.total_failures(store))
    return render(request, "failures.html", results=results)
