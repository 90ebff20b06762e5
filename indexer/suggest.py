"""Did you mean: a corrected query when nothing matched.

The vocabulary is what the index itself holds (its jieba words) plus the headings and
domain terms; difflib's close matching is plenty for a few thousand short strings, and it
only runs when a search found nothing.
"""
from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable

from .fold import fold_text
from .query import ParsedQuery


def closest(word: str, vocabulary: Iterable[str], cutoff: float = 0.6) -> str | None:
    folded = fold_text(word)
    candidates = [v for v in vocabulary if abs(len(v) - len(folded)) <= 2 and v != folded]
    found = difflib.get_close_matches(folded, candidates, n=1, cutoff=cutoff)
    return found[0] if found else None


def suggest(parsed: ParsedQuery, vocabulary: list[str], count: Callable[[str], int]) -> str | None:
    """A corrected query string, or None.

    :param count: how many paragraphs a single term matches (0 marks a term to correct).
    """
    words: list[str] = []
    changed = False
    for clause in parsed.clauses:
        term = clause.alternatives[0]
        text = term.text
        if not clause.negated and count(text) == 0:
            better = closest(text, vocabulary)
            if better and count(better) > 0:
                text, changed = better, True
        words.append(("-" if clause.negated else "") + (f'"{text}"' if term.exact else text))
    return " ".join(words) if changed else None
