"""Interview transcripts: paragraphs opening with the speaker's name in capitals and a colon.

    PENCE: Well, the question really should be why ...
    WALLACE: Do you really see those two as equivalent?

Each such paragraph is a quotation of its own, attributed to the name before the colon; it is
handled like a quoted span (its words are masked from cue finding).
"""
from __future__ import annotations

import re

from .marks import QuoteSpan

#: A label of one to four words in capitals ("PENCE", "CHRIS WALLACE", "SEN. MCCAIN"), a colon,
#: then the words said; a transcript quoted as a whole repeats its opening mark at each turn.
_LABEL = re.compile(r"[\"“]?(?P<label>[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,3}):[ \t]+(?P<said>\S)")
#: Capitalised words that open a paragraph with a colon without naming a speaker.
_NOT_SPEAKERS = frozenset({"NOTE", "UPDATE", "CORRECTION", "EDITOR'S NOTE", "WATCH", "READ",
                           "PHOTO", "VIDEO", "SOURCE", "SOURCES", "Q", "A", "UPDATED", "WARNING",
                           "BREAKING", "EXCLUSIVE", "RELATED", "MORE", "SEE ALSO",
                           "CLARIFICATION", "CORRECTIONS", "DISCLOSURE", "ADVERTISEMENT"})
#: The fewest words after the colon for a transcript turn.
MIN_WORDS = 3
#: The fewest turns for a transcript.
MIN_TURNS = 2


def transcript_spans(text: str, paragraphs: list[tuple[int, int]]
                     ) -> list[tuple[QuoteSpan, int, int]]:
    """(span, label start, label end) for each paragraph that is a transcript turn."""
    found = []
    for start, end in paragraphs:
        m = _LABEL.match(text, start, end)
        if m is None or m.group("label") in _NOT_SPEAKERS or len(m.group("label")) < 2:
            continue
        said_start = m.start("said")
        if len(text[said_start:end].split()) < MIN_WORDS:
            continue
        said_end = end
        if text[start] in "\"“":                 # the closing mark of a transcript quoted whole
            while said_end > said_start and text[said_end - 1] in "\"” ":
                said_end -= 1
        span = QuoteSpan(start, end, [(said_start, said_end)], style="transcript")
        found.append((span, m.start("label"), m.end("label")))
    # a transcript has turns: a lone "CLARIFICATION: ..." paragraph is not one
    return found if len(found) >= MIN_TURNS else []
