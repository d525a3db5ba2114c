"""Corpus commands: ingest, search, people, quotes, stories, story, failures, export.

Each handler opens the corpus, calls one query function of ``dateline.corpus`` (which returns
plain dicts) and only formats the answer: readable lines for a terminal, or JSON Lines with
``--json``. Errors are :class:`~dateline.corpus.store.CorpusError` (one line, exit status 2).
"""
from __future__ import annotations

import argparse
import json
import sys
import textwrap

from ..corpus.store import ENV_DB, CorpusError, Store, default_path
from . import EXIT_ERROR, EXIT_OK, EXIT_SOME_FAILED

BOLD, DIM, RESET = "\033[1m", "\033[2m", "\033[0m"


def register(sub) -> None:
    p = sub.add_parser("ingest", help="analyse articles and store them in a corpus",
                       description="Analyse articles (files, folders, .jsonl[.gz], - for stdin) "
                                   "and store them, each joining a story. Already stored inputs "
                                   "are skipped before analysis; a killed run can be re-run.")
    p.add_argument("paths", nargs="*", metavar="PATH")
    add_db_argument(p)
    p.add_argument("--force", action="store_true", help="re-analyse and replace stored inputs")
    p.add_argument("--refresh", action="store_true",
                   help="fetch URLs the corpus already holds again (skipped otherwise)")
    p.add_argument("--every", metavar="DURATION",
                   help="keep reading the inputs (e.g. --feed) every DURATION (90s, 15m, 1h)")
    p.add_argument("--retry", action="store_true",
                   help="re-analyse inputs that failed before (they are skipped otherwise)")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    from ..runner.partitions import DEFAULT_PARTITION_BYTES

    p.add_argument("--dask", metavar="SCHEDULER",
                   help="analyse on a Dask cluster (scheduler address, or 'local' with -j N) "
                        "as a partitioned run into --dataset, then load that dataset")
    p.add_argument("--dataset", metavar="DIR",
                   help="with --dask: the dataset folder (default: the corpus path + "
                        "'.dataset', beside it); a rerun resumes it")
    p.add_argument("--partition-size", type=int, default=DEFAULT_PARTITION_BYTES,
                   metavar="BYTES", help="with --dask: byte range of a large JSON Lines or "
                                         "WARC file per partition (default "
                                         f"{DEFAULT_PARTITION_BYTES:,})")
    from .analyze import add_options_arguments

    add_options_arguments(p)
    from .inputs import add_input_arguments

    add_input_arguments(p)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("search", help="full-text search of the corpus, with filters",
                       description="Search titles and bodies (SQLite FTS5 syntax: words, "
                                   '"a phrase", AND/OR/NOT, prefix*). Without a query, list the '
                                   "latest articles matching the filters.")
    p.add_argument("query", nargs="?", metavar="QUERY")
    _filters(p)
    p.add_argument("--story", type=int, metavar="ID", help="only articles of this story")
    _paging(p)
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("people", help="people in the corpus: titles, mentions, quotes, dates",
                       description="List the people most covered, or those whose name contains "
                                   "NAME; an exact name shows their latest quotes and articles.")
    p.add_argument("name", nargs="?", metavar="NAME")
    add_db_argument(p)
    p.add_argument("--relink", action="store_true",
                   help="first recompute every person identity from the stored articles")
    _paging(p, db=False)
    p.set_defaults(func=cmd_people)

    p = sub.add_parser("relink", help="recompute the person identities from stored articles",
                       description="Recompute every person identity (one per person across "
                                   "the corpus) from the stored articles, after a model or "
                                   "rule change.")
    add_db_argument(p)
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.set_defaults(func=cmd_relink)

    p = sub.add_parser("quotes", help="quotes, by speaker or words",
                       description="List quotes, newest first, or those matching QUERY (FTS5 "
                                   "syntax) best first.")
    p.add_argument("query", nargs="?", metavar="QUERY")
    p.add_argument("--speaker", metavar="NAME", help="speaker's name contains NAME")
    p.add_argument("--source", metavar="TEXT", help="source or address contains TEXT")
    p.add_argument("--since", metavar="DATE", help="published on or after DATE (YYYY[-MM[-DD]])")
    p.add_argument("--until", metavar="DATE", help="published on or before DATE")
    _paging(p)
    p.set_defaults(func=cmd_quotes)

    p = sub.add_parser("stories", help="list stories: headline, size, span, main people")
    p.add_argument("--since", metavar="DATE", help="stories still running on or after DATE")
    p.add_argument("--until", metavar="DATE", help="stories begun on or before DATE")
    p.add_argument("--min-size", type=int, default=1, metavar="N",
                   help="only stories of at least N articles (default 1)")
    p.add_argument("--person", metavar="NAME", help="stories naming this person")
    p.add_argument("--sort", choices=("recent", "size", "oldest"), default="recent",
                   help="order (default: most recent first)")
    p.add_argument("--rebuild", action="store_true",
                   help="recompute every story from the stored articles with the current "
                        "method (no re-parsing); old story ids lead to their new stories")
    _paging(p)
    p.set_defaults(func=cmd_stories)

    p = sub.add_parser("story", help="one story as a timeline of its articles")
    p.add_argument("id", type=int, metavar="ID")
    add_db_argument(p)
    p.add_argument("--json", action="store_true", help="print the story as JSON")
    p.set_defaults(func=cmd_story)

    p = sub.add_parser("failures", help="inputs that could not be analysed, and why")
    _paging(p, default_limit=None)
    p.set_defaults(func=cmd_failures)

    p = sub.add_parser("export", help="export articles, quotes, people or stories",
                       description="Export as JSON Lines (full records), CSV or Parquet "
                                   "(flat columns).")
    from ..corpus.export import FORMATS, WHATS

    p.add_argument("--format", choices=FORMATS, default="jsonl", help="default jsonl")
    p.add_argument("--what", choices=WHATS, default="articles", help="default articles")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not stdout")
    add_db_argument(p)
    p.set_defaults(func=cmd_export)


