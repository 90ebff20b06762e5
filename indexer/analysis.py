"""Whoosh analyzers for Chinese and English text, written for this corpus.

Three views of the same paragraph are indexed, all over folded text (:mod:`indexer.fold`):

* ``grams``: every run of non-space characters as overlapping character bigrams (a run of
  one character as itself), positions sequential. Any substring of two or more characters
  is a phrase of bigrams, so a quoted query matches exactly the paragraphs containing it,
  whatever script, digits or punctuation it spans.
* ``chars``: single characters, for one-character queries.
* ``words``: jieba words (Latin words and numbers whole), positions are word indexes, so a
  whole-word match can rank above one that straddles words. jieba's dictionary is
  Simplified, and folding already produced Simplified text.

Offsets (``startchar``/``endchar``) always point into the original, unfolded text. We do
not use ``jieba.analyse.ChineseAnalyzer``: it stores character offsets as positions, which
breaks phrase queries, and drops single letters and digits.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Iterator

import jieba
from whoosh.analysis import Token, Tokenizer

from .fold import fold

jieba.setLogLevel(logging.WARNING)

RUN = re.compile(r"\S+")
WORDISH = re.compile(r"\w", re.UNICODE)


class _Tokenizer(Tokenizer):
    """Shared token construction; subclasses yield (text, start, end) in original offsets."""

    def pieces(self, text: str) -> Iterator[tuple[str, int, int]]:
        raise NotImplementedError

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions=positions, chars=chars, removestops=removestops, mode=mode, **kwargs)
        for pos, (text, start, end) in enumerate(self.pieces(value), start=start_pos):
            token.text = text
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = text
            if positions:
                token.pos = pos
            if chars:
                token.startchar, token.endchar = start_char + start, start_char + end
            yield token


class GramTokenizer(_Tokenizer):
    """Character bigrams over each run of non-space characters."""

    def pieces(self, text: str) -> Iterator[tuple[str, int, int]]:
        folded, origin = fold(text)
        for m in RUN.finditer(folded):
            run, base = m.group(), m.start()
            if len(run) == 1:
                yield run, origin[base], origin[base] + 1
                continue
            for i in range(len(run) - 1):
                yield run[i : i + 2], origin[base + i], origin[base + i + 1] + 1


class CharTokenizer(_Tokenizer):
    """Every non-space character."""

    def pieces(self, text: str) -> Iterator[tuple[str, int, int]]:
        folded, origin = fold(text)
        for i, ch in enumerate(folded):
            if not ch.isspace():
                yield ch, origin[i], origin[i] + 1


class WordTokenizer(_Tokenizer):
    """jieba words; punctuation and spaces are skipped."""

    def pieces(self, text: str) -> Iterator[tuple[str, int, int]]:
        folded, origin = fold(text)
        for word, start, end in jieba.tokenize(folded, HMM=False):
            if WORDISH.search(word):
                yield word.strip(), origin[start], origin[end - 1] + 1


def gram_analyzer() -> Tokenizer:
    return GramTokenizer()


def char_analyzer() -> Tokenizer:
    return CharTokenizer()


def word_analyzer() -> Tokenizer:
    return WordTokenizer()


def tokens(analyzer: Tokenizer, text: str) -> list[str]:
    """The token texts of ``text``, in order (used to build queries)."""
    return [t.text for t in analyzer(text, mode="query")]
