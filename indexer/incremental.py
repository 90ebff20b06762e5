"""Incremental builds: a new generation made from the previous one, equal to a full build.

A report's documents depend on its own text and on nothing else: their ``order`` is their
place in the report (:func:`indexer.build.report_documents`), and jieba segments each report
with that report's own domain words (:func:`indexer.lexicon.words_of`). So a new generation
can start from the previous one's segments (immutable files, hard-linked: no copy), delete
the documents of reports that changed or disappeared, and add the new and changed ones.
Segments that lost documents are rewritten without them at commit, so term statistics,
field lengths, and hence scores are those of a full build; reading order and ties go by report and place, not by document number
(:func:`indexer.snapshot.reading_order`). ``tests/test_incremental.py`` proves full and
incremental builds give the same export and the same search results.

Everything else forces a full build: no previous generation, ``--full``, or a different
:func:`fingerprint` (the indexer's code and data files, the schema, the library versions:
a new glossary, user dictionary or analysis setting can never mix with documents analysed
before it).

Each generation also keeps its parsed reports (``parsed/<sha256 of the file>.pickle.gz``), so
the next build parses only the files that changed.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import pickle
import zlib
from dataclasses import dataclass, field, replace
from importlib import metadata
from pathlib import Path

from whoosh.fields import Schema
from whoosh.reading import SegmentReader

from .model import Report
from .schema import build_schema

MANIFEST = "build.json"
PARSED = "parsed"
SUFFIX = ".pickle.gz"  # a parsed report, compressed (a sixth of its size: it is mostly text)
PACKAGE = Path(__file__).resolve().parent
LIBRARIES = ("whoosh3", "jieba", "opencc-python-reimplemented")
FULL_SHARE = 0.5  # rewriting more than this share of the paragraphs: a full build is faster


def fingerprint(schema: Schema | None = None) -> str:
    """What a generation's documents were made with: the indexer's code and data files,
    the schema and the libraries' versions. Conservative on purpose: any change to the
    indexer's code means one full build, never an index mixing two versions."""
    h = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and (path.suffix == ".py" or "data" in path.relative_to(PACKAGE).parts):
            h.update(str(path.relative_to(PACKAGE)).encode() + b"\0" + path.read_bytes() + b"\0")
    schema = schema or build_schema()
    h.update(repr([(name, type(schema[name]).__name__) for name in schema.names()]).encode())
    for library in LIBRARIES:
        try:
            h.update(f"{library}={metadata.version(library)}".encode())
        except metadata.PackageNotFoundError:
            h.update(library.encode())
    return h.hexdigest()


def report_digest(report: Report) -> str:
    """A report's content, whatever file it came from: equal digests, equal documents."""
    return hashlib.sha256(repr(replace(report, source="", checksum="")).encode()).hexdigest()


