"""Corpus commands: ingest, search, stories, story, people, quotes, failures, export."""
from __future__ import annotations


def register(sub) -> None:
    pass
