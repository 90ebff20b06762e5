"""An incremental build keeps the unchanged reports of the index in service and gives the
same index, to a reader, as a full build: the same export, the same hits with the same
scores in the same order, the same facet counts."""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

import indexer.build
import indexer.load
from indexer.build import build_index
from indexer.cli import main
from indexer.contents import digest
from indexer.export import export_paragraphs
from indexer.incremental import PARSED, Manifest, plan, report_digest
from indexer.search import search
from indexer.snapshot import Snapshot
from indexer.store import current_generation

ROOT = Path(__file__).resolve().parent.parent
EXTRA = ["勞工 -訓練", "104年 勞資爭議", "職業災害"]  # a query that excludes, a year, a plain word


def later(report, years: int):
    """The same report published ``years`` later (another report ID, the same text)."""
    return replace(report, id=report.id.replace(str(report.year), str(report.year + years)),
                   year=report.year + years, year_ad=report.year_ad + years, checksum="",
                   paragraphs=tuple(replace(p, id=p.id.replace(f"-{report.year}-", f"-{report.year + years}-"))
                                    for p in report.paragraphs))


def queries() -> list[str]:
    devset = json.loads((ROOT / "bench" / "devset.json").read_text("utf-8"))
    return [q["query"] for q in devset][:15] + EXTRA


def assert_same_to_a_reader(left: Path, right: Path) -> None:
    assert list(export_paragraphs(left)) == list(export_paragraphs(right))
    a, b = Snapshot.open(current_generation(left)), Snapshot.open(current_generation(right))
    try:
        for query in queries():
            for sort in ("relevance", "report"):
                x, y = search(a, query, limit=30, sort=sort), search(b, query, limit=30, sort=sort)
                assert [(h.id, h.score) for h in x.hits] == [(h.id, h.score) for h in y.hits], (query, sort)
                assert (x.total, x.facets) == (y.total, y.facets), query
    finally:
        a.close()
        b.close()


@pytest.fixture()
def three(reports):
    """Three reports in corpus order: 104, 106 (104's text two years on), 110."""
    return [reports[104], later(reports[104], 2), reports[110]]


def test_a_report_added_in_the_middle_of_the_corpus_is_the_only_one_analysed(tmp_path, three):
    previous = build_index([three[0], three[2]], tmp_path / "inc").path
    before = digest(previous)
    summary = build_index(three, tmp_path / "inc")
    assert not summary.full and summary.analysed == 1 and summary.reports == 3
    assert digest(previous) == before  # the generation it started from (shared files) is untouched
    build_index(three, tmp_path / "full", full=True)
    assert_same_to_a_reader(tmp_path / "inc", tmp_path / "full")


def test_a_changed_and_a_removed_report_give_the_index_of_a_full_build(tmp_path, three):
    build_index(three, tmp_path / "inc")
    first = three[0]
    changed = replace(first, paragraphs=first.paragraphs[:-3] + (replace(first.paragraphs[-3], text="新的一段：勞工權益。"),))
    summary = build_index([changed, three[1]], tmp_path / "inc")
    assert not summary.full and summary.analysed == 1
    build_index([changed, three[1]], tmp_path / "full", full=True)
    assert_same_to_a_reader(tmp_path / "inc", tmp_path / "full")
    left = Snapshot.open(current_generation(tmp_path / "inc"))
    try:  # the deleted documents are gone from the segments, not just marked
        assert left.doc_count_all == left.doc_count == len(changed.paragraphs) + len(three[1].paragraphs)
    finally:
        left.close()


def test_a_report_renamed_or_moved_keeps_its_documents(reports):
    """The plan goes by content: a file renamed (another source) is not analysed again."""
    report = reports[104]
    previous = Manifest("mark", (), {report.id: report_digest(report)})
    todo = plan(previous, [replace(report, source="renamed.txt")], "mark")
    assert not todo.full and todo.add == () and todo.drop == ()


def test_a_new_indexer_or_full_rebuilds_everything(tmp_path, three, monkeypatch):
    build_index(three[:2], tmp_path)
    assert build_index(three[:2], tmp_path, full=True).full
    monkeypatch.setattr(indexer.build, "fingerprint", lambda _schema: "another version")
    summary = build_index(three[:2], tmp_path)
    assert summary.full and "changed" in summary.reason


def test_most_reports_changed_is_a_full_build(tmp_path, three):
    build_index(three[:1], tmp_path)
    summary = build_index(three, tmp_path)
    assert summary.full and summary.reason == "most reports changed"


def test_the_command_parses_only_the_files_that_changed(tmp_path, corpus_dir, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    files = sorted(corpus_dir.glob("*.txt"))
    for source in files:
        (corpus / source.name).write_bytes(source.read_bytes())
    runner = CliRunner()
    args = ["index", "--corpus", str(corpus), "--index", str(tmp_path / "ix"), "--jobs", "1"]
    assert runner.invoke(main, args).exit_code == 0
    parsed = []
    real = indexer.load.read_report
    monkeypatch.setattr(indexer.load, "read_report", lambda path: parsed.append(path.name) or real(path))
    smaller = files[1]  # the other has more than half the paragraphs: changing it is a full build
    text = smaller.read_text("utf-8")
    (corpus / smaller.name).write_text(text.replace("勞工", "勞工朋友", 1), encoding="utf-8")
    result = runner.invoke(main, args)
    assert result.exit_code == 0 and parsed == [smaller.name]
    assert "kept 1 unchanged report of the index in service; analysed 1" in result.output
    assert len(list((current_generation(tmp_path / "ix") / PARSED).glob("*.pickle.gz"))) == 2
    parsed.clear()
    result = runner.invoke(main, [*args, "--full"])
    assert result.exit_code == 0 and sorted(parsed) == sorted(f.name for f in files)
    assert "analysed" not in result.output


def test_segments_merged_past_the_limit_keep_the_statistics_of_a_full_build(tmp_path, three, monkeypatch):
    """Each incremental build adds a segment; past MAX_SEGMENTS the smallest are merged, and
    Whoosh's merge (which sums byte-rounded field lengths) must not shift the scores."""
    import indexer.incremental

    monkeypatch.setattr(indexer.incremental, "MAX_SEGMENTS", 2)
    first, second = three[0], three[1]
    build_index([first, second], tmp_path / "inc")
    assert not build_index([first, second, later(first, 4)], tmp_path / "inc").full
    summary = build_index([first, second, later(first, 4), later(first, 5)], tmp_path / "inc")
    assert not summary.full
    from whoosh import index as whoosh_index

    ix = whoosh_index.open_dir(str(current_generation(tmp_path / "inc")))
    try:
        assert len(ix._segments()) <= 2
    finally:
        ix.close()
    build_index([first, second, later(first, 4), later(first, 5)], tmp_path / "full", full=True)
    assert_same_to_a_reader(tmp_path / "inc", tmp_path / "full")


def test_the_server_answers_from_an_incremental_build_without_restart(tmp_path, three):
    from web import create_app

    build_index(three[:2], tmp_path)
    client = create_app({"INDEX_ROOT": tmp_path, "TESTING": True}).test_client()
    assert client.get("/p/gxszflgj-110-3.2-1").status_code == 404
    assert not build_index(three, tmp_path).full
    assert [r["id"] for r in client.get("/api/reports").get_json()] == [r.id for r in three]
    assert client.get("/p/gxszflgj-110-3.2-1").status_code == 200
    assert client.get("/api/search?q=勞資爭議&year=110").get_json()["total"] > 0
