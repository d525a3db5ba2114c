"""Photo captions, credits and galleries: told apart from the body and kept as ``Media``.

* ``credit_line("Cover photo: Brendan Smialowski / AFP")`` → ``"Brendan Smialowski / AFP"``
* ``split_credit("... Lopez Obrador (l.)  © Brendan Smialowski / AFP")`` → caption and credit
* ``cut_galleries(text)`` removes an inline gallery ("Croydon Tram derailment 8 show all ...
  1/8 The scene after ... Steve Parsons/PA 2/8 ...") from running text, returning its captions.
"""
from __future__ import annotations

import re

from ..types import Media
from .rules import AGENCIES, CREDIT_LINE, CREDIT_TAIL, SENTENCE_OPENERS

_LEAD = re.compile(r"^\(?\s*(?:(?:cover|main|top|header|featured|lead)\s+)?(?:photo(?:graph)?s?|"
                   r"pictures?|images?|pics?|foto|fotos|Фото|illustration|graphic|"
                   r"credit|photo credit|image credit|source|quelle|bild)?\s*"
                   r"(?::|by|copyright|©|\(c\))?\s*(?:©|\(c\)|copyright)?\s*", re.I)


def _tidy(credit: str) -> str:
    credit = credit.strip().strip("()").strip()
    return re.sub(r"\s+", " ", credit)


def credit_line(text: str) -> str | None:
    """The credit when the whole line is one ("© Name / AFP", "Photo: Name, AP"), else None."""
    if not CREDIT_LINE.match(text.strip()) or len(text.split()) > 12 \
            or re.search(r"\b(?:19|20)\d\d\b|all rights reserved", text, re.I):
        return None
    credit = _tidy(_LEAD.sub("", text.strip(), count=1))
    return credit or None


def split_credit(text: str) -> tuple[str, str] | None:
    """(caption, credit) when the line ends with a photo credit, else None."""
    m = CREDIT_TAIL.search(text)
    if not m:
        return None
    credit = next(g for g in m.groups() if g)
    credit = _tidy(_LEAD.sub("", credit, count=1) if re.match(r"\(?\s*[A-Za-z ]+:", credit)
                   else credit)
    caption = text[:m.start()].strip()
    if ". " in credit:  # "... in New York. REUTERS/Name": the sentence is the caption's
        head, credit = credit.rsplit(". ", 1)
        caption = f"{caption} {head}.".strip()
    if not caption or len(caption.split()) > 80:
        return None
    return caption, credit


#: AP's caption of an archive photo: "FILE - In this May 18, 2017 file photo, ... (Name/AP)".
_FILE_PHOTO = re.compile(r"^(?:FILE|PHOTO)\s*[-–—]\s+(?=[A-Z])")
_LAST_PARENS = re.compile(r"(?:\s*\(([^()]{2,80})\))+\s*$")


def file_photo_caption(text: str) -> tuple[str, str | None] | None:
    """(caption, credit) for an AP file-photo caption: it opens with "FILE - " and ends with
    its credit in brackets; else None."""
    if not _FILE_PHOTO.match(text):
        return None
    tail = _LAST_PARENS.search(text)
    if not tail:
        return None
    credit = _tidy("; ".join(re.findall(r"\(([^()]*)\)", tail.group(0))))
    return text[:tail.start()].strip(), credit or None


# ---- inline galleries --------------------------------------------------------------------------
_SHOW_ALL = re.compile(r"\b(?P<n>\d{1,3})\s+show all\s+", re.I)
_ITEM = re.compile(r"\b(?P<k>\d{1,3})/(?P<n>\d{1,3})\s+")
_CREDIT_END = re.compile(
    rf"(?:(?:{AGENCIES})|[A-Z][\w'’.-]+(?:\s[A-Z][\w'’.-]+){{0,2}}/[\w@'’.-]+(?:\s[A-Z][\w'’.-]+)?"
    rf"|[A-Z][a-z'’.-]+\s[A-Z][a-z'’.-]+)\s+(?=(?P<next>[A-Z\"“][\w'’]*))")


def _last_caption_end(tail: str) -> int | None:
    """Where the last gallery caption (with its credit) ends and the article resumes."""
    first_stop = re.search(r"[.!?](?:\s|$)", tail)
    window = tail[:first_stop.start() if first_stop else min(len(tail), 400)]
    for m in _CREDIT_END.finditer(window):
        nxt = m.group("next")
        if nxt in SENTENCE_OPENERS or nxt[0] in "\"“":
            return m.end()
    return None


def cut_galleries(text: str) -> tuple[str, list[str], list[Media]]:
    """Remove inline galleries from one line of text; returns (text, removed pieces, media)."""
    removed: list[str] = []
    media: list[Media] = []
    while True:
        m = _SHOW_ALL.search(text)
        if not m:
            break
        n = int(m.group("n"))
        items = [x for x in _ITEM.finditer(text, m.end()) if int(x.group("n")) == n]
        if not items or int(items[-1].group("k")) != n:
            break
        last = items[-1]
        end = _last_caption_end(text[last.end():])
        stop = last.end() + end if end is not None else last.end()
        for a, b in zip(items, items[1:] + [None]):
            piece = text[a.end():b.start() if b else stop].strip()
            if piece:
                pair = split_credit(piece)
                media.append(Media(caption=pair[0], credit=pair[1]) if pair
                             else Media(caption=piece))
        start = m.start()
        # the gallery's title stands before "N show all" and again before "1/N"
        title = text[m.end():items[0].start()].strip()
        head = text[:start].rstrip()
        if title and head.endswith(title):
            start = len(head) - len(title)
        removed.append(text[start:stop].strip())
        text = (text[:start].rstrip() + " " + text[stop:].lstrip()).strip()
    return text, removed, media
