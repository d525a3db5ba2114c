"""Quotes and their speakers: quotation marks (``marks``), speech cues (``cues``), speakers
(``speakers``), indirect speech (``indirect``), tied together by ``extract``."""
from .extract import extract

__all__ = ["extract"]
