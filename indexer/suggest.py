"""Did you mean: a corrected query when nothing matched.

Candidates come from a vocabulary built once per index generation (the index's words with
their document frequencies, and the glossary's and aliases' terms) and are found with
rapidfuzz's edit distance, so a suggestion costs milliseconds whatever the index's size.
A suggestion must be a typing slip, not another word: one character replaced in a Chinese
term of three or more characters (a homophone first: 勞資爭義 -> 勞資爭議), one or two
letters in an English word; never a figure, and never for a year the reports do not cover
(the result says which years they cover instead).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from .expand import Glossary
from .fold import fold_text
from .probe import Probe
from .query import match_query
from .schema import NONE
from .snapshot import Snapshot
from .snippets import match_spans
from .syntax import ParsedQuery, Term

CJK = re.compile(r"[\u3400-\u9fff]+")
LATIN = re.compile(r"[a-z][a-z\-']*")
YEAR = re.compile(r"(?:(?:民[國国])?(\d{2,3})年度?|(\d{4})(?:年度?)?)")
SHORTLIST = 20


@dataclass(frozen=True)
class Vocabulary:
    chinese: dict[str, int]  # folded word -> paragraphs containing it
    english: dict[str, int]


def vocabulary(snapshot: Snapshot, searcher, glossary: Glossary) -> Vocabulary:
    """The generation's suggestion vocabulary (built on first use, then kept)."""
    def build() -> Vocabulary:
        chinese: dict[str, int] = {}
        english: dict[str, int] = {}
        for btext, info in searcher.reader().iter_field("words"):
            word = btext.decode("utf-8") if isinstance(btext, bytes) else btext
            if CJK.fullmatch(word) and len(word) >= 2:
                chinese[word] = info.doc_frequency()
            elif LATIN.fullmatch(word) and len(word) >= 3:
                english[word] = info.doc_frequency()
        for term in {fold_text(t) for terms in glossary.english.values() for t in terms} | {
                fold_text(t) for group in glossary.aliases for t in group}:
            if CJK.fullmatch(term) and len(term) >= 2:
                chinese.setdefault(term, 1)
        for phrase in glossary.english:
            for word in phrase:
                if LATIN.fullmatch(word) and len(word) >= 3:
                    english.setdefault(word, 0)  # 0: not printed, but the glossary translates it
        return Vocabulary(chinese, english)

    return snapshot.derived.get("suggest", build)


def closest(word: str, vocab: Vocabulary) -> str | None:
    """The word a slip of typing turned into ``word``, or None."""
    folded = fold_text(word).strip().lower()
    if CJK.fullmatch(folded):
        if len(folded) < 3:
            return None
        pool = {w: f for w, f in vocab.chinese.items() if len(w) == len(folded)}
        edits = 1
    elif LATIN.fullmatch(folded):
        pool, edits = vocab.english, (1 if len(folded) <= 5 else 2)
    else:
        return None  # figures, mixed strings: a "correction" would be another figure
    found = process.extract(folded, list(pool), scorer=Levenshtein.distance, score_cutoff=edits,
                            limit=SHORTLIST)
    found = [(w, d) for w, d, _i in found if w != folded]
    if not found:
        return None
    from pypinyin import lazy_pinyin  # slow to import, and only needed when a term matched nothing

    sound = lazy_pinyin(folded)
    return min(found, key=lambda wd: (wd[1], lazy_pinyin(wd[0]) != sound, -pool[wd[0]], wd[0]))[0]


def covered_note(years: dict[int, int], named: str) -> str:
    """Which years the reports cover, for a reader who named another (``years``:
    Gregorian -> ROC, as :attr:`Snapshot.years`)."""
    covered = ", ".join(f"{ad} ({roc})" for ad, roc in sorted(years.items()))
    return f"The reports cover the years {covered}; {named} is not one of them."


def uncovered_year(text: str, years: dict[int, int]) -> bool:
    """Whether ``text`` names a year (2019, 108年) that no report covers."""
    m = YEAR.fullmatch(fold_text(text).strip())
    if not m:
        return False
    if m.group(2):
        value = int(m.group(2))
        return 1912 <= value <= 2200 and value not in years
    return int(m.group(1)) not in years.values()


