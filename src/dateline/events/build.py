"""Put an article's events together: the main event from the headline and the lead sentence
that agrees with it best, further events from the other lead sentences.

Each answer comes from the strongest evidence: the headline's clause first for who and what
(headlines state the event in few words), the headline and the aligned lead clause together for
when, where, why and how; then the lead's first dated time, the dateline's place, the
publication date.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc, Span

from ..timex.spans import time_expressions
from ..types import Answer, Article, Event
from .answers import Candidate, best, from_tokens
from .clauses import Clause, body_clause, headline_clause, nominal_headline
from .how import event_kind, headline_circumstances, how_candidates
from .names import Names, resolve_pronoun
from .scoring import align, rank_clauses
from .units import lead_sentences, root_of, verb_lemmas
from .when import TimeSpan, first_dated, nearest, skip_tokens, time_spans, when_candidates
from .where import (body_dateline, first_place, is_broad, narrower_place, participant_place,
                    where_candidates)
from .why import headline_causes, phrase_causes, why_candidates
from .words import CLAUSE_BREAKS, PRONOUNS

LEAD_SENTENCES = 5      # where the main event is told
EVENT_SENTENCES = 8     # where further events are looked for
FURTHER_EVENTS = 7
#: Settings decided by leave-articles-out cross-validation (scripts/cv_5w1h.py).
WHERE_NARROWER = True      # a country gives way to the place within it that the lead names
WHERE_PARTICIPANTS = True  # the place the subject is of ("Chicago Cubs") is a where
HOW_KIND = "verb"          # without manner or means, how is the event's kind: "verb",
                           # "verb+object", or "" for no answer
HOW_KIND_FROM = "title"    # whose verb: the headline's ("title") or the lead's ("body") first
WHERE_POOL = True          # the places of the headline and the aligned clause compete by
                           # evidence (locative on the verb > deeper > named), not by order
WHERE_ORDER = 0.25         # how much a later clause's place gives way on equal evidence
WHERE_BODY_DATELINE = True  # a dateline inside the body ("... Getty Images) WASHINGTON --")


@dataclass
class Context:
    """What every answer finder of one article may look at."""
    article: Article
    ref: date | None
    names: Names
    body_times: list[TimeSpan]
    title_times: list[TimeSpan]
    lead: list[Span]
    body_ents: list[Span]
    title_ents: list[Span]

    def ents_for(self, clause: Clause) -> list[Span]:
        return self.title_ents if clause.source == "title" else self.body_ents

    def times_for(self, clause: Clause) -> list[TimeSpan]:
        return self.title_times if clause.source == "title" else self.body_times


def extract_events(article: Article, ref: date | None) -> list[Event]:
    """The article's events, the main one first; ``ref`` is the date times are read against."""
    doc, tdoc = article.doc, article.title_doc
    if doc is None:
        return []
    has_title = tdoc is not None and any(t.is_alpha for t in tdoc)
    title_times = time_spans(tdoc, time_expressions(tdoc, ref)) if has_title else []
    ents = list(doc.ents)
    reporting = lead_sentences(doc, EVENT_SENTENCES, article.body)
    ctx = Context(article, ref, Names(doc, article.entities, ents), time_spans(doc, article.times),
                  title_times, reporting[:LEAD_SENTENCES], ents,
                  list(tdoc.ents) if has_title else [])
    body_skip = skip_tokens(ctx.body_times)
    clauses = [c for c in (body_clause(s, body_skip) for s in reporting) if c is not None]
    lead_end = ctx.lead[-1].end if ctx.lead else 0
    headline = None
    if has_title:
        title_skip = skip_tokens(title_times)
        headline = headline_clause(tdoc, verb_lemmas(doc), ctx.names.tokens, title_skip) \
            or _nominal_clause(tdoc, title_skip)
    aligned = align([c for c in clauses if c.container[1] <= lead_end], tdoc if has_title else None)
    body = [aligned] + [c for c in clauses[:1] if c is not aligned] if aligned is not None else []
    main = _main_event(ctx, headline, body)
    events = [main] if main is not None else []
    others = [c for c in clauses if c is not aligned]
    for clause in rank_clauses(others, tdoc if has_title else None, doc)[:FURTHER_EVENTS]:
        event = _clause_event(ctx, clause)
        if event is not None:
            events.append(event)
    return events


def _nominal_clause(tdoc: Doc, skip: frozenset[int]) -> Clause | None:
    """A headline without a verb ("Afghanistan: Fatal attack on German consulate") as a clause
    whose predicate is its longest part, up to a clause break."""
    seg = nominal_headline(tdoc)
    if seg is None:
        return None
    lo, hi = seg
    for tok in tdoc[lo:hi]:
        if tok.i > lo and tok.lower_ in CLAUSE_BREAKS and tok.dep_ in ("mark", "prep"):
            hi = tok.i
            break
    root = root_of(tdoc[lo:hi])
    return Clause(doc=tdoc, verb=root, predicate=(lo, hi), subject=None, container=seg,
                  source="title", skip=skip)


