"""Property-based: random text, HTML-like markup, mutated samples and hostile JSON Lines into
dateline.analyze and the batch reader: no unhandled exception, JSON-ready records, offsets inside
the body. Bounded in count and time."""
from __future__ import annotations

import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import dateline
from dateline.errors import InputError
from dateline.inputs import Inputs
from dateline.options import Options

SAMPLE = ("WASHINGTON (Reuters) - The city council voted on Tuesday to approve a new bridge, "
          '"It is a good day," Mayor Jane Smith said. The work starts next month. ') * 3
OPTS = Options(stages=("load", "clean", "language", "parse", "people", "quotes", "times",
                       "events", "summary"))
LIMIT = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))


def check(record) -> None:
    data = record.to_dict()
    json.dumps(data)
    json.dumps(data, ensure_ascii=False).encode("utf-8")
    n = len(record.body)
    for e in record.entities:
        assert all(0 <= m.start <= m.end <= n for m in e.spans)
    for q in record.quotes:
        assert q.start is None or 0 <= q.start <= q.end <= n
    for t in record.times:
        assert 0 <= t.start <= t.end <= n
    for ev in record.events:
        for a in (ev.who, ev.what, ev.when, ev.where, ev.why, ev.how):
            assert a is None or a.start is None or 0 <= a.start <= a.end <= n


def analyse(raw) -> None:
    try:
        check(dateline.analyze(raw, options=OPTS))
    except InputError:
        pass


tags = st.sampled_from(["p", "div", "script", "style", "article", "h1", "a", "span", "br"])
markup = st.recursive(st.text(max_size=40), lambda inner: st.builds(
    lambda t, kids: f"<{t}>" + "".join(kids) + f"</{t}>", tags, st.lists(inner, max_size=4)),
    max_leaves=20)


@LIMIT
@given(st.text(max_size=600))
def test_random_text(text):
    analyse(text)


@LIMIT
@given(markup)
def test_random_markup(html):
    analyse("<html><body>" + html + "</body></html>")


@LIMIT
@given(st.lists(st.tuples(st.integers(0, len(SAMPLE) - 1), st.characters()), max_size=12))
def test_mutated_sample(edits):
    text = list(SAMPLE)
    for pos, ch in edits:
        text[pos] = ch
    analyse("".join(text))


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
                           lambda inner: st.lists(inner, max_size=3)
                           | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                           max_leaves=10)
lines = st.one_of(
    st.binary(max_size=200),
    json_values.map(lambda v: json.dumps(v).encode()),
    st.fixed_dictionaries({"id": json_values, "text": st.text(max_size=200) | json_values}).map(
        lambda d: json.dumps(d).encode()),
    st.just(b"[" * 5000 + b"]" * 5000),
    st.just(b'{"id": "s", "text": "\\ud800' + SAMPLE.encode() + b'"}'))


@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(lines, min_size=1, max_size=6))
def test_hostile_json_lines(batch):
    data = b"{}\n" + b"\n".join(batch) + b"\n"     # first line an object: read as JSON Lines
    inputs = Inputs(["-"], Options(stages=("load", "clean")), stdin=io.BytesIO(data))
    from dateline.pipeline import Pipeline

    out = list(Pipeline(inputs.options).run_many(inputs))
    assert out, "every input accounted for"
    for rec in out:
        json.dumps(rec.to_dict(), ensure_ascii=False).encode("utf-8")
