"""The dateline that opens a news story: "WASHINGTON (Reuters) -", "PARIS, Dec 3 (AFP) -".

``split_dateline(paragraph)`` returns the parsed :class:`~dateline.types.Dateline` and the
paragraph without it, or ``(None, paragraph)`` when the paragraph does not open with one.
"""
from __future__ import annotations

import re

from ..types import Dateline
from .rules import AGENCIES, MONTHS

_UP = "A-ZÀ-ÖØ-ÞĀ-Ž"
#: One word of a place name: "WASHINGTON", "Washington", "DC", "D.C.", "St.", "Rio de Janeiro".
_PW = rf"(?:[{_UP}][{_UP}a-zà-ÿ'’.-]*|de|do|da|del|di|la|le|el|al|upon|on|am|an|der|sur|en)"
_PLACE = rf"[{_UP}][{_UP}a-zà-ÿ'’.-]*(?:\s+{_PW}){{0,4}}"
_DATE = rf"(?:{MONTHS}\s+\d{{1,2}}|\d{{1,2}}\s+{MONTHS})(?:,?\s+\d{{4}})?"
_AGENCY = rf"(?:{AGENCIES}|[A-Z][A-Za-z]+(?:\s[A-Z][A-Za-z]+)?)"
_DASH = r"\s*[-–—]+\s*|\s+[-–—:]\s*|\s*:\s+"

DATELINE = re.compile(
    rf"^(?P<text>"
    rf"(?P<place>{_PLACE}(?:,\s*(?P<region>{_PLACE}))?)"
    rf"(?:,\s*(?P<date>{_DATE}))?"
    rf"(?:\s*\((?P<agency>{_AGENCY})\))?"
    rf"(?P<dash>{_DASH}))"
    rf"(?=(?-i:[\"“‘'A-Z0-9À-Ö]))", re.IGNORECASE)
#: "(Reuters) - ...", "(AP) — ..." : the agency without a place.
AGENCY_ONLY = re.compile(rf"^(?P<text>\((?P<agency>{AGENCIES})\)\s*[-–—]+\s*)(?=\S)")
#: Place words that show the match is a sentence, not a dateline.
_NOT_PLACE = re.compile(r"\b(?:said|says|is|are|was|were|will|has|have|had|the|a|an|and|of|"
                        r"to|for|with|that|this|by|in)\b")


#: Words a scraper leaves before a dateline: "Photo LONDON --".
_LEAD_WORDS = {"photo", "photos", "video", "image", "pictured", "watch", "breaking", "updated",
               "exclusive", "file"}


def _case_ok(place: str, has_agency: bool, dash: str) -> bool:
    """All capitals ("WASHINGTON") always; Title Case ("Washington DC") only with a dash."""
    letters = [c for c in place if c.isalpha()]
    if not letters:
        return False
    if all(c.isupper() for c in letters):
        return True
    if ":" in dash and not has_agency:
        return False
    words = place.replace(",", " ").split()
    return all(w[0].isupper() or w.lower() in {"de", "do", "da", "del", "di", "la", "le", "el",
                                                 "al", "upon", "on", "am", "an", "der", "sur",
                                                 "en"} for w in words)


def split_dateline(paragraph: str) -> tuple[Dateline | None, str]:
    """Parse the dateline opening ``paragraph``; returns it and the paragraph without it."""
    text = paragraph.lstrip()
    m = AGENCY_ONLY.match(text)
    if m:
        return Dateline(agency=m.group("agency"), text=m.group("text").strip()), text[m.end():]
    m = DATELINE.match(text)
    if not m:
        return None, paragraph
    place = m.group("place").strip()
    core = m.group("place").split(",")[0]
    if _NOT_PLACE.search(core.lower() if not core.isupper() else "") or len(place) > 60 \
            or re.search(r"\.(?:com|net|org|co|de|fr|ru|uk|in)\b", place, re.I):
        return None, paragraph
    if not _case_ok(place, bool(m.group("agency")), m.group("dash")):
        return None, paragraph
    # a dateline is followed by a sentence, not by a bare word or two
    rest = text[m.end():]
    if len(rest.split()) < 4:
        return None, paragraph
    words = place.split()
    if all(w.lower().strip(".") in _LEAD_WORDS for w in words):
        return None, paragraph  # "FILE - In this 2017 photo ...": AP's mark of a file photo
    caps = [i for i, w in enumerate(words) if len(w) > 1 and w.isupper()]
    if caps and caps[0] == 1 and words[0].lower() in _LEAD_WORDS:
        place = " ".join(words[caps[0]:])  # "Photo LONDON --": a stray word before the place
    agency = m.group("agency")
    return (Dateline(place=place, date=m.group("date"), agency=agency,
                     text=m.group("text").strip()), rest)
