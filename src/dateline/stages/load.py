"""load: the one entry point for raw input.

Reads ``raw`` (bytes or str), adds ``input_kind`` ("text" or "html") and replaces ``raw`` by
its decoded text. It rejects, with a reason a person can act on, what cannot be an article:
empty input, binary data, text that is not UTF-8 (or UTF-16 with a byte-order mark, or HTML
declaring another charset), input larger than ``options.max_bytes``.
Text is told from HTML by content, not by file name.
"""
from __future__ import annotations

import codecs
import re

from ..errors import InputError
from ..options import Options
from ..pipeline import Stage
from ..types import Article

_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*(?:<\?xml[^>]*>\s*)?(?:<!doctype\s+html|<html|<head|<body|<meta|<title"
    rb"|<article|<div|<p[\s>]|<section|<main|<!--)", re.I | re.S)
_HTML_TAGS = re.compile(rb"</?(?:p|div|span|a|br|article|section|h[1-6]|li|ul|body|head|script)\b",
                        re.I)
_SURROGATE = re.compile("[\ud800-\udfff]")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_:.-]+)""", re.I)


def looks_like_html(data: bytes) -> bool:
    """True when the content is markup: an HTML start, or many tags for its size."""
    head = data[:4096]
    if _HTML_START.match(head):
        return True
    tags = len(_HTML_TAGS.findall(data[:65536]))
    return tags >= 5 and tags * 200 >= min(len(data), 65536)


def _is_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample and not sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control > max(8, len(sample) // 100)


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def decode(data: bytes, html: bool) -> str:
    """Decode input bytes, or raise InputError saying why they are not text."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"not valid {encoding.upper()} text (bad byte at offset {exc.start})")
    if _is_binary(data):
        raise InputError("binary data, not text or HTML")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        declared = _declared_charset(data) if html else None
        if declared and declared != "utf-8":
            try:
                return data.decode(declared)
            except UnicodeDecodeError:
                pass
            raise InputError(f"not valid {declared} text although the page declares it "
                             f"(bad byte 0x{data[exc.start]:02x} at offset {exc.start})")
        raise InputError(f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                         "convert it to UTF-8 first, e.g. iconv -f latin1 -t utf-8")


def compute(article: Article, options: Options) -> tuple[str, str]:
    raw = article.raw
    if raw is None:
        raise InputError("no input")
    if isinstance(raw, str) and _SURROGATE.search(raw):
        raw = _SURROGATE.sub("\ufffd", raw)  # a lone surrogate cannot be written out as UTF-8
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else bytes(raw)
    if len(data) > options.max_bytes:
        raise InputError(f"input is {len(data):,} bytes, over the limit of {options.max_bytes:,} "
                         "(raise it with --max-bytes)")
    if not data.strip():
        raise InputError("empty input")
    html = looks_like_html(data)
    text = raw if isinstance(raw, str) else decode(data, html)
    if isinstance(raw, str) and _is_binary(data):
        raise InputError("binary data, not text or HTML")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    if not text.strip():
        raise InputError("empty input")
    return ("html" if html else "text"), text


def annotate(article: Article, result: tuple[str, str]) -> None:
    article.input_kind, article.raw = result


STAGE = Stage(name="load", reads=("raw",), adds=("input_kind", "raw"),
              compute=compute, annotate=annotate, essential=True)
