"""Turn what a user typed into a Whoosh query. Pure functions: text in, query out.

The language is small and forgiving: whitespace-separated terms are ANDed; ``OR`` between
terms; ``-term`` or ``NOT term`` excludes; ``"…"`` (or 「…」) quotes an exact string.
Anything that is not valid syntax (an unbalanced quote, a lone operator, ``*``) is searched
as plain text rather than rejected. Chinese runs are matched as sequences (phrases of
character bigrams), never as scattered characters; Latin words match whole words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from whoosh import query as Q

from .analysis import CharTokenizer, GramTokenizer, WordTokenizer, tokens
from .fold import fold_text

QUOTES = {'"': '"', "「": "」", "“": "”", "『": "』"}
LATIN = re.compile(r"[a-z0-9.%]+")
_GRAMS, _CHARS, _WORDS = GramTokenizer(), CharTokenizer(), WordTokenizer()

WORD_BOOST = 2.0
HEADING_BOOST = 1.5


@dataclass(frozen=True)
class Term:
    text: str
    exact: bool = False  # quoted by the user


@dataclass(frozen=True)
class Clause:
    """One AND-ed element: a term, or alternatives joined by OR; possibly negated."""

    alternatives: tuple[Term, ...]
    negated: bool = False


@dataclass(frozen=True)
class ParsedQuery:
    clauses: tuple[Clause, ...] = field(default=())

    @property
    def positive(self) -> list[Term]:
        return [t for c in self.clauses if not c.negated for t in c.alternatives]


def _lex(text: str) -> list[tuple[str, str]]:
    """Split into (kind, value) tokens: ``term``, ``quoted``. Unbalanced quotes become text."""
    out: list[tuple[str, str]] = []
    i, n = 0, len(text)
    buf = ""
    while i < n:
        ch = text[i]
        if ch in QUOTES:
            close = text.find(QUOTES[ch], i + 1)
            if close != -1:
                if buf.strip():
                    out.extend(("term", w) for w in buf.split())
                buf = ""
                out.append(("quoted", text[i + 1 : close]))
                i = close + 1
                continue
        buf += ch if ch not in QUOTES else " "
        i += 1
    out.extend(("term", w) for w in buf.split())
    return out


def parse_query(text: str) -> ParsedQuery:
    """Parse user input; never raises. Operators that cannot apply are kept as text."""
    clauses: list[Clause] = []
    pending_or = False
    negate_next = False
    for kind, value in _lex(text):
        if kind == "term":
            value = value.strip("()（）*")
            if not value:
                continue
            if value == "OR":
                pending_or = bool(clauses)
                continue
            if value in ("NOT", "AND"):
                negate_next = value == "NOT"
                continue
            negated = negate_next
            if value.startswith("-") and len(value) > 1:
                negated, value = True, value[1:]
            term = Term(value)
        else:
            if not value.strip():
                continue
            negated, term = negate_next, Term(value.strip(), exact=True)
        negate_next = False
        if pending_or and clauses and not negated and not clauses[-1].negated:
            last = clauses.pop()
            clauses.append(Clause(last.alternatives + (term,)))
        else:
            clauses.append(Clause((term,), negated))
        pending_or = False
    if clauses and all(c.negated for c in clauses):
        # "-foo" alone: nothing to exclude from; search for it instead.
        clauses = [Clause(c.alternatives) for c in clauses]
    if not clauses and text.strip():
        # Only operators or symbols ("NOT", "*", "OR"): search them as plain text.
        clauses = [Clause((Term(text.strip(), exact=True),))]
    return ParsedQuery(tuple(clauses))


def _phrase(fieldname: str, words: list[str], boost: float = 1.0) -> Q.Query | None:
    if not words:
        return None
    if len(words) == 1:
        return Q.Term(fieldname, words[0], boost=boost)
    return Q.Phrase(fieldname, words, boost=boost)


def match_query(term: Term) -> Q.Query | None:
    """The query that decides whether a paragraph matches ``term``.

    Latin words and numbers typed bare match whole words; everything else (Chinese, or any
    quoted string) matches as an exact substring after folding.
    """
    folded = fold_text(term.text).strip()
    if not folded:
        return None
    if not term.exact and LATIN.fullmatch(folded):
        words = tokens(_WORDS, term.text)
        return _phrase("words", words) or _phrase("text", tokens(_GRAMS, term.text))
    if len("".join(folded.split())) == 1:
        return Q.Term("chars", "".join(folded.split()))
    return _phrase("text", tokens(_GRAMS, term.text))


def rank_query(term: Term) -> Q.Query | None:
    """Optional evidence that lifts a match: whole jieba words, and the section headings."""
    extra = [
        _phrase("words", tokens(_WORDS, term.text), WORD_BOOST),
        _phrase("headings", tokens(_GRAMS, term.text), HEADING_BOOST),
    ]
    extra = [q for q in extra if q is not None]
    return Q.Or(extra) if extra else None


def term_query(term: Term) -> Q.Query | None:
    required = match_query(term)
    if required is None:
        return None
    optional = rank_query(term)
    return Q.AndMaybe(required, optional) if optional is not None else required


def build_query(parsed: ParsedQuery) -> Q.Query | None:
    """The Whoosh query for a parsed user query, or None when nothing is searchable."""
    positive: list[Q.Query] = []
    negative: list[Q.Query] = []
    for clause in parsed.clauses:
        alternatives = [q for q in (term_query(t) if not clause.negated else match_query(t) for t in clause.alternatives) if q is not None]
        if not alternatives:
            continue
        combined = alternatives[0] if len(alternatives) == 1 else Q.Or(alternatives)
        (negative if clause.negated else positive).append(combined)
    if not positive:
        return None
    query = positive[0] if len(positive) == 1 else Q.And(positive)
    for neg in negative:
        query = Q.AndNot(query, neg)
    return query
