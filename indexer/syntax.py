"""Query syntax: what a user typed, as terms and clauses. Pure functions: text in, data out.

The language is small and forgiving: whitespace-separated terms are ANDed; ``OR`` between
terms; ``-term`` or ``NOT term`` excludes; ``"…"`` (or 「…」) quotes an exact string.
Anything that is not valid syntax (an unbalanced quote, a lone operator, ``*``) is searched
as plain text rather than rejected. This is the first stage of a search; rewriting
(:mod:`indexer.expand`), probing the index (:mod:`indexer.probe`), compiling to Whoosh
(:mod:`indexer.query`), executing (:mod:`indexer.execute`) and ranking levels
(:mod:`indexer.levels`) follow.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .fold import fold_text

QUOTES = {'"': '"', "「": "」", "“": "”", "『": "』"}
MAX_CLAUSES = 32  # terms a search plans for; the rest of a longer query is not searched


@dataclass(frozen=True)
class Term:
    text: str
    exact: bool = False  # quoted by the user
    year: int | None = None  # the term names this report year (ROC): 2021, 110年


@dataclass(frozen=True)
class Clause:
    """One AND-ed element: a term, or alternatives joined by OR; possibly negated."""

    alternatives: tuple[Term, ...]
    negated: bool = False
    optional: bool = False  # ranks, but does not decide a match ("statistics", "number of")


@dataclass(frozen=True)
class ParsedQuery:
    clauses: tuple[Clause, ...] = field(default=())

    @property
    def positive(self) -> list[Term]:
        return [t for c in self.clauses if not c.negated for t in c.alternatives]


# Sentence punctuation separates terms like a space ("How many died in accidents?",
# 勞資爭議，調解); a comma, point or colon between digits belongs to a figure (3,997; 3.5; 4:00).
SEPARATOR = re.compile(r"[，、；;？?！!。：]|(?<!\d)[,.:]|[,.:](?!\d)")


def _lex(text: str) -> list[tuple[str, str]]:
    """Split into (kind, value) tokens: ``term``, ``quoted``. Unbalanced quotes become text."""
    out: list[tuple[str, str]] = []
    i, n = 0, len(text)
    buf = ""

    def terms(chunk: str) -> None:
        out.extend(("term", w) for w in SEPARATOR.sub(" ", chunk).split())

    while i < n:
        ch = text[i]
        if ch in QUOTES:
            close = text.find(QUOTES[ch], i + 1)
            if close != -1:
                terms(buf)
                buf = ""
                out.append(("quoted", text[i + 1 : close]))
                i = close + 1
                continue
        buf += ch if ch not in QUOTES else " "
        i += 1
    terms(buf)
    return out


MIXED = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ][A-Za-zＡ-Ｚａ-ｚ0-9０-９\-]*[A-Za-zＡ-Ｚａ-ｚ0-9０-９]|[\u3400-\u9fff]+|.")


def _script_parts(value: str) -> list[str]:
    """A term gluing a Latin word of two or more letters to Chinese (Facebook粉絲團,
    LINE官方帳號), cut where the script changes; anything else whole (3D列印, E化, COVID-19)."""
    if not (re.search(r"[\u3400-\u9fff]", value) and re.search(r"[A-Za-zＡ-Ｚａ-ｚ]{2}", value)):
        return [value]
    pieces = MIXED.findall(value)
    if "".join(pieces) != value or any(len(p) == 1 and not p.isalnum() for p in pieces):
        return [value]
    latin = [p for p in pieces if re.match(r"[A-Za-zＡ-Ｚａ-ｚ]", p)]
    if any(sum(ch.isalpha() for ch in p) < 2 for p in latin):
        return [value]
    return pieces


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
            parts = _script_parts(value)
            if len(parts) > 1 and not negated and not pending_or:
                # Facebook粉絲團: the text may put a space between them (Facebook 粉絲團)
                # or use other words for either, so each part is a term; typed together
                # they rank first
                clauses += [Clause((Term(part),)) for part in parts] + [Clause((Term(value),), optional=True)]
                negate_next = False
                continue
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
    if not clauses and text.strip():
        # Only operators or symbols ("NOT", "*", "OR"): search them as plain text.
        clauses = [Clause((Term(text.strip(), exact=True),))]
    return ParsedQuery(tuple(clauses))


AD_YEAR = re.compile(r"(\d{4})(?:年度?)?")
ROC_YEAR = re.compile(r"(?:民[國国])?(\d{2,3})年度?")


def mark_years(parsed: ParsedQuery, years: dict[int, int]) -> ParsedQuery:
    """Mark terms that name a report year: ``2021`` (Gregorian, as indexed) or ``110年``,
    ``110年度``, ``民國110年`` (ROC; the 年 is required: a bare 110 is a count). Such a
    term then also matches every paragraph of that year, so "2021 job fair" finds the
    2021 report's job fairs, which never print "2021".

    :param years: Gregorian year -> ROC year, for the reports in the index.
    """
    roc_years = set(years.values())

    def year_of(text: str) -> int | None:
        folded = fold_text(text).strip()
        if (m := AD_YEAR.fullmatch(folded)) and int(m.group(1)) in years:
            return years[int(m.group(1))]
        if (m := ROC_YEAR.fullmatch(folded)) and int(m.group(1)) in roc_years:
            return int(m.group(1))
        return None

    clauses = []
    for clause in parsed.clauses:
        alternatives = tuple(t if t.exact or (y := year_of(t.text)) is None else Term(t.text, t.exact, y)
                             for t in clause.alternatives)
        clauses.append(Clause(alternatives, clause.negated, clause.optional))
    return ParsedQuery(tuple(clauses))


def truncate(parsed: ParsedQuery, most: int = MAX_CLAUSES) -> tuple[ParsedQuery, list[str]]:
    """The first ``most`` clauses, and the terms of those left out (a query's cost grows with
    its terms; a pasted paragraph is searched by its beginning, and the result says so)."""
    if len(parsed.clauses) <= most:
        return parsed, []
    dropped = [t.text for c in parsed.clauses[most:] for t in c.alternatives]
    return ParsedQuery(parsed.clauses[:most]), dropped


def year_terms(parsed: ParsedQuery) -> list[Term]:
    """The terms that restrict a search to a report year (see :func:`mark_years`): those of
    clauses made only of year terms, which every listed paragraph must match."""
    return [t for c in parsed.clauses if not c.negated and c.alternatives and all(t.year for t in c.alternatives)
            for t in c.alternatives]


def without_term(query: str, term: str) -> str:
    """``query`` with one typed term taken out where it stands alone (a year typed in the
    query filters like a facet, so it must be as easy to remove: ``labour dispute 2021`` ->
    ``labour dispute``). A term glued to other words, or absent, leaves the query as it was."""
    pattern = re.compile(r"(?<![\w.,])" + re.escape(term) + r"(?![\w])")
    words = pattern.sub(" ", query, count=1).split()
    # an OR left with nothing on one side goes too (2021 OR 2015 -> 2015)
    kept = [w for i, w in enumerate(words)
            if not (w == "OR" and (i == 0 or i == len(words) - 1 or words[i + 1] == "OR"))]
    return " ".join(kept)
