"""Candidate answers: a phrase of the headline or body, how strong its evidence is, and
the plain :class:`~dateline.types.Answer` it becomes."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ..types import Answer
from .clauses import phrase_text


@dataclass
class Candidate:
    """A possible answer to one question, before the best one is chosen."""
    text: str
    start: int | None          # character offsets in the headline (source "title") or the body
    end: int | None
    strength: float            # higher is better; comparable within one question
    kind: str                  # the rule that found it: "purpose", "after", "locative", ...
    source: str                # "title", "body", "published", "dateline"
    date: str | None = None

    def answer(self) -> Answer:
        """The plain answer; its confidence grows with the strength of the evidence."""
        confidence = max(0.05, min(1.0, 0.3 + 0.12 * self.strength))
        return Answer(text=self.text, start=self.start, end=self.end,
                      confidence=round(confidence, 2), date=self.date, source=self.source)


def from_tokens(tokens: list[Token], strength: float, kind: str, source: str,
                date: str | None = None) -> Candidate | None:
    """A candidate spanning ``tokens`` (in order); None when they hold no word."""
    while tokens and tokens[-1].is_punct and tokens[-1].text in (".", "!", "?", ",", ";", ":"):
        tokens = tokens[:-1]             # "for Hillary Clinton." → "for Hillary Clinton"
    text = phrase_text(tokens)
    if not tokens or not any(c.isalnum() for c in text):
        return None
    first, last = tokens[0], tokens[-1]
    start = first.idx + (len(first.text_with_ws) - len(first.text_with_ws.lstrip(" ,;:-–—")))
    return Candidate(text=text, start=start, end=last.idx + len(last.text), strength=strength,
                     kind=kind, source=source, date=date)


def best(candidates: list[Candidate | None]) -> Candidate | None:
    """The strongest candidate; on a tie the first one found."""
    found = [c for c in candidates if c is not None]
    return max(found, key=lambda c: c.strength) if found else None


def subtree_tokens(head: Token, lo: int, hi: int, drop_deps: frozenset[str] = frozenset(
        {"relcl", "appos", "parataxis"})) -> list[Token]:
    """The tokens under ``head`` within [lo, hi), without clauses hung on it by ``drop_deps``."""
    dropped: set[int] = set()
    doc = head.doc
    for tok in head.subtree:
        if tok.i != head.i and tok.dep_ in drop_deps:
            edge = tok.left_edge.i
            if tok.dep_ == "appos" and edge > 0 and not doc[edge - 1].is_punct:
                continue   # "Presidents Joe Biden": a name in apposition stays
            dropped.update(t.i for t in tok.subtree)
    tokens = [t for t in head.subtree if lo <= t.i < hi and t.i not in dropped]
    # keep it contiguous: stop at the first gap
    out: list[Token] = []
    for tok in tokens:
        if out and tok.i != out[-1].i + 1:
            break
        out.append(tok)
    while out and (out[-1].is_punct or out[-1].is_space):
        out.pop()
    return out
