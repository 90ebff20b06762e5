"""Where indexes live on disk, and how a new one replaces the old one atomically.

An index directory holds generations (``gen-<time>-<pid>``) and a ``CURRENT`` file naming
the one in service. A build writes a new generation beside the old one and only then
replaces ``CURRENT`` (an atomic rename), so an interrupted or failed build leaves the
previous index serving. A lock file makes a second concurrent build fail with a clear
message instead of interleaving.
"""
from __future__ import annotations

import fcntl
import json
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.index import Index

from . import lexicon
from .errors import IndexBusyError, IndexMissingError
from .generations import collect, remember_previous
from .schema import build_schema

CURRENT = "CURRENT"
LOCK = ".build.lock"
META = "reports.json"


def default_index_dir() -> Path:
    return Path(os.environ.get("REPORTSEARCH_INDEX", "instance/index"))


def default_corpus_dir() -> Path:
    return Path(os.environ.get("REPORTSEARCH_CORPUS", "corpus"))


@contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """Hold the build lock of ``root`` or raise :class:`IndexBusyError`."""
    root.mkdir(parents=True, exist_ok=True)
    with open(root / LOCK, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise IndexBusyError(f"another build of {root} is running; try again when it has finished") from exc
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def new_generation(root: Path) -> Path:
    """A staging directory for a new generation. Called with the build lock held, so any
    other ``*.tmp`` generation was abandoned by a build that died (kill -9, power cut): those
    are removed here, and never counted among the generations kept."""
    for abandoned in root.glob("gen-*.tmp"):
        if abandoned.is_dir():
            shutil.rmtree(abandoned, ignore_errors=True)
    path = root / f"gen-{time.strftime('%Y%m%d%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**6}.tmp"
    path.mkdir(parents=True)
    return path


def publish(root: Path, staging: Path) -> Path:
    """Make a finished generation current, then delete the old ones no reader holds (see
    :mod:`indexer.generations`: the one replaced is kept, as is any a server still reads)."""
    final = staging.with_suffix("")
    staging.rename(final)
    try:
        replaced = (root / CURRENT).read_text(encoding="utf-8").strip() or None
    except FileNotFoundError:
        replaced = None
    pointer = root / (CURRENT + ".tmp")
    pointer.write_text(final.name + "\n", encoding="utf-8")
    remember_previous(root, replaced)
    os.replace(pointer, root / CURRENT)
    collect(root, final.name)
    return final


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)


def current_generation(root: Path) -> Path:
    """The generation in service. :raises IndexMissingError: when there is none."""
    try:
        name = (root / CURRENT).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        raise IndexMissingError(f"no index in {root}; build one with `reportsearch index`", key="index_missing") from None
    path = root / name
    if not path.is_dir():
        raise IndexMissingError(f"index {path} named by {root / CURRENT} is missing; rebuild with `reportsearch index`",
                                key="index_missing")
    return path


def missing_fields(root: Path) -> list[str]:
    """Fields of the current schema that the generation in service lacks: an index built by
    an earlier version still answers, but without them (rebuild to get them)."""
    have = set(whoosh_index.open_dir(str(current_generation(root))).schema.names())
    return [name for name in build_schema().names() if name not in have]


def open_generation(path: Path) -> tuple[Index, list[dict], lexicon.Segmenter]:
    """Open one generation: the Whoosh index, the report metadata, and a segmenter with the
    generation's own domain words (queries are segmented as the index was)."""
    meta = json.loads((path / META).read_text(encoding="utf-8"))
    return whoosh_index.open_dir(str(path)), meta, lexicon.segmenter(frozenset(lexicon.load(path)))


def open_current(root: Path) -> tuple[Index, list[dict], Path]:
    """Open the generation in service: the Whoosh index, the report metadata, its path."""
    path = current_generation(root)
    index, meta, _segmenter = open_generation(path)
    return index, meta, path
