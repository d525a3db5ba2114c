"""Plain-text cleaning: from scraped text, keep the article body and say why the rest went.

The input is a page as text: one line per paragraph, or blocks separated by blank lines, menus
and teasers included. Every line is a block. A block is dropped when

* an explicit rule names it (credit, caption, byline, date, share or subscribe prompt, cookie
  notice, gallery, "More on X:" footer ...; see :mod:`.rules`), or
* it is a near-copy of another line (a caption repeating the lead, a teaser shown twice), or
* the scorer (:mod:`.blocks`) finds it is not running text, or it lies outside the article's
  region.

A text that is already clean (most lines are sentences: a news article with a separate title)
keeps every line from its first to its last paragraph that no rule names.
Each dropped line goes into ``removed`` with its reason; captions and credits also into ``media``.
"""
from __future__ import annotations

import re
import unicodedata

from ..types import Media, Removed
from . import blocks as B
from . import lang, rules
from .dateline import split_dateline
from .media import credit_line, cut_galleries, file_photo_caption, split_credit
from .meta import locate_title, looks_like_headline, published
from .result import CleanResult
from .similar import groups, shingles, similar_pairs

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
#: Runs of spaces to make one plain space (tabs stay: table cells); a lone plain space is not
#: matched, as replacing it by itself took most of the time.
_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]"
                     r"[ \u00a0\u2000-\u200a\u202f\u205f\u3000]*"
                     r"| [ \u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_TAB = re.compile(r" ?\t ?")
_TOGGLE = re.compile(r"(?:\.\.\.|…)?\s+(?:less|more)$", re.I)

#: Share of lines that must be sentences for a text to count as a clean article.
CLEAN_SHARE = 0.6


def normalise(raw: str) -> list[str]:
    """The lines of the input, with odd spaces and invisible characters tidied away."""
    text = _ZERO_WIDTH.sub("", unicodedata.normalize("NFC", raw))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [_TAB.sub("\t", _SPACES.sub(" ", line)).strip() for line in text.split("\n")]


def _date_only(text: str) -> bool:
    words = text.split()
    if len(words) > 14 or not rules.DATE_IN_LINE.search(text):
        return False
    tokens = (w.rstrip(".:;") for w in re.findall(r"[^\s,|•·]+", text))
    return all(rules.DATE_WORDS.match(w) for w in tokens if w)


def rule_reason(text: str) -> str | None:
    """The reason an explicit rule gives for dropping this line, or None."""
    if credit_line(text):
        return rules.CREDIT
    n = len(text.split())
    if n <= 16 and rules.BYLINE_LINE.match(text):
        return rules.BYLINE
    if _date_only(text):
        return rules.DATE
    if n >= 6 and text.isupper() and not text.endswith("?") \
            and all(c.isupper() for c in text if c.isalpha()):
        return rules.TEASER  # "SEAN SPICER ELIMINATED FROM ...": a promoted link in capitals
    for pattern, reason in rules.LINE_PATTERNS:
        if n > rules.MAX_WORDS.get(reason, 1000):
            continue  # a long paragraph that mentions cookies, or "Settings > Themes", is prose
        if pattern.search(text):  # (searched only where a match would count)
            return reason
    return None


def _caption(text: str) -> tuple[str, str | None] | None:
    """(caption, credit) when the line is a photo caption (with a credit or a more/less toggle)."""
    if B.SENT_END.search(text) and not text.endswith(")"):
        return None
    pair = split_credit(text) or file_photo_caption(text)
    if pair and not (pair[1] and rules.AGENCY.match(pair[1]) and len(pair[0].split()) < 8):
        return pair  # (a bare "PA" or "AP" after a few words is more likely a US state)
    if _TOGGLE.search(text) and len(text.split()) > 6:
        return _TOGGLE.sub("", text).strip(), None
    return None


class _Page:
    """The working state of one page being cleaned."""

    def __init__(self, lines: list[str]):
        self.blocks = [B.Block(i, t) for i, t in enumerate(l for l in lines if l)]
        self.media: list[tuple[int, Media]] = []  # (block index, media)
        self.author: str | None = None


def _mark_rules(page: _Page) -> None:
    for b in page.blocks:
        reason = rule_reason(b.text)
        if reason == rules.CREDIT:
            page.media.append((b.index, Media(caption=None, credit=credit_line(b.text))))
        elif reason == rules.BYLINE and page.author is None:
            m = rules.BYLINE_LINE.match(b.text)
            page.author = (m.group("a1") or m.group("a2")).strip() if m else None
        if reason is None:
            cap = _caption(b.text)
            if cap:
                reason = rules.CAPTION
                page.media.append((b.index, Media(caption=cap[0], credit=cap[1])))
        if reason and b.reason is None:
            b.reason = reason


