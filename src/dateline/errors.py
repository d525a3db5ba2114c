"""Errors dateline reports to its users: each names the input and the reason, never a traceback."""
from __future__ import annotations


class DatelineError(Exception):
    """Base of every error dateline raises on purpose."""

    def __init__(self, reason: str, source: str | None = None):
        super().__init__(reason)
        self.reason = reason
        self.source = source

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}" if self.source else self.reason


class InputError(DatelineError):
    """The input cannot be analysed: empty, binary, undecodable, too large, malformed, no article."""


class ModelError(DatelineError):
    """The spaCy pipeline cannot be loaded."""
