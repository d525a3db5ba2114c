"""The constants of story grouping and near-copy detection, in one place (see docs/corpus.md).

They were set on the news_cluster dev set (three shuffled orders, see
tests/quality/test_clusters_gate.py); they are properties of the method, not settings.
"""
from __future__ import annotations

# ---- terms of an article (features.py) --------------------------------------------------------
TITLE_WEIGHT = 2.0         # each title word counts twice
LEAD_WORDS = 40            # the lead: the description and this many first words of the body
LEAD_WEIGHT = 1.0
BODY_WORDS = 150           # body words after the lead, up to this word, count ...
REST_WEIGHT = 0.3          # ... this much
ENTITY_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "NORP", "PRODUCT",
                          "WORK_OF_ART"})
ENTITY_WEIGHT = 0.5        # a named entity as one term, times 1 + log(mentions)
MAX_TERMS = 120            # an article keeps at most this many terms

# ---- stories (stories.py) ---------------------------------------------------------------------
JOIN_THRESHOLD = 0.20      # cosine to a story's centroid needed to join it
MERGE_THRESHOLD = 0.35     # cosine between two centroids needed to merge them
CENTROID_TERMS = 300       # a story's centroid keeps its heaviest terms
QUERY_TERMS = 24           # the article's most specific terms used to find candidate stories
POSTINGS_PER_TERM = 16     # stories fetched per query term (heaviest first, through an index)
CANDIDATES = 24            # candidate stories scored in full
WINDOW_DAYS = 120          # within this many days of a story's span, time does not count ...
TIME_DECAY_DAYS = 365      # ... beyond it, similarity fades by exp(-extra days / this)

# ---- near-copies (duplicates.py) --------------------------------------------------------------
SHINGLE_WORDS = 4          # word n-grams compared
MIN_WORDS = 50             # shorter bodies are never called copies
NUM_PERM = 64              # MinHash permutations
BANDS = 8                  # LSH bands of NUM_PERM / BANDS rows each
COPY_JACCARD = 0.8         # estimated shingle Jaccard similarity for a near-copy
