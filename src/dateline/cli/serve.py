"""`dateline serve`: the HTTP API and web pages over a corpus."""
from __future__ import annotations


def register(sub) -> None:
    pass
