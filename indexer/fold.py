"""Character folding shared by indexing and querying.

Users type full-width or half-width, upper or lower case, Traditional or Simplified; the
reports print one of each. Folding every character the same way on both sides makes them
meet. Folding is per character, and we keep a map from folded positions back to the
original text, so highlights land on the characters the report actually prints.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

from opencc import OpenCC

_T2S = OpenCC("t2s")


def _phrase_variants() -> dict[str, str]:
    """Simplified characters that OpenCC's phrase table uses where per-character
    conversion gives another (計畫 -> 计划, but 畫 -> 画): map each to the per-character
    form, so that text folded per character meets a query converted phrase by phrase."""
    table = resources.files("opencc") / "dictionary" / "TSPhrases.txt"
    variants: dict[str, str] = {}
    if not table.is_file():
        return variants
    for line in table.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) < 2:
            continue
        per_char = "".join(_T2S.convert(ch) for ch in parts[0])
        for phrase in parts[1:]:
            if len(phrase) != len(per_char):
                continue
            for a, b in zip(phrase, per_char):
                if a != b:
                    variants.setdefault(a, b)
    return variants


_VARIANTS = _phrase_variants()
_GROUP = re.compile(r"\d{3}(?!\d)")


@lru_cache(maxsize=65536)
def fold_char(ch: str) -> str:
    """NFKC, lower case, then Traditional -> Simplified, for one character."""
    out = unicodedata.normalize("NFKC", ch).lower()
    if len(out) == 1 and "\u3400" <= out <= "\u9fff":
        simplified = _T2S.convert(out)
        if len(simplified) == 1:
            return _VARIANTS.get(simplified, simplified)
    return out


def _is_group_comma(text: str, i: int) -> bool:
    """A thousands separator, as in ``3,997`` or ``1萬5,518``."""
    return 0 < i and text[i - 1].isdigit() and bool(_GROUP.match(text, i + 1))


@lru_cache(maxsize=1024)
def fold(text: str) -> tuple[str, tuple[int, ...]]:
    """Fold ``text``: per character NFKC, lower case and Simplified, and thousands
    separators dropped (3,997 -> 3997).

    Memoised: a build folds each paragraph once per analyzer (``text``, ``chars``, ``words``)
    and a section's headings once per paragraph under them; the result is immutable.

    :returns: the folded string and, for each of its characters, the index of the
        original character it came from.
    """
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        folded = fold_char(ch)
        if folded == "," and _is_group_comma(text, i):
            continue
        chars.append(folded)
        origin.extend([i] * len(folded))
    return "".join(chars), tuple(origin)


def fold_text(text: str) -> str:
    return fold(text)[0]
