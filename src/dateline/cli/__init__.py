"""The `dateline` command line. Each subcommand lives in its own module with a
``register(subparsers)`` function; ``main(argv)`` is testable and returns the exit status.

Exit status: 0 success; 1 a batch ran but some inputs failed; 2 the input or the command line
is unusable (the message on stderr names the input and the reason).
"""
from __future__ import annotations

import argparse
import logging
import sys

from ..errors import DatelineError

EXIT_OK, EXIT_SOME_FAILED, EXIT_ERROR = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    from . import analyze, corpus, serve

    parser = argparse.ArgumentParser(
        prog="dateline",
        description="Read news articles and tell what they report.")
    parser.add_argument("-v", "--verbose", action="count", default=0,
                        help="log more to stderr (-vv for debug)")
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in (analyze, corpus, serve):
        module.register(sub)
    for command in sub.choices.values():  # -v after the subcommand too: dateline analyze -v …
        command.add_argument("-v", dest="verbose", action="count", default=argparse.SUPPRESS,
                             help="log more to stderr (-vv for debug)")
    return parser


def _version() -> str:
    from .. import __version__

    return f"dateline {__version__}"


def _configure_logging(verbose: int) -> None:
    """dateline's own messages on stderr; other libraries' (dask, trafilatura) only with -vv."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("dateline: %(message)s"))
    ours = logging.getLogger("dateline")
    ours.handlers[:] = [handler]
    ours.propagate = False
    ours.setLevel((logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)])
    for name in ("distributed", "trafilatura", "htmldate", "courlan"):
        logging.getLogger(name).setLevel(logging.DEBUG if verbose >= 2 else logging.ERROR)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _configure_logging(args.verbose)
    try:
        return args.func(args)
    except DatelineError as exc:
        print(f"dateline: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("dateline: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
