"""Plain-text cleaning: each rule with (input, expected) pairs written for these tests."""
from __future__ import annotations

import pytest

import dateline
from dateline.clean import clean_text
from dateline.clean import rules
from dateline.clean.media import credit_line, cut_galleries, split_credit
from dateline.clean.similar import groups, similar_pairs
from dateline.clean.meta import parse_date
from dateline.clean.text import rule_reason
from dateline.errors import InputError

PARAS = [
    "The town council on Tuesday approved the construction of a new bridge over the river, "
    "ending a debate that has divided residents for more than a decade.",
    "Council members voted six to three in favour of the plan, which will cost an estimated "
    "40 million dollars and take three years to complete.",
    "The old bridge, built in 1952, was closed to heavy traffic last year after engineers "
    "found cracks in two of its supports.",
    "Mayor Ellen Park said the vote was a relief for the families who now drive twenty minutes "
    "out of their way to reach the hospital.",
    '"We have waited long enough for this," she told reporters after the meeting.',
    "Opponents said they would ask the state to review the cost estimates before any work "
    "begins on the site.",
]
CAPTION = "Workers inspect the old bridge over the river in Riverton on Monday"
PAGE = "\n".join([
    "Home", "News", "Sport", "Weather", "Sign in",
    "Council approves new bridge over the river",
    "By Maria Lopez",
    "Updated 10:32 am, Tuesday, March 3, 2020",
    "RIVERTON (AP) — " + PARAS[0],
    PARAS[1], PARAS[2],
    CAPTION,
    CAPTION + " © John Smith / AP",
    PARAS[3], PARAS[4],
    "Riverton Storm damage closes schools across the county for a week",
    "Storm damage closes schools across the county for a week",
    PARAS[5],
    "Share this article", "Facebook", "Twitter", "Email",
    "We use cookies to improve your experience. By continuing to use our site you accept "
    "our use of cookies.",
    "More on Riverton:",
    "© 2020 Riverton Daily News. All rights reserved.",
])
URL = "https://example.com/news/2020/03/council-approves-new-bridge-over-the-river"


@pytest.fixture(scope="module")
def page():
    return clean_text(PAGE, url=URL)


def reasons(result) -> dict[str, str]:
    return {r.text: r.reason for r in result.removed}


def test_body_is_the_article_paragraphs_in_order(page):
    assert page.body.split("\n\n") == PARAS
    assert page.extraction == "text-rules"


def test_every_input_line_is_either_body_or_removed(page):
    body = page.body
    removed = {r.text for r in page.removed}
    for line in PAGE.split("\n"):
        assert line in removed or line in body or line.split("— ", 1)[-1] in body, line


@pytest.mark.parametrize("line, reason", [
    ("Home", rules.MENU),
    ("Sign in", rules.SUBSCRIBE),
    ("By Maria Lopez", rules.BYLINE),
    ("Updated 10:32 am, Tuesday, March 3, 2020", rules.DATE),
    (CAPTION, rules.CAPTION),
    (CAPTION + " © John Smith / AP", rules.CAPTION),
    ("Riverton Storm damage closes schools across the county for a week", rules.TEASER),
    ("Storm damage closes schools across the county for a week", rules.TEASER),
    ("Share this article", rules.SHARE),
    ("Email", rules.SHARE),
    ("We use cookies to improve your experience. By continuing to use our site you accept our "
     "use of cookies.", rules.COOKIE),
    ("More on Riverton:", rules.RELATED),
    ("© 2020 Riverton Daily News. All rights reserved.", rules.COPYRIGHT),
    ("Council approves new bridge over the river", rules.TITLE),
])
def test_dropped_lines_carry_their_reason(page, line, reason):
    assert reasons(page)[line] == reason


def test_metadata_title_author_date_dateline(page):
    assert page.title == "Council approves new bridge over the river"
    assert page.author == "Maria Lopez"
    assert page.published == "2020-03-03"
    assert page.dateline.place == "RIVERTON" and page.dateline.agency == "AP"
    assert page.language == "en"


def test_caption_and_credit_become_one_media_item(page):
    assert [(m.caption, m.credit) for m in page.media] == [(CAPTION, "John Smith / AP")]


def test_first_line_is_the_title_when_it_looks_like_a_headline():
    text = "Storm closes schools in three counties\n\n" + "\n\n".join(PARAS)
    result = clean_text(text)
    assert result.title == "Storm closes schools in three counties"
    assert result.body.split("\n\n")[0] == PARAS[0]


