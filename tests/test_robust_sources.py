"""Issue 9, item 22 (corpus side): one source per outlet, and AP's "FILE -" caption prefix is
neither a dateline place nor the first paragraph."""
from __future__ import annotations

import sqlite3

import pytest

from dateline.api import analyze
from dateline.clean.dateline import split_dateline
from dateline.clean.media import file_photo_caption
from dateline.corpus.ingest import ingest
from dateline.corpus.outlets import outlet
from dateline.corpus.store import Store
from dateline.corpus.timeline import list_stories
from dateline.options import Options


@pytest.mark.parametrize("source, url, key", [
    ("NYTimes", None, "nytimes"),
    ("www.nytimes.com", None, "nytimes"),
    ("NYTimes", "https://www.nytimes.com/2031/03/02/bridge.html", "nytimes"),
    (None, "https://news.bbc.co.uk/a/b", "bbc"),
    ("The Kellport Herald", None, "thekellportherald"),
    (None, None, None),
])
def test_outlet_keys(source, url, key):
    assert outlet(source, url) == key


def test_one_outlet_counts_once_in_a_story(tmp_path):
    import json

    body = ("KELLPORT — Engineers found a long crack in the steel main span of the Kellport "
            "bridge on Monday, and the transit authority closed it to cars, buses and cyclists "
            "while inspectors lowered cameras beneath the span to measure the damage.")
    records = [{"id": "a", "text": body, "source": "NYTimes", "published": "2031-03-02"},
               {"id": "b", "text": body + " Divers checked the piers.",
                "url": "https://www.nytimes.com/2031/03/02/bridge.html",
                "published": "2031-03-02"}]
    path = tmp_path / "n.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    db = tmp_path / "c.db"
    ingest([str(path)], str(db))
    assert sqlite3.connect(db).execute("SELECT count(DISTINCT coalesce(source, url)) "
                                       "FROM articles").fetchone()[0] == 2
    with Store.open(db) as store:
        (story,) = list_stories(store)
    assert story["size"] == 2 and story["sources"] == 1


CAPTION = ("FILE - In this May 18, 2031 file photo, the mayor of Kellport poses for "
           "photographers at the reopening of the harbour bridge. She has said the repairs "
           "will take years. (Ana Ruiz/Kellport Press, File) (Kellport Press)")


def test_file_prefix_is_not_a_dateline_place():
    dateline, rest = split_dateline(CAPTION)
    assert dateline is None and rest == CAPTION
    found, _ = split_dateline("KELLPORT — The bridge reopened on Monday after three years.")
    assert found.place == "KELLPORT"


def test_file_photo_caption_is_media_not_body():
    caption, credit = file_photo_caption(CAPTION)
    assert caption.startswith("FILE - In this") and caption.endswith("years.")
    assert credit == "Ana Ruiz/Kellport Press, File; Kellport Press"
    assert file_photo_caption("FILE - a line with no credit.") is None
    text = (CAPTION + "\n\nKELLPORT — The harbour bridge reopened on Monday after three years "
            "of repairs, the transit authority said, and the first buses crossed at dawn while "
            "hundreds of residents watched from the quay.\n\nThe mayor thanked the engineers.")
    record = analyze(text, options=Options(stages=("load", "clean")))
    assert record.dateline.place == "KELLPORT"
    assert not record.body.startswith("FILE") and "file photo" not in record.body
    assert any(m.caption and m.caption.startswith("FILE - ") for m in record.media)
