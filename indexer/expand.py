"""Query expansion: English concepts to Chinese terms, and Chinese aliases.

The reports are in Chinese and use several names for one thing (外籍勞工 / 外勞 / 移工).
A curated glossary (``data/glossary.tsv``, English -> Chinese, users may extend it) lets an
English query find what the text says only in Chinese; alias groups (``data/aliases.tsv``)
let any name of a thing find the others; and mainland wording (``data/mainland.tsv``:
招聘会, 残疾人) and everyday Taiwanese wording (``data/everyday.tsv``: 監所, 勞檢) find the
official wording the reports use (徵才活動, 身心障礙者, 矯治機構, 勞動檢查). Expansion is pure: it rewrites a
:class:`~indexer.query.ParsedQuery` and reports what it added, so the UI can say
"also searched: …".
"""
from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from . import lexicon
from .analysis import WordTokenizer, subwords
from .fold import fold, fold_text
from .numerals import numerals_as_digits
from .query import Clause, ParsedQuery, Term

LATIN_WORD = re.compile(r"^[0-9]*[a-z][a-z0-9'\-]*$")  # r7, 3d, covid-19
STOPWORDS = frozenset("a an and the of for to in on at by with about from or is are was were how what which who".split())
MAX_PHRASE = 8
# English words that ask for a kind of content rather than name a topic: "occupational
# accident death statistics" wants the deaths, stated with or without the word 統計.
# They rank paragraphs but do not decide which match. (Words naming what every paragraph
# of a report is about, "workers" in a labour bureau's, are found from the publisher's
# name instead: see :func:`publisher_domain`.)
SOFT = frozenset("""statistics statistic stats statistical data figures figure number numbers count
counts total totals amount amounts case cases result results outcome outcomes performance achievements
effectiveness impact situation status overview details information info people persons person
program programs programme programmes project projects scheme schemes plan plans initiative initiatives""".split())
# The same kind of words typed in Chinese, as whole terms (劳动争议 调解 案件数): the report
# states the count (2,318件) more often than the word 件數.
SOFT_CHINESE = frozenset(fold_text(w) for w in """統計 統計數據 統計資料 數據 數字 資料 件數 案件數 案數
案件 人數 次數 數量 總數 總計 合計 多少 情況 情形 狀況 概況 成果 成效 績效 結果 效益 金額 影響""".split())
POSSESSIVE = re.compile(r"['’]s$|(?<=s)['’]$")


@dataclass(frozen=True)
class Glossary:
    english: dict[tuple[str, ...], tuple[str, ...]]  # English phrase (words) -> Chinese terms
    aliases: tuple[tuple[str, ...], ...]  # groups of interchangeable terms, as printed
    mainland: tuple[tuple[str, tuple[str, ...]], ...] = ()  # mainland term -> report terms
    replacements: tuple[tuple[str, tuple[str, ...]], ...] = ()  # both of the above, folded, longest first


def _rows(text: str) -> list[list[str]]:
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append(line.rstrip("\n").split("\t"))
    return rows