def test_first_line_that_is_a_sentence_is_not_a_title():
    result = clean_text("\n\n".join(PARAS))
    assert result.title is None
    assert result.body.split("\n\n") == PARAS


def test_given_title_is_kept_and_its_line_dropped():
    text = "Bridge vote\n" + "\n".join(PARAS)
    result = clean_text(text, title="Bridge vote")
    assert result.title == "Bridge vote"
    assert reasons(result)["Bridge vote"] == rules.TITLE
    assert "Bridge vote" not in result.body


def test_clean_single_line_article_is_left_whole():
    text = " ".join(PARAS)
    assert clean_text(text, title="x").body == text


def test_menu_run_before_the_article_is_dropped():
    menu = ["World", "Politics", "Business", "Tech", "Science", "Health", "Opinion"]
    result = clean_text("\n".join(menu + PARAS))
    assert result.body.split("\n\n") == PARAS
    assert all(reasons(result)[m] == rules.MENU for m in menu)


def test_teasers_after_a_related_header_are_cut():
    teasers = []
    for i in range(5):
        teasers += ["Share on Facebook",
                    f"A different story number {i} about the weather, told in a long enough "
                    "sentence to count as prose on its own for the cleaner."]
    result = clean_text("\n".join(PARAS[:3] + ["You may also like"] + teasers))
    assert result.body.split("\n\n") == PARAS[:3]
    assert reasons(result)["You may also like"] == rules.RELATED


def test_list_introduced_by_a_colon_is_kept():
    items = ["June 9 -- Arena One, Springfield", "June 12 -- Arena Two, Shelbyville",
             "June 15 -- Arena Three, Capital City"]
    text = "\n".join(PARAS[:3] + ["The tour dates are:"] + items + ["Share this article"])
    result = clean_text(text)
    assert result.body.split("\n\n") == PARAS[:3] + ["The tour dates are:"] + items


@pytest.mark.parametrize("line, reason", [
    ("© Brendan Smialowski / AFP", rules.CREDIT),
    ("Cover photo: Brendan Smialowski / AFP", rules.CREDIT),
    ("Photo: Jane Roe, AP", rules.CREDIT),
    ("Image copyright Getty Images", rules.CREDIT),
    ("Read more", rules.RELATED),
    ("More on Mexico:", rules.RELATED),
    ("Related articles", rules.RELATED),
    ("READ MORE: Floods close the coast road for a second week", rules.TEASER),
    ("Flood waters rise again on the coast road [PICTURES]", rules.TEASER),
    ("SEAN SMITH WINS THE CUP AFTER A LONG FINAL", rules.TEASER),
    ("Subscribe to our newsletter", rules.SUBSCRIBE),
    ("Follow us on Twitter", rules.SUBSCRIBE),
    ("This site uses cookies to give you the best experience.", rules.COOKIE),
    ("Privacy Policy", rules.COOKIE),
    ("Advertisement", rules.ADVERT),
    ("Story continues below advertisement", rules.ADVERT),
    ("Leave a comment", rules.COMMENTS),
    ("1 / 23", rules.GALLERY),
    ("Image 4 of 12", rules.GALLERY),
    ("Back to Gallery", rules.GALLERY),
    ("Skip to main content", rules.MENU),
    ("Home › World › Europe", rules.MENU),
    ("https://example.com/a/b", rules.URL),
    ("Click here to get the app and never miss a story.", rules.PROMO),
    ("By Jane Doe and John Roe, Reuters", rules.BYLINE),
    ("Jane Doe, Staff Writer", rules.BYLINE),
    ("Nov 18, 2019 at 9:24 pm ET • 2 min read", rules.DATE),
])
def test_line_rules(line, reason):
    assert rule_reason(line) == reason


@pytest.mark.parametrize("line", [
    "Kirby said there has been a dramatic increase in migration across the border.",
    "Facebook changed its privacy policy on Monday after a long row with regulators over data.",
    "The talks come as the rival party pushes for changes, the White House said.",
    "NISSAN SENTRA",
    "June 26 -- PPL Center, Allentown, PA",
])
def test_prose_and_subheadings_match_no_rule(line):
    assert rule_reason(line) is None


def test_credit_and_caption_split():
    assert credit_line("Cover photo: Brendan Smialowski / AFP") == "Brendan Smialowski / AFP"
    assert credit_line("Photo: Damian Dovarganes, AP") == "Damian Dovarganes, AP"
    assert split_credit("Rescue teams at work (l.)  © Jane Roe / AFP") == (
        "Rescue teams at work (l.)", "Jane Roe / AFP")
    assert split_credit("A map of the moon. (credit: NASA/JPL)") == ("A map of the moon.", "NASA/JPL")
    assert split_credit("Traders at work in New York. REUTERS/Jane Roe") == (
        "Traders at work in New York.", "REUTERS/Jane Roe")
    assert split_credit("He said the 50/50 split was fair.") is None


