"""Standard input: JSON Lines or a JSON array is a batch, anything else one article; read in bounded pieces."""
from __future__ import annotations

import json
import sys
from collections.abc import Iterator

from ..api import make_article
from ..errors import InputError
from ..types import Article, Failure
from .jsonarray import iter_json_stream
from .jsonl import iter_stream
from .reading import Prefixed, read_bounded

NAME = "<stdin>"


class Stdin:
    """Standard input, peeked at once to tell a batch (JSON Lines, JSON array) from one article."""

    def __init__(self, stream=None, limit: int = 5_000_000):
        self.stream = stream if stream is not None else sys.stdin.buffer
        self.limit = limit
        self.head = b""
        self.kind = None

    def _peek(self) -> str:
        if self.kind is None:
            head = b""
            while len(head) < 65536:
                piece = self.stream.read(65536 - len(head))
                if not piece:
                    break
                head += piece
                if b"\n" in head.lstrip():
                    break
            self.head = head
            self.kind = kind_of(head)
        return self.kind

    @property
    def single(self) -> bool:
        return self._peek() == "article"

    def __iter__(self) -> Iterator[Article | Failure]:
        kind = self._peek()
        stream = Prefixed(self.head, self.stream)
        if kind == "jsonl":
            yield from iter_stream(stream, NAME, self.limit)
        elif kind == "json":
            yield from iter_json_stream(stream, NAME, self.limit)
        else:
            try:
                yield make_article(read_bounded(stream, self.limit), id=NAME)
            except InputError as exc:
                yield Failure(NAME, exc.reason)


def kind_of(head: bytes) -> str:
    """"jsonl" when the first line is a JSON object, "json" for an array, else "article"."""
    body = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if body[:1] == b"[":
        return "json" if body[1:].lstrip(b" \t\r\n")[:1] in (b"{", b"]") else "article"
    if body[:1] != b"{":
        return "article"
    line = body.split(b"\n", 1)[0]
    try:
        return "jsonl" if isinstance(json.loads(line), dict) else "article"
    except (ValueError, RecursionError):
        return "json" if b"\n" in body else "article"
