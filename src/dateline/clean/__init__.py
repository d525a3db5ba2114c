"""Cleaning: raw text or HTML into the article body, its metadata, and what was taken out.

* :func:`clean_text` — plain text (scraped pages as well as clean articles), see :mod:`.text`
* :func:`clean_html` — HTML through trafilatura, then the plain-text rules, see :mod:`.html`
* :func:`split_dateline` — "WASHINGTON (Reuters) -" into place, agency and the rest
"""
from .dateline import split_dateline
from .html import clean_html
from .result import CleanResult
from .text import clean_text

__all__ = ["CleanResult", "clean_html", "clean_text", "split_dateline"]
