"""Which index generations may be deleted: those no reader holds.

A server keeps the generation it opened until its next request after a build, and a
request that started on it finishes on it (:mod:`web.served_index`). Deleting a generation
under an open Whoosh index is not safe even on Linux: Whoosh opens a segment's column files
(field lengths, sortable columns) lazily, on first use, and opens each new searcher of a
pool from the directory, so a reader would fail on files removed after it opened the
index. So every reader holds a shared ``flock`` on the generation's ``.readers`` file from
open to close (:func:`hold`), and collection deletes a generation only while holding an
exclusive lock on it, which it cannot get while anyone reads it (:func:`collect`).

Kept always: the generation in service (``CURRENT``) and the one it replaced (``PREVIOUS``):
a reader that read ``CURRENT`` just before a publish opens the one that became previous.
A reader that took its lock on a generation being deleted sees it is gone (the lock file's
inode no longer in the directory) and gets :class:`~indexer.errors.IndexMissingError`.
"""
from __future__ import annotations

import fcntl
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from .errors import IndexMissingError

READERS = ".readers"
PREVIOUS = "PREVIOUS"


class Hold:
    """A shared lock on one generation, held by a reader until :meth:`release`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._fd: int | None = os.open(path / READERS, os.O_RDWR | os.O_CREAT, 0o644)
        except FileNotFoundError:
            raise IndexMissingError(f"index generation {path} was removed; try again", key="index_missing") from None
        try:
            fcntl.flock(self._fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            gone = os.fstat(self._fd).st_ino != os.stat(path / READERS).st_ino
        except (BlockingIOError, FileNotFoundError):
            gone = True  # being deleted, or deleted between our open and our lock
        if gone:
            self.release()
            raise IndexMissingError(f"index generation {path} was removed; try again", key="index_missing")

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # releases the lock
            self._fd = None


def hold(path: Path) -> Hold:
    """Hold the generation at ``path`` for reading. :raises IndexMissingError: when it is gone."""
    return Hold(path)


@dataclass(frozen=True)
class Collected:
    """What a collection did: generations removed, and older ones kept because a reader holds them."""

    removed: tuple[str, ...]
    in_use: tuple[str, ...]
    kept: tuple[str, ...]  # the current and the previous generation


def _named(root: Path, pointer: str) -> str | None:
    try:
        return (root / pointer).read_text(encoding="utf-8").strip() or None
    except FileNotFoundError:
        return None


def _remove_unless_held(path: Path) -> bool:
    """Delete ``path`` if no reader holds it; True if deleted."""
    try:
        fd = os.open(path / READERS, os.O_RDWR | os.O_CREAT, 0o644)
    except FileNotFoundError:
        return False  # gone already
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        shutil.rmtree(path, ignore_errors=True)  # the lock file last of all is fine: readers check its inode
        return True
    finally:
        os.close(fd)


def collect(root: Path, current: str) -> Collected:
    """Delete the generations under ``root`` other than ``current`` and the previous one
    that no reader holds. Call with the build lock held (a build in progress writes a
    ``.tmp`` generation, never touched here)."""
    previous = _named(root, PREVIOUS)
    keep = {current, previous} - {None}
    removed, in_use = [], []
    for path in sorted(p for p in root.glob("gen-*") if p.is_dir() and p.suffix != ".tmp"):
        if path.name in keep:
            continue
        (removed if _remove_unless_held(path) else in_use).append(path.name)
    return Collected(tuple(removed), tuple(in_use), tuple(sorted(keep)))


def remember_previous(root: Path, name: str | None) -> None:
    """Record ``name`` (the generation just replaced) as the previous one, atomically."""
    if name is None:
        return
    tmp = root / (PREVIOUS + ".tmp")
    tmp.write_text(name + "\n", encoding="utf-8")
    os.replace(tmp, root / PREVIOUS)
