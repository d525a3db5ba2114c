"""`dateline serve`: the HTTP API and web pages over a corpus (docs/serve.md)."""
from __future__ import annotations

import argparse
import socket
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
    from ..web.app import DEFAULT_ANALYZE_QUEUE, DEFAULT_ANALYZE_WORKERS, DEFAULT_MAX_BODY

    p.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                   help="also answer requests for this Host name (repeatable); by default only "
                        "the --host name, and the loopback names when it is loopback")
    p.add_argument("--max-body", type=int, default=DEFAULT_MAX_BODY, metavar="BYTES",
                   help=f"largest request body, e.g. an article sent to /api/analyze "
                        f"(default {DEFAULT_MAX_BODY})")
    p.add_argument("--analyze-workers", type=int, default=DEFAULT_ANALYZE_WORKERS, metavar="N",
                   help=f"analyses run at once, apart from the reads "
                        f"(default {DEFAULT_ANALYZE_WORKERS})")
    p.add_argument("--analyze-queue", type=int, default=DEFAULT_ANALYZE_QUEUE, metavar="N",
                   help=f"analyses that may wait; beyond them a 429 (default "
                        f"{DEFAULT_ANALYZE_QUEUE})")
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    from ..corpus.store import default_path

    if not 1 <= args.port <= 65535:
        raise DatelineError(f"--port must be between 1 and 65535, not {args.port}")
    if args.max_body < 1:
        raise DatelineError(f"--max-body must be at least 1, not {args.max_body}")
    db = args.db or default_path()
    from ..web import create_app

    # refuses a missing or damaged corpus (CorpusError: exit 2)
    app = create_app(db, host=args.host, allow_hosts=tuple(args.allow_host),
                     max_body=args.max_body, analyze_workers=args.analyze_workers,
                     analyze_queue=args.analyze_queue)
    sock = bind(args.host, args.port)  # before saying "serving": a port in use fails here
    import uvicorn

    verbose = getattr(args, "verbose", 0)
    print(f"dateline: serving {db} on http://{args.host}:{args.port}/ (Ctrl+C to stop)",
          file=sys.stderr, flush=True)
    config = uvicorn.Config(app, access_log=verbose > 0,
                            log_level=("warning", "info", "debug")[min(verbose, 2)])
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()
    return EXIT_OK


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port, or a DatelineError saying why there is none."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise DatelineError(f"cannot serve on {host}:{port} ({exc.strerror})") from None
    family, _, _, _, address = infos[0]
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        raise DatelineError(f"cannot serve on {host}:{port} ({exc.strerror})") from None
    sock.set_inheritable(True)
    return sock
