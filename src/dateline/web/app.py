"""The web application: ``create_app(db_path)`` builds it; every request reads the corpus on its
own read-only connection (an ingest may be writing at the same time: the corpus is in WAL mode).
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

from .. import __version__
from ..corpus.store import Store
from ..options import Options
from . import errors

TEMPLATES = Path(__file__).parent / "templates"
#: The largest page a client may ask for (``limit``), and the page when it does not say.
MAX_LIMIT = 100
DEFAULT_LIMIT = 20


def create_app(db_path: str, options: Options | None = None) -> FastAPI:
    """The app over the corpus at ``db_path``. Raises CorpusError (one readable line) when the
    file is missing, is not a dateline corpus, or is damaged: the server refuses to start."""
    with Store.open(db_path) as store:
        store.counts()  # reads the schema: a damaged file fails here, not on the first request
    from . import api, pages

    app = FastAPI(title="dateline", version=__version__,
                  description="Search a dateline corpus: articles, people, quotes, stories.",
                  docs_url=None, redoc_url=None, openapi_url="/api/openapi.json")
    app.state.db_path = str(db_path)
    app.state.options = options or Options()
    app.state.templates = make_templates()
    errors.install(app)
    app.middleware("http")(security_headers)
    app.include_router(api.router)
    app.include_router(pages.router)
    return app


def make_templates() -> Jinja2Templates:
    """Jinja2 with autoescape on for every template: everything shown is escaped."""
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    from . import views

    env.filters.update(views.FILTERS)
    return Jinja2Templates(env=env)


#: The pages run no script and load nothing from elsewhere; the browser is told so.
CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; "
       "base-uri 'none'; frame-ancestors 'none'")


async def security_headers(request: Request, call_next):
    response = await call_next(request)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    if response.headers.get("content-type", "").startswith("text/html"):
        response.headers.setdefault("Content-Security-Policy", CSP)
    return response


def corpus(request: Request) -> Iterator[Store]:
    """Dependency: a read-only connection to the corpus for this request, closed after it."""
    store = Store.open(request.app.state.db_path)
    try:
        yield store
    finally:
        store.close()
