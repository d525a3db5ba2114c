"""What the API and the pages share: paging, checking dates, and shaping one article record for
its page. No SQL here: the data comes from the corpus query functions."""
from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from urllib.parse import quote, urlsplit

from markupsafe import Markup, escape

from ..corpus.search import parse_day
from ..corpus.store import CorpusError
from .errors import BadRequest

#: Marks the corpus puts around matched words in HTML snippets, turned into <mark> only after
#: the snippet has been escaped: a random token per process, so that no article text can carry
#: them (a body holding "\x02" or any fixed mark shows it as text, never as <mark>).
_TOKEN = secrets.token_hex(8)
SNIPPET_MARKS = (f"\ue000{_TOKEN}\ue001", f"\ue001{_TOKEN}\ue000")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
QUESTIONS = ("who", "what", "when", "where", "why", "how")
PLACE_TYPES = ("GPE", "LOC", "FAC")


def page(fetch: Callable[..., list], limit: int, offset: int,
         total: Callable[[], int] | None = None) -> dict:
    """One page of results: asks for one more than ``limit`` to know whether another follows;
    ``total`` counts every result (all pages)."""
    rows = fetch(limit=limit + 1, offset=offset)
    return {"results": rows[:limit], "limit": limit, "offset": offset,
            "next_offset": offset + limit if len(rows) > limit else None,
            "total": total() if total else None}


def check_dates(since: str | None, until: str | None) -> None:
    """A readable 400 for a date the corpus cannot read (parsed by the corpus itself)."""
    try:
        if since:
            parse_day(since)
        if until:
            parse_day(until, end=True)
    except CorpusError as exc:
        raise BadRequest(str(exc)) from None


def blank_to_none(**values: str | None) -> dict:
    """Form fields left empty are no filter."""
    return {k: (v.strip() or None) if isinstance(v, str) else v for k, v in values.items()}


# ---- one article, for its page ------------------------------------------------------------------

def group_quotes(quotes: list[dict]) -> list[tuple[str | None, list[dict]]]:
    """Quotes grouped by speaker, in order of each speaker's first quote; unattributed last."""
    groups: dict[str | None, list[dict]] = {}
    for q in quotes:
        groups.setdefault(q.get("speaker") or None, []).append(q)
    named = [(s, qs) for s, qs in groups.items() if s is not None]
    return named + ([(None, groups[None])] if None in groups else [])


def main_event(record: dict) -> list[tuple[str, str]]:
    """The main event's answers as (question, text) pairs, skipping the empty ones."""
    events = record.get("events") or []
    event = events[0] if events and isinstance(events[0], dict) else {}
    out = []
    for question in QUESTIONS:
        answer = event.get(question)
        if isinstance(answer, dict) and answer.get("text"):
            text = answer["text"]
            if question == "when" and answer.get("date") and answer["date"] != text:
                text = f"{text} ({answer['date']})"
            out.append((question, text))
    return out


def article_view(record: dict) -> dict:
    entities = record.get("entities") or []
    return {
        "people": [e for e in entities if e.get("type") == "PERSON"],
        "orgs": [e for e in entities if e.get("type") == "ORG"],
        "places": [e for e in entities if e.get("type") in PLACE_TYPES],
        "quotes": group_quotes(record.get("quotes") or []),
        "event": main_event(record),
    }


# ---- template filters ---------------------------------------------------------------------------

def path_part(value: object) -> str:
    """A value as one URL path segment ("/" and "?" escaped too)."""
    return quote(str(value), safe="")


def snippet(text: str | None) -> Markup:
    """An escaped snippet with the matched words in <mark>."""
    safe = _CONTROL.sub("", str(escape(text or "")))
    return Markup(safe.replace(SNIPPET_MARKS[0], "<mark>").replace(SNIPPET_MARKS[1], "</mark>"))


def web_url(value: str | None) -> str | None:
    """The address when it is an http(s) link, else None (no javascript: links from a record)."""
    if not value:
        return None
    scheme = urlsplit(value.strip()).scheme.lower()
    return value.strip() if scheme in ("http", "https") else None


FILTERS = {"path_part": path_part, "snippet": snippet, "web_url": web_url}
