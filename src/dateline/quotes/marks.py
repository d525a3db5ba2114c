"""Quoted spans in running text, in every common mark style.

Handles curly double marks (“ ” and the German „), guillemets (« » and ‹ ›), straight double
marks ("), doubled apostrophes ('' and ``, as in some wire archives), curly single marks (‘ ’)
and straight single marks ('), which are also apostrophes and are only taken where their context
leaves no doubt (an opening mark after a space, a closing mark before a space or punctuation).

A quote may run over several paragraphs: the opening mark is repeated at the start of each
paragraph and only the last one closes. A mark that never closes costs only the quote it opens:
the scan drops it and carries on with the rest of the article.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

#: Families of marks: a quote is closed only by a mark of the family that opened it, so
#: ‘inner’ quotes inside “outer” ones are left inside the text.
#: Straight double marks form their own family: a text that quotes with "..." may quote
#: inside with “...”, and the other way round.
DOUBLE, STRAIGHT, SINGLE, GUILLEMET = "double", "straight", "single", "guillemet"

#: A mark (or a doubled-apostrophe pair) with the family it belongs to and the role it can
#: take: "open", "close" or "either" (decided by the characters around it).
_MARK = re.compile(r"''|``|,,|[\"“”„‟«»‹›‘’‚']")
_ROLE = {
    "“": (DOUBLE, "open"), "„": (DOUBLE, "open"), "‟": (DOUBLE, "open"), "”": (DOUBLE, "either"),
    '"': (STRAIGHT, "either"), "''": (STRAIGHT, "either"), "``": (STRAIGHT, "open"),
    "«": (GUILLEMET, "open"), "»": (GUILLEMET, "close"),
    "‹": (GUILLEMET, "open"), "›": (GUILLEMET, "close"),
    "‘": (SINGLE, "open"), "‚": (SINGLE, "open"), "’": (SINGLE, "either"), "'": (SINGLE, "either"),
}
_SIBLING = {DOUBLE: STRAIGHT, STRAIGHT: DOUBLE}
_OPENERS_BEFORE = set("([{―—–-/\u00a0") | {"“", "‘", "«", "„", '"', "'"}
_CLOSERS_AFTER = set(".,;:!?)]}―—–-…/\u00a0") | {"”", "’", "»", '"', "'"}


@dataclass
class QuoteSpan:
    """One quotation: where its marks stand and the pieces of text inside them.

    ``start``/``end`` cover the marks; ``pieces`` are the (start, end) offsets of the quoted
    words, one per paragraph for a quote that runs over several paragraphs.
    """
    start: int
    end: int
    pieces: list[tuple[int, int]] = field(default_factory=list)
    style: str = DOUBLE

    @property
    def inner_start(self) -> int:
        return self.pieces[0][0]

    @property
    def inner_end(self) -> int:
        return self.pieces[-1][1]

    def text(self, source: str) -> str:
        """The quoted words without the marks; the paragraphs of a long quote are joined by a
        blank line."""
        parts = [tidy(source[a:b]) for a, b in self.pieces]
        return "\n\n".join(p for p in parts if p)

    def bounds(self, source: str) -> tuple[int, int]:
        """Offsets of the quoted words as :meth:`text` gives them (spaces and a trailing comma
        left out), from the first word of the first piece to the last of the last."""
        a, _ = self.pieces[0]
        _, b = self.pieces[-1]
        first = source[a:self.pieces[0][1]]
        start = a + len(first) - len(first.lstrip())
        last = source[self.pieces[-1][0]:b]
        end = self.pieces[-1][0] + len(tidy(last)) + (len(last) - len(last.lstrip()))
        return start, max(start, end)

    def words(self, source: str) -> int:
        return sum(len(source[a:b].split()) for a, b in self.pieces)


def tidy(text: str) -> str:
    """Strip the spaces and the trailing comma that belong to the sentence, not to the quote."""
    text = text.strip()
    while text and text[-1] in ",;:":
        text = text[:-1].rstrip()
    return text


def _role(text: str, start: int, end: int, mark: str) -> str | None:
    """The role a mark can take here: "open", "close", "either" or None (an apostrophe)."""
    family, role = _ROLE[mark]
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    space_before = before.isspace() or before in _OPENERS_BEFORE
    space_after = after.isspace() or after in _CLOSERS_AFTER
    if family == SINGLE:
        if before.isalnum() and after.isalnum():
            return None                        # don't, Clinton’s, rock’n’roll
        if mark in "’'" and after in "sS" and before.isalnum():
            return None                        # possessive before a space-less 's'
        if space_before and (after.isdigit() and re.match(r"\d\ds?\b", text[end:end + 3])):
            return None                        # ’90s, '16
        if mark == "’" and space_before and not space_after:
            return "open"                      # a curly close mark typed as an opener
        if space_before and not space_after:
            return "open" if role != "close" else None
        if space_after and not space_before:
            return "close" if role != "open" else None
        return None
    if role in ("open", "close"):
        return role
    # a double mark that can open or close: decide by the characters around it
    if space_before and not space_after:
        return "open"
    if space_after and not space_before:
        return "close"
    return "either"


def _marks(text: str, start: int, end: int) -> list[tuple[int, int, str, str]]:
    """(start, end, family, role) of each usable mark between start and end."""
    found = []
    for m in _MARK.finditer(text, start, end):
        mark = "„" if m.group() == ",," else m.group()
        role = _role(text, m.start(), m.end(), mark)
        if role is None:
            continue
        if mark in "„‚":
            role = "low"                       # German style: „…“ and ‚…‘
        found.append((m.start(), m.end(), _ROLE[mark][0], role))
    return found


def _closes(role: str, mark: str, opener_role: str) -> bool:
    if opener_role == "low":
        return mark in "“‘" or role in ("close", "either")
    return role in ("close", "either")


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: runs of text between line breaks."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def _opens_paragraph(marks: list[tuple[int, int, str, str]], text: str, para_start: int,
                     family: str) -> bool:
    """True when a paragraph begins with an opening mark of this family (a quote continuing)."""
    if not marks:
        return False
    start, _, fam, role = marks[0]
    return fam == family and role in ("open", "either") and not text[para_start:start].strip()


def _scan(text: str, marks: list[tuple[int, int, str, str]], opened: tuple | None):
    """Pair the marks of one paragraph. ``opened`` is a quote carried over from the paragraph
    before. Returns the closed quotes as (open mark start, pieces start, close start, close end,
    family) and the mark left open at the end (None when every quote closed)."""
    closed = []
    open_at = opened
    nested = None                                     # role of the first nested double mark
    for m_start, m_end, family, role in marks:
        if open_at is None:
            if role in ("open", "either", "low"):
                open_at, nested = (m_start, m_end, family, role), None
            continue
        if family != open_at[2]:
            if nested is None and _SIBLING.get(family) == open_at[2] and open_at[3] != "low":
                nested = role
                if role == "close":                   # “…" : typed with two kinds of marks
                    closed.append((open_at[0], open_at[1], m_start, m_end, open_at[2]))
                    open_at = None
            continue                                  # a nested quote of another family
        if _closes(role, text[m_start:m_end], open_at[3]):
            closed.append((open_at[0], open_at[1], m_start, m_end, family))
            open_at = None
        else:                                         # a second opener: the first never closed
            open_at = (m_start, m_end, family, role)
    return closed, open_at


def _mixed_close(marks, left_open):
    """For a curly opener that never closes, a straight closing mark after it (or the other way
    round): the first double mark of the other kind, when it can close."""
    other = _SIBLING.get(left_open[2])
    if other is None or left_open[3] == "low":
        return None
    for m in marks:
        if m[0] > left_open[0] and m[2] == other:
            return m if m[3] in ("close", "either") else None
    return None


def find_quotes(text: str) -> list[QuoteSpan]:
    """Every balanced quotation in ``text``, outermost marks only, in reading order."""
    paragraphs = paragraph_bounds(text)
    para_marks = [_marks(text, a, b) for a, b in paragraphs]
    quotes: list[QuoteSpan] = []
    carried: QuoteSpan | None = None       # a quote still open at the end of the paragraph before
    for index, ((p_start, p_end), marks) in enumerate(zip(paragraphs, para_marks)):
        opened = None
        all_marks = marks
        if carried is not None:            # the paragraph opens with the repeated mark
            opened = (carried.start, marks[0][1], marks[0][2], marks[0][3])
            marks = marks[1:]
        before, carried = carried, None
        while True:
            closed, left_open = _scan(text, marks, opened)
            for o_start, i_start, c_start, c_end, family in closed:
                pieces = [(i_start, c_start)]
                if before is not None and o_start == before.start:
                    pieces = before.pieces + pieces
                quotes.append(QuoteSpan(o_start, c_end, pieces, family))
            if left_open is None:
                break
            nxt = index + 1
            if nxt < len(paragraphs) and _opens_paragraph(para_marks[nxt], text,
                                                          paragraphs[nxt][0], left_open[2]):
                pieces = [(left_open[1], p_end)]
                if before is not None and left_open[0] == before.start:
                    pieces = before.pieces + pieces
                carried = QuoteSpan(left_open[0], p_end, pieces, left_open[2])
                break
            mixed = _mixed_close(marks, left_open)
            if mixed is not None:          # “…" typed with two kinds of marks
                quotes.append(QuoteSpan(left_open[0], mixed[1], [(left_open[1], mixed[0])],
                                        left_open[2]))
                marks = [m for m in marks if m[0] > mixed[0]]
                opened = None
                continue
            # an opener that never closes: drop that mark alone and pair the marks after it again
            if opened is not None and left_open[0] == opened[0]:
                marks = all_marks[1:]      # the carried quote never closed: rescan without it
            else:
                marks = [m for m in marks if m[0] > left_open[0]]
            opened = None
    return [q for q in quotes if text[q.inner_start:q.inner_end].strip()]
