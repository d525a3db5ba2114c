"""spaCy's attribute_ruler as a table look-up: the same attributes on the same tokens, in a
fraction of the time.

The attribute ruler of the English pipelines maps each fine-grained tag (and a few words and
dependency labels) to a part of speech, morphology and lemma through ~180 ``Matcher`` patterns.
spaCy runs them as a general token-pattern automaton over every token: about a sixth of
``nlp.pipe``'s time on news text (``bench/run.py`` prints the stage times). Every pattern of
these pipelines is a fixed run of one or two tokens whose conditions only compare a token's own
attributes (equality, ``IN``, ``NOT_IN``, ``REGEX``), so whether a token meets a condition
depends only on its attribute values: :class:`TableRuler` works out once which conditions each
value meets and which patterns each set of met conditions starts or completes (tables bounded
by the patterns, plus a bounded memory of recent tokens), and finds the same matches as the
``Matcher`` in the order spaCy applies them. Patterns outside that form (operators such as ``"OP"``, extension
attributes, other predicates) leave spaCy's own matching in place (:attr:`TableRuler.table`
is None then). tests/test_ruler.py checks that both give identical docs.
"""
from __future__ import annotations

import re
from typing import Any

from spacy.attrs import IDS
from spacy.language import Language
from spacy.pipeline import AttributeRuler

#: Token attributes a pattern may compare (string values as hashes, flags as 0/1).
ATTRIBUTES = frozenset({"ORTH", "TEXT", "LOWER", "NORM", "TAG", "POS", "DEP", "LEMMA", "SHAPE",
                        "IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT", "IS_LOWER", "IS_UPPER",
                        "IS_TITLE", "IS_STOP"})
#: Predicates of a condition given as a dict.
PREDICATES = frozenset({"IN", "NOT_IN", "REGEX"})
#: Distinct attribute combinations remembered before the table starts afresh (memory bound).
TABLE_SIZE = 50_000

FACTORY = "dateline_table_ruler"


class TableRuler(AttributeRuler):
    """An :class:`~spacy.pipeline.AttributeRuler` whose matching is a table look-up when every
    pattern allows it; patterns, attributes and serialisation are spaCy's own."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._table: _Table | None = None
        self._built = False

    def add(self, patterns, attrs, index: int = 0) -> None:
        super().add(patterns, attrs, index)
        self._built = False

    def clear(self) -> None:
        super().clear()
        self._built = False

    @property
    def table(self) -> "_Table | None":
        """The compiled patterns, or None when some pattern needs spaCy's Matcher."""
        if not self._built:
            self._table = _Table.compile(self.vocab, self.patterns)
            self._built = True
        return self._table

    def match(self, doc):
        table = self.table
        if table is None:
            return super().match(doc)
        return table.matches(doc)


