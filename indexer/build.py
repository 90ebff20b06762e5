"""Build the paragraph index from parsed reports."""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor
from contextlib import nullcontext
from dataclasses import dataclass
from itertools import groupby, islice
from pathlib import Path

from whoosh import index as whoosh_index

from . import lexicon
from .grids import read_table
from .model import Heading, Report
from .outline import lead_ins
from .parallel import accepting_analysed, analysed_documents, workers
from .schema import NONE, build_schema
from .writing import lengths_in_memory
from .store import META, build_lock, discard, new_generation, publish


@dataclass(frozen=True)
class BuildSummary:
    reports: int
    paragraphs: int
    path: Path


def _toc(headings: tuple[Heading, ...]) -> list[dict]:
    return [
        {"enumerator": h.enumerator, "number": h.number, "title": h.title, "printed": h.printed,
         "level": h.level, "children": _toc(h.children)}
        for h in headings
    ]


def report_meta(report: Report) -> dict:
    """What the web layer needs of a report besides its paragraphs."""
    return {
        "id": report.id, "source": report.source, "agency": report.agency, "year": report.year,
        "year_ad": report.year_ad, "title": report.title, "toc": _toc(report.toc),
        "paragraphs": len(report.paragraphs), "warnings": list(report.warnings),
    }


def _sections(titles: tuple[str, ...]) -> tuple[str, ...]:
    """The headings between chapter and leaf (chapters are too broad to say what a
    paragraph is about; the leaf has a field of its own)."""
    return titles[1:-1]


HEADER_MAX = 30
HEADER_WEIGHT = 0.2


def _weight(p) -> float:
    """A line that only names what follows (``2.志工招募成果：``, ``1.展覽``) says less than the
    paragraphs under it, though it is short and so scores high: weigh it down."""
    text = p.text.strip()
    if p.kind == "prose" and len(text) <= HEADER_MAX and "。" not in text:
        return HEADER_WEIGHT
    return 1.0


def report_documents(report: Report, first: int) -> Iterator[dict]:
    """One Whoosh document per paragraph of ``report``, numbered in order from ``first``.

    A table paragraph's grid is read here, once (:func:`indexer.grids.read_table`, with its
    lead-ins as caption candidates), and stored: pages and hits show it without reading again.
    """
    for order, (p, lead) in enumerate(zip(report.paragraphs, _leads(report)), start=first):
        titles = p.titles + (NONE,) * (3 - len(p.titles))
        table = {"table": read_table(p.text, tuple(lead)).to_json()} if p.kind == "table" else {}
        yield {
            "id": p.id, "report": report.id, "agency": report.agency, "year": str(report.year), "year_ad": report.year_ad,
            "chapter": titles[0], "section": titles[1], "subsection": titles[2],
            "path": list(p.section), "kind": p.kind, "order": order,
            "text": p.text, "chars": p.text, "words": p.text, "_boost": _weight(p), "headings": " ".join(_sections(p.titles)), "leaf": p.titles[-1],
            "lead": " ".join(lead), "leads": list(lead), **table,
        }


def documents(reports: Iterable[Report]) -> Iterator[dict]:
    """One Whoosh document per paragraph, in document order."""
    first = 1
    for report in reports:
        yield from report_documents(report, first)
        first += len(report.paragraphs)


def _leads(report: Report) -> list[tuple[str, ...]]:
    """Each paragraph's lead-ins (see :mod:`indexer.outline`), leaf by leaf."""
    return [lead for _leaf, group in groupby(report.paragraphs, key=lambda p: p.section)
            for lead in lead_ins([p.text for p in group])]


def _batches(reports: list[Report], terms: list[str], pool: Executor | None, jobs: int) -> Iterator[list[dict]]:
    """Each report's documents: analysed by the workers when there are any, else as they are
    (the writer analyses them)."""
    if pool is None:
        docs = documents(reports)
        for report in reports:
            yield list(islice(docs, len(report.paragraphs)))
    else:
        yield from analysed_documents(reports, terms, pool, jobs)


LIMIT_MB = 128  # postings held before Whoosh sorts a run to disk (it counts ~half of what they take)


def _write(path: Path, batches: Iterable[list[dict]], progress: Callable[[int], None] | None) -> int:
    ix = whoosh_index.create_in(str(path), build_schema())
    writer = ix.writer(limitmb=LIMIT_MB)
    count = 0
    try:
        with accepting_analysed(writer.schema):
            for docs in batches:
                for doc in docs:
                    writer.add_document(**doc)
                count += len(docs)
                if progress:
                    progress(len(docs))
    except BaseException:
        writer.cancel()
        ix.close()
        raise
    with lengths_in_memory(writer):
        writer.commit()
    ix.close()
    return count


def build_index(reports: list[Report], root: Path, progress: Callable[[int], None] | None = None,
                *, locked: bool = False, jobs: int = 1, pool: Executor | None = None) -> BuildSummary:
    """Write a new index generation for ``reports`` under ``root`` and put it in service.

    :param progress: called with the number of paragraphs just added.
    :param locked: the caller already holds :func:`~indexer.store.build_lock` (it took it
        before reading the corpus, so a refused build costs nothing).
    :param jobs: worker processes that analyse the reports (1: this process does it all;
        the index is the same either way, see :mod:`indexer.parallel`).
    :param pool: workers the caller started (for reading the corpus too); else started here.
    :raises IndexBusyError: when another build holds the lock.
    """
    with nullcontext() if locked else build_lock(root):
        staging = new_generation(root)
        try:
            terms = lexicon.domain_terms(reports)
            lexicon.save(staging, terms)
            # with workers, they analyse and this process never needs jieba (~200 MB less)
            with nullcontext(pool) if pool is not None else workers(jobs, len(reports)) as running, \
                    nullcontext() if running is not None else lexicon.using(lexicon.segmenter(frozenset(terms))):
                count = _write(staging, _batches(reports, terms, running, jobs), progress)
            (staging / META).write_text(json.dumps([report_meta(r) for r in reports], ensure_ascii=False), encoding="utf-8")
            final = publish(root, staging)
        except BaseException:
            discard(staging)
            raise
    return BuildSummary(len(reports), count, final)
