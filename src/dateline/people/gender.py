"""Gender hints for people: what the text itself says ("Mr.", "spokeswoman", "he said").

Votes, in one pass over the tokens: an honorific or a gendered title counts 3; a personal
pronoun outside quotes counts 1 for the person named before it in its sentence (or, when
nobody is, in the previous sentence), when only one person is named there. A side wins with
at least 3 votes (one honorific, or three pronouns) and three times the other.
"""
from __future__ import annotations

from collections import defaultdict

import numpy
from spacy.attrs import IS_SPACE, LOWER, SENT_START

from .words import GENDERED_TITLES, HONORIFICS, PRONOUN_GENDER

STRONG = 3
MIN_VOTES = 3
QUOTE_MARKS = frozenset({'"', "``", "''"})
CURLY = frozenset({"“", "”"})


def title_gender(title: str) -> str | None:
    for word in title.lower().split():
        if word in GENDERED_TITLES:
            return GENDERED_TITLES[word]
    return None


def guess(doc, mentions: list[tuple[int, int, int, str | None]],
          titles: dict[int, list[str]]) -> dict[int, str]:
    """``mentions``: (start token, end token, person id, honorific) in text order;
    ``titles``: person id → titles. Returns person id → "male" | "female"."""
    votes: dict[int, dict[str, int]] = defaultdict(lambda: {"male": 0, "female": 0})
    for pid, ts in titles.items():
        for t in ts:
            g = title_gender(t)
            if g:
                votes[pid][g] += STRONG
    for _, _, pid, honorific in mentions:
        g = HONORIFICS.get(honorific or "") or HONORIFICS.get((honorific or "") + ".")
        if g:
            votes[pid][g] += STRONG
    if mentions:
        _pronoun_votes(doc, mentions, votes)
    out = {}
    for pid, v in votes.items():
        for g, other in (("male", "female"), ("female", "male")):
            if v[g] >= MIN_VOTES and v[g] >= 3 * v[other]:
                out[pid] = g
    return out


def _pronoun_votes(doc, mentions, votes) -> None:
    """A "he"/"she" outside quotes votes for the one person named in its sentence so far, or,
    when none is, in the sentence before; with two people or more there it is skipped.
    Only the tokens that matter (pronouns, quote marks, line breaks) are visited."""
    strings = doc.vocab.strings
    arr = doc.to_array([LOWER, SENT_START, IS_SPACE])
    sent = numpy.cumsum(arr[:, 1] == 1)
    sent[0:1] = max(1, int(sent[0]))
    pronouns = numpy.array([strings.add(w) for w in PRONOUN_GENDER], dtype=arr.dtype)
    quotes = numpy.array([strings.add(w) for w in QUOTE_MARKS | CURLY], dtype=arr.dtype)
    interesting = numpy.isin(arr[:, 0], pronouns) | numpy.isin(arr[:, 0], quotes) \
        | (arr[:, 2] == 1)
    m, quoted = 0, False
    recent: list[tuple[int, int]] = []          # (sentence number, person id)
    for i in numpy.nonzero(interesting)[0].tolist():
        k = int(sent[i])
        while m < len(mentions) and mentions[m][1] <= i:
            recent.append((int(sent[mentions[m][0]]), mentions[m][2]))
            m += 1
        text = doc[i].text
        if text in QUOTE_MARKS or text in CURLY:
            quoted = text == "“" or (text != "”" and not quoted)
            continue
        if "\n" in text:
            quoted = False                      # an unclosed quote ends with its paragraph
            continue
        if quoted or doc[i].tag_ not in ("PRP", "PRP$"):
            continue                            # "he" inside a quote is someone the speaker means
        people = {pid for sk, pid in recent if sk == k} \
            or {pid for sk, pid in recent if sk == k - 1}
        if len(people) == 1:
            votes[people.pop()][PRONOUN_GENDER[text.lower()]] += 1
