"""The article record and its parts: the one place where dateline's data model lives.

Every stage reads and fills an :class:`Article`. ``Article.to_dict()`` gives the JSON record
described in ``docs/record.md`` (a superset of the fields the shared scorers read).
Fields marked ``transient`` (the raw input, the spaCy docs) never leave the process.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

TRANSIENT = {"transient": True}


def _plain(value: Any) -> Any:
    """Turn dataclasses (and lists/dicts of them) into JSON-ready values, dropping transients."""
    if is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)
                if not f.metadata.get("transient")}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


@dataclass
class Removed:
    """A line or block that cleaning dropped from the input, and why."""
    text: str
    reason: str


@dataclass
class Media:
    """A photo or video referred to in the page: its caption and credit."""
    caption: str | None = None
    credit: str | None = None


@dataclass
class Dateline:
    """The place (and date, when given) opening the story: "WASHINGTON (Reuters) -"."""
    place: str | None = None
    date: str | None = None
    agency: str | None = None
    text: str | None = None


@dataclass
class Mention:
    """One occurrence of an entity in the body (character offsets into ``Article.body``)."""
    text: str
    start: int
    end: int


@dataclass
class Entity:
    """A person, organisation or place, merged across the article under its fullest name."""
    name: str
    type: str
    titles: list[str] = field(default_factory=list)
    mentions: int = 0
    aliases: list[str] = field(default_factory=list)
    affiliation: str | None = None
    spans: list[Mention] = field(default_factory=list)
    gender: str | None = None        # PERSON only: "male"/"female" when the text says (he/she, Mr/Mrs)
    type_evidence: list[str] = field(default_factory=list)   # why it has its type (people.evidence)


@dataclass
class Quote:
    """Something a source said, with who said it (``speaker``) and how (``cue``)."""
    text: str
    speaker: str | None = None
    speaker_mention: str | None = None
    cue: str | None = None
    direct: bool = True
    start: int | None = None
    end: int | None = None
    sentence: str | None = None
    speaker_type: str | None = None
    #: The pieces of ``text`` in the body, in order, as {"start", "end"}: a quote interrupted
    #: by its cue ('"A," he said, "B."') has one per part, so that body[start:end] of each is
    #: the text piece by piece (joined by spaces, they are ``text`` up to white space). None for
    #: headline quotes.
    fragments: list[dict] | None = None


@dataclass
class TimeExpression:
    """A time expression resolved against the publication date, where it can be."""
    text: str
    start: int
    end: int
    date: str | None = None          # YYYY-MM-DD, the first day of the range
    end_date: str | None = None      # last day of a range, when it is one
    granularity: str | None = None   # day, week, month, year, time, range, duration, vague
    source: str | None = None        # "dateparser" or the rule that resolved it
    timex_value: str | None = None   # TIMEX3 value: 1998-03-05, 1998-W11, 1998-Q3, 199X, P1Y


@dataclass
class Answer:
    """An answer to one of the six questions: a phrase of the text, where it stands, how sure."""
    text: str
    start: int | None = None
    end: int | None = None
    confidence: float = 0.0
    date: str | None = None
    source: str | None = None        # "title", "body"


@dataclass
class Event:
    """Who did what, when, where, why and how. ``Article.events[0]`` is the main event."""
    who: Answer | None = None
    what: Answer | None = None
    when: Answer | None = None
    where: Answer | None = None
    why: Answer | None = None
    how: Answer | None = None
    sentence: str | None = None


@dataclass
class Article:
    """One news article as dateline understands it."""
    id: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    source: str | None = None
    author: str | None = None
    description: str | None = None
    language: str | None = None
    input_kind: str | None = None            # "text" or "html"
    extraction: str | None = None            # which path produced the body (see stages/clean.py)
    dateline: Dateline | None = None
    body: str = ""
    removed: list[Removed] = field(default_factory=list)
    media: list[Media] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    summary: str | None = None
    lead: str | None = None                  # one plain sentence built from the main event
    warnings: list[str] = field(default_factory=list)  # stages that failed on this article
    fetched_at: str | None = None            # when the page was fetched (URL and WARC inputs)
    # transient: the input and the parses, never serialised
    raw: str | bytes | None = field(default=None, repr=False, metadata=TRANSIENT)
    doc: Any = field(default=None, repr=False, metadata=TRANSIENT)
    title_doc: Any = field(default=None, repr=False, metadata=TRANSIENT)
    #: a date to take as ``published`` when the page gives none (a WARC record's date)
    published_fallback: str | None = field(default=None, repr=False, metadata=TRANSIENT)
    #: stages left out for this article (the model's stages, for a language it does not read)
    skip_stages: tuple = field(default=(), repr=False, metadata=TRANSIENT)

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.body.split("\n\n") if p.strip()]

    def people(self) -> list[Entity]:
        return [e for e in self.entities if e.type == "PERSON"]

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)


@dataclass
class Failure:
    """An input that could not be analysed: the record written in its place in a batch."""
    id: str
    error: str
    skipped: bool = False            # left out on purpose (--language, already stored), not failed

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "error": self.error, **({"skipped": True} if self.skipped else {})}





def _build(cls, data: dict):
    known = {f.name for f in fields(cls) if not f.metadata.get("transient")}
    return cls(**{k: v for k, v in data.items() if k in known})


def _entity(data: dict) -> Entity:
    entity = _build(Entity, data)
    entity.spans = [_build(Mention, m) for m in data.get("spans") or []]
    return entity


def _event(data: dict) -> Event:
    event = _build(Event, data)
    for q in ("who", "what", "when", "where", "why", "how"):
        value = data.get(q)
        setattr(event, q, _build(Answer, value) if isinstance(value, dict) else None)
    return event


def record_from_dict(data: dict) -> "Article | Failure":
    """Rebuild an Article (or a Failure) from its JSON record: the inverse of ``to_dict``."""
    if "error" in data and "body" not in data:
        return Failure(str(data.get("id")), str(data["error"]), bool(data.get("skipped")))
    article = _build(Article, data)
    if isinstance(data.get("dateline"), dict):
        article.dateline = _build(Dateline, data["dateline"])
    article.removed = [_build(Removed, r) for r in data.get("removed") or []]
    article.media = [_build(Media, m) for m in data.get("media") or []]
    article.entities = [_entity(e) for e in data.get("entities") or []]
    article.quotes = [_build(Quote, q) for q in data.get("quotes") or []]
    article.times = [_build(TimeExpression, t) for t in data.get("times") or []]
    article.events = [_event(e) for e in data.get("events") or []]
    return article
