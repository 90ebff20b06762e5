"""Shared fixtures: the real corpus, parsed once, and a small index built once per session."""
from __future__ import annotations

import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

from indexer.build import build_index
from indexer.load import load_corpus
from indexer.store import build_lock, open_current

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def reports():
    loaded, failures = load_corpus(CORPUS)
    assert not failures
    return {r.year: r for r in loaded}


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory, reports) -> Path:
    root = tmp_path_factory.mktemp("index")
    build_index(sorted(reports.values(), key=lambda r: r.year), root)
    return root


@pytest.fixture()
def searcher(index_dir):
    ix, _meta, _path = open_current(index_dir)
    with ix.searcher() as s:
        yield s
    ix.close()


@contextmanager
def _build_running(root: Path):
    """Another build holds ``root``'s lock (a thread) for the duration of the block."""
    holding, release = threading.Event(), threading.Event()

    def hold():
        with build_lock(root):
            holding.set()
            release.wait(10)

    worker = threading.Thread(target=hold)
    worker.start()
    holding.wait(10)
    try:
        yield
    finally:
        release.set()
        worker.join()


@pytest.fixture()
def build_running():
    """``with build_running(root):`` another build of ``root`` is under way."""
    return _build_running
