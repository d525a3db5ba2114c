"""Quotes and their speakers: quotation marks (``marks``), interview transcripts
(``transcript``), speech cues (``cues``, word lists in ``lexicon``), which cue each quotation
belongs to (``attribute``), speakers (``speakers``), indirect speech (``indirect``), headline
quotes (``headline``), tied together by ``extract``."""
from .extract import extract

__all__ = ["extract"]
