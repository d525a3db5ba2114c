"""Small invented news articles for the corpus tests: a few made-up events, each reported by
several made-up outlets in different words. Nothing here comes from real articles."""
from __future__ import annotations

import json
import random
from pathlib import Path

TOPICS = [
    {
        "slug": "bridge",
        "day": "2031-03-02",
        "person": ("Marta Olsen", "the city engineer"),
        "org": "Kellport Transit Authority",
        "place": "Kellport",
        "titles": ["Kellport bridge closed after crack found in main span",
                   "Engineers shut cracked Kellport bridge to all traffic",
                   "Crack in Kellport bridge span forces long closure",
                   "Kellport commuters face detours as cracked bridge stays shut"],
        "facts": ["Engineers found a long crack in the steel main span of the Kellport bridge.",
                  "The Kellport Transit Authority closed the bridge to cars, buses and cyclists.",
                  "Commuters were told to expect detours through the harbour tunnel for weeks.",
                  "Inspectors will lower cameras beneath the span to measure the crack.",
                  "The bridge carries about forty thousand vehicles across the estuary each day.",
                  "Divers also checked the concrete piers for signs of scour."],
        "quote": "We will not reopen the bridge until every girder has been inspected",
    },
    {
        "slug": "orchestra",
        "day": "2031-03-04",
        "person": ("Ilse Brandauer", "the orchestra's conductor"),
        "org": "Vellmar Philharmonic",
        "place": "Vellmar",
        "titles": ["Vellmar Philharmonic cancels tour after instruments stolen",
                   "Thieves take rare violins from Vellmar Philharmonic van",
                   "Stolen violins force Vellmar orchestra to call off concerts",
                   "Police search for violins taken from Vellmar Philharmonic"],
        "facts": ["Thieves broke into a van carrying violins and a cello of the Vellmar "
                  "Philharmonic.",
                  "Two of the stolen violins were made in the eighteenth century.",
                  "The orchestra called off the remaining concerts of its spring tour.",
                  "Police asked antique dealers to watch for the missing instruments.",
                  "The van had been parked outside a hotel near the Vellmar concert hall.",
                  "Musicians borrowed instruments to finish the last rehearsal."],
        "quote": "These violins are irreplaceable and we beg whoever took them to return them",
    },
    {
        "slug": "comet",
        "day": "2031-03-06",
        "person": ("Ravi Castellan", "an astronomer at the Harrowgate Observatory"),
        "org": "Harrowgate Observatory",
        "place": "Harrowgate",
        "titles": ["Harrowgate Observatory spots new comet heading for the inner solar system",
                   "Astronomers discover bright comet from Harrowgate",
                   "New comet could be visible to the naked eye, astronomers say",
                   "Comet found by Harrowgate telescope will pass the sun next year"],
        "facts": ["Astronomers at the Harrowgate Observatory discovered a new comet on "
                  "photographs of the night sky.",
                  "The comet's icy nucleus is thought to be several kilometres wide.",
                  "Its orbit will carry it close to the sun next winter.",
                  "Telescopes around the world have begun tracking the comet's tail.",
                  "The comet may be bright enough to see without binoculars.",
                  "Orbit calculations show the comet poses no danger to the planet."],
        "quote": "It is the brightest comet we have found in twenty years of searching",
    },
    {
        "slug": "harvest",
        "day": "2031-03-09",
        "person": ("Odile Farrand", "the farmers' union president"),
        "org": "Loam Valley Farmers Union",
        "place": "Loam Valley",
        "titles": ["Frost destroys apple blossom across Loam Valley orchards",
                   "Loam Valley apple growers count losses after late frost",
                   "Late frost wipes out much of Loam Valley apple crop",
                   "Farmers union asks for aid as frost ruins Loam Valley orchards"],
        "facts": ["A late frost killed most of the apple blossom in the orchards of Loam Valley.",
                  "Growers lit fires and ran fans between the trees through the night.",
                  "The Loam Valley Farmers Union asked the regional government for emergency aid.",
                  "Orchards on the valley floor lost nearly all of their blossom.",
                  "Cider makers warned that apple prices would rise in the autumn.",
                  "Some growers said their orchards had not suffered such frost in decades."],
        "quote": "Half a year of work was lost in a single freezing night",
    },
    {
        "slug": "ferry",
        "day": "2031-03-11",
        "person": ("Tobias Wenlock", "the ferry company's chief executive"),
        "org": "Saltmarsh Ferries",
        "place": "Port Ardley",
        "titles": ["Ferry runs aground off Port Ardley, passengers rescued",
                   "All passengers safe after Saltmarsh ferry grounds near Port Ardley",
                   "Lifeboats bring ferry passengers ashore at Port Ardley",
                   "Investigation opened after ferry grounding near Port Ardley"],
        "facts": ["A Saltmarsh Ferries vessel ran aground on a sandbank outside Port Ardley "
                  "harbour.",
                  "Lifeboat crews took more than two hundred passengers ashore in rough seas.",
                  "The ferry's hull was holed but no fuel leaked into the water.",
                  "Maritime investigators will examine the ship's navigation records.",
                  "Tugs are expected to refloat the ferry at the next high tide.",
                  "Sailings between Port Ardley and the islands were suspended."],
        "quote": "Our first thought is for the passengers and crew, who are all safe",
    },
    {
        "slug": "election",
        "day": "2031-03-13",
        "person": ("Henrietta Galloway", "the newly elected mayor"),
        "org": "Civic Renewal Party",
        "place": "Dunmore",
        "titles": ["Henrietta Galloway wins Dunmore mayoral election",
                   "Civic Renewal Party takes Dunmore town hall",
                   "Galloway elected mayor of Dunmore on record turnout",
                   "Dunmore voters choose Galloway as mayor"],
        "facts": ["Henrietta Galloway of the Civic Renewal Party won the Dunmore mayoral election.",
                  "Turnout reached a record for a municipal vote in Dunmore.",
                  "Galloway promised to build affordable housing on the old railway yards.",
                  "Her opponent conceded shortly after midnight.",
                  "Ballots were counted by hand in the Dunmore town hall.",
                  "The new mayor will take office at the start of next month."],
        "quote": "Dunmore has voted for homes, for parks and for honest government",
    },
]

