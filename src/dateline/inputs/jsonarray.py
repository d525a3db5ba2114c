"""JSON files (.json, .json.gz): one record, or an array of records read one element at a time."""
from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from pathlib import Path

from ..types import Article, Failure
from .reading import CHUNK, iter_file
from .records import record_to_article

_WS = " \t\r\n"


def is_json(path: Path) -> bool:
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    return bool(suffixes) and (suffixes[-1] == ".json" or suffixes == [".json", ".gz"])


def iter_json_stream(stream, name: str, limit: int) -> Iterator[Article | Failure]:
    """Records of a JSON array (or one JSON object), element by element: memory holds one
    element (at most ``limit`` bytes) at a time, not the file."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    reader = json.JSONDecoder()
    buf, pos, eof, n = "", 0, False, 0

    def more() -> bool:
        nonlocal buf, pos, eof
        if eof:
            return False
        piece = stream.read(CHUNK)
        eof = not piece
        buf = buf[pos:] + decoder.decode(piece, final=eof)
        pos = 0
        return True

    def skip_ws() -> str:
        nonlocal pos
        while True:
            while pos < len(buf) and buf[pos] in _WS:
                pos += 1
            if pos < len(buf) or not more():
                return buf[pos:pos + 1]

    try:
        first = skip_ws()
        if first not in ("[", "{"):
            yield Failure(name, "not a JSON array or object of records")
            return
        array = first == "["
        if array:
            pos += 1
        while True:
            c = skip_ws()
            if array and c == "]":
                return
            if not c:
                if array:
                    yield Failure(f"{name}[{n}]", "the JSON array is not closed")
                return
            while True:
                try:
                    value, end = reader.raw_decode(buf, pos)
                    break
                except json.JSONDecodeError as exc:
                    if len(buf) - pos > limit:
                        yield Failure(f"{name}[{n}]", f"element {n} is over the limit of "
                                                     f"{limit:,} bytes (raise it with --max-bytes)")
                        return
                    if not more():
                        yield Failure(f"{name}[{n}]", f"malformed JSON in element {n}: {exc.msg}")
                        return
            pos = end
            yield record_to_article(value, f"{name}[{n}]")
            n += 1
            if not array:
                return
            c = skip_ws()
            if c == ",":
                pos += 1
            elif c != "]":
                yield Failure(f"{name}[{n}]", "malformed JSON array: expected ',' or ']'")
                return
    except UnicodeDecodeError as exc:
        yield Failure(name, f"not UTF-8 text ({exc.reason})")
    except RecursionError:
        yield Failure(f"{name}[{n}]", "JSON nested too deeply")
    except ValueError as exc:
        yield Failure(f"{name}[{n}]", f"unusable JSON: {str(exc).split(';')[0]}")


def iter_json(path: Path, limit: int) -> Iterator[Article | Failure]:
    return iter_file(path, limit, iter_json_stream)