class _Table:
    """Patterns as condition bits. Each condition tests one attribute column; a value's bits
    are those of the conditions it meets, found once: values that no equality, ``IN`` or
    ``NOT_IN`` condition names all meet the same conditions, so what a token meets, and the
    patterns that follow from it, are bounded by the patterns, not by the vocabulary. ``rows``
    remembers the attribute values of recent tokens (at most :data:`TABLE_SIZE`)."""

    def __init__(self, vocab, columns: list[str], conditions: list[tuple[int, str, Any]],
                 patterns: list[tuple[int, int, list[list[int]]]]):
        self.vocab = vocab
        self.columns = columns
        self.singles = [(key, needs[0]) for key, length, needs in patterns if length == 1]
        self.longer = [(key, length, needs) for key, length, needs in patterns if length > 1]
        self.match_ids = {key: vocab.strings.add(str(key)) for key, _, _ in patterns}
        # per column: the bits of a value some condition names, of any other value, and the
        # regular expressions (bit, pattern) with the bits they gave each value seen
        self.named: list[dict[int, int]] = [{} for _ in columns]
        self.other = [0] * len(columns)
        self.regexes: list[list[tuple[int, re.Pattern]]] = [[] for _ in columns]
        self.searched: list[dict[int, int]] = [{} for _ in columns]
        for bit, (column, kind, argument) in enumerate(conditions):
            if kind == "regex":
                self.regexes[column].append((bit, argument))
            else:
                self.named[column].update((h, 0) for h in (argument if kind != "eq"
                                                           else (argument,)))
        for bit, (column, kind, argument) in enumerate(conditions):
            if kind == "regex":
                continue
            if kind == "not_in":
                self.other[column] |= 1 << bit
            for value in self.named[column]:
                if (value == argument if kind == "eq" else (value in argument) == (kind == "in")):
                    self.named[column][value] |= 1 << bit
        self.by_bits: dict[int, tuple[int, tuple[int, ...], tuple[int, ...]]] = {}
        self.rows: dict[tuple, tuple[int, tuple[int, ...], tuple[int, ...]]] = {}

    @classmethod
    def compile(cls, vocab, patterns: list[dict]) -> "_Table | None":
        columns: list[str] = []
        conditions: list[tuple[int, str, Any]] = []
        compiled = []
        for key, entry in enumerate(patterns):
            for pattern in entry["patterns"]:
                tokens = []
                for spec in pattern:
                    needs = []
                    for name, value in spec.items():
                        tests = _tests(vocab, name, value)
                        if tests is None:
                            return None
                        name = "ORTH" if name == "TEXT" else name
                        if name not in columns:
                            columns.append(name)
                        for kind, argument in tests:
                            needs.append(len(conditions))
                            conditions.append((columns.index(name), kind, argument))
                    tokens.append(needs)
                if not tokens:
                    return None
                compiled.append((key, len(tokens), tokens))
        if not columns:
            return None
        return cls(vocab, columns, conditions, compiled)

    def _bits(self, column: int, value: int) -> int:
        bits = self.named[column].get(value)
        if bits is None:
            bits = self.other[column]
        if self.regexes[column]:
            searched = self.searched[column]
            found = searched.get(value)
            if found is None:
                text = self.vocab.strings[value]
                found = sum(1 << bit for bit, regex in self.regexes[column] if regex.search(text))
                if len(searched) >= TABLE_SIZE:
                    searched.clear()
                searched[value] = found
            bits |= found
        return bits

    def _row(self, values: tuple) -> tuple[int, tuple[int, ...], tuple[int, ...]]:
        met = 0
        for column, value in enumerate(values):
            met |= self._bits(column, value)
        row = self.by_bits.get(met)
        if row is None:
            singles = tuple(sorted({key for key, needs in self.singles if _all(met, needs)}))
            starts = tuple(i for i, (_, _, needs) in enumerate(self.longer)
                           if _all(met, needs[0]))
            row = self.by_bits[met] = (met, singles, starts)
        if len(self.rows) >= TABLE_SIZE:
            self.rows.clear()
        self.rows[values] = row
        return row

    def matches(self, doc) -> list[tuple[int, int, int, int]]:
        """(key, match id, start, end) of every match, sorted as AttributeRuler.match sorts."""
        if not len(doc):
            return []
        values = doc.to_array([IDS[c] for c in self.columns]).reshape(len(doc), -1).tolist()
        rows, learn = self.rows, self._row
        info = [rows.get(v) or learn(v) for v in map(tuple, values)]
        found: set[tuple[int, int, int]] = set()
        for start, (_, singles, starts) in enumerate(info):
            for key in singles:
                found.add((key, start, start + 1))
            for i in starts:
                key, length, needs = self.longer[i]
                end = start + length
                if end <= len(info) and all(_all(info[start + k][0], needs[k])
                                            for k in range(1, length)):
                    found.add((key, start, end))
        ids = self.match_ids
        return [(key, ids[key], start, end) for key, start, end in sorted(found)]


def _all(met: int, needs: list[int]) -> bool:
    return all(met >> n & 1 for n in needs)


def _tests(vocab, name: str, value) -> list[tuple[str, Any]] | None:
    """The conditions one attribute's value must meet, as spaCy's Matcher makes them: ("eq",
    hash or flag), ("in" / "not_in", hashes), ("regex", pattern); None for a condition this
    table does not handle."""
    if name not in ATTRIBUTES:
        return None
    flag = name.startswith("IS_")
    if isinstance(value, dict):
        if not value or set(value) - PREDICATES or flag:
            return None
        tests: list[tuple[str, Any]] = []
        for predicate, argument in value.items():
            if predicate == "REGEX":
                if not isinstance(argument, str):
                    return None
                tests.append(("regex", re.compile(argument)))
            else:
                if not isinstance(argument, (list, tuple)) or not all(
                        isinstance(a, str) for a in argument):
                    return None
                tests.append((predicate.lower(),
                              frozenset(vocab.strings.add(a) for a in argument)))
        return tests
    if flag:
        return [("eq", int(value))] if isinstance(value, bool) else None
    if isinstance(value, str):
        return [("eq", vocab.strings.add(value))]
    return None


@Language.factory(FACTORY, default_config={"validate": False})
def make_table_ruler(nlp: Language, name: str, validate: bool) -> TableRuler:
    return TableRuler(nlp.vocab, name, validate=validate)


def install(nlp: Language) -> bool:
    """Put a :class:`TableRuler` with the same patterns in place of ``nlp``'s attribute_ruler
    when the table can run them all; True when it did."""
    installed = False
    for name, component in list(nlp.pipeline):
        if type(component) is AttributeRuler:
            table = TableRuler(nlp.vocab, name)
            table.add_patterns(component.patterns)
            if table.table is not None:
                nlp.replace_pipe(name, FACTORY).add_patterns(component.patterns)
                installed = True
    return installed
