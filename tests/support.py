"""Helpers for the tests: paths to the shared dev data, and each dev set analysed once."""
from __future__ import annotations

import functools
import json
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_484f4576bc07e65b"
EXAMPLE = ROOT / "examples" / "000_484f4576bc07e65b.txt"


def shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.fail(f"shared dev data missing: {path} (the quality gates need ../shared)")
    return path


@functools.lru_cache(maxsize=None)
def analysed(relpath: str) -> Path:
    """Analyse one input file of ../shared/data once per test session; returns the JSONL path."""
    from dateline.batch import analyse_path_to_file

    out = Path(tempfile.mkdtemp(prefix="dateline-gate-")) / (relpath.replace("/", "_") + ".out.jsonl")
    analyse_path_to_file(shared_path("data", *relpath.split("/")), out)
    return out


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]




@functools.lru_cache(maxsize=None)
def scorer(name: str):
    """A shared scorer (../shared/eval/NAME.py) imported as a module: the gates call its functions."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, shared_path("eval", name + ".py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def ingest_shuffled(name: str, seed: int, tmp_path: Path) -> Path:
    """Ingest a shared dev set (``data/NAME``) in one seeded shuffled order into a new corpus
    under ``tmp_path`` (the quality gates of stories and people); returns the database path."""
    import random

    from dateline.corpus.ingest import ingest
    from dateline.options import Options

    lines = shared_path("data", *name.split("/")).read_text(encoding="utf-8").splitlines()
    lines = [line for line in lines if line.strip()]
    random.Random(seed).shuffle(lines)
    shuffled = tmp_path / "shuffled.jsonl"
    shuffled.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "corpus.db"
    summary = ingest([str(shuffled)], db, Options(workers=2))
    assert summary.new + summary.failed == len(lines), summary
    return db