def add_db_argument(p: argparse.ArgumentParser) -> None:
    """--db, the same for every command that reads or writes a corpus (serve too)."""
    p.add_argument("--db", metavar="FILE",
                   help=f"the corpus database (default: ${ENV_DB}, else ./dateline.db)")


def _filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--person", metavar="NAME", help="articles naming a person whose name "
                                                    "contains NAME")
    p.add_argument("--org", metavar="NAME", help="articles naming such an organisation")
    p.add_argument("--place", metavar="NAME", help="articles naming such a place")
    p.add_argument("--source", metavar="TEXT", help="source or address contains TEXT")
    p.add_argument("--since", metavar="DATE", help="published on or after DATE (YYYY[-MM[-DD]])")
    p.add_argument("--until", metavar="DATE", help="published on or before DATE")


def _paging(p: argparse.ArgumentParser, default_limit: int | None = 20, db: bool = True) -> None:
    if db:
        add_db_argument(p)
    p.add_argument("-n", "--limit", type=int, default=default_limit, metavar="N",
                   help=f"show at most N (default {default_limit or 'all'})")
    p.add_argument("--offset", type=int, default=0, metavar="N", help="skip the first N")
    p.add_argument("--json", action="store_true", help="print JSON Lines, one object a line")


def _open(args: argparse.Namespace) -> Store:
    from ..corpus.search import check_count, check_paging

    if hasattr(args, "offset"):
        args.limit, args.offset = check_paging(args.limit, args.offset,
                                               names=("--limit", "--offset"))
    for name in ("id", "story", "min_size"):
        if getattr(args, name, None) is not None:
            check_count(getattr(args, name), "the story id" if name == "id"
                        else "--" + name.replace("_", "-"))
    return Store.open(args.db or default_path())


def _style(code: str) -> str:
    return code if sys.stdout.isatty() else ""


def _lines(items: list[dict]) -> None:
    for item in items:
        print(json.dumps(item, ensure_ascii=False))


def _wrap(text: str, indent: str = "    ") -> str:
    return textwrap.fill(text, width=100, initial_indent=indent, subsequent_indent=indent)


# ---- ingest -----------------------------------------------------------------------------------

def cmd_ingest(args: argparse.Namespace) -> int:
    from ..corpus.bulk import is_dataset
    from .inputs import ingest_rounds

    datasets = [p for p in args.paths if is_dataset(p)]
    if datasets and len(args.paths) > 1:
        raise CorpusError(f"{datasets[0]} is a dataset: ingest it alone "
                          f"(`dateline ingest {datasets[0]}`), then the other inputs")
    if datasets:
        return _ingest_dataset(args)
    if args.dask:
        return _ingest_on_dask(args)
    if args.dataset:
        raise CorpusError("--dataset goes with --dask (the folder of the partitioned run)")
    return ingest_rounds(args, _ingest_once)


