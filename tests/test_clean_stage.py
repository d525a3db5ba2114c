"""The clean stage's own decisions: too little text is refused, unless the input's description
tells the story (a feed item, or a page whose text is all boilerplate)."""
import pytest

import dateline

BOILERPLATE = "Chat with us in Facebook Messenger. Find out what's happening in the world."
DESCRIPTION = ("Firefighters contained a wildfire that burned 300 acres near the town of Elm Creek "
               "on Sunday, officials said.")


def test_too_little_text_is_refused():
    with pytest.raises(dateline.InputError, match="no article text found"):
        dateline.analyze(BOILERPLATE, title="Wildfire contained")


def test_description_stands_in_for_missing_body():
    from dateline.api import make_article

    article = make_article(BOILERPLATE, id="x", title="Wildfire contained", description=DESCRIPTION)
    record = next(iter(dateline.analyze_many([article])))
    assert record.body == DESCRIPTION
    assert record.extraction == "description"
    assert any(r.reason == "replaced by the description" for r in record.removed)


def test_a_one_line_description_does_not_stand_in():
    from dateline.api import make_article

    article = make_article(BOILERPLATE, id="y", title="Wildfire", description="Wildfire contained.")
    assert isinstance(next(iter(dateline.analyze_many([article]))), dateline.Failure)
