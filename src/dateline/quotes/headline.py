"""Quotes in the headline.

Headlines attribute in their own shorthand: "Sanders: Clinton needs to change course",
"Trump 'the dealmaker' could help, Graham says", "De Blasio says blast was intentional".
A quotation in a headline usually repeats words quoted in the body: it is linked to the body
quote that holds the same words, and takes its speaker from there. A headline quotation that
no body quote repeats and no shorthand attributes is left out (it is most often a scare quote).

Headline quotes have no body offsets (``start``/``end`` are None); ``sentence`` is the headline.
"""
from __future__ import annotations

import re

from ..types import Quote
from .marks import find_quotes

#: Headline forms of the speech verbs ("says", "warns"): headlines capitalise them, so the
#: tagger often takes them for names; they are matched by form here.
SAY_FORMS = frozenset("""says said tells told warns warned claims claimed insists insisted
    vows vowed admits admitted argues argued urges urged denies denied""".split())
#: Labels that open headlines with a colon without naming a speaker.
_LABELS = frozenset({"the latest", "latest", "exclusive", "watch", "video", "photos", "breaking",
                     "analysis", "opinion", "update", "updated", "live", "explainer",
                     "editorial", "review", "factbox", "timeline", "q&a", "correction",
                     "interview", "fact check", "in pictures", "listen", "read"})
#: Headline quotations shorter than this are labels ("'Disgusting Fraud'") and not linked.
MIN_HEADLINE_WORDS = 3
_WORD = re.compile(r"[a-z0-9]+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def _contains(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return n > 0 and any(haystack[i:i + n] == needle for i in range(len(haystack) - n + 1))


def _name(text: str, entities, body_quotes: list[Quote]) -> tuple[str, str | None]:
    """Canonical name and type for a speaker the headline names ("Sanders" -> "Bernie Sanders")."""
    low = text.lower()
    for entity in entities or []:
        names = [entity.name, *entity.aliases]
        if any(n.lower() == low for n in names) or entity.name.lower().endswith(" " + low):
            return entity.name, entity.type
    for q in body_quotes:
        if q.speaker and (q.speaker.lower() == low or q.speaker.lower().endswith(" " + low)):
            return q.speaker, q.speaker_type
    return text, None


_SOURCE_NOUNS = frozenset({"poll", "survey", "study", "report", "analysis", "audit", "review",
                           "police", "officials", "experts", "sources", "court", "judge"})


def _looks_like_speaker(tokens, entities, body_quotes: list[Quote], strict: bool) -> bool:
    """A short name with no preposition or punctuation in it; with ``strict``, also one the
    body names (an entity, a speaker) or a noun for a source ("Poll")."""
    words = [t for t in tokens if not t.is_space]
    if not words or len(words) > 5 or any(t.is_punct or t.pos_ in ("ADP", "VERB") for t in words):
        return False
    text = " ".join(t.text for t in words)
    if text.lower() in _LABELS or (strict and not words[0].text[:1].isupper()):
        return False
    if words[-1].pos_ not in ("PROPN", "NOUN"):
        return False
    if not strict:
        return True
    if len(words) == 1 and words[0].lower_ in _SOURCE_NOUNS:
        return True
    name, _ = _name(text, entities, body_quotes)
    return name != text or any(e.name == text for e in entities or [])


def _shorthand(title_doc, title: str, entities, body_quotes: list[Quote]) -> list[Quote]:
    """"Speaker: what was said", "What was said, Speaker says", "Speaker says what was said"."""
    tokens = [t for t in title_doc if not t.is_space]
    if len(tokens) < 4:
        return []
    found = []
    colon = next((t for t in tokens[:7] if t.text == ":"), None)
    if colon is not None and _looks_like_speaker(tokens[:colon.i], entities, body_quotes, True):
        speaker = title[:colon.idx].strip()
        said = title[colon.idx + 1:].strip().rstrip(".")
        found.append((speaker, said, ":"))
    else:
        for tok in tokens[1:]:
            if tok.lower_ not in SAY_FORMS:
                continue
            before = title[:tok.idx].strip()
            after = title[tok.idx + len(tok.text):].strip(" .")
            if not after:                                  # "What was said, Speaker says."
                comma = before.rfind(",")
                speaker_tokens = [t for t in tokens if comma < t.idx < tok.idx]
                if comma > 0 and _looks_like_speaker(speaker_tokens, entities, body_quotes, False):
                    found.append((before[comma + 1:].strip(), before[:comma].strip(), tok.text))
            elif len(after.split()) >= 3 and _looks_like_speaker(
                    [t for t in tokens if t.i < tok.i], entities, body_quotes, False):
                found.append((before, after, tok.text))    # "Speaker says what was said"
            break
    quotes = []
    for speaker, said, cue in found:
        name, etype = _name(speaker, entities, body_quotes)
        marks = find_quotes(said)
        direct = (len(marks) == 1 and not said[:marks[0].start].strip()
                  and not said[marks[0].end:].strip(" ."))
        text = marks[0].text(said) if direct else said
        quotes.append(Quote(text=text, speaker=name, speaker_mention=speaker, cue=cue,
                            direct=direct, sentence=title, speaker_type=etype))
    return quotes


def headline_quotes(title_doc, title: str | None, body_quotes: list[Quote],
                    entities=None) -> list[Quote]:
    """Quotes of the headline: its attribution shorthand, else its quotations that the body
    repeats (with the body quote's speaker)."""
    if not title or title_doc is None or not title.strip():
        return []
    found = _shorthand(title_doc, title, entities, body_quotes)
    if found:
        return found
    out = []
    for span in find_quotes(title):
        words = _words(span.text(title))
        if len(words) < MIN_HEADLINE_WORDS:
            continue                       # "'Disgusting Fraud'": a label, not a quotation
        source = next((q for q in body_quotes if q.speaker and _contains(_words(q.text), words)),
                      None)
        if source is None:
            continue
        out.append(Quote(text=span.text(title), speaker=source.speaker,
                         speaker_mention=source.speaker_mention, cue=source.cue,
                         direct=True, sentence=title, speaker_type=source.speaker_type))
    return out
