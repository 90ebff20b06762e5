"""Read report files from disk: the I/O edge in front of the pure parser.

Taiwanese government files come as UTF-8 (with or without BOM), UTF-16 with BOM, or
Big5/CP950, with any line ending. Decoding is tried strictly in the order BOM, UTF-8, Big5,
CP950 (Microsoft's superset of Big5, which maps a few bytes differently, e.g. ／), so a
wrong guess fails loudly instead of producing mojibake; a file that is none of these, or that
does not parse, is reported by name while the other reports still load.
"""
from __future__ import annotations

import codecs
import hashlib
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, replace
from pathlib import Path

from .errors import ReportError
from .model import Report
from .parse import parse_report

SUFFIXES = {".txt"}


@dataclass(frozen=True)
class Failure:
    """A report that could not be loaded, and why."""

    source: str
    reason: str


def decode(data: bytes) -> str:
    """Decode report bytes; see the module docstring for the order tried.

    :raises ReportError: for empty, binary or undecodable data.
    """
    if not data.strip():
        raise ReportError("empty file")
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise ReportError(f"invalid {encoding} text: {exc.reason} at byte {exc.start}") from exc
    if b"\x00" in data:
        raise ReportError("binary data (NUL bytes), not a text report")
    cut = None
    for encoding in ("utf-8", "big5", "cp950"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            if encoding == "utf-8" and exc.reason == "unexpected end of data":
                cut = exc.start  # valid UTF-8 up to a character cut at the very end
            continue
    if cut is not None:
        raise ReportError(f"UTF-8 text cut in the middle of a character at byte {cut} (the file looks truncated)")
    raise ReportError("not UTF-8, UTF-16 or Big5/CP950 text")


def shown(name: str) -> str:
    """A file name as messages print it: control characters (a newline in a name would split
    a warning line) escaped."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in name)


def read_report(path: Path) -> Report:
    """Read and parse one report file.

    :raises ReportError: with the file name in the message.
    """
    try:
        data = path.read_bytes()
        report = parse_report(decode(data), source=shown(path.name))
        return replace(report, checksum=hashlib.sha256(data).hexdigest())
    except ReportError as exc:
        raise ReportError(f"{shown(path.name)}: {exc}") from exc
    except OSError as exc:
        raise ReportError(f"{shown(path.name)}: cannot read ({exc.strerror})") from exc


def report_files(corpus: Path) -> list[Path]:
    """The report files of a corpus directory, in name order: files, and links that claim to
    be reports even when they lead nowhere (a dangling link or a loop is then named with its
    reason instead of being skipped without a word)."""
    if not corpus.is_dir():
        raise ReportError(f"corpus directory not found: {corpus}")
    return sorted(p for p in corpus.iterdir()
                  if p.suffix.lower() in SUFFIXES and (p.is_symlink() or p.is_file()))


def checksum(path: Path) -> str | None:
    """SHA-256 of a file's bytes (None when it cannot be read: parsing it says why)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def load_corpus(corpus: Path, pool: Executor | None = None,
                cached: Callable[[str, str], Report | None] | None = None) -> tuple[list[Report], list[Failure]]:
    """Every report of a corpus directory that loads, and the failures of the others.

    Two reports with the same ID (same agency and year) are a failure of the second.

    :param pool: worker processes to parse the files in (see :mod:`indexer.parallel`).
    :param cached: a file's earlier parse, by (SHA-256 of its bytes, name as shown), if
        known (:class:`indexer.incremental.ParsedCache`): only the other files are parsed.
    """
    from .parallel import MIN_REPORTS, read_all

    reports: list[Report] = []
    failures: list[Failure] = []
    seen: dict[str, str] = {}
    paths = report_files(corpus)
    known: list[Report | None] = [None] * len(paths)
    if cached is not None:
        for i, path in enumerate(paths):
            if (sha := checksum(path)) is not None:
                known[i] = cached(sha, shown(path.name))
    todo = [p for p, k in zip(paths, known) if k is None]
    fresh = iter(read_all(todo, pool if len(todo) >= MIN_REPORTS else None))
    for path, report in zip(paths, [k if k is not None else next(fresh) for k in known]):
        if isinstance(report, ReportError):
            failures.append(Failure(path.name, str(report)))
            continue
        if report.id in seen:
            failures.append(Failure(path.name, f"{shown(path.name)}: same agency and year as {shown(seen[report.id])}"
                                               f" ({report.id})"))
            continue
        seen[report.id] = path.name
        reports.append(report)
        if report.damaged:  # indexed, so what it holds can be found, but reported as a failure
            failures.append(Failure(path.name, f"{shown(path.name)}: {report.damaged}"))
    return reports, failures