@dataclass(frozen=True)
class Manifest:
    """What the next build needs to know of a generation."""

    fingerprint: str
    terms: tuple[str, ...]  # every report's domain words (queries are segmented with them)
    reports: dict[str, str]  # report ID -> report_digest
    lengths: dict[str, dict[str, int]] = field(default_factory=dict)  # report ID -> field -> total length

    def write(self, path: Path) -> None:
        (path / MANIFEST).write_text(json.dumps({"fingerprint": self.fingerprint, "terms": list(self.terms),
                                                 "reports": self.reports, "lengths": self.lengths},
                                                ensure_ascii=False), encoding="utf-8")

    @classmethod
    def of(cls, reports: list[Report], terms: list[str], mark: str, lengths: dict[str, dict[str, int]]) -> Manifest:
        return cls(mark, tuple(terms), {r.id: report_digest(r) for r in reports}, {r.id: lengths.get(r.id, {}) for r in reports})

    @classmethod
    def read(cls, path: Path) -> Manifest | None:
        try:
            data = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
            return cls(data["fingerprint"], tuple(data["terms"]), dict(data["reports"]), dict(data["lengths"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None  # an older generation, or a damaged file: the build is a full one


@dataclass(frozen=True)
class Plan:
    """How a build makes the new generation.

    :param full: build every report afresh (``reason`` says why).
    :param drop: report IDs whose documents the new generation must not keep.
    :param add: the reports analysed and added (all of them in a full build).
    :param kept: the reports whose documents are kept as they are.
    """

    full: bool
    reason: str
    drop: tuple[str, ...] = ()
    add: tuple[Report, ...] = ()
    kept: tuple[Report, ...] = ()


def plan(previous: Manifest | None, reports: list[Report], mark: str, *, full: bool = False) -> Plan:
    """What a build of ``reports`` must do, given the manifest of the generation in service
    and the :func:`fingerprint` of this build."""
    if full:
        return Plan(True, "asked for", add=tuple(reports))
    if previous is None:
        return Plan(True, "no previous index to start from", add=tuple(reports))
    if previous.fingerprint != mark:
        return Plan(True, "the indexer changed since the previous index", add=tuple(reports))
    add, kept = [], []
    for report in reports:
        (kept if previous.reports.get(report.id) == report_digest(report) else add).append(report)
    present = {r.id for r in reports}
    drop = sorted({r.id for r in add if r.id in previous.reports} | (set(previous.reports) - present))
    if sum(len(r.paragraphs) for r in add) > FULL_SHARE * max(1, sum(len(r.paragraphs) for r in reports)):
        return Plan(True, "most reports changed", add=tuple(reports))
    return Plan(False, "", tuple(drop), tuple(add), tuple(kept))


MAX_SEGMENTS = 8  # segments an index may gather from incremental builds before the smallest are merged


def merge_policy(dropped: dict[str, dict[str, int]]):
    """A Whoosh merge policy for an incremental build that keeps statistics exact.

    A segment that lost documents is rewritten without them (a deleted document would still
    count in term statistics), and the smallest segments are merged when there are more
    than MAX_SEGMENTS. Whoosh's merge sums each document's field length as stored, which is
    rounded to a byte, so a merged segment's total field lengths (hence the average length
    BM25 uses) would drift from a full build's; they are set to the exact totals instead:
    the segment's own, less the exact totals of the reports deleted from it (``dropped``,
    report ID -> field -> total, as the previous build recorded them)."""
    def policy(writer, segments):
        merge = [s for s in segments if s.has_deletions()]
        clean = [s for s in segments if not s.has_deletions()]
        if len(clean) >= MAX_SEGMENTS:
            merge += sorted(clean, key=lambda s: s.doc_count_all())[:len(clean) - MAX_SEGMENTS + 2]
        totals = writer.perdocwriter._fieldlengths
        for segment in merge:
            exact = dict(segment._fieldlengths)
            reader = SegmentReader(writer.storage, writer.schema, segment)
            for report, lengths in dropped.items():
                if reader.doc_frequency("report", report):
                    for name, length in lengths.items():
                        exact[name] = exact.get(name, 0) - length
            before = dict(totals)
            writer.add_reader(reader)
            reader.close()
            for name in set(exact) | set(totals):
                totals[name] += exact.get(name, 0) - (totals[name] - before.get(name, 0))
        return [s for s in segments if s not in merge]
    return policy


def is_index_file(name: str) -> bool:
    """Whoosh's own files in a generation (its table of contents and segments, not its lock)."""
    return (name.startswith("_MAIN_") or name.startswith("MAIN_")) and name != "MAIN_WRITELOCK"


def link_index(previous: Path, staging: Path) -> None:
    """Start ``staging`` from the previous generation's segments: hard links (segments are
    never written again, so both generations can share them)."""
    for path in previous.iterdir():
        if path.is_file() and is_index_file(path.name):
            os.link(path, staging / path.name)


# -- parsed reports, kept per generation ---------------------------------------------------

class ParsedCache:
    """The parsed reports of a generation, by the SHA-256 of the file they were parsed from."""

    def __init__(self, generation: Path | None, mark: str | None = None) -> None:
        usable = (generation is not None and (m := Manifest.read(generation)) is not None
                  and m.fingerprint == (mark or fingerprint()))
        self.folder = generation / PARSED if usable else None

    def get(self, checksum: str, source: str) -> Report | None:
        if self.folder is None:
            return None
        try:
            with gzip.open(self.folder / f"{checksum}{SUFFIX}", "rb") as handle:
                report = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, zlib.error):
            return None
        return replace(report, source=source) if isinstance(report, Report) else None


def save_parsed(staging: Path, reports: list[Report], cache: ParsedCache) -> None:
    """Keep each report's parse in the new generation: linked from the previous one when
    it is there (and made by the same code), else written."""
    folder = staging / PARSED
    folder.mkdir(exist_ok=True)
    for report in reports:
        if not report.checksum:
            continue
        name = f"{report.checksum}{SUFFIX}"
        old = cache.folder / name if cache.folder is not None else None
        if old is not None and old.is_file():
            os.link(old, folder / name)
        else:
            with gzip.open(folder / name, "wb", compresslevel=6) as handle:
                pickle.dump(replace(report, source=""), handle, protocol=pickle.HIGHEST_PROTOCOL)
