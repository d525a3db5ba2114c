"""Ingest: analyse articles and store them, idempotently and resumably.

Every input gets a content key (a hash of its raw text and the metadata it came with). An input
whose key is already stored is skipped before any analysis, so a re-run costs a hash and an
index look-up per input; ``force`` re-analyses and replaces. Results are written in batches,
one transaction each (the article, its entities, quotes, near-copy signature and story), so a
run killed at any moment (even ``kill -9``) leaves only whole articles behind, and the next run
picks up where it stopped. Inputs that fail are stored with their reason (``failures``).
"""
from __future__ import annotations

import itertools
import json
import logging
import queue
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone

from ..api import content_id
from ..inputs import iter_inputs
from ..runner import run
from ..options import Options
from ..types import Article, Failure
from . import duplicates, identities, stories
from .features import article_terms, day_number, words
from ..errors import RunError
from ..model import check_model
from .store import Store, scrub, storable, writer_lock

log = logging.getLogger("dateline")

COMMIT_EVERY = 64        # articles per transaction at most ...
COMMIT_SECONDS = 2.0     # ... or whatever arrived in this many seconds
KEY_FIELDS = ("title", "published", "url", "source", "description")


@dataclass
class Summary:
    """What one ingest did: counts, and the failures of this run."""
    new: int = 0
    duplicate: int = 0
    failed: int = 0
    replaced: int = 0
    copies: int = 0
    skipped: int = 0         # left out on purpose: another --language, a URL already stored
    failures: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"new": self.new, "duplicate": self.duplicate, "failed": self.failed,
                "replaced": self.replaced, "copies": self.copies, "skipped": self.skipped}


def now_text() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def content_key(article: Article) -> str:
    """The corpus id of an input: a hash of its raw content and the metadata it came with, so
    the same input always gets the same id and two inputs that differ in anything do not."""
    raw = article.raw if article.raw is not None else ""
    raw = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else bytes(raw)
    meta = {k: getattr(article, k) for k in KEY_FIELDS if getattr(article, k)}
    if meta:
        raw += b"\x00" + json.dumps(meta, sort_keys=True, ensure_ascii=False).encode(
            "utf-8", "surrogatepass")
    return content_id(raw)


# ---- writing one article ----------------------------------------------------------------------

def store_article(store: Store, article: Article, key: str, now: str | None = None) -> dict:
    """Store one analysed article (inside the caller's transaction): its row, entities, quotes,
    near-copy signature and story. Replaces an article stored under the same key.
    Returns {"story", "duplicate_of", "replaced"}."""
    now = now or now_text()
    old_story = store.execute("SELECT story FROM articles WHERE id = ?", (key,)).fetchone()
    replaced = delete_article(store, key, now)
    record = scrub(article)
    body_words = words(record.get("body"))  # for the terms and the near-copy signature
    terms = article_terms(record, body_words)
    day = day_number(article.published, now)
    cur = store.execute(
        "INSERT INTO articles(id, input_id, title, published, day, source, url, body, record, "
        "terms, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (key, article.id, article.title, article.published, day, article.source, article.url,
         article.body or "", json.dumps(record, ensure_ascii=False, separators=(",", ":")),
         json.dumps(terms, separators=(",", ":")), now))
    n = cur.lastrowid
    store.conn.executemany(
        "INSERT INTO entities(article, name, type, mentions, titles) VALUES (?, ?, ?, ?, ?)",
        [(n, e.name, e.type, e.mentions or 0, json.dumps(e.titles or [], ensure_ascii=False))
         for e in article.entities if e.name])
    store.conn.executemany(
        "INSERT INTO quotes(article, pos, text, speaker, speaker_mention, cue, direct) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(n, i, q.text, q.speaker, q.speaker_mention, q.cue, int(bool(q.direct)))
         for i, q in enumerate(article.quotes) if q.text])
    store.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'articles'")
    store.execute("DELETE FROM failures WHERE id = ?", (key,))
    story, original = place_article(store, n, key, article.title, article.body or "", terms, day,
                                    record.get("entities") or [], now, body_words=body_words)
    if old_story is not None and old_story[0] is not None:  # --force keeps story links
        from .rebuild import keep_story_id

        story = keep_story_id(store, old_story[0], n, story)
    return {"story": story, "duplicate_of": original if original != key else None,
            "replaced": replaced}


