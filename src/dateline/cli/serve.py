"""`dateline serve`: the HTTP API and web pages over a corpus (docs/serve.md)."""
from __future__ import annotations

import argparse
import sys

from ..errors import DatelineError
from . import EXIT_OK

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def register(sub) -> None:
    from .corpus import add_db_argument

    p = sub.add_parser(
        "serve", help="serve a corpus: a JSON API under /api and web pages",
        description="Serve the corpus made by `dateline ingest`: a JSON API under /api (search, "
                    "articles, people, quotes, stories, failures, analyze) and web pages to "
                    "browse it. Reads only; an ingest may run at the same time.")
    add_db_argument(p)
    p.add_argument("--host", default=DEFAULT_HOST,
                   help=f"address to listen on (default {DEFAULT_HOST}: this machine only)")
    p.add_argument("--port", type=int, default=DEFAULT_PORT,
                   help=f"port to listen on (default {DEFAULT_PORT})")
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    from ..corpus.store import default_path

    if not 1 <= args.port <= 65535:
        raise DatelineError(f"--port must be between 1 and 65535, not {args.port}")
    db = args.db or default_path()
    from ..web import create_app

    app = create_app(db)  # refuses a missing or damaged corpus (CorpusError: exit 2)
    import uvicorn

    verbose = getattr(args, "verbose", 0)
    print(f"dateline: serving {db} on http://{args.host}:{args.port}/ (Ctrl+C to stop)",
          file=sys.stderr, flush=True)
    try:
        uvicorn.run(app, host=args.host, port=args.port, access_log=verbose > 0,
                    log_level=("warning", "info", "debug")[min(verbose, 2)])
    except SystemExit as exc:  # uvicorn exits when it cannot listen (it logged why)
        if exc.code:
            raise DatelineError(f"cannot serve on {args.host}:{args.port}") from None
        raise
    return EXIT_OK
