"""A text field's postings for a value, as Whoosh's ``Field.index`` computes them, without
its token objects.

``Field.index`` runs the analyzer as a stream of :class:`whoosh.analysis.Token` objects
through the format's ``word_values`` (a generator per layer, attributes set per token),
then encodes each word: a fifth of a build's time went to that machinery, not to cutting
the text. For the analyzers of :mod:`indexer.analysis` the pieces are already plain
tuples, so :func:`field_postings` groups them and encodes each word's positions the way the
field's format does (``Frequency``, ``Positions`` or ``Characters``: the formats our
schema uses), to the same bytes. Any other field, or format, goes through
``Field.index`` itself. ``tests/test_fieldindex.py`` holds the two equal.
"""
from __future__ import annotations

from functools import lru_cache
from pickle import dumps

from whoosh.fields import FieldType
from whoosh.formats import Characters, Frequency, Positions
from whoosh.system import pack_uint

from .analysis import MEMO_CHARS, MEMO_SIZE, _Tokenizer


def _frequency(tokens, boost: float):
    freqs: dict[str, int] = {}
    for text, _pos, _start, _end in tokens:
        freqs[text] = freqs.get(text, 0) + 1
    return [(w.encode("utf-8"), n, float(n) * boost, pack_uint(n)) for w, n in freqs.items()]


def _positions(tokens, boost: float):
    seen: dict[str, list[int]] = {}
    for text, pos, _start, _end in tokens:
        seen.setdefault(text, []).append(pos)
    out = []
    for w, poslist in seen.items():
        deltas = []
        base = 0
        for pos in poslist:
            deltas.append(pos - base)
            base = pos
        out.append((w.encode("utf-8"), len(poslist), float(len(poslist)) * boost, pack_uint(len(deltas)) + dumps(deltas, 2)))
    return out


def _characters(tokens, boost: float):
    seen: dict[str, list[tuple[int, int, int]]] = {}
    for text, pos, start, end in tokens:
        seen.setdefault(text, []).append((pos, start, end))
    out = []
    for w, poslist in seen.items():
        deltas = []
        posbase = charbase = 0
        for pos, start, end in poslist:
            deltas.append((pos - posbase, start - charbase, end - start))
            posbase, charbase = pos, end
        out.append((w.encode("utf-8"), len(poslist), float(len(poslist)) * boost, pack_uint(len(deltas)) + dumps(deltas, 2)))
    return out


_ENCODERS = {Frequency: _frequency, Positions: _positions, Characters: _characters}


def field_postings(field: FieldType, value: str) -> list[tuple[bytes, int, float, bytes]]:
    """``list(field.index(value))``, computed directly for the fields it knows. The result
    is shared between calls with the same short value: do not change it."""
    encode = _ENCODERS.get(type(field.format))
    analyzer = field.analyzer
    if encode is None or not isinstance(analyzer, _Tokenizer) or not isinstance(value, str):
        return list(field.index(value))
    if len(value) <= MEMO_CHARS:
        return _memoised(encode, field.format.field_boost, type(analyzer), analyzer.memo_key(), value)
    return encode(list(analyzer.positioned(value, False)), field.format.field_boost)


@lru_cache(maxsize=MEMO_SIZE)
def _memoised(encode, boost: float, kind: type, _key: object, value: str) -> list:
    """A heading, leaf title or lead-in is the same string for every paragraph under it,
    so its postings are too (``_key``: what the analyzer's pieces depend on besides the
    text, as in :func:`indexer.analysis._memoised`)."""
    return encode(list(kind().positioned(value, False)), boost)