def place_article(store: Store, n: int, key: str, title: str | None, body: str,
                  terms: dict[str, float], day: int | None, entities: list[dict], now: str,
                  n_docs: int | None = None, body_words: list[str] | None = None
                  ) -> tuple[int, str | None]:
    """The steps after a stored row (``n``), in ingest order: near-copy check, story, person
    identities. ``n_docs``: articles stored up to this one (default: the corpus count);
    ``body_words``: the words of ``body``, when the caller has them.
    Returns (story, key of the group's original or None)."""
    original, story = None, None
    sig = duplicates.signature(body, body_words)
    if sig is not None:
        copied = duplicates.find_original(store, sig, exclude=n)
        if copied is not None:
            original = duplicates.mark_copy(store, n, key, day, copied[0])
            story = store.execute("SELECT story FROM articles WHERE n = ?",
                                  (copied[0],)).fetchone()["story"]
        duplicates.remember(store, n, sig)
    story = stories.add(store, n=n, key=key, title=title, terms=terms, day=day, now=now,
                        story=story, n_docs=n_docs)
    identities.link_stored(store, n, entities, day, story)
    return story, original


def delete_article(store: Store, key: str, now: str) -> bool:
    """Remove a stored article and everything hanging on it; False when there is none."""
    row = store.execute("SELECT n, terms FROM articles WHERE id = ?", (key,)).fetchone()
    if row is None:
        return False
    identities.unlink_stored(store, row["n"])
    stories.remove(store, n=row["n"], key=key, terms=json.loads(row["terms"] or "{}"), now=now)
    duplicates.forget(store, key)
    store.execute("DELETE FROM articles WHERE n = ?", (row["n"],))
    store.execute("UPDATE meta SET value = CAST(value AS INTEGER) - 1 WHERE key = 'articles'")
    return True


def store_failure(store: Store, key: str, input_id: str, error: str, now: str) -> None:
    store.execute("INSERT INTO failures(id, input_id, error, failed_at) VALUES (?, ?, ?, ?) "
                  "ON CONFLICT(id) DO UPDATE SET input_id = excluded.input_id, "
                  "error = excluded.error, failed_at = excluded.failed_at",
                  (storable(key), storable(input_id), storable(error), now))


def _store_or_fail(store: Store, article: Article, key: str, now: str) -> dict | None:
    """:func:`store_article` inside a savepoint: when this one record raises anything but a
    database error (those are the run's: full disk, lock), its changes are undone and None
    says that it failed; the others of the batch are kept."""
    import sqlite3

    store.execute("SAVEPOINT one_article")
    try:
        result = store_article(store, article, key, now)
    except (sqlite3.Error, RunError, MemoryError):
        raise
    except Exception as exc:
        log.debug("%s: cannot store", article.id, exc_info=True)
        store.execute("ROLLBACK TO one_article")
        store.execute("RELEASE one_article")
        article.warnings.append(f"cannot store: {exc.__class__.__name__}: {exc}"[:300])
        return None
    store.execute("RELEASE one_article")
    return result


def store_error(article: Article) -> str:
    """The reason stored for an article that could not be stored."""
    return article.warnings[-1] if article.warnings else "cannot store"


def _guarded_inputs(paths: list[str], stdin) -> Iterator[Article | Failure]:
    """The inputs of every path, one path at a time: whatever a reader raises on one path
    becomes a failure of that path, and the other paths are still read."""
    for path in paths:
        try:
            yield from iter_inputs([path], stdin=stdin)
        except (RunError, MemoryError):
            raise
        except Exception as exc:
            log.debug("%s: reader failed", path, exc_info=True)
            yield Failure(str(path), f"cannot read: {exc.__class__.__name__}: {exc}"[:300])


def count_inputs(paths: Iterable[str]) -> int | None:
    """How many inputs ``paths`` hold (lines of JSON Lines, files of folders), for a progress
    bar; None when it cannot be known cheaply (stdin)."""
    from pathlib import Path

    from ..batch import TEXT_SUFFIXES, _open_jsonl, is_jsonl

    def lines(path: Path) -> int:
        try:
            with _open_jsonl(path) as f:
                return sum(1 for line in f if line.strip())
        except (OSError, EOFError):
            return 1

    total = 0
    for p in paths:
        if str(p) == "-":
            return None
        path = Path(p)
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                if any(part.startswith(".") for part in f.relative_to(path).parts):
                    continue
                if f.is_file() and is_jsonl(f):
                    total += lines(f)
                elif f.is_file() and (f.suffix.lower() in TEXT_SUFFIXES or (
                        f.suffix.lower() == ".gz" and Path(f.stem).suffix.lower()
                        in TEXT_SUFFIXES)):
                    total += 1
        elif path.is_file() and is_jsonl(path):
            total += lines(path)
        else:
            total += 1
    return total


# ---- the run ----------------------------------------------------------------------------------

