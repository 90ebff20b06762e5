"""Snippets: the part of a paragraph that shows why it matched, with ``<mark>``.

Matches are found on folded text and mapped back to the original characters, so a
Simplified or half-width query highlights the Traditional, full-width text as printed.
Fragments break at Chinese sentence ends (。！？；), which Whoosh's fragmenters do not know;
a table shows only its matching cells.
"""
from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import Markup, escape

from .analysis import WORD_OR_NUMBER, number_value, rounded_ranges
from .fold import fold, fold_text

SENTENCE_END = re.compile(r"[。！？；!?;]")
WINDOW = 120


@lru_cache(maxsize=256)
def _prepared(needles: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str], tuple[tuple[float, float], ...]]:
    """What matching ``needles`` needs, worked out once per query rather than once per text
    (a table hit matches them against every cell): the folded needles without spaces, the
    values of the figures they name, the ranges their rounded figures cover."""
    texts = frozenset(joined for n in needles if (joined := "".join(fold_text(n).strip().split())))
    values = frozenset(value for needle in needles for value in _figures(fold_text(needle)))
    ranges = tuple(r for n in needles for r in rounded_ranges(fold_text(n)))
    return texts, values, ranges


def match_spans(text: str, needles: list[str]) -> list[tuple[int, int]]:
    """Sorted, merged (start, end) spans of ``text`` where any folded needle occurs."""
    folded, origin = fold(text)
    spans: list[tuple[int, int]] = []
    texts, values, ranges = _prepared(tuple(needles))
    for needle in texts:
        start = folded.find(needle)
        while start != -1:
            end = start + len(needle)
            spans.append((origin[start], origin[end - 1] + 1))
            start = folded.find(needle, start + 1)
    if values or ranges:
        for m in WORD_OR_NUMBER.finditer(folded):
            if not m.group("num"):
                continue
            value = number_value(m.group("num"))
            if value in values or any(lo <= float(value) < hi for lo, hi in ranges):
                spans.append((origin[m.start()], origin[m.end() - 1] + 1))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def _figures(needle: str) -> list[str]:
    """The values of the figures in a folded needle, alone or inside a longer term
    (30080個工作機會 marks 3萬80), but not the digits of a Latin word (COVID-19)."""
    return [number_value(m.group("num")) for m in WORD_OR_NUMBER.finditer(needle)
            if m.group("num") and not (m.start() and (needle[m.start() - 1] == "-" or needle[m.start() - 1].isascii()
                                                      and needle[m.start() - 1].isalpha()))]


def _mark(text: str, spans: list[tuple[int, int]], lo: int, hi: int) -> str:
    out: list[str] = []
    pos = lo
    for s, e in spans:
        if e <= lo or s >= hi:
            continue
        s, e = max(s, lo), min(e, hi)
        out.append(str(escape(text[pos:s])))
        out.append(f"<mark>{escape(text[s:e])}</mark>")
        pos = e
    out.append(str(escape(text[pos:hi])))
    return "".join(out)


def highlight(text: str, needles: list[str]) -> Markup:
    """All of ``text``, HTML-safe, with every match of ``needles`` marked (a short line
    such as a numbered item a paragraph sits under)."""
    return Markup(_mark(text, match_spans(text, needles), 0, len(text)))


def _sentence_bounds(text: str, at: int) -> tuple[int, int]:
    start = 0
    for m in SENTENCE_END.finditer(text, 0, at):
        start = m.end()
    m = SENTENCE_END.search(text, at)
    end = m.end() if m else len(text)
    return start, end


def snippet(text: str, needles: list[str], kind: str = "prose", width: int = WINDOW) -> Markup:
    """An HTML-safe snippet of ``text`` around the matches of ``needles``."""
    spans = match_spans(text, needles)
    if kind == "table":
        lines, offset, keep = text.split("\n"), 0, []
        for line in lines:
            lo, hi = offset, offset + len(line)
            if any(s < hi and e > lo for s, e in spans):
                keep.append(_mark(text, spans, lo, hi))
            offset = hi + 1
        if keep:
            return Markup(" | ".join(keep))
        return Markup(escape(" | ".join(lines[:6]) + (" …" if len(lines) > 6 else "")))
    if not spans:
        cut = text[:width]
        return Markup(escape(cut + ("…" if len(text) > width else "")))
    first = spans[0][0]
    lo, hi = _sentence_bounds(text, first)
    if hi - lo > width:
        lo = max(lo, first - width // 3)
        hi = min(hi, lo + width)
    body = _mark(text, spans, lo, hi)
    return Markup(("…" if lo > 0 else "") + body + ("…" if hi < len(text) else ""))
