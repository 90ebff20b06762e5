"""Old generations are deleted once no reader holds them; the one in service, the one it
replaced and any a reader still holds are kept (see indexer.generations)."""
from __future__ import annotations

import threading

import pytest
from click.testing import CliRunner

from indexer.build import build_index
from indexer.cli import main
from indexer.errors import IndexMissingError
from indexer.generations import hold
from indexer.search import search
from indexer.snapshot import Snapshot
from indexer.store import current_generation

from test_faults import QUERY, Server, answer


def generations(root):
    return sorted(p.name for p in root.glob("gen-*") if p.is_dir())


@pytest.fixture()
def one_report(reports):
    return [reports[104]]


def test_builds_keep_the_current_and_the_previous_generation_only(tmp_path, one_report):
    names = [build_index(one_report, tmp_path).path.name for _ in range(3)]
    assert generations(tmp_path) == sorted(names[1:])
    assert current_generation(tmp_path).name == names[2]


def test_a_generation_a_reader_holds_outlives_builds_and_goes_at_the_next_gc(tmp_path, one_report):
    first = build_index(one_report, tmp_path).path
    snapshot = Snapshot.open(first)
    expected = [h.id for h in search(snapshot, QUERY).hits]
    build_index(one_report, tmp_path)
    build_index(one_report, tmp_path)
    assert first.is_dir()  # held, though two builds old
    assert [h.id for h in search(snapshot, QUERY).hits] == expected  # and still answers
    with snapshot.searcher() as _a, snapshot.searcher() as _b:  # new searchers open from its files
        pass
    snapshot.close()
    result = CliRunner().invoke(main, ["gc", "--index", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Removed 1 generation ({first.name}); kept ")
    assert not first.exists() and len(generations(tmp_path)) == 2


def test_gc_says_which_generations_a_reader_still_holds(tmp_path, one_report):
    first = build_index(one_report, tmp_path).path
    held = hold(first)
    try:
        build_index(one_report, tmp_path)
        build_index(one_report, tmp_path)
        result = CliRunner().invoke(main, ["gc", "--index", str(tmp_path)])
        assert f"in use by a reader, kept for now: {first.name}" in result.output and first.is_dir()
    finally:
        held.release()


def test_a_removed_generation_cannot_be_held(tmp_path):
    with pytest.raises(IndexMissingError):
        hold(tmp_path / "gen-removed")


def test_gc_without_an_index_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(main, ["gc", "--index", str(tmp_path / "none")])
    assert result.exit_code != 0 and "no index" in result.output
    assert not (tmp_path / "none").exists()


def test_a_server_keeps_answering_while_builds_and_gc_remove_what_it_held(tmp_path, one_report):
    first = build_index(one_report, tmp_path).path
    server = Server(tmp_path)
    failures: list[str] = []
    stop = threading.Event()
    try:
        expected = answer(server)  # the server now holds the first generation
        build_index(one_report, tmp_path)
        build_index(one_report, tmp_path)
        assert first.is_dir()  # no request since: the server still holds it

        def keep_asking() -> None:
            while not stop.is_set():
                status, body = server.ask()
                if status != 200 or [hit["id"] for hit in body.get("hits", [])] != expected:
                    failures.append(f"{status} {str(body)[:200]}")

        asker = threading.Thread(target=keep_asking)
        asker.start()
        for _ in range(3):
            build_index(one_report, tmp_path)
            assert CliRunner().invoke(main, ["gc", "--index", str(tmp_path)]).exit_code == 0
        stop.set()
        asker.join(60)
        assert not first.exists()  # the server moved on, and the first generation went
        assert answer(server) == expected
    finally:
        stop.set()
        server.close()
    assert failures == []
    assert len(generations(tmp_path)) <= 3  # current, previous, and at most the one a request still held
