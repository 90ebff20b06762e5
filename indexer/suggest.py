"""Did you mean: a corrected query when nothing matched.

The vocabulary is what the index itself holds (its jieba words) plus the headings and
domain terms; difflib's close matching is plenty for a few thousand short strings, and it
only runs when a search found nothing.
"""
from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable

from whoosh.searching import Searcher

from .expand import Glossary
from .fold import fold_text
from .query import ParsedQuery, Term, match_query
from .snippets import match_spans


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


def did_you_mean(searcher: Searcher, parsed: ParsedQuery, glossary: Glossary) -> str | None:
    """Correct the terms that match nothing to the closest words of the index, as printed."""

    def count(text: str) -> int:
        q = match_query(Term(text))
        return 0 if q is None else len(searcher.search(q, limit=1))

    vocabulary = [w.decode("utf-8") if isinstance(w, bytes) else w for w in searcher.lexicon("words")]
    vocabulary += [fold_text(t) for terms in glossary.english.values() for t in terms]
    vocabulary += [fold_text(t) for group in glossary.aliases for t in group]
    vocabulary = sorted({w for w in vocabulary if len(w) >= 2})
    folded = suggest(parsed, vocabulary, count)
    if folded is None:
        return None
    return _as_printed(searcher, folded)


def _as_printed(searcher: Searcher, folded_query: str) -> str:
    """Replace folded (Simplified) words by the way a report prints them."""

    words = []
    for word in folded_query.split():
        q = match_query(Term(word.strip('"-')))
        hits = searcher.search(q, limit=1) if q is not None else []
        printed = word
        if hits:
            text = hits[0]["text"]
            spans = match_spans(text, [word.strip('"-')])
            if spans:
                s, e = spans[0]
                printed = word.replace(word.strip('"-'), text[s:e])
        words.append(printed)
    return " ".join(words)
