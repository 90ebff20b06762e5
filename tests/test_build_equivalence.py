"""The faster ways of building write exactly the index the plain way writes: same documents,
numbers, stored fields, postings (positions and offsets), field lengths, hence scores."""
from __future__ import annotations

from pathlib import Path

from indexer import analysis
from indexer.build import build_index
from indexer.contents import differences, digest
from indexer.fold import fold
from indexer.store import current_generation

ROOT = Path(__file__).resolve().parent.parent


def test_the_digest_sees_a_one_paragraph_difference(tmp_path, reports, index_dir):
    ordered = sorted(reports.values(), key=lambda r: r.year)
    shorter = ordered[0].__class__(**{**ordered[0].__dict__, "paragraphs": ordered[0].paragraphs[:-1]})
    build_index([shorter, *ordered[1:]], tmp_path)
    assert digest(current_generation(tmp_path)) != digest(current_generation(index_dir))


def test_memoised_analysis_builds_the_same_index_as_analysing_every_string(tmp_path, reports, index_dir, monkeypatch):
    monkeypatch.setattr(analysis, "_memoised", lambda kind, _key, text, query: analysis._pieces(kind, text, query))
    monkeypatch.setattr(analysis, "fold", fold.__wrapped__)
    build_index(sorted(reports.values(), key=lambda r: r.year), tmp_path)
    assert differences(current_generation(tmp_path), current_generation(index_dir)) == []


def test_a_build_whose_postings_overflow_to_disk_writes_the_same_index(tmp_path, reports, index_dir, monkeypatch):
    """Past its memory limit the pool writes runs and merges them back (:mod:`indexer.pool`)."""
    from indexer import writing

    limit = 0.2  # MB: a run every ~2,000 postings, dozens of runs for the two reports
    monkeypatch.setattr(writing.write_documents, "__defaults__", (None, limit))
    runs = []
    original = writing.TermPool.save
    monkeypatch.setattr(writing.TermPool, "save", lambda self: (runs.append(1), original(self)))
    build_index(sorted(reports.values(), key=lambda r: r.year), tmp_path)
    assert len(runs) > 10
    assert differences(current_generation(tmp_path), current_generation(index_dir)) == []


def test_a_build_in_worker_processes_writes_the_index_of_a_single_process_build(tmp_path, corpus_dir, index_dir):
    """Four reports (the two real ones, copied under other years) so the workers do start,
    each writing one segment; a file that fails comes back from a worker as a failure, not
    as a broken pool."""
    import json

    from indexer.load import load_corpus
    from indexer.parallel import workers
    from indexer.search import search
    from indexer.snapshot import Snapshot

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for source in sorted(corpus_dir.glob("*.txt")):
        text = source.read_text(encoding="utf-8")
        (corpus / source.name).write_text(text, encoding="utf-8")
        year = int(source.stem.rsplit("-", 1)[1])
        (corpus / f"later-{year}.txt").write_text(text.replace(f"{year}年度", f"{year + 2}年度"), encoding="utf-8")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    single, _ = load_corpus(corpus)
    with workers(2, len(single)) as pool:
        assert pool is not None
        parallel, failures = load_corpus(corpus, pool)
        assert parallel == single and [f.source for f in failures] == ["empty.txt"]
        build_index(parallel, tmp_path / "parallel", jobs=2, pool=pool)
    build_index(single, tmp_path / "single", jobs=1)
    a, b = current_generation(tmp_path / "single"), current_generation(tmp_path / "parallel")
    assert differences(a, b) == []
    assert len(list(b.glob("*.seg"))) == 2 and len(list(a.glob("*.seg"))) == 1
    queries = [q["query"] for q in json.loads((corpus_dir.parent / "bench" / "devset.json").read_text("utf-8"))][:20]
    left, right = Snapshot.open(a), Snapshot.open(b)
    try:
        for query in queries:
            x, y = search(left, query, limit=20), search(right, query, limit=20)
            assert [(h.id, h.score) for h in x.hits] == [(h.id, h.score) for h in y.hits] and x.total == y.total, query
    finally:
        left.close()
        right.close()


def test_a_worker_ends_when_its_build_is_killed(tmp_path):
    """A build killed with SIGKILL (see test_faults) must not leave workers waiting forever."""
    import os
    import signal
    import subprocess
    import sys
    import time

    script = ("import os, sys, time\n"
              "from indexer.parallel import workers\n"
              "if __name__ == '__main__':\n"
              "    with workers(2, 10) as pool:\n"
              "        print(*{pool.submit(os.getpid).result() for _ in range(8)}, flush=True)\n"
              "        time.sleep(60)\n")
    (tmp_path / "build.py").write_text(script, encoding="utf-8")
    process = subprocess.Popen([sys.executable, str(tmp_path / "build.py")], stdout=subprocess.PIPE, text=True,
                               cwd=str(tmp_path), env={**os.environ, "PYTHONPATH": str(ROOT)})
    pids = [int(p) for p in process.stdout.readline().split()]
    assert pids
    process.send_signal(signal.SIGKILL)
    process.wait(10)
    process.stdout.close()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in pids)


def _alive(pid: int) -> bool:
    import os

    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is dead: only its parent (gone) would reap it
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False
