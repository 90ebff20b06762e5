"""SQLite FTS5 side by side: the same paragraphs and queries in the plainest engine there
is, to show what our query path costs on top of matching.

The paragraphs (from ``reportsearch export``) go into an in-memory FTS5 table with the
trigram tokenizer, which matches any substring of three or more characters in any script.
Each query becomes quoted terms ANDed (``OR`` and ``-term`` kept); a term shorter than three
characters cannot be a trigram MATCH, so it is an ``instr(text, term)`` test, a scan of the
rows the rest of the query leaves (not ``LIKE '%term%'``: with a pattern under three
characters SQLite 3.40's trigram tokenizer answers no rows at all). Nothing is folded or expanded:
Simplified and English queries find only what is printed as typed, which is the point of
the comparison, not a fault to fix here. Every query computes the year facet
(``GROUP BY year``) and the top 10 by bm25 (document order when no term is a MATCH).
"""
from __future__ import annotations

import re
import shlex
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from bench.stats import measure_passes, summary, warm_up

TRIGRAM = 3
ENUMERATOR = re.compile(r"^(?:[壹貳參叁肆伍陸柒捌玖拾一二三四五六七八九十]+\s*[、.．]|[(（][一二三四五六七八九十]+[)）])\s*")
ROC_OFFSET = 1911


@dataclass(frozen=True)
class FtsQuery:
    """A query as SQL: an FTS5 MATCH expression (or None) and scanned conditions with their
    parameters, all ANDed; ``scan_terms``: the terms too short for the trigram index."""

    match: str | None
    where: tuple[str, ...] = ()
    params: tuple[str, ...] = ()
    scan_terms: tuple[str, ...] = field(default=())


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _contains(term: str, negate: bool = False) -> tuple[str, str]:
    """A substring condition the trigram index cannot serve: a scan."""
    return f"instr(text, ?) {'=' if negate else '>'} 0", term


def translate(query: str) -> FtsQuery:
    """Our query language, reduced to what FTS5 can express (see the module docstring)."""
    try:
        tokens = shlex.split(query.replace("「", '"').replace("」", '"'))
    except ValueError:
        tokens = query.split()
    groups: list[list[str]] = []  # ANDed groups of ORed terms
    negative: list[str] = []
    joining = False
    for token in tokens:
        if token == "OR":
            joining = bool(groups)
            continue
        if token.startswith("-") and len(token) > 1:
            negative.append(token[1:])
        elif joining:
            groups[-1].append(token)
        else:
            groups.append([token])
        joining = False
    matches, where, params, scanned = [], [], [], []
    for group in groups:
        if all(len(t) >= TRIGRAM for t in group):
            matches.append("(" + " OR ".join(_quote(t) for t in group) + ")" if len(group) > 1 else _quote(group[0]))
        else:
            scans = [_contains(t) for t in group]
            where.append("(" + " OR ".join(sql for sql, _ in scans) + ")")
            params.extend(param for _, param in scans)
            scanned.extend(t for t in group if len(t) < TRIGRAM)
    for term in negative:
        sql, param = _contains(term, negate=True)
        where.append(sql)
        params.append(param)
    return FtsQuery(" AND ".join(matches) or None, tuple(where), tuple(params), tuple(scanned))


def section_titles(section: Iterable[str]) -> str:
    """The headings of a paragraph as ``|title|title|`` without enumerators, for filtering
    by a title at any level as the engine's ``section`` argument does."""
    return "|" + "|".join(ENUMERATOR.sub("", s).strip() for s in section) + "|"


def load(records: Iterable[dict]) -> sqlite3.Connection:
    """An in-memory FTS5 table of the exported paragraphs."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(text, pid UNINDEXED, year UNINDEXED, sections UNINDEXED,"
               " tokenize='trigram')")
    db.executemany("INSERT INTO docs (text, pid, year, sections) VALUES (?, ?, ?, ?)",
                   ((r["text"], r["id"], int(r["year"]), section_titles(r["section"])) for r in records))
    db.commit()
    return db


def _conditions(fq: FtsQuery, year: str | None, section: str | None) -> tuple[str, list]:
    where = (["docs MATCH ?"] if fq.match else []) + list(fq.where)
    params: list = ([fq.match] if fq.match else []) + list(fq.params)
    if year:
        roc = int(year) - ROC_OFFSET if int(year) > ROC_OFFSET else int(year)
        where.append("year = ?")
        params.append(roc)
    if section:
        where.append("instr(sections, ?) > 0")
        params.append("|" + ENUMERATOR.sub("", section).strip() + "|")
    return " AND ".join(where) or "1", params


def run(db: sqlite3.Connection, query: str, year: str | None = None, section: str | None = None) -> dict:
    """Year facet counts and the top 10 of one query: total, years, ids."""
    fq = translate(query)
    cond, params = _conditions(fq, year, section)
    years = db.execute(f"SELECT year, count(*) FROM docs WHERE {cond} GROUP BY year", params).fetchall()
    order = "bm25(docs)" if fq.match else "rowid"
    top = db.execute(f"SELECT pid FROM docs WHERE {cond} ORDER BY {order} LIMIT 10", params).fetchall()
    return {"total": sum(c for _, c in years), "years": len(years), "top": [r[0] for r in top],
            "scan_terms": list(fq.scan_terms)}


def run_mix(db: sqlite3.Connection, mix: list[dict], passes: int = 3, budget: float = 60.0) -> dict:
    """A warm-up pass, then whole measured passes within ``budget`` seconds."""
    records = [{**item, "ms": []} for item in mix]

    def once(i: int) -> None:
        record = records[i]
        t = time.perf_counter()
        answer = run(db, record["q"], record.get("year"), record.get("section"))
        record["ms"].append(round((time.perf_counter() - t) * 1000, 3))
        record.update(total=answer["total"], scan_terms=answer["scan_terms"])

    warm_up(len(mix), budget, lambda i: run(db, mix[i]["q"], mix[i].get("year"), mix[i].get("section")))
    done = measure_passes(len(records), passes, budget, once)
    return {"passes": done, "latency": summary(ms for r in records for ms in r["ms"]), "queries": records}
