"""The article body as HTML with what was found marked in it, in the manner of spaCy's
displaCy: people, organisations, places and dates (each a link to its page), quotes, and the
answers of the main event (5W1H). Every piece of text is escaped; spans that cross another
span are left out rather than broken."""
from __future__ import annotations

from urllib.parse import quote, urlencode

from markupsafe import Markup, escape

KIND_OF = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place"}
PAGE_OF = {"person": "/people/", "org": "/orgs/", "place": "/places/"}
QUESTIONS = ("who", "what", "when", "where", "why", "how")


def entity_url(kind: str, name: str) -> str:
    return PAGE_OF[kind] + quote(name, safe="")


def _spans(record: dict, size: int) -> list[tuple[int, int, int, str, str | None, str]]:
    """(start, end, layer, css class, link, title) of everything marked, inside the body."""
    out = []

    def add(start, end, layer, css, link, title):
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= size:
            out.append((start, end, layer, css, link, title))

    events = record.get("events") or []
    event = events[0] if events and isinstance(events[0], dict) else {}
    for question in QUESTIONS:
        answer = event.get(question)
        if isinstance(answer, dict) and answer.get("source", "body") == "body":
            add(answer.get("start"), answer.get("end"), 0, f"w w-{question}", None, question)
    for q in record.get("quotes") or []:
        if isinstance(q, dict):
            who = q.get("speaker") or "unattributed"
            add(q.get("start"), q.get("end"), 1, "quote", None, f"quote: {who}")
    for e in record.get("entities") or []:
        kind = KIND_OF.get(e.get("type")) if isinstance(e, dict) else None
        if kind and e.get("name"):
            for s in e.get("spans") or []:
                if isinstance(s, dict):
                    add(s.get("start"), s.get("end"), 2, f"ent {kind}",
                        entity_url(kind, e["name"]), f"{kind}: {e['name']}")
    for t in record.get("times") or []:
        if isinstance(t, dict) and t.get("date"):
            link = "/?" + urlencode({"since": t["date"][:10],
                                     "until": (t.get("end_date") or t["date"])[:10]})
            add(t.get("start"), t.get("end"), 2, "ent date", link, f"date: {t['date']}")
    return out


def _nest(spans, start: int, end: int):
    """Spans inside [start, end), as a properly nested list (crossing ones dropped)."""
    spans = sorted((s for s in spans if start <= s[0] and s[1] <= end),
                   key=lambda s: (s[0], -s[1], s[2]))
    stack: list[list] = [[None, []]]
    ends: list[int] = [end]
    for span in spans:
        while span[0] >= ends[-1]:
            ends.pop()
            stack.pop()
        if span[1] > ends[-1]:
            continue  # crosses the span it starts in
        node = [span, []]
        stack[-1][1].append(node)
        stack.append(node)
        ends.append(span[1])
    return stack[0][1]


def _render(body: str, nodes, start: int, end: int, in_link: bool) -> str:
    out, pos = [], start
    for (span, children) in nodes:
        s, e, _layer, css, link, title = span
        out.append(str(escape(body[pos:s])))
        inner = _render(body, children, s, e, in_link or bool(link))
        if link and not in_link:
            out.append(f'<a class="{css}" href="{escape(link)}" title="{escape(title)}">'
                       f'{inner}</a>')
        else:
            out.append(f'<span class="{css}" title="{escape(title)}">{inner}</span>')
        pos = e
    out.append(str(escape(body[pos:end])))
    return "".join(out)


def marked_paragraphs(record: dict) -> list[Markup]:
    """The body's paragraphs as escaped HTML with the found things marked and linked."""
    body = record.get("body") or ""
    if not isinstance(body, str):
        return []
    spans = _spans(record, len(body))
    out, pos = [], 0
    while pos <= len(body):
        cut = body.find("\n\n", pos)
        stop = len(body) if cut < 0 else cut
        if body[pos:stop].strip():
            out.append(Markup(_render(body, _nest(spans, pos, stop), pos, stop, False)))
        if cut < 0:
            break
        pos = cut + 2
    return out
