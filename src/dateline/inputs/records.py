"""Input records ({"id", "text"|"html", "title", ...}) into articles, or a Failure saying why not."""
from __future__ import annotations

import json
import re

from ..api import make_article
from ..types import Article, Failure

RECORD_FIELDS = ("title", "published", "url", "source", "description")
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_str(value: str) -> str:
    """A lone surrogate (``"\\ud800"`` in JSON) cannot be written as UTF-8: U+FFFD stands in."""
    return _SURROGATE.sub("\ufffd", value)


def record_to_article(record: object, where: str, **extra: str | None) -> Article | Failure:
    """One parsed record into an article; ``extra`` (e.g. fetched_at) is set on it."""
    if not isinstance(record, dict):
        return Failure(where, "not a JSON object")
    rid = record.get("id")
    rid = clean_str(str(rid)) if isinstance(rid, (str, int)) and not isinstance(rid, bool) \
        and len(str(rid)) <= 1000 else where
    content = record.get("html") if record.get("html") is not None else record.get("text")
    if not isinstance(content, str):
        return Failure(rid, 'the record has no "text" or "html" string')
    meta = {k: clean_str(record[k]) for k in RECORD_FIELDS if isinstance(record.get(k), str)}
    article = make_article(clean_str(content), id=rid, **meta)
    for k, v in extra.items():
        setattr(article, k, v)
    return article


def parse_line(line: bytes, where: str, n: int) -> Article | Failure:
    """One line of JSON Lines into an article; hostile JSON (deep nesting, huge numbers, bad
    UTF-8) is a Failure of that line only."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return Failure(where, f"malformed JSON on line {n}: {exc.msg} (column {exc.colno})")
    except UnicodeDecodeError as exc:
        return Failure(where, f"line {n} is not UTF-8 (byte 0x{line[exc.start]:02x} at offset "
                              f"{exc.start}); convert it to UTF-8 first")
    except RecursionError:
        return Failure(where, f"JSON on line {n} is nested too deeply")
    except ValueError as exc:  # e.g. an integer of thousands of digits
        return Failure(where, f"unusable JSON on line {n}: {str(exc).split(';')[0]}")
    return record_to_article(record, where)