def dataset_beside(db: str) -> str:
    """Where ``ingest --dask`` writes its partitioned run when no --dataset is given."""
    return db + ".dataset"


def _ingest_on_dask(args: argparse.Namespace) -> int:
    """``ingest INPUTS --dask ADDRESS``: the partitioned run into a folder beside the corpus,
    then the load of that folder (``ingest DIR``): the same corpus as a local ingest."""
    from ..corpus.bulk import is_dataset
    from .analyze import options_from_args, partitioned
    from .inputs import input_options

    for flag, given in (("--force", args.force), ("--every", args.every),
                        ("--retry", args.retry), ("--refresh", args.refresh)):
        if given:
            raise CorpusError(f"{flag} cannot go with --dask (the run is loaded as a dataset)")
    db = args.db or default_path()
    out = args.dataset or dataset_beside(db)
    status = partitioned(args, input_options(args, options_from_args(args)), out, "--dask")
    if status == EXIT_ERROR and not is_dataset(out):
        return status
    args.paths = [out]
    loaded = _ingest_dataset(args)
    return max(status, loaded)


def _ingest_dataset(args: argparse.Namespace) -> int:
    """``dateline ingest DIR`` where DIR is a Parquet dataset: load it without re-analysing."""
    from ..corpus.bulk import load_dataset
    from .analyze import options_from_args

    for flag, given in (("--force", args.force), ("--every", args.every),
                        ("--retry", args.retry), ("--refresh", args.refresh)):
        if given:
            raise CorpusError(f"{flag} does not apply to a dataset ({args.paths[0]} is loaded "
                              "as it was analysed)")
    db = args.db or default_path()
    bar = None
    if not args.no_progress and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(unit=" records", file=sys.stderr, dynamic_ncols=True)
    say = (lambda line: bar.write("dateline: " + line)) if bar else \
        (lambda line: print("dateline: " + line, file=sys.stderr))
    try:
        summary = load_dataset(args.paths[0], db, options_from_args(args),
                               progress=bar.update if bar else None, on_error=say,
                               on_failure=None if bar else lambda f: say(
                                   f"{f['input_id']}: {f['error']}"))
    finally:
        if bar:
            bar.close()
    bad_files = [f for f in summary.failures if "partition" in f]
    with Store.open(db) as store:
        totals = store.counts()
    if args.json:
        print(json.dumps({**summary.to_dict(), "unreadable_files": len(bad_files), "db": db,
                          "corpus": totals}))
    else:
        extra = f", {summary.skipped} skipped" if summary.skipped else ""
        extra += f", {len(bad_files)} unreadable files" if bad_files else ""
        print(f"{summary.new} new, {summary.duplicate} duplicate, {summary.failed} failed"
              f"{extra}; {db} holds {totals['articles']} articles in {totals['stories']} "
              "stories")
    if summary.new + summary.duplicate + summary.failed + summary.skipped == 0 and not bad_files:
        print(f"dateline: no records in the done partitions of {args.paths[0]}", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_SOME_FAILED if summary.failed or bad_files else EXIT_OK


def _ingest_once(args: argparse.Namespace, inputs, options) -> int:
    from ..corpus.ingest import ingest

    db = args.db or default_path()
    bar = None
    if not args.no_progress and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=inputs.count(), unit=" articles", file=sys.stderr,
                   dynamic_ncols=True)
    try:
        summary = ingest(args.paths, db, options, force=args.force, retry=args.retry,
                         progress=bar.update if bar else None, inputs=inputs,
                         on_failure=None if bar else lambda f: print(
                             f"dateline: {f['input_id']}: {f['error']}", file=sys.stderr))
    finally:
        if bar:
            bar.close()
    with Store.open(db) as store:
        totals = store.counts()
    if args.json:
        print(json.dumps({**summary.to_dict(), "db": db, "corpus": totals}))
    else:
        extra = f", {summary.replaced} replaced" if summary.replaced else ""
        copies = f" ({summary.copies} near-copies of stored articles)" if summary.copies else ""
        extra += f", {summary.skipped} skipped" if summary.skipped else ""
        print(f"{summary.new} new, {summary.duplicate} duplicate, {summary.failed} failed"
              f"{extra}{copies}; {db} holds {totals['articles']} articles in "
              f"{totals['stories']} stories")
        if summary.failed and bar:
            print(f"see the failures with: dateline failures --db {db}", file=sys.stderr)
    if summary.new + summary.duplicate + summary.failed + summary.replaced + summary.skipped \
            == 0 and not args.every:
        print("dateline: no articles found in " + ", ".join(args.paths), file=sys.stderr)
        return EXIT_ERROR
    return EXIT_SOME_FAILED if summary.failed else EXIT_OK


