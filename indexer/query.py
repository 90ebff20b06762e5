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
from weakref import WeakKeyDictionary

from whoosh import matching
from whoosh import query as Q
from whoosh.matching.wrappers import WrappingMatcher
from whoosh.query.wrappers import WrappingQuery

from .analysis import GramTokenizer, WordTokenizer, rounded_ranges, subwords, tokens
from .fold import fold_text

QUOTES = {'"': '"', "「": "」", "“": "”", "『": "』"}
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


def _phrase(fieldname: str, words: list[str], boost: float = 1.0) -> Q.Query | None:
    if not words:
        return None
    if len(words) == 1:
        return Q.Term(fieldname, words[0], boost=boost)
    return Q.Phrase(fieldname, words, boost=boost)


NUMBERS = re.compile(r"\d")
UNIT_AMOUNT = re.compile(r"(?<![\d.万亿])(\d+(?:\.\d+)?)[万亿](?![\d.])")


YEAR_BOOST = 0.5  # a paragraph of the year the query names (2021, 110年度)
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
        for btext in ixreader.lexicon(self.fieldname):
            text = btext.decode("utf-8")
            if self.DIGITS.fullmatch(text) and self.lo <= float(text) < self.hi:
                yield btext

    def __eq__(self, other: object) -> bool:
        return (type(self) is type(other) and (self.fieldname, self.lo, self.hi, self.boost)
                == (other.fieldname, other.lo, other.hi, other.boost))

    def __hash__(self) -> int:
        return hash((self.fieldname, self.lo, self.hi, self.boost))

    def __repr__(self) -> str:
        return f"NumberRange({self.fieldname!r}, {self.lo!r}, {self.hi!r})"


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

    def matcher(self, searcher, context=None):
        inner = self.child.matcher(searcher, context)
        if isinstance(inner, matching.NullMatcherClass):
            return inner
        return _SaturatedMatcher(inner, self.share * _best_score(searcher, self.child))


_BEST: WeakKeyDictionary = WeakKeyDictionary()  # searcher -> {query: best score}


def _best_score(searcher, q: Q.Query) -> float:
    """The highest score ``q`` gives any paragraph (cached for the searcher's lifetime)."""
    known = _BEST.setdefault(searcher, {})
    if q not in known:
        top = searcher.search(q, limit=1)
        known[q] = top[0].score if len(top) else 1.0
    return known[q] or 1.0


class _SaturatedMatcher(WrappingMatcher):
    def __init__(self, child, k: float, boost: float = 1.0):
        super().__init__(child, boost)
        self.k = k

    def copy(self):
        return _SaturatedMatcher(self.child.copy(), self.k, self.boost)

    def _replacement(self, newchild):
        return _SaturatedMatcher(newchild, self.k, self.boost)

    def supports_block_quality(self) -> bool:
        return False

    def max_quality(self) -> float:
        return self.k

    def score(self) -> float:
        s = self.child.score()
        return self.k * s / (s + self.k) if s > 0 else 0.0


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


def split_query(parsed: ParsedQuery) -> tuple[Q.Query | None, Q.Query | None]:
    """What a paragraph must match, and what it must not (None: nothing excluded).

    Searches apply the second as a mask rather than through ``AndNot``: Whoosh's AndNot
    lets an excluded paragraph through when it is the only match and results are grouped
    by facets, and ``Searcher.docs_for_query`` ignores its NOT.
    """
    positive: list[Q.Query] = []
    negative: list[Q.Query] = []
    optional: list[Q.Query] = []
    required = any(not c.negated and not c.optional for c in parsed.clauses)
    for clause in parsed.clauses:
        combined = clause_query(clause)
        if combined is not None:
            if clause.negated:
                negative.append(combined)
            else:
                (optional if clause.optional and required else positive).append(combined)
    if not positive and not negative:
        return None, None
    if not positive:  # only exclusions: every paragraph but those
        positive = [Q.Every()]
    query = positive[0] if len(positive) == 1 else Q.And(positive)
    if optional:
        query = Q.AndMaybe(query, Q.Or(optional))
    return query, (Q.Or(negative) if negative else None)