def _replacements(aliases, mainland) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(term, what it may be replaced by), longest term first."""
    pairs: dict[str, list[str]] = {}
    for group in aliases:
        for member in group:
            pairs.setdefault(member, []).extend(o for o in group if o != member)
    for source, targets in mainland:
        pairs.setdefault(source, []).extend(targets)
    folded = [(fold_text(term), tuple(dict.fromkeys(others))) for term, others in pairs.items()]
    return tuple(sorted((kv for kv in folded if kv[0]), key=lambda kv: len(kv[0]), reverse=True))


def parse_glossary(glossary_text: str, aliases_text: str, mainland_text: str = "") -> Glossary:
    english: dict[tuple[str, ...], tuple[str, ...]] = {}
    for row in _rows(glossary_text):
        if len(row) < 2:
            continue
        chinese = tuple(t.strip() for t in row[1].split("|") if t.strip())
        for phrase in row[0].split("|"):
            words = tuple(phrase.strip().lower().split())
            if words:
                english[words] = tuple(dict.fromkeys(english.get(words, ()) + chinese))
                single = words[:-1] + (_singular(words[-1]),)  # "summer jobs" for "summer job"
                if len(words) > 1 and single != words and single not in english:
                    english[single] = english[words]
    groups = tuple(tuple(t.strip() for t in row[0].split("|") if t.strip()) for row in _rows(aliases_text))
    mainland = tuple(
        (source.strip(), tuple(t.strip() for t in row[1].split("|") if t.strip()))
        for row in _rows(mainland_text) if len(row) >= 2
        for source in row[0].split("|") if source.strip()
    )
    groups = tuple(g for g in groups if len(g) > 1)
    return Glossary(english, groups, mainland, _replacements(groups, mainland))


@lru_cache(maxsize=4)
def load_glossary(extra: Path | None = None) -> Glossary:
    """The shipped glossary and aliases, plus an optional user file of glossary lines."""
    data = resources.files("indexer") / "data"
    glossary = (data / "glossary.tsv").read_text(encoding="utf-8")
    if extra is not None and extra.exists():
        glossary += "\n" + extra.read_text(encoding="utf-8")
    # mainland (PRC) wording and everyday Taiwanese wording: the same kind of mapping
    wording = "\n".join((data / name).read_text(encoding="utf-8")
                         for name in ("mainland.tsv", "everyday.tsv") if (data / name).is_file())
    return parse_glossary(glossary, (data / "aliases.tsv").read_text(encoding="utf-8"), wording)


def current_glossary() -> Glossary:
    """The glossary in force: the shipped one, plus ``$REPORTSEARCH_GLOSSARY`` if set."""
    extra = os.environ.get("REPORTSEARCH_GLOSSARY")
    return load_glossary(Path(extra) if extra else None)


def _singular(word: str) -> str:
    for suffix, repl in (("ies", "y"), ("ses", "s"), ("s", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return word[: -len(suffix)] + repl
    return word


def _lemmas(word: str) -> list[str]:
    """Base forms an inflected English word may have: visited -> visit, training -> train,
    closed -> close, planned -> plan, studies -> study."""
    out = [_singular(word)]
    for suffix in ("ed", "ing"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            out += [stem, stem + "e"]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                out.append(stem[:-1])
    if word.endswith("ied") and len(word) > 4:
        out.append(word[:-3] + "y")
    return [w for w in dict.fromkeys(out) if w != word]


def _lookup(glossary: Glossary, words: tuple[str, ...]) -> tuple[str, ...] | None:
    found = glossary.english.get(words)
    for lemma in _lemmas(words[-1]) if found is None else ():
        found = glossary.english.get(words[:-1] + (lemma,))
        if found is not None:
            break
    return found


def alias_alternatives(glossary: Glossary, text: str, most: int = 24) -> list[str]:
    """Other wordings of ``text``: its longest alias (or mainland term) replaced by the
    others of its group, as printed; then, where ``text`` holds more such terms, each in any
    of its wordings, all replaced (社保欠费 -> 勞工保險積欠款). Inside a longer term an
    alias must be whole words (外勞 in 外勞管理, not 護工 in 庇護工場)."""
    folded, origin = fold(text)
    bounds: set[int] | None = None  # word boundaries, segmented only when needed
    spans: list[tuple[int, int, tuple[str, ...]]] = []  # (start, end, other wordings)
    for ft, others in glossary.replacements:
        at = folded.find(ft)
        while at != -1:
            if folded == ft:
                return list(others)
            start, end = origin[at], origin[at + len(ft) - 1] + 1
            if bounds is None:
                bounds = {0, len(text)} | {b for _w, s, e in WordTokenizer().pieces(text) for b in (s, e)}
            if start in bounds and end in bounds and not any(s < end and start < e for s, e, _o in spans):
                spans.append((start, end, others))
            at = folded.find(ft, at + len(ft))
    if not spans:
        return []
    # one term replaced (the longest first), then several at once: every term in any of
    # its wordings, the one typed included (身障職業訓練 -> 身心障礙職業訓練, 身障職訓, …)
    out = [text[:start] + other + text[end:] for start, end, others in spans for other in others]
    if len(spans) > 1:
        spans.sort()
        variants = [""]
        cursor = 0
        for start, end, others in spans:
            variants = [v + text[cursor:start] + w for v in variants for w in (text[start:end], *others)][: most * 4]
            cursor = end
        out += [v + text[cursor:] for v in variants if v + text[cursor:] != text]
    return list(dict.fromkeys(out))[:most]


def _latin(clause: Clause) -> str | None:
    if clause.negated or len(clause.alternatives) != 1 or clause.alternatives[0].exact:
        return None
    word = POSSESSIVE.sub("", clause.alternatives[0].text.lower())  # women's -> women
    return word if LATIN_WORD.match(word) else None


def expand(parsed: ParsedQuery, glossary: Glossary, known: Callable[[str], bool],
           domain: frozenset[str] = frozenset()) -> tuple[ParsedQuery, list[str], list[str]]:
    """Expand a parsed query.

    :param known: whether a Latin word occurs in the index (unknown English words that the
        glossary does not cover are dropped, so they do not veto the Chinese matches).
    :param domain: folded words naming what the publisher's every paragraph is about (see
        :func:`publisher_domain`): an English term whose first translation is one of them
        ("workers" -> 勞工 in a labour bureau's reports) ranks but does not decide a match.
    :returns: the expanded query, the terms added, and the words ignored (function words
        such as "the" and ranking-only words such as "number" are skipped without a word:
        nobody asked for them to be found).
    """
    clauses = [part for clause in parsed.clauses for part in _unhyphenate(clause, glossary, known)]
    out: list[Clause] = []
    added: list[str] = []
    ignored: list[str] = []
    english: set[int] = set()  # positions in ``out`` of clauses made from English words
    coordinated = False  # the last English word was "and"/"or"

    def english_clause(clause: Clause) -> None:
        """Append; "training and employment services" asks about either topic, so two
        English terms joined by and/or are one clause of alternatives."""
        nonlocal coordinated
        if coordinated and not clause.optional and len(out) - 1 in english and not out[-1].optional:
            out[-1] = Clause(tuple(dict.fromkeys(out[-1].alternatives + clause.alternatives)))
        else:
            out.append(clause)
            english.add(len(out) - 1)
        coordinated = False

    i = 0
    while i < len(clauses):
        word = _latin(clauses[i])
        if word is None:
            out.append(_soft(clauses[i]) or _with_aliases(clauses[i], glossary, added))
            coordinated = False
            i += 1
            continue
        run = [word]
        while i + len(run) < len(clauses) and len(run) < MAX_PHRASE and (w := _latin(clauses[i + len(run)])):
            run.append(w)
        for size in range(len(run), 0, -1):
            chinese = _lookup(glossary, tuple(run[:size]))
            if chinese:
                phrase = " ".join(run[:size])
                alternatives = (Term(phrase),) + tuple(Term(c) for c in chinese)
                added.extend(chinese)
                soft = all(w in SOFT for w in run[:size]) or fold_text(chinese[0]) in domain
                english_clause(Clause(alternatives, optional=soft))
                i += size
                break
        else:
            if word in STOPWORDS or not (known(word) or known(_singular(word)) or alias_alternatives(glossary, word)):
                if word not in STOPWORDS and word not in SOFT:  # function words and "number" go unsaid
                    ignored.append(word)
                coordinated = word in ("and", "or") or (coordinated and word in STOPWORDS)
            else:
                english_clause(_with_aliases(clauses[i], glossary, added))
            i += 1
    if not any(not c.negated for c in out):
        return parsed, [], []
    return ParsedQuery(tuple(out)), list(dict.fromkeys(added)), ignored


def _soft(clause: Clause) -> Clause | None:
    """The clause as ranking-only evidence when it is a Chinese word in SOFT_CHINESE."""
    if clause.negated or len(clause.alternatives) != 1 or clause.alternatives[0].exact:
        return None
    if fold_text(clause.alternatives[0].text).strip() not in SOFT_CHINESE:
        return None
    return Clause(clause.alternatives, optional=True)


@lru_cache(maxsize=8)
def publisher_terms(agencies: tuple[str, ...]) -> frozenset[str]:
    """Folded terms that name a report's publisher: every run of whole words of the agency
    (高雄市政府勞工局: 高雄市, 政府, 勞工局, 高雄市政府, …), and a city or county without
    市/縣 (高雄). Every paragraph is the publisher's, so these only rank (see
    :func:`publisher_ranks_only`)."""
    out: set[str] = set()
    for agency in agencies:
        words = [w for w, _s, _e in WordTokenizer().pieces(agency)]
        for i in range(len(words)):
            for j in range(i + 1, len(words) + 1):
                if len(run := "".join(words[i:j])) >= 2:
                    out.add(run)
                    if run[-1] in "市县" and len(run) >= 3:
                        out.add(run[:-1])
    return frozenset(out)


@lru_cache(maxsize=8)
def publisher_domain(agencies: tuple[str, ...]) -> frozenset[str]:
    """Folded words inside the publisher's name that say what it works on: 勞工 of 勞工局
    (a labour bureau), 社會 of 社會局. Every paragraph of its reports is about them, so an
    English query naming them ("pandemic relief for workers") ranks by them but is not
    restricted to the paragraphs that print them."""
    out: set[str] = set()
    for agency in agencies:
        for word, _s, _e in WordTokenizer().pieces(agency):
            out.update(part for part in subwords(word) if len(part) >= 2)
    return frozenset(out) - publisher_terms(agencies)


def publisher_ranks_only(parsed: ParsedQuery, publisher: frozenset[str]) -> ParsedQuery:
    """Clauses naming only the publisher (勞工局, "labor bureau", Kaohsiung) rank the
    paragraphs that print them but do not decide a match, as long as some other term does:
    "labor bureau volunteer teams" wants the volunteers, wherever 勞工局 is printed."""
    def names_publisher(clause: Clause) -> bool:
        chinese = [t for t in clause.alternatives if CJK.search(t.text)]
        return (not clause.negated and not clause.optional and bool(chinese)
                and all(not t.exact and fold_text(t.text).strip() in publisher for t in chinese))
    soft = [names_publisher(c) for c in parsed.clauses]
    if not any(soft) or all(soft[i] or parsed.clauses[i].negated or parsed.clauses[i].optional
                            for i in range(len(soft))):
        return parsed
    return ParsedQuery(tuple(Clause(c.alternatives, c.negated, True) if s else c
                             for c, s in zip(parsed.clauses, soft)))


def _unhyphenate(clause: Clause, glossary: Glossary, known: Callable[[str], bool]) -> list[Clause]:
    """``female-dominated`` as ``female`` ``dominated`` when neither the glossary nor the
    text knows it whole (COVID-19 stays whole: the text prints it)."""
    word = _latin(clause)
    if word is None or "-" not in word.strip("-") or known(word) or _lookup(glossary, (word,)):
        return [clause]
    return [Clause((Term(part),)) for part in word.split("-") if part]


def _with_aliases(clause: Clause, glossary: Glossary, added: list[str]) -> Clause:
    """The clause with every other wording of its terms: aliases, mainland wording, and
    numerals in words written in digits (一百七十四戶 -> 174戶, which then matches by value)."""
    alternatives = list(clause.alternatives)
    for term in clause.alternatives:
        if term.exact or clause.negated:
            continue
        in_digits = numerals_as_digits(term.text)
        for alt in alias_alternatives(glossary, term.text) + ([in_digits] if in_digits else []):
            alternatives.append(Term(alt))
            if not clause.optional:  # a relaxed run's parts written together: not news
                added.append(alt)
    return Clause(tuple(dict.fromkeys(alternatives)), clause.negated, clause.optional)


CJK = re.compile(r"[\u3400-\u9fff]")
CJK_ONLY = re.compile(r"[\u3400-\u9fff]+")


def relax(parsed: ParsedQuery, glossary: Glossary,
          found: Callable[[Term], bool],
          printed: Callable[[Term], bool] | None = None) -> tuple[ParsedQuery, dict[str, list[str]]]:
    """Search a Chinese run that occurs nowhere as its parts that do occur.

    Users type compounds the reports never print (石化業, where they say 石化廠 and 石化產業;
    劳动争议调解成功率 typed as one run). Failing the whole query on them helps nobody, so
    such a run is cut into known terms (glossary and alias entries first, whole, then jieba
    words of two or more characters); each part that occurs, itself or through an alias,
    becomes a required term, and parts found nowhere are dropped. Runs to :func:`expand`
    before, so the parts get their aliases there. Quoted, excluded and OR-ed terms, years
    (民國104年) and any run that occurs (or whose alias does), stay as typed.

    :param found: whether a term matches any paragraph.
    :param printed: whether a term is printed anywhere as a sequence (in a text, heading or
        lead-in), not just as words apart: a long run whose words all occur somewhere
        (失业人员再就业培训: 失業, 人員, 就業, 培訓) is still relaxed. Defaults to ``found``.
    :returns: the relaxed query and, per relaxed run, the parts searched instead.
    """
    def occurs(text: str, check: Callable[[Term], bool] = found) -> bool:
        return check(Term(text)) or any(check(Term(alt)) for alt in alias_alternatives(glossary, text))

    clauses: list[Clause] = []
    relaxed: dict[str, list[str]] = {}
    for clause in _split_soft_endings(parsed.clauses):
        term = clause.alternatives[0]
        if (clause.negated or clause.optional or len(clause.alternatives) > 1 or term.exact or term.year
                or len(term.text) < 3
                or not CJK.search(term.text) or occurs(term.text, printed or found)):
            clauses.append(clause)
            continue
        parts = [piece for piece in _pieces(term.text, glossary, lambda t: occurs(t, printed or found))
                 if occurs(piece)]
        if not parts:
            clauses.append(clause)
            continue
        relaxed[term.text] = parts
        clauses.extend(Clause((Term(piece),)) for piece in parts)
        together = [t for t in _joined(parts, glossary) if found(t)]
        if together:  # the parts side by side, in the reports' wording, rank first
            clauses.append(Clause(tuple(together), optional=True))
    return ParsedQuery(tuple(clauses)), relaxed


def _split_soft_endings(clauses: tuple[Clause, ...]) -> list[Clause]:
    """A run ending in a word of SOFT_CHINESE is searched as if typed apart: 疫情影響 is
    疫情 (required) and 影響 (ranking only), as 疫情 影響 would be, and the run as typed
    ranks its paragraphs first. Names the reports print whole are left alone."""
    out: list[Clause] = []
    for clause in clauses:
        term = clause.alternatives[0]
        folded = fold_text(term.text).strip()
        ending = max((w for w in SOFT_CHINESE if folded.endswith(w) and len(folded) - len(w) >= 2), key=len,
                     default=None)
        if (ending is None or clause.negated or clause.optional or len(clause.alternatives) > 1 or term.exact
                or term.year or not CJK_ONLY.fullmatch(folded) or folded in lexicon.installed()):
            out.append(clause)
            continue
        cut = len(term.text.strip()) - len(ending)
        out += [Clause((Term(term.text.strip()[:cut]),)), Clause((Term(term.text.strip()[cut:]),), optional=True),
                Clause((term,), optional=True)]
    return out


def _joined(parts: list[str], glossary: Glossary, most: int = 12) -> list[Term]:
    """The parts of a relaxed run written together again, each in any of its wordings:
    残疾人 + 职业培训 -> 身心障礙者職業訓練, 身障者職訓, … (at most ``most``)."""
    if len(parts) < 2:
        return []
    joined = [""]
    for part in parts:
        joined = [j + o for j in joined for o in [part] + alias_alternatives(glossary, part)][: most * 4]
    return [Term(j) for j in dict.fromkeys(joined)][:most]


def _pieces(text: str, glossary: Glossary, printed: Callable[[str], bool] | None = None) -> list[str]:
    """``text`` cut into alias/mainland entries (longest first, kept whole) and, between
    them, the fewest stretches the reports print (when ``printed`` says which are; see
    :func:`printed_stretches`), else jieba words of two or more characters; as typed.

    Printed stretches keep what a user remembers together: 就業歧視申訴 is 就業歧視 + 申訴
    (not 就業 + 歧視 + 申訴, where 就業 outweighs the rest), 雄愛輔導團 is 雄愛 + 輔導團
    (jieba leaves 雄 and 愛 as single characters)."""
    folded = fold_text(text)
    shown = text if len(folded) == len(text) else folded
    keys = [k for k, _ in glossary.replacements if len(k) >= 2]
    pieces: list[str] = []
    start = i = 0

    def words(a: int, b: int) -> None:
        if printed:
            pieces.extend(printed_stretches(shown[a:b], printed))
        else:
            pieces.extend(shown[a + s : a + e] for _word, s, e in WordTokenizer().pieces(shown[a:b]) if e - s >= 2)

    while i < len(folded):
        key = next((k for k in keys if folded.startswith(k, i)), None)
        if key is None:
            i += 1
            continue
        words(start, i)
        pieces.append(shown[i : i + len(key)])
        i = start = i + len(key)
    words(start, len(folded))
    return list(dict.fromkeys(pieces))


def printed_stretches(text: str, printed: Callable[[str], bool]) -> list[str]:
    """Substrings of two or more characters, each printed somewhere, that cover ``text``:
    cutting the fewest jieba words (成功率, printed nowhere, is left out rather than cut to
    成功), then leaving out the fewest characters, then in the fewest pieces."""
    n = len(text)
    bounds = {0, n} | {e for _w, _s, e in WordTokenizer().pieces(text)}
    # best[i]: (words cut, characters left out, pieces, the pieces) for text[i:]
    best: list[tuple[int, int, int, list[str]]] = [(0, 0, 0, [])] * (n + 1)
    for i in range(n - 1, -1, -1):
        skip = best[i + 1]
        best[i] = (skip[0], skip[1] + 1, skip[2], skip[3])
        for j in range(n, i + 1, -1):
            rest = best[j]
            cost = (rest[0] + (i not in bounds) + (j not in bounds), rest[1], rest[2] + 1)
            if cost < best[i][:3] and printed(text[i:j]):
                best[i] = (*cost, [text[i:j]] + rest[3])
    return best[0][3]


def glosses(parsed: ParsedQuery, added: list[str]) -> dict[str, str]:
    """For each term the glossary added, the English words it translates, as the rewritten
    query holds them (an English phrase, then its Chinese terms, in one clause), so a reader
    who typed English sees what 外籍勞工 stands for: ``{"外籍勞工": "foreign workers"}``."""
    wanted, out = set(added), {}
    for clause in parsed.clauses:
        english = None
        for term in clause.alternatives:
            if LATIN_WORD.match(term.text.lower().replace(" ", "")):
                english = term.text
            elif english and term.text in wanted:
                out.setdefault(term.text, english)
    return out
