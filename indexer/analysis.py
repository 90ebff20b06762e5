"""Whoosh analyzers for Chinese and English text, written for this corpus.

Three views of the same paragraph are indexed, all over folded text (:mod:`indexer.fold`):

* ``grams``: the whole text (white space collapsed to one space) as overlapping character
  bigrams, positions sequential; a text of one character is that character. Any substring
  of two or more characters is a phrase of bigrams, so a quoted query matches exactly the
  paragraphs containing it, whatever script, digits, punctuation or spaces it spans.
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
from functools import lru_cache

import jieba
from whoosh.analysis import Token, Tokenizer

from . import lexicon
from .fold import fold

jieba.setLogLevel(logging.WARNING)

WORDISH = re.compile(r"\w", re.UNICODE)


class _Tokenizer(Tokenizer):
    """Shared token construction; subclasses yield (text, start, end) in original offsets."""

    def pieces(self, text: str) -> Iterator[tuple[str, int, int]]:
        raise NotImplementedError

    def index_pieces(self, text: str) -> Iterator[tuple[str, int, int, bool]]:
        """What is indexed: the pieces, each flagged whether it shares the previous
        piece's position (an alternative reading of the same characters)."""
        for text_, start, end in self.pieces(text):
            yield text_, start, end, False

    def memo_key(self) -> object:
        """What the pieces depend on besides the text (the segmenter, for words)."""
        return None

    def source(self, value: str, query: bool) -> tuple[tuple[str, int, int, bool], ...]:
        """What a token stream is made of: :meth:`index_pieces` (or :meth:`pieces` for a
        query), memoised for short strings."""
        if len(value) <= MEMO_CHARS:
            return _memoised(type(self), self.memo_key(), value, query)
        return _pieces(type(self), value, query)

    def positioned(self, value: str, query: bool, start_pos: int = 0) -> Iterator[tuple[str, int, int, int]]:
        """(text, position, start, end) of each token: a stacked piece (another reading of
        the same characters) shares the previous token's position."""
        pos = start_pos - 1
        for text, start, end, stacked in self.source(value, query):
            pos += 0 if stacked and pos >= start_pos else 1
            yield text, pos, start, end

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions=positions, chars=chars, removestops=removestops, mode=mode, **kwargs)
        for text, pos, start, end in self.positioned(value, mode == "query", start_pos):
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


MEMO_CHARS = 200  # longer strings (most paragraphs) are analysed once per field: not memoised
MEMO_SIZE = 2048  # short strings remembered per memo: a section's headings and lead-ins recur
# within a report, so a few thousand suffice; 8,192 (with the postings memo of fieldindex)
# took 300 MB more in a 100-report build's two workers, for no measurable speed


def _pieces(kind: type, text: str, query: bool) -> tuple[tuple[str, int, int, bool], ...]:
    """The pieces of ``text`` as ``kind`` cuts them for a query or for the index."""
    tokenizer = kind()
    if query:
        return tuple((*p, False) for p in tokenizer.pieces(text))
    return tuple(tokenizer.index_pieces(text))


@lru_cache(maxsize=MEMO_SIZE)
def _memoised(kind: type, key: object, text: str, query: bool) -> tuple[tuple[str, int, int, bool], ...]:
    """:func:`_pieces`, memoised: the analyzers are pure (given the segmenter, which is part
    of ``key``), and a build analyses the same short strings again and again (a section's
    headings and lead-ins for every paragraph under them, and the same headings every year).
    Paragraph texts are left out: they rarely repeat, and their tokens, kept for thousands
    of paragraphs, cost hundreds of megabytes per process."""
    return _pieces(kind, text, query)


def squeeze(text: str) -> tuple[str, list[int]]:
    """Folded text with white space runs collapsed to one space and the ends stripped, and
    the original index of each character."""
    folded, origin = fold(text)
    chars: list[str] = []
    where: list[int] = []
    for ch, at in zip(folded, origin):
        if ch.isspace():
            if chars and chars[-1] != " ":
                chars.append(" ")
                where.append(at)
            continue
        chars.append(ch)
        where.append(at)
    if chars and chars[-1] == " ":
        chars.pop()
        where.pop()
    return "".join(chars), where


class GramTokenizer(_Tokenizer):
    """Character bigrams over the squeezed text."""

    def pieces(self, text: str) -> Iterator[tuple[str, int, int]]:
        squeezed, origin = squeeze(text)
        if len(squeezed) == 1:
            yield squeezed, origin[0], origin[0] + 1
            return
        for i in range(len(squeezed) - 1):
            yield squeezed[i : i + 2], origin[i], origin[i + 1] + 1


class CharTokenizer(_Tokenizer):
    """Every non-space character."""

    def pieces(self, text: str) -> Iterator[tuple[str, int, int]]:
        folded, origin = fold(text)
        for i, ch in enumerate(folded):
            if not ch.isspace():
                yield ch, origin[i], origin[i] + 1


