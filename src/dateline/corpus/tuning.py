"""The constants of story grouping and near-copy detection, in one place (see docs/corpus.md).

The three that decide quality (THRESHOLD, ENTITY_WEIGHT, WINDOW_DAYS) are chosen by
cross-validation that leaves whole events out (scripts/tune_stories.py: 5 folds over the events
of the news_cluster dev set, fitted on four folds and scored on the fifth); the others bound
the cost (how many terms and candidates are kept) and were not fitted to any data. They are
properties of the method, not settings.
"""
from __future__ import annotations

# ---- terms of an article (features.py) --------------------------------------------------------
TITLE_WEIGHT = 2.0         # each title word counts twice
LEAD_WORDS = 40            # the lead: the description and this many first words of the body
LEAD_WEIGHT = 1.0
BODY_WORDS = 500           # body words after the lead, up to this word, count ...
REST_WEIGHT = 0.3          # ... this much
ENTITY_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "NORP", "PRODUCT",
                          "WORK_OF_ART"})
ENTITY_WEIGHT = 0.0        # a named entity as one term, times 1 + log(mentions) (see docs)
MAX_TERMS = 120            # an article keeps at most this many terms

# ---- stories (stories.py) ---------------------------------------------------------------------
THRESHOLD = 0.18           # average cosine between an article and a story's articles, to join,
#                            and between the articles of two stories, to merge (cross-validated)
YOUNG_MARGIN = 0.15        # the threshold is raised by this much in an empty corpus, ...
YOUNG_DOCS = 50            # ... fading as exp(-articles / this)
MERGE_CANDIDATES = 4       # stories a grown story is compared with for a merge, ...
MERGE_QUERY_TERMS = 12     # ... found through its centroid's heaviest terms
CENTROID_TERMS = 300       # a story's centroid keeps its heaviest terms ...
POSTING_TERMS = 60         # ... and the heaviest of those are indexed (story_terms)
QUERY_TERMS = 24           # the article's most specific terms used to find candidate stories
POSTINGS_SCANNED = 64      # postings of a query term read, alive at the article's day ...
POSTINGS_PER_TERM = 16     # ... and the heaviest of them kept as candidates
CANDIDATES = 8             # candidate stories scored in full
DECODED_CENTROIDS = 2048   # centroids kept decoded in memory (a cache; no effect on results)
STALE_GROWTH = 0.1         # a story is re-weighed when the corpus has grown by 10% since ...
REWEIGH_MAX_SIZE = 200     # ... unless it has more articles than this (its weights have settled)
WINDOW_DAYS = 60           # an event's window: within this many days of a story's span, times
#                            the square root of its number of articles, time does not count;
#                            beyond, likeness fades by exp(-extra days / that window); the span
#                            grows only as articles within reach of its ends join (cross-validated)

# ---- near-copies (duplicates.py) --------------------------------------------------------------
SHINGLE_WORDS = 4          # word n-grams compared
MIN_WORDS = 50             # shorter bodies are never called copies
NUM_PERM = 64              # MinHash permutations
BANDS = 8                  # LSH bands of NUM_PERM / BANDS rows each
COPY_JACCARD = 0.8         # estimated shingle Jaccard similarity for a near-copy
