"""Score the lines of a scraped page as running text or page furniture, and find the article.

Three steps, after jusText (Pomikálek 2011) and boilerpipe (Kohlschütter et al. 2010):

1. *Context-free class* of each line from its own features: length, stop-word density, sentence
   punctuation. ``good`` is prose, ``bad`` is furniture, ``short`` and ``neargood`` undecided.
2. *Context-sensitive revision*: an undecided line takes the class of its surroundings (a short
   sub-heading between two paragraphs is kept; a short line among menu items is not).
3. *The article region*: the stretch of lines with the highest sum of scores (prose counts for
   it, furniture against it) — the body of a news page is one contiguous run of prose, while
   teasers and comments sit apart from it, behind menus and headers. When the headline's line
   is known, the stretch that starts just after it is preferred. A "Related" or "Comments" line
   ends the article when what follows it lacks *cohesion* (paragraphs each fenced off by
   furniture are teasers or comments, not more article). Tables and lists that the article
   introduces ("Tour dates:") are taken in whole.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import rules

GOOD, NEARGOOD, SHORT, BAD = "good", "neargood", "short", "bad"

_WORD = re.compile(r"\w+", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
SENT_END = re.compile(r"[.!?。！？…][\"”’'»)\]]*$")
_SENT_PUNCT = re.compile(r"[.!?。！？](?:[\"”’'»)\]]*)(?:\s|$)")

#: Thresholds (characters and stop-word densities) — jusText's defaults, tuned on news pages.
LENGTH_LOW = 60
LENGTH_HIGH = 160
STOP_LOW = 0.22
STOP_HIGH = 0.30
#: A line of this many words ending like a sentence counts as prose however short it is.
SENTENCE_WORDS = 8


@dataclass
class Block:
    """One line of the input and what is known about it."""
    index: int
    text: str
    words: int = 0
    chars: int = 0
    stop_density: float = 0.0
    sentence_end: bool = False
    sentences: int = 0
    cf_class: str = SHORT            # context-free class
    cls: str = SHORT                 # after revision
    reason: str | None = None        # set when a rule says why this line is not body
    listed: bool = False             # an item of a list or a row of a table
    keep: bool = False


def measure(block: Block, stops: frozenset[str]) -> None:
    """Fill the features of one block."""
    text = block.text
    toks = _WORD.findall(text)
    cjk = len(_CJK.findall(text))
    block.words = len(toks) + cjk // 2
    block.chars = len(text)
    if stops and toks:
        block.stop_density = sum(map(stops.__contains__, map(str.lower, toks))) / len(toks)
    block.sentence_end = bool(SENT_END.search(text))
    block.sentences = len(_SENT_PUNCT.findall(text))


def classify(block: Block, stops: frozenset[str]) -> str:
    """Context-free class of one measured block."""
    if block.reason is not None:
        return BAD
    if block.chars < LENGTH_LOW:
        return SHORT
    if not stops:  # no stop-word list for this language: sentence punctuation stands in
        if block.sentences >= 1 and block.chars >= LENGTH_HIGH // 2:
            return GOOD
        return NEARGOOD if block.sentences else BAD
    if block.stop_density >= STOP_HIGH:
        if block.chars >= LENGTH_HIGH or block.sentences >= 2 or \
                (block.sentence_end and block.words >= SENTENCE_WORDS):
            return GOOD
        return NEARGOOD
    if block.stop_density >= STOP_LOW:
        return NEARGOOD
    return BAD


def _neighbour(blocks: list[Block], i: int, step: int, ignore_neargood: bool) -> str:
    j = i + step
    while 0 <= j < len(blocks):
        c = blocks[j].cls
        if c in (GOOD, BAD):
            return c
        if c == NEARGOOD and not ignore_neargood:
            return c
        j += step
    return BAD


def _sentence(b: Block) -> bool:
    """A short line that reads as a sentence: capital (or quote) first, sentence end last."""
    first = b.text[:1]
    return (b.reason is None and b.sentence_end and b.words >= 4
            and (first.isupper() or first in "\"“‘'«"))


def revise(blocks: list[Block]) -> None:
    """jusText's context-sensitive pass: short and near-good lines take their neighbours' class."""
    for b in blocks:
        b.cls = b.cf_class
    new: dict[int, str] = {}
    for i, b in enumerate(blocks):
        if b.cls != SHORT:
            continue
        prev, nxt = _neighbour(blocks, i, -1, True), _neighbour(blocks, i, 1, True)
        if prev == GOOD and nxt == GOOD:
            new[i] = GOOD
        elif prev == BAD and nxt == BAD:
            new[i] = BAD
        elif (prev == BAD and _neighbour(blocks, i, -1, False) == NEARGOOD) or \
                (nxt == BAD and _neighbour(blocks, i, 1, False) == NEARGOOD):
            new[i] = GOOD
        elif _sentence(b) and ((i > 0 and blocks[i - 1].cls == GOOD)
                               or (i + 1 < len(blocks) and blocks[i + 1].cls == GOOD)):
            new[i] = GOOD  # a short sentence opening or closing a run of paragraphs
        else:
            new[i] = BAD
    for i, c in new.items():
        blocks[i].cls = c
    for i, b in enumerate(blocks):
        if b.cls != NEARGOOD:
            continue
        prev, nxt = _neighbour(blocks, i, -1, True), _neighbour(blocks, i, 1, True)
        b.cls = BAD if (prev == BAD and nxt == BAD) else GOOD


_ITEM = re.compile(r"^(?:[-•*·–▪►✓]|\d{1,3}[.)]|\(?[a-z]\))\s+\S")
LIST_ITEM_WORDS = 30


def _item_like(b: Block) -> bool:
    return b.reason is None and b.words <= LIST_ITEM_WORDS and not (b.sentence_end and b.words > 15)


def mark_lists(blocks: list[Block]) -> None:
    """Mark the rows of flattened tables (tab-separated cells), runs of three or more bulleted or
    numbered items, and the items after a line that introduces a list with a colon."""
    n = len(blocks)
    for b in blocks:
        if "\t" in b.text and b.reason is None:
            b.listed = True
    i = 0
    while i < n:
        j = i
        while j < n and _ITEM.match(blocks[j].text) and _item_like(blocks[j]):
            j += 1
        if j - i >= 3:
            for k in range(i, j):
                blocks[k].listed = True
        i = max(j, i + 1)
    for i, b in enumerate(blocks):
        if b.reason is None and b.text.endswith(":") and b.words >= 3:
            j = i + 1
            while j < n and j - i <= 60 and _item_like(blocks[j]):
                j += 1
            if j - i - 1 >= 2:
                for k in range(i + 1, j):
                    blocks[k].listed = True


def extend_lists(blocks: list[Block], start: int, end: int) -> int:
    """Take into the article a list that its last lines introduce ("Tour dates:" and the dates)."""
    j = end
    while j < len(blocks) and j - end <= 1 and not blocks[j].listed:
        if not (blocks[j].text.endswith(":") and blocks[j].reason is None):
            break
        j += 1
    if j < len(blocks) and blocks[j].listed and (j > end or blocks[end - 1].text.endswith(":")):
        while j < len(blocks) and blocks[j].listed:
            j += 1
        return j
    return end


#: Lines that mark the end of an article, and what crossing them costs: comments never stand
#: inside an article, while a flattened "Related articles" box often does (see ``region``).
BARRIERS = {rules.COMMENTS: 0.0, rules.RELATED: 30.0, rules.BIO: 30.0}
#: What a line of furniture costs a stretch: its words (at most 30) times BAD_RATE, at least
#: BAD_FLOOR; a menu of many short lines thus costs much, one stray line little.
BAD_FLOOR = 6.0
BAD_RATE = 1.0
#: Furniture that stands inside articles (a caption under a photo, an advert slot, share
#: buttons, an inline teaser): it costs a stretch only BAD_FLOOR, whatever its length.
INLINE = frozenset({rules.CAPTION, rules.CREDIT, rules.ADVERT, rules.GALLERY, rules.REPEATED,
                    rules.SHARE, rules.PROMO, rules.TEASER})


def score(block: Block) -> float:
    """What a block adds to (prose) or takes from (furniture) the region it is part of."""
    if block.reason in BARRIERS:
        return -BARRIERS[block.reason]
    if block.listed and block.reason is None and block.cls != GOOD:
        return 0.0
    if block.reason == rules.GALLERY:
        return -1.0  # a gallery of many photos may stand in the middle of an article
    if block.reason in INLINE:
        return -BAD_FLOOR
    if block.reason is not None and block.cls != GOOD:
        return -max(BAD_FLOOR, min(block.words, 30) * BAD_RATE)
    if block.cls == GOOD:
        return float(block.words) if block.reason is None else 0.0
    return -max(BAD_FLOOR, min(block.words, 30) * BAD_RATE)


def _kadane(blocks: list[Block], lo: int, hi: int) -> tuple[float, int, int]:
    best, best_span = float("-inf"), (lo, lo)
    total, start = 0.0, lo
    for i in range(lo, hi):
        if total <= 0:
            total, start = 0.0, i
        total += score(blocks[i])
        if total > best:
            best, best_span = total, (start, i + 1)
    return best, best_span[0], best_span[1]


def _is_prose(b: Block) -> bool:
    return b.cls == GOOD and b.reason is None and b.words >= 8 and b.sentence_end


def _label(b: Block) -> bool:
    """A label that introduces what follows ("ROCKET STATS:"), or a rule line ("___")."""
    return (b.text.endswith(":") and b.words <= 6) or not any(c.isalnum() for c in b.text)


def cohesion(blocks: list[Block], lo: int, hi: int) -> float:
    """Share of the prose lines in [lo, hi) that stand next to another prose line (labels and
    rules between them aside). An article is a run of paragraphs; a list of teasers is
    paragraphs each fenced off by furniture."""
    prose = [i for i in range(lo, hi) if _is_prose(blocks[i])]
    if not prose:
        return 0.0

    def neighbour(i: int, step: int) -> bool:
        j = i + step
        while lo <= j < hi and _label(blocks[j]):
            j += step
        return lo <= j < hi and _is_prose(blocks[j])

    near = sum(1 for i in prose if neighbour(i, -1) or neighbour(i, 1))
    return near / len(prose)


#: Below this cohesion, what follows a barrier line is teasers or comments, not more article.
COHESION_MIN = 0.7


#: How near the headline the article must start, and how much of the best stretch of the page
#: the stretch that starts there must hold to be taken instead.
ANCHOR_REACH = 12
ANCHOR_SHARE = 0.25


def _anchored(blocks: list[Block], after: int) -> tuple[float, int, int] | None:
    """The best stretch that starts at the first prose line just after the headline."""
    first = next((i for i in range(after + 1, min(len(blocks), after + 1 + ANCHOR_REACH))
                  if blocks[i].cls == GOOD and blocks[i].reason is None), None)
    if first is None:
        return None
    total, best, end = 0.0, float("-inf"), first + 1
    for i in range(first, len(blocks)):
        total += score(blocks[i])
        if total > best:
            best, end = total, i + 1
    return best, first, end


def _opens_comments(b: Block) -> bool:
    """A line that opens the readers' comments ("Leave a reply", "12 comments"); a bare
    "Comments" is often a button beside the article, so it does not count."""
    return b.reason == rules.COMMENTS and len(b.text.split()) > 1


def region(blocks: list[Block], after: int | None = None) -> tuple[int, int]:
    """[start, end) of the article: the stretch of blocks with the highest total score (Kadane),
    starting after the title line when it is known (``after``), and cut at a "Related" or
    "Comments" line when what follows it is a list of fenced-off teasers, not more article."""
    best, start, end = _kadane(blocks, 0, len(blocks))
    if after is not None and not start <= after < end:
        anchored = _anchored(blocks, after)
        if anchored is not None and anchored[0] >= ANCHOR_SHARE * best:
            best, start, end = anchored
    return start, cut_at_barriers(blocks, start, end)


def cut_at_barriers(blocks: list[Block], start: int, end: int) -> int:
    """The end of the article: the first "Related"/"Comments"/author line in [start, end) that
    fenced-off teasers (or readers' comments) follow, else ``end``; plus a list that the last
    lines introduce."""
    for i in range(start + 1, end):
        if blocks[i].reason in BARRIERS and (cohesion(blocks, i + 1, end) < COHESION_MIN
                                             or _opens_comments(blocks[i])):
            end = i
            break
    while end > start and blocks[end - 1].cls != GOOD and not blocks[end - 1].listed:
        end -= 1
    return extend_lists(blocks, start, end) if end > start else end
