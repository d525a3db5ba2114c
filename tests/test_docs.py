"""Everything a user can set is documented: each CLI option of each command in its page, each
Options field in docs/options.md (as datasette's tests/test_docs.py does)."""
import argparse
import re
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


# ---- figures quoted in the docs agree with docs/scores.md ---------------------------------------

#: A scorer's measure, then its figure(s): "F1 0.953", "B-cubed F1 0.975, 0.978 and 0.975",
#: "precision 0.9", "hit rate 0.548", "attribution 0.9674", "P 0.948".
_MEASURE = r"\b(?:F1|precision|recall|hit rate|attribution|accuracy|P|R)\b"
_FIGURE = r"(?<![\d.])[01]?\.\d+\b"
_QUOTED = re.compile(_MEASURE + r"(?:\s+(?:of|is|=|:))?\s+(" + _FIGURE
                     + r"(?:(?:\s*,\s*|\s+and\s+|\s*/\s*)" + _FIGURE + r")*)")


def quoted_figures(text: str) -> list[str]:
    """Every figure quoted for a scorer's measure in ``text``."""
    return [f for m in _QUOTED.finditer(text) for f in re.findall(_FIGURE, m.group(1))]


def scores_figures() -> set[str]:
    """Every figure docs/scores.md gives (any row, any section: new rows count at once)."""
    return set(re.findall(_FIGURE, (ROOT / "docs" / "scores.md").read_text(encoding="utf-8")))


def test_quoted_figures_are_found():
    text = ("end-to-end F1 0.847 (P 0.9, R 0.88); B-cubed F1 0.975, 0.978 and 0.975; "
            "hit rate 0.548; a threshold of 0.18; cost 0.005 F1")
    assert quoted_figures(text) == ["0.847", "0.9", "0.88", "0.975", "0.978", "0.975", "0.548"]


@pytest.mark.parametrize("page", sorted(p.name for p in (ROOT / "docs").glob("*.md")
                                        if p.name != "scores.md") + ["README.md"])
def test_figures_in_docs_match_scores_md(page):
    path = ROOT / "docs" / page if page != "README.md" else ROOT / page
    known = scores_figures()
    stale = [f for f in quoted_figures(path.read_text(encoding="utf-8")) if f not in known]
    assert not stale, (f"{page} quotes scorer figures that docs/scores.md does not give: "
                       f"{stale}; quote the figures of `make scores` (docs/scores.md)")
