"""The pipeline: a visible list of stages, each declaring what it reads and what it adds.

A stage is computed apart from annotated (as spaCy separates ``predict`` from
``set_annotations``): ``compute(article, options)`` returns a result and touches nothing,
``annotate(article, result)`` is the one place that writes it onto the record. The parse stage
also has a ``batch`` form so that spaCy sees many articles at once through ``nlp.pipe``.

Failure handling: an :class:`~dateline.errors.InputError` in any stage fails that article
(the batch goes on); any other exception in a stage after ``parse`` only costs that stage's
output for that article, and is recorded in ``Article.warnings``.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .errors import DatelineError, InputError, RunError
from .options import Options
from .types import Article, Failure

log = logging.getLogger("dateline")

#: Fields an input record may bring, available before any stage runs.
INPUT_FIELDS = frozenset({"id", "raw", "title", "published", "url", "source", "description"})


@dataclass(frozen=True)
class Stage:
    name: str
    reads: tuple[str, ...]
    adds: tuple[str, ...]
    compute: Callable[[Article, Options], Any]
    annotate: Callable[[Article, Any], None]
    batch: Callable[[list[Article], Options], list[Any]] | None = None
    #: True for stages whose failure fails the article (load, clean, parse);
    #: False for analysis stages whose failure only loses their own output.
    essential: bool = False


class PipelineError(DatelineError):
    """The stages are in an order that cannot work."""


def check_order(stages: Iterable[Stage]) -> None:
    """Fail when a stage reads a field that no earlier stage adds (spaCy's analyze_pipes)."""
    available = set(INPUT_FIELDS)
    for stage in stages:
        missing = [f for f in stage.reads if f not in available]
        if missing:
            raise PipelineError(f"stage {stage.name!r} reads {', '.join(missing)}, "
                                f"which no earlier stage adds")
        available.update(stage.adds)


def registry() -> dict[str, Stage]:
    """Every stage dateline knows, by name (imported here to keep `import dateline` cheap)."""
    from .stages import clean, events, language, load, parse, people, quotes, summary, times

    stages = (load.STAGE, clean.STAGE, language.STAGE, parse.STAGE, people.STAGE, quotes.STAGE,
              times.STAGE, events.STAGE, summary.STAGE)
    return {s.name: s for s in stages}


class Pipeline:
    """The stages named in ``options.stages``, checked for order, run over articles."""

    def __init__(self, options: Options | None = None):
        self.options = options or Options()
        known = registry()
        unknown = [n for n in self.options.stages if n not in known]
        if unknown:
            raise PipelineError(f"unknown stage(s): {', '.join(unknown)}; "
                                f"known: {', '.join(known)}")
        self.stages = [known[n] for n in self.options.stages]
        check_order(self.stages)
        #: CPU seconds of this process spent in each stage (compute and annotate), summed over
        #: every run of this pipeline: where the time outside spaCy goes (bench/run.py).
        self.stage_cpu: dict[str, float] = {s.name: 0.0 for s in self.stages}

    def __repr__(self) -> str:
        return "Pipeline(" + " → ".join(s.name for s in self.stages) + ")"

    def run(self, article: Article) -> Article:
        """Analyse one article; raises :class:`InputError` when it cannot be analysed."""
        result = next(iter(self.run_many([article])))
        if isinstance(result, Failure):
            raise InputError(result.error, article.id)
        return result

    def run_many(self, articles: Iterable[Article | Failure]) -> Iterator[Article | Failure]:
        """Analyse articles in chunks of ``options.batch_size``, yielding each in input order.
        A Failure in the input (an input that could not even be read) passes through in place."""
        chunk: list[Article] = []
        for article in articles:
            chunk.append(article)
            if len(chunk) >= self.options.batch_size:
                yield from self._run_chunk(chunk)
                chunk = []
        if chunk:
            yield from self._run_chunk(chunk)

    def _run_chunk(self, chunk: list[Article | Failure]) -> list[Article | Failure]:
        failed: dict[int, Failure] = {i: a for i, a in enumerate(chunk) if isinstance(a, Failure)}
        for stage in self.stages:
            live = [(i, a) for i, a in enumerate(chunk)
                    if i not in failed and stage.name not in a.skip_stages]
            if not live:
                continue
            started = time.process_time()
            results = self._compute(stage, live, failed)
            for (i, article), result in zip(live, results):
                if i in failed or result is _FAILED:
                    continue
                stage.annotate(article, result)
            self.stage_cpu[stage.name] += time.process_time() - started
        out: list[Article | Failure] = []
        for i, article in enumerate(chunk):
            if i in failed:
                out.append(failed[i])
            else:
                article.raw = None  # the input is not needed any more: keep memory flat
                out.append(article)
        return out

    def _compute(self, stage: Stage, live: list[tuple[int, Article]],
                 failed: dict[int, Failure]) -> list[Any]:
        if stage.batch is not None:
            try:
                return stage.batch([a for _, a in live], self.options)
            except RunError:
                raise  # the run cannot go on (no model): not a failure of these inputs
            except Exception:  # one bad article must not sink the chunk: go one by one
                log.debug("batch %s failed; retrying one by one", stage.name, exc_info=True)
        results = []
        for i, article in live:
            try:
                results.append(stage.compute(article, self.options))
            except InputError as exc:
                failed[i] = Failure(article.id, exc.reason, getattr(exc, "skipped", False))
                results.append(_FAILED)
            except RunError:
                raise
            except Exception as exc:  # a local defect costs this stage's output, not the article
                if stage.essential:
                    log.debug("stage %s failed on %s", stage.name, article.id, exc_info=True)
                    failed[i] = Failure(article.id, f"{stage.name} failed: {exc!r}")
                else:
                    log.warning("%s: stage %s failed (%r); its output is left out",
                                article.id, stage.name, exc)
                    article.warnings.append(f"{stage.name}: {exc!r}")
                results.append(_FAILED)
        return results


_FAILED = object()
