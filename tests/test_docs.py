"""Everything a user can set is documented: each CLI option of each command in its page, each
Options field in docs/options.md (as datasette's tests/test_docs.py does)."""
import argparse
import dataclasses

import pytest

from dateline.cli import build_parser
from dateline.options import Options
from support import ROOT

PAGES = {"analyze": "analyze.md", "serve": "serve.md"}


def subcommands():
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sorted(action.choices.items())


@pytest.mark.parametrize("name, sub", subcommands(), ids=[n for n, _ in subcommands()])
def test_every_cli_option_is_documented(name, sub):
    page = ROOT / "docs" / PAGES.get(name, "corpus.md")
    text = page.read_text()
    assert f"dateline {name}" in text, f"{page.name} has no section for dateline {name}"
    for action in sub._actions:
        longs = [o for o in action.option_strings if o.startswith("--") and o != "--help"]
        if longs:
            assert any(o in text for o in longs), f"{longs[0]} of dateline {name} not in {page.name}"


def test_every_option_field_is_documented():
    text = (ROOT / "docs" / "options.md").read_text()
    for field in dataclasses.fields(Options):
        assert f"`{field.name}`" in text, field.name


def test_readme_opens_with_the_two_commands():
    lines = [line for line in (ROOT / "README.md").read_text().splitlines() if line.strip()]
    assert lines[0].startswith("# ")
    assert lines[2].startswith("make run") and lines[3].startswith("make test")