def _mark_repeats(page: _Page) -> None:
    """Near-copies: keep one prose line of each group (the lead a caption repeats), drop the rest."""
    blocks = page.blocks
    pairs = similar_pairs([b.text for b in blocks])
    for group in groups(len(blocks), pairs):
        members = [blocks[i] for i in group]
        if len(members) >= 3 and all(b.sentence_end for b in members):
            continue  # a recurring sentence (an interview's question): structure, not a copy
        prose = [b for b in members if b.sentence_end and b.reason is None
                 and b.cf_class in (B.GOOD, B.NEARGOOD)]
        keeper = prose[0] if prose else None
        captioned = any(b.reason in (rules.CAPTION, rules.CREDIT) for b in members)
        for b in members:
            if b is keeper or b.reason is not None:
                continue
            if captioned or (keeper is not None and not b.sentence_end):
                reason = rules.CAPTION
            elif keeper is not None:
                reason = rules.REPEATED
            elif len(b.text.split()) >= 4 and not b.sentence_end:
                reason = rules.TEASER
            else:
                reason = rules.REPEATED
            b.reason = reason
        # a caption shown twice is one photo: keep one media item for the group
        caps = [b for b in members if b.reason == rules.CAPTION and b is not keeper]
        if caps and not any(m.caption and _same(m.caption, caps[0].text) for _, m in page.media):
            pair = split_credit(caps[-1].text)
            page.media.append((caps[0].index, Media(caption=pair[0] if pair else caps[0].text,
                                                    credit=pair[1] if pair else None)))
    page.media.sort(key=lambda im: im[0])


def _same(a: str, b: str) -> bool:
    return a.strip() in b or b.strip() in a


def merge_media(items: list[Media]) -> list[Media]:
    """One media item per photo: a caption given twice, or a credit on the line after its
    caption, make one item."""
    merged: list[Media] = []
    for m in items:
        twin = next((x for x in merged if x.caption and m.caption and _same(x.caption, m.caption)),
                    None)
        if twin is not None:
            twin.credit = twin.credit or m.credit
            continue
        if m.caption is None and merged and merged[-1].credit is None and merged[-1].caption:
            merged[-1].credit = m.credit
            continue
        if m.caption is None and any(x.credit == m.credit for x in merged):
            continue
        merged.append(m)
    return merged


def _take_title(page: _Page, title: str | None, at: int | None, start: int) -> str | None:
    """The title: the given one; else the located headline line; else the first line when it
    looks like a headline and the article follows it. The line taken is dropped as 'title'."""
    blocks = page.blocks
    if at is not None:
        blocks[at].reason = rules.TITLE
        return title or blocks[at].text
    if title:
        return title
    first = blocks[0] if blocks else None
    if first is not None and start <= 3 and looks_like_headline(first.text) \
            and first.reason in (None, rules.TEASER, rules.REPEATED):
        first.reason = rules.TITLE
        return first.text
    return None


def _drop_restated(page: _Page) -> None:
    """A kept line whose words were all said by the kept lines before it (a page flattened
    again after the article, a pull quote) is a repeat."""
    seen: set = set()
    for b in page.blocks:
        if not b.keep:
            continue
        sh = shingles(b.text)
        if len(sh) >= 8 and len(sh & seen) >= 0.8 * len(sh):
            b.keep, b.reason = False, rules.REPEATED
        seen |= sh


_HEADING_WORD = re.compile(r"[^\W\d_][\w'’.&-]*")
_MINOR = frozenset("a an the and or of to in on at for with by from as vs via".split())


def is_heading(text: str) -> bool:
    """A section heading or kicker: a short line with no closing punctuation, in capitals
    ("QUALCOMM'S DEAL WITH NXP") or with every word but the small ones capitalised ("Quick
    Menu Update")."""
    words = _HEADING_WORD.findall(text)
    if not 1 <= len(words) <= 10 or text.rstrip()[-1:] in ".!?:;,\"”’)" or len(text) > 90:
        return False
    letters = [c for c in text if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) > 3:
        return True
    big = [w for w in words if w.lower() not in _MINOR]
    return len(words) >= 2 and len(big) >= 2 and all(w[0].isupper() for w in big)


