"""People and other named entities of an article: NER repaired, names merged, titles found.

Entry point: :func:`extract_entities` (used by ``dateline.stages.people``). For later stages:
:func:`~dateline.people.names.resolve` (a name or mention → the article's entity),
:func:`~dateline.people.names.entity_at` (a body offset → the entity mentioned there) and
:func:`~dateline.people.names.nearest_person` (the person named last before an offset).
"""
from __future__ import annotations

from .extract import extract_entities
from .names import entity_at, nearest_person, resolve

__all__ = ["extract_entities", "resolve", "entity_at", "nearest_person"]
