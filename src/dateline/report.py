"""The readable terminal report of one article (what `dateline analyze FILE` prints)."""
from __future__ import annotations

import textwrap
from collections import defaultdict

from .types import Answer, Article

WIDTH = 88


def _style(color: bool):
    def bold(s: str) -> str:
        return f"\033[1m{s}\033[0m" if color else s

    def dim(s: str) -> str:
        return f"\033[2m{s}\033[0m" if color else s

    return bold, dim


def _wrap(text: str, indent: str = "  ") -> str:
    return textwrap.fill(text, WIDTH, initial_indent=indent, subsequent_indent=indent)


def _answer(a: Answer | None) -> str | None:
    if a is None:
        return None
    return a.text + (f" ({a.date})" if a.date else "")


def render(article: Article, color: bool = False) -> str:
    bold, dim = _style(color)
    out: list[str] = [bold(article.title or "(no title)")]
    meta = []
    if article.dateline and article.dateline.place:
        meta.append(f"dateline: {article.dateline.place}")
    for label, value in (("published", article.published), ("by", article.author),
                         ("source", article.source)):
        if value:
            meta.append(f"{label}: {value}")
    if meta:
        out.append(dim(" · ".join(meta)))
    if article.lead:
        out += ["", _wrap(article.lead, "")]

    if article.events:
        out += ["", bold("Main event")]
        for q in ("who", "what", "when", "where", "why", "how"):
            text = _answer(getattr(article.events[0], q))
            if text:
                out.append(f"  {q:<6} {text}")

    out += ["", bold(f"Article ({len(article.paragraphs)} paragraphs)")]
    for para in article.paragraphs:
        out += [_wrap(para), ""]
    out.pop()

    people = article.people()
    if people:
        out += ["", bold("People")]
        for person in people:
            line = f"  {person.name}"
            if person.titles:
                line += " — " + "; ".join(person.titles)
            if person.affiliation:
                line += f" ({person.affiliation})"
            out.append(line + dim(f"  ×{person.mentions}"))
    others = [e for e in article.entities if e.type in ("ORG", "GPE", "LOC", "NORP")]
    if others:
        out += ["", bold("Organisations and places")]
        out.append(_wrap(", ".join(f"{e.name} ({e.type})" for e in others)))

    if article.quotes:
        out += ["", bold("Who said what")]
        by_speaker: dict[str, list] = defaultdict(list)
        for q in article.quotes:
            by_speaker[q.speaker or "(unattributed)"].append(q)
        for speaker, quotes in by_speaker.items():
            out.append(f"  {speaker}")
            for q in quotes:
                mark = f"“{q.text}”" if q.direct else q.text
                out.append(_wrap(f"{mark}  {dim('— ' + _cue(q))}", "    "))

    if article.summary:
        out += ["", bold("Summary"), _wrap(article.summary)]

    if article.media:
        out += ["", bold("Media")]
        for m in article.media:
            out.append(_wrap(f"{m.caption or '(no caption)'}" + (f"  [{m.credit}]" if m.credit else "")))

    if article.removed:
        out += ["", bold(f"Removed ({len(article.removed)} lines)")]
        for r in article.removed:
            text = r.text if len(r.text) <= 70 else r.text[:67] + "..."
            out.append(f"  {dim(r.reason + ':'):<24} {text}")
    if article.warnings:
        out += ["", bold("Warnings")] + [f"  {w}" for w in article.warnings]
    return "\n".join(out)


def _cue(q) -> str:
    """The cue, and "(headline)" for a quote of the headline (it has no offsets in the body)."""
    return (q.cue or "") + (" (headline)" if q.start is None else "")


def quotes_table(article: Article) -> str:
    """speaker | cue | quote, one row per quote, in body order."""
    rows = [(q.speaker or "?", _cue(q), ("“%s”" % q.text) if q.direct else q.text)
            for q in article.quotes]
    if not rows:
        return "no quotes found"
    w1 = min(28, max(len(r[0]) for r in rows))
    w2 = min(26, max(len(r[1]) for r in rows))
    lines = [f"{'SPEAKER':<{w1}}  {'CUE':<{w2}}  QUOTE"]
    for speaker, cue, text in rows:
        wrapped = textwrap.wrap(text, max(30, WIDTH - w1 - w2 - 4)) or [""]
        lines.append(f"{speaker[:w1]:<{w1}}  {cue[:w2]:<{w2}}  {wrapped[0]}")
        lines += [" " * (w1 + w2 + 4) + more for more in wrapped[1:]]
    return "\n".join(lines)
