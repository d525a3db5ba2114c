"""Issue 9, item 18: quote offsets. ``body[start:end]`` spans the quote; a quote interrupted by
its cue ('"A," she said, "B."') or spread over paragraphs has ``fragments``, whose slices of the
body, joined by spaces, are its text (up to white space)."""
from __future__ import annotations

import pytest

from dateline.api import analyze

TEXTS = [
    'KELLPORT — The bridge will stay shut, officials said on Monday. "We will not reopen it," '
    'Marta Olsen, the city engineer, said, "until every girder has been inspected." Crews began '
    'work at dawn and expect to finish by the end of the month, the transit authority said.',
    'VELLMAR — The orchestra cancelled its tour on Tuesday after its instruments were stolen. '
    '"It is a terrible loss for the musicians," said Ilse Brandauer, the conductor. '
    '"We hope the police find them. We will play again," she added, "as soon as we can."',
    'RIVERTON — The council voted to close the school, according to a statement released on '
    'Wednesday. Mayor Ana Ruiz said the building was no longer safe and that classes would move '
    'to the library, which has room for about two hundred pupils, until a new school is built.',
]


@pytest.mark.parametrize("text", TEXTS)
def test_fragments_are_the_text_piece_by_piece(text):
    record = analyze(text)
    body_quotes = [q for q in record.quotes if q.start is not None]
    assert body_quotes
    for q in body_quotes:
        assert q.fragments, q
        assert all(q.start <= f["start"] < f["end"] <= q.end for f in q.fragments)
        assert all(a["end"] <= b["start"] for a, b in zip(q.fragments, q.fragments[1:]))
        joined = " ".join(record.body[f["start"]:f["end"]] for f in q.fragments)
        assert joined.split() == q.text.split(), (joined, q.text)
        record_dict = record.to_dict()
        assert all(isinstance(f["start"], int) for qd in record_dict["quotes"]
                   for f in qd["fragments"] or [])


def test_an_interrupted_quote_has_two_fragments_without_its_cue():
    record = analyze(TEXTS[0])
    (q,) = [q for q in record.quotes if q.direct and "girder" in q.text]
    assert len(q.fragments) == 2
    assert record.body[q.start:q.end] != q.text  # the slice holds the cue too ...
    pieces = [record.body[f["start"]:f["end"]] for f in q.fragments]
    assert pieces == ["We will not reopen it", "until every girder has been inspected."]
    assert all("said" not in p for p in pieces)  # ... the fragments do not
