"""`dateline serve`: the JSON API (/api) and the web pages over a corpus (see docs/serve.md).

Both call the corpus query functions (dateline.corpus.search, dateline.corpus.timeline) that the
CLI calls; this package only turns requests into calls and results into JSON or HTML.
"""
from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
