"""Name keys for corpus identities: one normalised form of a person's name, its parts and evidence."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii
from nameparser.config import CONSTANTS

_TOKEN = re.compile(r"[a-z0-9]+")
_POSSESSIVE = re.compile(r"['\u2019]s\b", re.I)
#: Honorifics and titles a name may be written with ("President Trump"), from nameparser.
TITLES = frozenset(t.lower().strip(".") for t in CONSTANTS.titles)
#: Generational suffixes stay in the key ("Donald Trump Jr." is not "Donald Trump").
SUFFIXES = frozenset(s.lower().strip(".") for s in CONSTANTS.suffix_acronyms
                     | CONSTANTS.suffix_not_acronyms) - {"esq"}


@dataclass(frozen=True)
class NameKey:
    """A name as matched across the corpus: lower-case ASCII tokens without honorifics or
    middle initials; ``initials`` are the dropped middle initials, ``titles`` the dropped titles."""
    tokens: tuple[str, ...]
    initials: str = ""
    titles: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return " ".join(self.tokens)

    @property
    def full(self) -> bool:
        """A given name and a surname (two tokens or more)."""
        return len(self.tokens) >= 2

    def tails(self) -> list[str]:
        """The partial forms a full name may be shortened to: its last tokens ("Trump",
        "Lopez Obrador"), the surname carrying its generational suffix ("Trump Jr")."""
        toks = self.tokens
        return [" ".join(toks[i:]) for i in range(1, len(toks))
                if toks[i] not in SUFFIXES]

    def first_last(self) -> str | None:
        """Given name and surname without the middle names ("rex tillerson")."""
        core = [t for t in self.tokens if t not in SUFFIXES]
        if len(core) < 3:
            return None
        return " ".join([core[0], core[-1]] + [t for t in self.tokens if t in SUFFIXES])


@lru_cache(maxsize=65536)
def name_key(name: str) -> NameKey:
    """The key of ``name``: transliterated (anyascii), case and punctuation folded, leading
    titles and middle initials dropped, a doubled name ("Justin Timberlake Justin Timberlake")
    said once."""
    text = anyascii(_POSSESSIVE.sub("", name or "")).lower()
    raw = _TOKEN.findall(text.replace("-", " "))
    titles: list[str] = []
    while len(raw) > 1 and raw[0] in TITLES:
        titles.append(raw.pop(0))
    initials = "".join(t for t in raw[1:-1] if len(t) == 1)
    tokens = [raw[0]] + [t for t in raw[1:-1] if len(t) > 1] + raw[-1:] if len(raw) > 1 \
        else raw
    half = len(tokens) // 2
    if len(tokens) >= 4 and len(tokens) % 2 == 0 and tokens[:half] == tokens[half:]:
        tokens = tokens[:half]
    return NameKey(tuple(tokens), initials, tuple(titles))
