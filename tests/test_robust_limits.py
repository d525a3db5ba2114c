"""Issue 9, limits: long bodies are parsed in pieces (never spaCy's E088) and the quotes stage
stays linear on adversarial run-on quoted text (a 200 KB text against a 20 KB one)."""
from __future__ import annotations

import random
import time

import pytest

from dateline.api import make_article
from dateline.options import Options
from dateline.pipeline import Pipeline
from dateline.stages import parse, quotes


def test_pieces_join_back_and_cut_at_breaks():
    text = ("One sentence here. Another one there.\n\n" * 50) + "x" * 700
    parts = parse.pieces(text, size=300)
    assert "".join(parts) == text
    assert all(len(p) <= 300 for p in parts)
    assert all(p.endswith("\n\n") for p in parts[:-4])  # paragraph breaks where there are any
    assert parse.pieces("short", size=300) == ["short"]


def test_a_body_over_the_piece_size_is_parsed_whole(monkeypatch, nlp):
    monkeypatch.setattr(parse, "PIECE_CHARS", 400)
    rng = random.Random(4)
    words = "mayor city council park river school budget vote plan street bridge week".split()
    paras = [f"The {rng.choice(words)} {rng.choice(words)} of {rng.choice(words)} "
             f"{rng.randint(1, 10 ** 6)} was discussed on Monday, officials said. "
             f'"We will {rng.choice(words)} the {rng.choice(words)}," Ana Ruiz said.'
             for _ in range(120)]
    text = "WASHINGTON — " + "\n\n".join(paras)
    cuts = []
    real = parse.pieces
    monkeypatch.setattr(parse, "pieces", lambda t, size=None: cuts.append(real(t)) or cuts[-1])
    record = Pipeline(Options()).run(make_article(text, id="long"))
    assert max(map(len, cuts)) >= 4
    assert record.doc.text == record.body
    assert len(record.body) > 4 * 400 and record.quotes  # cut into several pieces
    for q in record.quotes:
        if q.start is not None:
            assert 0 <= q.start < q.end <= len(record.body)


def test_more_than_a_million_characters_is_not_refused_by_spacy(monkeypatch):
    """spaCy's max_length (1M) is never reached: every piece is far below it."""
    text = "a" * 10 + " " + "Ab. " * 400_000
    assert max(map(len, parse.pieces(text))) <= parse.PIECE_CHARS < 1_000_000
    assert "".join(parse.pieces(text)) == text


RUN_ON = '"Yes," John Smith said, "we will go there tomorrow and see what happens, '


def _prepared(size: int):
    lead = "WASHINGTON (AP) — Officials met on Monday to discuss the plan, a spokesman said.\n\n"
    text = lead + (RUN_ON * (size // len(RUN_ON) + 1))[:size - len(lead)]
    options = Options(stages=("load", "clean", "parse", "people"))
    return Pipeline(options).run(make_article(text, id=f"run-on-{size}"))


def _best(article, repeat: int = 2) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        found = quotes.compute(article, Options())
        best = min(best, time.perf_counter() - start)
    assert found
    return best


@pytest.mark.slow
def test_quotes_stage_is_linear_on_run_on_quoted_text():
    small, large = _prepared(20_000), _prepared(200_000)
    assert len(large.body) >= 9 * len(small.body)
    ratio = min(_best(large) / _best(small) for _ in range(2))
    # linear gives about 10, the old quadratic code about 100; the margin is for a noisy machine
    assert ratio <= 20, ratio
    sentences = [q.sentence for q in quotes.compute(large, Options())]
    assert max(map(len, sentences)) < 5_000  # one run-on "sentence" is not carried by each