# ---- search, people, quotes -------------------------------------------------------------------

def cmd_search(args: argparse.Namespace) -> int:
    from ..corpus.search import search

    tty = sys.stdout.isatty() and not args.json
    with _open(args) as store:
        results = search(store, args.query, person=args.person, org=args.org, place=args.place,
                         source=args.source, since=args.since, until=args.until,
                         story=args.story, limit=args.limit, offset=args.offset,
                         marks=(BOLD, RESET) if tty else ("[", "]"))
    if args.json:
        _lines(results)
        return EXIT_OK
    if not results:
        print("no articles found", file=sys.stderr)
    for i, r in enumerate(results, args.offset + 1):
        meta = ", ".join(x for x in (r["published"], r["source"]) if x)
        print(f"{i:>3}. {_style(BOLD)}{r['title'] or '(no title)'}{_style(RESET)}"
              + (f"  ({meta})" if meta else ""))
        print(f"     {_style(DIM)}id {r['id']}  story {r['story']}"
              + (f"  copy of {r['duplicate_of']}" if r["duplicate_of"] else "")
              + f"{_style(RESET)}")
        if r["snippet"]:
            print(textwrap.fill(r["snippet"], width=100, initial_indent="     ",
                                subsequent_indent="     "))
    return EXIT_OK


def _relink(db: str) -> dict:
    from ..corpus.identities import relink

    Store.open(db).close()  # a missing corpus is an error, not a new file
    with Store.open(db, write=True) as store:
        return relink(store)


def cmd_relink(args: argparse.Namespace) -> int:
    db = args.db or default_path()
    done = _relink(db)
    if args.json:
        print(json.dumps(done))
    else:
        print(f"{done['articles']} articles linked to {done['identities']} identities in {db}")
    return EXIT_OK


def cmd_people(args: argparse.Namespace) -> int:
    from ..corpus.people import people, person

    if args.relink:
        _relink(args.db or default_path())
    with _open(args) as store:
        one = person(store, args.name) if args.name else None
        found = [one] if one else people(store, args.name, limit=args.limit, offset=args.offset)
    if args.json:
        _lines(found)
        return EXIT_OK
    if not found:
        print("no people found", file=sys.stderr)
    for p in found:
        titles = "; ".join(f"{t['title']} ({t['count']})" for t in p["titles"])
        print(f"{_style(BOLD)}{p['name']}{_style(RESET)}  {p['articles']} articles, "
              f"{p['mentions']} mentions, {p['quotes']} quotes, "
              f"{p['first_seen'] or '?'} – {p['last_seen'] or '?'}")
        if titles:
            print(f"    {titles}")
        for q in p.get("recent_quotes", []):
            where = f"{q['published'] or '?'}, {q['title'] or q['article']}"
            print(_wrap(f"“{q['text']}” ({where})"))
        if p.get("recent_articles"):
            print("    articles:")
            for a in p["recent_articles"]:
                print(f"      {a['published'] or '?'}  {a['title'] or a['id']}  "
                      f"(story {a['story']})")
    return EXIT_OK


def cmd_quotes(args: argparse.Namespace) -> int:
    from ..corpus.search import quotes

    with _open(args) as store:
        found = quotes(store, args.query, speaker=args.speaker, since=args.since,
                       until=args.until, source=args.source, limit=args.limit,
                       offset=args.offset)
    if args.json:
        _lines(found)
        return EXIT_OK
    if not found:
        print("no quotes found", file=sys.stderr)
    for q in found:
        who = q["speaker"] or q["speaker_mention"] or "(unknown)"
        text = f"“{q['text']}”" if q["direct"] else q["text"]
        print(f"{_style(BOLD)}{who}{_style(RESET)} {q['cue'] or ''}".rstrip()
              + f"  {_style(DIM)}{q['published'] or '?'}, {q['title'] or q['article']}"
              + _style(RESET))
        print(_wrap(text))
    return EXIT_OK


