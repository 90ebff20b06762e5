"""Faults: builds killed at any point, concurrent builds, rebuilds under searching.

A build writes a new generation beside the one in service and publishes it with an atomic
rename (:mod:`indexer.store`): whatever happens to a build, the server keeps answering from
the previous generation, and the next build succeeds without anyone cleaning up. These tests
do it for real: ``reportsearch index`` in a subprocess, killed with SIGKILL, while a server
answers over HTTP.
"""
from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from web import create_app
from web.server import start_in_thread, stop

ROOT = Path(__file__).resolve().parent.parent
QUERY = "勞資爭議 調解"
KILLS = 10


def index_command(corpus: Path, index: Path) -> list[str]:
    return [sys.executable, "-c", "from indexer.cli import main; main()", "index",
            "--corpus", str(corpus), "--index", str(index)]


def run_index(corpus: Path, index: Path) -> subprocess.CompletedProcess:
    return subprocess.run(index_command(corpus, index), cwd=ROOT, capture_output=True, text=True, timeout=300)


class Server:
    """The app over ``index``, served by waitress on a thread, asked over HTTP."""

    def __init__(self, index: Path) -> None:
        self.app = create_app({"INDEX_ROOT": index, "TESTING": True})
        self.server, self.thread = start_in_thread(self.app)

    def ask(self, query: str = QUERY) -> tuple[int, dict]:
        url = f"http://127.0.0.1:{self.server.effective_port}/api/search?" + urllib.parse.urlencode({"q": query})
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as exc:
            return exc.code, {}

    def close(self) -> None:
        stop(self.server, self.thread)


def answer(server: Server) -> list[str]:
    status, body = server.ask()
    assert status == 200
    return [hit["id"] for hit in body["hits"]]


@pytest.fixture()
def built(tmp_path, corpus_dir):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(corpus_dir, corpus)
    started = time.monotonic()
    first = run_index(corpus, index)
    assert first.returncode == 0, first.stderr
    return corpus, index, time.monotonic() - started


def test_a_build_killed_at_any_point_never_changes_what_the_server_answers(built):
    corpus, index, duration = built
    server = Server(index)
    try:
        expected = answer(server)
        assert expected
        for i in range(KILLS):
            # spread over the build: start-up and parsing, writing, committing, publishing
            delay = duration * (i + 0.5) / KILLS
            process = subprocess.Popen(index_command(corpus, index), cwd=ROOT,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(delay)
            process.send_signal(signal.SIGKILL)
            process.wait(30)
            assert answer(server) == expected, f"after a kill at {delay:.2f} s"
        final = run_index(corpus, index)  # and the next build succeeds without clean-up
        assert final.returncode == 0, final.stderr
        assert answer(server) == expected
        assert not list(index.glob("*.tmp"))
        assert len([p for p in index.glob("gen-*") if p.is_dir()]) <= 2
    finally:
        server.close()


def test_concurrent_builds_one_wins_the_other_is_refused_and_the_index_is_whole(built):
    corpus, index, _duration = built
    processes = [subprocess.Popen(index_command(corpus, index), cwd=ROOT, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for _ in range(3)]
    outcomes = []
    for p in processes:
        _out, err = p.communicate(timeout=300)
        outcomes.append((p.returncode, err))
    assert sum(code == 0 for code, _err in outcomes) >= 1
    assert all(code == 0 or "another build" in err for code, err in outcomes)
    server = Server(index)
    try:
        assert answer(server)
    finally:
        server.close()


def test_searches_go_on_through_rebuilds_without_a_failed_or_empty_answer(built):
    corpus, index, _duration = built
    server = Server(index)
    failures: list[str] = []
    answers = 0
    stop = threading.Event()

    def keep_asking() -> None:
        nonlocal answers
        while not stop.is_set():
            status, body = server.ask()
            answers += 1
            if status != 200 or not body.get("hits"):
                failures.append(f"{status} {str(body)[:200]}")

    asker = threading.Thread(target=keep_asking)
    asker.start()
    try:
        for _ in range(5):
            rebuilt = run_index(corpus, index)
            assert rebuilt.returncode == 0, rebuilt.stderr
    finally:
        stop.set()
        asker.join(60)
        server.close()
    assert answers > 5 and failures == []


def test_a_corpus_of_bad_files_names_each_with_its_reason_and_indexes_the_good_ones(tmp_path, corpus_dir):
    """Empty, binary, truncated, other encodings, no contents, no body, links that lead
    nowhere, odd names and a report of a megabyte, side by side with good reports."""
    from bench.corpora import generate_corpus, read_sources

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    generated = [g.text for g in generate_corpus(read_sources(corpus_dir), 4)]
    shutil.copy(corpus_dir / "kcg-labor-104.txt", corpus / "good-utf8.txt")
    (corpus / "good-utf16.txt").write_bytes(generated[0].encode("utf-16"))
    (corpus / "good-big5.txt").write_bytes(generated[1].encode("cp950", errors="replace"))
    lines = generated[2].splitlines()
    cut = int(len(lines) * 0.4)
    (corpus / "good-1mb.txt").write_text("\n".join(lines[:cut] + lines[cut:] * 32), encoding="utf-8")
    body_lines = generated[3].splitlines()
    (corpus / "truncated.txt").write_text("\n".join(body_lines[: len(body_lines) // 3]), encoding="utf-8")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (corpus / "undecodable.txt").write_bytes(bytes([0x81, 0x30, 0xFE, 0xFF, 0x80]) * 10)
    (corpus / "no-contents.txt").write_text("高雄市政府勞工局109年度施政績效成果報告\n只有一段文字。\n", encoding="utf-8")
    toc_only = "\n".join(lines[: lines.index(next(l for l in lines if l.startswith("一、"))) + 1])
    (corpus / "no-body.txt").write_text(toc_only, encoding="utf-8")
    (corpus / "loop.txt").symlink_to(corpus / "loop.txt")
    (corpus / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (corpus / "odd\tname 名稱\n.txt").write_bytes(b"\x00")
    result = run_index(corpus, tmp_path / "index")
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    reasons = {
        "truncated.txt": "body looks truncated",
        "empty.txt": "empty file",
        "binary.txt": "binary data",
        "undecodable.txt": "not UTF-8, UTF-16 or Big5",
        "no-contents.txt": "no table of contents",
        "no-body.txt": "no body text",
        "loop.txt": "symbolic links",
        "dangling.txt": "No such file",
        "odd\\tname 名稱\\n.txt": "binary data",
    }
    for name, reason in reasons.items():
        assert any(line.startswith(f"error: {name}: ") and reason in line for line in errors), (name, errors)
    assert len(errors) == len(reasons)
    assert "Indexed 5 reports" in result.stdout  # the four good ones and the truncated one
