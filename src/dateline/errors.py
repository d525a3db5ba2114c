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


class RunError(DatelineError):
    """The run itself cannot go on (no model, full disk, another writer): it fails every input
    alike, so it stops the run with one message and is never recorded as a failure of an input."""


class ModelError(RunError):
    """The spaCy pipeline cannot be loaded."""


def disk_full(exc: BaseException) -> bool:
    """True for an error that says the disk (or the user's quota) is full."""
    import errno

    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return True
    return "disk is full" in str(exc).lower() or "database or disk is full" in str(exc).lower()
