"""Domain words for jieba, taken from the corpus itself.

jieba's dictionary knows general Chinese, not programme names such as 雄愛勞工輔導團 or
勞工博物館. The reports mark such names with 「」 quotes and use them as headings, so we
collect those at build time, store them beside the index, and load them whenever the index
is opened: the words field must be segmented the same way when indexing and when querying.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import jieba

from .fold import fold_text
from .model import Report

QUOTED = re.compile(r"[「『]([^「」『』]{2,16})[」』]")
CJK_ONLY = re.compile(r"[\u3400-\u9fff]{2,12}")
FILE = "userdict.txt"
FREQ = 50000  # high enough that jieba keeps a domain word whole


def domain_terms(reports: Iterable[Report]) -> list[str]:
    """Folded (Simplified) domain words: quoted names and short heading titles."""
    terms: set[str] = set()
    for report in reports:
        for p in report.paragraphs:
            for m in QUOTED.finditer(p.text):
                if CJK_ONLY.fullmatch(m.group(1)):
                    terms.add(m.group(1))
            for title in p.titles:
                if CJK_ONLY.fullmatch(title):
                    terms.add(title)
    return sorted({fold_text(t) for t in terms})


_INSTALLED: set[str] = set()


def install(terms: Iterable[str]) -> None:
    """Add domain words to jieba, each once: jieba adds a word's frequency to its total on
    every call, so adding them again each time an index is opened would shift how every
    later query is segmented."""
    for term in terms:
        if term not in _INSTALLED:
            jieba.add_word(term, freq=FREQ)
            _INSTALLED.add(term)


def installed() -> frozenset[str]:
    """The domain words added to jieba so far (folded): names and heading titles."""
    return frozenset(_INSTALLED)


def save(path: Path, terms: list[str]) -> None:
    (path / FILE).write_text("\n".join(terms) + "\n", encoding="utf-8")


def load(path: Path) -> list[str]:
    file = path / FILE
    if not file.exists():
        return []
    return [line.strip() for line in file.read_text(encoding="utf-8").splitlines() if line.strip()]