# ---- the questions -----------------------------------------------------------------------------

def _who(ctx: Context, clause: Clause | None) -> Candidate | None:
    if clause is None or clause.subject is None:
        return None
    span = clause.doc[clause.subject[0]:clause.subject[1]]
    cand = from_tokens(list(span), 3.0, "subject", clause.source)
    if cand is None:
        return None
    before = [e for e in ctx.body_ents if e.end <= span.start] if clause.source == "body" else []
    full = resolve_pronoun(span, before) or ctx.names.canonical(span)
    if full:
        cand.text = full
        cand.kind = "name"
    elif len(span) == 1 and span[0].lower_ in PRONOUNS:
        cand.strength = 0.5
    elif not any(t.pos_ == "PROPN" or t.ent_type_ for t in span):
        cand.kind = "description"   # "F1 legend": the lead may say who
    return cand


def _main_who(ctx: Context, headline: Clause | None, aligned: Clause | None) -> Candidate | None:
    """The headline's subject; when the headline only describes ("F1 legend", "tram crash
    survivor") and the lead sentence's subject is a named person, that person."""
    first = _who(ctx, headline)
    lead = _who(ctx, aligned)
    if first is None:
        return lead
    if first.kind == "description" and lead is not None and lead.kind == "name" \
            and aligned is not None and aligned.doc[aligned.subject[1] - 1].ent_type_ == "PERSON":
        return lead
    if aligned is not None and _describes(headline):
        person = _person_told(ctx, aligned)
        if person is not None:
            return person
    return first


def _describes(clause: Clause | None) -> bool:
    """The subject is a description headed by a common noun ("F1 legend", "Croydon tram crash
    survivor"), naming no person itself."""
    if clause is None or clause.subject is None:
        return False
    span = clause.doc[clause.subject[0]:clause.subject[1]]
    return span.root.pos_ == "NOUN" and span.root.tag_ == "NN" and not any(
        t.ent_type_ in ("PERSON", "ORG", "NORP") for t in span)


#: How often the people stage must have met a person for a headline's description ("F1
#: legend", "tram crash survivor") to be read as that person when the lead sentence names them.
WHO_PERSON_MENTIONS = 2


def _person_told(ctx: Context, aligned: Clause) -> Candidate | None:
    """The person the subject of the lead clause telling the event names (as the people stage
    knows them, in full), the most mentioned first; None when it names none often enough."""
    if aligned.subject is None:
        return None
    sentence = aligned.doc[aligned.subject[0]:aligned.subject[1]].text.lower()
    people = [e for e in ctx.article.entities or [] if e.type == "PERSON"
              and e.mentions >= WHO_PERSON_MENTIONS and len(e.name.split()) >= 2
              and e.name.lower() in sentence]
    if not people:
        return None
    person = max(people, key=lambda e: e.mentions)
    return Candidate(text=person.name, start=None, end=None, strength=2.0, kind="name",
                     source="body")


def _what(clause: Clause | None) -> Candidate | None:
    """The predicate; a bare verb keeps its subject ("Seven killed", "Toblerone fans outraged")."""
    if clause is None:
        return None
    tokens = clause.tokens(clause.predicate)
    words = [t for t in tokens if t.is_alpha]
    if len(words) == 1 and clause.subject is not None and clause.subject[1] <= clause.predicate[0]:
        tokens = clause.tokens((clause.subject[0], clause.predicate[1]))
    return from_tokens(tokens, 3.0, "predicate", clause.source)


def _when(ctx: Context, clauses: list[Clause], fallback: bool = True) -> Candidate | None:
    for clause in clauses:
        found = best(when_candidates(clause, ctx.times_for(clause)))
        if found is not None:
            return _dated(ctx, found)
    if not fallback:
        return None
    lead_lo = ctx.lead[0].start if ctx.lead else 0
    lead_hi = ctx.lead[-1].end if ctx.lead else 0
    found = first_dated(ctx.body_times, lead_lo, lead_hi, "body")
    if found is not None:
        return found
    if ctx.ref is not None:   # the publication date, as a reader would write it
        text = f"{ctx.ref:%B} {ctx.ref.day}, {ctx.ref.year}"
        return Candidate(text=text, start=None, end=None, strength=0.5, kind="published",
                         source="published", date=ctx.ref.isoformat())
    return None


def _dated(ctx: Context, cand: Candidate) -> Candidate:
    if cand.date is None:
        if cand.source == "body" and cand.start is not None:
            span = ctx.article.doc.char_span(cand.start, cand.end, alignment_mode="expand")
            near = nearest(ctx.body_times, span.start) if span is not None else None
            cand.date = near.expr.date if near is not None else None
        if cand.date is None and ctx.ref is not None:
            cand.date = ctx.ref.isoformat()
    return cand


