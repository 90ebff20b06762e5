"""Build the paragraph index from parsed reports."""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor
from contextlib import nullcontext
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

from whoosh import index as whoosh_index

from . import lexicon
from .grids import read_table
from .model import Heading, Report
from .outline import lead_ins
from .errors import ReportSearchError
from .incremental import Manifest, ParsedCache, fingerprint, link_index, plan, save_parsed
from .parallel import MIN_REPORTS, analyse, analysed_documents, workers
from .segments import write_in_parts
from .schema import NONE, build_schema
from .writing import write_documents
from .store import META, build_lock, current_generation, discard, new_generation, publish


@dataclass(frozen=True)
class BuildSummary:
    reports: int
    paragraphs: int
    path: Path
    full: bool = True  # every report analysed (else the previous generation's documents were kept)
    reason: str = ""  # why a full build
    analysed: int = 0  # reports analysed and added


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


def report_documents(report: Report) -> Iterator[dict]:
    """One Whoosh document per paragraph of ``report``. ``order`` is the paragraph's place in
    its report, not in the corpus: a report's documents are then the same whatever other
    reports are indexed beside it or before it, so an incremental build can keep them (the
    reading order across reports comes from the report list, see
    :class:`~indexer.snapshot.Snapshot`).

    A table paragraph's grid is read here, once (:func:`indexer.grids.read_table`, with its
    lead-ins as caption candidates), and stored: pages and hits show it without reading again.
    """
    for order, (p, lead) in enumerate(zip(report.paragraphs, _leads(report)), start=1):
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
    for report in reports:
        yield from report_documents(report)


def _leads(report: Report) -> list[tuple[str, ...]]:
    """Each paragraph's lead-ins (see :mod:`indexer.outline`), leaf by leaf."""
    return [lead for _leaf, group in groupby(report.paragraphs, key=lambda p: p.section)
            for lead in lead_ins([p.text for p in group])]


def _batches(reports: list[Report], pool: Executor | None, jobs: int) -> Iterator[list[dict]]:
    """Each report's documents, analysed: by the workers when there are any, else here
    through :func:`documents` (the same analysis, :func:`indexer.parallel.analyse`)."""
    if pool is not None:
        yield from analysed_documents(reports, pool, jobs)
        return
    schema = build_schema()
    for report in reports:
        yield analyse(schema, list(documents([report])), frozenset(lexicon.domain_terms([report])))


def build_index(reports: list[Report], root: Path, progress: Callable[[int], None] | None = None,
                *, locked: bool = False, jobs: int = 1, pool: Executor | None = None,
                full: bool = False) -> BuildSummary:
    """Write a new index generation for ``reports`` under ``root`` and put it in service.

    The new generation starts from the one in service when it can, analysing only the
    reports that changed (see :mod:`indexer.incremental`); the index is the same either way.

    :param progress: called with the number of paragraphs just added (those kept from the
        previous generation first, at once).
    :param locked: the caller already holds :func:`~indexer.store.build_lock` (it took it
        before reading the corpus, so a refused build costs nothing).
    :param jobs: worker processes that analyse the reports (1: this process does it all;
        the index is the same either way, see :mod:`indexer.parallel`).
    :param pool: workers the caller started (for reading the corpus too); else started here.
    :param full: analyse every report, whatever the previous generation holds.
    :raises IndexBusyError: when another build holds the lock.
    """
    with nullcontext() if locked else build_lock(root):
        previous = in_service(root)
        staging = new_generation(root)
        try:
            terms = lexicon.domain_terms(reports)
            mark = fingerprint(build_schema())
            previous_manifest = Manifest.read(previous) if previous else None
            todo = plan(previous_manifest, reports, mark, full=full)
            lexicon.save(staging, terms)
            if not todo.full:
                link_index(previous, staging)
                if progress:
                    progress(sum(len(r.paragraphs) for r in todo.kept))
            adding = list(todo.add)
            shared = pool if pool is not None and len(adding) >= MIN_REPORTS else None
            # with workers, they analyse and this process never needs jieba (~200 MB less)
            with nullcontext(shared) if pool is not None else workers(jobs, len(adding)) as running:
                if todo.full and running is not None:
                    lengths = write_in_parts(staging, build_schema(), adding, running, jobs, progress)
                else:
                    lengths = write_documents(staging, build_schema(), _batches(adding, running, jobs), progress,
                                              None if todo.full else {r: previous_manifest.lengths.get(r, {}) for r in todo.drop})
            (staging / META).write_text(json.dumps([report_meta(r) for r in reports], ensure_ascii=False), encoding="utf-8")
            if not todo.full:
                lengths.update({r.id: previous_manifest.lengths.get(r.id, {}) for r in todo.kept})
            Manifest.of(reports, terms, mark, lengths).write(staging)
            save_parsed(staging, reports, ParsedCache(previous, mark))
            final = publish(root, staging)
        except BaseException:
            discard(staging)
            raise
    return BuildSummary(len(reports), sum(len(r.paragraphs) for r in reports), final,
                        full=todo.full, reason=todo.reason, analysed=len(adding))


def in_service(root: Path) -> Path | None:
    """The generation in service under ``root``, or None when there is none."""
    try:
        return current_generation(root)
    except ReportSearchError:
        return None