def test_inline_gallery_is_cut_from_running_text():
    text = ("Police closed the road on Monday. Flood damage 3 show all Flood damage "
            "1/3 Water covers the main street Jane Roe/PA 2/3 A car stuck in the mud Getty "
            "3/3 Volunteers fill sandbags outside the church John Smith The council said it "
            "would pay for the repairs.")
    out, removed, media = cut_galleries(text)
    assert out == "Police closed the road on Monday. The council said it would pay for the repairs."
    assert len(removed) == 1 and removed[0].startswith("Flood damage 3 show all")
    assert [(m.caption, m.credit) for m in media][:2] == [
        ("Water covers the main street", "Jane Roe/PA"), ("A car stuck in the mud", "Getty")]


def test_gallery_line_in_a_clean_text_goes_to_removed():
    text = " ".join(PARAS[:3]) + (" Flood damage 2 show all Flood damage 1/2 Water covers the "
                                  "main street Jane Roe/PA 2/2 A car stuck in the mud Getty "
                                  "The council said it would pay for the repairs.")
    result = clean_text(text, title="Floods")
    assert "show all" not in result.body and "Water covers" not in result.body
    assert result.body.endswith("The council said it would pay for the repairs.")
    assert [r.reason for r in result.removed] == [rules.GALLERY]
    assert len(result.media) == 2


def test_near_duplicates_found_by_shingles():
    texts = ["A top-level delegation will soon head to Mexico to discuss migration, the White "
             "House said Thursday.",
             "A top-level delegation will head shortly to Mexico to discuss migration, the White "
             "House said Thursday (r.)",
             "Something else entirely, about the weather in the north of the country today.",
             "Mexico blasts drugs demand after kidnapping of four Americans",
             "Mexico Mexico blasts drugs demand after kidnapping of four Americans"]
    assert groups(len(texts), similar_pairs(texts)) == [[0, 1], [3, 4]]


def test_restated_page_after_the_article_is_dropped():
    flattened = " ".join(PARAS[:4])
    result = clean_text("\n".join(PARAS[:4] + [flattened]))
    assert result.body.split("\n\n") == PARAS[:4]
    assert reasons(result)[flattened] == rules.REPEATED


@pytest.mark.parametrize("text, date", [
    ("Updated 10:32 am, Tuesday, March 3, 2020", "2020-03-03"),
    ("19 NOV 2019", "2019-11-19"),
    ("Published 2019-11-19T07:23", "2019-11-19"),
    ("11/19/19 06:56 AM EST", None),
])
def test_parse_date(text, date):
    assert parse_date(text) == date


def test_too_short_body_fails_with_a_reason():
    with pytest.raises(InputError, match="no article text found: .* words"):
        dateline.analyze("Home\nNews\nSign in\nSubscribe\nShort note here.",
                         options=dateline.Options(stages=("load", "clean")))


def test_odd_input_does_not_crash():
    for text in ["\u200b\u00a0", "“unbalanced quote " * 3, "x", "\t\t\n\n", "… …"]:
        result = clean_text(text)
        assert isinstance(result.body, str)


def test_stage_keeps_input_title_and_published():
    rec = dateline.analyze(PAGE, title="Given title", published="2020-01-01", url=URL,
                           options=dateline.Options(stages=("load", "clean")))
    assert rec.title == "Given title" and rec.published == "2020-01-01"
    assert rec.body.split("\n\n") == PARAS
    assert rec.extraction == "text-rules" and rec.author == "Maria Lopez"


@pytest.mark.parametrize("line, expected", [
    ("We use cookies to improve your experience on our site.", "cookie or privacy notice"),
    ("Copyright 2023 Example News. All rights reserved.", "copyright notice"),
    ("The bakery said it would use cookies from a local supplier, and the owner, who opened the "
     "shop with her brother after the factory closed, said customers had asked for the recipe "
     "for years, that the oven had been repaired twice this winter, that the new staff were "
     "learning fast, and that the queue on Saturday mornings now reached the corner of the "
     "street outside the old post office.", None),      # a long paragraph about cookies is prose
])
def test_a_line_rule_counts_only_on_lines_short_enough(line, expected):
    assert len(line.split()) <= 60 or expected is None
    assert rule_reason(line) == expected