class _Feeder:
    """Turns inputs into the articles to analyse, skipping stored ones before any analysis.
    (``batch.run`` keeps a bounded number of articles in flight, so memory stays flat.)"""

    def __init__(self, items: Iterable[Article | Failure], db: str, force: bool, retry: bool):
        self.items = iter(items)
        self.db = db
        self.force = force
        self.retry = retry
        self.keys: deque[str] = deque()
        self.events: queue.SimpleQueue = queue.SimpleQueue()
        self.seen: set[str] = set()
        self._reader: Store | None = None

    def _known(self, key: str) -> tuple[bool, str | None]:
        """(stored already, error of an earlier failure)."""
        if self._reader is None:
            self._reader = Store.open(self.db)
        conn = self._reader.conn
        if conn.execute("SELECT 1 FROM articles WHERE id = ?", (key,)).fetchone():
            return True, None
        row = conn.execute("SELECT error FROM failures WHERE id = ?", (key,)).fetchone()
        return False, (row[0] if row else None)

    def articles(self) -> Iterator[Article]:
        try:
            for item in self.items:
                if isinstance(item, Failure) and item.skipped:
                    self.events.put(("skipped", item.id, None, item.error))
                    continue
                if isinstance(item, Failure):
                    self.events.put(("failed", item.id, f"input:{item.id}", item.error))
                    continue
                key = content_key(item)
                if key in self.seen:
                    self.events.put(("duplicate", item.id, key, None))
                    continue
                self.seen.add(key)
                if not self.force:
                    stored, error = self._known(key)
                    if stored:
                        self.events.put(("duplicate", item.id, key, None))
                        continue
                    if error is not None and not self.retry:
                        self.events.put(("known", item.id, key, error))
                        continue
                self.keys.append(key)
                yield item
        finally:
            if self._reader is not None:
                self._reader.close()


def ingest(paths: Iterable[str], db: str | None = None, options: Options | None = None, *,
           force: bool = False, retry: bool = False, progress: Callable[[int], None] | None = None,
           stdin=None, on_failure: Callable[[dict], None] | None = None,
           inputs: Iterable[Article | Failure] | None = None) -> Summary:
    """Analyse and store every article under ``paths`` into the corpus ``db``.

    ``progress(n)`` is called as inputs are settled; ``on_failure(dict)`` for each failure."""
    options = options or Options()
    summary = Summary()
    if "parse" in options.stages:
        check_model(options.model)  # a setting that fails every input: one error, nothing stored
    paths = list(paths)
    with Store.open(db, write=True) as store, writer_lock(store.path):
        with store.transaction():  # fail now, not after analysing, when another writer holds it
            pass
        feeder = _Feeder(inputs if inputs is not None else _guarded_inputs(paths, stdin),
                         store.path, force, retry)
        pending: list[tuple[str, Article | Failure | tuple]] = []
        last_commit = time.monotonic()

        def drain_events() -> None:
            while True:
                try:
                    kind, input_id, key, error = feeder.events.get_nowait()
                except queue.Empty:
                    return
                if kind in ("duplicate", "skipped"):
                    summary.duplicate += kind == "duplicate"
                    summary.skipped += kind == "skipped"
                    if progress:
                        progress(1)
                else:
                    pending.append((key, ("failed", input_id, error)))

        def commit() -> None:
            nonlocal last_commit
            if not pending:
                return
            now = now_text()
            with store.transaction():
                for at, (key, item) in enumerate(pending):
                    if isinstance(item, Article):
                        result = _store_or_fail(store, item, key, now)
                        if result is None:  # this record cannot be stored: it alone fails
                            pending[at] = (key, ("failed", item.id, store_error(item)))
                            store_failure(store, key, item.id, pending[at][1][2], now)
                            continue
                        summary.new += not result["replaced"]
                        summary.replaced += bool(result["replaced"])
                        summary.copies += result["duplicate_of"] is not None
                    else:
                        _, input_id, error = item if isinstance(item, tuple) else \
                            ("failed", item.id, item.error)
                        store_failure(store, key, input_id, error, now)
            for key, item in pending:
                if not isinstance(item, Article):
                    _, input_id, error = item if isinstance(item, tuple) else \
                        ("failed", item.id, item.error)
                    summary.failed += 1
                    failure = {"id": key, "input_id": input_id, "error": error}
                    summary.failures.append(failure)
                    if on_failure:
                        on_failure(failure)
            if progress:
                progress(len(pending))
            pending.clear()
            last_commit = time.monotonic()

        articles = feeder.articles()
        results: Iterator[Article | Failure] = iter(())
        try:
            first = next(articles, None)
            if first is not None:
                results = run(itertools.chain([first], articles), options)
            for result in results:
                key = feeder.keys.popleft()
                if isinstance(result, Failure) and result.skipped:  # another --language
                    summary.skipped += 1
                    continue
                pending.append((key, result))
                drain_events()
                if len(pending) >= COMMIT_EVERY or \
                        time.monotonic() - last_commit >= COMMIT_SECONDS:
                    commit()
            drain_events()
            commit()
        finally:
            close = getattr(results, "close", None)
            if close:
                close()
    return summary