def did_you_mean(snapshot: Snapshot, probe: Probe, parsed: ParsedQuery,
                 glossary: Glossary) -> tuple[str | None, str | None]:
    """A corrected query (terms that match nothing replaced by the closest words, as the
    reports print them), and a note when a term names a year no report covers."""
    vocab = vocabulary(snapshot, probe.searcher, glossary)
    words: list[str] = []
    changed = False
    note = None
    for clause in parsed.clauses:
        term = clause.alternatives[0]
        text = term.text
        if not clause.negated and not probe.found(Term(text), within=False):
            if uncovered_year(text, snapshot.years):
                note = covered_note(snapshot.years, text)
            elif (better := closest(text, vocab)) and vocab.english.get(better) == 0:
                text, changed = better, True
            elif better and probe.found(Term(better), within=False):
                text, changed = _as_printed(probe, better), True
        words.append(("-" if clause.negated else "") + (f'"{text}"' if term.exact else text))
    return (" ".join(words) if changed else None), note


def _as_printed(probe: Probe, folded: str) -> str:
    """A folded (Simplified) word as a report prints it."""
    q = match_query(Term(folded))
    hits = probe.searcher.search(q, limit=1) if q is not None else []
    if hits:
        text = hits[0]["text"]
        if spans := match_spans(text, [folded]):
            s, e = spans[0]
            return text[s:e]
    return folded


NEARBY = 5  # closest words listed when nothing matched
NEARBY_SCORE = 60  # rapidfuzz ratio (0-100) a listed word reaches at least


def nearby_words(snapshot: Snapshot, probe: Probe, parsed: ParsedQuery, glossary: Glossary) -> list[str]:
    """When nothing matched: the words of the reports closest to the query's terms that
    match nothing (sharing most of their characters or letters, the most printed first),
    as printed, so a reader sees what the reports do say (區塊 for 區塊鏈)."""
    vocab = vocabulary(snapshot, probe.searcher, glossary)
    out: list[str] = []
    for clause in parsed.clauses:
        text = fold_text(clause.alternatives[0].text).strip().lower()
        if clause.negated or probe.found(Term(text), within=False):
            continue
        pool = vocab.chinese if CJK.fullmatch(text) else vocab.english if LATIN.fullmatch(text) else None
        if not pool:
            continue
        found = process.extract(text, list(pool), scorer=fuzz.ratio, score_cutoff=NEARBY_SCORE, limit=SHORTLIST)
        # an English word the glossary translates counts though no report prints it (0)
        ranked = sorted(((w, s) for w, s, _i in found if w != text and (pool is vocab.english or pool[w])),
                        key=lambda ws: (-ws[1], -pool[ws[0]], ws[0]))
        for word, _score in ranked:
            if len(out) >= NEARBY or probe.deadline.expired():
                return out
            printed = _as_printed(probe, word) if pool[word] else word
            if printed not in out:
                out.append(printed)
    return out


EXAMPLES = 4


def example_searches(snapshot: Snapshot, glossary: Glossary) -> dict[str, list[str]]:
    """Searches that find something in this index, for a reader who found nothing: the
    section titles with the most paragraphs (``chinese``), and English phrases of the
    glossary that translate words of the most common titles (``english``)."""
    def build() -> dict[str, list[str]]:
        facet = snapshot.facets["section"]
        counts = np.bincount(facet.ordinals[snapshot.live], minlength=len(facet.values))
        titles = [facet.values[i] for i in np.argsort(-counts, kind="stable") if facet.values[i] != NONE]
        english: list[str] = []
        for title in map(fold_text, titles[:20]):
            fitting = sorted(((" ".join(p), len(zh[0])) for p, zh in glossary.english.items()
                              if zh and len(zh[0]) >= 2 and fold_text(zh[0]) in title), key=lambda pl: (-pl[1], pl[0]))
            if fitting and fitting[0][0] not in english:
                english.append(fitting[0][0])
            if len(english) == EXAMPLES // 2:
                break
        return {"chinese": titles[:EXAMPLES], "english": english}

    return snapshot.derived.get("examples", build)
