"""Compile clauses into Whoosh queries. Pure functions: clauses in, queries out.

Chinese runs are matched as sequences (phrases of character bigrams), never as scattered
characters; Latin words match whole words; figures by value. The syntax that produces the
clauses is :mod:`indexer.syntax` (re-exported here for callers of the old layout).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from whoosh import query as Q
from whoosh.query.wrappers import WrappingQuery

from .analysis import GramTokenizer, WordTokenizer, rounded_ranges, subwords, tokens
from .fold import fold_text
from .syntax import Clause, ParsedQuery, Term, mark_years, parse_query  # noqa: F401 (re-exported)

LATIN = re.compile(r"[a-z0-9.%]+")
_GRAMS, _WORDS = GramTokenizer(), WordTokenizer()

# Field weights, tuned with bench/evaluate.py on all five query sets together (mean nDCG@10).
WORD_BOOST = 1.0  # the query's words are whole jieba words of the paragraph
LEAF_BOOST = 1.5  # the paragraph's leaf heading contains the query
HEADING_BOOST = 0.5  # a section heading above the leaf contains the query
NUMBER_BOOST = 1.0  # the figures of the query occur, by value
LOOSE_BOOST = 0.3  # every jieba word of the query occurs, not as one sequence
UNIT_CELL_BOOST = 0.5  # an amount in 萬 appears as bare digits (a table cell)
LOOSE_LEAF_BOOST = 1.0  # every word of the query occurs in the leaf heading, apart
LEAD_BOOST = 0.5  # a numbered item the paragraph sits under contains the query
ROUNDED_BOOST = 0.5  # an amount that a rounded figure of the query (16.2億) stands for
SATURATION = 0.1  # a term's score s counts as s·K/(s+K), K = this share of its best score


def _phrase(fieldname: str, words: list[str], boost: float = 1.0) -> Q.Query | None:
    if not words:
        return None
    if len(words) == 1:
        return Q.Term(fieldname, words[0], boost=boost)
    return Q.Phrase(fieldname, words, boost=boost)


NUMBERS = re.compile(r"\d")
UNIT_AMOUNT = re.compile(r"(?<![\d.万亿])(\d+(?:\.\d+)?)[万亿](?![\d.])")


YEAR_BOOST = 0.5  # a paragraph of the year the query names (2021, 110年度)


def match_query(term: Term) -> Q.Query | None:
    """The query that decides whether a paragraph matches ``term``: its text (below) or,
    for a term naming a report year, that year."""
    text = _text_query(term)
    if term.year is None or text is None:
        return text
    return Q.Or([text, Q.Term("year", str(term.year), boost=YEAR_BOOST)])


def _text_query(term: Term) -> Q.Query | None:
    """Whether a paragraph's text or headings match ``term``.

    A quoted string matches as an exact substring after folding, nothing else. A bare Latin
    word or number matches whole words (numbers by value: 3,997 = 3997, 1萬5,518 = 15518).
    A bare Chinese run matches as a sequence in the text or in the section headings; with
    figures in it, by their values; when jieba splits it into words, also when all those
    words occur (ranked lower), never as scattered characters.
    """
    folded = fold_text(term.text).strip()
    if not folded:
        return None
    if len("".join(folded.split())) == 1:
        return Q.Term("chars", "".join(folded.split()))
    exact = _phrase("text", tokens(_GRAMS, term.text))
    if term.exact:
        return exact
    words = tokens(_WORDS, term.text)
    if LATIN.fullmatch(folded):
        whole = _phrase("words", words) or exact
        rounded = [NumberRange("words", lo, hi, ROUNDED_BOOST) for lo, hi in rounded_ranges(folded)]
        return Q.Or([whole, *rounded]) if rounded and len(words) == 1 else whole
    grams = tokens(_GRAMS, term.text)
    alternatives = [exact, _phrase("leaf", grams, LEAF_BOOST), _phrase("headings", grams, HEADING_BOOST),
                    _phrase("lead", grams, LEAD_BOOST)]
    numbers = [w for w in words if NUMBERS.search(w)]
    if numbers:
        # the figures by value, with any Latin words beside them (units such as 件 may differ)
        # and any words of two or more characters (職災死亡28人: 28 about 死亡, not any 28)
        required = numbers + [w for w in words if not NUMBERS.search(w) and (w.isascii() or len(w) > 1)]
        alternatives.append(Q.And([Q.Term("words", w) for w in required], boost=NUMBER_BOOST))
        # A rounded figure (16.2億) finds the amounts it rounds (16億2,453萬), below exact ones.
        others = [Q.Term("words", w) for w in required if w not in numbers]
        alternatives += [Q.And([NumberRange("words", lo, hi)] + others, boost=ROUNDED_BOOST)
                         for lo, hi in rounded_ranges(folded)]
        # Tables state amounts in units of 萬 with bare digits: 1748萬 is the cell "1,748".
        alternatives += [Q.Term("words", digits, boost=UNIT_CELL_BOOST) for digits in UNIT_AMOUNT.findall(folded)]
    elif len(words) == 1 and len(folded) >= 4 and len(parts := subwords(words[0])) > 1 and "".join(parts) == words[0]:
        # 工會幹部 is one dictionary word; where the text says 工會女性幹部 its parts are
        # apart. Only when the parts spell the whole word: a name (雄愛勞工輔導團) is not
        # scattered into 勞工 and 輔導.
        alternatives.append(Q.And([Q.Term("words", w) for w in parts], boost=LOOSE_BOOST))
    elif len(words) > 1 and len(folded) >= 4:
        # single-character words are mostly affixes (新成立工會: 新); the others carry it
        loose = [w for w in words if len(w) > 1] if sum(len(w) > 1 for w in words) > 1 else words
        alternatives.append(Q.And([Q.Term("words", w) for w in loose], boost=LOOSE_BOOST))
        # 性別平等 under the heading 性別工作平等: the leaf heading names the same thing
        leaf_words = [_phrase("leaf", tokens(_GRAMS, w)) for w in words]
        if all(q is not None for q in leaf_words):
            alternatives.append(Q.And(leaf_words, boost=LOOSE_LEAF_BOOST))
    return Q.Or([a for a in alternatives if a is not None])


class NumberRange(Q.MultiTerm):
    """The number tokens of a field (plain digits, as :class:`WordTokenizer` writes them)
    whose value is in [lo, hi)."""

    DIGITS = re.compile(r"\d+(?:\.\d+)?")

    def __init__(self, fieldname: str, lo: float, hi: float, boost: float = 1.0):
        self.fieldname, self.lo, self.hi, self.boost = fieldname, lo, hi, boost
        self.constantscore = False

    def _btexts(self, ixreader):
        return self.among(*_numeric_terms(ixreader, self.fieldname))

    def among(self, values: list[float], btexts: list[bytes]) -> list[bytes]:
        """The terms in range, from number terms sorted by value (in term order)."""
        return sorted(btexts[bisect_left(values, self.lo) : bisect_left(values, self.hi)])

    def __eq__(self, other: object) -> bool:
        return (type(self) is type(other) and (self.fieldname, self.lo, self.hi, self.boost)
                == (other.fieldname, other.lo, other.hi, other.boost))

    def __hash__(self) -> int:
        return hash((self.fieldname, self.lo, self.hi, self.boost))

    def __repr__(self) -> str:
        return f"NumberRange({self.fieldname!r}, {self.lo!r}, {self.hi!r})"


_NUMERIC: WeakKeyDictionary = WeakKeyDictionary()  # reader -> {field: (sorted values, their terms)}


def numeric_terms(ixreader, fieldname: str) -> tuple[list[float], list[bytes]]:
    """The number tokens of a field, sorted by value, and their terms."""
    pairs = sorted((float(text), btext) for btext in ixreader.lexicon(fieldname)
                   if NumberRange.DIGITS.fullmatch(text := btext.decode("utf-8")))
    return [v for v, _b in pairs], [b for _v, b in pairs]


def _numeric_terms(ixreader, fieldname: str) -> tuple[list[float], list[bytes]]:
    """The number tokens of a field, sorted by value: read once per reader (readers live as
    long as their generation's pooled searchers), then looked up by bisection, where a scan
    of the whole term list per query cost more than the rest of the search."""
    known = _NUMERIC.setdefault(ixreader, {})
    if fieldname not in known:
        known[fieldname] = numeric_terms(ixreader, fieldname)
    return known[fieldname]


def sequence_query(term: Term) -> Q.Query | None:
    """Whether ``term`` is printed as one sequence in a paragraph's text, headings or
    lead-ins (no loose words, no figures by value)."""
    grams = tokens(_GRAMS, term.text)
    if len(grams) < 2 or NUMBERS.search(fold_text(term.text)):  # figures match by value
        return _text_query(term)
    found = [_phrase(name, grams) for name in ("text", "leaf", "headings", "lead")]
    return Q.Or([q for q in found if q is not None])


def rank_query(term: Term) -> Q.Query | None:
    """Optional evidence that lifts a match: the same words as whole jieba words."""
    return _phrase("words", tokens(_WORDS, term.text), WORD_BOOST)


def term_query(term: Term) -> Q.Query | None:
    required = match_query(term)
    if required is None:
        return None
    optional = rank_query(term)
    return Q.AndMaybe(required, optional) if optional is not None else required


class Saturated(WrappingQuery):
    """One query term's evidence, counted with diminishing returns: s·K/(s+K), where K is a
    share of the best score the term reaches in the index.

    BM25 saturates a word's frequency within one field, but a term reaches a paragraph
    through several fields (text, words, leaf and section headings, lead-ins) and wordings
    (身心障礙者, 身心障礙, 身障者, 身障), and the sum grows with each. Summed as they are,
    a term with many wordings outweighs the others of the query: for 残疾人 职业培训, the
    paragraphs saying 身心障礙者 three ways ranked above the training classes. Saturating
    each term, as BM25F saturates once across fields, makes paragraphs strong on every term
    win. K scales with the term's best score, so a rare term still counts for more than a
    common one (性騷擾 over 申訴), as its IDF says; a one-term query ranks as before (the
    function is increasing).

    :mod:`indexer.execute` applies it, reading K off the clause's own run over the index;
    run through Whoosh's matchers directly, the query scores as its child.
    """

    def __init__(self, child: Q.Query, share: float = SATURATION):
        super().__init__(child)
        self.share = share

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and self.child == other.child and self.share == other.share

    def __hash__(self) -> int:
        return hash(self.child) ^ hash(self.share)

    def _rewrap(self, child: Q.Query) -> Saturated:
        return self.__class__(child, self.share)


def clause_query(clause: Clause) -> Q.Query | None:
    """One clause: its alternatives ORed, saturating (a negated clause matches exactly)."""
    if clause.negated:
        alternatives = [match_query(t) for t in clause.alternatives]
    else:
        alternatives = [term_query(t) for t in clause.alternatives]
    alternatives = [q for q in alternatives if q is not None]
    if not alternatives:
        return None
    either = alternatives[0] if len(alternatives) == 1 else Q.Or(alternatives)
    return either if clause.negated else Saturated(either, SATURATION)


@dataclass(frozen=True)
class Roles:
    """A query's clauses compiled, by the part each plays in ranking (see
    :mod:`indexer.levels`). Identical clauses are one (Whoosh's And would merge them)."""

    required: tuple[Q.Query, ...] = ()  # every listed paragraph matches them: terms naming a report year
    graded: tuple[Q.Query, ...] = ()  # the terms, counted: all of them first, then all but one, …
    soft: tuple[Q.Query, ...] = ()  # rank but do not decide ("statistics", the publisher's name)
    negative: tuple[Q.Query, ...] = ()  # excluded
    every: bool = False  # nothing positive: every paragraph but those excluded, in document order
    nothing: bool = False  # nothing searchable was typed (only symbols that compile to nothing)


def roles(parsed: ParsedQuery, typed: str) -> Roles:
    """The roles of ``parsed``'s clauses; ``typed`` is the raw query (empty: list all)."""
    def compiled(chosen: list[Clause]) -> tuple[Q.Query, ...]:
        return tuple(dict.fromkeys(q for q in map(clause_query, chosen) if q is not None))

    negative = compiled([c for c in parsed.clauses if c.negated])
    clauses = [c for c in parsed.clauses if not c.negated]
    soft: list[Clause] = []
    if any(not c.optional for c in clauses):
        soft = [c for c in clauses if c.optional]
        clauses = [c for c in clauses if not c.optional]
    dated = [c for c in clauses if all(t.year for t in c.alternatives)]
    required = compiled(dated)
    graded = tuple(q for q in compiled([c for c in clauses if c not in dated]) if q not in required)
    if not required and not graded:
        if negative:
            return Roles(negative=negative, every=True)
        return Roles(every=not typed.strip(), nothing=bool(typed.strip()))
    return Roles(required, graded, compiled(soft), negative)
