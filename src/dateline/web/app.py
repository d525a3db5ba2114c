"""The web application: ``create_app(db_path)`` builds it; every request reads the corpus on its
own read-only connection (an ingest may be writing at the same time: the corpus is in WAL mode).
"""
from __future__ import annotations

import queue
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
STATIC = Path(__file__).parent / "static"
#: The largest page a client may ask for (``limit``), and the page when it does not say.
MAX_LIMIT = 100
DEFAULT_LIMIT = 20
#: The largest ``offset`` a client may ask for (SQLite's integers end near 9.2e18).
MAX_OFFSET = 10**12
#: The largest request body (bytes) by default: /api/analyze refuses bigger articles.
DEFAULT_MAX_BODY = 2_000_000
#: Analyses run at once, and analyses waiting, by default; beyond them a 429.
DEFAULT_ANALYZE_WORKERS = 1
DEFAULT_ANALYZE_QUEUE = 4


def create_app(db_path: str, options: Options | None = None, *, host: str = "127.0.0.1",
               allow_hosts: tuple[str, ...] = (), max_body: int = DEFAULT_MAX_BODY,
               analyze_workers: int = DEFAULT_ANALYZE_WORKERS,
               analyze_queue: int = DEFAULT_ANALYZE_QUEUE):
    """The app over the corpus at ``db_path``. Raises CorpusError (one readable line) when the
    file is missing, is not a dateline corpus, or is damaged: the server refuses to start.

    It answers only requests whose Host header is ``host`` (and the loopback names when that is
    loopback) or one of ``allow_hosts``; it refuses request bodies over ``max_body`` bytes; it
    runs at most ``analyze_workers`` analyses at once apart from the reads, with
    ``analyze_queue`` more waiting, and answers 429 beyond that."""
    with Store.open(db_path) as store:
        store.counts()  # reads the schema: a damaged file fails here, not on the first request
    from fastapi.staticfiles import StaticFiles

    from . import api, apidocs, pages
    from .analysis import Analyzer
    from .guard import Guard, allowed_hosts

    app = FastAPI(title="dateline", version=__version__,
                  description="Search a dateline corpus: articles, people, quotes, stories.",
                  docs_url=None, redoc_url=None, openapi_url="/api/openapi.json")
    # swagger-ui-bundle ships Swagger UI 4, which reads OpenAPI 3.0 (FastAPI's schema is valid
    # 3.0 apart from the version string for these routes)
    app.openapi_version = "3.0.3"
    app.state.db_path = str(db_path)
    app.state.pool = queue.SimpleQueue()
    app.state.options = options or Options()
    app.state.templates = make_templates()
    app.state.analyzer = Analyzer(analyze_workers, analyze_queue)
    errors.install(app)
    app.include_router(api.router)
    app.include_router(apidocs.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.mount(apidocs.ASSETS_URL, StaticFiles(directory=apidocs.ASSETS), name="swagger")
    app.include_router(pages.router)
    app.add_middleware(Guard, hosts=allowed_hosts(host, tuple(allow_hosts)), max_body=max_body)
    return app


def make_templates() -> Jinja2Templates:
    """Jinja2 with autoescape on for every template: everything shown is escaped."""
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    from . import views

    env.filters.update(views.FILTERS)
    return Jinja2Templates(env=env)


#: Read-only connections kept for the next request (their page cache stays warm).
POOL_SIZE = 16


def corpus(request: Request) -> Iterator[Store]:
    """Dependency: a read-only connection to the corpus for this request alone. Connections
    are reused by later requests (WAL: each read sees the commits made before it began);
    one that failed is closed, not reused."""
    pool: queue.SimpleQueue = request.app.state.pool
    try:
        store = pool.get_nowait()
    except queue.Empty:
        store = Store.open(request.app.state.db_path)
    ok = False
    try:
        yield store
        ok = True
    finally:
        if ok and pool.qsize() < POOL_SIZE:
            pool.put(store)
        else:
            store.close()