def _where(ctx: Context, clauses: list[Clause]) -> Candidate | None:
    """The place of the headline's clause, of the aligned clause, of the rest of the headline
    ("Floods in Valencia: roads closed"), the dateline's, the lead's first."""
    headline = [c for c in clauses if c.source == "title"]
    whole = [replace(c, container=(0, len(c.doc))) for c in headline
             if c.container != (0, len(c.doc))]
    pooled: list[Candidate] = []
    for k, clause in enumerate(clauses + whole):
        for cand in where_candidates(clause, ctx.ents_for(clause)):
            cand.strength -= WHERE_ORDER * k     # evidence first; the order breaks near-ties
            pooled.append(cand)
        if not WHERE_POOL and pooled:
            break
    found = best(pooled)
    if found is not None:
        return _narrowed(ctx, found)
    for clause in clauses if WHERE_PARTICIPANTS else []:
        found = participant_place(clause)
        if found is not None:
            return found
    dateline = ctx.article.dateline
    place = dateline.place if dateline is not None and dateline.place else (
        body_dateline(ctx.article.body or "") if WHERE_BODY_DATELINE else None)
    if place:
        return Candidate(text=place, start=None, end=None, strength=0.5, kind="dateline",
                         source="dateline")
    return first_place(ctx.lead)


def _narrowed(ctx: Context, found: Candidate) -> Candidate:
    """A country as the place gives way to the place within it that the lead locates the event
    in ("Afghanistan" → "Mazar-e-Sharif"), when settings ask for it."""
    if not WHERE_NARROWER or not is_broad(found.text):
        return found
    return narrower_place(ctx.lead, found.text, ctx.article.body or "") or found


def _why(ctx: Context, headline: Clause | None, body: list[Clause]) -> Candidate | None:
    """Causes of the headline (read word by word), of the body clauses telling the event (the
    aligned one first), and explicit causal phrases anywhere in the lead."""
    found: list[Candidate] = []
    if headline is not None:
        for cand in headline_causes(headline):
            cand.strength += 0.5
            found.append(cand)
    for k, clause in enumerate(body):
        for cand in why_candidates(clause):
            cand.strength -= 0.25 * k
            found.append(cand)
    told = {c.container[0] for c in body}
    for sent in ctx.lead:
        if sent.start not in told:
            for cand in phrase_causes(sent):
                cand.strength -= 1.0
                found.append(cand)
    return best(found)


def _how(ctx: Context, headline: Clause | None, body: list[Clause]) -> Candidate | None:
    found: list[Candidate] = []
    if headline is not None:
        found += how_candidates(headline)
        found += headline_circumstances(headline.doc)
    for k, clause in enumerate(body):
        for cand in how_candidates(clause):
            cand.strength -= 0.25 * k
            found.append(cand)
    chosen = best(found)
    order = ([headline] if headline is not None else []) + body[:1]
    for clause in order if HOW_KIND_FROM == "title" else order[::-1]:
        if chosen is not None or not HOW_KIND:
            break
        chosen = event_kind(clause, with_object=HOW_KIND == "verb+object")
    return chosen


# ---- events --------------------------------------------------------------------------------------

def _answer(cand: Candidate | None) -> Answer | None:
    return cand.answer() if cand is not None else None


def _main_event(ctx: Context, headline: Clause | None, body: list[Clause]) -> Event | None:
    """The headline's event, told in the body by ``body`` (the aligned clause, then the lede)."""
    aligned = body[0] if body else None
    if headline is None and aligned is None:
        return None
    clauses = ([headline] if headline is not None else []) + body
    who = _main_who(ctx, headline, aligned)
    what = _what(headline if headline is not None else aligned)
    sentence = aligned.span.text.strip() if aligned is not None else None
    told = clauses[:2]   # the headline and the aligned clause hold the event's own time and place
    return Event(who=_answer(who), what=_answer(what), when=_answer(_when(ctx, told)),
                 where=_answer(_where(ctx, told)), why=_answer(_why(ctx, headline, body)),
                 how=_answer(_how(ctx, headline, body)), sentence=sentence)


def _clause_event(ctx: Context, clause: Clause) -> Event | None:
    what = _what(clause)
    if what is None:
        return None
    when = _when(ctx, [clause], fallback=False)
    near = nearest(ctx.body_times, clause.verb.i) if when is None else None
    if near is not None:
        when = Candidate(text=near.expr.text, start=near.expr.start, end=near.expr.end,
                         strength=0.3, kind="nearest", source="body", date=near.expr.date)
    return Event(who=_answer(_who(ctx, clause)), what=_answer(what), when=_answer(when),
                 where=_answer(best(where_candidates(clause, ctx.ents_for(clause)))),
                 why=_answer(best(why_candidates(clause))),
                 how=_answer(best(how_candidates(clause))), sentence=clause.span.text.strip())