# Latin words (with any digits in them: r7, 3c, covid), then numbers, optionally with the
# Chinese units 萬/億 (folded to 万/亿) that the reports use for large figures, and 千
# after a digit (4萬5千元).
WORD_OR_NUMBER = re.compile(
    r"(?P<latin>[0-9]*[a-z][a-z0-9]*)"
    r"|(?P<num>(?:\d+(?:\.\d+)?[万亿千])+(?:\d+(?:\.\d+)?)?|\d+(?:\.\d+)?)"
)
UNITS = {"千": 10**3, "万": 10**4, "亿": 10**8}
# An item number glued to a year: "2.104年度…" is item 2 about 104, while "61.17%" and
# "1.82" are decimals (two digits or fewer after the point).
ITEM_NUMBER = re.compile(r"\s*\d{1,2}\.(?=\d{3})")


def number_value(text: str) -> str:
    """A folded number as plain digits: ``1万5518`` -> ``15518``, ``16亿2453万`` ->
    ``1624530000``, ``61.17`` -> ``61.17``."""
    total = 0.0
    for digits, unit in re.findall(r"(\d+(?:\.\d+)?)([万亿千]?)", text):
        total += float(digits) * UNITS.get(unit, 1)
    if total.is_integer():
        return str(int(total))
    return f"{total:.10g}"


ROUNDED = re.compile(r"(?<![\d.,万亿])(\d+)(?:\.(\d+))?([万亿]?)(?![\d.,万亿])")


def rounded_ranges(folded: str) -> list[tuple[float, float]]:
    """The values a rounded figure stands for, rounded or cut: 16.2亿 is any amount from
    16.15亿 up to (not including) 16.3亿 (16亿2,453万 is "16.2亿"); 257万 from 256.5万 up to
    258万 (2,573,479); 22000 from 21,500 up to 23,000 (2万2,191). A figure says it is
    rounded by a decimal with 万/亿, by ending in 万/亿, or by ending in two or more zeros;
    it needs two significant digits (100, 30万 and 1000 name themselves)."""
    out = []
    for whole, decimals, unit in ROUNDED.findall(re.sub(r"(?<=\d),(?=\d{3})", "", folded)):
        digits = (whole + decimals).lstrip("0")
        zeros = 0 if decimals else len(digits) - len(digits.rstrip("0"))
        if len(digits) - zeros < 2 or not (decimals and unit or unit or zeros >= 2):
            continue
        step = UNITS.get(unit, 1) * 10.0 ** (zeros - len(decimals))
        value = float(f"{whole}.{decimals or 0}") * UNITS.get(unit, 1)
        out.append((value - step / 2, value + step))
    return out


class WordTokenizer(_Tokenizer):
    """jieba words for Chinese; Latin words whole; numbers as plain values; punctuation and
    spaces skipped."""

    def memo_key(self) -> object:
        return lexicon.current().terms  # the segmenter is made from these (and jieba's fixed dictionary)

    def pieces(self, text: str) -> Iterator[tuple[str, int, int]]:
        folded, origin = fold(text)
        marker = ITEM_NUMBER.match(folded)  # "2.104年…": item 2 about the year 104, not 2.104
        pos = marker.end() if marker else 0
        for m in WORD_OR_NUMBER.finditer(folded, pos):
            yield from self._chinese(folded, origin, pos, m.start())
            value = m.group("latin") or number_value(m.group("num"))
            yield value, origin[m.start()], origin[m.end() - 1] + 1
            pos = m.end()
        yield from self._chinese(folded, origin, pos, len(folded))

    def index_pieces(self, text: str) -> Iterator[tuple[str, int, int, bool]]:
        """Each word, and at its position the dictionary words inside it: 「移工聘僱相關法令」
        is one word of the domain dictionary, yet 法令 and 宣導 must still be found as words
        there (a query's words, apart, find the paragraphs that print them apart)."""
        for word, start, end in self.pieces(text):
            yield word, start, end, False
            if len(word) >= 4 and not word.isascii():
                for part in subwords(word):
                    at = word.find(part)
                    yield part, start + at, start + at + len(part), True

    @staticmethod
    def _chinese(folded: str, origin: list[int], start: int, end: int) -> Iterator[tuple[str, int, int]]:
        if start >= end:
            return
        for word, ws, we in lexicon.current().tokenizer.tokenize(folded[start:end], HMM=False):
            if WORDISH.search(word) and word.strip():
                yield word.strip(), origin[start + ws], origin[start + we - 1] + 1


def subwords(word: str) -> list[str]:
    """The dictionary words inside a compound, left to right without overlap: 工会干部 ->
    工会, 干部. A compound of the domain dictionary is one word in paragraphs that print it
    whole, but its parts are separate words where the text splits it (工會女性幹部)."""
    inner = sorted({w for w in lexicon.current().tokenizer.cut_for_search(word, HMM=False) if w != word and len(w) >= 2},
                   key=lambda w: (word.find(w), -len(w)))
    out: list[str] = []
    end = 0
    for w in inner:
        at = word.find(w, end)
        if at >= end:
            out.append(w)
            end = at + len(w)
    return out


def gram_analyzer() -> Tokenizer:
    return GramTokenizer()


def char_analyzer() -> Tokenizer:
    return CharTokenizer()


def word_analyzer() -> Tokenizer:
    return WordTokenizer()


def tokens(analyzer: Tokenizer, text: str) -> list[str]:
    """The token texts of ``text``, in order (used to build queries)."""
    return [t.text for t in analyzer(text, mode="query")]
