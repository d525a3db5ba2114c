"""Shared fixtures. The dev sets are read from ../shared/data (never copied into the repo);
a missing dev set fails the quality gates loudly rather than skipping them."""
from __future__ import annotations

import json

import pytest
from support import EXAMPLE, SEED, shared_path


@pytest.fixture(scope="session")
def seed_record() -> dict:
    """The sample article analysed end to end, as the JSON record."""
    import dateline

    return dateline.analyze(EXAMPLE.read_text(encoding="utf-8"), id=str(EXAMPLE)).to_dict()


@pytest.fixture(scope="session")
def seed_gold() -> dict:
    return json.loads(shared_path("seed", SEED.name + ".gold.json").read_text())


@pytest.fixture(scope="session")
def nlp():
    from dateline.model import load_model

    return load_model()
