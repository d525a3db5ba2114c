"""What an entity page shows, gathered from the corpus query functions: a person (today by the
name the articles give, from dateline.corpus.people; corpus-wide identities replace
:func:`person` alone), an organisation or a place, or a speaker that is no entity at all."""
from __future__ import annotations

import json

from ..corpus import facets as facets_q
from ..corpus import people as people_q
from ..corpus.store import Store

ALIAS_ARTICLES = 50


def aliases(store: Store, name: str) -> list[str]:
    """Other forms the articles use for this person (from their latest records)."""
    seen: dict[str, None] = {}
    rows = store.rows("SELECT a.record FROM entities e JOIN articles a ON a.n = e.article "
                      "WHERE e.type = 'PERSON' AND e.name = ? ORDER BY a.day DESC LIMIT ?",
                      (name, ALIAS_ARTICLES))
    for (record,) in rows:
        for e in json.loads(record).get("entities") or []:
            if isinstance(e, dict) and e.get("name") == name:
                for alias in e.get("aliases") or []:
                    if isinstance(alias, str) and alias != name:
                        seen.setdefault(alias, None)
    return list(seen)


def person(store: Store, name: str) -> dict | None:
    """A person's page: titles, aliases, counts, quotes with their articles, latest articles,
    co-occurring entities, attention over time. A name that is only ever a quote's speaker
    (no person entity) gets a page of its quotes. None when the corpus has neither."""
    found = people_q.person(store, name, quotes=20)
    if found is None:
        count, quotes = facets_q.speaker_quotes(store, name)
        if not count:
            return None
        return {"name": name, "speaker_only": True, "quotes": count, "recent_quotes": quotes,
                "titles": [], "aliases": [], "recent_articles": [], "articles": 0,
                "mentions": 0, "first_seen": None, "last_seen": None,
                "cooccurring": {}, "attention": {"by": "day", "bars": []}}
    found["speaker_only"] = False
    found["aliases"] = aliases(store, found["name"])
    found["cooccurring"] = facets_q.cooccurring(store, "person", found["name"])
    found["attention"] = facets_q.attention(store, "person", found["name"])
    return found


def entity(store: Store, kind: str, name: str) -> dict | None:
    """An organisation's or a place's page (``kind`` "org" or "place")."""
    found = facets_q.entity(store, kind, name)
    if found is None:
        return None
    found["cooccurring"] = facets_q.cooccurring(store, kind, found["name"])
    found["attention"] = facets_q.attention(store, kind, found["name"])
    count, quotes = facets_q.speaker_quotes(store, found["name"])
    found["quotes"], found["recent_quotes"] = count, quotes
    return found
