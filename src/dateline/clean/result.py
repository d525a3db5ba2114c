"""What cleaning returns: the clean body and everything told apart from it."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..types import Dateline, Media, Removed


@dataclass
class CleanResult:
    body: str
    title: str | None = None
    published: str | None = None
    author: str | None = None
    language: str | None = None
    site: str | None = None
    dateline: Dateline | None = None
    removed: list[Removed] = field(default_factory=list)
    media: list[Media] = field(default_factory=list)
    extraction: str = "text-rules"

    @property
    def words(self) -> int:
        return len(self.body.split())
