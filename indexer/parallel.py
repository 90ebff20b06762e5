"""Both cores for a build: reports parsed and analysed in worker processes, one writer.

Parsing a report and analysing its paragraphs are pure (text in, data out), so worker
processes do them; the main process keeps the one Whoosh writer and adds the documents in
corpus order, so document numbers, postings and scores are exactly those of a
single-process build (``tests/test_build_equivalence.py``). A worker hands back, per
document, each text field's postings as Whoosh's ``Field.index`` computes them; the writer
takes them as they are (:func:`accepting_analysed`) instead of analysing again.

Two phases, because the domain words that jieba segments with come from every report
(:func:`indexer.lexicon.domain_terms`): first all reports are parsed, then analysed with the
segmenter of those words. Workers are spawned, not forked (a build may run in a process
with threads, e.g. a server building on first start), and at most ``WINDOW`` reports per
worker are in flight, so analysed postings never pile up in memory while the writer works.
"""
from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from whoosh.fields import Schema

from . import lexicon
from .errors import ReportError
from .fieldindex import field_postings
from .model import Report

WINDOW = 2  # reports in flight per worker
PR_SET_PDEATHSIG = 1  # prctl(2)
MIN_REPORTS = 4  # fewer reports than this are built in one process (starting workers costs ~1.5 s)


def default_jobs() -> int:
    """Worker processes a build uses by default: one per core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


@contextmanager
def workers(jobs: int, reports: int) -> Iterator[Executor | None]:
    """A pool of ``jobs`` worker processes, or None when one process will do."""
    if jobs <= 1 or reports < MIN_REPORTS:
        yield None
        return
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                             initializer=_die_with, initargs=(os.getpid(),)) as pool:
        yield pool


def _die_with(parent: int) -> None:
    """In a worker: end when the build process ends, even by SIGKILL (a killed build must
    leave nothing running; a worker would otherwise wait for work forever)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the pool's own shutdown is all there is
        pass
    if os.getppid() != parent:  # the build died before the line above
        os._exit(1)


def _read(path: Path) -> Report | ReportError:
    from .load import read_report

    try:
        return read_report(path)
    except ReportError as exc:
        return exc


def read_all(paths: Sequence[Path], pool: Executor | None) -> list[Report | ReportError]:
    """Each file read and parsed (a :class:`ReportError` in place of a report that fails), in order."""
    if pool is None:
        return [_read(p) for p in paths]
    return list(pool.map(_read, paths, chunksize=1))


class Analysed:
    """A field value already analysed: the postings ``Field.index`` returned for it."""

    __slots__ = ("items",)

    def __init__(self, items: list) -> None:
        self.items = items


def analyse(schema: Schema, docs: list[dict], terms: frozenset[str]) -> list[dict]:
    """``docs`` with each indexed text field replaced by its postings, segmented with
    ``terms`` (the report's domain words)."""
    out = []
    with lexicon.words_of(terms):
        for doc in docs:
            done = dict(doc)
            for name, value in doc.items():
                field = schema[name] if not name.startswith("_") else None
                if field is not None and field.indexed and field.analyzer is not None and isinstance(value, str):
                    done[name] = Analysed(field_postings(field, value))
                    done[f"_stored_{name}"] = value  # what Whoosh stores and puts in columns
            out.append(done)
    return out


def analyse_report(report: Report) -> list[dict]:
    """A report's documents, analysed (in a worker, or in the writer's process when there
    are none: the same function either way)."""
    from .build import report_documents

    return analyse(schema_of_workers(), list(report_documents(report)), frozenset(lexicon.domain_terms([report])))


_SCHEMA: list[Schema] = []  # one per worker process


def schema_of_workers() -> Schema:
    """The schema, made once per worker process."""
    if not _SCHEMA:
        from .schema import build_schema

        _SCHEMA.append(build_schema())
    return _SCHEMA[0]


def analysed_documents(reports: Sequence[Report], pool: Executor | None, jobs: int) -> Iterator[list[dict]]:
    """Each report's documents, analysed by the workers (or here when there are none), in
    corpus order."""
    if pool is None:
        for report in reports:
            yield analyse_report(report)
        return
    pending: deque = deque()
    upcoming = iter(range(len(reports)))
    for i in upcoming:
        pending.append(pool.submit(analyse_report, reports[i]))
        if len(pending) >= WINDOW * jobs:
            break
    while pending:
        docs = pending.popleft().result()
        nxt = next(upcoming, None)
        if nxt is not None:
            pending.append(pool.submit(analyse_report, reports[nxt]))
        yield docs


@contextmanager
def accepting_analysed(schema: Schema) -> Iterator[None]:
    """Let the writer's fields take :class:`Analysed` values as they are. The patch is on
    the field objects for the duration only: the schema is pickled into the index at
    commit, so it must be gone by then."""
    patched = []
    for name, field in schema.items():
        if field.indexed and field.analyzer is not None:
            original = field.index

            def index(value, _original=original, **kwargs):
                return iter(value.items) if isinstance(value, Analysed) else _original(value, **kwargs)

            field.index = index
            patched.append(field)
    try:
        yield
    finally:
        for field in patched:
            del field.index
