"""A full build written by several writers at once: one Whoosh segment per worker.

With one writer, a build is as fast as one core can analyse the reports, add their postings
to the pool and write them at commit: that is most of a build, and it is pure Python. Here each worker
process takes a contiguous share of the reports (by paragraphs), analyses them and writes
them as one segment of an index of its own; this process then moves the segments into the
new generation and commits a table of contents that lists them, in corpus order.

Nothing is merged, so nothing is approximated: each segment holds its documents' exact
postings, field lengths and total field lengths, and a reader sums the statistics over the
segments, so every score equals the one-writer build's; reading order never depends on
document numbers (:func:`indexer.snapshot.reading_order`). ``tests/test_build_equivalence.py``
compares the two, document by document (:mod:`indexer.contents`), and their search results.
"""
from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, wait
from pathlib import Path

from whoosh import index as whoosh_index

from .model import Report
from .parallel import analyse_report, schema_of_workers
from .writing import LIMIT_MB, write_documents

POLL = 0.5  # seconds between looks at the workers' progress


def shares(reports: Sequence[Report], parts: int) -> list[list[Report]]:
    """``reports`` cut, in order, into at most ``parts`` runs of about equal paragraphs."""
    total = sum(len(r.paragraphs) for r in reports)
    out: list[list[Report]] = [[]]
    done = 0
    for report in reports:
        if out[-1] and len(out) < parts and done >= total * len(out) / parts:
            out.append([])
        out[-1].append(report)
        done += len(report.paragraphs)
    return [share for share in out if share]


def _write_share(reports: list[Report], folder: str, limit_mb: int) -> dict[str, dict[str, int]]:
    """In a worker: analyse ``reports`` and write them as one segment of a new index at
    ``folder``, noting each report's paragraphs in ``folder``.progress as it goes."""
    path = Path(folder)
    path.mkdir()
    with open(f"{folder}.progress", "a", encoding="utf-8") as log:
        def noted(count: int) -> None:
            log.write(f"{count}\n")
            log.flush()

        return write_documents(path, schema_of_workers(), (analyse_report(r) for r in reports), noted,
                               limit_mb=limit_mb)


def _progress(folders: list[Path]) -> int:
    done = 0
    for folder in folders:
        try:
            done += sum(int(line) for line in Path(f"{folder}.progress").read_text(encoding="utf-8").split())
        except (OSError, ValueError):
            pass
    return done


def write_in_parts(staging: Path, schema, reports: Sequence[Report], pool: Executor, jobs: int,
                   progress: Callable[[int], None] | None) -> dict[str, dict[str, int]]:
    """Write ``reports`` into a new index at ``staging``, one segment per worker; returns
    each report's total length per scored field, as :func:`~indexer.writing.write_documents`."""
    parts = shares(reports, jobs)
    folders = [staging / f"part-{i}" for i in range(len(parts))]
    # the writers share one build's memory: each holds its share of the postings pool
    futures = [pool.submit(_write_share, part, str(folder), max(16, LIMIT_MB // len(parts)))
               for part, folder in zip(parts, folders)]
    shown = 0
    while True:
        finished, pending = wait(futures, timeout=POLL)
        if progress and (now := _progress(folders)) > shown:
            progress(now - shown)
            shown = now
        if not pending or any(f.exception() for f in finished):
            break
    lengths: dict[str, dict[str, int]] = {}
    segments = []
    for future, folder in zip(futures, folders):
        lengths.update(future.result())  # a worker's error is raised here
        part = whoosh_index.open_dir(str(folder))
        found = part._segments()
        part.close()
        for segment in found:
            prefix = f"{segment.indexname}_{segment.segid}"
            for path in folder.iterdir():
                if path.name.startswith(prefix):
                    os.replace(path, staging / path.name)
        segments += found
        shutil.rmtree(folder)
        os.unlink(f"{folder}.progress")
    ix = whoosh_index.create_in(str(staging), schema)
    writer = ix.writer()
    writer.commit(mergetype=lambda _writer, existing: existing + segments)  # a table of contents listing them
    ix.close()
    return lengths