# ---- stories ----------------------------------------------------------------------------------

def cmd_stories(args: argparse.Namespace) -> int:
    from ..corpus.timeline import list_stories

    if args.rebuild:
        from ..corpus.ingest import now_text
        from ..corpus.rebuild import rebuild

        with Store.open(args.db or default_path(), write=True) as store, store.transaction():
            done = rebuild(store, now_text())
        print(f"rebuilt {done['stories']} stories from {done['articles']} articles "
              f"({done['old_stories']} old story ids lead to their new stories)",
              file=sys.stderr)
    with _open(args) as store:
        found = list_stories(store, since=args.since, until=args.until, min_size=args.min_size,
                             person=args.person, sort=args.sort, limit=args.limit,
                             offset=args.offset)
    if args.json:
        _lines(found)
        return EXIT_OK
    if not found:
        print("no stories found", file=sys.stderr)
    for s in found:
        span = s["first"] if s["first"] == s["last"] else f"{s['first']} – {s['last']}"
        print(f"{s['id']:>5}  {_style(BOLD)}{s['headline'] or '(no headline)'}{_style(RESET)}")
        people = ", ".join(s["people"])
        print(f"       {s['size']} article{'s' if s['size'] != 1 else ''}, "
              f"{s['sources']} source{'s' if s['sources'] != 1 else ''}, {span or '?'}"
              + (f"; {people}" if people else ""))
    return EXIT_OK


def cmd_story(args: argparse.Namespace) -> int:
    from ..corpus.timeline import get_story

    with _open(args) as store:
        story = get_story(store, args.id)
    if story is None:
        raise CorpusError(f"no story {args.id} in {args.db or default_path()}")
    if args.json:
        print(json.dumps(story, ensure_ascii=False))
        return EXIT_OK
    span = story["first"] if story["first"] == story["last"] else \
        f"{story['first']} – {story['last']}"
    merged = f" (story {story['merged_from']} was merged into it)" if story["merged_from"] \
        else ""
    if story.get("also_in"):
        merged += f" (parts of story {story['merged_from']} went to " + ", ".join(
            str(s) for s in story["also_in"]) + ")"
    print(f"{_style(BOLD)}Story {story['id']}: {story['headline'] or '(no headline)'}"
          f"{_style(RESET)}{merged}")
    print(f"{story['size']} articles from {story['sources']} sources, {span or '?'}")
    if story["people"]:
        print("People: " + ", ".join(story["people"]))
    for a in story["articles"]:
        print()
        copy = f"  {_style(DIM)}(copy of {a['duplicate_of']}){_style(RESET)}" \
            if a["duplicate_of"] else ""
        print(f"{a['published'] or '????-??-??'}  {_style(BOLD)}{a['title'] or a['id']}"
              f"{_style(RESET)}  {_style(DIM)}{a['source'] or ''} {a['id']}{_style(RESET)}{copy}")
        event = a["event"]
        parts = [f"{k}: {event[k]}" for k in ("who", "what", "when") if event.get(k)]
        if parts:
            print(_wrap(" | ".join(parts), "            "))
    return EXIT_OK


# ---- failures, export -------------------------------------------------------------------------

def cmd_failures(args: argparse.Namespace) -> int:
    from ..corpus.search import failures

    with _open(args) as store:
        found = failures(store, limit=args.limit, offset=args.offset)
    if args.json:
        _lines(found)
        return EXIT_OK
    if not found:
        print("no failures", file=sys.stderr)
    for f in found:
        print(f"{f['input_id']}: {f['error']}  {_style(DIM)}({f['failed_at']}){_style(RESET)}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from ..corpus.export import binary_stdout, export

    with _open(args) as store:
        if args.output:
            count = export(store, args.what, args.format, args.output)
            print(f"dateline: {count} {args.what} → {args.output}", file=sys.stderr)
        else:
            out = binary_stdout() if args.format == "parquet" else sys.stdout
            export(store, args.what, args.format, out)
            out.flush()
    return EXIT_OK
