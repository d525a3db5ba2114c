"""Which language a text is in, told by its stop words (jusText's stop-word lists).

The stop-word density of a line is the most useful single sign that it is running prose and not
navigation (jusText, Pomikálek 2011). The lists ship with jusText, which trafilatura depends on;
when they cannot be loaded, spaCy's English list stands in.
"""
from __future__ import annotations

import functools
import re
from collections import Counter

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
#: Lists left out of detection: near-copies of a bigger language, or too small to tell by.
_SKIP = {"Simple_English", "Belarusian_Taraskievica", "Serbo_Croatian", "Volapuk", "Ido",
         "Esperanto", "Latin", "Waray_Waray", "Cebuano", "Aromanian", "Samogitian", "Lombard",
         "Piedmontese", "Neapolitan", "Sicilian", "Walloon", "Low_Saxon", "West_Frisian",
         "Bishnupriya_Manipuri", "Newar", "Aragonese", "Asturian", "Occitan", "Breton",
         "Haitian", "Quechua", "Sundanese", "Javanese", "Chuvash", "Luxembourgish",
         "Norwegian_Nynorsk", "Kurdish", "Western_Panjabi"}
#: ISO 639-1 codes for the language names jusText uses (those we report).
ISO = {"English": "en", "German": "de", "French": "fr", "Spanish": "es", "Italian": "it",
       "Portuguese": "pt", "Dutch": "nl", "Russian": "ru", "Ukrainian": "uk", "Polish": "pl",
       "Czech": "cs", "Slovak": "sk", "Swedish": "sv", "Danish": "da", "Norwegian_Bokmal": "no",
       "Finnish": "fi", "Hungarian": "hu", "Romanian": "ro", "Turkish": "tr", "Greek": "el",
       "Indonesian": "id", "Malay": "ms", "Korean": "ko", "Arabic": "ar", "Hebrew": "he",
       "Persian": "fa", "Hindi": "hi", "Bulgarian": "bg", "Croatian": "hr", "Serbian": "sr",
       "Slovenian": "sl", "Catalan": "ca", "Vietnamese": "vi", "Tagalog": "tl",
       "Armenian": "hy", "Georgian": "ka", "Lithuanian": "lt", "Latvian": "lv",
       "Estonian": "et", "Basque": "eu", "Galician": "gl", "Icelandic": "is", "Irish": "ga",
       "Welsh": "cy", "Afrikaans": "af", "Albanian": "sq", "Swahili": "sw", "Urdu": "ur",
       "Bengali": "bn", "Tamil": "ta", "Telugu": "te", "Marathi": "mr", "Kazakh": "kk"}


def words(text: str) -> list[str]:
    """The lower-cased letter-only words of a text."""
    return list(map(str.lower, _WORD.findall(text)))


@functools.lru_cache(maxsize=1)
def _stoplists() -> dict[str, frozenset[str]]:
    try:
        import justext

        names = sorted(n for n in justext.get_stoplists() if n not in _SKIP)
        return {n: frozenset(w.lower() for w in justext.get_stoplist(n)) for n in names}
    except Exception:  # jusText missing or broken: English only
        from spacy.lang.en.stop_words import STOP_WORDS

        return {"English": frozenset(STOP_WORDS)}


@functools.lru_cache(maxsize=1)
def _index() -> dict[str, tuple[str, ...]]:
    """word -> the languages whose stop-word list holds it."""
    index: dict[str, list[str]] = {}
    for name, stops in _stoplists().items():
        for w in stops:
            index.setdefault(w, []).append(name)
    return {w: tuple(langs) for w, langs in index.items()}


def detect(text: str) -> str | None:
    """The jusText name of the language whose stop words cover most of ``text``; None when no
    list covers a quarter of its words (e.g. Chinese or Japanese, written without spaces)."""
    toks = words(text)
    if not toks:
        return None
    index = _index()
    counts: Counter[str] = Counter()
    for w, n in Counter(toks).items():  # each distinct word once (in order of first use)
        for lang in index.get(w, ()):
            counts[lang] += n
    if not counts:
        return None
    best, hits = counts.most_common(1)[0]
    # several lists built from web text hold English words: English wins when close
    if best != "English" and counts.get("English", 0) >= 0.8 * hits:
        best, hits = "English", counts["English"]
    return best if hits >= 0.25 * len(toks) else None


def stoplist(language: str | None) -> frozenset[str]:
    """The stop words of a language (empty when unknown)."""
    return _stoplists().get(language or "", frozenset())


def iso_code(language: str | None) -> str | None:
    return ISO.get(language or "")


#: Characters of the body the language is told from (the start of an article is enough).
SAMPLE_CHARS = 5000


@functools.lru_cache(maxsize=1)
def _identifier():
    """py3langid's model, limited to the languages with an ISO 639-1 code: the dialects and
    creoles it also knows (e.g. Nigerian Pidgin) take English news with local words for theirs."""
    import numpy
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    identifier.set_languages([code for code in identifier.labels if len(code) == 2])
    # set_languages keeps its columns of the table in column-major order, so the rows of a
    # text's features lie scattered; row-major, the same values are gathered in two thirds of
    # the time (identical scores: the gathered rows are the same array either way)
    identifier.nb_ptc = numpy.ascontiguousarray(identifier.nb_ptc)
    return identifier


def identify(text: str) -> str | None:
    """The ISO 639-1 code of the language of ``text``, by py3langid (a maintained fork of
    langid.py, the detector trafilatura uses); None for text without letters."""
    sample = text[:SAMPLE_CHARS]
    if not _WORD.search(sample):
        return None
    return _identifier().classify(sample)[0]
