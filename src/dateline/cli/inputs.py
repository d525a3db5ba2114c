"""The input arguments shared by analyze and ingest (URLs, feeds, sitemaps, fetching, languages) and the Inputs they build."""
from __future__ import annotations

import argparse
import re

from ..errors import DatelineError
from ..inputs import Inputs
from ..options import Options


def add_input_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--urls", action="append", default=[], metavar="FILE",
                   help="fetch the addresses in FILE, one a line (- for stdin)")
    p.add_argument("--feed", action="append", default=[], metavar="URL",
                   help="an RSS or Atom feed: fetch its items (repeatable)")
    p.add_argument("--sitemap", action="append", default=[], metavar="URL",
                   help="a sitemap or sitemap index: fetch its pages (repeatable)")
    p.add_argument("--language", action="append", default=[], metavar="CODE",
                   help="keep only articles in this language (ISO 639-1, repeatable); "
                        "others are skipped and counted")
    p.add_argument("--concurrency", type=int, default=4, metavar="N",
                   help="URLs fetched at once (default 4)")
    p.add_argument("--per-host", type=int, default=2, metavar="N",
                   help="requests in flight to one host at most (default 2)")
    p.add_argument("--delay", type=float, default=0.25, metavar="SECONDS",
                   help="between two requests to one host (default 0.25)")
    p.add_argument("--timeout", type=float, default=15.0, metavar="SECONDS",
                   help="to connect, and to wait for the next bytes (default 15)")
    p.add_argument("--allow-private", action="store_true",
                   help="fetch addresses in loopback, private and link-local ranges")
    p.add_argument("--ignore-robots", action="store_true",
                   help="do not read robots.txt (only for sites you run)")


def input_options(args: argparse.Namespace, options: Options) -> Options:
    if args.concurrency < 1 or args.per_host < 1:
        raise DatelineError("--concurrency and --per-host must be 1 or more")
    if args.delay < 0 or args.timeout <= 0:
        raise DatelineError("--delay must be 0 or more and --timeout more than 0")
    for code in args.language:
        if not re.fullmatch(r"[a-z]{2,3}", code):
            raise DatelineError(f"--language {code}: give an ISO 639-1 code such as en or pt")
    return options.replace(languages=tuple(args.language), concurrency=args.concurrency,
                           per_host=args.per_host, delay=args.delay, timeout=args.timeout,
                           allow_private=args.allow_private, robots=not args.ignore_robots)


def build_inputs(args: argparse.Namespace, options: Options, stdin=None,
                 skip_url=None) -> Inputs:
    if not (args.paths or args.urls or args.feed or args.sitemap):
        raise DatelineError("nothing to read: give a PATH or URL, --urls, --feed or --sitemap")
    return Inputs(args.paths, options, urls=args.urls, feeds=args.feed, sitemaps=args.sitemap,
                  stdin=stdin, skip_url=skip_url)


def parse_every(text: str) -> float:
    """'15m', '1h', '90s', '30' (seconds) into seconds."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", text or "")
    if not m or float(m.group(1)) <= 0:
        raise DatelineError(f"--every {text}: give a duration such as 90s, 15m or 1h")
    return float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[m.group(2)]


def stored_url_check(db: str):
    """skip_url for ingest: a URL the corpus already holds (as given or as fetched) is not
    fetched again."""
    from ..corpus.store import Store

    def skip(url: str) -> str | None:
        try:
            with Store.open(db) as store:
                row = store.execute("SELECT 1 FROM articles WHERE url = ? OR input_id = ? "
                                    "LIMIT 1", (url, url)).fetchone()
        except Exception:  # no corpus yet: nothing is stored
            return None
        return "already in the corpus (--refresh fetches it again)" if row else None

    return skip


def ingest_rounds(args: argparse.Namespace, once) -> int:
    """Run ``once(args, inputs, options)``; with --every, again after each pause until stopped,
    the same Inputs (so feeds send ETag / Last-Modified and only new items are fetched)."""
    import sys
    import time

    from ..corpus.store import default_path
    from .analyze import options_from_args

    options = input_options(args, options_from_args(args))
    pause = parse_every(args.every) if args.every else None
    db = args.db or default_path()
    skip = None if (args.refresh or args.force) else stored_url_check(db)
    inputs = build_inputs(args, options, skip_url=skip)
    try:
        status = once(args, inputs, options)
        while pause is not None:
            time.sleep(pause)
            print(f"dateline: round at {time.strftime('%H:%M:%S')}", file=sys.stderr)
            status = once(args, inputs, options)
        return status
    finally:
        inputs.close()