SOURCES = ["harbourgazette.example", "northernherald.example", "dailyledger.example",
           "citypost.example", "morningwire.example", "valleytimes.example"]

FILLER = ["Further details were expected later in the week.",
          "Officials declined to comment on the matter beyond a short statement.",
          "Readers can follow updates on the outlet's website.",
          "The story was first reported by a local radio station."]


def make_article(topic: dict, variant: int, rng: random.Random) -> dict:
    """One invented article about ``topic``: title, body (one paragraph per line), metadata."""
    facts = list(topic["facts"])
    rng.shuffle(facts)
    name, role = topic["person"]
    quote = f"“{topic['quote']},” said {name}, {role}."
    body = facts[:4] + [quote] + facts[4:] + [rng.choice(FILLER)]
    day = topic["day"][:-2] + f"{int(topic['day'][-2:]) + variant % 3:02d}"
    return {"id": f"{topic['slug']}-{variant}",
            "title": topic["titles"][variant % len(topic["titles"])],
            "text": "\n".join(body), "published": day,
            "source": SOURCES[variant % len(SOURCES)], "topic": topic["slug"]}


def make_articles(per_topic: int = 4, seed: int = 0, topics: list[dict] | None = None
                  ) -> list[dict]:
    rng = random.Random(seed)
    out = [make_article(t, v, rng) for t in (topics or TOPICS) for v in range(per_topic)]
    return out


def many_articles(count: int, seed: int = 0) -> list[dict]:
    """``count`` articles, distinct in content, cycling through the topics."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        topic = TOPICS[i % len(TOPICS)]
        article = make_article(topic, i // len(TOPICS), rng)
        article["id"] = f"{topic['slug']}-{i}"
        article["text"] += f"\nThis is report number {i} in the series."
        out.append(article)
    return out


def write_jsonl(path: Path, records: list[dict]) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps({k: v for k, v in r.items() if k != "topic"}) + "\n")
    return path


def topic_of(slug: str) -> dict:
    return next(t for t in TOPICS if t["slug"] == slug)


def as_article(record: dict):
    """An analysed-looking Article for a fixture record, without running the pipeline:
    body paragraphs, the topic's person (with their role), organisation and place, its quote,
    and a main event. For tests of the store, the stories and the queries."""
    from dateline.types import Answer, Article, Entity, Event, Quote

    topic = topic_of(record["topic"])
    name, role = topic["person"]
    body = "\n\n".join(line for line in record["text"].split("\n") if line.strip())
    return Article(
        id=record["id"], title=record["title"], published=record["published"],
        source=record["source"], url=f"https://{record['source']}/{record['id']}", body=body,
        entities=[Entity(name, "PERSON", titles=[role], mentions=2),
                  Entity(topic["org"], "ORG", mentions=1),
                  Entity(topic["place"], "GPE", mentions=2)],
        quotes=[Quote(text=topic["quote"], speaker=name, speaker_mention=name, cue="said")],
        events=[Event(who=Answer(name), what=Answer(record["title"]),
                      when=Answer("on Monday", date=record["published"]))])


def store_records(store, records: list[dict]) -> dict[str, str]:
    """Store fixture records through the store API (one transaction); returns id -> key."""
    from dateline.corpus.ingest import content_key, store_article

    keys = {}
    with store.transaction():
        for record in records:
            article = as_article(record)
            article.raw = record["text"]
            key = content_key(article)
            article.raw = None
            store_article(store, article, key)
            keys[record["id"]] = key
    return keys