def _drop_headings(page: _Page) -> None:
    """A heading standing between paragraphs of the article is no sentence of it: it leaves
    the body, with its reason, when prose follows it."""
    kept = [b for b in page.blocks if b.keep]
    for b, nxt in zip(kept, kept[1:]):
        if is_heading(b.text) and nxt.sentence_end and not is_heading(nxt.text):
            b.keep, b.reason = False, rules.HEADING


def _mostly_prose(blocks: list[B.Block]) -> bool:
    sentences = sum(1 for b in blocks if b.sentence_end and b.words >= 5)
    return len(blocks) > 0 and sentences >= CLEAN_SHARE * len(blocks)


def _article_span(page: _Page, at: int | None, scored: bool) -> tuple[int, int]:
    """[start, end) of the article among the page's blocks; blocks inside it count as prose
    when the text is clean or already extracted."""
    blocks = page.blocks
    if scored and not _mostly_prose(blocks):
        return B.region(blocks, after=at)
    if scored:
        # a clean article: it runs from its first to its last paragraph, unless a "Related" or
        # "Comments" line ends it sooner
        prose = [b.index for b in blocks if b.reason is None and (
            b.cls == B.GOOD or (b.words >= 4 and (b.sentence_end or b.text.endswith(":"))))]
        start, end = (prose[0], prose[-1] + 1) if prose else (0, 0)
        end = B.cut_at_barriers(blocks, start, end)
    else:
        start, end = 0, len(blocks)
    for b in blocks[start:end]:
        b.cls = B.GOOD
    return start, end


def clean_text(raw: str, *, title: str | None = None, url: str | None = None) -> CleanResult:
    """Clean one plain-text article (see the module docstring)."""
    return clean_lines(normalise(raw), title=title, url=url)


def clean_lines(lines: list[str], *, title: str | None = None, url: str | None = None,
                scored: bool = True) -> CleanResult:
    """Clean a page given as lines. ``scored=False`` is the second pass over text that an
    extractor (trafilatura) already chose: the explicit rules apply; near-copies, the scoring
    and the article region do not."""
    lines = [_SPACES.sub(" ", line).strip() for line in lines]
    gallery_removed: list[str] = []
    gallery_media: list[Media] = []
    for i, line in enumerate(lines):
        if "show all" in line.lower():
            lines[i], cut, found = cut_galleries(line)
            gallery_removed += cut
            gallery_media += found
    page = _Page(lines)
    sample = " ".join(sorted((b.text for b in page.blocks), key=len)[-40:])
    language = lang.detect(sample)
    stops = lang.stoplist(language)
    for b in page.blocks:
        B.measure(b, stops)
        b.cf_class = B.classify(b, stops)
    _mark_rules(page)
    if scored:
        _mark_repeats(page)
    for b in page.blocks:
        b.cf_class = B.classify(b, stops)
    if not any(b.cf_class == B.GOOD for b in page.blocks):
        # no line is clearly prose (a page of short items): the likeliest ones stand in
        for b in page.blocks:
            if b.cf_class == B.NEARGOOD:
                b.cf_class = B.GOOD
    B.revise(page.blocks)
    B.mark_lists(page.blocks)
    at = locate_title(page.blocks, title, url)
    start, end = _article_span(page, at, scored)
    found_title = _take_title(page, title, at, start)

    for b in page.blocks:
        inside = start <= b.index < end
        intro = (b.text.endswith(":") and b.index + 1 < len(page.blocks)
                 and page.blocks[b.index + 1].listed)
        if inside and b.reason is None and (b.cls == B.GOOD or b.listed or intro):
            b.keep = True
        elif b.reason is None:
            b.reason = (rules.LOW_TEXT if inside else
                        rules.MENU if b.words <= 6 else rules.OUTSIDE)
    _drop_headings(page)
    if scored:
        _drop_restated(page)
    kept = [b.text for b in page.blocks if b.keep]
    place = None
    if kept:
        place, kept[0] = split_dateline(kept[0])
    # media of the article only: captions and credits in or just around its region
    media = [m for i, m in page.media if start - 12 <= i < end + 4]
    removed = [Removed(text=t, reason=rules.GALLERY) for t in gallery_removed]
    removed += [Removed(text=b.text, reason=b.reason) for b in page.blocks if not b.keep]
    return CleanResult(body="\n\n".join(p.strip() for p in kept if p.strip()),
                       title=found_title, author=page.author,
                       published=published(page.blocks, start, at),
                       language=lang.iso_code(language), dateline=place, removed=removed,
                       media=merge_media(gallery_media + media), extraction="text-rules")
